"""The report HTML (golden files), its escaping, labels, chart geometry and glyph cleaning.

No PDF is rendered here. Rewrite the golden files after an intended change with
`python -m pytest tests/test_report_html.py --update-golden`.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.locale import label
from hawkama.report import charts
from hawkama.report.batch import from_scored
from hawkama.report.glyphs import clean
from hawkama.report.html import environment, prepare
from hawkama.service import score_files

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini"
DATA = ROOT / "tests" / "data" / "report"
GOLDEN = ROOT / "tests" / "golden"
WHEN = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)


def html_of(path: Path, lang: str) -> str:
    scored = score_files([path], MINI)[0]
    return prepare(from_scored(scored), lang, WHEN, f"{scored.assessment.project.id}.pdf")[0]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_html_matches_golden(lang: str, request: pytest.FixtureRequest) -> None:
    html = html_of(DATA / "reviewed.yaml", lang)
    golden = GOLDEN / f"report-reviewed.{lang}.html"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8")


def test_arabic_layout_is_right_to_left() -> None:
    html = html_of(DATA / "reviewed.yaml", "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<bdi dir="ltr" class="code">REV-2026-001</bdi>' in html
    assert '<bdi dir="ltr" class="code">2026-11-26</bdi>' in html
    assert "\u2192" not in html  # no glyph the bundled fonts lack
    for key in ("exec_summary", "committee", "annex", "signatures"):
        assert label(f"report.{key}", "ar") in html


def test_user_text_is_escaped_and_cleaned() -> None:
    html = html_of(DATA / "hostile.yaml", "en")
    assert "<img" not in html and "<script" not in html and "<link rel=stylesheet" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "[U+202E]" in html and "\u202e" not in html
    assert "[U+1F600]" in html
    assert "A" * 64 + "\u200b" in html  # a break offered inside the 10,000-character word
    assert "A" * 65 not in html


def test_environment_is_strict_and_cached() -> None:
    env = environment()
    assert env is environment()
    assert env.autoescape is not False
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_clean_keeps_ordinary_text() -> None:
    text = "Damietta — دمياط 2026-11-26 × 50% «x»\nnext line"
    assert clean(text) == text
    assert clean("a\u202eb\u2066c") == "a[U+202E]b[U+2066]c"
    assert clean("x\u2192y") == "x[U+2192]y"


def test_bars_mirror_right_to_left() -> None:
    ltr = charts.bar_pair(50.0, 25.0, 100.0, (3, 2), rtl=False)
    rtl = charts.bar_pair(50.0, 25.0, 100.0, (3, 2), rtl=True)
    assert ltr.bars[0].x == 0 and ltr.bars[0].w == charts.BAR_W / 2
    assert rtl.bars[1].x == charts.BAR_W * 3 / 4 and rtl.bars[1].w == charts.BAR_W / 4
    assert ltr.bars[1].colour == charts.band_colour(2)


def test_heat_map_places_inherent_and_residual() -> None:
    hm = charts.heat_map([((4, 3), (5, 5)), ((2, 2), (2, 2))], 5, 5)
    assert len(hm.cells) == 25
    moved, still = hm.markers
    assert moved.moved and not still.moved
    assert moved.cx1 < moved.cx0  # likelihood went down: residual to the left
    mirrored = charts.heat_map([((4, 3), (5, 5))], 5, 5, rtl=True).markers[0]
    assert mirrored.cx1 > mirrored.cx0
    assert mirrored.cx0 + moved.cx0 == pytest.approx(hm.width)


def test_format_html_writes_files_and_no_progress_bar_off_a_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "report",
            str(DATA / "reviewed.yaml"),
            str(MINI / "low.yaml"),
            "--policy",
            str(MINI),
            "--format",
            "html",
            "--lang",
            "fr",
            "--date",
            "2026-11-26",
            "-o",
            str(tmp_path),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "Rendering" not in result.stderr  # the bar is drawn on a terminal only
    html = (tmp_path / "REV-2026-001.fr.html").read_text(encoding="utf-8")
    assert "Synthèse" in html and "Procès-verbal du comité" in html
    assert (tmp_path / "MINI-1.fr.html").is_file()


def test_help_and_html_do_not_import_weasyprint(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from hawkama.cli import cli\n"
        "r = CliRunner()\n"
        "assert r.invoke(cli, ['--help']).exit_code == 0\n"
        "assert r.invoke(cli, ['report', '--help']).exit_code == 0\n"
        f"res = r.invoke(cli, ['report', {str(MINI / 'low.yaml')!r}, '--policy', {str(MINI)!r},"
        f" '--format', 'html', '-o', {str(tmp_path)!r}])\n"
        "assert res.exit_code == 0, res.output\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

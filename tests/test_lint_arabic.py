"""`hawkama rubric check`, Arabic usage (issue 13): a glossary term missing from the Arabic,
the second spelling of مسؤول and a second form of address are located problems; the shipped
rubrics and the clean case have none."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.lint import check

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "tests" / "data" / "lint" / "arabic"


def test_each_arabic_slip_is_reported_on_its_line_through_the_cli() -> None:
    result = CliRunner().invoke(cli, ["rubric", "check", str(CASE)], catch_exceptions=False)
    assert result.exit_code == 2
    lines = [line.strip() for line in result.stderr.splitlines()[1:]]
    demo = str(CASE / "demo.yaml")
    assert len(lines) == 5
    assert lines[0].startswith(f"{demo}:14:")
    assert "questions[0].text.ar: the English uses the glossary term 'personal data'" in lines[0]
    assert lines[1].startswith(f"{demo}:23:")
    assert "questions[1].text.ar: spelling «مسئول»: write «مسؤول»" in lines[1]
    assert lines[2].startswith(f"{demo}:33:")
    assert "questions[2].help.ar:" in lines[2] and "in the plural" in lines[2]
    # A past tense in the second person plural («هل وثّقتم») is plural address too.
    assert lines[3].startswith(f"{demo}:41:")
    assert "questions[3].text.ar: «وثقتم» addresses the reader in the plural" in lines[3]
    # The glossary writes «التعرُّف» with a shadda; D-05's help, which keeps it, is not reported.
    assert lines[4].startswith(f"{demo}:49:")
    assert (
        "questions[4].text.ar: «التعرف» without the shadda of the glossary's «التعرُّف»" in lines[4]
    )


def test_inflected_glossary_terms_count_as_used() -> None:
    # D-02's help writes «البيانات الشخصية» after a preposition and with diacritics elsewhere;
    # only D-01, which paraphrases the term, is reported.
    paths = [p.path for p in check(CASE) if "glossary term" in p.message]
    assert paths == ["questions[0].text.ar"]


def test_shipped_rubrics_and_a_case_without_a_glossary_are_clean() -> None:
    assert check(ROOT / "rubrics") == []
    assert check(ROOT / "tests" / "data" / "lint" / "clean") == []

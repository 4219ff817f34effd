"""Output files: never replaced without --force, never half-written, never outside the folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from hawkama.cli import cli
from tests.conftest import MINI, ROOT


def invoke(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_report_refuses_to_replace_without_force(tmp_path: Path) -> None:
    args = [
        "report",
        str(MINI / "low.yaml"),
        "--policy",
        str(MINI),
        "--format",
        "html",
        "-o",
        str(tmp_path),
    ]
    first = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert first.exit_code == 0
    target = tmp_path / "MINI-1.html"
    target.write_text("issued earlier", encoding="utf-8")
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 2
    assert f"{target}: already exists; pass --force to replace it" in second.stderr
    assert target.read_text(encoding="utf-8") == "issued earlier"
    forced = CliRunner().invoke(cli, [*args, "--force"], catch_exceptions=False)
    assert forced.exit_code == 0
    assert "MINI-1" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["MINI-1.html"]  # no temporary file left


def test_new_refuses_to_replace_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("# my notes\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", "--policy", str(MINI), "-o", str(target)])
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "# my notes\n"


def test_portfolio_output_refuses_to_replace_without_force(tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    out.write_text("keep", encoding="utf-8")
    shutil.copy(MINI / "low.yaml", tmp_path / "low.yaml")
    result = CliRunner().invoke(
        cli,
        [
            "portfolio",
            str(tmp_path / "low.yaml"),
            "--policy",
            str(MINI),
            "--format",
            "csv",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "keep"


def test_crafted_project_id_cannot_escape(tmp_path: Path) -> None:
    text = (MINI / "low.yaml").read_text(encoding="utf-8").replace("id: MINI-1", "id: ../../escape")
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["report", str(path), "--policy", str(MINI), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "project.id: '../../escape' is not valid here" in result.stderr
    assert not out.exists()
    assert not (tmp_path.parent / "escape.html").exists()


def test_import_refuses_to_replace_an_earlier_import(tmp_path: Path) -> None:
    survey = ROOT / "tool" / "hawkama" / "data" / "aia" / "survey-enfr.v1.0.1.json"  # shipped
    first = CliRunner().invoke(
        cli, ["import", "aia", str(survey), "-o", str(tmp_path)], catch_exceptions=False
    )
    assert first.exit_code == 0
    again = CliRunner().invoke(cli, ["import", "aia", str(survey), "-o", str(tmp_path)])
    assert again.exit_code == 2
    assert "already exists; pass --force to replace it" in again.stderr

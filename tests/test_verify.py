"""`hawkama verify` on a good report, on tampered copies, and on files that are not reports."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from hawkama.errors import InputError
from hawkama.report.verify import _place

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "report"
NESTED = DATA / "nested"  # the policy names its rubric as dims/privacy.yaml


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("verify")
    result = run(
        "report",
        str(DATA / "reviewed.yaml"),
        "--policy",
        str(NESTED),
        "--date",
        "2026-11-26",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    return out / "REV-2026-001.pdf"


def tamper(src: Path, dst: Path, name: str, old: bytes, new: bytes) -> Path:
    """Rewrite one attachment of ``src`` with pypdf, as someone editing the file would."""
    writer = pypdf.PdfWriter(clone_from=src)
    hit = False
    for f in writer.attachment_list:
        if f.name == name:
            assert old in f.content
            f.content = f.content.replace(old, new)
            hit = True
    assert hit, name
    writer.write(dst)
    return dst


def test_a_good_report_verifies(report: Path) -> None:
    names = set(pypdf.PdfReader(report).attachments)
    assert "policy/dims/privacy.yaml" in names  # the rubric keeps the name the policy uses
    result = run("verify", str(report))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK ")
    assert "verdict LOW_RISK" in result.output


def test_a_changed_answer_is_reported(report: Path, tmp_path: Path) -> None:
    bad = tamper(
        report,
        tmp_path / "t.pdf",
        "assessment/reviewed.yaml",
        b"P3: [plan]",
        b"P3: [plan, enforce]",
    )
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert result.exit_code == 1
    out = result.output
    assert "MISMATCH" in out
    assert (
        "answer P3: recorded ['plan'], the embedded assessment now gives ['plan', 'enforce']" in out
    )
    assert "assessment hash: recorded" in out
    assert "verdict: recorded LOW_RISK, re-scored HIGH_RISK_WITH_CONDITIONS" in out
    assert "attachment assessment/reviewed.yaml changed after the report was issued" in out


def test_a_changed_rubric_is_reported(report: Path, tmp_path: Path) -> None:
    option = "{id: c, text: {en: Identifiable, ar: قابلة للتعريف}, weight: %d}"
    bad = tamper(
        report,
        tmp_path / "t.pdf",
        "policy/dims/privacy.yaml",
        (option % 2).encode(),
        (option % 4).encode(),
    )
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert result.exit_code == 1
    assert "policy hash: recorded" in result.output
    assert "(a different rubric)" in result.output


def test_an_edited_result_is_reported(report: Path, tmp_path: Path) -> None:
    bad = tamper(
        report, tmp_path / "t.pdf", "result.json", b'"id": "LOW_RISK"', b'"id": "PROHIBITED"'
    )
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert result.exit_code == 1
    assert "verdict: recorded PROHIBITED, re-scored LOW_RISK" in result.output
    assert "attachment result.json changed" in result.output


def test_not_a_pdf(tmp_path: Path) -> None:
    f = tmp_path / "x.pdf"
    f.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(f)])
    assert result.exit_code == 2
    assert "not a Hawkama report: not a PDF file" in result.output


def test_a_pdf_without_hawkama_attachments(tmp_path: Path) -> None:
    f = tmp_path / "plain.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.write(f)
    result = CliRunner().invoke(cli, ["verify", str(f)])
    assert result.exit_code == 2
    assert "no hawkama.json attachment" in result.output


def test_attachment_names_stay_in_the_temporary_folder(tmp_path: Path) -> None:
    assert _place(tmp_path, "policy/../shared/x.yaml", 1) == tmp_path / "d" / "shared" / "x.yaml"
    for name in ["/etc/passwd", "policy/../../x.yaml", "../x"]:
        with pytest.raises(InputError):
            _place(tmp_path, name, 0)


def test_a_manifest_naming_other_files_is_refused(report: Path, tmp_path: Path) -> None:
    manifest = pypdf.PdfReader(report).attachments["hawkama.json"][0]
    data = json.loads(manifest)
    data["rubrics"] = ["/etc/passwd"]
    bad = tamper(report, tmp_path / "t.pdf", "hawkama.json", manifest, json.dumps(data).encode())
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output

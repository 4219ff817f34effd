"""`hawkama verify` on a good report, on tampered copies, and on files that are not reports."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner, Result
from pypdf import PageObject
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from hawkama.cli import cli
from hawkama.errors import InputError
from hawkama.report.bundle import result_json
from hawkama.report.verify import _place
from hawkama.service import score_files

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


@pytest.fixture(scope="module")
def prohibited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A genuine report of an edited copy of the same assessment (same project id), PROHIBITED."""
    out = tmp_path_factory.mktemp("prohibited")
    edited = out / "src" / "reviewed.yaml"
    edited.parent.mkdir()
    edited.write_text(edited_text(), encoding="utf-8")
    result = run(
        "report", str(edited), "--policy", str(NESTED), "--date", "2026-11-26", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    return out / "REV-2026-001.pdf"


def edited_text() -> str:
    return (
        (DATA / "reviewed.yaml")
        .read_text(encoding="utf-8")
        .replace("P3: [plan]", "P3: [plan, social]")
    )


def verify_fails(pdf: Path, *wanted: str) -> str:
    result = CliRunner().invoke(cli, ["verify", str(pdf)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    for want in wanted:
        assert want in result.output, result.output
    return result.output


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
    assert "signature: none: the report is not signed, so nobody vouches for it" in result.output


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


# The forgeries of issue 15, each made with pypdf as an adversary would.


def test_pages_of_one_report_with_the_sources_of_another(
    report: Path, prohibited: Path, tmp_path: Path
) -> None:
    writer = pypdf.PdfWriter(clone_from=prohibited)
    for i in reversed(range(len(writer.pages))):
        writer.remove_page(i)
    for page in pypdf.PdfReader(report).pages:
        writer.add_page(page)
    writer.write(tmp_path / "f.pdf")
    # The sources re-score to what the file records: only the pages give it away.
    out = verify_fails(
        tmp_path / "f.pdf",
        "sources: holds",
        "pages: differs",
        "page 1: reads 'Low risk LOW_RISK', the sources give 'Prohibited PROHIBITED'",
    )
    assert "verdict LOW_RISK" not in out


def test_an_edited_assessment_with_every_hash_recomputed(report: Path, tmp_path: Path) -> None:
    edited = tmp_path / "reviewed.yaml"
    edited.write_text(edited_text(), encoding="utf-8")
    result = score_files([edited], NESTED)[0].result  # what the forger recomputes
    new = {
        "assessment/reviewed.yaml": edited.read_bytes(),
        "result.json": result_json(result).encode(),
    }
    writer = pypdf.PdfWriter(clone_from=report)
    manifest = json.loads(pypdf.PdfReader(report).attachments["hawkama.json"][0])
    for name, data in new.items():
        manifest["sha256"][name] = hashlib.sha256(data).hexdigest()
    new["hawkama.json"] = json.dumps(manifest).encode()
    for f in writer.attachment_list:
        if f.name in new:
            f.content = new[f.name]
    writer.add_metadata({"/verdict": result.verdict.id, "/assessmenthash": result.assessment_hash})
    writer.write(tmp_path / "f.pdf")
    verify_fails(
        tmp_path / "f.pdf",
        "pages: differs",
        "page 1: reads 'Low risk LOW_RISK', the sources give 'Prohibited PROHIBITED'",
        "report id: recorded 'HWK-",
    )


def overlay(page: PageObject, text: bytes) -> None:
    """Stamp ``text`` in Helvetica over ``page``, as a PDF editor's "add text" does."""
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    stamp = PageObject.create_blank_page(width=page.mediabox.width, height=page.mediabox.height)
    stamp[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/FStamp"): font})}
    )
    content = ContentStream(None, None)
    content.set_data(b"BT /FStamp 30 Tf 60 420 Td (" + text + b") Tj ET")
    stamp.replace_contents(content)
    page.merge_page(stamp)


def test_an_overlay_on_the_cover(report: Path, tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=report)
    overlay(writer.pages[0], b"LOW RISK - APPROVED")
    writer.write(tmp_path / "f.pdf")
    verify_fails(
        tmp_path / "f.pdf",
        "sources: holds",
        "page 1: reads 'LOW RISK - APPROVED', which the sources do not give",
    )


def test_an_annotation_on_the_cover(report: Path, tmp_path: Path) -> None:
    from pypdf.annotations import FreeText

    writer = pypdf.PdfWriter(clone_from=report)
    writer.add_annotation(0, FreeText(text="LOW RISK - APPROVED", rect=(50, 400, 500, 450)))
    writer.write(tmp_path / "f.pdf")
    verify_fails(
        tmp_path / "f.pdf",
        "page 1: carries a /FreeText annotation ('LOW RISK - APPROVED') the sources do not give",
    )


def test_a_blanked_cover(report: Path, tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=report)
    writer.pages[0].replace_contents(ContentStream(None, None))
    writer.write(tmp_path / "f.pdf")
    verify_fails(tmp_path / "f.pdf", "page 1: is blank, the sources give 'Audit report")


def test_every_page_but_the_cover_removed(report: Path, tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=report)
    n = len(writer.pages)
    for i in reversed(range(1, n)):
        writer.remove_page(i)
    writer.write(tmp_path / "f.pdf")
    verify_fails(
        tmp_path / "f.pdf",
        f"the file has 1 page(s), the sources give {n}",
        f"pages 2-{n} of the sources: missing from the file (after page 1)",
    )


def test_verdict_and_hash_metadata_deleted_and_the_id_zeroed(report: Path, tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=report)
    info = dict(writer.metadata or {})
    for key in ("/verdict", "/policyhash", "/assessmenthash"):
        del info[key]
    info["/reportid"] = "HWK-0000000000"
    writer.metadata = info
    writer.write(tmp_path / "f.pdf")
    verify_fails(
        tmp_path / "f.pdf",
        "PDF metadata verdict is missing (the sources give LOW_RISK)",
        "PDF metadata assessmenthash is missing",
        "report id: recorded 'HWK-0000000000', the sources and issue date give 'HWK-",
    )


def test_json_output(report: Path, tmp_path: Path) -> None:
    good = json.loads(run("verify", "--format", "json", str(report)).output)
    assert good["ok"] is True
    assert good["checks"]["sources"] == good["checks"]["pages"] == "holds"
    writer = pypdf.PdfWriter(clone_from=report)
    writer.remove_page(len(writer.pages) - 1)
    writer.write(tmp_path / "f.pdf")
    result = CliRunner().invoke(cli, ["verify", "--format", "json", str(tmp_path / "f.pdf")])
    assert result.exit_code == 1
    bad = json.loads(result.output)
    assert bad["ok"] is False
    assert bad["checks"]["pages"] == "differs"
    assert any("missing from the file" in d for d in bad["differences"])
    plain = tmp_path / "x.pdf"
    plain.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", "--format", "json", str(plain)])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"].endswith("not a Hawkama report: not a PDF file")


def test_another_renderer_compares_the_text_of_each_page(report: Path, tmp_path: Path) -> None:
    manifest = pypdf.PdfReader(report).attachments["hawkama.json"][0]
    data = json.loads(manifest)
    data["issued"]["renderer"]["weasyprint"] = "0.1"
    older = tamper(
        report, tmp_path / "old.pdf", "hawkama.json", manifest, json.dumps(data).encode()
    )
    result = run("verify", str(older))
    assert result.exit_code == 0, result.output
    assert "pages: holds (text only)" in result.output
    assert "note: rendered with a different weasyprint '0.1' (installed " in result.output
    writer = pypdf.PdfWriter(clone_from=older)
    overlay(writer.pages[1], b"Approved")
    writer.write(tmp_path / "f.pdf")
    verify_fails(
        tmp_path / "f.pdf",
        "page 2: reads 'Approved', which the sources do not give",
        "only the text of each page was compared",
    )


def test_a_fresh_report_of_an_edited_copy_is_not_in_the_register(
    report: Path, prohibited: Path
) -> None:
    book = report.parent / "register.jsonl"
    good = run("verify", "--register", str(book), str(report))
    assert good.exit_code == 0, good.output
    assert f"register: holds: line 1 of {book}: issued 2026-11-26" in good.output
    # Internally consistent, so it passes on its own; the register gives it away.
    assert run("verify", str(prohibited)).exit_code == 0
    rid = pypdf.PdfReader(report).metadata["/reportid"]
    result = CliRunner().invoke(cli, ["verify", "--register", str(book), str(prohibited)])
    assert result.exit_code == 1
    assert f"not in the register {book}: no HWK-" in result.output
    assert f"(it lists {rid} on line 1 for project REV-2026-001)" in result.output
    assert "register: differs" in result.output


def test_a_manifest_nested_too_deep_is_refused(report: Path, tmp_path: Path) -> None:
    # Issue #12, item 6: JSON nested 100,000 deep was a RecursionError traceback.
    manifest = pypdf.PdfReader(report).attachments["hawkama.json"][0]
    deep = b'{"x": ' + b"[" * 100_000 + b"]" * 100_000 + b", "
    bad = tamper(report, tmp_path / "deep.pdf", "hawkama.json", b"{", deep)
    assert manifest.startswith(b"{")
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert (
        "its hawkama.json is not JSON (hawkama.json:1:70: nesting deeper than 64 levels)"
        in result.output
    )


def test_a_truncated_report_is_one_line_without_library_logging(
    report: Path, tmp_path: Path
) -> None:
    # A subprocess: pytest's own log capture would hide what pypdf prints on a terminal.
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(report.read_bytes()[:30_000])
    done = subprocess.run(
        [sys.executable, "-m", "hawkama", "verify", str(cut)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "EOF marker" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr  # our error, and nothing before it
    assert done.stderr.startswith(f"Error: {cut}: not a Hawkama report: the PDF cannot be read")


def test_a_signature_widget_the_form_does_not_list(report: Path, tmp_path: Path) -> None:
    # A drawn "signature" that is no signature: no form field, no value, nothing to validate.
    from pypdf.generic import ArrayObject, FloatObject, TextStringObject

    writer = pypdf.PdfWriter(clone_from=report)
    widget = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Sig"),
            NameObject("/T"): TextStringObject("Approved"),
            NameObject("/Contents"): TextStringObject("Signed: the committee"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 50, 300, 100)]),
        }
    )
    page = writer.pages[-1]
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(widget)])
    writer.write(tmp_path / "f.pdf")
    out = verify_fails(tmp_path / "f.pdf", "signature: none: the report is not signed")
    assert (
        f"page {len(writer.pages)}: carries a /Widget annotation ('Signed: the committee') the sources do not give"
        in out
    )


def test_a_report_that_does_not_record_its_rendering(report: Path, tmp_path: Path) -> None:
    # Reports made before the manifest kept `issued`: date, language and file name are
    # taken from the PDF itself, and only the text of each page can be compared.
    manifest = pypdf.PdfReader(report).attachments["hawkama.json"][0]
    data = json.loads(manifest)
    del data["issued"]
    older = tamper(
        report, tmp_path / "old.pdf", "hawkama.json", manifest, json.dumps(data).encode()
    )
    result = run("verify", str(older))
    assert result.exit_code == 0, result.output
    assert "pages: holds (text only)" in result.output
    assert "note: the report does not record what rendered it" in result.output

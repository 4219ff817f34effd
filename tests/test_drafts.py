"""hawkama draft dpia|fria|letter: drafts from the answers, through the real CLI."""

from __future__ import annotations

import json
import shutil
from html import escape as _escape
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner, Result
from docx.oxml.ns import qn
from docx.table import Table

from hawkama.cli import cli
from hawkama.drafts import mapping
from hawkama.locale import label
from hawkama.locale import text as i18n_text
from hawkama.policy.load import load_policy_set
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "assessments").glob("*.yaml"))
QEN = next(p for p in SAMPLES if p.name.startswith("qen-2026-002"))
DATE = "2026-05-01"
ARABIC = tuple(chr(c) for c in range(0x0621, 0x064B))


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def scored() -> dict[str, dict[str, Any]]:
    """The engine's own result per sample (expectations are computed, never hard-coded)."""
    out = invoke("score", *map(str, SAMPLES), "--format", "json", "--detail")
    assert out.exit_code == 0, out.output
    return {r["project"]["id"]: r for r in json.loads(out.output)}


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    return scored()


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every sample, dpia/fria/letter, en and ar, as DOCX and HTML (cheap: no PDF)."""
    out = tmp_path_factory.mktemp("drafts")
    for kind in ("dpia", "fria", "letter"):
        for lang in ("en", "ar"):
            r = invoke(
                "draft",
                kind,
                *map(str, SAMPLES),
                "-o",
                str(out),
                "--lang",
                lang,
                "--format",
                "docx",
                "--format",
                "html",
                "--date",
                DATE,
            )
            assert r.exit_code == 0, r.output
    return out


def docx_text(path: Path) -> str:
    """Paragraphs and table cells in document order."""
    parts = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            parts += [c.text for row in block.rows for c in row.cells]
        else:
            parts.append(block.text)
    return "\n".join(parts)


def name(pid: str, kind: str, lang: str, ext: str) -> str:
    return f"{pid}.{kind}{'' if lang == 'en' else '.' + lang}.{ext}"


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("kind", ["dpia", "fria", "letter"])
def test_each_sample_each_document_each_language(
    drafted: Path, results: dict[str, dict[str, Any]], kind: str, lang: str
) -> None:
    for pid, r in results.items():
        path = drafted / name(pid, kind, lang, "docx")
        text = docx_text(path)
        # Every document names the assessment file, its hash and the policy version.
        assert r["assessment_hash"] in text
        assert f"{r['policy_id']} {r['policy_version']}" in text
        assert DATE in text
        html = (drafted / name(pid, kind, lang, "html")).read_text(encoding="utf-8")
        assert r["assessment_hash"] in html
        assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in html


def test_arabic_docx_paragraphs_are_right_to_left(drafted: Path) -> None:
    d = docx.Document(str(drafted / name("QEN-2026-002", "dpia", "ar", "docx")))
    paragraphs = list(d.paragraphs) + [
        p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    arabic = [p for p in paragraphs if any(ch in p.text for ch in ARABIC)]
    assert len(arabic) > 20
    for p in arabic:
        ppr = p._p.pPr
        assert ppr is not None and ppr.find(qn("w:bidi")) is not None, p.text
        for run in p.runs:
            if any(ch in run.text for ch in ARABIC):
                assert run._r.rPr.find(qn("w:rtl")) is not None, run.text
    # The Arabic font is the complex-script font of the document's styles.
    fonts = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == "Noto Naskh Arabic"
    assert d.core_properties.language == "ar-EG"


def test_english_docx_is_left_to_right(drafted: Path) -> None:
    d = docx.Document(str(drafted / name("QEN-2026-002", "dpia", "en", "docx")))
    assert all(p._p.pPr is None or p._p.pPr.find(qn("w:bidi")) is None for p in d.paragraphs)


@pytest.mark.parametrize("kind", ["dpia", "fria"])
def test_every_mapped_question_is_an_answer_or_a_marked_gap(
    drafted: Path, results: dict[str, dict[str, Any]], kind: str
) -> None:
    ps = load_policy_set(ROOT / "rubrics")
    docs = mapping.load(ps)
    sections = getattr(docs, kind).sections
    ids = {q for s in sections for sel in s.questions for q in mapping.select(ps, sel)}
    gap = label("drafts.gap_unanswered", "en")
    unknown = label("drafts.gap_unknown", "en")
    na = label("drafts.not_applicable", "en")
    checked = 0
    for pid, r in results.items():
        if kind == "fria" and not r["values"].get("fria_required"):
            continue
        html = (drafted / name(pid, kind, "en", "html")).read_text(encoding="utf-8")
        # One block per entry, up to the next heading or the section's own gaps.
        cut = label("drafts.gap", "en")
        blocks = {
            b.split('"', 1)[0]: b.split("<h2>")[0].split(cut)[0]
            for b in html.split('<div class="entry" id="q-')[1:]
        }
        by_id = {q["id"]: q for q in r["questions"]}
        for qid in ids:
            q = by_id[qid]
            block = blocks[qid.removeprefix("intake.")]
            checked += 1
            if not q["applies"]:
                # Nothing filled for a question that does not apply, even if answered.
                assert na in block and "Answer:" not in block, (pid, qid)
            elif q["unknown"]:
                assert html_escape(unknown) in block, (pid, qid)
            elif not q["answered"]:
                assert gap in block, (pid, qid)
            else:
                assert "Answer:" in block and "GAP" not in block, (pid, qid)
                if q["note"]:
                    assert html_escape(label("drafts.note", "en")) in block
    assert checked > 50


def test_dpia_opens_with_whether_it_is_required(
    drafted: Path, results: dict[str, dict[str, Any]]
) -> None:
    for pid, r in results.items():
        v = r["values"]
        key = (
            "dpia_mandatory"
            if v.get("dpia_mandatory")
            else "dpia_required"
            if v.get("dpia_required")
            else None
        )
        text = docx_text(drafted / name(pid, "dpia", "en", "docx"))
        opening = text[: text.index("Systematic description")]
        if key:
            assert label(f"drafts.{key}", "en") in opening, pid
            assert f"{v['dpia_criteria']} of 9" in opening
        else:
            assert "Yes:" not in opening


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dpia_opening_lists_each_wp248_criterion_as_the_engine_computed_it(
    drafted: Path, results: dict[str, dict[str, Any]], lang: str
) -> None:
    ps = load_policy_set(ROOT / "rubrics")
    criteria = mapping.load(ps).dpia.criteria
    assert len(criteria) == 9
    names = {v.id: v.label for rb in ps.rubrics for v in rb.scoring.values}
    first = i18n_text(mapping.load(ps).dpia.sections[0].title, lang)
    unknown_seen = 0
    for pid, r in results.items():
        v = r["values"]
        text = docx_text(drafted / name(pid, "dpia", lang, "docx"))
        opening = text[: text.index(first)]

        def row(c: str, status: str) -> str:
            return f"{i18n_text(names[c], lang)}\n{label(f'drafts.{status}', lang)} ({label('drafts.decided_by', lang)}"

        met = [c for c in criteria if row(c, "criterion_met") in opening]
        # Exactly the criteria the engine's result says are met, and they add up to its count.
        assert met == [c for c in criteria if v[c] is True], (pid, lang)
        assert len(met) == v["dpia_criteria"], (pid, lang)
        assert f"{v['dpia_criteria']} {label('drafts.criteria_of', lang)}" in opening
        for c in criteria:
            assert i18n_text(names[c], lang) in opening, (pid, c)
        # A criterion not met whose question was answered "don't know" is shown as unknown.
        questions = {q["id"]: q for q in r["questions"]}
        for c, qid in (("wp248_6", "PRV-05"), ("wp248_3", "PRV-03")):
            q = questions[qid]
            if not v[c] and q["applies"] and q["unknown"]:
                unknown_seen += 1
                assert f"{row(c, 'criterion_unknown')} {qid})" in opening, (pid, c)
    assert unknown_seen, "no sample answers a WP248 question with don't know"


def test_fria_is_a_note_where_not_required(
    drafted: Path, results: dict[str, dict[str, Any]]
) -> None:
    kinds = set()
    for pid, r in results.items():
        text = docx_text(drafted / name(pid, "fria", "en", "docx"))
        required = bool(r["values"].get("fria_required"))
        kinds.add(required)
        assert (label("drafts.fria_note_title", "en") in text) is (not required), pid
        assert ("Art 27(1)(f)" in text) is required, pid
    assert kinds == {True, False}, "the samples should cover both cases"


def test_letter_has_verdict_conditions_and_decision(
    drafted: Path, results: dict[str, dict[str, Any]]
) -> None:
    for pid, r in results.items():
        text = docx_text(drafted / name(pid, "letter", "en", "docx"))
        assert r["verdict"]["label"]["en"] in text
        for c in r["conditions"]:
            if c["kind"] != "prerequisite":
                assert c["text"]["en"] in text, (pid, c["id"])
        assert "Review decision" in text


def test_docx_is_deterministic_for_a_fixed_date(tmp_path: Path) -> None:
    for n in (1, 2):
        r = invoke(
            "draft",
            "dpia",
            str(QEN),
            "-o",
            str(tmp_path / str(n)),
            "--lang",
            "ar",
            "--format",
            "docx",
            "--date",
            DATE,
        )
        assert r.exit_code == 0, r.output
    a, b = (tmp_path / n / "QEN-2026-002.dpia.ar.docx" for n in ("1", "2"))
    assert a.read_bytes() == b.read_bytes()
    r = invoke(
        "draft",
        "dpia",
        str(QEN),
        "-o",
        str(tmp_path / "3"),
        "--lang",
        "ar",
        "--format",
        "docx",
        "--date",
        "2026-06-01",
    )
    assert (tmp_path / "3" / a.name).read_bytes() != a.read_bytes()


def test_existing_files_need_force(tmp_path: Path) -> None:
    args = ("draft", "letter", str(QEN), "-o", str(tmp_path), "--format", "html")
    assert invoke(*args).exit_code == 0
    r = invoke(*args)
    assert r.exit_code == 2 and "--force" in r.output
    assert invoke(*args, "--force").exit_code == 0


def test_bad_format_for_kind_is_a_usage_error(tmp_path: Path) -> None:
    r = invoke("draft", "dpia", str(QEN), "-o", str(tmp_path), "--format", "json")
    assert r.exit_code == 2 and "not available for dpia" in r.output
    assert not list(tmp_path.iterdir())


def _check_refuses(folder: Path, text: str, old: str, new: str, bad: str, why: str) -> None:
    """rubric check refuses the mapping with `old` replaced by `new`, located at `bad`."""
    path = folder / "documents.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    r = invoke("rubric", "check", str(folder))
    assert r.exit_code == 2
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if bad in t)
    assert f"documents.yaml:{line}:" in r.output
    assert f"{bad!r} {why} of policy smart-city" in r.output


def test_rubric_check_checks_the_mapping(tmp_path: Path) -> None:
    folder = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", folder, ignore=shutil.ignore_patterns("versions"))
    assert invoke("rubric", "check", str(folder)).exit_code == 0
    text = (folder / "documents.yaml").read_text(encoding="utf-8")
    _check_refuses(folder, text, "wp248_9]", "wp248_10]", "wp248_10", "names no computed value")
    _check_refuses(
        folder, text, "PRV-12, PRV-13]", "PRV-12, PRV-99]", "PRV-99", "names no question"
    )
    # A draft refuses a broken mapping with the same located error, and writes nothing.
    out = tmp_path / "out"
    r = invoke("draft", "dpia", str(QEN), "--policy", str(folder), "-o", str(out))
    assert r.exit_code == 2 and "PRV-99" in r.output and not out.exists()


def html_escape(text: str) -> str:
    """As Jinja's autoescape writes it (markupsafe: &#34; and &#39;)."""
    return _escape(text).replace("&quot;", "&#34;").replace("&#x27;", "&#39;")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory, results: dict[str, dict[str, Any]]) -> Path:
    """Few PDFs (rendering is slow): the Arabic DPIA of the Qena sample, one FRIA note."""
    out = tmp_path_factory.mktemp("pdfs")
    r = invoke("draft", "dpia", str(QEN), "-o", str(out), "--lang", "ar", "--date", DATE)
    assert r.exit_code == 0, r.output
    note = next(
        p for p in SAMPLES if not results[_project_id(p, results)]["values"].get("fria_required")
    )
    r = invoke("draft", "fria", str(note), "-o", str(out), "--format", "pdf", "--date", DATE)
    assert r.exit_code == 0, r.output
    return out


def _project_id(path: Path, results: dict[str, dict[str, Any]]) -> str:
    text = path.read_text(encoding="utf-8")
    return next(pid for pid in results if f"id: {pid}\n" in text)


def test_dpia_pdf_and_docx_in_arabic(pdfs: Path, results: dict[str, dict[str, Any]]) -> None:
    from pypdf import PdfReader

    assert (pdfs / "QEN-2026-002.dpia.ar.docx").is_file()
    reader = PdfReader(pdfs / "QEN-2026-002.dpia.ar.pdf")
    text = "".join(p.extract_text() for p in reader.pages)
    assert results["QEN-2026-002"]["assessment_hash"] in text
    assert QEN.name in text
    # PDF/A-3b with the sources embedded, as the audit reports.
    names = set(reader.attachments)
    assert f"assessment/{QEN.name}" in names and "result.json" in names
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>3</pdfaid:part>" in xmp or b'pdfaid:part="3"' in xmp


def test_fria_note_pdf(pdfs: Path) -> None:
    from pypdf import PdfReader

    (pdf,) = pdfs.glob("*.fria.pdf")
    reader = PdfReader(pdf)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) == 1
    assert "not required" in text


def test_letter_records_the_review(tmp_path: Path) -> None:
    path = tmp_path / QEN.name
    path.write_text(
        QEN.read_text(encoding="utf-8") + "\nreview:\n"
        "  reviewers: [{name: Mona Adel, role: chair}]\n"
        "  decision: reject\n"
        "  justification: Automated refusals without human review.\n"
        "  decided: 2026-05-02\n"
        "  conditions:\n"
        "    - {text: Add an offline appeal channel, owner: Social Solidarity Directorate,"
        " due: 2026-09-30}\n",
        encoding="utf-8",
    )
    for lang in ("en", "ar"):
        r = invoke(
            "draft",
            "letter",
            str(path),
            "-o",
            str(tmp_path / "out"),
            "--lang",
            lang,
            "--format",
            "docx",
            "--date",
            DATE,
        )
        assert r.exit_code == 0, r.output
        text = docx_text(tmp_path / "out" / name("QEN-2026-002", "letter", lang, "docx"))
        assert label("drafts.decision_reject", lang) in text
        assert "Automated refusals without human review." in text
        assert "Social Solidarity Directorate" in text and "2026-09-30" in text
        assert "2026-05-02" in text
        assert label("drafts.no_review", lang) not in text


def test_pdf_is_deterministic_for_a_fixed_date(tmp_path: Path) -> None:
    for n in ("1", "2"):
        r = invoke(
            "draft", "letter", str(QEN), "-o", str(tmp_path / n), "--format", "pdf", "--date", DATE
        )
        assert r.exit_code == 0, r.output
    a, b = (tmp_path / n / "QEN-2026-002.letter.pdf" for n in ("1", "2"))
    assert a.read_bytes() == b.read_bytes()

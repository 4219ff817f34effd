"""Render a draft as an editable DOCX (python-docx), right to left for Arabic.

Word lays a paragraph out right to left only when it says so (w:bidi on the paragraph,
w:rtl on its Arabic runs, w:bidiVisual on tables); the Arabic font is the complex-script
font (w:rFonts w:cs). The file is made deterministic by fixing the core-property dates
and rewriting the zip with fixed entry times.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from hawkama.drafts.model import Draft, Entry, Section
from hawkama.locale import label
from hawkama.report import glyphs

ARABIC_FONT = "Noto Naskh Arabic"
LATIN_FONT = "Noto Sans"
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
GAP_FILL = "FFF1E0"
# Word refuses elements out of schema order: each is inserted before its successors.
AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
AFTER_SECT_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
AFTER_BIDI_VISUAL = (
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
)
AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
HEAD_FILL = "EEF3F7"


def _fonts(rpr: BaseOxmlElement, lang: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), ARABIC_FONT)
    if lang == "ar":
        lang_el = OxmlElement("w:lang")
        lang_el.set(qn("w:val"), "en-GB")
        lang_el.set(qn("w:bidi"), "ar-EG")
        rpr.append(lang_el)


def _styles(doc: DocxDocument, lang: str) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        rpr = style.element.get_or_add_rPr()
        _fonts(rpr, lang)
        if lang == "ar":
            _bidi(style.element.get_or_add_pPr())
    doc.styles["Normal"].font.size = Pt(11 if lang == "ar" else 10)


def _bidi(ppr: BaseOxmlElement) -> None:
    if ppr.find(qn("w:bidi")) is None:
        ppr.insert_element_before(OxmlElement("w:bidi"), *AFTER_BIDI)


def _para(
    container: DocxDocument | _Cell,
    text: str,
    lang: str,
    style: str | None = None,
    bold: bool = False,
    size: float | None = None,
    colour: str | None = None,
) -> Paragraph:
    p: Paragraph = container.add_paragraph(style=style)
    _run(p, text, lang, bold, size, colour)
    _direction(p, text, lang)
    return p


def _direction(p: Paragraph, text: str, lang: str) -> None:
    # Every paragraph of an Arabic document runs right to left; Latin runs inside keep
    # their order because only runs with Arabic letters are marked w:rtl.
    if lang == "ar":
        _bidi(p._p.get_or_add_pPr())


def _run(
    p: Paragraph,
    text: str,
    lang: str,
    bold: bool = False,
    size: float | None = None,
    colour: str | None = None,
) -> None:
    run = p.add_run(glyphs.clean(text))
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    rpr = run._r.get_or_add_rPr()
    if ARABIC.search(text):
        rpr.insert_element_before(OxmlElement("w:rtl"), *AFTER_RTL)
        b = rpr.find(qn("w:b"))
        if b is not None:
            b.addnext(OxmlElement("w:bCs"))


def _shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _table(doc: DocxDocument, rows: int, cols: int, lang: str) -> Table:
    table: Table = doc.add_table(rows=rows, cols=cols)
    table.style = doc.styles["Table Grid"]
    if lang == "ar":
        table._tbl.tblPr.insert_element_before(OxmlElement("w:bidiVisual"), *AFTER_BIDI_VISUAL)
    return table


def _cell(cell: _Cell, text: str, lang: str, bold: bool = False, fill: str | None = None) -> None:
    p = cell.paragraphs[0]
    _run(p, text, lang, bold)
    _direction(p, text, lang)
    if fill:
        _shade(cell, fill)


def _rows(doc: DocxDocument, rows: list[tuple[str, str]], lang: str) -> None:
    table = _table(doc, len(rows), 2, lang)
    for (key, value), row in zip(rows, table.rows, strict=True):
        _cell(row.cells[0], key, lang, bold=True, fill=HEAD_FILL)
        _cell(row.cells[1], value, lang)


def _gap(doc: DocxDocument, mark: str, body: str, lang: str) -> None:
    table = _table(doc, 1, 1, lang)
    cell = table.rows[0].cells[0]
    _cell(cell, mark, lang, bold=True, fill=GAP_FILL)
    if body:
        _para(cell, body, lang)
    _para(cell, "", lang)


def _entry(doc: DocxDocument, e: Entry, lang: str) -> None:
    p = doc.add_paragraph()
    _run(p, e.id + " ", lang, bold=True)
    _run(p, e.question, lang, bold=True)
    _direction(p, e.question, lang)
    if e.status == "answered":
        _para(doc, f"{label('drafts.answer', lang)}: {'; '.join(e.answer)}", lang)
        if e.note:
            _para(doc, f"{label('drafts.note', lang)}: {e.note}", lang)
        for x in e.evidence:
            _para(doc, f"{label('drafts.evidence', lang)}: {x}", lang)
    elif e.status == "not_applicable":
        _para(doc, label("drafts.not_applicable", lang), lang, colour="777777", size=9)
    else:
        mark = label(
            "drafts.gap_unknown" if e.status == "unknown" else "drafts.gap_unanswered", lang
        )
        body = f"{label('drafts.note', lang)}: {e.note}" if e.note else ""
        _gap(doc, mark, body, lang)


def _section(doc: DocxDocument, s: Section, d: Draft) -> None:
    lang = d.lang
    _para(doc, s.title, lang, style="Heading 2")
    if s.ref:
        _para(doc, s.ref, lang, size=8.5, colour="555555")
    for text in s.paragraphs:
        _para(doc, text, lang)
    if s.rows:
        _rows(doc, s.rows, lang)
    for e in s.entries:
        _entry(doc, e, lang)
    if s.measures:
        rows = []
        for m in s.measures:
            head = m.id + (f" ({m.question})" if m.question else "")
            body = m.text + (f" - {m.status}" if m.status else "")
            if m.owner:
                body += f"; {label('drafts.by', lang)}: {m.owner}"
            if m.due:
                body += f"; {label('drafts.due', lang)}: {m.due}"
            rows.append((head, body))
        _rows(doc, rows, lang)
    for g in s.gaps:
        _gap(doc, label("drafts.gap", lang), g, lang)


def build_document(d: Draft) -> DocxDocument:
    lang = d.lang
    doc = Document()
    _styles(doc, lang)
    for sec in doc.sections:
        if lang == "ar":
            sec._sectPr.insert_element_before(OxmlElement("w:bidi"), *AFTER_SECT_BIDI)
        foot = sec.footer.paragraphs[0]
        _run(foot, f"{d.stamp.source}  SHA-256 {d.stamp.source_sha256[:16]}", lang, size=7)
    _para(doc, d.title, lang, style="Title")
    _para(doc, d.subtitle, lang, style="Subtitle" if "Subtitle" in doc.styles else None)
    for text in d.intro:
        _para(doc, text, lang, size=9, colour="123A5A")
    st = d.stamp
    source = "drafts.assessment_file" if d.kind != "questionnaire" else "drafts.policy_file"
    _rows(
        doc,
        [
            (label(source, lang), st.source),
            (label("drafts.sha256", lang), st.source_sha256),
            (label("drafts.policy", lang), f"{st.policy_id} {st.policy_version}"),
            (label("drafts.policy_sha256", lang), st.policy_sha256),
            (label("drafts.date", lang), st.date),
            (label("drafts.generator", lang), f"Hawkama {st.hawkama_version}"),
        ],
        lang,
    )
    for s in d.sections:
        _section(doc, s, d)
    props = doc.core_properties
    when = dt.datetime.fromisoformat(st.date)
    props.title = d.title
    props.subject = d.subtitle
    props.author = "Hawkama"
    props.last_modified_by = "Hawkama"
    props.keywords = f"Hawkama; {d.kind}; {st.policy_id} {st.policy_version}"
    props.comments = f"{st.source} sha256:{st.source_sha256}; policy sha256:{st.policy_sha256}"
    props.language = "ar-EG" if lang == "ar" else "en-GB"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    return doc


def fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry's time set to ``when`` (zip times start in 1980)."""
    stamp = max(when.replace(tzinfo=None), dt.datetime(1980, 1, 1))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(d: Draft, when: dt.datetime) -> bytes:
    buf = io.BytesIO()
    build_document(d).save(buf)
    return fixed_zip(buf.getvalue(), dt.datetime.fromisoformat(d.stamp.date))

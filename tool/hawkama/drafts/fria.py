"""The FRIA draft (AI Act Art 27(1)(a)-(f)), or a one-page note saying why none is needed."""

from __future__ import annotations

import datetime as dt

from hawkama.drafts.common import entries, mapped_section, project_rows, stamp
from hawkama.drafts.model import Draft, Section
from hawkama.locale import label, text
from hawkama.models.document_map import Documents
from hawkama.report.context import ReportInput

TIER_QUESTION = "RSK-00"


def required(inp: ReportInput) -> bool:
    """The engine's derived value (Annex III uses other than point 2), never recomputed."""
    return bool(inp.result.values.get("fria_required"))


def build(inp: ReportInput, docs: Documents, lang: str, date: dt.date) -> Draft:
    p = inp.assessment.project
    sub = f"{p.id} - {p.title}"
    if not required(inp):
        return note(inp, lang, date, sub)
    fm = docs.fria
    d = Draft("fria", lang, text(fm.title, lang), sub, stamp(inp, date))
    d.intro = [label("drafts.draft_notice", lang)]
    head = Section(
        title=label("drafts.fria_need", lang), paragraphs=[label("drafts.fria_required", lang)]
    )
    head.rows = project_rows(inp, lang)
    for f in inp.result.findings:
        if f.id.startswith("FRIA"):
            head.rows.append((label("drafts.finding", lang), text(f.title, lang)))
    head.rows.append((label("drafts.basis", lang), text(fm.basis, lang)))
    d.sections.append(head)
    d.sections += [mapped_section(inp, sm, lang) for sm in fm.sections]
    return d


def note(inp: ReportInput, lang: str, date: dt.date, sub: str) -> Draft:
    d = Draft("fria-note", lang, label("drafts.fria_note_title", lang), sub, stamp(inp, date))
    s = Section(title=label("drafts.fria_need", lang))
    tier = entries(inp, [TIER_QUESTION], lang) if TIER_QUESTION in inp.policy.questions else []
    answered = [e for e in tier if e.status == "answered"]
    s.paragraphs.append(
        label("drafts.fria_not_required" if answered else "drafts.fria_not_answered", lang)
    )
    s.paragraphs.append(label("drafts.good_practice", lang))
    s.rows = project_rows(inp, lang)
    s.entries = tier
    d.sections.append(s)
    return d

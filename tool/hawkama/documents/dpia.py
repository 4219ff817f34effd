"""The DPIA draft: GDPR Art 35(7)(a)-(d) matched to Egypt's PDPL, filled from the answers."""

from __future__ import annotations

import datetime as dt

from hawkama.documents.common import mapped_section, project_rows, stamp
from hawkama.documents.labels import label
from hawkama.documents.mapping import Documents
from hawkama.documents.model import Draft, Section
from hawkama.i18n import text
from hawkama.report.context import ReportInput


def need(inp: ReportInput, lang: str) -> Section:
    """Whether a DPIA is required and why: the engine's derived values and finding."""
    values = inp.result.values
    s = Section(title=label("dpia_need", lang))
    if values.get("dpia_mandatory"):
        s.paragraphs.append(label("dpia_mandatory", lang))
    elif values.get("dpia_required"):
        s.paragraphs.append(label("dpia_required", lang))
    elif inp.assessment.answers.get("intake.C-04") is not None and not any(
        q.applies for q in inp.result.questions if q.id.startswith("PRV-")
    ):
        s.paragraphs.append(label("dpia_no_personal_data", lang))
    else:
        s.paragraphs.append(label("dpia_not_required", lang))
    criteria = values.get("dpia_criteria")
    if criteria is not None:
        s.rows.append((label("criteria_met", lang), f"{criteria} {label('criteria_of', lang)}"))
    for f in inp.result.findings:
        if f.id.startswith("DPIA"):
            s.rows.append((label("finding", lang), f"{text(f.title, lang)}: {text(f.text, lang)}"))
    return s


def build(inp: ReportInput, docs: Documents, lang: str, date: dt.date) -> Draft:
    dm = docs.dpia
    d = Draft(
        "dpia",
        lang,
        text(dm.title, lang),
        f"{inp.assessment.project.id} - {inp.assessment.project.title}",
        stamp(inp, date),
    )
    d.intro = [label("draft_notice", lang)]
    head = need(inp, lang)
    head.rows = project_rows(inp, lang) + head.rows
    head.rows.append((label("basis", lang), text(dm.basis, lang)))
    d.sections.append(head)
    d.sections += [mapped_section(inp, sm, lang) for sm in dm.sections]
    return d

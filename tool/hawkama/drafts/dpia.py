"""The DPIA draft: GDPR Art 35(7)(a)-(d) matched to Egypt's PDPL, filled from the answers."""

from __future__ import annotations

import datetime as dt

from hawkama.drafts.common import mapped_section, project_rows, results, short_id, stamp
from hawkama.drafts.model import Draft, Section
from hawkama.locale import label, text
from hawkama.models.document_map import Documents
from hawkama.report.context import ReportInput


def criteria_rows(inp: ReportInput, ids: list[str], lang: str) -> list[tuple[str, str]]:
    """Each criterion as the engine computed it, with the questions its expression reads.

    Met or not is the computed value itself; "unknown" only says that a value which is not met
    rests on a question answered "don't know" or left unanswered, so it may yet be met.
    """
    ps = inp.policy
    labels = {v.id: v.label for rb in ps.rubrics for v in rb.scoring.values}
    by_id = results(inp)
    rows = []
    for vid in ids:
        deps = sorted(d for kind, d in ps.values[vid][0].deps if kind == "q" and d in by_id)
        qs = [by_id[d] for d in deps]
        if inp.result.values.get(vid):
            status = "drafts.criterion_met"
        elif any(q.applies and (q.unknown or not q.answered) for q in qs):
            status = "drafts.criterion_unknown"
        else:
            status = "drafts.criterion_not_met"
        decided = ", ".join(short_id(q) for q in deps)
        name = text(labels[vid], lang) if labels.get(vid) else vid
        rows.append((name, f"{label(status, lang)} ({label('drafts.decided_by', lang)} {decided})"))
    return rows


def need(inp: ReportInput, criteria_ids: list[str], lang: str) -> Section:
    """Whether a DPIA is required and why: the engine's derived values and finding."""
    values = inp.result.values
    s = Section(title=label("drafts.dpia_need", lang))
    if values.get("dpia_mandatory"):
        s.paragraphs.append(label("drafts.dpia_mandatory", lang))
    elif values.get("dpia_required"):
        s.paragraphs.append(label("drafts.dpia_required", lang))
    elif inp.assessment.answers.get("intake.C-04") is not None and not any(
        q.applies for q in inp.result.questions if q.id.startswith("PRV-")
    ):
        s.paragraphs.append(label("drafts.dpia_no_personal_data", lang))
    else:
        s.paragraphs.append(label("drafts.dpia_not_required", lang))
    criteria = values.get("dpia_criteria")
    if criteria is not None:
        s.rows.append(
            (label("drafts.criteria_met", lang), f"{criteria} {label('drafts.criteria_of', lang)}")
        )
    s.rows += criteria_rows(inp, criteria_ids, lang)
    for f in inp.result.findings:
        if f.id.startswith("DPIA"):
            s.rows.append(
                (label("drafts.finding", lang), f"{text(f.title, lang)}: {text(f.text, lang)}")
            )
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
    d.intro = [label("drafts.draft_notice", lang)]
    head = need(inp, dm.criteria, lang)
    head.rows = project_rows(inp, lang) + head.rows
    head.rows.append((label("drafts.basis", lang), text(dm.basis, lang)))
    d.sections.append(head)
    d.sections += [mapped_section(inp, sm, lang) for sm in dm.sections]
    return d

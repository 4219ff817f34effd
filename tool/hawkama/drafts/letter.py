"""The decision letter to the proposer: verdict, conditions, prerequisites, the decision."""

from __future__ import annotations

import datetime as dt

from hawkama.drafts.common import project_rows, short_id, stamp
from hawkama.drafts.model import Draft, Measure, Section
from hawkama.locale import label, text
from hawkama.report.context import ReportInput


def build(inp: ReportInput, lang: str, date: dt.date) -> Draft:
    r, a = inp.result, inp.assessment
    d = Draft(
        "letter",
        lang,
        label("drafts.letter_title", lang),
        f"{a.project.id} - {a.project.title}",
        stamp(inp, date),
    )
    d.intro = [label("drafts.letter_to", lang), label("drafts.letter_intro", lang)]
    head = Section(title=label("drafts.verdict", lang))
    head.rows = project_rows(inp, lang)
    head.rows.append(
        (label("drafts.verdict", lang), f"{text(r.verdict.label, lang)} ({r.verdict.id})")
    )
    head.rows.append((label("drafts.meaning", lang), text(r.verdict.meaning, lang)))
    head.rows.append((label("drafts.next_steps", lang), text(r.verdict.next_steps, lang)))
    d.sections.append(head)

    cond = Section(title=label("drafts.conditions", lang))
    for c in r.conditions:
        if c.get("kind") == "prerequisite":
            continue
        cond.measures.append(_measure(c, lang))
    if not cond.measures:
        cond.paragraphs.append(label("drafts.none", lang))
    d.sections.append(cond)

    pre = Section(title=label("drafts.prerequisites", lang))
    for f in r.flags:
        if f.level == "prerequisite":
            pre.measures.append(
                Measure(f.code, text(f.message, lang), short_id(f.question or ""), "", "", "")
            )
    if not pre.measures:
        pre.paragraphs.append(label("drafts.none", lang))
    d.sections.append(pre)

    dec = Section(title=label("drafts.decision", lang))
    rv = a.review
    if rv is None or rv.decision is None:
        dec.paragraphs.append(label("drafts.no_review", lang))
    else:
        dec.rows.append(
            (label("drafts.decision", lang), label(f"drafts.decision_{rv.decision}", lang))
        )
        if rv.decided:
            dec.rows.append((label("drafts.decided", lang), rv.decided.isoformat()))
        dec.rows.append((label("drafts.justification", lang), rv.justification or ""))
        for rc in rv.conditions:
            dec.measures.append(
                Measure(
                    ", ".join(rc.answers),
                    rc.text,
                    "",
                    label("drafts.committee_conditions", lang),
                    rc.owner or "",
                    rc.due.isoformat() if rc.due else "",
                )
            )
    dec.gaps.append(label("drafts.signature", lang))
    d.sections.append(dec)
    return d


def _measure(c: dict[str, object], lang: str) -> Measure:
    due = c.get("due")
    return Measure(
        str(c.get("id", "")),
        text(c.get("text"), lang),  # type: ignore[arg-type]
        short_id(str(c.get("question") or "")),
        "",
        str(c.get("owner") or ""),
        due.isoformat() if isinstance(due, dt.date) else str(due or ""),
    )

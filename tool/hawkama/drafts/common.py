"""Pieces every drafted document shares: the stamp, mapped answers, committed measures."""

from __future__ import annotations

import datetime as dt

from hawkama import __version__
from hawkama.drafts.mapping import select
from hawkama.drafts.model import Entry, Measure, Section, Stamp
from hawkama.locale import label, text
from hawkama.models.assessment import ACTIVE_STATUSES
from hawkama.models.document_map import SectionMap
from hawkama.models.result import QuestionResult
from hawkama.report.context import ReportInput
from hawkama.report.questions import answer_texts


def stamp(inp: ReportInput, date: dt.date) -> Stamp:
    r = inp.result
    return Stamp(
        source=inp.assessment_name,
        source_sha256=r.assessment_hash,
        policy_id=r.policy_id,
        policy_version=r.policy_version,
        policy_sha256=r.policy_hash,
        date=date.isoformat(),
        hawkama_version=__version__,
    )


def results(inp: ReportInput) -> dict[str, QuestionResult]:
    return {q.id: q for q in inp.result.questions}


def short_id(qid: str) -> str:
    """Intake questions are shown as committees write them: C-04, not intake.C-04."""
    return qid.removeprefix("intake.")


def entry(inp: ReportInput, q: QuestionResult, lang: str) -> Entry:
    ps = inp.policy
    question = text(ps.questions[q.id].question.text, lang)
    qid = short_id(q.id)
    if not q.applies:
        # Nothing is filled for a question that does not apply, even if it was answered.
        return Entry(qid, question, "not_applicable")
    if q.unknown:
        return Entry(qid, question, "unknown", note=q.note or "")
    if not q.answered:
        return Entry(qid, question, "unanswered", note=q.note or "")
    evidence = tuple(
        " ".join(x for x in (e.title, e.path or e.url) if x)
        + (f" (SHA-256 {e.sha256[:12]}...)" if e.sha256 else "")
        for e in q.evidence
    )
    return Entry(
        qid, question, "answered", tuple(answer_texts(ps, q, lang)), q.note or "", evidence
    )


def entries(inp: ReportInput, selectors: list[str], lang: str) -> list[Entry]:
    by_id = results(inp)
    ids = dict.fromkeys(q for sel in selectors for q in select(inp.policy, sel))
    return [entry(inp, by_id[q], lang) for q in ids if q in by_id]


def measures(inp: ReportInput, selectors: list[str], lang: str) -> list[Measure]:
    """Committed or implemented mitigations of the selected questions that apply."""
    ps, a = inp.policy, inp.assessment
    by_id = results(inp)
    if selectors == ["*"]:
        ids = list(ps.questions)
    else:
        ids = list(dict.fromkeys(q for sel in selectors for q in select(ps, sel)))
    out = []
    for qid in ids:
        q = by_id.get(qid)
        if q is None or not q.applies:
            continue
        for m in ps.questions[qid].mitigations:
            c = a.mitigations.get(m.id)
            if c is None or c.status not in ACTIVE_STATUSES:
                continue
            out.append(
                Measure(
                    m.id,
                    text(m.text, lang),
                    short_id(qid),
                    label(f"drafts.status_{c.status}", lang),
                    c.owner or "",
                    c.due.isoformat() if c.due else "",
                )
            )
    return out


def mapped_section(inp: ReportInput, sm: SectionMap, lang: str) -> Section:
    s = Section(title=text(sm.title, lang), ref=text(sm.ref, lang))
    s.entries = entries(inp, sm.questions, lang)
    if sm.mitigations:
        s.measures = measures(inp, sm.mitigations, lang)
        if not s.measures:
            s.gaps.append(label("drafts.no_measures", lang))
    s.gaps += [text(w, lang) for w in sm.write]
    return s


def project_rows(inp: ReportInput, lang: str) -> list[tuple[str, str]]:
    from hawkama.models.assessment import place

    p = inp.assessment.project
    rows = [(label("drafts.project", lang), f"{p.id} - {p.title}")]
    if p.owner:
        rows.append((label("drafts.owner", lang), p.owner))
    where = place(p.city, p.governorate)
    if where:
        rows.append((label("drafts.place", lang), where))
    return rows

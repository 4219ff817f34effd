"""Everything a report template shows, read from a Result (never re-scored) and its inputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hawkama import __version__
from hawkama.importers import AIA_REQUIREMENT_PREFIX
from hawkama.locale import direction, label, text
from hawkama.models.assessment import Assessment, place
from hawkama.models.common import FLAG_LEVELS
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet
from hawkama.policy.decision import departs
from hawkama.report import changes, charts
from hawkama.report.aia import aia_results
from hawkama.report.bundle import Embedded, Issue
from hawkama.report.questions import cited_sources, question_view
from hawkama.report.values import computed_values

VERDICT_COLOURS = ("#2e7d32", "#f9a825", "#ef6c00", "#c62828", "#6a1b9a")


@dataclass(frozen=True)
class ReportInput:
    """One scored assessment with the verbatim text it was read from."""

    assessment: Assessment
    assessment_name: str
    assessment_text: str
    policy: PolicySet
    result: Result
    previous: changes.Previous | None = None  # --previous/--rev: the changes section


def _verdict_colour(ps: PolicySet, severity: int) -> str:
    ranks = sorted({v.severity for v in ps.policy.verdicts})
    share = ranks.index(severity) / max(len(ranks) - 1, 1) if severity in ranks else 1.0
    return VERDICT_COLOURS[round(share * (len(VERDICT_COLOURS) - 2))]


def _dimensions(r: Result, lang: str, rtl: bool) -> list[dict[str, Any]]:
    out = []
    scored = [d for d in r.dimensions if d.scored]
    for d in r.dimensions:
        values = [x for x in (d.inherent, d.residual) if x is not None]
        peers = [
            x for e in scored if e.unit == d.unit for x in (e.inherent, e.residual) if x is not None
        ]
        ib, rb = d.inherent_band, d.residual_band
        out.append(
            {
                "id": d.id,
                "title": text(d.title, lang),
                "scored": d.scored and bool(values),
                "inherent": d.inherent,
                "residual": d.residual,
                "unit": d.unit,
                "inherent_band": text(ib.label, lang) if ib else "",
                "residual_band": text(rb.label, lang) if rb else "",
                "colour": charts.band_colour(rb.level if rb else None),
                "override": text(d.override, lang) if d.override else "",
                "bars": charts.bar_pair(
                    d.inherent,
                    d.residual,
                    charts.scale_for(d.unit, peers),
                    (ib.level if ib else None, rb.level if rb else None),
                    rtl,
                ),
            }
        )
    return out


def _risks(inp: ReportInput, lang: str, rtl: bool) -> dict[str, Any]:
    ps, r = inp.policy, inp.result
    rows: list[dict[str, Any]] = []
    n_l = n_i = 5
    for q in r.questions:
        if q.type != "risk" or not q.applies or not q.likelihood or not q.impact:
            continue
        spec = ps.questions[q.id].question.risk
        if spec is not None:
            n_l, n_i = max(n_l, spec.likelihood_max), max(n_i, spec.impact_max)
        rows.append(
            {
                "id": q.id,
                "text": text(ps.questions[q.id].question.text, lang),
                "likelihood": q.likelihood,
                "impact": q.impact,
            }
        )
    for n, row in enumerate(rows, start=1):
        row["number"] = n
    grid = charts.heat_map([(x["likelihood"], x["impact"]) for x in rows], n_l, n_i, rtl)
    return {"rows": rows, "map": grid}


def _flags(r: Result, lang: str) -> list[dict[str, Any]]:
    flags = sorted(r.flags, key=lambda f: (FLAG_LEVELS.index(f.level), f.code))
    return [
        {
            "level": label(f"report.flag_{f.level}", lang),
            "code": f.code,
            "question": f.question or "",
            "message": text(f.message, lang),
            "severe": f.level in ("prohibit", "block"),
        }
        for f in flags
    ]


def _conditions(r: Result, lang: str) -> list[dict[str, Any]]:
    out = []
    for c in r.conditions:
        kind = str(c.get("kind", ""))
        key = f"flag_{kind}" if f"flag_{kind}" in _KINDS else "kind_mitigation"
        out.append(
            {
                "kind": label(f"report.{key}", lang),
                "id": str(c.get("id", "")),
                "text": text(c.get("text"), lang),
                "question": c.get("question") or "",
                "owner": c.get("owner") or "",
                "due": c.get("due") or "",
            }
        )
    return out


_KINDS = {f"flag_{k}" for k in FLAG_LEVELS}


def _sections(inp: ReportInput, lang: str) -> list[dict[str, Any]]:
    ps, r, a = inp.policy, inp.result, inp.assessment
    out: list[dict[str, Any]] = []
    intake = [q for q in r.questions if q.dimension is None and q.applies]
    if intake:
        out.append(
            {
                "id": "intake",
                "title": text(ps.policy.intake_title, lang) or label("report.intake", lang),
                "dimension": None,
                "questions": [question_view(ps, a, q, lang) for q in intake],
            }
        )
    dims = {d.id: d for d in r.dimensions}
    for rubric in ps.rubrics:
        qs = [q for q in r.questions if q.dimension == rubric.id and q.applies]
        out.append(
            {
                "id": rubric.id,
                "title": text(rubric.title, lang),
                "dimension": dims.get(rubric.id),
                "questions": [question_view(ps, a, q, lang) for q in qs],
            }
        )
    return out


def _review(ps: PolicySet, a: Assessment, r: Result, lang: str) -> dict[str, Any] | None:
    rv = a.review
    if rv is None:
        return None
    return {
        # Issue 7: a decision other than the one the verdict calls for is marked.
        "departs": rv.decision is not None and departs(ps, r.verdict.id, rv.decision),
        "reviewers": [
            {"name": x.name, "role": x.role or "", "organisation": x.organisation or ""}
            for x in rv.reviewers
        ],
        "conflicts": rv.conflicts or "",
        "decision": label(
            f"report.decision_{rv.decision}" if rv.decision else "report.decision_none", lang
        ),
        "justification": rv.justification or "",
        "conditions": [
            {
                "text": c.text,
                "owner": c.owner or "",
                "due": c.due.isoformat() if c.due else "",
                "done": c.done,
                "answers": ", ".join(c.answers),
            }
            for c in rv.conditions
        ],
        "decided": rv.decided.isoformat() if rv.decided else "",
    }


def _sources(inp: ReportInput, lang: str) -> list[dict[str, Any]]:
    r = inp.result
    extra = [s for f in r.flags for s in f.sources] + [s for f in r.findings for s in f.sources]
    applicable = [q for q in r.questions if q.applies]
    out = []
    for sid in cited_sources(inp.policy, applicable, extra):
        s = inp.policy.sources[sid]
        out.append(
            {
                "id": sid,
                "title": text(s.title, lang),
                "publisher": s.publisher,
                "year": s.year,
                "url": s.url or "",
            }
        )
    return out


def build(inp: ReportInput, lang: str, issued: Issue, files: list[Embedded]) -> dict[str, Any]:
    """The template's whole context."""
    ps, r, a = inp.policy, inp.result, inp.assessment
    rtl = direction(lang) == "rtl"
    p = a.project
    qtext = {qid: text(qd.question.text, lang) for qid, qd in ps.questions.items()}
    ignored = [{"id": q, "why": label("report.ignored_na", lang)} for q in r.completeness.ignored]
    ignored += [{"id": q, "why": label("report.ignored_unknown", lang)} for q in r.unknown_answers]
    aia = aia_results(ps, r, lang)  # the Canada AIA's own results page, for its policy
    parts = ["summary", *(["aia"] if aia else []), *(["changes"] if inp.previous else [])]
    parts += ["charts", "dimensions"]
    parts += ["findings", "committee", "annex"]
    return {
        "no": {part: n for n, part in enumerate(parts, start=1)},
        "lang": lang,
        "dir": direction(lang),
        "rtl": rtl,
        "issue": issued,
        "version": __version__,
        "project": {
            "id": p.id,
            "title": p.title,
            "place": place(p.city, p.governorate),
            "sector": p.sector or "",
            "owner": p.owner or "",
            "stage": p.stage or "",
            "summary": p.summary or "",
        },
        "policy": {"id": ps.id, "version": ps.version, "title": text(ps.policy.title, lang)},
        "verdict": {
            "id": r.verdict.id,
            "label": text(r.verdict.label, lang),
            "meaning": text(r.verdict.meaning, lang),
            "next_steps": text(r.verdict.next_steps, lang),
            "rule": r.verdict.rule,
            "colour": _verdict_colour(ps, r.verdict.severity),
        },
        "dimensions": _dimensions(r, lang, rtl),
        "values": computed_values(ps, r, lang),
        "changes": changes.view(inp.previous, ps, r, lang) if inp.previous else None,
        "flags": _flags(r, lang),
        "conditions": _conditions(r, lang),
        "risks": _risks(inp, lang, rtl),
        "sections": _sections(inp, lang),
        "aia": aia,
        "findings": [
            {"title": text(f.title, lang), "text": text(f.text, lang), "sources": f.sources}
            for f in r.findings
            # The AIA's requirements have their own table in the AIA results section.
            if not (aia and f.id.startswith(AIA_REQUIREMENT_PREFIX))
        ],
        "review": _review(ps, a, r, lang),
        "sources": _sources(inp, lang),
        "not_applicable": [{"id": q.id, "text": qtext[q.id]} for q in r.questions if not q.applies],
        "ignored": ignored,
        "completeness": r.completeness,
        "hashes": {"policy": r.policy_hash, "assessment": r.assessment_hash},
        "files": [f for f in files if f.name != "hawkama.json"],
        "keywords": ", ".join(
            ["Hawkama", ps.id, r.verdict.id, p.id, *[d.id for d in r.dimensions]]
        ),
    }

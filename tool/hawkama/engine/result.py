"""Turn one evaluation's state into the Result model, and hash an assessment."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from hawkama import __version__
from hawkama.engine.state import State
from hawkama.models.assessment import Assessment, RiskRating
from hawkama.models.common import cited_ids
from hawkama.models.result import (
    BandResult,
    Completeness,
    DimensionResult,
    FindingResult,
    QuestionResult,
    Result,
    ResultSummary,
    VerdictResult,
)
from hawkama.models.rubric import Band
from hawkama.policy.compiled import PolicySet


def build_result(state: State, verdict: VerdictResult) -> Result:
    """The full record, one QuestionResult per question (report, verify, explain)."""
    questions, ignored = _questions(state)
    return Result.raw(_fields(state, verdict, ignored, questions))


def build_summary(state: State, verdict: VerdictResult) -> ResultSummary:
    """The summary: the same fields as build_result without the per-question record."""
    answers = state.assessment.answers
    ignored = []
    for qp in state.plan.questions:
        st = state.q[qp.id]
        if not st.applies:
            ans = st.answer if st.answer is not None else answers.get(qp.id)
            if ans is not None and ans.value is not None:
                ignored.append(qp.id)
    return ResultSummary.raw(_fields(state, verdict, ignored, None))


def _questions(state: State) -> tuple[list[QuestionResult], list[str]]:
    answers = state.assessment.answers
    questions = []
    ignored = []
    q_states = state.q
    for qp in state.plan.questions:
        qid = qp.id
        st = q_states[qid]
        ans = st.answer if st.answer is not None else answers.get(qid)
        if not st.applies and ans is not None and ans.value is not None:
            ignored.append(qid)
        value = st.value
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        counted = qp.scored and st.answered and not st.na
        questions.append(
            QuestionResult.raw(
                {
                    "id": qid,
                    "dimension": qp.dimension,
                    "section": qp.section,
                    "type": qp.type,
                    "applies": st.applies,
                    "answered": st.answered,
                    "value": value,
                    "options": list(st.chosen),
                    "unknown": st.unknown,
                    "na": st.na,
                    "importance": qp.importance,
                    "inherent": st.inherent,
                    "residual": st.residual,
                    "max_weight": qp.max_weight,
                    "contribution": st.residual * qp.importance if counted else 0.0,
                    "likelihood": st.likelihood,
                    "impact": st.impact,
                    "mitigations": st.mits,
                    "note": ans.note if ans else None,
                    "evidence": ans.evidence if ans else [],
                    "required": qp.required,
                    "scored": qp.scored,
                }
            )
        )
    return questions, ignored


def _fields(
    state: State,
    verdict: VerdictResult,
    ignored: list[str],
    questions: list[QuestionResult] | None,
) -> dict[str, Any]:
    ps = state.ps
    a = state.assessment
    q_states = state.q
    dimensions = []
    for did, title, scored, unit, qids in state.plan.dimension_parts:
        d = state.dims[did]
        dimensions.append(
            DimensionResult.raw(
                {
                    "id": did,
                    "title": title,
                    "scored": scored,
                    "inherent": _rounded(d.inherent),
                    "residual": _rounded(d.residual),
                    "inherent_band": _band(d.band_inherent),
                    "residual_band": _band(d.band),
                    "override": d.override,
                    "unit": unit,
                    "questions": qids,
                }
            )
        )
    findings = []
    for fnd, when, dim in ps.findings:
        if when(state):
            findings.append(
                FindingResult.fast(
                    id=fnd.id,
                    dimension=dim,
                    title=fnd.title,
                    text={lang: _fill(t, state.values) for lang, t in fnd.text.items()},
                    sources=cited_ids(fnd.sources),
                )
            )
    conditions: list[dict[str, Any]] = [
        {"kind": f.level, "id": f.code, "text": f.message, "question": f.question}
        for f in state.flags
        if f.level in ("condition", "prerequisite")
    ]
    for mid, c in a.mitigations.items():
        owner_q = ps.mitigation_question.get(mid)
        if c.status == "committed" and owner_q is not None and q_states[owner_q].applies:
            m = next(m for m in ps.questions[owner_q].mitigations if m.id == mid)
            conditions.append(
                {
                    "kind": "mitigation",
                    "id": mid,
                    "text": m.text,
                    "question": owner_q,
                    "owner": c.owner,
                    "due": c.due.isoformat() if c.due else None,
                }
            )
    applicable = answered = 0
    unknown_ids = []
    for qid, st in q_states.items():
        if st.applies:
            applicable += 1
            answered += st.answered
            if st.unknown:
                unknown_ids.append(qid)
    completeness = Completeness.raw(
        {
            "applicable": applicable,
            "answered": answered,
            "required_missing": state.missing_required(),
            "unknown": len(unknown_ids),
            "unknown_share": round(state.unknown_share(), 4),
            "ignored": ignored,
            "unknown_ids": unknown_ids,
        }
    )
    values = {k: _plain(v) for k, v in state.values.items() if k in ps.values}
    fields: dict[str, Any] = {
        "hawkama_version": __version__,
        "policy_id": ps.id,
        "policy_version": ps.version,
        "policy_hash": ps.hash,
        "assessment_hash": assessment_hash(a),
        "project": a.project.model_dump(mode="json", exclude_none=True),
        "verdict": verdict,
        "dimensions": dimensions,
        "questions": questions,
        "flags": state.flags,
        "findings": findings,
        "values": values,
        "conditions": conditions,
        "completeness": completeness,
        "unknown_answers": [k for k in a.answers if k not in ps.questions],
    }
    if questions is None:
        del fields["questions"]
    return fields


def assessment_hash(a: Assessment) -> str:
    """SHA-256 of the assessment's content, canonicalised (key order and layout do not matter)."""
    # Built by hand from plain values: pydantic's serialiser of the answer union costs
    # several times the whole evaluation. Sorted keys make it independent of file order.
    canonical = {
        "hawkama": a.hawkama,
        "policy": [a.policy.id, a.policy.version, a.policy.hash],
        "project": a.project.__dict__,
        "answers": {
            k: [v.value, v.note, [e.__dict__ for e in v.evidence] if v.evidence else None]
            for k, v in a.answers.items()
        },
        "mitigations": {
            k: [m.status, m.owner, m.due, m.note, [e.__dict__ for e in m.evidence]]
            for k, m in a.mitigations.items()
        },
        "review": a.review.model_dump(mode="json") if a.review is not None else None,
    }
    blob = json.dumps(
        canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _json_default(value: Any) -> Any:
    # Only the rare values JSON lacks come here: dates and risk ratings.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, RiskRating):
        return {"likelihood": value.likelihood, "impact": value.impact}
    raise TypeError(f"cannot hash a {type(value).__name__}")


def dimension_parts(ps: PolicySet) -> tuple[tuple[str, dict[str, str], bool, str, list[str]], ...]:
    """What a DimensionResult holds that does not depend on the answers (in the engine's plan)."""
    return tuple(
        (
            did,
            dd.rubric.title,
            dd.scored,
            dd.rubric.scoring.unit,
            # One list shared by every result of the policy: results are frozen.
            [q.id for q in dd.rubric.questions],
        )
        for did, dd in ps.dimensions.items()
    )


# Band results are frozen and depend only on the band: built once per band.
_BANDS: dict[int, tuple[Band, BandResult]] = {}


def _band(b: tuple[int, Band] | None) -> BandResult | None:
    if b is None:
        return None
    band = b[1]
    hit = _BANDS.get(id(band))
    if hit is None or hit[0] is not band:
        hit = _BANDS[id(band)] = (
            band,
            BandResult.raw({"id": band.id, "level": band.level, "label": band.label}),
        )
    return hit[1]


def _rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _plain(v: Any) -> Any:
    if isinstance(v, tuple):
        return list(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_.-]+)\}")


def _fill(text: str, values: dict[str, Any]) -> str:
    if "{" not in text:
        return text

    def sub(m: re.Match[str]) -> str:
        v = _plain(values.get(m.group(1)))
        if isinstance(v, float):
            return f"{v:.1f}"
        if isinstance(v, bool):
            return "yes" if v else "no"
        return str(v)

    return _PLACEHOLDER.sub(sub, text)

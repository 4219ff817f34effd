"""Turn one evaluation's state into the Result model."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hawkama import __version__
from hawkama.engine.hashing import assessment_hash
from hawkama.engine.state import QPlan, QState, State
from hawkama.models.assessment import Answer, Project
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

__all__ = ["assessment_hash", "build_result", "build_summary", "dimension_parts"]


def build_result(state: State, verdict: VerdictResult) -> Result:
    """The full record, one QuestionResult per question (report, verify, explain)."""
    return Result.raw(_fields(state, verdict, _questions(state)))


def build_summary(state: State, verdict: VerdictResult) -> ResultSummary:
    """The summary: the same fields as build_result without the per-question record."""
    return ResultSummary.raw(_fields(state, verdict, None))


def _questions(state: State) -> list[QuestionResult]:
    answers = state.answers
    q_states = state.q
    questions = []
    for qp in state.plan.questions:
        st = q_states[qp.id]
        ans = answers.get(qp.id)
        if st.shared and (ans is None or (ans.note is None and not ans.evidence)):
            # The same record in every result with this answer: made once (results are
            # frozen, and nothing changes their lists).
            record = qp.records.get(id(st))
            if record is None:
                record = qp.records[id(st)] = _record(qp, st, None)
            questions.append(record)
        else:
            questions.append(_record(qp, st, ans))
    return questions


def _record(qp: QPlan, st: QState, ans: Answer | None) -> QuestionResult:
    value = st.value
    if isinstance(value, tuple):
        value = list(value)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    counted = qp.scored and st.answered and not st.na
    return QuestionResult.raw(
        {
            "id": qp.id,
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
            # A list of its own: shared states hold one empty list for all.
            "mitigations": st.mits if st.mits else [],
            "note": ans.note if ans else None,
            "evidence": ans.evidence if ans else [],
            "required": qp.required,
            "scored": qp.scored,
        }
    )


def project_fields(project: Project) -> dict[str, Any]:
    """``project.model_dump(mode="json", exclude_none=True)`` of its flat text and date
    fields, without pydantic's serializer: building it is 15 ms of `hawkama score` on one
    file, with the importlib.metadata pydantic then imports (issue #18, start-up)."""
    return {
        k: v.isoformat() if isinstance(v, dt.date) else v
        for k, v in project.__dict__.items()
        if v is not None
    }


def _fields(
    state: State, verdict: VerdictResult, questions: list[QuestionResult] | None
) -> dict[str, Any]:
    ps = state.ps
    plan = state.plan
    a = state.assessment
    q_states = state.q
    dimensions = []
    dims = state.dims
    for did, title, scored, unit, qids in plan.dimension_parts:
        d = dims[did]
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
    for fid, when, dim, title, texts, sources in plan.findings:
        if when(state):
            findings.append(
                FindingResult.raw(
                    {
                        "id": fid,
                        "dimension": dim,
                        "title": title,
                        "text": {lang: _fill(t, state) for lang, t in texts},
                        "sources": sources,
                    }
                )
            )
    conditions: list[dict[str, Any]] = [
        {"kind": f.level, "id": f.code, "text": f.message, "question": f.question}
        for f in state.flags
        if f.level in ("condition", "prerequisite")
    ]
    mitigation_text = plan.mitigation_text
    for mid, c in a.mitigations.items():
        if c.status != "committed":
            continue
        owner = mitigation_text.get(mid)
        if owner is not None and q_states[owner[0]].applies:
            conditions.append(
                {
                    "kind": "mitigation",
                    "id": mid,
                    "text": owner[1],
                    "question": owner[0],
                    "owner": c.owner,
                    "due": c.due.isoformat() if c.due else None,
                }
            )
    tally = state.tally()
    completeness = Completeness.raw(
        {
            "applicable": tally.applicable,
            "answered": tally.answered,
            "required_missing": tally.missing,
            "unknown": len(tally.unknown_ids),
            "unknown_share": round(tally.share, 4),
            "ignored": tally.ignored,
            "unknown_ids": tally.unknown_ids,
        }
    )
    fields: dict[str, Any] = {
        "hawkama_version": __version__,
        "policy_id": ps.id,
        "policy_version": ps.version,
        "policy_hash": ps.hash,
        "assessment_hash": assessment_hash(a),
        "project": project_fields(a.project),
        "verdict": verdict,
        "dimensions": dimensions,
        "questions": questions,
        "flags": state.flags,
        "findings": findings,
        "values": {k: _plain(state[k]) for k in plan.value_ids},
        "conditions": conditions,
        "completeness": completeness,
        "unknown_answers": [k for k in a.answers if k not in ps.questions],
    }
    if questions is None:
        del fields["questions"]
    return fields


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
    cls = v.__class__
    if cls is str or cls is bool or cls is int or v is None:
        return v  # the common values first: hasattr() below costs an exception on each
    if cls is float:
        return int(v) if v.is_integer() else v
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

"""The scoring engine: ``evaluate(policy, assessment) -> Result``, a pure function.

No I/O, no clock, no randomness. Every rule it applies comes from the policy and its
rubrics (compiled by :mod:`hawkama.policyset`); the engine only walks the evaluation
plan: question applicability and weights, computed values, flags and dimension bands,
each after everything it reads, then the first verdict rule that holds.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from typing import Any

from hawkama import __version__
from hawkama.models.assessment import Answer, Assessment
from hawkama.models.common import cited_ids
from hawkama.models.result import (
    AppliedMitigation,
    BandResult,
    Completeness,
    DimensionResult,
    FindingResult,
    FlagResult,
    QuestionResult,
    Result,
    VerdictResult,
)
from hawkama.models.rubric import Band
from hawkama.policyset import DimensionDef, PolicySet, QuestionDef

ACTIVE = ("committed", "implemented")


class _Q:
    """Per-question state during one evaluation."""

    __slots__ = (
        "answer",
        "answered",
        "applies",
        "chosen",
        "impact",
        "inherent",
        "likelihood",
        "mits",
        "na",
        "residual",
        "unknown",
        "value",
    )

    def __init__(self) -> None:
        self.applies = False
        self.answered = False
        self.value: Any = None
        self.chosen: tuple[str, ...] = ()
        self.unknown = False
        self.na = False
        self.inherent = 0.0
        self.residual = 0.0
        self.likelihood: tuple[int, int] | None = None
        self.impact: tuple[int, int] | None = None
        self.mits: list[AppliedMitigation] = []
        self.answer: Answer | None = None


class _Dim:
    __slots__ = ("band", "band_inherent", "inherent", "override", "residual")

    def __init__(self) -> None:
        self.inherent: float | None = None
        self.residual: float | None = None
        self.band: tuple[int, Band] | None = None
        self.band_inherent: tuple[int, Band] | None = None
        self.override: dict[str, str] | None = None


class _State:
    """The evaluation environment that compiled expressions read (see expr.Env)."""

    def __init__(self, ps: PolicySet, assessment: Assessment) -> None:
        self.ps = ps
        self.assessment = assessment
        self.q: dict[str, _Q] = {}
        self.values: dict[str, Any] = {}
        self.flags: list[FlagResult] = []
        self.flag_codes: set[str] = set()
        self.flag_levels: dict[str, int] = dict.fromkeys(
            ("prohibit", "block", "escalate", "condition", "prerequisite"), 0
        )
        self.dims: dict[str, _Dim] = {}
        self._share: float | None = None
        self._missing: int | None = None

    # -- the Env protocol -------------------------------------------------------

    def get(self, name: str) -> Any:
        state = self.q.get(name)
        if state is not None:
            return state.value
        if name in self.values:
            return self.values[name]
        if name == "unknown_share":
            return self.unknown_share()
        if name == "unknown_threshold":
            return self.ps.policy.unknown_threshold
        if name == "missing_required":
            return len(self.missing_required())
        return self.values.get(name)

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        return _FUNCS[func](self, *args)

    # -- derived counts ---------------------------------------------------------

    def unknown_share(self) -> float:
        # Among answered questions that offer "don't know", the share answered so.
        if self._share is None:
            offered = unknown = 0
            for qid, st in self.q.items():
                if st.answered and any(o.unknown for o in self.ps.questions[qid].options.values()):
                    offered += 1
                    unknown += st.unknown
            self._share = unknown / offered if offered else 0.0
        return self._share

    def missing_required(self) -> list[str]:
        return [
            qid
            for qid, st in self.q.items()
            if st.applies and not st.answered and self.ps.questions[qid].question.required
        ]


# --- questions -------------------------------------------------------------------


def _eval_question(state: _State, qd: QuestionDef) -> None:
    st = _Q()
    state.q[qd.id] = st
    answer = state.assessment.answers.get(qd.id)
    st.answer = answer
    st.applies = qd.when is None or bool(qd.when(state))
    if not st.applies or answer is None or answer.value is None or answer.value == []:
        return
    q = qd.question
    raw = answer.value
    st.answered = True
    if q.type in ("single", "yesno"):
        oid = _option_id(raw)
        st.chosen = (oid,)
        st.value = oid
        opt = qd.options.get(oid)
        if opt is not None:
            st.inherent = opt.weight
            st.unknown, st.na = opt.unknown, opt.na
    elif q.type == "multiple":
        ids = tuple(_option_id(v) for v in (raw if isinstance(raw, list) else [raw]))
        st.chosen = ids
        st.value = ids
        opts = [qd.options[i] for i in ids if i in qd.options]
        st.unknown = any(o.unknown for o in opts)
        st.na = bool(opts) and all(o.na for o in opts)
        weights = [o.weight for o in opts if not o.na]
        if weights:
            st.inherent = float(sum(weights)) if q.combine == "sum" else float(max(weights))
    elif q.type == "risk":
        li, im = raw.likelihood, raw.impact  # type: ignore[union-attr]
        st.inherent = float(li * im)
        st.value = st.inherent
        rl, ri = li, im
        for m in qd.mitigations:
            c = state.assessment.mitigations.get(m.id)
            if c is not None and c.status in ACTIVE:
                if m.axis == "likelihood":
                    rl = max(rl - int(m.lowers), int(m.floor), 1)
                else:
                    ri = max(ri - int(m.lowers), int(m.floor), 1)
                st.mits.append(
                    AppliedMitigation.fast(
                        id=m.id,
                        status=c.status,
                        lowers=m.lowers,
                        axis=m.axis,
                        owner=c.owner,
                        due=c.due,
                    )
                )
        st.likelihood, st.impact = (li, rl), (im, ri)
        st.residual = float(rl * ri)
        return
    elif q.type == "scale":
        st.value = raw
        st.inherent = float(raw) if isinstance(raw, int | float) else 0.0
    else:  # number, text, date: recorded, not scored
        st.value = raw
        return
    st.residual = st.inherent
    if st.unknown or st.na:
        return
    lowered = 0.0
    floor = q.floor
    for m in qd.mitigations:
        c = state.assessment.mitigations.get(m.id)
        if c is not None and c.status in ACTIVE:
            lowered += m.lowers
            floor = max(floor, m.floor)
            st.mits.append(
                AppliedMitigation.fast(
                    id=m.id, status=c.status, lowers=m.lowers, axis=None, owner=c.owner, due=c.due
                )
            )
    if lowered:
        st.residual = min(st.inherent, max(st.inherent - lowered, floor))


def _option_id(raw: Any) -> str:
    if raw is True:
        return "yes"
    if raw is False:
        return "no"
    return str(raw)


# --- functions of the expression language ------------------------------------------


def _scored(state: _State, qids: tuple[str, ...]) -> list[tuple[_Q, QuestionDef]]:
    out = []
    for qid in qids:
        qd = state.ps.questions[qid]
        st = state.q[qid]
        if qd.question.scored and st.applies and st.answered and not st.na:
            out.append((st, qd))
    return out


def _round_half_up(x: Any, digits: Any = 0) -> Any:
    if x is None:
        return None
    # Math.round semantics (floor(x + 0.5)), which is what the AIA's JavaScript uses.
    if not digits:
        return math.floor(x + 0.5)
    scale = 10 ** int(digits)
    return math.floor(x * scale + 0.5) / scale


def _items(args: tuple[Any, ...]) -> list[Any]:
    if len(args) == 1 and isinstance(args[0], tuple | list):
        return [a for a in args[0] if a is not None]
    return [a for a in args if a is not None]


def _band_level(state: _State, dim: str, inherent: bool = False) -> int | None:
    d = state.dims.get(dim)
    if d is None:
        return None
    band = d.band_inherent if inherent else d.band
    return band[1].level if band else None


def _dims_levels(state: _State) -> list[int]:
    return [d.band[1].level for d in state.dims.values() if d.band is not None]


_FUNCS: dict[str, Callable[..., Any]] = {
    "answered": lambda s, q: s.q[q].answered,
    "applies": lambda s, q: s.q[q].applies,
    "unknown": lambda s, q: s.q[q].unknown,
    "weight": lambda s, q: s.q[q].inherent,
    "residual": lambda s, q: s.q[q].residual,
    "importance": lambda s, q: s.ps.questions[q].question.importance,
    "likelihood": lambda s, q: s.q[q].likelihood[0] if s.q[q].likelihood else None,
    "impact": lambda s, q: s.q[q].impact[0] if s.q[q].impact else None,
    "residual_likelihood": lambda s, q: s.q[q].likelihood[1] if s.q[q].likelihood else None,
    "residual_impact": lambda s, q: s.q[q].impact[1] if s.q[q].impact else None,
    "any_of": lambda s, q, opts: any(c in opts for c in s.q[q].chosen),
    "selected": lambda s, q, opts: sum(c in opts for c in s.q[q].chosen),
    "mitigated": lambda s, m: (
        s.q[s.ps.mitigation_question[m]].applies
        and (c := s.assessment.mitigations.get(m)) is not None
        and c.status in ACTIVE
    ),
    "flagged": lambda s, code: code in s.flag_codes,
    "flags": lambda s, level: s.flag_levels[level],
    "level": lambda s, d: _band_level(s, d),
    "level_inherent": lambda s, d: _band_level(s, d, inherent=True),
    "band": lambda s, d: s.dims[d].band[1].id if s.dims[d].band else None,
    "score": lambda s, d: s.dims[d].residual,
    "dims_at_least": lambda s, n: sum(lv >= n for lv in _dims_levels(s)),
    "dims_exactly": lambda s, n: sum(lv == n for lv in _dims_levels(s)),
    "count": lambda s, xs: sum(bool(x) for x in (xs if isinstance(xs, tuple | list) else (xs,))),
    "sum": lambda s, *a: sum(_items(a)),
    "max": lambda s, *a: max(_items(a), default=None),
    "min": lambda s, *a: min(_items(a), default=None),
    "abs": lambda s, x: None if x is None else abs(x),
    "round_half_up": lambda s, x, d=0: _round_half_up(x, d),
    "floor": lambda s, x: None if x is None else math.floor(x),
    "ceil": lambda s, x: None if x is None else math.ceil(x),
    "total": lambda s, sel: sum(st.residual * qd.question.importance for st, qd in _scored(s, sel)),
    "total_inherent": lambda s, sel: sum(
        st.inherent * qd.question.importance for st, qd in _scored(s, sel)
    ),
    "total_max": lambda s, sel: sum(
        qd.max_weight * qd.question.importance
        for qd in (s.ps.questions[q] for q in sel)
        if qd.question.scored and s.q[qd.id].applies and not s.q[qd.id].na
    ),
    "total_max_static": lambda s, sel: sum(
        qd.max_weight * qd.question.importance
        for qd in (s.ps.questions[q] for q in sel)
        if qd.question.scored
    ),
    "total_importance": lambda s, sel: sum(qd.question.importance for _, qd in _scored(s, sel)),
    "worst": lambda s, sel: max((st.residual for st, _ in _scored(s, sel)), default=0),
    "worst_inherent": lambda s, sel: max((st.inherent for st, _ in _scored(s, sel)), default=0),
    "count_answered": lambda s, sel: sum(s.q[q].applies and s.q[q].answered for q in sel),
    "count_applicable": lambda s, sel: sum(s.q[q].applies for q in sel),
    "count_unknown": lambda s, sel: sum(s.q[q].applies and s.q[q].unknown for q in sel),
    "count_severe": lambda s, sel, w, imp: sum(
        st.residual >= w and qd.question.importance >= imp for st, qd in _scored(s, sel)
    ),
}


# --- flags and dimensions ------------------------------------------------------------


def _eval_flags(state: _State, code: str) -> None:
    for fd in state.ps.flags:
        if fd.flag.code != code:
            continue
        if fd.question is not None and not state.q[fd.question].applies:
            continue
        if fd.when(state):
            state.flags.append(
                FlagResult.fast(
                    code=code,
                    level=fd.flag.level,
                    message=fd.flag.message,
                    dimension=fd.dimension,
                    question=fd.question,
                    sources=cited_ids(fd.flag.sources),
                )
            )
            if code not in state.flag_codes:
                state.flag_codes.add(code)
            state.flag_levels[fd.flag.level] += 1


def _pick_band(state: _State, dd: DimensionDef, score: float | None) -> tuple[int, Band] | None:
    if score is None:
        return None
    state.values["score"] = score
    try:
        for i, (band, limit) in enumerate(dd.bands):
            if limit is None:
                return i, band
            bound = limit(state)
            if bound is None:
                continue
            if (band.below is not None and score < bound) or (
                band.at_most is not None and score <= bound
            ):
                return i, band
        return None
    finally:
        del state.values["score"]


def _eval_dimension(state: _State, dd: DimensionDef) -> None:
    d = _Dim()
    state.dims[dd.rubric.id] = d
    sc = dd.rubric.scoring
    if sc.residual is None:
        return
    d.residual = _number(state.values.get(sc.residual))
    d.inherent = _number(state.values.get(sc.inherent)) if sc.inherent else d.residual
    d.band = _pick_band(state, dd, d.residual)
    d.band_inherent = _pick_band(state, dd, d.inherent)
    for when, index, reason in dd.overrides:
        if when(state):
            if d.band is not None and d.band[0] < index:
                d.band = (index, sc.bands[index].model_copy())
                d.override = reason
            if d.band_inherent is not None and d.band_inherent[0] < index:
                d.band_inherent = (index, sc.bands[index])


def _number(x: Any) -> float | None:
    if isinstance(x, bool) or not isinstance(x, int | float):
        return None
    return x


# --- the whole evaluation --------------------------------------------------------------


def evaluate(policy: PolicySet, assessment: Assessment) -> Result:
    """Score one assessment against a loaded policy. Pure: same inputs, same result."""
    state = _State(policy, assessment)
    for kind, key in policy.plan:
        if kind == "q":
            _eval_question(state, policy.questions[key])
        elif kind == "v":
            state.values[key] = policy.values[key][0](state)
        elif kind == "f":
            _eval_flags(state, key)
        elif kind == "d":
            _eval_dimension(state, policy.dimensions[key])
    verdict = None
    for i, (rule, compiled) in enumerate(zip(policy.policy.verdicts, policy.verdicts, strict=True)):
        if compiled(state):
            verdict = VerdictResult.fast(
                id=rule.id,
                severity=rule.severity,
                label=rule.label,
                meaning=rule.meaning,
                next_steps=rule.next_steps,
                rule=i + 1,
                when=rule.when,
            )
            break
    assert verdict is not None  # the last rule is `true`, enforced at load
    return _result(state, verdict)


def _result(state: _State, verdict: VerdictResult) -> Result:
    ps = state.ps
    a = state.assessment
    questions = []
    ignored = []
    for qid, qd in ps.questions.items():
        st = state.q[qid]
        ans = a.answers.get(qid)
        if not st.applies and ans is not None and ans.value is not None:
            ignored.append(qid)
        q = qd.question
        questions.append(
            QuestionResult.fast(
                id=qid,
                dimension=qd.dimension,
                section=q.section,
                type=q.type,
                applies=st.applies,
                answered=st.answered,
                value=_plain(st.value),
                options=list(st.chosen),
                unknown=st.unknown,
                na=st.na,
                importance=q.importance,
                inherent=st.inherent,
                residual=st.residual,
                max_weight=qd.max_weight,
                contribution=st.residual * q.importance
                if (q.scored and st.answered and not st.na)
                else 0.0,
                likelihood=st.likelihood,
                impact=st.impact,
                mitigations=st.mits,
                note=ans.note if ans else None,
                evidence=list(ans.evidence) if ans else [],
                required=q.required,
                scored=q.scored,
            )
        )
    dimensions = []
    for did, dd in ps.dimensions.items():
        d = state.dims[did]
        dimensions.append(
            DimensionResult.fast(
                id=did,
                title=dd.rubric.title,
                scored=dd.scored,
                inherent=_rounded(d.inherent),
                residual=_rounded(d.residual),
                inherent_band=_band(d.band_inherent),
                residual_band=_band(d.band),
                override=d.override,
                unit=dd.rubric.scoring.unit,
                questions=[q.id for q in dd.rubric.questions],
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
        if c.status == "committed" and mid in ps.mitigation_question:
            qd = ps.questions[ps.mitigation_question[mid]]
            if state.q[qd.id].applies:
                m = next(m for m in qd.mitigations if m.id == mid)
                conditions.append(
                    {
                        "kind": "mitigation",
                        "id": mid,
                        "text": m.text,
                        "question": qd.id,
                        "owner": c.owner,
                        "due": c.due.isoformat() if c.due else None,
                    }
                )
    applicable = sum(st.applies for st in state.q.values())
    answered = sum(st.applies and st.answered for st in state.q.values())
    unknown_ids = [qid for qid, st in state.q.items() if st.applies and st.unknown]
    completeness = Completeness.fast(
        applicable=applicable,
        answered=answered,
        required_missing=state.missing_required(),
        unknown=len(unknown_ids),
        unknown_share=round(state.unknown_share(), 4),
        ignored=ignored,
        unknown_ids=unknown_ids,
    )
    values = {k: _plain(v) for k, v in state.values.items() if k in ps.values}
    return Result.fast(
        hawkama_version=__version__,
        policy_id=ps.id,
        policy_version=ps.version,
        policy_hash=ps.hash,
        assessment_hash=assessment_hash(a),
        project=a.project.model_dump(mode="json", exclude_none=True),
        verdict=verdict,
        dimensions=dimensions,
        questions=questions,
        flags=state.flags,
        findings=findings,
        values=values,
        conditions=conditions,
        completeness=completeness,
        unknown_answers=[k for k in a.answers if k not in ps.questions],
    )


def assessment_hash(a: Assessment) -> str:
    """SHA-256 of the assessment's content, canonicalised (key order and layout do not matter)."""
    # Model fields serialise in declaration order; only the user's mappings need sorting.
    canonical = a.model_copy(
        update={
            "answers": dict(sorted(a.answers.items())),
            "mitigations": dict(sorted(a.mitigations.items())),
        }
    )
    return hashlib.sha256(canonical.model_dump_json().encode("utf-8")).hexdigest()


def _band(b: tuple[int, Band] | None) -> BandResult | None:
    if b is None:
        return None
    return BandResult.fast(id=b[1].id, level=b[1].level, label=b[1].label)


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


def _fill(text: str, values: dict[str, Any]) -> str:
    def sub(m: re.Match[str]) -> str:
        v = _plain(values.get(m.group(1)))
        if isinstance(v, float):
            return f"{v:.1f}"
        if isinstance(v, bool):
            return "yes" if v else "no"
        return str(v)

    return re.sub(r"\{([A-Za-z0-9_.-]+)\}", sub, text)

"""The scoring engine: ``evaluate(policy, assessment) -> Result``, a pure function.

No I/O, no clock, no randomness. Every rule it applies comes from the policy and its
rubrics (compiled by :mod:`hawkama.policy.build`); the engine only walks the evaluation
plan: question applicability and weights, computed values, flags and dimension bands,
each after everything it reads, then the first verdict rule that holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from weakref import WeakKeyDictionary

from hawkama.engine.errors import located
from hawkama.engine.functions import FUNCS
from hawkama.engine.result import assessment_hash, build_result, build_summary, dimension_parts
from hawkama.engine.state import OPEN, SKIPPED, DimState, EnginePlan, QPlan, QState, State
from hawkama.expr.compile import Compiled
from hawkama.expr.ops import EvalError
from hawkama.models.assessment import ACTIVE_STATUSES, Assessment, RiskRating
from hawkama.models.common import cited_ids
from hawkama.models.question_types import QUESTION_TYPES
from hawkama.models.result import (
    AppliedMitigation,
    FlagResult,
    Result,
    ResultSummary,
    VerdictResult,
)
from hawkama.models.rubric import Band
from hawkama.policy.compiled import DimensionDef, PolicySet, QuestionDef

__all__ = ["assessment_hash", "evaluate", "evaluate_summary", "plan_for"]


# --- the plan, built once per policy --------------------------------------------------


def _qplan(qd: QuestionDef) -> QPlan:
    q = qd.question
    return QPlan(
        id=qd.id,
        dimension=qd.dimension,
        section=q.section,
        type=q.type,
        kind=QUESTION_TYPES[q.type].scoring,
        when=qd.when,
        options={o.id: (float(o.weight), o.unknown, o.na) for o in qd.options.values()},
        mitigations=tuple((m.id, m.lowers, m.floor, m.axis) for m in qd.mitigations),
        floor=q.floor,
        combine_sum=q.combine == "sum",
        importance=q.importance,
        scored=q.scored,
        required=q.required,
        offers_unknown=any(o.unknown for o in qd.options.values()),
        max_weight=qd.max_weight,
    )


# The plan of each policy in use, built on its first evaluation; the policy is frozen,
# so the engine keeps it here, and it goes when the policy does.
_PLANS: WeakKeyDictionary[PolicySet, EnginePlan] = WeakKeyDictionary()


def plan_for(ps: PolicySet) -> EnginePlan:
    plan = _PLANS.get(ps)
    if plan is None:
        plan = _PLANS[ps] = _make_plan(ps)
    return plan


def _expressions(ps: PolicySet) -> Iterator[Compiled]:
    for qd in ps.questions.values():
        if qd.when is not None:
            yield qd.when
    yield from (c for c, _ in ps.values.values())
    yield from (fd.when for fd in ps.flags)
    for dd in ps.dimensions.values():
        yield from (c for _, c in dd.bands if c is not None)
        yield from (c for c, _, _ in dd.overrides)
    yield from ps.verdicts
    yield from (c for _, c, _ in ps.findings)


def _make_plan(ps: PolicySet) -> EnginePlan:
    qplans = {qid: _qplan(qd) for qid, qd in ps.questions.items()}
    flags_by_code: dict[str, list[Any]] = {}
    for fd in ps.flags:
        flags_by_code.setdefault(fd.flag.code, []).append(fd)
    builtins = frozenset(name for c in _expressions(ps) for kind, name in c.deps if kind == "n")
    steps: list[Callable[[State], None]] = []
    last_question = -1
    for kind, key in ps.plan:
        if kind == "q":
            last_question = len(steps)
            steps.append(_question_step(qplans[key]))
        elif kind == "v":
            steps.append(_value_step(key, ps.values[key][0]))
        elif kind == "f":
            defs = tuple(flags_by_code[key])
            steps.append(_flag_step(key, defs, [cited_ids(fd.flag.sources) for fd in defs]))
        elif kind == "d":
            steps.append(_dimension_step(ps.dimensions[key]))
    if builtins and last_question >= 0:
        # Whatever reads a built-in name reads every question (its dependencies say so),
        # so it comes after the last question: the names are set there, once.
        steps[last_question] = _then_builtins(steps[last_question], builtins)
    selectors = {
        id(qids): tuple(qplans[q] for q in qids if qplans[q].scored)
        for qids in ps.selectors.values()
    }
    position = {qid: i for i, qid in enumerate(qplans)}
    return EnginePlan(
        steps=tuple(steps),
        questions=tuple(qplans.values()),
        by_id=qplans,
        flags_by_code={k: tuple(v) for k, v in flags_by_code.items()},
        selectors=selectors,
        # Every name is in FUNCS: tests/test_expr_functions.py checks the registry.
        functions={f: FUNCS[f] for c in _expressions(ps) for f in sorted(c.funcs)},
        dimension_parts=dimension_parts(ps),
        tally_order=tuple(
            (key, qplans[key].offers_unknown, qplans[key].required, position[key])
            for kind, key in ps.plan
            if kind == "q"
        ),
        value_ids=tuple(key for kind, key in ps.plan if kind == "v"),
        verdicts=tuple(
            (compiled.run, _verdict(i, rule))
            for i, (rule, compiled) in enumerate(zip(ps.policy.verdicts, ps.verdicts, strict=True))
        ),
        findings=tuple(
            (f.id, when.run, dim, f.title, tuple(f.text.items()), cited_ids(f.sources))
            for f, when, dim in ps.findings
        ),
        mitigation_text={
            m.id: (qid, m.text) for qid, qd in ps.questions.items() for m in qd.mitigations
        },
    )


def _verdict(i: int, rule: Any) -> VerdictResult:
    return VerdictResult.fast(
        id=rule.id,
        severity=rule.severity,
        label=rule.label,
        meaning=rule.meaning,
        next_steps=rule.next_steps,
        rule=i + 1,
        when=rule.when,
    )


def _then_builtins(step: Callable[[State], None], names: frozenset[str]) -> Callable[[State], None]:
    def run(s: State) -> None:
        step(s)
        s.set_builtins(names)

    return run


# --- steps ---------------------------------------------------------------------------


def _choice_states(qp: QPlan) -> dict[str, QState]:
    """The state of each option of a choice question, answered so with no mitigation."""
    states = {}
    for oid, (weight, unknown, na) in qp.options.items():
        st = QState(applies=True, shared=True)
        st.answered = True
        st.chosen = (oid,)
        st.value = oid
        st.inherent = st.residual = weight
        st.unknown, st.na = unknown, na
        states[oid] = st
    return states


MEMO_SIZE = 512


def _question_step(qp: QPlan) -> Callable[[State], None]:
    qid = qp.id
    when = qp.when.run if qp.when is not None else None
    # Plain choices (the commonest answer) take a state made once, and so do risk ratings
    # and sets of choices (made on first use: at most 10 x 10 ratings, MEMO_SIZE sets),
    # unless one of the question's mitigations is in effect.
    shared = _choice_states(qp) if qp.kind == "choice" else {}
    risk = qp.kind == "risk"
    multiple = qp.kind == "multiple"
    memo: dict[Any, QState] = {}
    mitigations = tuple(m[0] for m in qp.mitigations)

    def run(s: State) -> None:
        q = s.q
        if when is not None and not when(s):
            q[qid] = SKIPPED
            return
        answer = s.answers.get(qid)
        raw = answer.value if answer is not None else None
        if raw.__class__ is str and shared:  # the commonest case, first
            st = shared.get(raw)
            if st is not None and (
                st.unknown or st.na or not mitigations or not _in_effect(s, mitigations)
            ):
                q[qid] = st
                s[qid] = raw
                return
        if raw is None or raw == []:
            q[qid] = OPEN
            return
        st = None
        if shared:
            st = shared.get(raw if raw.__class__ is str else _option_id(raw))
            if st is not None and not (st.unknown or st.na) and _in_effect(s, mitigations):
                st = None
        elif (
            (risk and raw.__class__ is RiskRating) or (multiple and raw.__class__ is list)
        ) and not _in_effect(s, mitigations):
            if isinstance(raw, RiskRating):
                key: tuple[Any, ...] = (raw.likelihood, raw.impact)
            else:
                key = tuple(map(_option_id, raw))
            st = memo.get(key)
            if st is None:
                st = QState(applies=True, shared=True)
                _score_answer(s, qp, st, raw)
                if len(memo) < MEMO_SIZE:
                    memo[key] = st
        if st is None:
            st = QState(applies=True)
            _score_answer(s, qp, st, raw)
        q[qid] = st
        if st.value is not None:
            s[qid] = st.value

    return run


def _in_effect(s: State, mitigations: tuple[str, ...]) -> bool:
    """Whether any of these mitigations is in effect in this assessment."""
    for mid in mitigations:
        c = s.mitigations.get(mid)
        if c is not None and c.status in ACTIVE_STATUSES:
            return True
    return False


def _option_id(raw: Any) -> str:
    if raw is True:
        return "yes"
    if raw is False:
        return "no"
    return str(raw)


def _score_answer(s: State, qp: QPlan, st: QState, raw: Any) -> None:
    # One branch per scoring rule of models/question_types.py (QuestionKind.scoring).
    st.answered = True
    kind = qp.kind
    if kind == "choice":
        oid = _option_id(raw)
        st.chosen = (oid,)
        st.value = oid
        opt = qp.options.get(oid)
        if opt is not None:
            st.inherent, st.unknown, st.na = opt
    elif kind == "multiple":
        ids = tuple(_option_id(v) for v in (raw if isinstance(raw, list) else [raw]))
        st.chosen = ids
        st.value = ids
        opts = [qp.options[i] for i in ids if i in qp.options]
        st.unknown = any(o[1] for o in opts)
        st.na = bool(opts) and all(o[2] for o in opts)
        weights = [o[0] for o in opts if not o[2]]
        if weights:
            st.inherent = float(sum(weights)) if qp.combine_sum else float(max(weights))
    elif kind == "risk":
        if isinstance(raw, str):  # its "don't know" option (checked): weighed, not mitigated
            st.chosen = (raw,)
            st.inherent, st.unknown, st.na = qp.options.get(raw, (0.0, False, False))
            st.residual = st.inherent
            return
        _score_risk(s, qp, st, raw.likelihood, raw.impact)
        return
    elif kind == "scale":
        st.value = raw
        st.inherent = float(raw) if isinstance(raw, int | float) else 0.0
    else:  # "unscored" (number, text, date): recorded, not weighed
        st.value = raw.isoformat() if hasattr(raw, "isoformat") else raw
        return
    st.residual = st.inherent
    if st.unknown or st.na or not qp.mitigations:
        return
    lowered = 0.0
    floor = qp.floor
    for mid, lowers, mfloor, _ in qp.mitigations:
        c = s.mitigations.get(mid)
        if c is not None and c.status in ACTIVE_STATUSES:
            lowered += lowers
            floor = max(floor, mfloor)
            st.mits.append(_applied(mid, c, lowers, None))
    if lowered:
        st.residual = min(st.inherent, max(st.inherent - lowered, floor))


def _applied(mid: str, c: Any, lowers: float, axis: str | None) -> AppliedMitigation:
    return AppliedMitigation.raw(
        {
            "id": mid,
            "status": c.status,
            "lowers": lowers,
            "axis": axis,
            "owner": c.owner,
            "due": c.due,
        }
    )


def _score_risk(s: State, qp: QPlan, st: QState, li: int, im: int) -> None:
    st.inherent = float(li * im)
    st.value = st.inherent
    rl, ri = li, im
    for mid, lowers, mfloor, axis in qp.mitigations:
        c = s.mitigations.get(mid)
        if c is not None and c.status in ACTIVE_STATUSES:
            if axis == "likelihood":
                rl = max(rl - int(lowers), int(mfloor), 1)
            else:
                ri = max(ri - int(lowers), int(mfloor), 1)
            st.mits.append(_applied(mid, c, lowers, axis))
    st.likelihood, st.impact = (li, rl), (im, ri)
    st.residual = float(rl * ri)


def _value_step(vid: str, expr: Any) -> Callable[[State], None]:
    compute = expr.run

    def run(s: State) -> None:
        s[vid] = compute(s)

    return run


def _flag_step(
    code: str, defs: tuple[Any, ...], sources: list[list[str]]
) -> Callable[[State], None]:
    # A raised flag's record depends on nothing but its definition: made once, shared.
    checks = [
        (
            fd.question,
            fd.when.run,
            FlagResult.fast(
                code=code,
                level=fd.flag.level,
                message=fd.flag.message,
                dimension=fd.dimension,
                question=fd.question,
                sources=cited,
            ),
        )
        for fd, cited in zip(defs, sources, strict=True)
    ]

    def run(s: State) -> None:
        for question, when, flag in checks:
            if question is not None and not s.q[question].applies:
                continue  # flags of a question that does not apply stay down
            if when(s):
                s.flags.append(flag)
                s.flag_codes.add(code)
                s.flag_levels[flag.level] += 1

    return run


# A band: its position, the band, whether its limit is `below` (else `at_most`), and the
# limit: None (the last band), a number written out, or an expression of `score`.
BandPlan = tuple[int, Band, bool, float | None, Callable[[State], Any] | None]


def _band_plan(dd: DimensionDef) -> tuple[tuple[BandPlan, ...], bool]:
    """The bands of a dimension, and whether every limit is a number written out."""
    bands: list[BandPlan] = []
    for i, (band, limit) in enumerate(dd.bands):
        fixed = getattr(limit.run, "constant", None) if limit is not None else None
        if isinstance(fixed, bool) or not isinstance(fixed, int | float):
            fixed = None
        run = limit.run if limit is not None and fixed is None else None
        bands.append((i, band, band.below is not None, fixed, run))
    return tuple(bands), all(run is None for *_, run in bands)


def _pick_band(
    s: State, bands: tuple[BandPlan, ...], fixed: bool, score: float | None
) -> tuple[int, Band] | None:
    if score is None:
        return None
    if fixed:  # no limit reads the score: no need to name it
        for i, band, below, bound, _ in bands:
            if bound is None or (score < bound if below else score <= bound):
                return i, band
        return None
    s["score"] = score
    try:
        for i, band, below, bound, run in bands:
            if run is not None:
                bound = run(s)
                if bound is None:
                    continue
            if bound is None or (score < bound if below else score <= bound):
                return i, band
        return None
    finally:
        del s["score"]


def _number(x: Any) -> float | None:
    if isinstance(x, bool) or not isinstance(x, int | float):
        return None
    return x


def _dimension_step(dd: DimensionDef) -> Callable[[State], None]:
    sc = dd.rubric.scoring
    did = dd.rubric.id
    bands, fixed = _band_plan(dd)

    def run(s: State) -> None:
        d = DimState()
        s.dims[did] = d
        if sc.residual is None:
            return
        d.residual = _number(s.get(sc.residual))
        d.inherent = _number(s.get(sc.inherent)) if sc.inherent else d.residual
        d.band = _pick_band(s, bands, fixed, d.residual)
        d.band_inherent = _pick_band(s, bands, fixed, d.inherent)
        for when, index, reason in dd.overrides:
            if when(s):
                if d.band is not None and d.band[0] < index:
                    d.band = (index, sc.bands[index])
                    d.override = reason
                if d.band_inherent is not None and d.band_inherent[0] < index:
                    d.band_inherent = (index, sc.bands[index])

    return run


# --- the whole evaluation --------------------------------------------------------------


def evaluate(policy: PolicySet, assessment: Assessment) -> Result:
    """Score one assessment against a loaded policy. Pure: same inputs, same result.

    An expression that fails on these answers (a result out of range, a value of the
    wrong kind: see hawkama.expr.ops.EvalError) is raised as a located InputError.
    """
    try:
        return build_result(*_run(policy, assessment))
    except EvalError as exc:
        raise _located(policy, assessment, exc) from None


def evaluate_summary(policy: PolicySet, assessment: Assessment) -> ResultSummary:
    """Like evaluate, without the per-question record (what `score` and `portfolio` need)."""
    try:
        return build_summary(*_run(policy, assessment))
    except EvalError as exc:
        raise _located(policy, assessment, exc) from None


def _located(policy: PolicySet, assessment: Assessment, exc: EvalError) -> Exception:
    return located(policy, plan_for(policy), assessment, exc)


def _run(policy: PolicySet, assessment: Assessment) -> tuple[State, VerdictResult]:
    plan = plan_for(policy)
    state = State(policy, plan, assessment)
    for step in plan.steps:
        step(state)
    for holds, verdict in plan.verdicts:
        if holds(state):
            return state, verdict
    raise AssertionError("the last verdict rule is `true`, enforced at load")  # pragma: no cover

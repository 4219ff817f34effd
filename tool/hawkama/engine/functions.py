"""What the functions of the expression language do, over one evaluation's state.

Their names, arguments and types are in the registry, :mod:`hawkama.expr.functions`;
this is the engine's table of implementations for it, bound by name when a policy is
planned (``hawkama.engine.evaluate.plan_for``).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from hawkama.engine.state import Scored, State
from hawkama.expr.ops import EvalError, show
from hawkama.expr.types import LIMIT, MAX_DIGITS
from hawkama.models.assessment import ACTIVE_STATUSES


def _scored(s: State, sel: tuple[str, ...]) -> Scored:
    """The residual, inherent weight and importance of each counted question of ``sel``."""
    # Every question of a selection is evaluated before anything that reads the
    # selection (the plan orders it so), so the columns can be kept for the evaluation;
    # the functions below sum them in C, in the order the questions come.
    key = id(sel)
    found = s.scored.get(key)
    if found is None:
        q = s.q
        rows = [
            (st, qp)
            for qp in s.plan.selectors[key]
            if (st := q[qp.id]).applies and st.answered and not st.na
        ]
        found = s.scored[key] = (
            [st.residual for st, _ in rows],
            [st.inherent for st, _ in rows],
            [qp.importance for _, qp in rows],
        )
    return found


def _number(func: str, x: Any) -> Any:
    """``x`` when it is a number (or null); the load-time type checks make this the rule."""
    if x is None or isinstance(x, int | float):
        return x
    raise EvalError(f"{func}() takes a number, got {show(x)}")


def round_half_up(x: Any, digits: Any = 0) -> Any:
    """Math.round semantics (floor(x + 0.5)), which is what the AIA's JavaScript uses."""
    if _number("round_half_up", x) is None:
        return None
    if not digits:
        return math.floor(x + 0.5)
    if not (
        isinstance(digits, int | float) and 0 <= digits <= MAX_DIGITS and digits == int(digits)
    ):
        raise EvalError(f"round_half_up() rounds to 0 to {MAX_DIGITS} digits, got {show(digits)}")
    scale = 10 ** int(digits)
    return math.floor(x * scale + 0.5) / scale


def _items(func: str, args: tuple[Any, ...]) -> list[Any]:
    if len(args) == 1 and isinstance(args[0], tuple | list):
        args = tuple(args[0])
    items = [a for a in args if a is not None]
    for a in items:
        if not isinstance(a, int | float):
            raise EvalError(f"{func}() takes numbers, got {show(a)}")
    return items


def _sum(*args: Any) -> Any:
    total = sum(_items("sum", args))
    if -LIMIT <= total <= LIMIT:
        return total
    raise EvalError(f"sum() is {show(total)}, outside the allowed range -1e+15 to 1e+15")


def _band_level(s: State, dim: str, inherent: bool = False) -> int | None:
    d = s.dims.get(dim)
    if d is None:
        return None
    band = d.band_inherent if inherent else d.band
    return band[1].level if band else None


def _dims_levels(s: State) -> list[int]:
    return [d.band[1].level for d in s.dims.values() if d.band is not None]


def _dims_count(s: State, func: str, n: Any) -> int:
    if _number(func, n) is None:
        return 0
    levels = _dims_levels(s)
    return sum(lv >= n for lv in levels) if func == "dims_at_least" else levels.count(n)


def _count_severe(s: State, sel: tuple[str, ...], w: Any, imp: Any) -> int:
    if _number("count_severe", w) is None or _number("count_severe", imp) is None:
        return 0
    residual, _, importance = _scored(s, sel)
    return sum([1 for r, i in zip(residual, importance, strict=True) if r >= w and i >= imp])


def _count_states(s: State, sel: tuple[str, ...], what: str) -> int:
    """How many questions of ``sel`` apply and are answered / answered "don't know" / at all."""
    q = s.q
    if what == "applies":
        return sum([1 for x in sel if q[x].applies])
    if what == "answered":
        return sum([1 for x in sel if (st := q[x]).applies and st.answered])
    return sum([1 for x in sel if (st := q[x]).applies and st.unknown])


def _mitigated(s: State, m: str) -> bool:
    c = s.mitigations.get(m)
    return (
        c is not None and c.status in ACTIVE_STATUSES and s.q[s.ps.mitigation_question[m]].applies
    )


def _total_max(s: State, sel: tuple[str, ...]) -> float:
    q = s.q
    return sum(
        qp.max_weight * qp.importance
        for qp in s.plan.selectors[id(sel)]
        if q[qp.id].applies and not q[qp.id].na
    )


# Functions of their arguments only: `rubric check` enumerates answers through them too.
PURE: dict[str, Callable[..., Any]] = {
    # Checked when the policy is loaded; ISO text orders as the dates do.
    "date": lambda iso: iso,
    "count": lambda xs: sum(map(bool, xs if isinstance(xs, tuple | list) else (xs,))),
    "sum": _sum,
    "max": lambda *a: max(_items("max", a), default=None),
    "min": lambda *a: min(_items("min", a), default=None),
    "abs": lambda x: None if _number("abs", x) is None else abs(x),
    "round_half_up": round_half_up,
    "floor": lambda x: None if _number("floor", x) is None else math.floor(x),
    "ceil": lambda x: None if _number("ceil", x) is None else math.ceil(x),
}


def _stateless(f: Callable[..., Any]) -> Callable[..., Any]:
    return lambda s, *args: f(*args)


FUNCS: dict[str, Callable[..., Any]] = {
    "answered": lambda s, q: s.q[q].answered,
    "applies": lambda s, q: s.q[q].applies,
    "unknown": lambda s, q: s.q[q].unknown,
    "weight": lambda s, q: s.q[q].inherent,
    "residual": lambda s, q: s.q[q].residual,
    "importance": lambda s, q: s.plan.by_id[q].importance,
    "likelihood": lambda s, q: s.q[q].likelihood[0] if s.q[q].likelihood else None,
    "impact": lambda s, q: s.q[q].impact[0] if s.q[q].impact else None,
    "residual_likelihood": lambda s, q: s.q[q].likelihood[1] if s.q[q].likelihood else None,
    "residual_impact": lambda s, q: s.q[q].impact[1] if s.q[q].impact else None,
    "any_of": lambda s, q, opts: any(c in opts for c in s.q[q].chosen),
    "selected": lambda s, q, opts: sum(c in opts for c in s.q[q].chosen),
    "mitigated": _mitigated,
    "flagged": lambda s, code: code in s.flag_codes,
    "flags": lambda s, level: s.flag_levels[level],
    "level": lambda s, d: _band_level(s, d),
    "level_inherent": lambda s, d: _band_level(s, d, inherent=True),
    "band": lambda s, d: s.dims[d].band[1].id if s.dims[d].band else None,
    "score": lambda s, d: s.dims[d].residual,
    "dims_at_least": lambda s, n: _dims_count(s, "dims_at_least", n),
    "dims_exactly": lambda s, n: _dims_count(s, "dims_exactly", n),
    **{name: _stateless(f) for name, f in PURE.items()},
    "total": lambda s, sel: sum(map(operator.mul, _scored(s, sel)[0], _scored(s, sel)[2])),
    "total_inherent": lambda s, sel: sum(map(operator.mul, _scored(s, sel)[1], _scored(s, sel)[2])),
    "total_max": _total_max,
    "total_max_static": lambda s, sel: sum(
        qp.max_weight * qp.importance for qp in s.plan.selectors[id(sel)]
    ),
    "total_importance": lambda s, sel: sum(_scored(s, sel)[2]),
    "worst": lambda s, sel: max(_scored(s, sel)[0], default=0),
    "worst_inherent": lambda s, sel: max(_scored(s, sel)[1], default=0),
    "count_answered": lambda s, sel: _count_states(s, sel, "answered"),
    "count_applicable": lambda s, sel: _count_states(s, sel, "applies"),
    "count_unknown": lambda s, sel: _count_states(s, sel, "unknown"),
    "count_severe": _count_severe,
}

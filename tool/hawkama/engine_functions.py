"""What the functions of the expression language do, over one evaluation's state."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from hawkama.engine_state import QPlan, QState, State


def _scored(s: State, sel: tuple[str, ...]) -> list[tuple[QState, QPlan]]:
    # Every question of a selection is evaluated before anything that reads the
    # selection (the plan orders it so), so the list can be kept for the evaluation.
    key = id(sel)
    found = s.scored.get(key)
    if found is None:
        q = s.q
        found = s.scored[key] = [
            (st, qp)
            for qp in s.plan.selectors[key]
            if (st := q[qp.id]).applies and st.answered and not st.na
        ]
    return found


def round_half_up(x: Any, digits: Any = 0) -> Any:
    """Math.round semantics (floor(x + 0.5)), which is what the AIA's JavaScript uses."""
    if x is None:
        return None
    if not digits:
        return math.floor(x + 0.5)
    scale = 10 ** int(digits)
    return math.floor(x * scale + 0.5) / scale


def _items(args: tuple[Any, ...]) -> list[Any]:
    if len(args) == 1 and isinstance(args[0], tuple | list):
        return [a for a in args[0] if a is not None]
    return [a for a in args if a is not None]


def _band_level(s: State, dim: str, inherent: bool = False) -> int | None:
    d = s.dims.get(dim)
    if d is None:
        return None
    band = d.band_inherent if inherent else d.band
    return band[1].level if band else None


def _dims_levels(s: State) -> list[int]:
    return [d.band[1].level for d in s.dims.values() if d.band is not None]


def _mitigated(s: State, m: str) -> bool:
    c = s.mitigations.get(m)
    return (
        c is not None
        and c.status in ("committed", "implemented")
        and s.q[s.ps.mitigation_question[m]].applies
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
    "count": lambda xs: sum(bool(x) for x in (xs if isinstance(xs, tuple | list) else (xs,))),
    "sum": lambda *a: sum(_items(a)),
    "max": lambda *a: max(_items(a), default=None),
    "min": lambda *a: min(_items(a), default=None),
    "abs": lambda x: None if x is None else abs(x),
    "round_half_up": round_half_up,
    "floor": lambda x: None if x is None else math.floor(x),
    "ceil": lambda x: None if x is None else math.ceil(x),
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
    "dims_at_least": lambda s, n: sum(lv >= n for lv in _dims_levels(s)),
    "dims_exactly": lambda s, n: sum(lv == n for lv in _dims_levels(s)),
    **{name: _stateless(f) for name, f in PURE.items()},
    "total": lambda s, sel: sum(st.residual * qp.importance for st, qp in _scored(s, sel)),
    "total_inherent": lambda s, sel: sum(st.inherent * qp.importance for st, qp in _scored(s, sel)),
    "total_max": _total_max,
    "total_max_static": lambda s, sel: sum(
        qp.max_weight * qp.importance for qp in s.plan.selectors[id(sel)]
    ),
    "total_importance": lambda s, sel: sum(qp.importance for _, qp in _scored(s, sel)),
    "worst": lambda s, sel: max((st.residual for st, _ in _scored(s, sel)), default=0),
    "worst_inherent": lambda s, sel: max((st.inherent for st, _ in _scored(s, sel)), default=0),
    "count_answered": lambda s, sel: sum(s.q[q].applies and s.q[q].answered for q in sel),
    "count_applicable": lambda s, sel: sum(s.q[q].applies for q in sel),
    "count_unknown": lambda s, sel: sum(s.q[q].applies and s.q[q].unknown for q in sel),
    "count_severe": lambda s, sel, w, imp: sum(
        st.residual >= w and qp.importance >= imp for st, qp in _scored(s, sel)
    ),
}

State.FUNCS.update(FUNCS)

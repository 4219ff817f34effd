"""Static types and number ranges of expressions, checked when a policy is loaded.

Every expression has a type: a set of the kinds of value it can have at run time
(number, bool, text, list, null), and for numbers the range they lie in, as far as
it can be told from literals, question types and other computed values. The checks
refuse what can only go wrong (text where a number is needed, a result that is
always out of range); what only *may* go wrong is left to the run-time guards in
:mod:`hawkama.expr.ops` and the engine's functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from hawkama.models.common import NUMBER_LIMIT
from hawkama.models.question_types import QUESTION_TYPES

# Bounds every evaluation keeps to (README, "Security model").
LIMIT = NUMBER_LIMIT
MAX_DIGITS = 10

NUM, BOOL, TEXT, LIST, NULL = "number", "bool", "text", "list", "null"
# A date question's answer and date('YYYY-MM-DD') are ISO text at run time (which orders
# as the dates do); a kind of their own lets the checks refuse comparing one with text.
DATE = "date"
NUMERIC = frozenset({NUM, BOOL})
INF = math.inf


@dataclass(frozen=True)
class SType:
    """What an expression can be: its kinds, its numeric range, its list items' type."""

    kinds: frozenset[str]
    lo: float = -INF
    hi: float = INF
    item: SType | None = None  # for lists: the type of their items (None: anything)

    @property
    def point(self) -> float | None:
        """The number this always is, when it is one known number."""
        return self.lo if self.lo == self.hi and self.kinds <= NUMERIC else None

    def never(self, allowed: frozenset[str]) -> bool:
        """True when this can only be something outside ``allowed`` (null aside)."""
        real = self.kinds - {NULL}
        return bool(real) and not (real & allowed)

    def describe(self) -> str:
        real = sorted(self.kinds - {NULL}) or [NULL]
        return " or ".join(_ARTICLE.get(k, k) for k in real)


_ARTICLE = {
    NUM: "a number",
    BOOL: "true/false",
    TEXT: "text",
    LIST: "a list",
    NULL: "null",
    DATE: "a date",
}

ANY = SType(frozenset({NUM, BOOL, TEXT, LIST, NULL, DATE}))
BOOLEAN = SType(frozenset({BOOL}), 0, 1)
TEXT_T = SType(frozenset({TEXT}))
COUNT = SType(frozenset({NUM}), 0, INF)
NULL_T = SType(frozenset({NULL}), INF, -INF)


def number(lo: float = -INF, hi: float = INF, nullable: bool = False) -> SType:
    lo, hi = (-INF if math.isnan(lo) else lo), (INF if math.isnan(hi) else hi)
    return SType(frozenset({NUM, NULL} if nullable else {NUM}), lo, hi)


def literal(value: object) -> SType:
    if value is None:
        return NULL_T
    if isinstance(value, bool):
        return SType(frozenset({BOOL}), float(value), float(value))
    if isinstance(value, int | float):
        return number(value, value)
    if isinstance(value, str):
        return TEXT_T
    return ANY


def union(types: Iterable[SType]) -> SType:
    kinds: set[str] = set()
    lo, hi = INF, -INF
    items: list[SType] = []
    any_item = False
    for t in types:
        kinds |= t.kinds
        if t.kinds & NUMERIC:
            lo, hi = min(lo, t.lo), max(hi, t.hi)
        if LIST in t.kinds:
            if t.item is None:
                any_item = True
            else:
                items.append(t.item)
    if not kinds & NUMERIC:
        lo, hi = INF, -INF
    item = None if any_item or not items else union(items)
    return SType(frozenset(kinds), lo, hi, item)


def list_of(items: Iterable[SType]) -> SType:
    found = list(items)
    return SType(frozenset({LIST}), item=union(found) if found else NULL_T)


def nullable(t: SType) -> bool:
    return NULL in t.kinds


def numeric_range(t: SType) -> tuple[float, float]:
    """The range of the numbers ``t`` can be (bools count as 0 and 1)."""
    if not t.kinds & NUMERIC:
        return -INF, INF
    lo, hi = t.lo, t.hi
    if BOOL in t.kinds:
        lo, hi = min(lo, 0), max(hi, 1)
    return lo, hi


def _mul(x: float, y: float) -> float:
    return 0.0 if x == 0 or y == 0 else x * y


def arith(op: str, a: SType, b: SType) -> SType:
    """The type of ``a op b`` for an arithmetic operator."""
    (alo, ahi), (blo, bhi) = numeric_range(a), numeric_range(b)
    maybe_null = nullable(a) or nullable(b) or op in ("/", "%")
    if op == "+":
        return number(alo + blo, ahi + bhi, maybe_null)
    if op == "-":
        return number(alo - bhi, ahi - blo, maybe_null)
    if op == "*":
        ends = [_mul(x, y) for x in (alo, ahi) for y in (blo, bhi)]
        return number(min(ends), max(ends), maybe_null)
    if op == "/":
        if blo <= 0 <= bhi:
            return number(nullable=True)  # near zero anything goes; at zero, null
        ends = [_mul(x, 1 / y) for x in (alo, ahi) for y in (blo, bhi)]
        return number(min(ends), max(ends), True)
    m = max(abs(blo), abs(bhi))  # %: Python's modulo takes the divisor's sign
    return number(-m, m, True)


def outside(t: SType) -> bool:
    """True when every number ``t`` can be lies outside the allowed range."""
    return NUM in t.kinds and (t.lo > LIMIT or t.hi < -LIMIT)


def show(x: float) -> str:
    if math.isinf(x):
        return "infinity" if x > 0 else "-infinity"
    return f"{x:.6g}"


# What each function gives back, for those whose result does not depend on their arguments.
RESULTS: dict[str, SType] = {
    **dict.fromkeys(("answered", "applies", "unknown", "any_of", "mitigated", "flagged"), BOOLEAN),
    **dict.fromkeys(("weight", "residual"), number(0, INF)),
    "importance": number(0, 10),
    "date": SType(frozenset({DATE})),
    **dict.fromkeys(
        ("likelihood", "impact", "residual_likelihood", "residual_impact"),
        number(1, 10, nullable=True),
    ),
    **dict.fromkeys(
        (
            "selected",
            "flags",
            "dims_at_least",
            "dims_exactly",
            "count",
            "count_answered",
            "count_applicable",
            "count_unknown",
            "count_severe",
        ),
        COUNT,
    ),
    **dict.fromkeys(("level", "level_inherent", "score"), number(nullable=True)),
    "band": SType(frozenset({TEXT, NULL})),
    **dict.fromkeys(
        (
            "total",
            "total_inherent",
            "total_max",
            "total_max_static",
            "total_importance",
            "worst",
            "worst_inherent",
        ),
        number(0, INF),
    ),
}

BUILTIN_TYPES: dict[str, SType] = {
    "unknown_share": number(0, 1),
    "unknown_threshold": number(),
    "missing_required": COUNT,
}


def question_type(kind: str) -> SType:
    """What a question's name reads as, by the question's type (its ``reads_as``)."""
    entry = QUESTION_TYPES.get(kind)
    if entry is None:
        return ANY
    if entry.reads_as == "text":
        return SType(frozenset({TEXT, NULL}))
    if entry.reads_as == "date":
        return SType(frozenset({DATE, NULL}))
    if entry.reads_as == "text_list":
        return SType(frozenset({LIST, NULL}), item=TEXT_T)
    return number(*(entry.value_range or (-INF, INF)), nullable=True)

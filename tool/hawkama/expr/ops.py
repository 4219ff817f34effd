"""What the operators of the expression language do at run time.

Null (an unanswered or non-applicable question) never raises: arithmetic with it
gives null, ordering comparisons with it are false, and `in` treats a single answer
as a set of one.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from hawkama.expr.types import LIMIT


class EvalError(ValueError):
    """An expression met a value it cannot work with while running (see the engine)."""


def show(x: Any) -> str:
    text = repr(x) if not isinstance(x, float) else f"{x:.6g}"
    return text if len(text) <= 40 else text[:37] + "..."


def neg(x: Any) -> Any:
    if isinstance(x, int | float):
        return -x
    if x is None or isinstance(x, str):
        return None
    raise EvalError(f"'-' takes a number, got {show(x)}")


def _arith(op: Callable[[Any, Any], Any], sign: str) -> Callable[[Any, Any], Any]:
    def run(a: Any, b: Any) -> Any:
        if not (isinstance(a, int | float) and isinstance(b, int | float)):
            return None
        try:
            result = op(a, b)
        except ZeroDivisionError:
            return None
        except OverflowError:
            result = math.inf
        # One comparison keeps every result finite and small: no run-away growth, no
        # 7,000-digit integer for the writers (also false for NaN).
        if -LIMIT <= result <= LIMIT:
            return result
        raise EvalError(f"{show(a)} {sign} {show(b)} is outside the allowed range -1e+15 to 1e+15")

    return run


def _order(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def run(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return False
        try:
            return op(a, b)
        except TypeError:
            return False

    return run


def _contains(item: Any, container: Any) -> bool:
    # A single-choice answer is a set of one: 'a' in PRV-03 means PRV-03 == 'a'.
    if container is None:
        return False
    if isinstance(container, tuple | list | frozenset | set):
        if isinstance(item, tuple | list):
            return any(i in container for i in item)
        return item in container
    if isinstance(item, tuple | list):
        return container in item
    return bool(item == container)


def contains_set(item: Any, options: frozenset[str]) -> bool:
    """`item in [...]` for a constant list of strings; the same meaning as _contains."""
    if isinstance(item, str):
        return item in options
    if isinstance(item, tuple | list):
        return any(i in options for i in item)
    return False


def contains_one(item: str, container: Any) -> bool:
    """`'x' in ...` for a constant string; the same meaning as _contains."""
    if container is None:
        return False
    if isinstance(container, tuple | list | frozenset | set):
        return item in container
    return bool(item == container)


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, list):
        a = tuple(a)
    if isinstance(b, list):
        b = tuple(b)
    return bool(a == b)


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": _arith(operator.add, "+"),
    "-": _arith(operator.sub, "-"),
    "*": _arith(operator.mul, "*"),
    "/": _arith(operator.truediv, "/"),
    "%": _arith(operator.mod, "%"),
    "==": _eq,
    "!=": lambda a, b: not _eq(a, b),
    "<": _order(operator.lt),
    "<=": _order(operator.le),
    ">": _order(operator.gt),
    ">=": _order(operator.ge),
    "in": _contains,
    "notin": lambda a, b: not _contains(a, b),
}

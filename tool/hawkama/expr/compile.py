"""Static checks and compilation of expression trees into closures.

Every name is resolved against the policy (question ids, computed values, built-in
names), every string compared with a question is checked against that question's
option ids, and every function must be one of the whitelisted ones below. The
result is a closure over an evaluation environment plus the set of things the
expression depends on, which the engine uses to order evaluation.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from hawkama.expr import types as ty
from hawkama.expr.functions import FUNCTIONS
from hawkama.expr.ops import BINARY, contains_one, contains_set, neg
from hawkama.expr.syntax import (
    Binary,
    BoolOp,
    Call,
    Cond,
    ExprSyntaxError,
    ListExpr,
    Lit,
    Name,
    Node,
    Unary,
    parse,
)
from hawkama.models.common import FLAG_LEVELS

# What an expression reads: ("q", question), ("v", value), ("f", flag code),
# ("fl", flag level), ("d", dimension), ("n", built-in name such as unknown_share).
Dep = tuple[str, str]
BUILTIN_NAMES = {
    "unknown_share": "share of applicable answered questions answered 'don't know' (0-1)",
    "unknown_threshold": "the policy's threshold for insufficient information",
    "missing_required": "number of required applicable questions left unanswered",
}


class Env(Protocol):
    """What a compiled expression reads while it runs (the engine implements it)."""

    def get(self, name: str) -> Any: ...
    def call(self, func: str, args: tuple[Any, ...]) -> Any: ...


@dataclass(frozen=True)
class QuestionInfo:
    id: str
    type: str
    options: tuple[str, ...]
    allow_other: bool = False


@dataclass
class Scope:
    """What names, literals and arguments an expression may use."""

    questions: Mapping[str, QuestionInfo]
    values: set[str] = field(default_factory=set)
    flag_codes: set[str] = field(default_factory=set)
    dimensions: set[str] = field(default_factory=set)
    mitigations: Mapping[str, str] = field(default_factory=dict)  # mitigation id -> question id
    selectors: Callable[[str], tuple[str, ...] | None] = lambda _s: None
    extra_names: set[str] = field(default_factory=set)  # e.g. 'score' inside band limits
    # Types of the computed values compiled so far (a value not in it may be anything).
    value_types: Mapping[str, ty.SType] = field(default_factory=dict)
    # A rubric checked without its policy: names, flags, dimensions and selectors the
    # rubric does not define may belong to the policy, so they are taken on trust.
    open: bool = False


@dataclass(frozen=True)
class Compiled:
    source: str
    run: Callable[[Env], Any]
    deps: frozenset[Dep]
    type: ty.SType = ty.ANY
    site: Any = None  # where the expression is written, set by whoever compiled it
    # The functions it calls, by name: whoever runs it implements them (Env.call).
    funcs: frozenset[str] = frozenset()

    def __call__(self, env: Env) -> Any:
        return self.run(env)


class ExprError(ExprSyntaxError):
    pass


Typed = tuple[Callable[[Env], Any], ty.SType]
ORDER = ("<", "<=", ">", ">=")


def _nearest(word: str, choices: Iterable[str]) -> str:
    import difflib  # only for an error message: 1-8 ms of every start-up otherwise

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Compiler:
    def __init__(self, scope: Scope, specialise: bool = True) -> None:
        self.scope = scope
        self.specialise = specialise
        self.deps: set[Dep] = set()
        self.funcs: set[str] = set()

    # -- checks ------------------------------------------------------------

    def question(self, node: Node, func: str) -> str:
        if isinstance(node, Name) and node.id in self.scope.questions:
            self.deps.add(("q", node.id))
            return node.id
        if isinstance(node, Name) and self.scope.open:
            return node.id
        raise ExprError(f"{func}() takes a question id as its first argument", node.pos)

    def string(self, node: Node, func: str, what: str) -> str:
        if isinstance(node, Lit) and isinstance(node.value, str):
            return node.value
        raise ExprError(f"{func}() takes {what} as a quoted string", node.pos)

    def check_option(self, qid: str, value: Any, pos: int) -> None:
        info = self.scope.questions.get(qid)
        if info is None or not info.options or info.allow_other or not isinstance(value, str):
            return
        if value not in info.options:
            raise ExprError(
                f"{qid} has no option {value!r}{_nearest(value, info.options)} "
                f"(allowed: {', '.join(info.options)})",
                pos,
            )

    def check_literals(self, qnode: Node, other: Node) -> None:
        if not (isinstance(qnode, Name) and qnode.id in self.scope.questions):
            return
        items = other.items if isinstance(other, ListExpr) else (other,)
        for item in items:
            if isinstance(item, Lit):
                self.check_option(qnode.id, item.value, item.pos)

    def numeric(self, t: ty.SType, pos: int, what: str) -> None:
        if t.never(ty.NUMERIC):
            raise ExprError(f"{what} takes a number, got {t.describe()}", pos)

    def bounded(self, t: ty.SType, pos: int) -> ty.SType:
        """Refuse a result that is always out of range; else keep its type."""
        if ty.outside(t):
            where = ty.show(t.lo) if t.lo == t.hi else f"{ty.show(t.lo)} to {ty.show(t.hi)}"
            raise ExprError(
                f"the result ({where}) is outside the allowed range "
                f"-{ty.show(ty.LIMIT)} to {ty.show(ty.LIMIT)}",
                pos,
            )
        return t

    # -- compilation -------------------------------------------------------

    def compile(self, node: Node) -> Typed:
        if isinstance(node, Lit):
            return _const(node.value), ty.literal(node.value)
        if isinstance(node, Name):
            return self.name(node)
        if isinstance(node, ListExpr):
            if all(isinstance(i, Lit) for i in node.items):
                # A list of literals (the usual `X in ['a', 'b']`) is built once, here.
                values = tuple(i.value for i in node.items if isinstance(i, Lit))
                return _const(values), ty.list_of(ty.literal(v) for v in values)
            compiled = [self.compile(i) for i in node.items]
            parts = [c for c, _ in compiled]
            return (lambda env: tuple(p(env) for p in parts)), ty.list_of(t for _, t in compiled)
        if isinstance(node, Unary):
            inner, t = self.compile(node.operand)
            if node.op == "not":
                return (lambda env: not inner(env)), ty.BOOLEAN
            self.numeric(t, node.operand.pos, "'-'")
            lo, hi = ty.numeric_range(t)
            return (lambda env: neg(inner(env))), ty.number(-hi, -lo, not t.kinds <= ty.NUMERIC)
        if isinstance(node, BoolOp):
            parts = [self.compile(i)[0] for i in node.items]
            if self.specialise:
                return _bool_op(node.op, parts), ty.BOOLEAN
            if node.op == "and":
                return (lambda env: all(p(env) for p in parts)), ty.BOOLEAN
            return (lambda env: any(p(env) for p in parts)), ty.BOOLEAN
        if isinstance(node, Cond):
            test = self.compile(node.test)[0]
            then, t1 = self.compile(node.then)
            other, t2 = self.compile(node.other)
            return (lambda env: then(env) if test(env) else other(env)), ty.union((t1, t2))
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Call):
            return self.call(node)
        raise ExprError("unsupported expression", node.pos)  # pragma: no cover

    def name(self, node: Name) -> Typed:
        name = node.id
        scope = self.scope
        info = scope.questions.get(name)
        if info is not None:
            self.deps.add(("q", name))
            t = ty.question_type(info.type)
        elif name in scope.values:
            self.deps.add(("v", name))
            t = scope.value_types.get(name, ty.ANY)
        elif name in BUILTIN_NAMES:
            self.deps.update(("q", q) for q in scope.questions)
            self.deps.add(("n", name))  # what it reads, by name (e.g. for `hawkama diff`)
            t = ty.BUILTIN_TYPES[name]
        elif name in scope.extra_names:
            t = ty.number()
        elif scope.open and name not in FUNCTIONS:
            t = ty.ANY
        else:
            known = [*scope.questions, *scope.values, *BUILTIN_NAMES, *scope.extra_names]
            head = name.split("-")[0]
            if "-" in name and head in known:
                hint = f"; for subtraction put spaces around '-': {head} - ..."
            else:
                hint = _nearest(name, known)
            if not hint and name in FUNCTIONS:
                hint = f"; {name} is a function: {name}(...)"
            raise ExprError(f"unknown name {name!r}{hint}", node.pos)
        return (lambda env: env.get(name)), t

    def binary(self, node: Binary) -> Typed:
        op = node.op
        if op in ("==", "!=") or op in ("in", "notin"):
            self.check_literals(node.left, node.right)
            self.check_literals(node.right, node.left)
        (left, lt), (right, rt) = self.compile(node.left), self.compile(node.right)
        fn = BINARY[op]
        result = ty.BOOLEAN
        if op in ("+", "-", "*", "/", "%"):
            self.numeric(lt, node.left.pos, f"'{op}'")
            self.numeric(rt, node.right.pos, f"'{op}'")
            result = self.bounded(ty.arith(op, lt, rt), node.pos)
        elif op in ORDER:
            # Equality is total (a list never equals a text: SurveyJS conditions rely on
            # it); an ordering between kinds has no meaning.
            if _apart(lt, rt):
                raise ExprError(
                    f"'{op}' cannot compare {lt.describe()} with {rt.describe()}", node.pos
                )
        elif op in ("==", "!="):
            pass
        elif rt.never(frozenset({ty.TEXT, ty.LIST})):
            raise ExprError(
                f"'{'not in' if op == 'notin' else 'in'}' takes a list or a choice question "
                f"on its right, got {rt.describe()}",
                node.right.pos,
            )
        fast = _fast_binary(op, node, left, right) if self.specialise else None
        if fast is not None:
            return fast, result
        return (lambda env: fn(left(env), right(env))), result

    def call(self, node: Call) -> Typed:
        spec = FUNCTIONS.get(node.func)
        if spec is None:
            raise ExprError(
                f"unknown function {node.func!r}{_nearest(node.func, FUNCTIONS)} "
                f"(allowed: {', '.join(sorted(FUNCTIONS))})",
                node.pos,
            )
        kinds = spec[0]
        fixed = [k for k in kinds if not k.startswith(("*", "?"))]
        variadic = any(k.startswith("*") for k in kinds)
        optional = sum(k.startswith("?") for k in kinds)
        n = len(node.args)
        if n < len(fixed) or (not variadic and n > len(fixed) + optional) or (variadic and n == 0):
            raise ExprError(f"{node.func}() takes {_arity(kinds)}, given {n}", node.pos)
        args: list[Callable[[Env], Any]] = []
        types: list[ty.SType] = []
        for i, arg in enumerate(node.args):
            kind = kinds[min(i, len(kinds) - 1)].lstrip("*?")
            if kind in ("n", "x"):
                run, t = self.compile(arg)
                args.append(run)
                types.append(t)
            else:
                args.append(_const(self.fixed_arg(node, arg, kind)))
                types.append(ty.ANY)
        result = self.check_args(node, types)
        if node.func in ("dims_at_least", "dims_exactly"):
            self.deps.update(("d", d) for d in self.scope.dimensions)
        return self.bind(node.func, args), result

    def fixed_arg(self, node: Call, arg: Node, kind: str) -> Any:
        """Check an argument that must be written out (a question, a selector...)."""
        scope = self.scope
        if kind == "q":
            return self.question(arg, node.func)
        if kind == "opts":
            qid = self.question(node.args[0], node.func)
            if not isinstance(arg, ListExpr) or not all(
                isinstance(i, Lit) and isinstance(i.value, str) for i in arg.items
            ):
                raise ExprError(f"{node.func}() takes a list of quoted option ids", arg.pos)
            for item in arg.items:
                assert isinstance(item, Lit)
                self.check_option(qid, item.value, item.pos)
            return frozenset(i.value for i in arg.items if isinstance(i, Lit))
        if kind == "sel":
            sel = self.string(arg, node.func, "a selector such as 'privacy' or 'aia:impact'")
            qids = scope.selectors(sel)
            if qids is None:
                if scope.open:
                    return ()
                raise ExprError(
                    f"selector {sel!r} matches no rubric or group "
                    "(write '*', 'RUBRIC' or 'RUBRIC:GROUP')",
                    arg.pos,
                )
            self.deps.update(("q", q) for q in qids)
            return qids
        if kind == "flag":
            code = self.string(arg, node.func, "a flag code")
            if code not in scope.flag_codes and not scope.open:
                raise ExprError(
                    f"no flag {code!r} is defined{_nearest(code, scope.flag_codes)}", arg.pos
                )
            self.deps.add(("f", code))
            return code
        if kind == "iso":
            iso = self.string(arg, node.func, "a date written 'YYYY-MM-DD'")
            try:
                ok = dt.date.fromisoformat(iso).isoformat() == iso
            except ValueError:
                ok = False
            if not ok:
                raise ExprError(f"{iso!r} is not a date written 'YYYY-MM-DD'", arg.pos)
            return iso
        if kind == "level":
            level = self.string(arg, node.func, "a flag level")
            if level not in FLAG_LEVELS:
                raise ExprError(
                    f"{level!r} is not a flag level (allowed: {', '.join(FLAG_LEVELS)})",
                    arg.pos,
                )
            self.deps.add(("fl", level))
            return level
        if kind == "dim":
            dim = self.string(arg, node.func, "a dimension (rubric) id")
            if dim not in scope.dimensions and not scope.open:
                raise ExprError(
                    f"{dim!r} is not a scored dimension "
                    f"(allowed: {', '.join(sorted(scope.dimensions)) or 'none'})",
                    arg.pos,
                )
            self.deps.add(("d", dim))
            return dim
        mid = self.string(arg, node.func, "a mitigation id")  # kind == "mit"
        if mid in scope.mitigations:
            self.deps.add(("q", scope.mitigations[mid]))
        elif not scope.open:
            raise ExprError(
                f"no mitigation {mid!r} is defined{_nearest(mid, scope.mitigations)}", arg.pos
            )
        return mid

    def check_args(self, node: Call, types: list[ty.SType]) -> ty.SType:
        """Check the types of the computed arguments; return the type of the result."""
        func = node.func
        fixed = ty.RESULTS.get(func)
        kinds = FUNCTIONS[func][0]
        for i, (arg, t) in enumerate(zip(node.args, types, strict=True)):
            if kinds[min(i, len(kinds) - 1)].lstrip("*?") != "n":
                continue
            if func in ("sum", "max", "min") and len(types) == 1 and ty.LIST in t.kinds:
                if t.item is not None and t.item.never(ty.NUMERIC):
                    raise ExprError(
                        f"{func}() takes numbers, but this list holds {t.item.describe()}",
                        arg.pos,
                    )
                continue
            self.numeric(t, arg.pos, f"{func}()")
        if func == "round_half_up" and len(types) == 2:
            digits = ty.numeric_range(types[1])
            point = types[1].point
            if (point is not None and point != int(point)) or (
                digits[0] > ty.MAX_DIGITS or digits[1] < 0
            ):
                raise ExprError(
                    f"round_half_up() rounds to 0 to {ty.MAX_DIGITS} digits, got "
                    f"{ty.show(point) if point is not None else types[1].describe()}",
                    node.args[1].pos,
                )
        if fixed is not None:
            return fixed
        if not types:  # pragma: no cover - arity checked before
            return ty.ANY
        if func in ("sum", "max", "min"):
            return self.bounded(_aggregate(func, types), node.pos)
        t = types[0]
        lo, hi = ty.numeric_range(t)
        maybe_null = ty.nullable(t) or not t.kinds <= ty.NUMERIC
        if func == "abs":
            low = 0.0 if lo <= 0 <= hi else min(abs(lo), abs(hi))
            return ty.number(low, max(abs(lo), abs(hi)), maybe_null)
        return ty.number(lo - 1, hi + 1, maybe_null)  # floor, ceil, round_half_up

    def bind(self, func: str, args: list[Callable[[Env], Any]]) -> Callable[[Env], Any]:
        # Only the name is recorded: the engine binds its implementations when it plans
        # the policy (see hawkama.engine.state.State.call), so nothing here knows them.
        self.funcs.add(func)
        if all(getattr(c, "constant", _NOTHING) is not _NOTHING for c in args):
            bound = tuple(getattr(c, "constant") for c in args)  # noqa: B009
            return lambda env: env.call(func, bound)
        return lambda env: env.call(func, tuple(a(env) for a in args))


def _categories(t: ty.SType) -> set[str]:
    out = set()
    if t.kinds & ty.NUMERIC:
        out.add(ty.NUM)
    out |= t.kinds & {ty.TEXT, ty.LIST, ty.DATE}
    return out


def _apart(a: ty.SType, b: ty.SType) -> bool:
    """True when two values can never be of comparable kinds (nulls aside)."""
    ca, cb = _categories(a), _categories(b)
    return bool(ca) and bool(cb) and not (ca & cb)


def _aggregate(func: str, types: list[ty.SType]) -> ty.SType:
    if len(types) == 1 and ty.LIST in types[0].kinds:
        item = types[0].item
        lo, hi = ty.numeric_range(item) if item is not None else (-ty.INF, ty.INF)
        if func == "sum":  # any number of items: only the signs are known
            return ty.number(-ty.INF if lo < 0 else 0, ty.INF if hi > 0 else 0)
        return ty.number(lo, hi, nullable=True)
    lows, highs = [], []
    for t in types:
        lo, hi = ty.numeric_range(t)
        if ty.nullable(t):  # nulls are left out: as if 0 in a sum
            lo, hi = min(lo, 0), max(hi, 0)
        lows.append(lo)
        highs.append(hi)
    if func == "sum":
        return ty.number(sum(lows), sum(highs))
    return ty.number(min(lows), max(highs), nullable=True)


def _arity(kinds: Sequence[str]) -> str:
    fixed = sum(not k.startswith(("*", "?")) for k in kinds)
    if any(k.startswith("*") for k in kinds):
        return "one or more arguments"
    optional = sum(k.startswith("?") for k in kinds)
    if optional:
        return f"{fixed} to {fixed + optional} arguments"
    return f"{fixed} argument{'s' if fixed != 1 else ''}"


_NOTHING = object()

# --- closures for the commonest shapes -------------------------------------------------
# An answer compared with an option, `answer in [...]`, `'x' in answers`, a number against
# a constant bound: most conditions of a policy are one of these, and each runs once per
# evaluation. Each closure here gives what the general one (BINARY[op] over two compiled
# sides) gives, on every value: tests/test_expr_fast.py runs both over the shipped policies.

_ORDER_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _bool_op(op: str, parts: list[Callable[[Env], Any]]) -> Callable[[Env], Any]:
    if len(parts) == 2:
        a, b = parts
        if op == "and":
            return lambda env: bool(a(env) and b(env))
        return lambda env: bool(a(env) or b(env))
    # Loops, not all()/any() over a generator: no generator object made on each run.
    if op == "and":

        def every(env: Env) -> bool:
            for p in parts:  # noqa: SIM110
                if not p(env):
                    return False
            return True

        return every

    def some(env: Env) -> bool:
        for p in parts:  # noqa: SIM110
            if p(env):
                return True
        return False

    return some


def _fast_binary(
    op: str, node: Binary, left: Callable[[Env], Any], right: Callable[[Env], Any]
) -> Callable[[Env], Any] | None:
    """A closure for a common shape of ``left op right``, or None for the general one."""
    lfix = getattr(left, "constant", _NOTHING)
    rfix = getattr(right, "constant", _NOTHING)
    if (lfix is _NOTHING) == (rfix is _NOTHING):
        return None  # two computed sides, or two constants (rare): the general closure
    # The computed side and the constant one.
    side, run, fixed = (node.left, left, rfix) if lfix is _NOTHING else (node.right, right, lfix)
    name = side.id if isinstance(side, Name) else None
    if op in ("==", "!="):
        # _eq only differs from == for lists, which a constant here never is.
        if isinstance(fixed, tuple | list):
            return None
        return _equals(name, run, fixed, negate=op == "!=")
    if op in ("in", "notin"):
        negate = op == "notin"
        if fixed is rfix and isinstance(fixed, tuple) and all(isinstance(v, str) for v in fixed):
            # Membership in a constant set of option ids: the commonest condition there is.
            return _member(name, run, frozenset(fixed), negate)
        if fixed is lfix and isinstance(fixed, str):
            return _has(name, run, fixed, negate)
        return None
    if op in _ORDER_OPS and isinstance(fixed, int | float) and not isinstance(fixed, bool):
        return _bounded(_ORDER_OPS[op if fixed is rfix else _FLIPPED[op]], run, fixed)
    return None


def _equals(
    name: str | None, run: Callable[[Env], Any], value: Any, negate: bool
) -> Callable[[Env], Any]:
    if name is not None:
        if negate:
            return lambda env: env.get(name) != value
        return lambda env: env.get(name) == value
    if negate:
        return lambda env: run(env) != value
    return lambda env: run(env) == value


def _member(
    name: str | None, run: Callable[[Env], Any], options: frozenset[str], negate: bool
) -> Callable[[Env], Any]:
    """``side in ['a', 'b']``."""
    if name is not None:

        def member(env: Env) -> bool:
            v = env.get(name)
            if v.__class__ is str:
                return (v in options) is not negate
            return contains_set(v, options) is not negate

        return member
    if negate:
        return lambda env: not contains_set(run(env), options)
    return lambda env: contains_set(run(env), options)


def _has(
    name: str | None, run: Callable[[Env], Any], item: str, negate: bool
) -> Callable[[Env], Any]:
    """``'x' in side``: the option among the choices of a multiple-choice answer."""
    if name is not None:

        def has_named(env: Env) -> bool:
            v = env.get(name)
            if v.__class__ is tuple:
                return (item in v) is not negate
            return contains_one(item, v) is not negate

        return has_named
    return lambda env: contains_one(item, run(env)) is not negate


def _bounded(
    test: Callable[[Any, Any], bool], run: Callable[[Env], Any], bound: float
) -> Callable[[Env], Any]:
    def compare(env: Env) -> bool:
        v = run(env)
        if v is None:
            return False
        try:
            return test(v, bound)
        except TypeError:
            return False

    return compare


def _const(value: Any) -> Callable[[Env], Any]:
    def run(env: Env) -> Any:
        return value

    run.constant = value  # type: ignore[attr-defined]
    return run


def compile_expr(text: str, scope: Scope, specialise: bool = True) -> Compiled:
    """Parse and check ``text``; raise ExprSyntaxError (with a position) when it is wrong.

    ``specialise=False`` gives the general closures only (the tests compare both).
    """
    tree = parse(text)
    compiler = _Compiler(scope, specialise)
    run, result = compiler.compile(tree)
    return Compiled(text, run, frozenset(compiler.deps), result, funcs=frozenset(compiler.funcs))

"""Static checks and compilation of expression trees into closures.

Every name is resolved against the policy (question ids, computed values, built-in
names), every string compared with a question is checked against that question's
option ids, and every function must be one of the whitelisted ones below. The
result is a closure over an evaluation environment plus the set of things the
expression depends on, which the engine uses to order evaluation.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from hawkama.expr.functions import FUNCTIONS
from hawkama.expr.ops import BINARY, contains_set, neg
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

Dep = tuple[str, str]
FLAG_LEVELS = ("prohibit", "block", "escalate", "condition", "prerequisite")
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
    # The engine's implementations, bound at compile time to save a dispatch per call.
    functions: Mapping[str, Callable[..., Any]] | None = None


@dataclass(frozen=True)
class Compiled:
    source: str
    run: Callable[[Env], Any]
    deps: frozenset[Dep]

    def __call__(self, env: Env) -> Any:
        return self.run(env)


class ExprError(ExprSyntaxError):
    pass


def _nearest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Compiler:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.deps: set[Dep] = set()

    # -- checks ------------------------------------------------------------

    def question(self, node: Node, func: str) -> str:
        if isinstance(node, Name) and node.id in self.scope.questions:
            self.deps.add(("q", node.id))
            return node.id
        raise ExprError(f"{func}() takes a question id as its first argument", node.pos)

    def string(self, node: Node, func: str, what: str) -> str:
        if isinstance(node, Lit) and isinstance(node.value, str):
            return node.value
        raise ExprError(f"{func}() takes {what} as a quoted string", node.pos)

    def check_option(self, qid: str, value: Any, pos: int) -> None:
        info = self.scope.questions[qid]
        if not info.options or info.allow_other or not isinstance(value, str):
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

    # -- compilation -------------------------------------------------------

    def compile(self, node: Node) -> Callable[[Env], Any]:
        if isinstance(node, Lit):
            value = node.value
            return lambda env: value
        if isinstance(node, Name):
            return self.name(node)
        if isinstance(node, ListExpr):
            if all(isinstance(i, Lit) for i in node.items):
                # A list of literals (the usual `X in ['a', 'b']`) is built once, here.
                return _const(tuple(i.value for i in node.items if isinstance(i, Lit)))
            parts = [self.compile(i) for i in node.items]
            return lambda env: tuple(p(env) for p in parts)
        if isinstance(node, Unary):
            inner = self.compile(node.operand)
            if node.op == "not":
                return lambda env: not inner(env)
            return lambda env: neg(inner(env))
        if isinstance(node, BoolOp):
            parts = [self.compile(i) for i in node.items]
            if node.op == "and":
                return lambda env: all(p(env) for p in parts)
            return lambda env: any(p(env) for p in parts)
        if isinstance(node, Cond):
            test, then, other = (self.compile(n) for n in (node.test, node.then, node.other))
            return lambda env: then(env) if test(env) else other(env)
        if isinstance(node, Binary):
            return self.binary(node)
        if isinstance(node, Call):
            return self.call(node)
        raise ExprError("unsupported expression", node.pos)  # pragma: no cover

    def name(self, node: Name) -> Callable[[Env], Any]:
        name = node.id
        scope = self.scope
        if name in scope.questions:
            self.deps.add(("q", name))
        elif name in scope.values:
            self.deps.add(("v", name))
        elif name in BUILTIN_NAMES:
            self.deps.update(("q", q) for q in scope.questions)
        elif name in scope.extra_names:
            pass
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
        return lambda env: env.get(name)

    def binary(self, node: Binary) -> Callable[[Env], Any]:
        op = node.op
        if op in ("==", "!=") or op in ("in", "notin"):
            self.check_literals(node.left, node.right)
            self.check_literals(node.right, node.left)
        left, right = self.compile(node.left), self.compile(node.right)
        fn = BINARY[op]
        fixed = getattr(right, "constant", _NOTHING)
        if (
            op in ("in", "notin")
            and isinstance(fixed, tuple)
            and all(isinstance(v, str) for v in fixed)
        ):
            # Membership in a constant set of option ids: the commonest condition there is.
            options = frozenset(fixed)
            if op == "in":
                return lambda env: contains_set(left(env), options)
            return lambda env: not contains_set(left(env), options)
        return lambda env: fn(left(env), right(env))

    def call(self, node: Call) -> Callable[[Env], Any]:
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
        scope = self.scope
        args: list[Callable[[Env], Any]] = []
        for i, arg in enumerate(node.args):
            kind = kinds[min(i, len(kinds) - 1)].lstrip("*?")
            if kind == "q":
                qid = self.question(arg, node.func)
                args.append(_const(qid))
            elif kind == "opts":
                qid = self.question(node.args[0], node.func)
                if not isinstance(arg, ListExpr) or not all(
                    isinstance(i, Lit) and isinstance(i.value, str) for i in arg.items
                ):
                    raise ExprError(f"{node.func}() takes a list of quoted option ids", arg.pos)
                for item in arg.items:
                    assert isinstance(item, Lit)
                    self.check_option(qid, item.value, item.pos)
                args.append(_const(frozenset(i.value for i in arg.items if isinstance(i, Lit))))
            elif kind == "sel":
                sel = self.string(arg, node.func, "a selector such as 'privacy' or 'aia:impact'")
                qids = scope.selectors(sel)
                if qids is None:
                    raise ExprError(
                        f"selector {sel!r} matches no rubric or group "
                        "(write '*', 'RUBRIC' or 'RUBRIC:GROUP')",
                        arg.pos,
                    )
                self.deps.update(("q", q) for q in qids)
                args.append(_const(qids))
            elif kind == "flag":
                code = self.string(arg, node.func, "a flag code")
                if code not in scope.flag_codes:
                    raise ExprError(
                        f"no flag {code!r} is defined{_nearest(code, scope.flag_codes)}", arg.pos
                    )
                self.deps.add(("f", code))
                args.append(_const(code))
            elif kind == "level":
                level = self.string(arg, node.func, "a flag level")
                if level not in FLAG_LEVELS:
                    raise ExprError(
                        f"{level!r} is not a flag level (allowed: {', '.join(FLAG_LEVELS)})",
                        arg.pos,
                    )
                self.deps.add(("fl", level))
                args.append(_const(level))
            elif kind == "dim":
                dim = self.string(arg, node.func, "a dimension (rubric) id")
                if dim not in scope.dimensions:
                    raise ExprError(
                        f"{dim!r} is not a scored dimension "
                        f"(allowed: {', '.join(sorted(scope.dimensions)) or 'none'})",
                        arg.pos,
                    )
                self.deps.add(("d", dim))
                args.append(_const(dim))
            elif kind == "mit":
                mid = self.string(arg, node.func, "a mitigation id")
                if mid not in scope.mitigations:
                    raise ExprError(
                        f"no mitigation {mid!r} is defined{_nearest(mid, scope.mitigations)}",
                        arg.pos,
                    )
                self.deps.add(("q", scope.mitigations[mid]))
                args.append(_const(mid))
            else:
                args.append(self.compile(arg))
        if node.func in ("dims_at_least", "dims_exactly"):
            self.deps.update(("d", d) for d in scope.dimensions)
        func = node.func
        consts = [c for c in args if getattr(c, "constant", _NOTHING) is not _NOTHING]
        impl = scope.functions.get(func) if scope.functions is not None else None
        if impl is not None:
            if len(consts) == len(args):
                bound = tuple(getattr(c, "constant") for c in args)  # noqa: B009
                return lambda env: impl(env, *bound)
            return lambda env: impl(env, *[a(env) for a in args])
        if len(consts) == len(args):
            bound_args = tuple(getattr(c, "constant") for c in args)  # noqa: B009
            return lambda env: env.call(func, bound_args)
        return lambda env: env.call(func, tuple(a(env) for a in args))


def _arity(kinds: Sequence[str]) -> str:
    fixed = sum(not k.startswith(("*", "?")) for k in kinds)
    if any(k.startswith("*") for k in kinds):
        return "one or more arguments"
    optional = sum(k.startswith("?") for k in kinds)
    if optional:
        return f"{fixed} to {fixed + optional} arguments"
    return f"{fixed} argument{'s' if fixed != 1 else ''}"


_NOTHING = object()


def _const(value: Any) -> Callable[[Env], Any]:
    def run(env: Env) -> Any:
        return value

    run.constant = value  # type: ignore[attr-defined]
    return run


def compile_expr(text: str, scope: Scope) -> Compiled:
    """Parse and check ``text``; raise ExprSyntaxError (with a position) when it is wrong."""
    tree = parse(text)
    compiler = _Compiler(scope)
    run = compiler.compile(tree)
    return Compiled(text, run, frozenset(compiler.deps))

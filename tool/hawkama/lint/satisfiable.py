"""Conditions that can never hold, found by enumerating the answers they read."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from hawkama.engine.functions import PURE
from hawkama.errors import Problem
from hawkama.expr.compile import Compiled, compile_expr
from hawkama.expr.ops import EvalError
from hawkama.lint.context import (
    ANSWER_FUNCS,
    MAX_COMBINATIONS,
    PURE_FUNCS,
    Context,
)
from hawkama.models.question_types import CHOICE_TYPES
from hawkama.policy.compiled import PolicySet
from hawkama.policy.plan import toposort


class _Unsupported(Exception):
    """The expression reads something the enumeration does not cover."""


class _FakeEnv:
    """The engine's view of one combination of answers, for the expressions we enumerate."""

    def __init__(self, ctx: Context, answers: dict[str, Any]) -> None:
        self.ctx = ctx
        self.ps = ctx.ps
        self.answers = answers
        self.values: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        if name in self.answers:
            return self.answers[name]
        if name in self.ctx.values:
            if name not in self.values:
                # The values it reads first, in order: a long chain of values must not
                # recurse once per link.
                for vid in _needed(self.ctx, name):
                    if vid not in self.values:
                        self.values[vid] = self.ctx.values[vid](self)
            return self.values[name]
        raise _Unsupported(name)

    def chosen(self, qid: str) -> tuple[str, ...]:
        value = self.answers.get(qid)
        if value is None:
            return ()
        return value if isinstance(value, tuple) else (value,)

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        if func in PURE_FUNCS:
            return PURE[func](*args)
        qid = args[0]
        qd = self.ps.questions[qid]
        chosen = self.chosen(qid)
        opts = [qd.options[c] for c in chosen if c in qd.options]
        if func == "answered":
            return bool(chosen)
        if func == "applies":
            when = self.ctx.whens.get(qid)
            return when is None or bool(when(self))
        if func == "unknown":
            return any(o.unknown for o in opts)
        if func == "weight":
            weights = [o.weight for o in opts if not o.na]
            if not weights:
                return 0.0
            return float(sum(weights)) if qd.question.combine == "sum" else float(max(weights))
        if func == "any_of":
            return any(c in args[1] for c in chosen)
        if func == "selected":
            return sum(c in args[1] for c in chosen)
        if func == "importance":
            return qd.question.importance
        raise _Unsupported(func)


def _needed(ctx: Context, name: str) -> list[str]:
    """The values ``name`` reads, directly or not, then ``name``: each after its inputs."""
    found = ctx.needed.get(name)
    if found is None:
        reads = {("v", vid): {d for d in c.deps if d[0] == "v"} for vid, c in ctx.values.items()}
        seen, todo = {("v", name)}, [("v", name)]
        while todo:
            for dep in reads.get(todo.pop(), ()):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        order = toposort({k: v for k, v in reads.items() if k in seen})[0]
        found = ctx.needed[name] = [vid for _, vid in order]
    return found


def _closure(ctx: Context, compiled: Compiled, extra: set[str]) -> list[str] | None:
    """The choice questions an expression depends on, with those deciding their applicability.

    None when something outside answers to choice questions is read (flags, bands,
    mitigations, scores, free-form answers), or a function the enumeration cannot model.
    """
    ps = ctx.ps
    questions: set[str] = set(extra)
    pending = list(compiled.deps)
    seen_values: set[str] = set()
    if not compiled.funcs <= PURE_FUNCS | ANSWER_FUNCS:
        return None
    while pending:
        kind, name = pending.pop()
        if kind == "q":
            questions.add(name)
        elif kind == "n":
            continue  # a built-in name: its questions are among the deps already
        elif kind == "v" and name not in seen_values:
            seen_values.add(name)
            value = ctx.values[name]
            if not value.funcs <= PURE_FUNCS | ANSWER_FUNCS:
                return None
            pending.extend(value.deps)
        elif kind != "v":
            return None
    ordered: list[str] = []
    todo = sorted(questions)
    while todo:
        qid = todo.pop()
        if qid in ordered:
            continue
        qd = ps.questions[qid]
        if qd.question.type not in CHOICE_TYPES or qd.question.allow_other:
            return None
        ordered.append(qid)
        when = ctx.whens.get(qid)
        if when is not None:
            for kind, name in when.deps:
                if kind == "n":
                    continue  # as above
                if kind != "q":
                    return None
                todo.append(name)
    return sorted(ordered)


def _space(ps: PolicySet, qid: str) -> list[Any]:
    """Every value a question can take, None (not answered, or not applicable) included."""
    qd = ps.questions[qid]
    ids = list(qd.options)
    if qd.question.type == "multiple":
        subsets: list[Any] = [None]
        for r in range(1, len(ids) + 1):
            subsets.extend(itertools.combinations(ids, r))
        return subsets
    return [None, *ids]


def can_hold(ctx: Context, compiled: Compiled, guard: str | None = None) -> bool | None:
    """Whether ``compiled`` (and ``applies(guard)``) holds for some consistent answer set.

    None when the enumeration is not possible or too large to try.
    """
    closure = _closure(ctx, compiled, {guard} if guard else set())
    if closure is None:
        return None
    spaces = [_space(ctx.ps, qid) for qid in closure]
    size = 1
    for s in spaces:
        size *= len(s)
        if size > MAX_COMBINATIONS:
            return None
    for combo in itertools.product(*spaces):
        env = _FakeEnv(ctx, dict(zip(closure, combo, strict=True)))
        try:
            if not _consistent(ctx, env, closure):
                continue
            if guard is not None and not env.call("applies", (guard,)):
                continue
            if compiled(env):
                return True
        except (_Unsupported, EvalError):
            return None  # a failure on some answers is the engine's to report, located
    return False


def _consistent(ctx: Context, env: _FakeEnv, closure: list[str]) -> bool:
    # A question that does not apply has no value, whatever was written for it.
    for qid in closure:
        when = ctx.whens.get(qid)
        if when is not None and env.answers[qid] is not None and not when(env):
            return False
    return True


def never_applies(ctx: Context) -> Iterator[Problem]:
    for e in ctx.exprs:
        if e.role != "question-when" or e.question is None:
            continue
        when = ctx.whens.get(e.question)
        if when is not None and can_hold(ctx, when) is False:
            yield ctx.problem(
                e.doc,
                e.loc,
                f"{e.question} can never apply: its condition {e.text!r} is false for every "
                "possible combination of the answers it reads",
            )


def never_true(ctx: Context) -> Iterator[Problem]:
    what = {
        "question-flag": "flag",
        "flag": "flag",
        "finding": "finding",
        "override": "band override",
        "verdict": "verdict rule",
    }
    for e in ctx.exprs:
        if e.role not in what:
            continue
        compiled = compile_expr(e.text, ctx.scope)
        if can_hold(ctx, compiled, e.question) is False:
            tail = f" while {e.question} applies" if e.question else ""
            yield ctx.problem(
                e.doc,
                e.loc,
                f"this {what[e.role]} condition {e.text!r} can never hold: it is false for every "
                f"possible combination of the answers it reads{tail}",
            )


# --- options -----------------------------------------------------------------------------

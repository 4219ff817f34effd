"""The closures compiled for common expression shapes give what the general ones give."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hawkama.engine.evaluate import _run
from hawkama.expr import Scope, compile_expr
from hawkama.expr.compile import QuestionInfo
from hawkama.expr.ops import EvalError
from hawkama.lint.context import build_context
from hawkama.policy.load import load_policy_set
from tests.conftest import ROOT
from tests.engine_support import random_assessment


def outcome(run: Any, env: Any) -> tuple[str, Any]:
    """What running gives: its value and type, or the error it raises."""
    try:
        value = run(env)
    except EvalError as exc:
        return "error", str(exc)
    return type(value).__name__, value


@pytest.mark.parametrize("policy", ["smart-city.yaml", "aia-canada/v1.0.1"])
def test_every_expression_of_a_shipped_policy_agrees(policy: str) -> None:
    ps = load_policy_set(ROOT / "rubrics" / policy)
    ctx = build_context(ps)
    pairs = []
    for site in ctx.exprs:
        scope = ctx.band_scope if site.band else ctx.scope
        pairs.append(
            (
                site.text,
                compile_expr(site.text, scope).run,
                compile_expr(site.text, scope, specialise=False).run,
            )
        )
    rng = random.Random(18)
    compared = 0
    for i in range(40):
        # The state after the whole evaluation: every name an expression reads is set.
        state, _ = _run(ps, random_assessment(ps, rng, i))
        for score in (None, 0, 37.5, 80):
            state["score"] = score
            for text, fast, general in pairs:
                assert outcome(fast, state) == outcome(general, state), text
                compared += 1
    assert compared > 40 * 4 * 100


QUESTIONS = {
    "S": QuestionInfo("S", "single", ("a", "b", "c")),
    "M": QuestionInfo("M", "multiple", ("a", "b", "c")),
    "N": QuestionInfo("N", "number", ()),
}
SCOPE = Scope(questions=QUESTIONS, values={"v", "w"})
SHAPES = [
    "S == 'a'", "'a' == S", "S != 'a'", "N == 3", "3 != N", "v == null", "v != true",
    "S in ['a', 'b']", "S not in ['a', 'b']", "M in ['a']", "v in ['a', 'b']",
    "(v if w else S) in ['a']", "(v if w else S) not in ['b', 'c']",
    "'a' in M", "'b' not in M", "'a' in v", "'a' not in (v if w else M)",
    "N > 2", "N >= 2", "2 < N", "2.5 <= N", "v < 0", "0 > v", "(v if w else N) >= 1",
    "v == 'a' and w", "v or w", "v and w and N > 1", "v or w or S == 'b'",
    "(v if w else 'a') == 'a'", "(v if w else 1) != 1",
]  # fmt: skip

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["a", "b", "c", "", "2026-01-01"]),
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=3).map(tuple),
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=3),
    st.frozensets(st.sampled_from(["a", "b"])),
)


class Env:
    def __init__(self, names: dict[str, Any]) -> None:
        self.names = names

    def get(self, name: str) -> Any:
        return self.names.get(name)

    def call(self, func: str, args: tuple[Any, ...]) -> Any:  # pragma: no cover - none called
        raise AssertionError(func)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({name: VALUES for name in ("S", "M", "N", "v", "w")}))
def test_each_shape_agrees_on_any_values(names: dict[str, Any]) -> None:
    env = Env(names)
    for text in SHAPES:
        fast = compile_expr(text, SCOPE).run
        general = compile_expr(text, SCOPE, specialise=False).run
        assert outcome(fast, env) == outcome(general, env), text

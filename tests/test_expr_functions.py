"""The one registry of expression functions: the compiler, the engine and lint agree on it."""

from __future__ import annotations

import pytest

from hawkama.engine.evaluate import plan_for
from hawkama.engine.functions import FUNCS, PURE
from hawkama.expr.compile import Scope, compile_expr
from hawkama.expr.functions import FUNCTIONS, names_reading
from hawkama.lint.context import ANSWER_FUNCS, PURE_FUNCS, build_context
from hawkama.lint.satisfiable import _FakeEnv
from hawkama.policy.load import load_policy_set
from tests.conftest import MINI, ROOT


def test_every_signature_has_an_implementation_and_every_implementation_a_signature() -> None:
    assert set(FUNCS) == set(FUNCTIONS)


def test_the_pure_implementations_are_the_functions_of_their_arguments() -> None:
    assert set(PURE) == names_reading("args")


def test_every_function_is_classified_for_lint() -> None:
    reads = {sig.reads for sig in FUNCTIONS.values()}
    assert reads == {"args", "question", "state"}
    assert names_reading("args") == PURE_FUNCS
    assert names_reading("question") == ANSWER_FUNCS


def test_lint_runs_every_function_it_models() -> None:
    """Lint's enumeration implements every pure and one-question function of the registry."""
    ctx = build_context(load_policy_set(MINI))
    qid, qd = next(
        (q, d) for q, d in ctx.ps.questions.items() if d.question.type == "single" and not d.when
    )
    env = _FakeEnv(ctx, {qid: next(iter(qd.options))})
    examples = {"q": qid, "opts": frozenset(qd.options), "n": 1, "x": (1, 0), "iso": "2026-11-01"}
    for name in sorted(ANSWER_FUNCS | PURE_FUNCS):
        kinds = FUNCTIONS[name].args
        args = tuple(examples[k.lstrip("*?")] for k in kinds if not k.startswith("?"))
        env.call(name, args)  # raises _Unsupported for a function lint does not model


def test_the_compiler_records_names_only() -> None:
    scope = Scope(questions={}, dimensions={"privacy"})
    compiled = compile_expr("round_half_up(max(1, 2) * 0.5) + score('privacy')", scope)
    assert compiled.funcs == {"round_half_up", "max", "score"}


@pytest.mark.parametrize("policy", ["smart-city.yaml", "aia-canada/v1.0.1"])
def test_the_engine_binds_what_each_shipped_policy_calls(policy: str) -> None:
    ps = load_policy_set(ROOT / "rubrics" / policy)
    plan = plan_for(ps)
    assert plan.functions
    assert all(plan.functions[name] is FUNCS[name] for name in plan.functions)

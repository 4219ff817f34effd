"""Property tests of the engine over generated assessments of the mini policy."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hawkama.engine.evaluate import evaluate
from hawkama.models.assessment import Assessment
from hawkama.policy.load import load_policy_set
from tests.conftest import MINI

POLICY = load_policy_set(MINI)
MITIGATIONS = list(POLICY.mitigation_question)


def _answer(qid: str) -> st.SearchStrategy[Any]:
    qd = POLICY.questions[qid]
    ids = list(qd.options)
    if qd.question.type == "multiple":
        return st.lists(st.sampled_from(ids), min_size=1, unique=True)
    if qd.question.type == "risk":
        return st.tuples(st.integers(1, 5), st.integers(1, 5)).map(lambda t: f"{t[0]}x{t[1]}")
    return st.sampled_from(ids)


answers_strategy = st.fixed_dictionaries(
    {}, optional={qid: _answer(qid) for qid in POLICY.questions}
)
mitigations_strategy = st.dictionaries(
    st.sampled_from(MITIGATIONS),
    st.sampled_from(["proposed", "committed", "implemented"]).map(lambda s: {"status": s}),
)


def build(answers: dict[str, Any], mitigations: dict[str, Any]) -> Assessment:
    return Assessment.model_validate(
        {
            "hawkama": 1,
            "policy": {"id": "mini", "version": "1.0.0"},
            "project": {"id": "P-1", "title": "generated"},
            "answers": answers,
            "mitigations": mitigations,
        }
    )


@settings(max_examples=150, deadline=None)
@given(answers_strategy, mitigations_strategy)
def test_mitigations_never_raise_a_score(
    answers: dict[str, Any], mitigations: dict[str, Any]
) -> None:
    without = evaluate(POLICY, build(answers, {}))
    with_m = evaluate(POLICY, build(answers, mitigations))
    for a, b in zip(without.questions, with_m.questions, strict=True):
        assert b.residual <= a.residual
        assert b.inherent == a.inherent
    for a, b in zip(without.dimensions, with_m.dimensions, strict=True):
        if a.residual is not None and b.residual is not None:
            assert b.residual <= a.residual + 1e-9
    assert (
        with_m.verdict.severity <= without.verdict.severity
        or with_m.verdict.id == "INSUFFICIENT_INFORMATION"
    )


@settings(max_examples=150, deadline=None)
@given(answers_strategy, mitigations_strategy)
def test_prohibit_flag_always_prohibits(
    answers: dict[str, Any], mitigations: dict[str, Any]
) -> None:
    r = evaluate(POLICY, build(answers, mitigations))
    if any(f.level == "prohibit" for f in r.flags):
        assert r.verdict.id == "PROHIBITED"
    else:
        assert r.verdict.id != "PROHIBITED"


@settings(max_examples=150, deadline=None)
@given(
    answers_strategy, mitigations_strategy, st.sampled_from(list(POLICY.questions["P1"].options))
)
def test_answers_to_non_applicable_questions_change_nothing(
    answers: dict[str, Any], mitigations: dict[str, Any], p1: str
) -> None:
    answers = {**answers, "intake.personal_data": "no"}
    base = {k: v for k, v in answers.items() if k != "P1"}
    a = evaluate(POLICY, build(base, mitigations))
    b = evaluate(POLICY, build({**base, "P1": p1}, mitigations))
    assert [d.residual for d in a.dimensions] == [d.residual for d in b.dimensions]
    assert a.verdict.id == b.verdict.id
    assert [f.code for f in a.flags] == [f.code for f in b.flags]
    assert b.completeness.ignored == ["P1"]

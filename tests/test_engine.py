"""The engine on hand-computed cases over tests/data/mini (see the numbers in comments)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from hawkama.engine.evaluate import evaluate
from hawkama.models.assessment import Assessment
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet
from hawkama.policy.load import load_policy_set
from tests.conftest import MINI


@pytest.fixture(scope="module")
def policy() -> PolicySet:
    return load_policy_set(MINI)


def assess(answers: dict[str, Any], mitigations: dict[str, Any] | None = None) -> Assessment:
    return Assessment.model_validate(
        {
            "hawkama": 1,
            "policy": {"id": "mini", "version": "1.0.0"},
            "project": {"id": "T-1", "title": "Test"},
            "answers": answers,
            "mitigations": mitigations or {},
        }
    )


def score(
    policy: PolicySet, answers: dict[str, Any], mitigations: dict[str, Any] | None = None
) -> Result:
    return evaluate(policy, assess(answers, mitigations))


BASE = {"intake.personal_data": "yes", "P1": "c", "P2": "a", "P3": ["plan"]}


def test_weighted_mean_by_hand(policy: PolicySet) -> None:
    # P1 c: 2 x 3, P2 a: 0 x 1, P3 plan: 1 x 2 -> 8 of 4 x (3 + 1 + 2) = 24 -> 33.33 %
    r = score(policy, BASE)
    d = r.dimension("privacy")
    assert d.residual == pytest.approx(33.3333, abs=1e-3)
    assert d.inherent == d.residual
    assert d.residual_band is not None and d.residual_band.id == "medium"
    assert r.question("P1").contribution == 6
    assert r.question("P3").contribution == 2
    assert r.verdict.id == "LOW_RISK" and r.verdict.rule == 5
    assert r.flags == []


def test_mitigation_lowers_to_floor_and_becomes_a_condition(policy: PolicySet) -> None:
    # P1 e: 4 -> max(4 - 3, floor 2) = 2; P2 d: 4; P3 plan+enforce: 1 + 3 = 4.
    # inherent (4x3 + 4x1 + 4x2) / 24 = 100 %; residual (2x3 + 4 + 8) / 24 = 75 % (not < 75: very high)
    answers = {**BASE, "P1": "e", "P2": "d", "P3": ["plan", "enforce"]}
    r = score(
        policy, answers, {"P1-M1": {"status": "committed", "owner": "IT", "due": "2027-01-31"}}
    )
    p1 = r.question("P1")
    assert (p1.inherent, p1.residual) == (4, 2)
    assert [m.id for m in p1.mitigations] == ["P1-M1"]
    d = r.dimension("privacy")
    assert (d.inherent, d.residual) == (100, 75)
    assert d.residual_band is not None and d.residual_band.id == "very_high"
    assert [f.code for f in r.flags] == ["BIOMETRIC"]  # DPIA_NEEDED cleared: residual(P1) is 2
    assert r.verdict.id == "HIGH_RISK_WITH_CONDITIONS"
    assert {c["id"] for c in r.conditions} == {"P1-M1"}
    assert [f.text["en"] for f in r.findings] == ["2 of 2 criteria met"]


def test_proposed_mitigation_does_not_count(policy: PolicySet) -> None:
    answers = {**BASE, "P1": "e", "P2": "d"}
    r = score(policy, answers, {"P1-M1": {"status": "proposed"}})
    assert r.question("P1").residual == 4
    assert "DPIA_NEEDED" in {f.code for f in r.flags}
    assert r.verdict.id == "NOT_APPROVABLE_AS_PROPOSED"


def test_prohibit_flag_wins(policy: PolicySet) -> None:
    r = score(policy, {**BASE, "P3": ["social"]})
    assert r.verdict.id == "PROHIBITED"
    flag = next(f for f in r.flags if f.code == "SOCIAL_SCORING")
    assert (flag.level, flag.question, flag.sources) == ("prohibit", "P3", ["gdpr"])


def test_non_applicable_answers_are_ignored(policy: PolicySet) -> None:
    r = score(policy, {**BASE, "intake.personal_data": "no", "P1": "e"})
    assert not r.question("P1").applies
    assert r.completeness.ignored == ["P1"]
    assert "BIOMETRIC" not in {
        f.code for f in r.flags
    }  # flags of a question that does not apply stay down
    # P2 a 0 x 1 + P3 plan 1 x 2 -> 2 of 4 x 3 = 12
    assert r.dimension("privacy").residual == pytest.approx(16.6667, abs=1e-3)


def test_na_option_is_left_out(policy: PolicySet) -> None:
    # P2 n is excluded: (2x3 + 1x2) / (4 x (3 + 2)) = 40 %
    r = score(policy, {**BASE, "P2": "n"})
    assert r.question("P2").na
    assert r.dimension("privacy").residual == 40


def test_severity_override_raises_band(policy: PolicySet) -> None:
    # P3 plan+enforce is weight 4 at importance 2: (0 + 0 + 8) / 24 = 33 % but at least high
    r = score(policy, {**BASE, "P1": "a", "P3": ["plan", "enforce"]})
    d = r.dimension("privacy")
    assert d.residual == pytest.approx(33.3333, abs=1e-3)
    assert d.residual_band is not None and d.residual_band.id == "high"
    assert d.override is not None
    assert r.verdict.id == "HIGH_RISK_WITH_CONDITIONS"


def test_unknown_share_gives_insufficient_information(policy: PolicySet) -> None:
    # P1 u (3 x 3) + P2 a + P3 plan (1 x 2) = 11 / 24 = 45.8 %, medium; 1 of 2 don't know
    r = score(policy, {**BASE, "P1": "u"})
    assert r.completeness.unknown_share == 0.5
    assert r.completeness.unknown_ids == ["P1"]
    assert r.verdict.id == "INSUFFICIENT_INFORMATION"


def test_unknown_is_not_mitigated(policy: PolicySet) -> None:
    r = score(policy, {**BASE, "P1": "u"}, {"P1-M1": {"status": "implemented"}})
    assert r.question("P1").residual == 3


def test_risk_rating_and_axis_mitigations(policy: PolicySet) -> None:
    r = score(
        policy,
        {**BASE, "R1": "3x4"},
        {"R1-M1": {"status": "committed"}, "R1-M2": {"status": "implemented"}},
    )
    q = r.question("R1")
    assert (q.likelihood, q.impact, q.inherent, q.residual) == ((3, 2), (4, 2), 12, 4)
    assert r.values["worst_risk"] == 4


def test_missing_required_is_completeness_not_error(policy: PolicySet) -> None:
    r = score(policy, {"intake.personal_data": "yes"})
    assert r.completeness.required_missing == ["P1", "P2", "P3", "R1"]
    assert r.completeness.answered == 1


def test_yaml_booleans_are_yes_no(policy: PolicySet) -> None:
    r = score(policy, {**BASE, "intake.personal_data": True})
    assert r.question("intake.personal_data").value == "yes"
    assert r.question("P1").applies


def test_result_is_deterministic_and_hashes_are_content_based(policy: PolicySet) -> None:
    a = score(policy, BASE)
    b = score(policy, dict(reversed(list(BASE.items()))))
    assert a.model_dump_json() == b.model_dump_json()
    assert len(a.policy_hash) == 64 and len(a.assessment_hash) == 64
    c = score(policy, {**BASE, "P2": "d"})
    assert c.assessment_hash != a.assessment_hash


def test_result_json_round_trips(policy: PolicySet) -> None:
    r = score(policy, BASE)
    again = Result.model_validate_json(r.model_dump_json())
    assert again.verdict.id == r.verdict.id
    assert again.dimension("privacy").residual == r.dimension("privacy").residual


def test_summary_is_the_full_result_without_the_questions() -> None:
    from hawkama.documents import load_assessment_doc
    from hawkama.engine.evaluate import evaluate_summary
    from tests.conftest import ROOT

    ps = load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    for path in sorted((ROOT / "assessments").glob("*.yaml")):
        assessment, _ = load_assessment_doc(path)
        full = evaluate(ps, assessment)
        summary = evaluate_summary(ps, assessment)
        assert summary.model_dump_json() == full.summary().model_dump_json()
        assert full.model_dump().keys() - summary.model_dump().keys() == {"questions"}


def test_evaluate_writes_nothing_into_the_policy() -> None:
    policy = load_policy_set(MINI)  # a fresh one: its plan is built by this evaluation
    before = {k: (v, repr(v)) for k, v in vars(policy).items()}
    score(policy, BASE)
    assert {k: (v, repr(v)) for k, v in vars(policy).items()} == before
    with pytest.raises(dataclasses.FrozenInstanceError):
        policy.plan = []  # type: ignore[misc]


def test_results_do_not_depend_on_what_was_evaluated_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The engine shares the states of plain answers between evaluations: none may leak."""
    import random

    from hawkama.engine.evaluate import evaluate_summary
    from tests.conftest import ROOT
    from tests.engine_support import random_assessment

    monkeypatch.setenv("HAWKAMA_CACHE", "off")  # two policies compiled apart, two plans
    path = ROOT / "rubrics" / "smart-city.yaml"
    rng = random.Random(7)
    first = load_policy_set(path)
    assessments = [random_assessment(first, rng, i) for i in range(30)]
    forward = [evaluate(first, a).model_dump_json() for a in assessments]
    again = load_policy_set(path)  # compiled anew: nothing shared with the first run
    assert again is not first
    for a, expected in reversed(list(zip(assessments, forward, strict=True))):
        assert evaluate(again, a).model_dump_json() == expected
        assert (
            evaluate_summary(again, a).model_dump_json()
            == evaluate(again, a).summary().model_dump_json()
        )

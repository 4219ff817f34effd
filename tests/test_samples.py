"""The shipped sample assessments give the verdicts the content brief expects, and the
scoring rules of the shipped policy keep their promises on any assessment (property tests).

The expected results come from the acceptance cases of the content brief (§11). Exact
percentages may move when weights are calibrated; the verdict, the flag codes and the
dimension bands may not.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hawkama.documents import load_assessment
from hawkama.engine.evaluate import evaluate
from hawkama.models.assessment import Assessment
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet
from hawkama.policy.load import load_policy_set

ROOT = Path(__file__).resolve().parents[1]
RUBRICS = ROOT / "rubrics"
SAMPLES = ROOT / "assessments"


@cache
def policy() -> PolicySet:
    # Loaded once: hypothesis calls the tests hundreds of times.
    return load_policy_set(RUBRICS / "smart-city.yaml")


def run(data: dict[str, Any]) -> Result:
    return evaluate(policy(), Assessment.model_validate(data))


# --- the acceptance cases ------------------------------------------------------------------

EXPECTED: dict[str, tuple[str, set[str], dict[str, str]]] = {
    # C1: live facial recognition for general policing beats everything else; the block,
    # escalate and condition flags are still reported so that a redesign can use them.
    "cai-2026-001-safe-squares.yaml": (
        "PROHIBITED",
        {
            "RBI_PUBLIC_SPACE",
            "DPIA_MISSING_MANDATORY",
            "HIGH_RISK_CONTROL_MISSING",
            "CHILLING_EFFECT",
            "EMOTION_OR_CATEGORISATION",
            "HIGH_RESIDUAL_PRIVACY_RISK",
            "HIGH_RISK_USE",
            "NO_BIAS_TESTING",
            "SEVERE_ERROR_CONSEQUENCE",
            "NO_EXPLANATION",
            "NO_DATA_MINIMISATION",
            "NO_DPO",
            "NO_NOTICE_OR_RIGHTS",
            "SERIOUS_GAP",
            "PDPL_EXCLUSION_CLAIMED",
            "SECRET_SYSTEM",
            "SURVEILLANCE_LICENCE",
        },
        # The brief's table says very_high for a worst risk of 16; its own 5x5 matrix (§9.3)
        # puts 10-16 in High, which is what the risk rubric implements. Ethics was very_high
        # (79.0%) under 1.0.0; 1.1.0 added ETH-17 to ETH-19 (open data, procurement, staff
        # monitoring), which this project answers unremarkably, so the average fell to High
        # (68.3%); see rubrics/versions/README.md. The verdict does not depend on it.
        {"ethics": "high", "privacy": "high", "equity": "very_high", "risk": "high"},
    ),
    # C2: a benign project stays low; a prerequisite and two Medium dimensions do not raise it.
    "dam-2026-004-smart-parking.yaml": (
        "LOW_RISK",
        {"SURVEILLANCE_LICENCE"},
        {"ethics": "low", "privacy": "low", "equity": "medium", "risk": "medium"},
    ),
    # C3: automated rejection of benefit claims without the mandatory safeguards.
    "qen-2026-002-cash-transfer-eligibility.yaml": (
        "NOT_APPROVABLE_AS_PROPOSED",
        {
            "AUTOMATED_SIGNIFICANT_DECISION",
            "DPIA_MISSING_MANDATORY",
            "HIGH_RISK_CONTROL_MISSING",
            "HIGH_RISK_USE",
            "NO_BIAS_TESTING",
            "SEVERE_ERROR_CONSEQUENCE",
            "DIGITAL_ONLY",
            "NO_RETENTION_LIMIT",
            "NO_DATA_MINIMISATION",
            "PDPL_TRANSITION_RELIED_ON",
            "SERIOUS_GAP",
            "SERVICE_CONDITIONAL_ON_DATA",
        },
        {"ethics": "high", "privacy": "high", "equity": "high", "risk": "high"},
    ),
    # C4: infrastructure AI, advisory, almost no personal data.
    "fay-2026-003-irrigation-iot.yaml": (
        "LOW_RISK",
        set(),
        {"ethics": "low", "privacy": "low", "equity": "medium", "risk": "medium"},
    ),
    # C4-B: the same with autonomous control: Annex III point 2 escalates, but the FRIA,
    # "inform" and "explain" controls are not required for point 2, so nothing blocks.
    "fay-2026-003b-autonomous-pumps.yaml": (
        "HIGH_RISK_WITH_CONDITIONS",
        {"HIGH_RISK_USE"},
        {"ethics": "low", "privacy": "low", "equity": "medium", "risk": "medium"},
    ),
    # C5: broad moderate risk (every dimension Medium) and the AI disclosure prerequisite.
    "alx-2026-005-citizen-chatbot.yaml": (
        "MEDIUM_RISK_WITH_CONDITIONS",
        {"TRANSPARENCY_DUTY"},
        {"ethics": "medium", "privacy": "medium", "equity": "medium", "risk": "medium"},
    ),
    # C2-U: C2 with 15 of 71 answers that offer "don't know" so answered (21.1%). In 1.0.0 it
    # was 11 of 51; 1.1.0 added "don't know" to intake C-04 to C-06 and the questions PRV-19
    # (data protection officer) and ETH-17 to ETH-19, two of which this sample cannot answer;
    # 1.2.0 added it to the risk scenarios, and the two whose controls this sample does not know
    # (RSK-04 security, RSK-07 contract) are answered so. Each weighs 12, so risk is High.
    "dam-2026-004u-smart-parking-gaps.yaml": (
        "INSUFFICIENT_INFORMATION",
        {"SURVEILLANCE_LICENCE"},
        {"ethics": "medium", "privacy": "medium", "equity": "medium", "risk": "high"},
    ),
}


def test_every_sample_has_an_expectation() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_verdict_flags_and_bands(name: str) -> None:
    verdict, flags, bands = EXPECTED[name]
    result = evaluate(policy(), load_assessment(SAMPLES / name))
    assert result.verdict.id == verdict
    assert {f.code for f in result.flags} == flags
    got = {d.id: d.residual_band.id for d in result.dimensions if d.residual_band is not None}
    assert got == bands
    # Samples are complete: nothing required is missing and no answer is ignored.
    assert result.completeness.required_missing == []
    assert result.completeness.ignored == []
    assert result.unknown_answers == []


def test_unknown_share_of_the_gaps_sample_is_just_over_the_threshold() -> None:
    result = evaluate(policy(), load_assessment(SAMPLES / "dam-2026-004u-smart-parking-gaps.yaml"))
    assert result.completeness.unknown == 15
    offered = sum(
        any(o.unknown for o in policy().questions[q.id].options.values())
        for q in result.questions
        if q.applies and q.answered
    )
    assert result.completeness.unknown_share == pytest.approx(15 / offered, abs=1e-4)
    assert result.completeness.unknown_share > policy().policy.unknown_threshold


def test_sample_scores_match_the_brief_where_the_questions_did_not_change() -> None:
    # Same weights and importance as the brief's reference scorer: identical percentages. (Ethics
    # gained ETH-17 to ETH-19 in 1.1.0, so its percentages no longer match the brief's.)
    result = evaluate(policy(), load_assessment(SAMPLES / "dam-2026-004-smart-parking.yaml"))
    risk = result.dimension("risk")
    assert (risk.inherent, risk.residual) == (8.0, 6.0)


def test_dpia_trigger_counts_wp248_criteria() -> None:
    sample = SAMPLES / "qen-2026-002-cash-transfer-eligibility.yaml"
    result = evaluate(policy(), load_assessment(sample))
    assert result.values["dpia_mandatory"] is True
    # PRV-04 = d meets two criteria (scoring, and automated decisions).
    assert result.values["dpia_criteria"] == 8
    assert any(f.id == "DPIA_MANDATORY" and "8" in f.text["en"] for f in result.findings)


def test_samples_name_files_by_project_id_and_two_are_in_arabic() -> None:
    arabic = 0
    for path in SAMPLES.glob("*.yaml"):
        a = load_assessment(path)
        assert path.name.startswith(a.project.id.lower() + "-")
        arabic += bool(re.search("[\u0600-\u06ff]", a.project.title))
    assert arabic >= 2


# --- generated assessments --------------------------------------------------------------------


def _choice_ids(qid: str, *, unknown: bool = False) -> list[str]:
    qd = policy().questions[qid]
    return [o.id for o in qd.options.values() if o.unknown == unknown]


@st.composite
def assessments(draw: st.DrawFn, unknowns: bool = False) -> dict[str, Any]:
    """Any answer set the rubrics accept, with any mitigations in any state.

    With ``unknowns``, a drawn subset of questions is answered "don't know", so that the
    share of such answers ranges from none to most.
    """
    ps = policy()
    forced_unknown: set[str] = set()
    if unknowns:
        candidates = sorted(q for q in ps.questions if _choice_ids(q, unknown=True))
        forced_unknown = draw(st.sets(st.sampled_from(candidates)))
    answers: dict[str, Any] = {}
    for qid, qd in ps.questions.items():
        q = qd.question
        if qid in forced_unknown:
            unknown = _choice_ids(qid, unknown=True)[0]
            answers[qid] = [unknown] if q.type == "multiple" else unknown
        elif q.type == "risk":
            li, im = draw(st.integers(1, 5)), draw(st.integers(1, 5))
            answers[qid] = f"{li}x{im}"
        elif q.type == "multiple":
            ids = _choice_ids(qid)
            answers[qid] = sorted(draw(st.sets(st.sampled_from(ids), min_size=1, max_size=3)))
        elif q.type in ("single", "yesno"):
            answers[qid] = draw(st.sampled_from(_choice_ids(qid)))
    mitigation_ids = sorted(ps.mitigation_question)
    chosen = draw(st.sets(st.sampled_from(mitigation_ids)))
    statuses = st.sampled_from(["proposed", "committed", "implemented"])
    mitigations = {m: {"status": draw(statuses)} for m in sorted(chosen)}
    return {
        "hawkama": 1,
        "policy": {"id": "smart-city", "version": "1.2.0"},
        "project": {"id": "GEN-1", "title": "Generated"},
        "answers": answers,
        "mitigations": mitigations,
    }


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROHIBITING = [("ETH-03", "c"), ("ETH-04", "e")] + [
    ("ETH-05", [p]) for p in ("i", "ii", "iii", "iv", "v", "vii", "viii", "ix")
]


def _all_mitigations(data: dict[str, Any], status: str) -> dict[str, Any]:
    return {**data, "mitigations": {m: {"status": status} for m in policy().mitigation_question}}


def _scores(result: Result) -> dict[str, tuple[float | None, float | None]]:
    return {d.id: (d.inherent, d.residual) for d in result.dimensions}


@PROPERTY
@given(assessments(), st.sampled_from(PROHIBITING))
def test_any_prohibit_flag_gives_prohibited_whatever_the_mitigations(
    data: dict[str, Any], prohibited: tuple[str, Any]
) -> None:
    qid, answer = prohibited
    data = {**data, "answers": {**data["answers"], qid: answer}}
    variants = (data, _all_mitigations(data, "implemented"), _all_mitigations(data, "committed"))
    for variant in variants:
        result = run(variant)
        assert any(f.level == "prohibit" for f in result.flags)
        assert result.verdict.id == "PROHIBITED"


@PROPERTY
@given(assessments())
def test_prohibit_flags_always_win(data: dict[str, Any]) -> None:
    result = run(data)
    if any(f.level == "prohibit" for f in result.flags):
        assert result.verdict.id == "PROHIBITED"
    else:
        assert result.verdict.id != "PROHIBITED"


@PROPERTY
@given(assessments())
def test_mitigations_never_raise_a_score(data: dict[str, Any]) -> None:
    bare = run({**data, "mitigations": {}})
    with_drawn = run(data)
    with_all = run(_all_mitigations(data, "implemented"))
    for result in (with_drawn, with_all):
        for dim in result.dimensions:
            before = bare.dimension(dim.id)
            assert dim.inherent == before.inherent
            assert dim.residual is not None and before.residual is not None
            assert dim.residual <= before.residual
            if dim.residual_band and before.residual_band:
                assert dim.residual_band.level <= before.residual_band.level
        for q in result.questions:
            assert q.residual <= q.inherent


@PROPERTY
@given(assessments())
def test_not_applicable_answers_never_change_the_score(data: dict[str, Any]) -> None:
    ps = policy()
    na_answers = {
        qid: next(o.id for o in qd.options.values() if o.na)
        for qid, qd in ps.questions.items()
        if any(o.na for o in qd.options.values())
    }
    assert na_answers  # the equity rubric has explicit "not applicable" options
    with_na = {**data, "answers": {**data["answers"], **na_answers}}
    without = {**data, "answers": {k: v for k, v in data["answers"].items() if k not in na_answers}}
    assert _scores(run(with_na)) == _scores(run(without))


@PROPERTY
@given(assessments())
def test_answers_to_questions_that_do_not_apply_change_nothing(data: dict[str, Any]) -> None:
    # With no personal data, the privacy questions do not apply: answering them is ignored.
    answers = {**data["answers"], "intake.C-04": "no"}
    stripped = {k: v for k, v in answers.items() if not k.startswith("PRV-")}
    full, bare = run({**data, "answers": answers}), run({**data, "answers": stripped})
    assert _scores(full) == _scores(bare)
    assert full.verdict.id == bare.verdict.id


@PROPERTY
@given(assessments(unknowns=True))
def test_more_than_a_fifth_dont_know_never_gives_low_risk(data: dict[str, Any]) -> None:
    result = run(data)
    if result.completeness.unknown_share > policy().policy.unknown_threshold:
        assert result.verdict.id not in ("LOW_RISK", "MEDIUM_RISK_WITH_CONDITIONS")

"""Verdict logic of the shipped smart-city policy (issue 13): "don't know" cannot end in an
approvable verdict, serious gaps do not average away, the purpose of biometric identification
is not left to the proposer's label, the intake is checked against the rest, and a DPIA
committed to at an early stage is a condition rather than a block.

Each case starts from a shipped sample and changes the answers the issue names; the engine
computes everything else.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hawkama.cli import cli
from hawkama.engine.evaluate import evaluate
from hawkama.models.assessment import Assessment
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet
from hawkama.policy.load import load_policy_set

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "assessments"
APPROVABLE = ("LOW_RISK", "MEDIUM_RISK_WITH_CONDITIONS", "HIGH_RISK_WITH_CONDITIONS")
DECIDED_EARLIER = ("PROHIBITED", "NOT_APPROVABLE_AS_PROPOSED")


@cache
def policy() -> PolicySet:
    return load_policy_set(ROOT / "rubrics" / "smart-city.yaml")


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SAMPLES / name).read_text(encoding="utf-8"))
    return data


def run(data: dict[str, Any], answers: dict[str, Any] | None = None, **mitigations: str) -> Result:
    changed = {
        **data,
        "answers": {**data["answers"], **(answers or {})},
        "mitigations": {
            **(data.get("mitigations") or {}),
            **{m.replace("_", "-"): {"status": s} for m, s in mitigations.items()},
        },
    }
    return evaluate(policy(), Assessment.model_validate(changed))


def codes(result: Result) -> set[str]:
    return {f.code for f in result.flags}


def all_dont_know() -> dict[str, Any]:
    """Every question that offers "don't know" answered so; the rest (risk ratings, intake
    without such an option) answered with their first ordinary option."""
    answers: dict[str, Any] = {}
    for qid, qd in policy().questions.items():
        q = qd.question
        opts = list(qd.options.values())
        unknown = [o.id for o in opts if o.unknown]
        if unknown:
            answers[qid] = [unknown[0]] if q.type == "multiple" else unknown[0]
        elif q.type == "risk":
            answers[qid] = "3x3"
        elif q.type == "date":
            answers[qid] = dt.date(2026, 10, 1)
        else:
            plain = [o.id for o in opts if not o.na]
            answers[qid] = [plain[0]] if q.type == "multiple" else plain[0]
    return {
        "hawkama": 1,
        "policy": {"id": "smart-city", "version": policy().policy.version},
        "project": {"id": "ALL-U", "title": "Everything unknown"},
        "answers": answers,
    }


# --- 1. "don't know" ---------------------------------------------------------------------------


def test_all_dont_know_is_insufficient_information_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "all-u.yaml"
    path.write_text(yaml.safe_dump(all_dont_know(), allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["score", str(path), "--policy", str(ROOT / "rubrics" / "smart-city.yaml")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    assert "INSUFFICIENT_INFORMATION" in result.stdout
    assert evaluate(policy(), Assessment.model_validate(all_dont_know())).verdict.id == (
        "INSUFFICIENT_INFORMATION"
    )


SCENARIOS = [f"RSK-{n:02d}" for n in (*range(1, 15), 17)]


def _score_json(tmp_path: Path, data: dict[str, Any]) -> dict[str, Any]:
    path = tmp_path / "assessment.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["score", str(path), "--format", "json", "--detail"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    found: dict[str, Any] = yaml.safe_load(result.stdout)[0]
    return found


def test_every_risk_scenario_offers_dont_know() -> None:
    for qid in SCENARIOS:
        qd = policy().questions[qid]
        assert qd.question.type == "risk"
        assert [o.id for o in qd.options.values() if o.unknown] == ["u"], qid


def test_a_risk_scenario_answered_dont_know_counts_as_unknown_through_the_cli(
    tmp_path: Path,
) -> None:
    parking = sample(PARKING)
    before = _score_json(tmp_path, parking)["completeness"]
    after = _score_json(tmp_path, {**parking, "answers": {**parking["answers"], "RSK-01": "u"}})
    done = after["completeness"]
    assert "RSK-01" in done["unknown_ids"] and "RSK-01" not in before["unknown_ids"]
    assert done["unknown"] == before["unknown"] + 1
    assert done["unknown_share"] > before["unknown_share"]
    # Weighed like a high risk (its option's weight), never a rating to mitigate.
    rsk01 = next(q for q in after["questions"] if q["id"] == "RSK-01")
    assert rsk01["unknown"] and rsk01["likelihood"] is None
    assert rsk01["inherent"] == policy().questions["RSK-01"].options["u"].weight


def test_scenarios_nobody_can_rate_lead_to_insufficient_information() -> None:
    # The gaps sample answers the two scenarios whose controls it does not know "don't know";
    # rated instead, its unknown share falls under the threshold and the verdict is approvable.
    gaps = sample("dam-2026-004u-smart-parking-gaps.yaml")
    assert run(gaps).verdict.id == "INSUFFICIENT_INFORMATION"
    rated = run(gaps, {"RSK-04": "2x3", "RSK-07": "3x2"})
    assert rated.completeness.unknown_share <= policy().policy.unknown_threshold
    assert rated.verdict.id in APPROVABLE


GATES = [("ETH-03", "u"), ("ETH-04", "u"), ("ETH-05", ["u"]), ("RSK-00", ["u"])]
# RSK-15 (mandatory controls) applies only to high-risk uses: tested on the pumps sample.
HIGH_RISK_GATES = [*GATES, ("RSK-15", ["u"])]


@pytest.mark.parametrize(
    "name",
    [
        "dam-2026-004-smart-parking.yaml",
        "dam-2026-004u-smart-parking-gaps.yaml",
        "fay-2026-003b-autonomous-pumps.yaml",
    ],
)
@pytest.mark.parametrize(("qid", "answer"), GATES)
def test_a_gate_answered_dont_know_is_insufficient_information(
    name: str, qid: str, answer: Any
) -> None:
    result = run(sample(name), {qid: answer})
    assert result.completeness.unknown_share <= 0.25
    assert result.verdict.id == "INSUFFICIENT_INFORMATION"


def test_unknowns_where_it_matters_most_are_weighted_by_importance() -> None:
    # Two "don't know" among the nine questions of importance 3: about 3% of all answers,
    # but more than a fifth of the most important ones.
    result = run(sample("dam-2026-004-smart-parking.yaml"), {"PRV-01": "u", "PRV-03": "u"})
    assert result.completeness.unknown_share <= policy().policy.unknown_threshold
    assert result.values["core_unknown_share"] > policy().policy.unknown_threshold
    assert result.verdict.id == "INSUFFICIENT_INFORMATION"
    one = run(sample("dam-2026-004-smart-parking.yaml"), {"PRV-01": "u"})
    assert one.verdict.id != "INSUFFICIENT_INFORMATION"


def _gen_answers(draw: st.DrawFn, unknown: set[str]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for qid, qd in policy().questions.items():
        q = qd.question
        opts = list(qd.options.values())
        if qid in unknown:
            u = next(o.id for o in opts if o.unknown)
            answers[qid] = [u] if q.type == "multiple" else u
        elif q.type == "risk":
            answers[qid] = f"{draw(st.integers(1, 5))}x{draw(st.integers(1, 5))}"
        elif q.type == "date":
            answers[qid] = draw(st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)))
        elif q.type == "multiple":
            ids = [o.id for o in opts if not o.unknown]
            answers[qid] = sorted(draw(st.sets(st.sampled_from(ids), min_size=1, max_size=3)))
        else:
            answers[qid] = draw(st.sampled_from([o.id for o in opts if not o.unknown]))
    return answers


@st.composite
def with_unknowns(draw: st.DrawFn) -> dict[str, Any]:
    offers = sorted(
        q for q, qd in policy().questions.items() if any(o.unknown for o in qd.options.values())
    )
    unknown = draw(st.sets(st.sampled_from(offers)))
    return {
        "hawkama": 1,
        "policy": {"id": "smart-city", "version": policy().policy.version},
        "project": {"id": "GEN-U", "title": "Generated"},
        "answers": _gen_answers(draw, unknown),
    }


PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(with_unknowns())
def test_unknowns_and_serious_gaps_are_never_averaged_into_an_approval(
    data: dict[str, Any],
) -> None:
    result = evaluate(policy(), Assessment.model_validate(data))
    gate_unknown = any(
        result.question(q).unknown for q, _ in HIGH_RISK_GATES if result.question(q).applies
    )
    if result.completeness.unknown_share > policy().policy.unknown_threshold or gate_unknown:
        assert result.verdict.id in (*DECIDED_EARLIER, "INSUFFICIENT_INFORMATION")
    # Serious gaps (item 2) on the same generated answers: a question of importance 2 or
    # more left at weight 4 makes its dimension at least Medium and is a condition.
    for dim in ("ethics", "privacy", "equity"):
        severe = [
            q
            for q in result.questions
            if q.dimension == dim
            and q.applies
            and q.scored
            and q.residual >= 4
            and q.importance >= 2
        ]
        if severe:
            band = result.dimension(dim).residual_band
            assert band is not None and band.level >= 2
            assert "SERIOUS_GAP" in codes(result)
            assert result.verdict.id != "LOW_RISK"


# --- 2. serious gaps -------------------------------------------------------------------------

FAYOUM = "fay-2026-003-irrigation-iot.yaml"


@pytest.mark.parametrize(
    ("answers", "code", "verdict"),
    [
        ({"PRV-15": "d"}, "NO_SECURITY_CONTROLS", "NOT_APPROVABLE_AS_PROPOSED"),
        ({"ETH-10": "d"}, "NO_ACCOUNTABLE_OWNER", "NOT_APPROVABLE_AS_PROPOSED"),
        ({"PRV-17": "c"}, "NO_NOTICE_OR_RIGHTS", "MEDIUM_RISK_WITH_CONDITIONS"),
        ({"PRV-11": "c"}, "NO_DATA_MINIMISATION", "MEDIUM_RISK_WITH_CONDITIONS"),
        ({"ETH-11": "d"}, "VENDOR_CONTROLS_DATA", "MEDIUM_RISK_WITH_CONDITIONS"),
    ],
)
def test_a_serious_gap_is_flagged_on_a_low_risk_sample(
    answers: dict[str, str], code: str, verdict: str
) -> None:
    base = run(sample(FAYOUM))
    assert base.verdict.id == "LOW_RISK"
    result = run(sample(FAYOUM), answers)
    assert code in codes(result)
    assert result.verdict.id == verdict


def test_committing_to_the_missing_safeguard_clears_the_block() -> None:
    qid = "ETH-10"
    result = run(sample(FAYOUM), {qid: "d"}, ETH_10_M1="committed")
    assert "NO_ACCOUNTABLE_OWNER" not in codes(result)
    assert result.verdict.id != "NOT_APPROVABLE_AS_PROPOSED"


# --- 3. the purpose of biometric identification ------------------------------------------------


def test_real_time_identification_run_by_the_police_is_prohibited_whatever_the_label() -> None:
    data = sample("dam-2026-004-smart-parking.yaml")
    police = run(data, {"intake.C-03": "police", "ETH-04": "f"})
    assert "RBI_LAW_ENFORCEMENT_PURPOSE" in codes(police)
    assert police.verdict.id == "PROHIBITED"
    venue = run(data, {"ETH-04": "f"})
    assert "RBI_NON_POLICE" in codes(venue)
    assert venue.verdict.id != "PROHIBITED"


# --- 4. the intake against the rest ------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"intake.C-04": "no", "ETH-04": "c"}, "INTAKE_PERSONAL_DATA_CONTRADICTED"),
        ({"intake.C-07": "foreign_abroad", "PRV-14": "a"}, "INTAKE_HOSTING_CONTRADICTED"),
        ({"intake.C-01": "rules", "RSK-00": ["c"]}, "INTAKE_AI_CONTRADICTED"),
        ({"RSK-00": ["d6"], "ETH-04": "d"}, "INTAKE_DEPLOYER_CONTRADICTED"),
    ],
)
def test_an_intake_answer_the_rest_contradicts_goes_back_to_the_proposer(
    answers: dict[str, Any], code: str
) -> None:
    result = run(sample("dam-2026-004-smart-parking.yaml"), answers)
    assert code in codes(result)
    assert result.verdict.id in (*DECIDED_EARLIER, "INSUFFICIENT_INFORMATION")


@pytest.mark.parametrize("intake", ["intake.C-04", "intake.C-05", "intake.C-06"])
def test_dont_know_on_the_intake_keeps_the_questions_in(intake: str) -> None:
    data = sample(FAYOUM)
    dependent = {"intake.C-04": "PRV-01", "intake.C-05": "ETH-06", "intake.C-06": "RSK-02"}[intake]
    no = run(data, {intake: "no"})
    unknown = run(data, {intake: "u"})
    assert not no.question(dependent).applies
    assert unknown.question(dependent).applies


# --- 5. a DPIA committed to before processing starts ------------------------------------------

QENA = "qen-2026-002-cash-transfer-eligibility.yaml"


@pytest.mark.parametrize(
    ("stage", "blocked"),
    [("idea", False), ("procurement", False), ("pilot", True), ("operating", True)],
)
def test_a_committed_dpia_is_a_condition_only_before_processing_starts(
    stage: str, blocked: bool
) -> None:
    result = run(sample(QENA), {"intake.C-09": stage}, PRV_09_M1="committed")
    assert ("DPIA_MISSING_MANDATORY" in codes(result)) is blocked
    assert ("DPIA_COMMITTED" in codes(result)) is not blocked
    bare = run(sample(QENA), {"intake.C-09": stage})
    assert "DPIA_MISSING_MANDATORY" in codes(bare)


# --- law (issue 13, second part) -----------------------------------------------------------------

PARKING = "dam-2026-004-smart-parking.yaml"


def test_no_licence_planned_blocks_until_applications_are_committed() -> None:
    blocked = run(sample(PARKING), {"PRV-16": "d"})
    assert "NO_PDPC_LICENCE" in codes(blocked)
    assert blocked.verdict.id == "NOT_APPROVABLE_AS_PROPOSED"
    committed = run(sample(PARKING), {"PRV-16": "d"}, PRV_16_M1="committed")
    assert "NO_PDPC_LICENCE" not in codes(committed)


def test_the_transition_end_is_data_and_is_shown() -> None:
    result = run(sample(PARKING), {"PRV-16": "c"})
    assert "PDPL_TRANSITION_RELIED_ON" in codes(result)
    finding = next(f for f in result.findings if f.id == "PDPL_TRANSITION")
    end = str(result.values["pdpl_transition_end"])
    assert end in finding.text["en"] and end in finding.text["ar"]


@pytest.mark.parametrize(
    ("expected", "verdicts"),
    [
        ("2026-10-15", ("LOW_RISK", "MEDIUM_RISK_WITH_CONDITIONS", "HIGH_RISK_WITH_CONDITIONS")),
        ("2026-11-01", ("NOT_APPROVABLE_AS_PROPOSED",)),
        ("2027-03-01", ("NOT_APPROVABLE_AS_PROPOSED",)),
    ],
)
def test_relying_on_the_transition_period_past_its_end_blocks_through_the_cli(
    tmp_path: Path, expected: str, verdicts: tuple[str, ...]
) -> None:
    # PRV-20 (by when the licence will be held) is compared with the policy's end date,
    # date('2026-11-01'), by the expression language's date type.
    parking = sample(PARKING)
    answers = {**parking["answers"], "PRV-16": "c", "PRV-20": dt.date.fromisoformat(expected)}
    found = _score_json(tmp_path, {**parking, "answers": answers})
    flags = {f["code"] for f in found["flags"]}
    ended = expected >= found["values"]["pdpl_transition_end"]
    assert ("PDPL_TRANSITION_ENDED" in flags) == ended
    assert "PDPL_TRANSITION_RELIED_ON" in flags
    assert found["verdict"]["id"] in verdicts


def test_relying_on_the_transition_period_asks_by_when() -> None:
    # Without the date the committee cannot tell whether the period covers the processing.
    result = run(sample(PARKING), {"PRV-16": "c"})
    assert result.question("PRV-20").applies
    assert result.completeness.required_missing == ["PRV-20"]
    assert result.verdict.id == "INSUFFICIENT_INFORMATION"
    assert not run(sample(PARKING)).question("PRV-20").applies


def test_the_data_protection_officer_is_its_own_question() -> None:
    result = run(sample(PARKING), {"PRV-19": "c"})
    assert "NO_DPO" in codes(result)
    assert "NO_PDPC_LICENCE" not in codes(result)


def test_a_dpia_is_mandatory_when_staff_decide_on_the_basis_of_a_score() -> None:
    staff = run(sample(PARKING), {"PRV-04": "c", "intake.C-05": "yes", "PRV-09": "c"})
    assert staff.values["dpia_mandatory"] is True
    assert "DPIA_MISSING_MANDATORY" in codes(staff)
    planning = run(sample(PARKING), {"PRV-04": "c", "intake.C-05": "no", "PRV-09": "c"})
    assert planning.values["dpia_mandatory"] is False


# --- coverage (issue 13, new questions) ----------------------------------------------------------


def test_dont_know_on_the_mandatory_controls_is_insufficient_information() -> None:
    result = run(sample("fay-2026-003b-autonomous-pumps.yaml"), {"RSK-15": ["u"]})
    assert "HIGH_RISK_CONTROLS_UNCLEAR" in codes(result)
    assert "HIGH_RISK_CONTROL_MISSING" not in codes(result)
    assert result.verdict.id == "INSUFFICIENT_INFORMATION"


def test_control_systems_without_personal_data_are_asked_about_cybersecurity() -> None:
    pumps = sample("fay-2026-003b-autonomous-pumps.yaml")
    result = run(pumps, {"intake.C-04": "no", "RSK-16": "d"})
    assert result.question("RSK-16").applies
    assert "OT_SECURITY_MISSING" in codes(result)
    assert result.verdict.id == "NOT_APPROVABLE_AS_PROPOSED"
    committed = run(pumps, {"RSK-16": "d"}, RSK_16_M1="committed")
    assert "OT_SECURITY_MISSING" not in codes(committed)


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"ETH-17": "c"}, "OPEN_DATA_REIDENTIFICATION"),
        ({"ETH-18": "c"}, "PROCUREMENT_INTEGRITY"),
        ({"ETH-19": "d"}, "STAFF_NOT_INFORMED"),
    ],
)
def test_new_ethics_questions_raise_their_conditions(answers: dict[str, str], code: str) -> None:
    result = run(sample(FAYOUM), answers)
    assert code in codes(result)
    assert result.verdict.id == "MEDIUM_RISK_WITH_CONDITIONS"


def test_the_generative_ai_scenario_applies_only_to_chatbots_and_generated_content() -> None:
    chatbot = run(sample("alx-2026-005-citizen-chatbot.yaml"))
    assert chatbot.question("RSK-17").applies and chatbot.question("RSK-17").answered
    assert not run(sample(FAYOUM)).question("RSK-17").applies

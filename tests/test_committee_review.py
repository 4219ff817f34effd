"""`hawkama review` and the review checks of `hawkama validate` (issue 7), on real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import click.testing
import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.policy.decision import DECISIONS, departs, expected_decision
from hawkama.policy.load import load_policy_set
from tests.conftest import ROOT

SAMPLE = ROOT / "assessments" / "dam-2026-004-smart-parking.yaml"  # LOW_RISK
REVIEWERS = [
    "--reviewer",
    "Mona Adel|chair|Damietta Governorate",
    "--reviewer",
    "Karim Fathy|member",
]


def invoke(*args: str, input: str | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / SAMPLE.name
    shutil.copy(SAMPLE, target)
    return target


@pytest.mark.parametrize(
    ("verdict", "decision", "expected"),
    [
        ("LOW_RISK", "approve", False),
        ("MEDIUM_RISK_WITH_CONDITIONS", "approve_with_conditions", False),
        ("HIGH_RISK_WITH_CONDITIONS", "approve_with_conditions", False),
        ("NOT_APPROVABLE_AS_PROPOSED", "reject", False),
        ("PROHIBITED", "reject", False),
        ("INSUFFICIENT_INFORMATION", "defer", False),
        ("PROHIBITED", "approve", True),
        ("LOW_RISK", "approve_with_conditions", True),
        ("LEVEL_III", "approve", True),  # another policy's verdict: always justified
    ],
)
def test_departure_mapping(verdict: str, decision: str, expected: bool) -> None:
    ps = load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    assert departs(ps, verdict, decision) is expected
    usual = {expected_decision(ps, v.id) for v in ps.policy.verdicts}
    assert usual == set(DECISIONS)


def test_review_with_options_writes_only_the_review_block(sample: Path) -> None:
    before = sample.read_text(encoding="utf-8")
    result = invoke(
        "review",
        str(sample),
        *REVIEWERS,
        "--conflicts",
        "none",
        "--decision",
        "approve",
        "--condition",
        "Publish the retention schedule|RSK-03-M1,SURVEILLANCE_LICENCE|IT unit|2026-06-30",
        "--date",
        "2026-03-10",
    )
    assert result.exit_code == 0
    assert "Computed verdict: LOW_RISK\nDecision: approve\nConditions: 1 (1 open)" in result.output
    after = sample.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments, answers and key order untouched
    assert after[len(before) :] == (
        "review:\n"
        "  reviewers:\n"
        "    - name: Mona Adel\n"
        "      role: chair\n"
        "      organisation: Damietta Governorate\n"
        "    - name: Karim Fathy\n"
        "      role: member\n"
        "  conflicts: none\n"
        "  decision: approve\n"
        "  conditions:\n"
        "    - text: Publish the retention schedule\n"
        "      answers: [RSK-03-M1, SURVEILLANCE_LICENCE]\n"
        "      owner: IT unit\n"
        "      due: 2026-06-30\n"
        "  decided: 2026-03-10\n"
    )
    assert invoke("validate", str(sample)).exit_code == 0
    # Marking the condition met keeps the rest of the record.
    assert invoke("review", str(sample), "--done", "1").exit_code == 0
    text = sample.read_text(encoding="utf-8")
    assert "      done: true\n" in text and "  decision: approve\n" in text


def test_departure_needs_a_justification(sample: Path) -> None:
    before = sample.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["review", str(sample), "--decision", "reject"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {sample}: the decision 'reject' departs from the computed verdict LOW_RISK "
        "(which calls for 'approve'); a written justification is required (--justification TEXT)\n"
    )
    assert sample.read_text(encoding="utf-8") == before  # nothing written
    ok = invoke(
        "review",
        str(sample),
        "--decision",
        "reject",
        "--justification",
        "The operator's licence was withdrawn.",
        "--date",
        "2026-03-10",
    )
    assert ok.exit_code == 0
    assert "Decision: reject (departs; justified)" in ok.output


def test_validate_reports_review_problems_with_lines(sample: Path) -> None:
    sample.write_text(
        sample.read_text(encoding="utf-8") + "review:\n  decision: reject\n  conditions:\n"
        "    - {text: Fix it, answers: [RSK-03-M1, DPIA_MISSING_MANDATORY, RSK-03-M9]}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(sample)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: 3 problems:"
    assert lines[1] == (
        f"  {sample}:124:13: review.decision: the decision 'reject' departs from the computed "
        "verdict LOW_RISK (which calls for 'approve'); a written justification is required "
        "in review.justification"
    )
    assert lines[2] == (
        f"  {sample}:126:43: review.conditions.0.answers.1: condition 1: flag "
        "DPIA_MISSING_MANDATORY is not raised by this assessment (flags raised: SURVEILLANCE_LICENCE)"
    )
    assert (
        ":126:67: review.conditions.0.answers.2: condition 1: 'RSK-03-M9' is neither a flag "
        "raised nor a mitigation of policy smart-city; did you mean 'RSK-03-M" in lines[3]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--reviewer", "|chair"],
            "Error: --reviewer: '|chair' should be \"Name|role|organisation\"",
        ),
        (["--condition", "a|b|c|d|e"], "Error: --condition: 'a|b|c|d|e' should be"),
        (["--condition", "Fix|RSK-03-M1|IT|30/06/2026"], "is not a date; write YYYY-MM-DD"),
        (["--date", "tomorrow"], "Error: --decided: 'tomorrow' is not a date; write YYYY-MM-DD"),
        (["--done", "3"], "Error: --done 3: there are 0 condition(s); number them from 1"),
        (["--condition", "Fix|NOPE|IT"], "condition 1: 'NOPE' is neither a flag raised"),
    ],
)
def test_bad_options_exit_2_without_writing(sample: Path, args: list[str], message: str) -> None:
    before = sample.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["review", str(sample), *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert sample.read_text(encoding="utf-8") == before


def test_review_interactively(sample: Path) -> None:
    answers = "\n".join(
        [
            "Mona Adel|chair|Damietta Governorate",
            "",  # end of reviewers
            "none",
            "approve_with_conditions",
            "",  # no justification: refused at the prompt, asked again
            "Pilot only; conditions before scale-up.",
            "Publish the retention schedule|RSK-03-M1|IT unit|2026-06-30",
            "",  # end of conditions
            "2026-03-10",
        ]
    )
    result = invoke("review", str(sample), input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "Computed verdict: LOW_RISK (usual decision: approve)" in result.output
    text = sample.read_text(encoding="utf-8")
    assert "  justification: Pilot only; conditions before scale-up.\n" in text
    assert "  decided: 2026-03-10\n" in text
    assert invoke("validate", str(sample)).exit_code == 0


def test_the_usual_decision_is_policy_data(sample: Path, tmp_path: Path) -> None:
    # A committee's own policy may call for another decision: the check reads the verdict
    # rule's `decision`, and a verdict naming none has no usual decision.
    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics, ignore=shutil.ignore_patterns("versions"))
    policy = rubrics / "smart-city.yaml"
    text = policy.read_text(encoding="utf-8")
    head, low = text.split("  - id: LOW_RISK\n")
    policy.write_text(
        head + "  - id: LOW_RISK\n" + low.replace("decision: approve", "decision: reject", 1),
        encoding="utf-8",
    )
    ps = load_policy_set(policy)
    assert expected_decision(ps, "LOW_RISK") == "reject"
    assert (
        invoke("review", str(sample), "--policy", str(policy), "--decision", "reject").exit_code
        == 0
    )
    refused = CliRunner().invoke(
        cli, ["review", str(sample), "--policy", str(policy), "--decision", "approve"]
    )
    assert refused.exit_code == 2
    assert "(which calls for 'reject'); a written justification is required" in refused.stderr
    policy.write_text(text.replace("    decision: approve\n", ""), encoding="utf-8")
    refused = CliRunner().invoke(
        cli, ["review", str(sample), "--policy", str(policy), "--decision", "approve"]
    )
    assert "(which has no usual decision); a written justification is required" in refused.stderr


def test_the_decision_is_left_out_of_the_policy_hash(tmp_path: Path) -> None:
    # It does not score: assessments pinning the hash and reports issued before verdict
    # rules named a decision must still check.
    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics, ignore=shutil.ignore_patterns("versions"))
    policy = rubrics / "smart-city.yaml"
    with_decisions = load_policy_set(policy).hash
    lines = policy.read_text(encoding="utf-8").splitlines(keepends=True)
    policy.write_text("".join(x for x in lines if "decision:" not in x), encoding="utf-8")
    stripped = load_policy_set(policy)
    assert all(v.decision is None for v in stripped.policy.verdicts)
    assert stripped.hash == with_decisions

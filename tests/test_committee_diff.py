"""`hawkama diff` (issue 7): two files, or a file and a git revision, in text and JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import click.testing
import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.committee.diff import diff_assessments
from hawkama.documents import load_assessment
from hawkama.policy.load import load_policy_set
from tests.conftest import DATA, ROOT

V1 = DATA / "committee" / "qen-v1.yaml"
V2 = DATA / "committee" / "qen-v2.yaml"
EXPLAINED = (
    "Verdict changed from NOT_APPROVABLE_AS_PROPOSED to HIGH_RISK_WITH_CONDITIONS because "
    "the BLOCK flag DPIA_MISSING_MANDATORY cleared (PRV-09 changed from c to a)."
)


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_text_explains_the_verdict_change() -> None:
    result = invoke("diff", str(V1), str(V2))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{V1} -> {V2}  (policy smart-city 1.0.0)\n"
        f"{EXPLAINED}\n"
        "\n"
        f"Changes (1), each alone applied to {V1}:\n"
        "  PRV-09 changed from c to a\n"
        "      privacy -5.4%; clears BLOCK DPIA_MISSING_MANDATORY; "
        "verdict NOT_APPROVABLE_AS_PROPOSED -> HIGH_RISK_WITH_CONDITIONS\n"
        "\n"
        "Residual scores (total):\n"
        "  ethics       44% -> 44%      (=)  medium\n"
        "  privacy    63.5% -> 58.1%    (-5.4%)  high\n"
        "  equity     68.1% -> 68.1%    (=)  high\n"
        "  risk          16 -> 16       (=)  high\n"
        "Flags raised: none\n"
        "Flags cleared: BLOCK DPIA_MISSING_MANDATORY\n"
    )


def test_json_attributes_each_change() -> None:
    sample = ROOT / "assessments" / "qen-2026-002-cash-transfer-eligibility.yaml"
    data = json.loads(invoke("diff", str(V2), str(sample), "--format", "json").stdout)
    assert (data["verdict_old"], data["verdict_new"]) == (
        "HIGH_RISK_WITH_CONDITIONS",
        "NOT_APPROVABLE_AS_PROPOSED",
    )
    by_id = {c["id"]: c for c in data["changes"]}
    # The sample is answered against 1.2.0: 1.1.0 added ETH-17 to ETH-19 and PRV-19, 1.2.0
    # PRV-20 (by when the licence will be held, asked because it relies on the transition).
    assert set(by_id) == {
        "ETH-06",
        "PRV-09",
        "RSK-15",
        "ETH-17",
        "ETH-18",
        "ETH-19",
        "PRV-19",
        "PRV-20",
    }
    assert by_id["ETH-06"]["effect"]["flags_raised"] == [
        {"code": "AUTOMATED_SIGNIFICANT_DECISION", "level": "block"}
    ]
    assert (
        by_id["RSK-15"]["old"] == "[logs, oversight, fria]" and by_id["RSK-15"]["new"] == "[logs]"
    )
    assert data["explanation"].startswith(
        "Verdict changed from HIGH_RISK_WITH_CONDITIONS to NOT_APPROVABLE_AS_PROPOSED because "
        "the BLOCK flags AUTOMATED_SIGNIFICANT_DECISION (ETH-06 changed from b to d), "
        "DPIA_MISSING_MANDATORY (PRV-09 changed from a to c) and HIGH_RISK_CONTROL_MISSING "
        "(RSK-15 changed from [logs, oversight, fria] to [logs]) raised"
    )


def test_pure_function_is_what_the_report_calls() -> None:
    # V1 and V2 are answered against 1.0.0, kept under rubrics/versions/.
    ps = load_policy_set(ROOT / "rubrics" / "versions" / "smart-city-1.0.0" / "smart-city.yaml")
    d = diff_assessments(ps, load_assessment(V1), ps, load_assessment(V2), "v1", "v2")
    assert d.explanation == EXPLAINED
    assert [c.words() for c in d.changes] == ["PRV-09 changed from c to a"]
    assert d.flags_cleared[0].code == "DPIA_MISSING_MANDATORY"


def test_completeness_and_mitigations(tmp_path: Path) -> None:
    old = ROOT / "assessments" / "dam-2026-004u-smart-parking-gaps.yaml"
    new = tmp_path / "new.yaml"
    text = (ROOT / "assessments" / "dam-2026-004-smart-parking.yaml").read_text(encoding="utf-8")
    new.write_text(
        text.replace("  RSK-11-M2: {status: committed", "  RSK-11-M2: {status: proposed"),
        encoding="utf-8",
    )
    out = invoke("diff", str(old), str(new)).stdout
    assert (
        "Verdict changed from INSUFFICIENT_INFORMATION to LOW_RISK because 'don't know' answers went from 15 to 0."
        in out
    )
    assert "  mitigation RSK-11-M2 changed from committed to proposed\n" in out


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env, capture_output=True)


def test_against_a_git_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "assessments").mkdir(parents=True)
    target = repo / "assessments" / "qen.yaml"
    shutil.copy(V1, target)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    shutil.copy(V2, target)
    result = invoke("diff", str(target), "--rev", "HEAD")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        f"{target}@HEAD -> {target}  (policy smart-city 1.0.0)\n{EXPLAINED}\n"
    )
    bad = CliRunner().invoke(cli, ["diff", str(target), "--rev", "HEAD~5"])
    assert bad.exit_code == 2
    assert f"Error: {target}: cannot read it at revision 'HEAD~5'" in bad.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([str(V1)], "give two files (OLD NEW), or one file and --rev REV"),
        (
            [str(V1), str(V2), "--rev", "HEAD"],
            "give two files (OLD NEW), or one file and --rev REV",
        ),
        ([str(V1), "--rev=--output=x"], "a revision cannot start with '-'"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["diff", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_bad_file_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        V2.read_text(encoding="utf-8").replace("  PRV-09: a\n", "  PRV-09: zz\n"), encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["diff", str(V1), str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:" in result.stderr and "'zz' is not an option of PRV-09" in result.stderr

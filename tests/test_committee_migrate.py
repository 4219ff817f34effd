"""Rubric versions (issues 7 and 13): the kept 0.9.0 and 1.0.0 policies, and `hawkama migrate`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click.testing
import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.policy.find import policy_files
from tests.conftest import DATA, ROOT

OLD = DATA / "committee" / "dam-2026-004-v0.9.yaml"
REPORT = (
    "{src}: smart-city 0.9.0 -> 1.0.0\n"
    "  72 answer(s) carried forward\n"
    "Questions that need an answer (1):\n"
    "  EQT-16: new question\n"
    "Questions changed since they were answered (check the answer) (1):\n"
    "  PRV-12: weights\n"
    "Answers dropped (1):\n"
    "  PRV-13: option e removed (was e)\n"
)


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_versions_are_found_in_sub_folders() -> None:
    found = policy_files(ROOT / "rubrics")
    assert found[("smart-city", "1.2.0")] == ROOT / "rubrics" / "smart-city.yaml"
    assert found[("smart-city", "1.1.0")].parent.name == "smart-city-1.1.0"
    assert found[("smart-city", "1.0.0")].parent.name == "smart-city-1.0.0"
    assert found[("smart-city", "0.9.0")].parent.name == "smart-city-0.9.0"


def test_rubrics_folder_still_validates_and_checks() -> None:
    result = invoke("validate", str(ROOT / "rubrics"))
    assert result.exit_code == 0
    assert "versions/smart-city-0.9.0/smart-city.yaml  (4 rubrics, 75 questions)" in result.stdout
    assert "versions/smart-city-1.0.0/smart-city.yaml  (4 rubrics, 76 questions)" in result.stdout
    assert "rubrics/smart-city.yaml  (4 rubrics, " in result.stdout
    assert invoke("rubric", "check", str(ROOT / "rubrics")).exit_code == 0


def test_old_assessment_scores_with_its_own_version() -> None:
    result = invoke("score", str(OLD))
    assert result.exit_code == 0
    assert "MEDIUM_RISK_WITH_CONDITIONS" in result.stdout
    assert invoke("validate", str(OLD)).exit_code == 0
    refused = CliRunner().invoke(
        cli, ["score", str(OLD), "--policy", str(ROOT / "rubrics" / "smart-city.yaml")]
    )
    assert refused.exit_code == 2
    assert "answered against smart-city 0.9.0, but the policy loaded is 1.2.0" in refused.stderr


def test_migrate_to_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "migrated.yaml"
    result = invoke("migrate", str(OLD), "--to", "1.0.0", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == REPORT.format(src=OLD) + f"Wrote {target}\n"
    text = target.read_text(encoding="utf-8")
    assert "policy: {id: smart-city, version: 1.0.0, hash: " in text
    assert "  PRV-13:" not in text
    assert text.startswith("# Test data for hawkama migrate (issue 7)")  # comments kept
    assert "  PRV-12: {value: b, note:" in text
    # The migrated file is a valid 1.0.0 assessment; EQT-16 now waits for an answer.
    check = invoke("validate", str(target))
    assert check.exit_code == 0 and "incomplete: 2 required unanswered" in check.stdout


def test_migrate_in_place_and_dry_run(tmp_path: Path) -> None:
    copy = tmp_path / "a.yaml"
    shutil.copy(OLD, copy)
    dry = invoke("migrate", str(copy), "--to", "1.0.0", "--dry-run")
    assert dry.stdout == REPORT.format(src=copy)
    assert copy.read_text(encoding="utf-8") == OLD.read_text(encoding="utf-8")
    assert invoke("migrate", str(copy), "--to", "1.0.0").exit_code == 0
    assert "version: 1.0.0" in copy.read_text(encoding="utf-8")
    again = invoke("migrate", str(copy), "--to", "1.0.0")
    assert (
        again.stdout == f"{copy}: already answered against smart-city 1.0.0; nothing to migrate\n"
    )


def test_migrate_a_1_0_0_assessment_to_1_1_0_keeps_its_verdict(tmp_path: Path) -> None:
    # Issue 13: the samples were carried forward this way; the 1.0.0 test file stands in.
    old = DATA / "committee" / "qen-v1.yaml"
    target = tmp_path / "qen-1.1.yaml"
    result = invoke("migrate", str(old), "--to", "1.1.0", "-o", str(target))
    assert result.exit_code == 0
    assert "smart-city 1.0.0 -> 1.1.0" in result.stdout
    assert "Answers dropped" not in result.stdout
    before, after = invoke("score", str(old)), invoke("score", str(target))
    verdict = re.compile(r"Verdict: (\w+)")
    assert verdict.findall(before.stdout) == verdict.findall(after.stdout)
    assert verdict.findall(after.stdout)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--to", "2.0.0"],
            "--to '2.0.0': no version '2.0.0' of policy 'smart-city' found (versions found: 0.9.0, 1.0.0, 1.1.0, 1.2.0)",
        ),
        ([], "Missing option '--to'"),
    ],
)
def test_migrate_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["migrate", str(OLD), *args])
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("name", ["review", "portfolio", "diff", "migrate"])
def test_every_committee_command_has_help_with_an_example(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


@pytest.mark.parametrize("version", ["1.0", "", "-1", "1.0.0;id", "../../../etc/passwd"])
def test_migrate_to_a_malformed_version_lists_the_versions(tmp_path: Path, version: str) -> None:
    copy = tmp_path / "old.yaml"
    shutil.copy(OLD, copy)
    before = copy.read_bytes()
    result = CliRunner().invoke(cli, ["migrate", str(copy), "--to", version])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == (
        f"Error: {copy}: --to {version!r}: no version {version!r} of policy 'smart-city' found "
        "(versions found: 0.9.0, 1.0.0, 1.1.0, 1.2.0); pass --policy PATH\n"
    )
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.yaml"]

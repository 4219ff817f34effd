"""The command line end to end, through click's CliRunner, on real files."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hawkama import __version__
from hawkama.cli import cli
from tests.conftest import MINI


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"hawkama, version {__version__}"


def test_every_listed_command_loads() -> None:
    from hawkama.cli import COMMANDS

    assert cli.list_commands(click.Context(cli)) == list(COMMANDS)


@pytest.mark.parametrize("name", list(__import__("hawkama.cli", fromlist=["COMMANDS"]).COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and command.help
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            assert sub.help and "Example" in sub.help, sub.name
    else:
        assert "Example" in result.output


def test_score_text(monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke("score", str(MINI / "low.yaml"), "--policy", str(MINI))
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == [
        "MINI-1  Counting sensors (Damietta)",
        "  Verdict: LOW_RISK  Low risk  (rule 5)",
        "  privacy    33.3% Medium  (inherent 33.3% Medium)",
    ]


def test_score_text_in_arabic() -> None:
    result = invoke("score", str(MINI / "low.yaml"), "--policy", str(MINI), "--lang", "ar")
    assert "الحكم: LOW_RISK  مخاطر منخفضة" in result.output


def _second_assessment(tmp_path: Path) -> Path:
    text = (MINI / "low.yaml").read_text(encoding="utf-8")
    path = tmp_path / "high.yaml"
    path.write_text(
        text.replace("MINI-1", "MINI-2").replace("P3: [plan]", "P3: [social]"), encoding="utf-8"
    )
    return path


def test_score_json_is_one_array_in_input_order(tmp_path: Path) -> None:
    second = _second_assessment(tmp_path)
    result = invoke(
        "score", str(second), str(MINI / "low.yaml"), "--policy", str(MINI), "--format", "json"
    )
    data = json.loads(result.output)
    assert [r["project"]["id"] for r in data] == ["MINI-2", "MINI-1"]
    assert [r["verdict"]["id"] for r in data] == ["PROHIBITED", "LOW_RISK"]
    assert data[1]["dimensions"][0]["residual_band"]["id"] == "medium"


def test_score_csv(tmp_path: Path) -> None:
    second = _second_assessment(tmp_path)
    result = invoke(
        "score", str(MINI / "low.yaml"), str(second), "--policy", str(MINI), "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["project_id"], r["verdict"], r["prohibit"]) for r in rows] == [
        ("MINI-1", "LOW_RISK", "0"),
        ("MINI-2", "PROHIBITED", "1"),
    ]
    assert rows[0]["privacy_band"] == "medium"


def test_fail_on(tmp_path: Path) -> None:
    second = _second_assessment(tmp_path)
    ok = invoke(
        "score",
        str(MINI / "low.yaml"),
        "--policy",
        str(MINI),
        "--fail-on",
        "HIGH_RISK_WITH_CONDITIONS",
    )
    assert ok.exit_code == 0
    bad = invoke(
        "score", str(second), "--policy", str(MINI), "--fail-on", "HIGH_RISK_WITH_CONDITIONS"
    )
    assert bad.exit_code == 1
    assert "PROHIBITED" in bad.stderr
    # Not an error message: the verdicts that met the threshold, after the scores.
    assert bad.stderr.startswith("--fail-on HIGH_RISK_WITH_CONDITIONS: ")
    assert "Error" not in bad.stderr and "PROHIBITED" in bad.stdout
    wrong = invoke("score", str(second), "--policy", str(MINI), "--fail-on", "RED")
    assert wrong.exit_code == 2
    assert "'RED' is not a verdict of policy mini (allowed: PROHIBITED" in wrong.stderr


def test_policy_found_in_local_rubrics_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(MINI, tmp_path / "rubrics")
    shutil.copy(MINI / "low.yaml", tmp_path / "low.yaml")
    monkeypatch.chdir(tmp_path)
    result = invoke("score", "low.yaml")
    assert result.exit_code == 0
    assert "LOW_RISK" in result.output


def test_missing_policy_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (MINI / "low.yaml").read_text(encoding="utf-8").replace("id: mini", "id: nowhere")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("score", "a.yaml")
    assert result.exit_code == 2
    assert "a.yaml: policy: policy 'nowhere' version 1.0.0 not found in" in result.stderr


def test_explain_dimension_and_verdict() -> None:
    result = invoke("explain", str(MINI / "low.yaml"), "--policy", str(MINI))
    out = result.output
    assert "privacy (Privacy): residual 33.33% -> Medium; inherent 33.33%" in out
    assert "    P1            2 x 3 =     6  Most sensitive data?" in out
    assert "verdict LOW_RISK (Low risk): rule 5 of 5 held: true" in out
    assert "  rule 2 NOT_APPROVABLE_AS_PROPOSED did not hold: flags('block') > 0" in out


def test_explain_one_question() -> None:
    result = invoke("explain", str(MINI / "low.yaml"), "--policy", str(MINI), "--question", "P1")
    assert result.output.splitlines() == [
        "P1: Most sensitive data?",
        "  applies: when intake.personal_data == 'yes'",
        "  answer: c (Identifiable)",
        "  weight 2 of at most 4, importance 3",
        "  contribution 2 x 3 = 6",
    ]
    wrong = invoke("explain", str(MINI / "low.yaml"), "--policy", str(MINI), "--question", "P7")
    assert wrong.exit_code == 2
    assert "no question 'P7' in policy mini (did you mean: P3, P2, P1)" in wrong.stderr


def test_validate_folders() -> None:
    result = invoke("validate", str(MINI))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("ok  policy") and "1 rubrics, 5 questions" in line for line in lines)
    assert any(
        line.startswith("ok  assessment") and "5/5 applicable questions answered" in line
        for line in lines
    )


def test_validate_reports_incomplete_not_error(tmp_path: Path) -> None:
    path = tmp_path / "partial.yaml"
    path.write_text(
        "hawkama: 1\npolicy: {id: mini, version: 1.0.0}\nproject: {id: P-1, title: Partial}\n"
        "answers:\n  intake.personal_data: yes\n",
        encoding="utf-8",
    )
    result = invoke("validate", str(path), "--policy", str(MINI))
    assert result.exit_code == 0
    assert "incomplete: 4 required unanswered" in result.output


@pytest.mark.parametrize("kind", ["rubric", "policy", "assessment", "result"])
def test_schema(kind: str) -> None:
    result = invoke("schema", kind)
    schema = json.loads(result.output)
    assert schema["title"] == f"Hawkama {kind}"
    assert "properties" in schema


def test_assessment_schema_describes_answers() -> None:
    schema = json.loads(invoke("schema", "assessment").output)
    assert set(schema["required"]) >= {"hawkama", "policy", "project"}
    assert schema["additionalProperties"] is False


def test_no_traceback_on_user_errors(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("hawkama: 1\npolicy: 3\n", encoding="utf-8")
    for args in (
        ["score", str(tmp_path / "x.yaml")],
        ["validate", str(tmp_path)],
        ["explain", str(tmp_path / "x.yaml")],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, args
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "x.yaml:2:9: policy: should be a mapping (key: value), got 3" in result.stderr


def test_policy_edited_without_new_version_is_refused(tmp_path: Path) -> None:
    text = (MINI / "low.yaml").read_text(encoding="utf-8")
    stale = text.replace(
        "policy: {id: mini, version: 1.0.0}",
        "policy: {id: mini, version: 1.0.0, hash: " + "ab" * 32 + "}",
    )
    path = tmp_path / "stale.yaml"
    path.write_text(stale, encoding="utf-8")
    refused = invoke("score", str(path), "--policy", str(MINI))
    assert refused.exit_code == 2
    assert (
        "stale.yaml:2:42: policy.hash: answered against mini 1.0.0 with content hash abababababab..."
        in refused.stderr
    )
    assert invoke("score", str(path), "--policy", str(MINI), "--any-version").exit_code == 0

"""`hawkama assess` in a real pseudo-terminal: killed with SIGKILL mid-way, then resumed.

A SIGKILL gives the process no chance to clean up, so this proves that every answer is
on disk, whole, the moment it is confirmed (write_atomic), and that a second run resumes
at the first unanswered applicable question.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.yamlio import parse_yaml
from tests.conftest import MINI, ROOT

pexpect = pytest.importorskip("pexpect")
TIMEOUT = 15  # seconds per expected prompt; a cold start with imports takes about 1 s


def spawn(path: Path, *args: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "hawkama", "assess", str(path), "--policy", str(MINI), *args],
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 120),
    )


def answer(child: pexpect.spawn, prompt: str, line: str) -> None:
    child.expect_exact(prompt)
    child.sendline(line)


def test_kill_9_mid_questionnaire_then_resume(tmp_path: Path) -> None:
    path = tmp_path / "corniche.yaml"
    child = spawn(path)
    child.expect_exact("Created")
    answer(child, "Project id [corniche]: ", "DAM-2026-011")
    answer(child, "Title [Corniche]: ", "Corniche sensors")
    for _ in range(6):
        answer(child, ": ", "")
    child.expect_exact("intake.personal_data - Intake")
    answer(child, "Answer: ", "yes")
    child.expect_exact("P1 - Privacy")
    answer(child, "Answer: ", "3 # faces")
    answer(child, "Status: ", "c ; Traffic Department")
    child.expect_exact("[2/5] P2 - Privacy")
    child.expect_exact("Answer: ")  # waiting for P2: kill it here, without warning
    child.kill(signal.SIGKILL)
    child.wait()
    assert child.signalstatus == signal.SIGKILL

    data = parse_yaml(path).data
    assert data["project"]["id"] == "DAM-2026-011"
    assert {k: v for k, v in data["answers"].items() if v is not None} == {
        "intake.personal_data": "yes",
        "P1": {"value": "e", "note": "faces"},
    }
    assert data["mitigations"] == {"P1-M1": {"status": "committed", "owner": "Traffic Department"}}
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written temporary file left

    child = spawn(path)
    child.expect_exact("Resuming at P2.")
    child.expect_exact("[2/5] P2 - Privacy")
    answer(child, "Answer: ", "1")
    answer(child, "Answer: ", "plan")
    answer(child, "Answer: ", "2x2")
    answer(child, "Status: ", "")
    answer(child, "Status: ", "")
    child.expect_exact("All applicable questions are answered.")
    child.expect_exact(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    score = CliRunner().invoke(cli, ["score", str(path), "--policy", str(MINI)])
    assert score.exit_code == 0, score.output
    assert "DAM-2026-011" in score.output


def test_kill_9_right_after_an_answer_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    child = spawn(path)
    for _ in range(8):
        answer(child, ": ", "")
    answer(child, "Answer: ", "no")
    child.expect_exact("P2 - Privacy")
    answer(child, "Answer: ", "2")
    child.kill(signal.SIGKILL)  # perhaps mid-save: the file is the old one or the new one
    child.wait()
    data = parse_yaml(path).data
    assert data["answers"]["intake.personal_data"] == "no"
    assert data["answers"]["P2"] in (None, "d")
    validate = CliRunner().invoke(cli, ["validate", str(path), "--policy", str(MINI)])
    assert validate.exit_code == 0, validate.output


def test_ctrl_c_saves_and_exits_130(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    child = spawn(path, "--lang", "ar")
    for _ in range(8):
        answer(child, ": ", "")
    answer(child, "الإجابة: ", "نعم")
    child.expect_exact("الإجابة: ")
    child.sendintr()
    child.expect_exact(f"حُفظ {path}")
    child.expect_exact(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert parse_yaml(path).data["answers"]["intake.personal_data"] == "yes"

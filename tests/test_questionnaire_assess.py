"""`hawkama assess` end to end through CliRunner, answers piped in as a user would type them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from hawkama.yamlio import parse_yaml
from tests.conftest import DATA, MINI

# The project details a fresh file asks for: id, title, governorate, then five Enters.
DETAILS = ["DAM-2026-010", "Corniche sensors", "Damietta", "", "", "", "", ""]


def assess(path: Path, *lines: str, args: tuple[str, ...] = ()) -> Result:
    text = "".join(f"{line}\n" for line in lines)
    return CliRunner().invoke(
        cli,
        ["assess", str(path), "--policy", str(MINI), *args],
        input=text,
        catch_exceptions=False,
    )


def answers(path: Path) -> dict[str, object]:
    data = parse_yaml(path).data
    return {k: v for k, v in data["answers"].items() if v is not None}


def test_create_fill_in_and_score(tmp_path: Path) -> None:
    path = tmp_path / "corniche.yaml"
    result = assess(
        path,
        *DETAILS,
        "yes",  # intake.personal_data
        "x",  # not an option: explained, asked again
        "3 # faces at the gates",  # P1: e (biometric)
        "c ; Traffic Department ; 2027-03-01",  # P1-M1 committed
        "1",  # P2: a
        "1,2",  # P3: plan, enforce
        "9x9",  # out of range: asked again
        "2x3",  # R1
        "i",  # R1-M1 implemented
        "",  # R1-M2 skipped
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(f"Created {path} (policy mini 1.0.0).\n")
    assert "Project id [corniche]: DAM-2026-010\n" in out
    assert "[0/4] intake.personal_data - Intake\n" in out
    assert "[1/5] P1 - Privacy\n" in out  # P1 applies once personal data is yes
    assert "'x' is not an option; type 1-4 / a, c, e, u\n" in out
    assert "type likelihood x impact, e.g. 3x4 (likelihood 1-5, impact 1-5)\n" in out
    assert "All applicable questions are answered.\n" in out
    assert "Verdict so far: HIGH_RISK_WITH_CONDITIONS - High risk\n" in out
    assert out.endswith(f"Saved {path}. Score it with: hawkama score {path}\n")
    data = parse_yaml(path).data
    assert data["project"]["id"] == "DAM-2026-010"
    assert data["project"]["governorate"] == "Damietta"
    assert data["answers"] == {
        "intake.personal_data": "yes",
        "P1": {"value": "e", "note": "faces at the gates"},
        "P2": "a",
        "P3": ["plan", "enforce"],
        "R1": "2x3",
    }
    assert data["mitigations"] == {
        "P1-M1": {"status": "committed", "owner": "Traffic Department", "due": dt.date(2027, 3, 1)},
        "R1-M1": {"status": "implemented"},
    }
    score = CliRunner().invoke(cli, ["score", str(path), "--policy", str(MINI)])
    assert score.exit_code == 0, score.output
    assert "HIGH_RISK_WITH_CONDITIONS" in score.output


def test_piped_answers_that_run_out_leave_a_resumable_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    first = assess(path, *DETAILS, "yes", "1")  # then EOF: like `q`
    assert first.exit_code == 0
    assert first.output.endswith(f"Saved {path}. Continue with: hawkama assess {path}\n")
    assert answers(path) == {"intake.personal_data": "yes", "P1": "a"}
    second = assess(path, "2", "q")  # no project questions: it resumes
    assert "Project id" not in second.output
    assert "Resuming at P2.\n" in second.output
    assert answers(path) == {"intake.personal_data": "yes", "P1": "a", "P2": "d"}


def test_skip_back_help_and_verdict(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    result = assess(
        path,
        *DETAILS,
        "no",  # intake: P1 no longer applies
        "?",
        "!",
        "",  # P2 skipped
        "<",  # from P3 back to P2
        "<",  # back to the intake question
        "yes",  # now P1 applies and comes next
        "2",  # P1: c
        "",  # P1-M1: skip
        "q",
    )
    out = result.output
    assert "Help: P2\n" in out
    assert "  - Guidelines on DPIA (WP248 rev.01), Article 29 Working Party, 2017\n" in out
    assert "Verdict so far: LOW_RISK - Low risk\n  privacy: Privacy: Low (0%)\n" in out
    assert "skipped, left unanswered\n" in out
    assert out.count("P2 - Privacy") == 3  # skipped, back to it, and after P1 again
    assert "current answer: no\n" in out
    assert answers(path) == {"intake.personal_data": "yes", "P1": "c"}
    assert parse_yaml(path).data["mitigations"] == {}


def test_back_from_the_first_question(tmp_path: Path) -> None:
    result = assess(tmp_path / "a.yaml", *DETAILS, "<", "q")
    assert "this is the first question\n" in result.output


def test_review_keeps_with_enter_and_changes_what_is_typed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(MINI / "low.yaml", path)
    before = path.read_text(encoding="utf-8")
    result = assess(path, *[""] * 8, "", "", "", "", "", "", "", "", args=("--review",))
    assert result.exit_code == 0
    assert "Review: Enter keeps each answer, - clears it.\n" in result.output
    assert path.read_text(encoding="utf-8") == before  # Enter everywhere changes nothing
    result = assess(
        path,
        *[""] * 8,  # project details kept
        "",  # intake kept
        "e",  # P1 changed
        "",  # P1-M1
        "-",  # P2 cleared
        "",  # P3 kept
        "q",
        args=("--review",),
    )
    assert "current answer: c\n" in result.output
    assert "answer cleared\n" in result.output
    assert answers(path) == {
        "intake.personal_data": "yes",
        "P1": "e",
        "P3": ["plan"],
        "R1": "2x3",
    }


def test_arabic_prompts(tmp_path: Path) -> None:
    result = assess(tmp_path / "a.yaml", *DETAILS, "نعم", "٩", "q", args=("--lang", "ar"))
    out = result.output
    assert "بيانات المشروع." in out
    assert "هل يعالج المشروع بيانات شخصية؟\n" in out
    assert "  3) e: بيومترية\n" in out
    assert "'9' ليس خيارًا" in out
    assert "حُفظ" in out


def test_comments_of_a_hand_written_file_survive(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(DATA / "questionnaire" / "commented.yaml", path)
    result = assess(path, "1", "", "a", "q")  # resumes at P1 (answers exist: no details)
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "# P1 is still open: waiting for the camera spec.\n  P1: a\n" in text
    assert "  id: DAM-HAND-1   # assigned by the registry\n" in text
    assert answers(path)["P2"] == "a"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("hawkama: 1\npolicy: {id: mini, version: 1.0.0}\nproject: {id: X}\n", "title"),
        (
            "hawkama: 1\npolicy: {id: mini, version: 1.0.0}\nproject: {id: X, title: x}\n"
            "answers:\n  P1: z\n",
            "a.yaml:5:7: answers.P1: 'z' is not an option of P1",
        ),
        (
            "hawkama: 1\npolicy: {id: mini, version: 9.0.0}\nproject: {id: X, title: x}\n",
            "answered against mini 9.0.0",
        ),
        ("answers: [\n", "a.yaml:2:1: not valid YAML"),
    ],
)
def test_a_bad_file_is_a_located_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["assess", str(path), "--policy", str(MINI)], input="q\n")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert path.read_text(encoding="utf-8") == content


def test_a_complete_file_points_to_review(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(MINI / "low.yaml", path)
    result = assess(path)
    assert f"Nothing left to answer. To change answers: hawkama assess {path} --review\n" in (
        result.output
    )
    assert "All applicable questions are answered.\n" in result.output

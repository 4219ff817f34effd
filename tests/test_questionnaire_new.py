"""`hawkama new`: a skeleton that validates as it stands and says everything needed to fill it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.yamlio import parse_yaml
from tests.conftest import MINI, ROOT


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_skeleton_lists_every_question_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "assessments" / "corniche-sensors.yaml"
    code, stdout, _ = invoke("new", "--policy", str(MINI), "-o", str(out))
    assert code == 0, stdout
    assert stdout == f"Wrote {out} (policy mini 1.0.0, 5 questions)\n"
    text = out.read_text(encoding="utf-8")
    data = parse_yaml(out).data
    assert data["policy"] == {"id": "mini", "version": "1.0.0"}
    assert data["project"]["id"] == "corniche-sensors"
    assert data["project"]["title"] == "Corniche sensors"
    assert list(data["answers"]) == ["intake.personal_data", "P1", "P2", "P3", "R1"]
    assert all(v is None for v in data["answers"].values())
    for expected in [
        "  # P1: Most sensitive data?\n",
        "  #   applies when: intake.personal_data == 'yes'\n",
        "  #     e  Biometric\n",
        "  #     n  Not applicable\n",  # no "(not applicable)" twice
        "  #   answer: a list of option ids, e.g. [a, b]\n",
        "  #   answer: likelihood x impact, e.g. 3x4 (1-5 x 1-5)\n",
        "  #     R1-M2  Breach plan\n",
        "mitigations: {}\n",
    ]:
        assert expected in text
    code, stdout, stderr = invoke("validate", "--policy", str(MINI), str(out))
    assert code == 0, stderr
    assert "0/4 applicable questions answered; incomplete: 4 required unanswered" in stdout


def test_skeleton_of_the_shipped_policy_in_arabic_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the default policy is found without ./rubrics
    code, stdout, stderr = invoke("new", "-o", "2026.yaml", "--lang", "ar")
    assert code == 0, stderr
    text = Path("2026.yaml").read_text(encoding="utf-8")
    assert "id: smart-city" in text
    assert 'id: "2026"' in text  # quoted: a bare 2026 would read as a number
    assert "# ==== بيانات أولية ====" in text
    assert "الخيارات:" in text
    code, stdout, stderr = invoke("validate", "2026.yaml")
    assert code == 0, stderr
    assert "incomplete" in stdout


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    out.write_text("keep me", encoding="utf-8")
    code, _, stderr = invoke("new", "--policy", str(MINI), "-o", str(out))
    assert code == 2
    assert stderr == f"Error: {out} already exists; pass --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "keep me"
    code, _, _ = invoke("new", "--policy", str(MINI), "-o", str(out), "--force")
    assert code == 0
    assert "hawkama: 1" in out.read_text(encoding="utf-8")


def test_policy_by_id(tmp_path: Path) -> None:
    code, stdout, stderr = invoke("new", "--policy", "smart-city", "-o", str(tmp_path / "a.yaml"))
    assert code == 0, stderr
    assert "policy smart-city" in stdout


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (
            "no-such-policy",
            "'--policy': 'no-such-policy' is neither a file or folder nor the id of a policy",
        ),
        (str(ROOT / "tests" / "data" / "mini" / "privacy.yaml"), "expected a policy file"),
    ],
)
def test_bad_policy_is_a_clear_error(tmp_path: Path, policy: str, message: str) -> None:
    code, _, stderr = invoke("new", "--policy", policy, "-o", str(tmp_path / "a.yaml"))
    assert code == 2
    assert message in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "a.yaml").exists()


@pytest.mark.parametrize("name", ["new", "assess"])
def test_help_has_an_example(name: str) -> None:
    code, stdout, _ = invoke(name, "--help")
    assert code == 0
    assert "Example:" in stdout

"""Cross-file checks when a policy is loaded: located errors for everything that cannot work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hawkama.errors import InputError
from hawkama.policy.load import load_policy_set
from tests.conftest import MINI


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    for f in MINI.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(folder: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_policy_set(folder / "policy.yaml")
    return [str(p) for p in info.value.problems]


def test_mini_policy_loads() -> None:
    ps = load_policy_set(MINI)
    assert list(ps.questions) == ["intake.personal_data", "P1", "P2", "P3", "R1"]
    assert ps.plan.index(("q", "intake.personal_data")) < ps.plan.index(("q", "P1"))
    assert ps.plan.index(("v", "criteria")) < ps.plan.index(("f", "DPIA_NEEDED"))
    assert ps.plan.index(("f", "SOCIAL_SCORING")) < ps.plan.index(("fl", "prohibit"))


def test_typo_in_condition_is_located(mini: Path) -> None:
    edit(
        mini / "privacy.yaml",
        "when: \"intake.personal_data == 'yes'\"",
        "when: \"intake.personal_data == 'yse'\"",
    )
    [msg] = errors(mini)
    assert msg.startswith(f"{mini / 'privacy.yaml'}:12:36:")
    assert (
        "questions[0].when: intake.personal_data has no option 'yse'; did you mean 'yes'? (allowed: yes, no)"
        in msg
    )


def test_unknown_source_is_located(mini: Path) -> None:
    edit(mini / "privacy.yaml", "sources: [wp248]\n  - id: P3", "sources: [wp249]\n  - id: P3")
    [msg] = errors(mini)
    assert "questions[1].sources[0]: source 'wp249' is not defined" in msg


def test_duplicate_question_across_rubrics(mini: Path) -> None:
    text = (
        (mini / "privacy.yaml")
        .read_text(encoding="utf-8")
        .replace("id: privacy\n", "id: privacy2\n", 1)
    )
    (mini / "privacy2.yaml").write_text(text, encoding="utf-8")
    edit(mini / "policy.yaml", "rubrics: [privacy.yaml]", "rubrics: [privacy.yaml, privacy2.yaml]")
    msgs = errors(mini)
    assert any(
        "privacy2.yaml:9:9:" in m and "question id 'P1' is used twice in this policy" in m
        for m in msgs
    )


def test_duplicate_question_in_a_rubric(mini: Path) -> None:
    edit(mini / "privacy.yaml", "  - id: P2\n", "  - id: P1\n")
    [msg] = errors(mini)
    assert msg.endswith("privacy.yaml:1:1: question ids must be unique; repeated: P1")


def test_missing_rubric_file(mini: Path) -> None:
    (mini / "privacy.yaml").unlink()
    [msg] = errors(mini)
    assert "rubrics[0]: rubric file 'privacy.yaml' not found next to the policy" in msg


def test_cycle_is_reported(mini: Path) -> None:
    edit(
        mini / "privacy.yaml",
        '{id: criteria, expr: "count([P1 in',
        '{id: criteria, expr: "worst_risk + count([P1 in',
    )
    edit(
        mini / "privacy.yaml",
        '{id: worst_risk, expr: "residual(R1)"}',
        '{id: worst_risk, expr: "criteria"}',
    )
    [msg] = errors(mini)
    assert "circular definitions: v:criteria -> v:worst_risk -> v:criteria" in msg


def test_last_verdict_must_be_unconditional(mini: Path) -> None:
    edit(mini / "policy.yaml", '    when: "true"', "    when: \"flags('block') == 0\"")
    [msg] = errors(mini)
    assert "policy.yaml:15:3: verdicts: the last verdict rule must be `when: 'true'`" in msg


def test_all_expression_errors_at_once(mini: Path) -> None:
    edit(mini / "privacy.yaml", "when: \"P1 == 'e'\"", "when: \"P1 == 'q'\"")
    edit(mini / "privacy.yaml", "when: \"'social' in P3\"", "when: \"'sociale' in P3\"")
    msgs = errors(mini)
    assert len(msgs) == 2

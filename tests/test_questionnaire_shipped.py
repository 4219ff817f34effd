"""The shipped smart-city policy end to end: create, answer every applicable question, score.

The answers are chosen by reading each question as it is shown (its id in the heading),
as a person would, so the test follows whatever applicability the rubrics define.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.policy.find import shipped_rubrics
from hawkama.policy.load import load_policy_set
from hawkama.questionnaire import session
from hawkama.yamlio import parse_yaml

HEADING = re.compile(r"^\[\d+/\d+\] (\S+) - ")


def test_shipped_policy_create_fill_in_and_score(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ps = load_policy_set(shipped_rubrics() / "smart-city.yaml")
    said: list[str] = []
    current: list[str] = []
    asked: list[str] = []
    committed: list[str] = []

    def say(line: str) -> None:
        said.append(line)
        m = HEADING.match(line)
        if m:
            current[:] = [m[1]]

    def ask(prompt: str) -> str:
        if not current:  # project details
            return "ALX-2026-100" if prompt.startswith("Project id") else ""
        if prompt.startswith("Status"):
            committed.append(current[0])
            return "c" if len(committed) <= 3 else ""  # a few: each save rewrites the file
        qid = current[0]
        asked.append(qid)
        q = ps.questions[qid].question
        if q.type in ("single", "yesno"):
            plain = [o for o in q.effective_options if not (o.unknown or o.na)]
            return plain[len(asked) % len(plain)].id
        return {
            "multiple": "1",
            "risk": "2x3",
            "scale": str(q.scale.min if q.scale else 0),
            "number": "10",
            "date": "2026-05-01",
            "text": "as described in the proposal",
        }[q.type]

    path = tmp_path / "alx.yaml"
    session.run(path, None, "en", False, ask, say)
    assert len(asked) == len(set(asked)) > 20  # each applicable question asked once
    data = parse_yaml(path).data
    assert data["policy"]["id"] == "smart-city"
    assert data["project"]["id"] == "ALX-2026-100"
    assert list(data["answers"]) == list(ps.questions)  # the skeleton's order is kept
    assert data["mitigations"]
    result = CliRunner().invoke(cli, ["score", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"required_missing": []' in result.output
    validate = CliRunner().invoke(cli, ["validate", str(path)])
    assert validate.exit_code == 0, validate.stderr
    assert "incomplete" not in validate.stdout

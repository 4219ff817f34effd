"""Assessment checks against the policy: answers the engine could not work with are refused."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.importers.aia_answers import AiaDocument
from hawkama.models.assessment import RiskRating
from hawkama.policy.checks import answer_checks
from hawkama.policy.load import load_policy_set
from tests.conftest import MINI, ROOT
from tests.test_policy_load import edit


def test_number_answers_stay_within_the_evaluation_bounds(tmp_path: Path) -> None:
    # Issue #12, item 1: every number an expression reads stays within -1e15..1e15.
    for f in MINI.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    edit(
        tmp_path / "policy.yaml",
        "intake:\n",
        "intake:\n  - id: budget\n    type: number\n"
        "    text: {en: Budget?, ar: الميزانية؟}\n    sources: [pdpl]\n",
    )
    answers = tmp_path / "low.yaml"
    for value, ok in (("999999999999999", True), ("10000000000000000", False), (".inf", False)):
        answers.write_text(
            (MINI / "low.yaml").read_text(encoding="utf-8") + f"  intake.budget: {value}\n",
            encoding="utf-8",
        )
        result = CliRunner().invoke(cli, ["score", "--policy", str(tmp_path), str(answers)])
        assert result.exit_code == (0 if ok else 2), result.output
        if not ok:
            assert (
                f"{answers}:10:18: answers.intake.budget: intake.budget takes a number from "
                "-1e+15 to 1e+15, got"
            ) in result.stderr


# --- the per-policy answer checks (issue #18): a value passed as fine has no problem ---

CHECKED_POLICIES = [
    ROOT / "rubrics" / "smart-city.yaml",
    ROOT / "rubrics" / "aia-canada" / "v1.0.1" / "policy.yaml",
    MINI / "policy.yaml",
]


def _candidates(options: tuple[str, ...]) -> list[object]:
    values: list[object] = [
        None, True, False, 0, 1, 3, 4, 5, 11, -1, 2**70, 0.5, 1e15, 1e16, float("nan"),
        float("inf"), "", "x", "yes", "no", "item1-9", "item2-0", "3x4",
        dt.date(2026, 1, 31), dt.datetime(2026, 1, 31, 10, 0), [], ["x"], [1], {"a": 1},
        RiskRating(likelihood=3, impact=4), RiskRating(likelihood=5, impact=5),
        RiskRating(likelihood=6, impact=2), RiskRating(likelihood=10, impact=10),
    ]  # fmt: skip
    values += list(options)
    values += [list(options[:2]), list(options[:1]) * 2, [*options[:1], "zz"], [options[:1]]]
    return values


@pytest.mark.parametrize("policy", CHECKED_POLICIES, ids=lambda p: p.parent.name)
def test_fine_answers_have_no_problems(policy: Path) -> None:
    ps = load_policy_set(policy)
    aia = AiaDocument(policy, {}, None, "")
    checks = answer_checks(ps)
    assert checks is answer_checks(ps)  # worked out once per policy
    passed = 0
    for qid, check in checks.items():
        assert check.options == tuple(ps.questions[qid].options)
        for value in _candidates(check.options):
            if isinstance(value, str) and (check.texts is None or value in check.texts):
                assert check.fine(value), (qid, value)  # the loop's shortcut passes no more
            if not check.fine(value):
                continue
            passed += 1
            assert check.problems(check.question, check.options, value) == [], (qid, value)
            assert aia.answer_problem(qid, check.type, check.options, value) is None
    assert passed > len(checks)

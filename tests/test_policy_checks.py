"""Assessment checks against the policy: answers the engine could not work with are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from hawkama.cli import cli
from tests.conftest import MINI
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

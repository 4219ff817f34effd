"""The question-type registry: every type has one entry, and each behaves through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import get_args

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.expr.types import nullable, question_type
from hawkama.models.question_types import CHOICE_TYPES, QUESTION_TYPES
from hawkama.models.rubric import QuestionType
from hawkama.policy.load import load_policy_set
from tests.conftest import MINI
from tests.test_policy_load import edit

# The mini policy has single (P1), multiple (P3), yesno (intake.personal_data) and risk
# (R1); these add the types it lacks, as intake questions.
EXTRA = """intake:
  - id: level
    type: scale
    scale: {min: 1, max: 5}
    text: {en: Level?, ar: المستوى؟}
  - id: budget
    type: number
    text: {en: Budget?, ar: الميزانية؟}
  - id: notes
    type: text
    required: false
    text: {en: Notes?, ar: ملاحظات؟}
  - id: start
    type: date
    text: {en: Start?, ar: البداية؟}
"""

GOOD = {
    "intake.personal_data": "yes",
    "P1": "c",
    "P2": "d",
    "P3": "[plan, enforce]",
    "R1": "2x3",
    "intake.level": "3",
    "intake.budget": "1200",
    "intake.notes": "two sensors",
    "intake.start": "2027-03-01",
}

# One bad value per type, and the located message `validate`/`score` gives for it.
BAD = {
    "single": ("P1", "z", "'z' is not an option of P1 (allowed: a, c, e, u)"),
    "multiple": ("P3", "[plan, plan]", "P3: an option is ticked twice"),
    "yesno": (
        "intake.personal_data",
        "maybe",
        "'maybe' is not an option of intake.personal_data (allowed: yes, no)",
    ),
    "scale": ("intake.level", "9", "intake.level takes a whole number from 1 to 5, got 9"),
    "number": ("intake.budget", "lots", "intake.budget takes a number, got 'lots'"),
    "text": ("intake.notes", "5", "intake.notes takes text, got 5"),
    "date": ("intake.start", "soon", "intake.start takes a date (YYYY-MM-DD), got 'soon'"),
    "risk": ("R1", "6x2", "R1: likelihood must be 1-5 and impact 1-5, got 6x2"),
}


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    for f in MINI.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    edit(tmp_path / "policy.yaml", "intake:\n", EXTRA)
    return tmp_path


def _assessment(folder: Path, answers: dict[str, str]) -> Path:
    path = folder / "answers.yaml"
    head = (MINI / "low.yaml").read_text(encoding="utf-8").split("answers:")[0]
    body = "".join(f"  {qid}: {value}\n" for qid, value in answers.items())
    path.write_text(head + "answers:\n" + body, encoding="utf-8")
    return path


def test_every_type_of_the_model_has_one_entry() -> None:
    assert set(QUESTION_TYPES) == set(get_args(QuestionType))
    assert all(name == kind.name for name, kind in QUESTION_TYPES.items())
    assert set(BAD) == set(QUESTION_TYPES)  # the CLI tests below cover every type
    assert set(CHOICE_TYPES) == {"single", "multiple", "yesno"}


def test_the_expression_type_follows_the_entry() -> None:
    for name, kind in QUESTION_TYPES.items():
        t = question_type(name)
        assert nullable(t)
        assert ("list" in t.kinds) == (kind.reads_as == "text_list")
        if kind.value_range is not None:
            assert (t.lo, t.hi) == kind.value_range


@pytest.mark.parametrize("qtype", sorted(BAD))
def test_a_bad_answer_is_refused_with_the_types_message(
    policy: Path, runner: CliRunner, qtype: str
) -> None:
    qid, value, message = BAD[qtype]
    path = _assessment(policy, {**GOOD, qid: value})
    line = 1 + path.read_text(encoding="utf-8").splitlines().index(f"  {qid}: {value}")
    result = runner.invoke(
        cli, ["score", "--policy", str(policy), str(path)], catch_exceptions=False
    )
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}:{len(qid) + 5}: answers.{qid}: {message}" in result.stderr
    assert "Traceback" not in result.output


def test_each_type_scores_as_its_entry_says(policy: Path, runner: CliRunner) -> None:
    path = _assessment(policy, GOOD)
    result = runner.invoke(
        cli,
        ["score", "--policy", str(policy), str(path), "--format", "json", "--detail"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    records = {q["id"]: q for q in json.loads(result.stdout)[0]["questions"]}
    ps = load_policy_set(policy / "policy.yaml")
    seen = set()
    for qid, qd in ps.questions.items():
        q, record = qd.question, records[qid]
        kind = QUESTION_TYPES[q.type]
        seen.add(q.type)
        assert record["type"] == q.type
        assert record["max_weight"] == kind.max_weight(q) == qd.max_weight
        if kind.scoring == "choice":
            assert record["inherent"] == qd.options[record["options"][0]].weight
        elif kind.scoring == "multiple":
            ticked = [qd.options[o].weight for o in record["options"]]
            assert len(ticked) == 2
            assert record["inherent"] == (sum(ticked) if q.combine == "sum" else max(ticked))
        elif kind.scoring == "risk":
            assert record["inherent"] == record["likelihood"][0] * record["impact"][0] > 0
        elif kind.scoring == "scale":
            assert record["inherent"] == record["value"] == int(GOOD[qid])
        else:
            assert kind.scoring == "unscored"
            assert record["answered"] and record["inherent"] == record["max_weight"] == 0
    assert seen == set(QUESTION_TYPES)


def test_max_weight_of_a_scale_and_a_risk_comes_from_their_limits(policy: Path) -> None:
    ps = load_policy_set(policy / "policy.yaml")
    assert ps.questions["intake.level"].max_weight == 5
    assert ps.questions["R1"].max_weight == 5 * 5  # the default 5x5 matrix


DONT_KNOW = (
    "    options: [{id: u, text: {en: Don't know, ar: لا أعرف}, weight: 20, unknown: true}]\n"
)
BREACH = "    text: {en: Data breach, ar: اختراق البيانات}\n"


def test_a_risk_question_may_offer_dont_know(policy: Path, runner: CliRunner) -> None:
    edit(policy / "privacy.yaml", BREACH, BREACH + DONT_KNOW)
    path = _assessment(policy, {**GOOD, "R1": "u"})
    with path.open("a", encoding="utf-8") as f:
        f.write("mitigations:\n  R1-M1: {status: implemented}\n")
    args = ["score", "--policy", str(policy), str(path), "--format", "json", "--detail"]
    result = runner.invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    record = next(q for q in json.loads(result.stdout)[0]["questions"] if q["id"] == "R1")
    weight = load_policy_set(policy / "policy.yaml").questions["R1"].options["u"].weight
    assert record["options"] == ["u"] and record["unknown"]
    # Counted at the option's weight and never lowered, like a choice's "don't know".
    assert record["inherent"] == record["residual"] == weight > 0
    assert record["likelihood"] is None and record["mitigations"] == []
    explained = runner.invoke(
        cli, ["explain", "--policy", str(policy), str(path), "--question", "R1"]
    )
    assert "u (Don't know)" in explained.output and "'don't know'" in explained.output

    path = _assessment(policy, {**GOOD, "R1": "later"})
    result = runner.invoke(cli, ["score", "--policy", str(policy), str(path)])
    assert result.exit_code == 2
    assert "(likelihood 1-5, impact 1-5, or 'u' for don't know), got 'later'" in result.stderr


def test_a_risk_question_takes_no_other_option(policy: Path, runner: CliRunner) -> None:
    edit(policy / "privacy.yaml", BREACH, BREACH + DONT_KNOW.replace(", unknown: true", ""))
    result = runner.invoke(cli, ["validate", str(policy / "privacy.yaml")])
    assert result.exit_code == 2
    assert "a 'risk' question takes one option at most, its 'don't know'" in result.output


def test_the_questionnaire_reads_dont_know_for_a_risk(policy: Path) -> None:
    from hawkama.questionnaire.flow import Invalid, parse_value

    edit(policy / "privacy.yaml", BREACH, BREACH + DONT_KNOW)
    qd = load_policy_set(policy / "policy.yaml").questions["R1"]
    assert [parse_value(qd, typed, "en") for typed in ("u", "1", "don't know", "2x3")] == [
        "u",
        "u",
        "u",
        "2x3",
    ]
    assert isinstance(parse_value(qd, "6x1", "en"), Invalid)

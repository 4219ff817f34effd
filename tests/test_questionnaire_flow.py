"""The questionnaire's pure rules: what a typed line means, which question comes next."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hawkama.engine.evaluate import evaluate
from hawkama.models.assessment import Assessment
from hawkama.policy.compiled import PolicySet
from hawkama.policy.load import load_policy_set
from hawkama.questionnaire import details, flow
from tests.conftest import MINI


@pytest.fixture(scope="module")
def ps() -> PolicySet:
    return load_policy_set(MINI)


def assessment(ps: PolicySet, answers: dict[str, Any]) -> Assessment:
    return Assessment.model_validate(
        {
            "hawkama": 1,
            "policy": {"id": ps.id, "version": ps.version},
            "project": {"id": "T-1", "title": "t"},
            "answers": answers,
        }
    )


@pytest.mark.parametrize(
    ("qid", "line", "expected"),
    [
        ("P1", "2", flow.Answered("c")),
        ("P1", "c", flow.Answered("c")),
        ("P1", "C", flow.Answered("c")),
        ("P1", "biometric", flow.Answered("e")),  # the option's text
        ("P1", "u", flow.Answered("u")),
        ("P1", "dk", flow.Answered("u")),
        ("P1", "don't know", flow.Answered("u")),
        ("P1", "لا أعرف", flow.Answered("u")),
        ("P1", "٢", flow.Answered("c")),  # Arabic-Indic digit
        ("P1", "2 # only at the gates", flow.Answered("c", "only at the gates")),
        ("P1", "2 #", flow.Answered("c", "")),
        ("P1", "# a note", flow.NoteOnly("a note")),
        ("P2", "n", flow.Answered("n")),  # an option id wins over the yes/no shortcut
        ("P3", "1,3", flow.Answered(["plan", "social"])),
        ("P3", "plan enforce", flow.Answered(["plan", "enforce"])),
        ("P3", "١،٢", flow.Answered(["plan", "enforce"])),
        ("P3", "2", flow.Answered(["enforce"])),
        ("R1", "3x4", flow.Answered("3x4")),
        ("R1", "3 X 4", flow.Answered("3x4")),
        ("R1", "3×4", flow.Answered("3x4")),
        ("intake.personal_data", "y", flow.Answered("yes")),
        ("intake.personal_data", "No", flow.Answered("no")),
        ("intake.personal_data", "نعم", flow.Answered("yes")),
        ("P1", "", "keep"),
        ("P1", "  ", "keep"),
        ("P1", "-", "clear"),
        ("P1", "?", "help"),
        ("P1", "؟", "help"),
        ("P1", "<", "back"),
        ("P1", "!", "verdict"),
        ("P1", "q", "quit"),
        ("P1", "Q", "quit"),
    ],
)
def test_read_reply(ps: PolicySet, qid: str, line: str, expected: object) -> None:
    assert flow.read_reply(ps.questions[qid], line, "en") == expected


@pytest.mark.parametrize(
    ("qid", "line", "message"),
    [
        ("P1", "9", "'9' is not an option; type 1-4 / a, c, e, u"),
        ("P1", "x", "'x' is not an option"),
        ("P1", "1,2", "choose one option only"),
        ("P3", "1,1", "'plan' is chosen twice"),
        ("P3", "1,x", "'x' is not an option"),
        ("P3", "u", 'no "don\'t know" option'),
        ("R1", "6x1", "likelihood 1-5, impact 1-5"),
        ("R1", "0x1", "type likelihood x impact"),
        ("R1", "high", "type likelihood x impact"),
    ],
)
def test_bad_replies_say_what_is_allowed(ps: PolicySet, qid: str, line: str, message: str) -> None:
    reply = flow.read_reply(ps.questions[qid], line, "en")
    assert isinstance(reply, flow.Invalid)
    assert message in reply.message


def test_bad_reply_in_arabic(ps: PolicySet) -> None:
    reply = flow.read_reply(ps.questions["R1"], "9x9", "ar")
    assert isinstance(reply, flow.Invalid)
    assert "الاحتمال" in reply.message


def test_other_types() -> None:
    from hawkama.models.rubric import Question
    from hawkama.policy.compiled import QuestionDef

    def qd(**q: Any) -> QuestionDef:
        question = Question.model_validate({"id": "X", "text": {"en": "x"}, **q})
        opts = {o.id: o for o in question.effective_options}
        return QuestionDef(question, "d", None, opts, 0, [])

    scale = qd(type="scale", scale={"min": 1, "max": 5})
    assert flow.parse_value(scale, "3", "en") == 3
    assert isinstance(flow.parse_value(scale, "6", "en"), flow.Invalid)
    number = qd(type="number")
    assert flow.parse_value(number, "12", "en") == 12
    assert flow.parse_value(number, "3.5", "en") == 3.5
    assert isinstance(flow.parse_value(number, "nan", "en"), flow.Invalid)
    date = qd(type="date")
    assert flow.parse_value(date, "2027-03-01", "en") == dt.date(2027, 3, 1)
    assert isinstance(flow.parse_value(date, "2027-02-30", "en"), flow.Invalid)
    assert isinstance(flow.parse_value(date, "20270301", "en"), flow.Invalid)
    text = qd(type="text")
    # Free text keeps Arabic digits and commas as typed.
    assert flow.read_reply(text, "الطريق ١، البوابة", "en") == flow.Answered("الطريق ١، البوابة")
    yesno = qd(type="yesno")
    assert flow.parse_value(yesno, "1", "en") == "yes"
    numeric_ids = qd(
        type="single",
        options=[{"id": "0", "text": {"en": "zero"}}, {"id": "1", "text": {"en": "one"}}],
    )
    # When option ids are numbers, a number is an id, never a position.
    assert flow.parse_value(numeric_ids, "0", "en") == "0"
    other = qd(type="single", allow_other=True, options=[{"id": "a", "text": {"en": "A"}}])
    assert flow.parse_value(other, "something else", "en") == "something else"


def test_next_question_follows_applicability(ps: PolicySet) -> None:
    empty = evaluate(ps, assessment(ps, {}))
    # P1 applies only once intake.personal_data is yes.
    assert flow.next_open(empty) == "intake.personal_data"
    assert flow.next_open(empty, "intake.personal_data") == "P2"
    yes = evaluate(ps, assessment(ps, {"intake.personal_data": "yes"}))
    assert flow.next_open(yes) == "P1"
    assert flow.next_open(yes, "intake.personal_data") == "P1"
    some = evaluate(ps, assessment(ps, {"intake.personal_data": "yes", "P2": "a"}))
    assert flow.next_open(some, "P1") == "P3"  # P2 is answered
    assert flow.next_applicable(some, "P1") == "P2"  # --review visits it
    assert flow.previous_applicable(some, "P3") == "P2"
    assert flow.previous_applicable(some, "intake.personal_data") is None
    no = evaluate(ps, assessment(ps, {"intake.personal_data": "no"}))
    assert flow.previous_applicable(no, "P2") == "intake.personal_data"  # P1 is skipped
    assert flow.progress(some) == (2, 5)
    done = evaluate(
        ps,
        assessment(ps, {"intake.personal_data": "no", "P2": "a", "P3": ["plan"], "R1": "1x1"}),
    )
    assert flow.next_open(done) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("c", details.Commitment("committed")),
        ("C", details.Commitment("committed")),
        ("i ; Traffic Department", details.Commitment("implemented", "Traffic Department")),
        ("p;;2027-03-01", details.Commitment("proposed", None, dt.date(2027, 3, 1))),
        (
            "c ؛ إدارة المرور ؛ ٢٠٢٧-٠٣-٠١",
            details.Commitment("committed", "إدارة المرور", dt.date(2027, 3, 1)),
        ),
        ("ملتزم به", details.Commitment("committed")),
        ("n", details.Commitment("not_planned")),
        ("", "keep"),
        ("q", "quit"),
    ],
)
def test_read_commitment(line: str, expected: object) -> None:
    assert details.read_commitment(line, "en") == expected


@pytest.mark.parametrize("line", ["x", "c ; a ; tomorrow", "c;a;2027-01-01;more"])
def test_bad_commitment(line: str) -> None:
    assert isinstance(details.read_commitment(line, "en"), flow.Invalid)


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("my-project", "my-project"),
        ("DAM-2026-004", "DAM-2026-004"),
        ("مشروع", "project"),
        ("a b c", "a-b-c"),
        ("-x-", "x"),
        ("x" * 100, "x" * 80),
    ],
)
def test_default_project_id(stem: str, expected: str) -> None:
    assert details.default_project_id(stem) == expected
    assert details.PROJECT_ID.match(expected)

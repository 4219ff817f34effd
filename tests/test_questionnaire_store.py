"""Writing answers: what is written reads back identically, and hand-written comments survive."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from hawkama.errors import InputError
from hawkama.policy.load import load_policy_set
from hawkama.questionnaire.details import Commitment
from hawkama.questionnaire.store import AssessmentFile, reads_back, scalar
from hawkama.yamlio import parse_yaml
from tests.conftest import DATA, MINI

HAND = DATA / "questionnaire" / "commented.yaml"
ORDER = list(load_policy_set(MINI).questions)


@pytest.fixture
def hand(tmp_path: Path) -> AssessmentFile:
    path = tmp_path / "a.yaml"
    shutil.copy(HAND, path)
    return AssessmentFile.load(path)


# Strings that YAML 1.1 or 1.2 readers would turn into something else when written plain.
TRICKY = [
    "yes",
    "no",
    "on",
    "off",
    "y",
    "null",
    "~",
    "true",
    "1:20",
    "012",
    "0o17",
    "1_000",
    "3.0",
    "1e3",
    ".inf",
    "2026-01-01",
    "# not a comment",
    "a: b",
    "a #b",
    " padded ",
    "- item",
    "[x]",
    "{x}",
    "@home",
    "`tick`",
    "*star",
    "&anchor",
    "!tag",
    "%pct",
    "'quoted'",
    '"double"',
    "line\nbreak",
    "tab\there",
    "بيانات شخصية: نعم",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_notes_and_texts_read_back_identically(hand: AssessmentFile, text: str) -> None:
    hand.set_answer("P1", "c", note=text, order=ORDER)
    hand.set_project("summary", text)
    data = parse_yaml(hand.path).data
    assert data["project"]["summary"] == text
    expected = {"value": "c", "note": text} if text else "c"
    assert data["answers"]["P1"] == expected


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
def test_any_string_reads_back(text: str) -> None:
    out = io.StringIO()
    YAML(typ="rt").dump(CommentedMap([("v", scalar(text))]), out)
    assert parse_yaml(Path("x.yaml"), out.getvalue()).data == {"v": text}


def test_plain_when_it_reads_back() -> None:
    assert reads_back("Damietta Governorate, Traffic Department")
    assert not reads_back("yes: no")


def test_values_of_every_type_read_back(hand: AssessmentFile) -> None:
    hand.set_answer("intake.personal_data", "no", order=ORDER)
    hand.set_answer("P2", "n", order=ORDER)
    hand.set_answer("P3", ["plan", "social"], order=ORDER)
    hand.set_answer("R1", "3x4", order=ORDER)
    hand.set_commitment("R1-M2", Commitment("committed", "No one", dt.date(2027, 3, 1)))
    text = hand.path.read_text(encoding="utf-8")
    assert "intake.personal_data: no\n" in text  # YAML 1.2: no quotes needed
    assert "P2: n\n" in text
    assert "value: [plan, social]" in text
    assert "R1: 3x4\n" in text
    assert "due: 2027-03-01" in text
    data = parse_yaml(hand.path).data
    assert data["answers"]["intake.personal_data"] == "no"
    assert data["answers"]["P3"]["value"] == ["plan", "social"]
    assert data["mitigations"]["R1-M2"] == {
        "status": "committed",
        "owner": "No one",
        "due": dt.date(2027, 3, 1),
    }
    assert hand.assessment.answers["R1"].value is not None


def test_comments_and_untouched_text_survive(hand: AssessmentFile) -> None:
    before = HAND.read_text(encoding="utf-8")
    hand.set_answer("P1", "e", note="from the camera spec", order=ORDER)
    hand.set_answer("P2", "a", order=ORDER)
    hand.set_commitment("P1-M1", Commitment("committed"), ["P1-M1", "R1-M1", "R1-M2"])
    after = hand.path.read_text(encoding="utf-8")
    for line in before.splitlines():
        if line.strip() and not line.startswith("mitigations"):
            assert line in after, line
    # Answers are kept in policy order: P1 and P2 go before P3.
    keys = [k for k in parse_yaml(hand.path).data["answers"]]
    assert keys == ["intake.personal_data", "P1", "P2", "P3"]
    assert after.index("P1-M1:") < after.index("R1-M1:")


def test_rewriting_without_change_keeps_the_file_byte_for_byte(hand: AssessmentFile) -> None:
    hand.save()
    assert hand.path.read_text(encoding="utf-8") == HAND.read_text(encoding="utf-8")


def test_clearing_keeps_note_and_evidence(hand: AssessmentFile) -> None:
    hand.clear_answer("P3")
    answer = parse_yaml(hand.path).data["answers"]["P3"]
    assert "value" not in answer
    assert answer["note"] == "planning only, says the traffic department"
    assert hand.assessment.answers["P3"].value is None
    hand.set_answer("P3", ["enforce"], order=ORDER)
    answer = parse_yaml(hand.path).data["answers"]["P3"]
    assert answer["value"] == ["enforce"]
    assert answer["evidence"] == [{"path": "evidence/letter.pdf"}]


def test_not_planned_is_recorded_and_none_removes(hand: AssessmentFile) -> None:
    hand.set_commitment("R1-M2", Commitment("proposed"))
    hand.set_commitment("R1-M1", Commitment("not_planned"))
    assert parse_yaml(hand.path).data["mitigations"]["R1-M1"]["status"] == "not_planned"
    hand.set_commitment("R1-M1", None)
    assert list(parse_yaml(hand.path).data["mitigations"]) == ["R1-M2"]
    assert "# Nothing committed yet." in hand.path.read_text(encoding="utf-8")
    hand.set_commitment("R1-M2", None)  # the last one: the mapping empties
    assert parse_yaml(hand.path).data["mitigations"] == {}
    assert "# Review to follow." in hand.path.read_text(encoding="utf-8")


def test_a_file_without_answers_gets_them_in_place(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(
        "hawkama: 1\npolicy: {id: mini, version: 1.0.0}\nproject: {id: B, title: b}\n"
        "review:\n  decision: defer\n",
        encoding="utf-8",
    )
    f = AssessmentFile.load(path)
    f.set_answer("P2", "a", order=ORDER)
    f.set_answer("intake.personal_data", "yes", order=ORDER)
    f.set_project("governorate", "Qena")
    data = parse_yaml(path).data
    assert list(data) == ["hawkama", "policy", "project", "answers", "review"]
    assert list(data["answers"]) == ["intake.personal_data", "P2"]
    assert data["project"] == {"id": "B", "title": "b", "governorate": "Qena"}


def test_an_edit_made_meanwhile_is_not_overwritten(hand: AssessmentFile) -> None:
    edited = hand.path.read_text(encoding="utf-8") + "# edited in another window\n"
    hand.path.write_text(edited, encoding="utf-8")
    with pytest.raises(InputError, match="changed by another program"):
        hand.set_answer("P1", "a", order=ORDER)
    assert hand.path.read_text(encoding="utf-8") == edited

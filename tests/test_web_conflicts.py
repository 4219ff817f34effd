"""Two people, one file: a stale save is a conflict page, never a silent overwrite."""

from __future__ import annotations

from pathlib import Path

from hawkama.questionnaire.store import AssessmentFile
from tests.test_web_proposer import form_of, new_desk, proposer_client
from tests.web_support import cli_ok


def test_same_question_saved_twice_from_stale_pages_is_a_conflict(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    alice, bob = proposer_client(desk), proposer_client(desk)
    stale = form_of(bob, "intake", "intake.C-02")
    assert (
        alice.post(
            "/p/q/intake.C-02", data={**form_of(alice, "intake", "intake.C-02"), "value": "health"}
        ).status_code
        == 303
    )
    saved = path.read_bytes()
    r = bob.post("/p/q/intake.C-02", data={**stale, "value": "water", "note": "pumps"})
    assert r.status_code == 409
    assert "Someone else changed this answer" in r.text
    theirs, mine = r.text.split("The answer in the file now")[1].split("Your answer (not saved)")
    assert "Health" in theirs and "Water" in mine.split("<form")[0] and "pumps" in mine
    assert path.read_bytes() == saved, "nothing of the stale save was written"
    # The conflict page carries the new version: saving from it is a decision, and it saves.
    again = form_of_conflict(r.text)
    r = bob.post("/p/q/intake.C-02", data={**again, "value": "water"})
    assert r.status_code == 303
    assert AssessmentFile.load(path).assessment.answers["intake.C-02"].value == "water"


def form_of_conflict(html: str) -> dict[str, str]:
    import re

    fields = dict(re.findall(r'name="(csrf|version|base)" value="([^"]+)"', html))
    assert set(fields) == {"csrf", "version", "base"}
    return fields


def test_different_questions_from_stale_pages_both_land(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    alice, bob = proposer_client(desk), proposer_client(desk)
    stale = form_of(bob, "intake", "intake.C-01")
    alice.post(
        "/p/q/intake.C-02", data={**form_of(alice, "intake", "intake.C-02"), "value": "health"}
    )
    r = bob.post("/p/q/intake.C-01", data={**stale, "value": "ai"})
    assert r.status_code == 303
    answers = AssessmentFile.load(path).assessment.answers
    assert (answers["intake.C-01"].value, answers["intake.C-02"].value) == ("ai", "health")


def test_a_change_made_with_hawkama_assess_meanwhile_is_a_conflict(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    c = proposer_client(desk)
    stale = form_of(c, "intake", "intake.C-01")
    cli_ok("assess", str(path), input="\n" * 8 + "rules\nq\n")
    after_cli = path.read_bytes()
    r = c.post("/p/q/intake.C-01", data={**stale, "value": "ai"})
    assert r.status_code == 409
    assert path.read_bytes() == after_cli
    assert AssessmentFile.load(path).assessment.answers["intake.C-01"].value == "rules"

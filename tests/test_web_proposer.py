"""The proposer's questionnaire through TestClient: the same engine, store and messages as assess."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hawkama.engine.evaluate import evaluate
from hawkama.questionnaire.flow import parse_value
from hawkama.questionnaire.skeleton import resolve_policy
from hawkama.questionnaire.store import AssessmentFile
from tests.web_support import cli_ok, client, csrf, invite_link, make_desk

_HIDDEN = re.compile(
    r'<form method="post" action="/p/q/([^"]+)".*?name="version" value="([0-9a-f]+)".*?name="base" value="([0-9a-f]+)"',
    re.S,
)


def new_desk(tmp_path: Path) -> tuple[Path, Path]:
    """A desk with one empty assessment (project id new-project) and the samples."""
    desk = make_desk(tmp_path)
    path = desk / "new-project.yaml"
    cli_ok("new", "-o", str(path))
    return desk, path


def proposer_client(desk: Path, project: str = "new-project", lang: str = "en") -> TestClient:
    c = client(desk, lang=lang)
    assert c.get(invite_link(desk, project)).status_code == 303
    return c


def form_of(c: TestClient, section: str, qid: str) -> dict[str, str]:
    page = c.get(f"/p/s/{section}").text
    for found, version, base in _HIDDEN.findall(page):
        if found == qid:
            return {"csrf": csrf(page), "version": version, "base": base}
    raise AssertionError(f"{qid} is not on /p/s/{section}")


def answer(c: TestClient, section: str, qid: str, **fields: str | list[str]) -> object:
    return c.post(f"/p/q/{qid}", data={**form_of(c, section, qid), **fields})


def test_sections_show_only_questions_that_apply(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    c = proposer_client(desk)
    assert "PRV-01" in c.get("/p/s/privacy").text
    r = answer(c, "intake", "intake.C-04", value="no", note="no personal data at all")
    assert (r.status_code, r.headers["location"]) == (303, "/p/s/intake#q-intake.C-04")
    # Re-evaluated with the engine: the privacy questions no longer apply.
    ps = resolve_policy(None)
    result = evaluate(ps, AssessmentFile.load(path).assessment)
    shown = c.get("/p/s/privacy")
    for q in result.questions:
        if q.dimension == "privacy":
            assert (f'id="q-{q.id}"' in shown.text) == q.applies, q.id
    text = path.read_text()
    assert "intake.C-04:\n    value: no\n    note: no personal data at all" in text
    assert text.startswith("# "), "the skeleton's comments are kept"


def test_answer_saved_like_assess_writes_it(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    c = proposer_client(desk)
    answer(c, "risk", "RSK-01", likelihood="3", impact="4")
    answer(c, "intake", "intake.C-02", value="mobility")
    a = AssessmentFile.load(path).assessment
    assert a.answers["RSK-01"].value is not None
    assert (a.answers["RSK-01"].value.likelihood, a.answers["RSK-01"].value.impact) == (3, 4)  # type: ignore[union-attr]
    assert a.answers["intake.C-02"].value == "mobility"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_bad_answer_comes_back_beside_the_field_with_the_cli_message(
    tmp_path: Path, lang: str
) -> None:
    desk, path = new_desk(tmp_path)
    c = proposer_client(desk, lang=lang)
    before = path.read_bytes()
    r = answer(c, "risk", "RSK-01", likelihood="9", impact="9")
    assert r.status_code == 422
    qd = resolve_policy(None).questions["RSK-01"]
    message = parse_value(qd, "9x9", lang)
    assert f'id="err-RSK-01-value" role="alert">{message.message}</p>' in r.text  # type: ignore[union-attr]
    assert 'aria-invalid="true"' in r.text
    assert path.read_bytes() == before, "nothing saved"


def test_option_not_offered_is_refused(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    c = proposer_client(desk)
    before = path.read_bytes()
    r = answer(c, "intake", "intake.C-02", value="submarines")
    assert r.status_code == 422 and "err-intake.C-02-value" in r.text
    assert path.read_bytes() == before


def test_mitigation_commitments_are_recorded(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    c = proposer_client(desk)
    answer(c, "ethics", "ETH-01", value="b")
    page = c.get("/p/s/ethics").text
    assert 'name="m-ETH-01-M1-status"' in page
    r = answer(
        c,
        "ethics",
        "ETH-01",
        value="b",
        mitigations="1",
        **{
            "m-ETH-01-M1-status": "committed",
            "m-ETH-01-M1-owner": "Traffic Department",
            "m-ETH-01-M1-due": "2027-03-01",
            "m-ETH-01-M2-status": "",
        },
    )
    assert r.status_code == 303
    m = AssessmentFile.load(path).assessment.mitigations["ETH-01-M1"]
    assert (m.status, m.owner, str(m.due)) == ("committed", "Traffic Department", "2027-03-01")
    r = answer(
        c,
        "ethics",
        "ETH-01",
        value="b",
        mitigations="1",
        **{"m-ETH-01-M1-status": "committed", "m-ETH-01-M1-due": "2027-02-30"},
    )
    assert r.status_code == 422 and "err-ETH-01-m-ETH-01-M1-due" in r.text


def test_a_question_that_does_not_apply_cannot_be_answered(tmp_path: Path) -> None:
    desk, _ = new_desk(tmp_path)
    c = proposer_client(desk)
    answer(c, "intake", "intake.C-04", value="no")
    token = csrf(c.get("/p").text)
    assert c.post("/p/q/PRV-01", data={"csrf": token, "value": "a"}).status_code == 404
    assert c.post("/p/q/..%2f..%2fetc", data={"csrf": token}).status_code == 404


def test_proposer_reaches_only_their_file(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    other = desk / "dam-2026-004-smart-parking.yaml"
    before = other.read_bytes()
    c = proposer_client(desk)
    answer(c, "intake", "intake.C-02", value="health")
    assert AssessmentFile.load(path).assessment.answers["intake.C-02"].value == "health"
    assert other.read_bytes() == before
    assert "DAM-2026-004" not in c.get("/p").text
    assert client(desk).get("/p").status_code == 403, "no invitation, no questionnaire"


def test_submit_needs_required_answers_then_locks(tmp_path: Path) -> None:
    desk, _ = new_desk(tmp_path)
    c = proposer_client(desk)
    token = csrf(c.get("/p").text)
    r = c.post("/p/submit", data={"csrf": token})
    assert r.status_code == 422 and "Answer every required question first" in r.text
    # The sample DAM-2026-004 is complete: its proposer can submit it.
    c = proposer_client(desk, "DAM-2026-004")
    token = csrf(c.get("/p").text)
    assert c.post("/p/submit", data={"csrf": token}).status_code == 303
    assert "Submitted for review on" in c.get("/p").text
    before = (desk / "dam-2026-004-smart-parking.yaml").read_bytes()
    r = c.post("/p/q/intake.C-02", data={"csrf": token, "value": "health"})
    assert r.status_code == 409
    assert (desk / "dam-2026-004-smart-parking.yaml").read_bytes() == before


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_upload_is_stored_as_validate_expects(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    c = proposer_client(desk)
    answer(c, "ethics", "ETH-01", value="b")
    token = csrf(c.get("/p/s/ethics").text)
    r = c.post(
        "/p/evidence/ETH-01",
        data={"csrf": token},
        files={"file": ("../../etc/dpia.pdf", _pdf(), "application/pdf")},
    )
    assert r.status_code == 303, r.text
    [e] = AssessmentFile.load(path).assessment.answers["ETH-01"].evidence
    assert e.path and re.fullmatch(r"evidence/new-project/[0-9a-f]{64}\.pdf", e.path)
    assert e.title == "dpia.pdf"
    assert (path.parent / e.path).read_bytes() == _pdf()
    cli_ok("validate", "--check-evidence", str(path))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 not a pdf", "This kind of file is not accepted"),
        ("empty.pdf", b"", "Choose a file to upload."),
    ],
)
def test_evidence_type_is_checked_by_content(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    desk, path = new_desk(tmp_path)
    c = proposer_client(desk)
    answer(c, "ethics", "ETH-01", value="b")
    before = path.read_bytes()
    token = csrf(c.get("/p/s/ethics").text)
    r = c.post(
        "/p/evidence/ETH-01", data={"csrf": token}, files={"file": (name, data, "application/pdf")}
    )
    assert r.status_code == 422 and message in r.text
    assert path.read_bytes() == before
    assert not (path.parent / "evidence").exists()


def test_pages_in_both_languages(tmp_path: Path) -> None:
    desk, _ = new_desk(tmp_path)
    for lang, direction in (("en", "ltr"), ("ar", "rtl")):
        c = proposer_client(desk, lang=lang)
        for url in ("/p", "/p/s/intake", "/p/s/risk"):
            r = c.get(url)
            assert r.status_code == 200
            assert f'<html lang="{lang}" dir="{direction}">' in r.text
    assert "التقدّم" in c.get("/p").text


def test_same_answers_as_assess(tmp_path: Path) -> None:
    """The YAML the desk writes is the YAML `hawkama assess` writes for the same answers."""
    desk, path = new_desk(tmp_path)
    twin = tmp_path / "cli" / "new-project.yaml"
    twin.parent.mkdir()
    cli_ok("new", "-o", str(twin))
    fields = "\n" * 8  # the project's details: Enter keeps each
    cli_ok("assess", str(twin), input=fields + "ai\nmobility # parking only\nq\n")
    c = proposer_client(desk)
    answer(c, "intake", "intake.C-01", value="ai")
    answer(c, "intake", "intake.C-02", value="mobility", note="parking only")
    assert path.read_text() == twin.read_text().replace(str(twin.parent), str(desk))

"""The committee's desk through Starlette's TestClient: portfolio, project, review, history,
send back, reports; roles and access."""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hawkama.committee.portfolio import assemble
from hawkama.committee.portfolio_io import gather
from hawkama.engine.explain import explain
from hawkama.policy.decision import expected_decision
from hawkama.service import score_files
from hawkama.web import submissions
from tests.conftest import DATA
from tests.web_support import NOW, cli_ok, client, csrf, invite_link, make_desk, sign_in

DAM = "DAM-2026-004"
QEN = "QEN-2026-002"
DAM_FILE = "dam-2026-004-smart-parking.yaml"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return make_desk(tmp_path)


def signed(folder: Path, name: str = "mona", lang: str = "en") -> TestClient:
    c = client(folder, lang=lang)
    sign_in(c, name)
    return c


def audit_lines(folder: Path) -> list[dict[str, str]]:
    text = (folder / ".hawkama" / "audit.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_portfolio_has_the_figures_of_hawkama_portfolio(
    desk: Path, lang: str, direction: str
) -> None:
    r = signed(desk, lang=lang).get("/desk")
    assert r.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in r.text
    found = gather([desk / DAM_FILE, desk / "qen-2026-002-cash-transfer-eligibility.yaml"])
    p = assemble(found.rows, [found.dimensions], NOW.date())
    for row in p.rows:
        assert f'data-project="{row.project_id}"' in r.text
        assert row.verdict_label[lang] in r.text
    for d in p.dimensions:
        assert d.title[lang] in r.text  # a heat-map column per dimension
    assert 'id="heat-map"' in r.text


def test_portfolio_filters_by_verdict_and_overdue(desk: Path) -> None:
    c = signed(desk)
    dam = score_files([desk / DAM_FILE])[0].result.verdict.id
    page = c.get("/desk", params={"verdict": dam}).text
    assert f'data-project="{DAM}"' in page
    qen = score_files([desk / "qen-2026-002-cash-transfer-eligibility.yaml"])[0]
    if qen.result.verdict.id != dam:
        assert f'data-project="{QEN}"' not in page
    overdue = c.get("/desk", params={"overdue": "1"}).text
    found = gather(sorted(desk.glob("*.yaml")), today=NOW.date())
    for row in found.rows:
        assert (f'data-project="{row.project_id}"' in overdue) == (row.overdue > 0)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_project_page_shows_verdict_bands_flags_and_reasons(desk: Path, lang: str) -> None:
    r = signed(desk, lang=lang).get(f"/desk/p/{DAM}")
    assert r.status_code == 200
    s = score_files([desk / DAM_FILE])[0]
    assert s.result.verdict.id in r.text
    for f in s.result.flags:
        assert f.code in r.text
    for d in s.result.dimensions:
        if d.residual_band:
            assert d.residual_band.label[lang] in r.text
    first = explain(s.policy, s.result, lang=lang).splitlines()[2]
    assert first.split(":")[0] in r.text


@pytest.mark.parametrize("page", ["review", "history"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_project_page_in_both_languages(desk: Path, page: str, lang: str) -> None:
    r = signed(desk, lang=lang).get(f"/desk/p/{DAM}/{page}")
    assert r.status_code == 200
    assert f'<html lang="{lang}"' in r.text


def _review_form(c: TestClient, **fields: str) -> dict[str, str]:
    page = c.get(f"/desk/p/{DAM}/review").text
    version = page.split('name="version" value="')[1].split('"')[0]
    return {"csrf": csrf(page), "version": version, **fields}


def test_chair_records_the_review_through_the_review_code(desk: Path) -> None:
    c = signed(desk)
    s = score_files([desk / DAM_FILE])[0]
    usual = expected_decision(s.policy, s.result.verdict.id)
    assert usual is not None
    flag = s.result.flags[0].code if s.result.flags else ""
    before = (desk / DAM_FILE).read_bytes()
    data = _review_form(
        c,
        reviewers="Mona Adel|chair|Damietta Governorate\nSami Nour",
        conflicts="none",
        decision=usual,
        justification="",
        conditions=f"Publish the retention schedule|{flag}|IT unit|2026-06-30",
        decided="",
    )
    r = c.post(f"/desk/p/{DAM}/review", data=data)
    assert r.status_code == 303, r.text
    review = score_files([desk / DAM_FILE])[0].assessment.review
    assert review is not None
    assert review.decision == usual and review.decided == NOW.date()
    assert [x.name for x in review.reviewers] == ["Mona Adel", "Sami Nour"]
    assert review.conditions[0].owner == "IT unit"
    cli_ok("validate", str(desk / DAM_FILE))  # validate accepts what the desk wrote
    after = (desk / DAM_FILE).read_bytes()
    assert after.startswith(before.split(b"\nreview:")[0])  # only the review block changed
    entry = audit_lines(desk)[-1]
    assert entry["who"] == "user:mona" and entry["file"] == DAM_FILE
    assert entry["sha256_before"] != entry["sha256_after"]
    page = c.get(f"/desk/p/{DAM}?saved=review").text
    assert "The review was saved" in page and "Mona Adel" in page


def _unchanged_after(c: TestClient, desk: Path, status: int, **fields: str) -> str:
    before = (desk / DAM_FILE).read_bytes()
    r = c.post(f"/desk/p/{DAM}/review", data=_review_form(c, **fields))
    assert r.status_code == status, r.text
    assert (desk / DAM_FILE).read_bytes() == before
    return r.text


def test_departure_without_justification_is_refused_beside_the_field(desk: Path) -> None:
    c = signed(desk)
    s = score_files([desk / DAM_FILE])[0]
    other = next(
        d
        for d in ("approve", "reject", "defer", "approve_with_conditions")
        if d != expected_decision(s.policy, s.result.verdict.id)
    )
    page = _unchanged_after(c, desk, 422, decision=other, justification="")
    assert 'id="justification-error"' in page
    assert "a written justification is required" in page  # the CLI's message
    assert 'aria-describedby="justification-error"' in page


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"conditions": "Fix it|NO_SUCH_FLAG"}, "conditions", "is neither a flag raised"),
        ({"conditions": "a|b|c|d|e"}, "conditions", "should be"),
        ({"decided": "30/06/2026"}, "decided", "is not a date; write YYYY-MM-DD"),
        ({"reviewers": "A|b|c|d"}, "reviewers", "should be"),
        ({"decision": "maybe"}, "decision", "is not a decision"),
    ],
)
def test_bad_review_input_gives_the_form_back(
    desk: Path, fields: dict[str, str], field: str, words: str
) -> None:
    page = _unchanged_after(signed(desk), desk, 422, **fields)
    assert f'id="{field}-error"' in page and words in page


def test_stale_form_is_a_conflict_and_saves_nothing(desk: Path) -> None:
    c = signed(desk)
    data = _review_form(c, conflicts="none")
    cli_ok("review", str(desk / DAM_FILE), "--conflicts", "declared by the CLI")
    before = (desk / DAM_FILE).read_bytes()
    r = c.post(f"/desk/p/{DAM}/review", data=data)
    assert r.status_code == 409 and 'id="stale"' in r.text
    assert "declared by the CLI" in r.text  # the form shows the file as it is now
    assert (desk / DAM_FILE).read_bytes() == before


def test_member_may_not_decide(desk: Path) -> None:
    c = signed(desk, "sami")
    assert 'select id="decision"' not in c.get(f"/desk/p/{DAM}/review").text
    data = _review_form(c, decision="approve", justification="x")
    before = (desk / DAM_FILE).read_bytes()
    assert c.post(f"/desk/p/{DAM}/review", data=data).status_code == 403
    assert (desk / DAM_FILE).read_bytes() == before
    r = c.post(f"/desk/p/{DAM}/review", data=_review_form(c, reviewers="Sami Nour|member"))
    assert r.status_code == 303  # the rest of the record is every member's


def test_member_may_not_issue_a_report(desk: Path) -> None:
    c = signed(desk, "sami")
    page = c.get(f"/desk/p/{DAM}").text
    assert 'id="issue-report"' not in page
    r = c.post(f"/desk/p/{DAM}/report", data={"csrf": csrf(page), "lang": "en"})
    assert r.status_code == 403
    assert not (desk / "reports").exists()


def test_forms_need_the_csrf_token(desk: Path) -> None:
    c = signed(desk)
    data = _review_form(c, conflicts="none") | {"csrf": "forged"}
    assert c.post(f"/desk/p/{DAM}/review", data=data).status_code == 403


def test_history_shows_diffs_words(tmp_path: Path) -> None:
    from hawkama.committee.sources import diff_with_previous

    folder = make_desk(tmp_path, DAM_FILE)
    target = folder / "qen.yaml"
    env = {
        **os.environ,
        **{f"GIT_{who}_{what}": "t" for who in ("AUTHOR", "COMMITTER") for what in ("NAME",)},
        **{f"GIT_{who}_EMAIL": "t@example.org" for who in ("AUTHOR", "COMMITTER")},
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=folder, check=True, env=env, capture_output=True)

    shutil.copy(DATA / "committee" / "qen-v1.yaml", target)
    git("init", "-q")
    git("add", "qen.yaml")
    git("commit", "-qm", "Version one")
    shutil.copy(DATA / "committee" / "qen-v2.yaml", target)
    git("commit", "-qam", "Version two")
    words = diff_with_previous(target, rev="HEAD~1")
    assert words.changes  # the two versions differ in their answers
    cli_ok("review", str(target), "--conflicts", "none")  # not committed
    pid = score_files([target])[0].assessment.project.id
    page = signed(folder).get(f"/desk/p/{pid}/history").text
    assert "Version one" in page and "Version two" in page
    assert "Changes not yet committed" in page and "First version of the file." in page
    assert html.escape(words.explanation) in page
    for change in words.changes:
        assert html.escape(change.words()) in page


def test_send_back_unlocks_the_proposer(desk: Path) -> None:
    submissions.submit(desk, DAM, DAM_FILE, "invite:x", "0" * 64, NOW)
    assert submissions.is_locked(desk, DAM)
    member = signed(desk, "sami")
    page = member.get(f"/desk/p/{DAM}").text
    r = member.post(f"/desk/p/{DAM}/send-back", data={"csrf": csrf(page), "comment": "x"})
    assert r.status_code == 403
    c = signed(desk)
    page = c.get(f"/desk/p/{DAM}").text
    assert 'action="/desk/p/DAM-2026-004/send-back"' in page
    r = c.post(f"/desk/p/{DAM}/send-back", data={"csrf": csrf(page), "comment": " "})
    assert r.status_code == 422 and 'id="comment-error"' in r.text
    assert submissions.is_locked(desk, DAM)
    r = c.post(
        f"/desk/p/{DAM}/send-back", data={"csrf": csrf(page), "comment": "Answer PRV-09 again"}
    )
    assert r.status_code == 303
    assert not submissions.is_locked(desk, DAM)
    sub = submissions.current(desk, DAM)
    assert sub is not None and sub.comment == "Answer PRV-09 again" and sub.returned_by == "mona"
    assert audit_lines(desk)[-1]["what"] == "sent back to the proposer"
    r = c.post(f"/desk/p/{DAM}/send-back", data={"csrf": csrf(page), "comment": "again"})
    assert r.status_code == 409


def test_chair_issues_the_report_in_the_background(desk: Path) -> None:
    from pypdf import PdfReader

    from hawkama.report.register import NAME

    c = signed(desk)
    page = c.get(f"/desk/p/{DAM}").text
    r = c.post(f"/desk/p/{DAM}/report", data={"csrf": csrf(page), "lang": "en"})
    assert (r.status_code, r.headers["location"]) == (303, f"/desk/p/{DAM}/report/en")
    c.app.state.reports.wait(120)  # type: ignore[attr-defined]
    status = c.get(f"/desk/p/{DAM}/report/en").text
    assert 'data-state="done"' in status, status
    pdf = c.get(f"/desk/p/{DAM}/report/en/pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    target = desk / "reports" / f"{DAM}.pdf"
    assert pdf.content == target.read_bytes()
    out = desk / "downloaded.pdf"
    out.write_bytes(pdf.content)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert DAM in text
    register = [json.loads(x) for x in (desk / "reports" / NAME).read_text().splitlines()]
    assert register[-1]["project_id"] == DAM and register[-1]["file"] == f"{DAM}.pdf"
    cli_ok("verify", str(target), "--register", str(desk / "reports" / NAME))
    assert audit_lines(desk)[-1]["what"].startswith("report ")


def test_report_pages_before_any_report(desk: Path) -> None:
    c = signed(desk)
    assert c.get(f"/desk/p/{DAM}/report/en").status_code == 404
    assert c.get(f"/desk/p/{DAM}/report/en/pdf").status_code == 404
    assert c.get(f"/desk/p/{DAM}/report/xx").status_code == 404


@pytest.mark.parametrize(
    "url", ["/desk", f"/desk/p/{DAM}", f"/desk/p/{QEN}/review", f"/desk/p/{DAM}/history"]
)
def test_proposer_and_anonymous_cannot_read_the_desk(desk: Path, url: str) -> None:
    anonymous = client(desk)
    assert anonymous.get(url).headers["location"].startswith("/login")
    proposer = client(desk)
    assert proposer.get(invite_link(desk, DAM)).status_code == 303
    r = proposer.get(url)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


@pytest.mark.parametrize("pid", ["..%2F..%2Fetc%2Fpasswd", "%2E%2E", "outside", "NOPE-1", DAM_FILE])
def test_no_path_outside_the_folder(desk: Path, tmp_path: Path, pid: str) -> None:
    outside = tmp_path / "outside.yaml"
    text = (desk / DAM_FILE).read_text("utf-8").replace(DAM, "OUTSIDE-1")
    outside.write_text(text, "utf-8")
    (desk / "linked.yaml").symlink_to(outside)
    c = signed(desk)
    assert c.get(f"/desk/p/{pid}").status_code == 404
    assert c.get("/desk/p/OUTSIDE-1").status_code == 404
    assert "OUTSIDE-1" not in c.get("/desk").text


def test_start_page_links_to_the_desk(desk: Path) -> None:
    assert 'href="/desk"' in signed(desk).get("/").text


def test_every_page_text_is_in_the_catalogue_in_both_languages() -> None:
    """The desk's texts live in locale/ (section web): every t('key') of a template is there."""
    import re

    from hawkama.locale import catalogue

    web = Path(__file__).resolve().parents[1] / "tool" / "hawkama" / "web"
    keys = {
        m[1]
        for path in [*web.rglob("*.j2"), *web.glob("*.py")]
        for m in re.finditer(r"\bt\(\s*[\"'](\w+)[\"']", path.read_text("utf-8"))
    }
    assert len(keys) > 60
    for lang in ("en", "ar"):
        texts = catalogue(lang)
        # A key ending in "_" is the start of keys chosen at run time (t('report_' ~ state)).
        missing = sorted(
            k
            for k in keys
            if not (
                any(n.startswith(f"web.{k}") for n in texts)
                if k.endswith("_")
                else f"web.{k}" in texts
            )
        )
        assert missing == [], (lang, missing)


@pytest.mark.parametrize(("lang", "words"), [("en", "Rendering the PDF"), ("ar", "جارٍ إنشاء")])
def test_report_progress_page_in_both_languages(desk: Path, lang: str, words: str) -> None:
    from hawkama.web.reports import Job

    c = signed(desk, lang=lang)
    c.app.state.reports.jobs[(DAM, lang)] = Job(DAM, lang, "rendering")  # type: ignore[attr-defined]
    r = c.get(f"/desk/p/{DAM}/report/{lang}")
    assert r.status_code == 200 and words in r.text
    assert '<meta http-equiv="refresh" content="1">' in r.text  # reloads itself, no script
    assert 'id="report-progress"' in r.text and 'id="download"' not in r.text
    assert c.get(f"/desk/p/{DAM}/report/{lang}/pdf").status_code == 404


def test_conditions_are_marked_met_and_stay_met(desk: Path) -> None:
    mitigation = next(iter(score_files([desk / DAM_FILE])[0].policy.mitigation_question))
    cli_ok(
        "review",
        str(desk / DAM_FILE),
        "--condition",
        f"First|{mitigation}|IT unit|2026-01-31",
        "--condition",
        f"Second|{mitigation}",
    )
    c = signed(desk)
    page = c.get(f"/desk/p/{DAM}/review").text
    assert 'name="done" value="1"' in page and 'name="done" value="2"' in page
    r = c.post(f"/desk/p/{DAM}/review", data=_review_form(c, done="1"))
    assert r.status_code == 303
    review = score_files([desk / DAM_FILE])[0].assessment.review
    assert review is not None and [x.done for x in review.conditions] == [True, False]
    # Saving the form again as shown (the met one comes ticked) keeps it met.
    page = c.get(f"/desk/p/{DAM}/review").text
    assert 'value="1" checked' in page and 'value="2" checked' not in page
    assert c.post(f"/desk/p/{DAM}/review", data=_review_form(c, done="1")).status_code == 303
    review = score_files([desk / DAM_FILE])[0].assessment.review
    assert review is not None and [x.done for x in review.conditions] == [True, False]
    page = _unchanged_after(c, desk, 422, done="7")
    assert 'id="conditions-error"' in page and "--done 7" in page

"""Headers, CSRF, body limits and the rate limiter of the web desk."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.routing import Route

from hawkama.web.security import CSP, RateLimit
from tests.web_support import client, csrf, invite_link, make_desk, sign_in


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return make_desk(tmp_path, "dam-2026-004-smart-parking.yaml")


@pytest.mark.parametrize("path", ["/login", "/", "/static/desk.css", "/no-such-page", "/lang/ar"])
def test_every_response_has_the_security_headers(desk: Path, path: str) -> None:
    r = client(desk).get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "'unsafe-inline'" not in CSP and "default-src 'self'" in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(desk: Path) -> None:
    c = client(desk)
    sign_in(c)
    for path in ("/login", "/"):
        html = c.get(path).text
        assert "<script" not in html and "<style" not in html and "style=" not in html


def test_every_post_route_checks_the_csrf_token(desk: Path) -> None:
    member = client(desk)
    sign_in(member)
    proposer = client(desk)
    proposer.get(invite_link(desk, "DAM-2026-004"))
    posts = [
        r.path
        for r in member.app.routes  # type: ignore[attr-defined]
        if isinstance(r, Route) and r.methods and "POST" in r.methods
    ]
    assert {"/login", "/logout", "/p/q/{qid}", "/p/evidence/{qid}", "/p/submit"} <= set(posts)
    for path in posts:
        c = proposer if path.startswith("/p/") else member
        url = path.replace("{qid}", "intake.C-01")
        for data in ({}, {"csrf": "forged"}):
            r = c.post(url, data=data)
            assert r.status_code == 403, path
            assert "The form has expired" in r.text
    assert member.get("/").status_code == 200, "a refused form does not sign anyone out"
    assert proposer.get("/p").status_code == 200


def test_a_token_from_another_session_is_refused(desk: Path) -> None:
    other = client(desk)
    token = csrf(other.get("/login").text)
    c = client(desk)
    c.get("/login")
    r = c.post("/login", data={"csrf": token, "name": "mona", "password": "x"})
    assert r.status_code == 403


def test_request_body_is_bounded(desk: Path) -> None:
    c = client(desk)
    token = csrf(c.get("/login").text)
    r = c.post("/login", data={"csrf": token, "name": "mona", "password": "x" * 100_000})
    assert r.status_code == 413
    # Streamed without a length: refused once the limit is passed, too.
    chunks = (b"a" * 16_384 for _ in range(10))
    r = c.post(
        "/login", content=chunks, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 413


def test_rate_limit_forgets_old_failures() -> None:
    now = [0.0]
    limit = RateLimit(attempts=2, window=60, clock=lambda: now[0])
    limit.fail("a")
    limit.fail("a")
    assert limit.blocked("a") and not limit.blocked("b")
    now[0] = 61
    assert not limit.blocked("a")
    assert limit.failures == {}


def test_proposer_cannot_open_committee_pages(desk: Path) -> None:
    c = client(desk)
    c.get(invite_link(desk, "DAM-2026-004"))
    r = c.get("/")
    assert r.headers["location"] == "/p"
    assert c.get("/login").status_code == 200  # may sign in as a member, which ends the invitation

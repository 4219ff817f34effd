"""The desk's common pages through Starlette's TestClient: sign-in, language, invitations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hawkama.web.security import RateLimit
from tests.web_support import NOW, PASSWORD, client, csrf, invite_link, make_desk, sign_in


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return make_desk(tmp_path)


@pytest.mark.parametrize(
    ("lang", "direction", "title"),
    [("en", "ltr", "Committee sign-in"), ("ar", "rtl", "دخول أعضاء اللجنة")],
)
def test_login_page_in_both_languages(desk: Path, lang: str, direction: str, title: str) -> None:
    r = client(desk, lang=lang).get("/login")
    assert r.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in r.text
    assert f"<h1>{title}</h1>" in r.text
    assert 'id="lang-switch"' in r.text


def test_language_switch_keeps_the_page(desk: Path) -> None:
    c = client(desk, lang="en")
    r = c.get("/lang/ar?next=/login")
    assert (r.status_code, r.headers["location"]) == (303, "/login")
    page = c.get("/login").text
    assert '<html lang="ar" dir="rtl">' in page
    assert 'href="/lang/en?next=/login"' in page


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_language_switch_never_leaves_the_site(desk: Path, target: str) -> None:
    r = client(desk).get("/lang/ar", params={"next": target})
    assert r.headers["location"] == "/"


def test_unknown_language_is_not_found(desk: Path) -> None:
    assert client(desk).get("/lang/xx").status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(desk: Path) -> None:
    r = client(desk).get("/")
    assert (r.status_code, r.headers["location"]) == (303, "/login")


def test_sign_in_lists_the_projects_and_is_audited(desk: Path) -> None:
    c = client(desk)
    sign_in(c)
    r = c.get("/")
    assert r.status_code == 200
    assert "DAM-2026-004" in r.text and "QEN-2026-002" in r.text
    assert "Signed in as mona (chair)" in r.text
    log = [
        json.loads(line) for line in (desk / ".hawkama" / "audit.jsonl").read_text().splitlines()
    ]
    assert log[-1] == {
        "at": NOW.isoformat(timespec="seconds"),
        "who": "user:mona",
        "what": "signed in",
    }


def test_session_cookie_is_signed_httponly_strict(desk: Path) -> None:
    c = client(desk)
    token = csrf(c.get("/login").text)
    r = c.post("/login", data={"csrf": token, "name": "mona", "password": PASSWORD})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    # A cookie changed by hand is not accepted: the visitor is anonymous again.
    value = c.cookies.get("hawkama")
    c.cookies.clear()
    assert value and c.get("/", headers={"cookie": f"hawkama={value}"}).status_code == 200
    tampered = value[:-2] + ("AA" if value[-2:] != "AA" else "BB")
    assert c.get("/", headers={"cookie": f"hawkama={tampered}"}).status_code == 303


def test_wrong_password_gives_the_form_back(desk: Path) -> None:
    c = client(desk)
    token = csrf(c.get("/login").text)
    r = c.post("/login", data={"csrf": token, "name": "mona", "password": "not the password"})
    assert r.status_code == 400
    assert "Wrong user name or password." in r.text
    assert 'value="mona"' in r.text
    assert c.get("/").status_code == 303


def test_login_attempts_are_rate_limited(desk: Path) -> None:
    c = client(desk, limiter=RateLimit(attempts=3, window=300))
    token = csrf(c.get("/login").text)
    for _ in range(3):
        r = c.post("/login", data={"csrf": token, "name": "mona", "password": "wrong wrong"})
        assert r.status_code == 400
    # Even the right password is refused until the window has passed.
    r = c.post("/login", data={"csrf": token, "name": "mona", "password": PASSWORD})
    assert r.status_code == 429
    assert "Too many failed attempts" in r.text


def test_sign_out_ends_the_cookie_for_good(desk: Path) -> None:
    c = client(desk)
    sign_in(c)
    stolen = c.cookies.get("hawkama")
    page = c.get("/").text
    r = c.post("/logout", data={"csrf": csrf(page)})
    assert (r.status_code, r.headers["location"]) == (303, "/login")
    assert c.get("/").status_code == 303
    c.cookies.clear()
    r = c.get("/", headers={"cookie": f"hawkama={stolen}"})
    assert r.status_code == 303, "a copy of the old cookie no longer signs in"


def test_sign_in_goes_back_to_the_page_asked_for(desk: Path) -> None:
    c = client(desk)
    token = csrf(c.get("/login?next=/p").text)
    r = c.post("/login?next=/", data={"csrf": token, "name": "mona", "password": PASSWORD})
    assert r.headers["location"] == "/"


def test_invitation_opens_its_project_only(desk: Path) -> None:
    c = client(desk)
    link = invite_link(desk, "DAM-2026-004")
    r = c.get(link)
    assert (r.status_code, r.headers["location"]) == (303, "/p")
    page = c.get("/p")
    assert page.status_code == 200 and "DAM-2026-004" in page.text
    assert "QEN-2026-002" not in page.text
    # A proposer is not a committee member: the start page sends them to their project.
    assert c.get("/").headers["location"] == "/p"


def test_revoked_invitation_stops_at_once(desk: Path) -> None:
    c = client(desk)
    c.get(invite_link(desk, "DAM-2026-004"))
    assert c.get("/p").status_code == 200
    from tests.web_support import cli_ok

    cli_ok("invite", "DAM-2026-004", "--dir", str(desk), "--revoke")
    assert c.get("/p").status_code == 403


@pytest.mark.parametrize("token", ["nope", "A" * 43, "A" * 42 + "="])
def test_unknown_invitation_opens_nothing(desk: Path, token: str) -> None:
    r = client(desk).get(f"/i/{token}")
    assert r.status_code == 404
    assert "This link does not open anything" in r.text


def test_expired_invitation_opens_nothing(desk: Path) -> None:
    import datetime as dt

    link = invite_link(desk, "DAM-2026-004", "--expires", "1d")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    assert client(desk, now=later).get(link).status_code == 404


def test_static_css_and_bundled_fonts_are_served(desk: Path) -> None:
    c = client(desk)
    css = c.get("/static/desk.css")
    assert css.status_code == 200 and "Hawkama Naskh" in css.text
    font = c.get("/fonts/NotoNaskhArabic-Regular.ttf")
    assert font.status_code == 200 and font.content[:4] == b"\x00\x01\x00\x00"
    assert c.get("/fonts/../../cli.py").status_code == 404
    assert c.get("/static/%2e%2e/app.py").status_code == 404

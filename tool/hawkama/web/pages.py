"""The desk's common pages: sign-in and out, the language switch, invitations, the start page."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from hawkama.web import audit
from hawkama.web.accounts import authenticate
from hawkama.web.auth import (
    checked_form,
    end_session,
    member,
    proposer,
    require_member,
    start_session,
)
from hawkama.web.invites import by_token
from hawkama.web.projects import assessment_files, relative
from hawkama.web.render import lang_of, page
from hawkama.web.text import LANGS, t


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def local_url(value: object) -> str:
    """``value`` if it is a path on this site, else "/" (no open redirect to another host)."""
    if isinstance(value, str) and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return "/"


def who_label(request: Request) -> str | None:
    lang = lang_of(request)
    m = member(request)
    if m:
        return t("signed_in_as", lang, name=m.name, role=t(f"role_{m.role}", lang))
    inv = proposer(request)
    return t("role_proposer", lang) + f" · {inv.project}" if inv else None


async def home(request: Request) -> Response:
    if proposer(request):
        return see_other("/p")
    who = member(request)
    if who is None:
        return see_other("/login")
    desk = request.app.state.desk
    projects = [
        {"id": pid, "file": relative(desk.folder, path)}
        for pid, path in sorted(assessment_files(desk.folder).items())
    ]
    return page(request, "home.html.j2", projects=projects, who=who_label(request))


async def login_form(request: Request) -> Response:
    if member(request):
        return see_other("/")
    next_url = local_url(request.query_params.get("next"))
    return page(request, "login.html.j2", error=None, name="", next_url=next_url)


async def login(request: Request) -> Response:
    desk = request.app.state.desk
    form = await checked_form(request)
    name = str(form.get("name", ""))[:64]
    password = str(form.get("password", ""))
    next_url = local_url(request.query_params.get("next"))
    keys = (f"address:{request.client.host if request.client else '-'}", f"user:{name}")
    if desk.limiter.blocked(*keys):
        return page(
            request, "login.html.j2", 429, error="login_limited", name=name, next_url=next_url
        )
    user = authenticate(desk.folder, name, password)
    if user is None:
        desk.limiter.fail(*keys)
        audit.record(desk.folder, f"user:{name}", "sign-in refused", desk.now())
        return page(
            request, "login.html.j2", 400, error="login_failed", name=name, next_url=next_url
        )
    start_session(request, user=name)
    audit.record(desk.folder, f"user:{name}", "signed in", desk.now())
    return see_other(next_url)


async def logout(request: Request) -> Response:
    await checked_form(request)
    desk = request.app.state.desk
    who = member(request)
    inv = proposer(request)
    if who or inv:
        label = f"user:{who.name}" if who else f"invite:{inv.id if inv else ''}"
        audit.record(desk.folder, label, "signed out", desk.now())
    end_session(request)
    return see_other("/login")


async def switch_language(request: Request) -> Response:
    lang = request.path_params["lang"]
    if lang not in LANGS:
        raise HTTPException(404)
    request.session["lang"] = lang
    return see_other(local_url(request.query_params.get("next")))


async def open_invitation(request: Request) -> Response:
    desk = request.app.state.desk
    inv = by_token(desk.folder, request.path_params["token"], desk.now())
    if inv is None:
        return page(
            request, "message.html.j2", 404, title="invite_invalid_title", text="invite_invalid"
        )
    start_session(request, invite=inv.id)
    audit.record(
        desk.folder, f"invite:{inv.id}", f"invitation opened for {inv.project}", desk.now()
    )
    return see_other("/p")  # the token leaves the address bar and the history


def routes() -> list[Route]:
    return [
        Route("/", home),
        Route("/login", login_form, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/lang/{lang}", switch_language),
        Route("/i/{token}", open_invitation),
    ]


__all__ = ["require_member", "routes"]

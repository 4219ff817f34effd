"""The ASGI application: `create_app(folder)` wires the routes, middleware and error pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from hawkama.policy.find import PolicyResolver
from hawkama.web import desk as committee_desk
from hawkama.web import pages, proposer
from hawkama.web.private import secret_key
from hawkama.web.render import page
from hawkama.web.security import MAX_BODY, MAX_UPLOAD_BODY, BodyLimit, RateLimit, SecurityHeaders
from hawkama.web.text import LANGS

SESSION_HOURS = 8
UPLOAD_PREFIX = "/p/evidence"  # the only place a large body is taken


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Desk:
    """What every request of one server shares: the folder, and the state kept in memory."""

    folder: Path
    lang: str
    now: Callable[[], dt.datetime] = utc_now
    limiter: RateLimit = field(default_factory=RateLimit)
    sessions: set[str] = field(default_factory=set)
    # One resolver for the server's life: each policy is loaded and compiled once.
    policies: PolicyResolver = field(default_factory=lambda: PolicyResolver(None))


def body_limit(path: str) -> int:
    return MAX_UPLOAD_BODY if path.startswith(UPLOAD_PREFIX) else MAX_BODY


async def _error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 401:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    if isinstance(exc, HTTPException) and exc.detail in ("csrf", "locked"):
        key = str(exc.detail)
    elif status == 403:
        key = "forbidden"
    else:
        key = "not_found"
    return page(request, "message.html.j2", status, title=f"{key}_title", text=key)


def default_lang(folder: Path) -> str:
    """Arabic where the policy's first language is Arabic, else English."""
    from hawkama.errors import HawkamaError
    from hawkama.questionnaire.skeleton import resolve_policy

    try:
        first = resolve_policy(None).policy.languages[0]
    except (HawkamaError, IndexError):
        return "en"
    return first if first in LANGS else "en"


def create_app(
    folder: Path,
    *,
    lang: str | None = None,
    secure_cookies: bool = False,
    now: Callable[[], dt.datetime] = utc_now,
    limiter: RateLimit | None = None,
) -> Starlette:
    """The desk serving the assessments in ``folder`` (its private files in folder/.hawkama)."""
    desk = Desk(folder, lang or default_lang(folder), now, limiter or RateLimit())
    routes: list[BaseRoute] = [
        *pages.routes(),
        *proposer.routes(),
        *committee_desk.routes(),
        Mount("/static", StaticFiles(packages=[("hawkama.web", "static")]), name="static"),
        Mount(
            "/fonts", StaticFiles(directory=str(files("hawkama.report") / "fonts")), name="fonts"
        ),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit_for=body_limit),
        Middleware(
            SessionMiddleware,
            secret_key=secret_key(folder),
            session_cookie="hawkama",
            max_age=SESSION_HOURS * 3600,
            same_site="strict",
            https_only=secure_cookies,
        ),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: _error},
    )
    app.state.desk = desk
    app.state.reports = committee_desk.Reports(folder)  # the committee's report jobs
    return app

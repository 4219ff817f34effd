"""Pages from Jinja2 templates (autoescape, StrictUndefined), in the visitor's language."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from hawkama.web.text import LANGS, direction, pick_lang, t


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("hawkama.web", "templates"),
        autoescape=True,  # every template is HTML; answers and names are untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def lang_of(request: Request) -> str:
    return pick_lang(request.session.get("lang"), request.app.state.desk.lang)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on the first page that shows a form."""
    from hawkama.web.security import new_token

    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = new_token()
        request.session["csrf"] = token
    return token


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    other = next(code for code in LANGS if code != lang)
    values: dict[str, Any] = {
        "lang": lang,
        "dir": direction(lang),
        "t": lambda key, **kw: t(key, lang, **kw),
        "csrf": csrf_token(request),
        "who": context.pop("who", None),
        "other_lang": other,
        "switch_url": f"/lang/{other}?next={quote(here, safe='/')}",
        **context,
    }
    html = environment().get_template(template).render(values)
    return HTMLResponse(html, status_code=status)

"""Who is asking: a committee member (signed in) or a proposer (through an invitation).

The session cookie is signed (itsdangerous) and carries a random session id; the server
keeps the ids it issued, so signing out ends that cookie for good, even if it was copied.
Roles and invitations are read again on every request: a revocation acts at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from hawkama.web.accounts import Role, load_users
from hawkama.web.invites import Invite, by_id
from hawkama.web.security import new_token, same_token


@dataclass(frozen=True)
class Member:
    name: str
    role: Role


def _live(request: Request) -> bool:
    sid = request.session.get("sid")
    return isinstance(sid, str) and sid in request.app.state.desk.sessions


def member(request: Request) -> Member | None:
    name = request.session.get("user")
    if not isinstance(name, str) or not _live(request):
        return None
    user = load_users(request.app.state.desk.folder).users.get(name)
    return Member(name, user.role) if user else None


def proposer(request: Request) -> Invite | None:
    invite_id = request.session.get("invite")
    if not isinstance(invite_id, str) or not _live(request):
        return None
    desk = request.app.state.desk
    return by_id(desk.folder, invite_id, desk.now())


def require_member(request: Request, *roles: Role) -> Member:
    who = member(request)
    if who is None:
        raise HTTPException(401)
    if roles and who.role not in roles:
        raise HTTPException(403)
    return who


def start_session(request: Request, **values: str) -> None:
    """A fresh session (never reuse one across sign-in: session fixation)."""
    desk = request.app.state.desk
    old = request.session.get("sid")
    if isinstance(old, str):
        desk.sessions.discard(old)
    lang = request.session.get("lang")
    request.session.clear()
    sid = new_token()
    desk.sessions.add(sid)
    request.session.update(sid=sid, csrf=new_token(), **values)
    if isinstance(lang, str):
        request.session["lang"] = lang


def end_session(request: Request) -> None:
    sid = request.session.get("sid")
    if isinstance(sid, str):
        request.app.state.desk.sessions.discard(sid)
    request.session.clear()


async def checked_form(request: Request, max_files: int = 0) -> FormData:
    """The posted form, bounded, after its CSRF token matched the session's (else 403)."""
    form = await request.form(max_files=max_files, max_fields=200, max_part_size=64 * 1024)
    if not same_token(request.session.get("csrf"), form.get("csrf")):
        raise HTTPException(403, "csrf")
    return form

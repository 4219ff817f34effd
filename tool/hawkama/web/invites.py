"""Invitations in DIR/.hawkama/invites.yaml: a link that opens one assessment and nothing else.

The token is 256 random bits from `secrets`; only its SHA-256 is stored, so a copy of the
folder does not give anyone the links. An invitation ends when it expires or is revoked;
the server checks it on every request, so a revocation takes effect at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from pathlib import Path

from pydantic import Field

from hawkama.errors import InputError, Problem
from hawkama.models.common import Strict
from hawkama.web.private import locked, private_dir, read_model, write_model

DURATION = re.compile(r"^([1-9][0-9]{0,3})([dhw])$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)


class Invite(Strict):
    id: str = Field(pattern=r"^[0-9a-f]{12}$")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    project: str
    file: str = Field(description="The assessment, relative to the desk's folder.")
    created: dt.datetime
    expires: dt.datetime
    revoked: dt.datetime | None = None

    def open_at(self, now: dt.datetime) -> bool:
        return self.revoked is None and now < self.expires


class Invites(Strict):
    invites: list[Invite] = Field(default_factory=list)


def invites_path(folder: Path) -> Path:
    return private_dir(folder) / "invites.yaml"


def parse_duration(text: str) -> dt.timedelta:
    """`30d`, `12h`, `2w`: how long an invitation stays open."""
    m = DURATION.match(text.strip())
    if not m:
        raise ValueError(
            f"{text!r} is not a duration: a whole number from 1 to 9999 and d, h or w "
            "(30d, 12h, 2w)"
        )
    unit = {"d": "days", "h": "hours", "w": "weeks"}[m[2]]
    return dt.timedelta(**{unit: int(m[1])})


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def load_invites(folder: Path) -> Invites:
    return read_model(invites_path(folder), Invites, {"invites": []})


def create(
    folder: Path, project: str, file: str, lifetime: dt.timedelta, now: dt.datetime
) -> tuple[str, Invite]:
    """A new invitation for ``project``; the token is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    invite = Invite(
        id=secrets.token_hex(6),
        sha256=token_hash(token),
        project=project,
        file=file,
        created=now,
        expires=now + lifetime,
    )
    with locked(folder):
        current = load_invites(folder)
        write_model(invites_path(folder), Invites(invites=[*current.invites, invite]))
    return token, invite


def revoke(folder: Path, project: str, now: dt.datetime) -> list[Invite]:
    """Revoke every open invitation of ``project``; the revoked ones are returned."""
    with locked(folder):
        current = load_invites(folder)
        done: list[Invite] = []
        kept: list[Invite] = []
        for inv in current.invites:
            if inv.project == project and inv.open_at(now):
                inv = inv.model_copy(update={"revoked": now})
                done.append(inv)
            kept.append(inv)
        if done:
            write_model(invites_path(folder), Invites(invites=kept))
    return done


def by_token(folder: Path, token: str, now: dt.datetime) -> Invite | None:
    """The open invitation this token belongs to, if any."""
    if not TOKEN.match(token):
        return None
    wanted = token_hash(token)
    for inv in load_invites(folder).invites:
        if hmac.compare_digest(inv.sha256, wanted) and inv.open_at(now):
            return inv
    return None


def by_id(folder: Path, invite_id: str, now: dt.datetime) -> Invite | None:
    """The open invitation with this id (what a proposer's session carries)."""
    for inv in load_invites(folder).invites:
        if inv.id == invite_id and inv.open_at(now):
            return inv
    return None


def refuse_unknown_project(folder: Path, project: str, known: list[str]) -> None:
    raise InputError(
        Problem.unlocated(
            folder,
            "",
            f"no assessment with project id {project!r} in this folder"
            + (f" (found: {', '.join(sorted(known))})" if known else ""),
        )
    )

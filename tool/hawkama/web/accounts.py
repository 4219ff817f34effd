"""Committee accounts in DIR/.hawkama/users.yaml: name, role, scrypt password hash.

Passwords are never stored: only scrypt(password, per-user salt) with its parameters,
so the cost can be raised later without invalidating old hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field

from hawkama.errors import InputError, Problem
from hawkama.models.common import Strict
from hawkama.web.private import locked, private_dir, read_model, write_model

Role = Literal["chair", "member", "secretary"]
ROLES: tuple[Role, ...] = ("chair", "member", "secretary")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # scrypt reads all of it: bound the work a login form can ask for
# scrypt cost: 2**14 x 8 takes 16 MiB and ~50 ms, OWASP's minimum for scrypt.
N, R, P = 2**14, 8, 1


class PasswordHash(Strict):
    scheme: Literal["scrypt"] = "scrypt"
    n: int = Field(ge=2**10, le=2**20)
    r: int = Field(ge=1, le=32)
    p: int = Field(ge=1, le=16)
    salt: str = Field(pattern=r"^[0-9a-f]{32,128}$")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class User(Strict):
    role: Role
    password: PasswordHash
    created: dt.datetime


class Users(Strict):
    users: dict[str, User] = Field(default_factory=dict)


def users_path(folder: Path) -> Path:
    return private_dir(folder) / "users.yaml"


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def hash_password(password: str) -> PasswordHash:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, N, R, P)
    return PasswordHash(n=N, r=R, p=P, salt=salt.hex(), hash=digest.hex())


# Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = PasswordHash(n=N, r=R, p=P, salt="00" * 16, hash="00" * 32)


def check_password(stored: PasswordHash | None, password: str) -> bool:
    if len(password) > MAX_PASSWORD:
        return False
    h = stored or _DUMMY
    digest = _scrypt(password, bytes.fromhex(h.salt), h.n, h.r, h.p)
    return hmac.compare_digest(digest.hex(), h.hash) and stored is not None


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"the password must have at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"the password must have at most {MAX_PASSWORD} characters"
    return None


def load_users(folder: Path) -> Users:
    return read_model(users_path(folder), Users, {"users": {}})


def authenticate(folder: Path, name: str, password: str) -> User | None:
    user = load_users(folder).users.get(name)
    return user if check_password(user.password if user else None, password) else None


def add_user(folder: Path, name: str, role: Role, password: str, now: dt.datetime) -> bool:
    """Add or replace (new role, new password) a user; True when the name was new."""
    path = users_path(folder)
    if not NAME.match(name):
        raise InputError(
            Problem.unlocated(
                path, "users", f"{name!r} is not a user name: letters, digits, '_', '.', '@', '-'"
            )
        )
    problem = password_problem(password)
    if problem:
        raise InputError(Problem.unlocated(path, f"users.{name}", problem))
    with locked(folder):
        users = load_users(folder)
        new = name not in users.users
        user = User(role=role, password=hash_password(password), created=now)
        write_model(path, Users(users={**users.users, name: user}))
    return new

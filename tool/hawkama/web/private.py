"""The desk's own files in DIR/.hawkama: the session secret, users, invitations, audit log.

The folder is 0700 and every file in it 0600: it holds password hashes and the key that
signs session cookies. Read-modify-write of a file happens under one advisory lock, so
`hawkama users add` or `hawkama invite` run while the server is up cannot lose an entry.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from hawkama.documents import validate_doc
from hawkama.errors import InputError, Problem
from hawkama.yamlio import dump_yaml, parse_yaml, write_atomic

PRIVATE = ".hawkama"
M = TypeVar("M", bound=BaseModel)


def private_dir(folder: Path) -> Path:
    path = folder / PRIVATE
    path.mkdir(mode=0o700, exist_ok=True)
    return path


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the desk's lock (a flock on .hawkama/lock) for one read-modify-write."""
    fd = os.open(private_dir(folder) / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def read_model(path: Path, model: type[M], empty: dict[str, Any]) -> M:
    """A private YAML file as ``model``; a missing file is ``empty``."""
    if not path.exists():
        return model.model_validate(empty)
    return validate_doc(parse_yaml(path), model)


def write_model(path: Path, value: BaseModel) -> None:
    write_atomic(path, dump_yaml(value.model_dump(mode="json")), mode=0o600)


def secret_key(folder: Path) -> str:
    """The key that signs session cookies, made on first use (O_EXCL: one key, even in a race)."""
    path = private_dir(folder) / "secret"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(100):  # another process made it a moment ago and may still be writing
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            time.sleep(0.01)
        raise InputError(
            Problem.unlocated(path, "", "is empty; delete it to make a new key")
        ) from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return path.read_text(encoding="ascii").strip()

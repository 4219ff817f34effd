"""The append-only audit log DIR/.hawkama/audit.jsonl: who, when, what, file hashes.

One JSON object a line, appended with O_APPEND in a single write and fsynced, so lines
from the server and from the CLI never interleave and a crash loses at most the line
being written. Nothing in Hawkama rewrites or truncates it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from hawkama.web.private import private_dir


def audit_path(folder: Path) -> Path:
    return private_dir(folder) / "audit.jsonl"


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256 now, None when there is no file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def record(
    folder: Path,
    who: str,
    what: str,
    now: dt.datetime,
    file: str | None = None,
    before: str | None = None,
    after: str | None = None,
) -> None:
    entry: dict[str, str] = {"at": now.isoformat(timespec="seconds"), "who": who, "what": what}
    if file is not None:
        entry |= {"file": file, "sha256_before": before or "", "sha256_after": after or ""}
    line = json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n"
    fd = os.open(audit_path(folder), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)

"""The register of issued reports: one JSON line per report, each chained to the one before.

Every line carries the SHA-256 of the line before it (``prev``; the first line carries 64
zeros), so editing or deleting a line breaks the chain at the next one. A report id names
one set of sources on one date; with its language it is registered once.

What the chain cannot show on its own: the last lines cut off, or the whole file
rewritten by someone who recomputes every hash. `hawkama register check` prints the
head (the hash of the last line) so that it can be kept elsewhere (minutes, a signed
report, an e-mail) and compared later.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from hawkama.errors import InputError, Problem

NAME = "register.jsonl"
GENESIS = "0" * 64
MAX_REGISTER_BYTES = 64 * 1024 * 1024


class Entry(BaseModel):
    """One issued report."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prev: str = GENESIS
    report_id: str
    lang: str
    project_id: str
    date: str
    file: str  # the report's file name when issued
    file_sha256: str
    assessment_hash: str
    policy_hash: str
    signer: str | None = None  # the signing certificate's subject, if signed

    @property
    def key(self) -> tuple[str, str]:
        return (self.report_id, self.lang)

    def line(self) -> bytes:
        return json.dumps(self.model_dump(), ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Register:
    path: Path
    entries: list[tuple[int, Entry]]  # (line number, entry), the lines that parse
    problems: list[Problem]
    head: str  # SHA-256 of the last line: what the next line must carry

    def find(self, report_id: str, lang: str | None = None) -> list[tuple[int, Entry]]:
        return [
            (n, e)
            for n, e in self.entries
            if e.report_id == report_id and (lang is None or e.lang == lang)
        ]


def read(path: Path) -> Register:
    """The register at ``path`` (empty if it does not exist) and every problem with it."""
    from hawkama.files import read_bounded  # refuses FIFOs and devices (issue #12)

    if not path.exists() and not path.is_symlink():
        return Register(path, [], [], GENESIS)
    raw = read_bounded(path, MAX_REGISTER_BYTES, "register")
    entries: list[tuple[int, Entry]] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    head = GENESIS
    if raw and not raw.endswith(b"\n"):
        problems.append(Problem.unlocated(path, "", "the last line is cut off (no line end)"))
    for n, line in enumerate(raw.splitlines(), start=1):
        entry = _parse(path, n, line, problems)
        if entry is not None:
            if entry.prev != head:
                problems.append(
                    Problem(
                        str(path),
                        n,
                        1,
                        "prev",
                        f"does not match the SHA-256 of line {n - 1}: a line before it was "
                        "edited or deleted"
                        if n > 1
                        else "the first line must carry 64 zeros: lines before it were deleted",
                    )
                )
            if entry.key in seen:
                problems.append(
                    Problem(
                        str(path),
                        n,
                        1,
                        "report_id",
                        f"{entry.report_id} ({entry.lang}) is already registered on line "
                        f"{seen[entry.key]}; a report id is registered once",
                    )
                )
            seen.setdefault(entry.key, n)
            entries.append((n, entry))
        head = hashlib.sha256(line).hexdigest()
    return Register(path, entries, problems, head)


def _parse(path: Path, n: int, line: bytes, problems: list[Problem]) -> Entry | None:
    try:
        data = json.loads(line)
    except ValueError as exc:
        col = getattr(exc, "colno", 1)
        problems.append(Problem(str(path), n, col, "", f"not a JSON line ({exc})"))
        return None
    try:
        return Entry.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            problems.append(Problem(str(path), n, 1, key, err["msg"]))
        return None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer at a time: two report runs must not both append after the same line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: rely on the atomic rename alone
        yield
        return
    with open(path.with_name(f".{path.name}.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def conflicts(reg: Register, new: Sequence[Entry]) -> list[Problem]:
    """Reasons not to append ``new``: a damaged register, or an id issued for another file."""
    out = list(reg.problems)
    for e in new:
        for n, old in reg.find(e.report_id, e.lang):
            if old.file_sha256 != e.file_sha256:
                out.append(
                    Problem(
                        str(reg.path),
                        n,
                        1,
                        "report_id",
                        f"{e.report_id} ({e.lang}) is registered for another file "
                        f"(SHA-256 {old.file_sha256[:12]}...); a report id names one file: "
                        "issue it with another --date, or keep another register",
                    )
                )
    return out


def append(
    path: Path, new: Sequence[Entry], commit: Callable[[], None] | None = None
) -> list[Entry]:
    """Append the entries not yet registered; the whole file is rewritten atomically.

    ``commit`` runs once the entries are known to fit, before the register is written
    (the reports are put in place there). Returns the entries written; an entry already
    registered for the same file is skipped (re-running a report gives the same bytes).
    """
    from hawkama.yamlio import write_atomic

    with _locked(path):
        reg = read(path)
        problems = conflicts(reg, new)
        if problems:
            raise InputError(problems)
        raw = path.read_bytes() if path.exists() else b""
        head = reg.head
        written: list[Entry] = []
        lines: list[bytes] = []
        for e in new:
            if reg.find(e.report_id, e.lang) or any(w.key == e.key for w in written):
                continue
            entry = e.model_copy(update={"prev": head})
            line = entry.line()
            head = hashlib.sha256(line).hexdigest()
            written.append(entry)
            lines.append(line + b"\n")
        if commit is not None:
            commit()
        if lines:
            write_atomic(path, raw + b"".join(lines))
    return written


def check_report(
    reg: Register, report_id: str, lang: str, sha256: str, project_id: str
) -> tuple[list[str], str]:
    """Is the file with ``sha256`` the one ``reg`` lists under ``report_id``?

    Returns the differences, in words, and what holds.
    """
    out = [f"register {reg.path}: {p}" for p in reg.problems]
    mine = reg.find(report_id, lang)
    if not mine:
        others = [
            f"{e.report_id} on line {n}" for n, e in reg.entries if e.project_id == project_id
        ]
        also = f" (it lists {', '.join(others)} for project {project_id})" if others else ""
        out.append(f"not in the register {reg.path}: no {report_id} ({lang}){also}")
        return out, ""
    n, entry = mine[0]
    if entry.file_sha256 != sha256:
        out.append(
            f"the register {reg.path} lists another file under {report_id} on line {n} "
            f"(SHA-256 {entry.file_sha256[:16]}..., this file {sha256[:16]}...)"
        )
        return out, ""
    by = f", signed by {entry.signer}" if entry.signer else ""
    return out, f"line {n} of {reg.path}: issued {entry.date}{by}"

"""The one bounded reader every input goes through: files on disk and git blobs.

A hostile or mistaken path can name a FIFO (a read never returns), /dev/zero (a read
never ends), a folder, or a 3 GB file. Each is refused before it is read: only
regular files are opened for reading, and at most ``limit + 1`` bytes are ever read,
so memory and time stay bounded whatever the path names (issue #12, item 3).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from hawkama.errors import InputError, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
GIT_TIMEOUT_SECONDS = 60
_CHUNK = 1 << 20

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def max_file_bytes() -> int:
    """The size limit of one input file: 5 MB, or HAWKAMA_MAX_FILE_BYTES."""
    try:
        return int(os.environ.get("HAWKAMA_MAX_FILE_BYTES", MAX_FILE_BYTES))
    except ValueError:
        return MAX_FILE_BYTES


def _refuse(path: Path | str, message: str) -> InputError:
    return InputError(Problem.unlocated(path, "", message))


def _too_big(path: Path | str, what: str, size: str, limit: int) -> InputError:
    hint = " (set HAWKAMA_MAX_FILE_BYTES to change it)" if limit == max_file_bytes() else ""
    return _refuse(path, f"the {what} is {size} bytes; the limit is {limit:,} bytes{hint}")


def _open_regular(path: Path, what: str) -> int:
    """A descriptor of ``path`` if it is a regular file; a located error otherwise."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _refuse(path, f"cannot read the {what}: {exc.strerror}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise _refuse(path, f"is {kind}, not a file; give the {what} as a regular file")
    return fd


def read_bounded(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of regular file ``path``; refused if larger than ``limit`` bytes.

    Never reads more than ``limit + 1`` bytes, even when the file grows while it is read.
    """
    fd = _open_regular(path, what)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise _too_big(path, what, f"{size:,}", limit)
        parts: list[bytes] = []
        got = 0
        while got <= limit:
            block = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not block:
                break
            parts.append(block)
            got += len(block)
    except OSError as exc:
        raise _refuse(path, f"cannot read the {what}: {exc.strerror}") from None
    finally:
        os.close(fd)
    if got > limit:
        raise _too_big(path, what, f"more than {limit:,}", limit)
    return b"".join(parts)


def read_head(path: Path, count: int) -> bytes:
    """The first ``count`` bytes of a regular file, or b"" for anything else (a sniff)."""
    try:
        fd = _open_regular(path, "file")
    except InputError:
        return b""
    try:
        return os.read(fd, count)
    except OSError:
        return b""
    finally:
        os.close(fd)


def sha256_file(path: Path, what: str = "file") -> str:
    """SHA-256 of a regular file, read in blocks (evidence may be large; memory stays flat)."""
    fd = _open_regular(path, what)
    digest = hashlib.sha256()
    try:
        while block := os.read(fd, _CHUNK):
            digest.update(block)
    except OSError as exc:
        raise _refuse(path, f"cannot read the {what}: {exc.strerror}") from None
    finally:
        os.close(fd)
    return digest.hexdigest()


def shown_rev(rev: str) -> str:
    """A revision as the user typed it, whole, with newlines and controls escaped."""
    return repr(rev)


def git_blob(path: Path, rev: str, limit: int) -> bytes:
    """``path`` as committed at ``rev`` (`git show REV:./name` in its folder), bounded.

    At most ``limit + 1`` bytes of git's output are read; a larger blob is refused and
    git is stopped, so a 40 MB blob cannot skip the limit a file on disk has.
    """
    import subprocess  # here: every command reads files, few read git (3 ms of start-up)
    import threading

    where = f"{path}@{shown_rev(rev)}"
    if rev.startswith("-"):
        raise InputError(f"--rev {shown_rev(rev)}: a revision cannot start with '-'")
    try:
        proc = subprocess.Popen(
            ["git", "show", f"{rev}:./{path.name}"],
            cwd=path.resolve().parent,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise InputError(f"--rev {shown_rev(rev)}: cannot run git: {exc.strerror}") from None
    timer = threading.Timer(GIT_TIMEOUT_SECONDS, proc.kill)
    timer.start()
    try:
        assert proc.stdout is not None and proc.stderr is not None
        out = proc.stdout.read(limit + 1)
        if len(out) > limit:
            proc.kill()
            proc.wait()
            raise _too_big(where, "file at that revision", f"more than {limit:,}", limit)
        err = proc.stderr.read(64 * 1024)
        code = proc.wait()
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    if code != 0:
        # git's message quotes the revision, which may hold newlines: keep it whole, escaped.
        text = err.decode("utf-8", "replace").strip()
        why = text[text.find("fatal:") :] if "fatal:" in text else text
        why = why.replace("\r", "\\r").replace("\n", "\\n")
        raise _refuse(
            path,
            f"cannot read it at revision {shown_rev(rev)}: " + (why or f"git exited with {code}"),
        )
    return out

"""A per-user cache of validated policies, so each command does not re-read big rubrics.

Parsing the YAML of a policy and its rubrics and building their pydantic models costs
about 150 ms on every run, more than everything else `hawkama score` does. The
validated models are kept, pickled, in the user's cache folder, keyed by the policy
file and checked against the SHA-256 of every file they came from and the Hawkama
version; any difference and the files are read again.

The cache is the user's own data, in a folder only the user can write (0700), like
Python's own bytecode cache; it never holds anything read from a file that did not
validate. Set HAWKAMA_CACHE=off to disable it, HAWKAMA_CACHE_DIR to move it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from hawkama import __version__
from hawkama.errors import InputError
from hawkama.files import max_file_bytes, read_bounded
from hawkama.models.policy import Policy
from hawkama.models.rubric import Rubric


@dataclass(frozen=True)
class CachedPolicy:
    version: str
    files: tuple[tuple[str, str], ...]  # (path, sha256 of its bytes)
    policy: Policy
    policy_text: str
    rubrics: tuple[tuple[Rubric, str, str], ...]  # (model, path, text)
    hash: str


def code_version() -> str:
    """Hawkama's version and the source of the models pickled: a model change is a miss."""
    from hawkama.models import common, policy, rubric

    digest = hashlib.sha256(__version__.encode("utf-8"))
    for module in (common, policy, rubric):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


def _folder() -> Path | None:
    if os.environ.get("HAWKAMA_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    if not hasattr(os, "getuid"):
        return None  # no POSIX owners and modes to trust the entries by (Windows)
    explicit = os.environ.get("HAWKAMA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hawkama" / "policies"


def _entry(policy_path: Path) -> Path | None:
    folder = _folder()
    if folder is None:
        return None
    key = hashlib.sha256(str(policy_path.resolve()).encode("utf-8")).hexdigest()[:32]
    return folder / f"{key}.pickle"


def _digest(path: str) -> str | None:
    # Bounded: a rubric replaced by a FIFO or a huge file since it was cached is a miss,
    # and the normal load then reports it (issue #12).
    try:
        return hashlib.sha256(read_bounded(Path(path), max_file_bytes())).hexdigest()
    except InputError:
        return None


def load(policy_path: Path) -> CachedPolicy | None:
    """The cached models of this policy, if every file it came from is unchanged."""
    entry = _entry(policy_path)
    if entry is None or not entry.is_file() or not _trusted(entry):
        return None
    try:
        with entry.open("rb") as handle:
            cached = pickle.load(handle)
    except Exception:  # a stale or damaged cache entry is only a cache miss
        return None
    if not isinstance(cached, CachedPolicy) or cached.version != code_version():
        return None
    if any(_digest(path) != digest for path, digest in cached.files):
        return None
    return cached


def _trusted(entry: Path) -> bool:
    """Only unpickle what this user wrote and no one else could have changed."""
    try:
        for path in (entry, entry.parent):
            st = path.stat()
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def store(policy_path: Path, cached: CachedPolicy) -> None:
    entry = _entry(policy_path)
    if entry is None:
        return
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        entry.parent.chmod(0o700)  # also when HAWKAMA_CACHE_DIR named an existing folder
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            pickle.dump(cached, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        _prune(entry.parent)


MAX_ENTRIES = 64


def _prune(folder: Path) -> None:
    """Keep the most recently written entries only: policies in temporary folders come and go."""
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def digests(paths: list[Path]) -> tuple[tuple[str, str], ...]:
    return tuple((str(p), _digest(str(p)) or "") for p in paths)

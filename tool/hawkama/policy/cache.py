"""A per-user cache of validated policies, as plain JSON: commands need not re-read big rubrics.

Reading the YAML of a policy and its rubrics with line marks and validating their models
costs about 55 ms of the 450 ms of `hawkama score` on one file (bench/results.md, "Policy
cache"). The validated models are kept as JSON in the user's cache folder, keyed by the
policy file, and used only while the SHA-256 of every file they came from and the source
of the models are unchanged. Nothing that failed validation is stored.

An entry is not validated again when read (issue #18: that was pydantic's schema build
of the rubric models, 40 ms of a one-file `hawkama score`); policy/rebuild.py makes the
models from it directly, and anything it does not know is validated as before. This is
deliberate and safe because of what an entry is: written only by this code, from models
that passed validation, into a folder only this user can write (0700, entries 0600,
both checked before use), for source files whose every byte is checked by SHA-256, by
the same model code (its source is part of the key). Whoever can change an entry can
change the user's rubric files and Hawkama itself. The file texts (embedded in reports)
are read from the files, never from the entry.

Within one process the compiled policy itself is kept too, under the same key and the
same check (the SHA-256 of its files): a long-running caller (the questionnaire, a web
desk, the test suite) compiles each policy once. One cache, two places.

The folder is the user's own (0700), and an entry another user could have written is
ignored: it could not run code (it is not a pickle), but it could name other weights.
Set HAWKAMA_CACHE=off to disable it, HAWKAMA_CACHE_DIR to move it.

The parse trees of the policy's expressions are kept too (expr/syntax.py's tree_data),
by their text, under the same trust: building the policy then parses none of them.

Finding a policy by (id, version) reads the id and version of every policy file in the
search folders; those are kept too (``policy_ids``), by the SHA-256 of each file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from hawkama import __version__
from hawkama.errors import InputError
from hawkama.expr import syntax
from hawkama.files import max_file_bytes, read_bounded
from hawkama.models.policy import Policy
from hawkama.models.rubric import Rubric
from hawkama.yamlio import read_text

if TYPE_CHECKING:
    from hawkama.policy.compiled import PolicySet

ModelT = TypeVar("ModelT", Policy, Rubric)

FORMAT = 3
MAX_ENTRIES = 64
MAX_IDS = 256
IDS_ENTRY = "policy-ids.json"


@dataclass(frozen=True)
class CachedPolicy:
    policy: Policy
    policy_text: str
    rubrics: tuple[tuple[Rubric, str, str], ...]  # (model, path, text)
    hash: str


# The policies compiled by this process: path -> (SHA-256 of each of its files, policy).
_COMPILED: dict[Path, tuple[tuple[str | None, ...], PolicySet]] = {}


def compiled(policy_path: Path) -> PolicySet | None:
    """The policy compiled earlier in this process, if none of its files changed since."""
    if not _enabled():
        return None
    hit = _COMPILED.get(policy_path.resolve())
    if hit is None:
        return None
    digests, ps = hit
    return ps if tuple(_digest(str(f.path)) for f in ps.files) == digests else None


def remember(policy_path: Path, ps: PolicySet) -> None:
    if _enabled():
        _COMPILED[policy_path.resolve()] = (tuple(_digest(str(f.path)) for f in ps.files), ps)


def _enabled() -> bool:
    return os.environ.get("HAWKAMA_CACHE", "").lower() not in ("0", "off", "no", "false")


def code_version() -> str:
    """Hawkama's version, the source of the models and parse trees stored and the label
    catalogue (some defaults are its texts, kept in the entry): a change of any is a miss."""
    from hawkama import locale
    from hawkama.models import common, policy, rubric

    digest = hashlib.sha256(__version__.encode("utf-8"))
    for module in (common, policy, rubric, syntax):
        digest.update(Path(str(module.__file__)).read_bytes())
    for lang in locale.LANGS:
        digest.update(Path(str(locale.__file__)).with_name(f"{lang}.yaml").read_bytes())
    return digest.hexdigest()


def _folder() -> Path | None:
    if not _enabled():
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
    return folder / f"{key}.json"


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
        data = json.loads(entry.read_bytes())
        if data["format"] != FORMAT or data["version"] != code_version():
            return None
        texts: list[str] = []
        for path, digest in data["files"]:
            if _digest(path) != digest:
                return None
            texts.append(read_text(Path(path)))
        policy_text, *rubric_texts = texts
        for text, tree in data["trees"].items():
            syntax.remember(text, syntax.tree_from_data(tree))  # the build parses nothing
        return CachedPolicy(
            policy=_model(Policy, data["policy"]),
            policy_text=policy_text,
            rubrics=tuple(
                (_model(Rubric, r), r["path"], text)
                for r, text in zip(data["rubrics"], rubric_texts, strict=True)
            ),
            hash=data["hash"],
        )
    except Exception:  # a stale or damaged entry is only a cache miss
        return None


def _dump(model: Policy | Rubric) -> dict[str, Any]:
    from hawkama.policy.rebuild import made_defaults

    return {
        "model": model.model_dump(mode="json", exclude_unset=True),
        "made": made_defaults(model),
    }


def _model(model: type[ModelT], entry: dict[str, Any]) -> ModelT:
    """The model from its entry: rebuilt directly, or validated where rebuilding cannot."""
    from hawkama.policy.rebuild import Unsupported, rebuild

    try:
        built: ModelT = rebuild(model, entry["model"], entry["made"])
    except Unsupported:
        return model.model_validate(entry["model"])
    return built


def _trusted(entry: Path) -> bool:
    """Only entries this user wrote and no one else could have changed."""
    try:
        for path in (entry, entry.parent):
            st = path.stat()
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def store(
    policy_path: Path, cached: CachedPolicy, files: list[Path], expressions: Iterable[str] = ()
) -> None:
    """Keep ``cached`` for ``policy_path``, and the parse trees of its ``expressions``."""
    entry = _entry(policy_path)
    if entry is None:
        return
    # Only the fields the files set: rebuilt, the models then say the same (fields_set).
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": code_version(),
        "files": [(str(p), _digest(str(p)) or "") for p in files],
        "hash": cached.hash,
        "policy": _dump(cached.policy),
        "rubrics": [{**_dump(r), "path": path} for r, path, _ in cached.rubrics],
        "trees": {text: syntax.tree_data(syntax.parse(text)) for text in sorted(set(expressions))},
    }
    if _write(entry, data):
        _prune(entry.parent)


def _write(entry: Path, data: Any) -> bool:
    """Write ``entry`` whole or not at all, readable by this user only."""
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        entry.parent.chmod(0o700)  # also when HAWKAMA_CACHE_DIR named an existing folder
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        os.replace(tmp, entry)
        return True
    return False


def _prune(folder: Path) -> None:
    """Keep the most recently written entries only: policies in temporary folders come and go."""
    entries = sorted(
        (p for p in folder.glob("*.json") if p.name != IDS_ENTRY),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in [*entries[MAX_ENTRIES:], *folder.glob("*.pickle")]:  # pickles: Hawkama < #11
        with contextlib.suppress(OSError):
            old.unlink()


def policy_ids(
    paths: list[Path], read: Callable[[Path], tuple[str, str] | None]
) -> dict[Path, tuple[str, str] | None]:
    """The (id, version) of each policy file in ``paths``: ``read(path)``, kept by SHA-256.

    ``read`` parses a file (about 4 ms each); what it said of the same bytes is reused.
    """
    folder = _folder()
    known: dict[str, Any] = {}
    stamp = _ids_stamp()
    if folder is not None and (folder / IDS_ENTRY).is_file() and _trusted(folder / IDS_ENTRY):
        with contextlib.suppress(Exception):  # a damaged entry is only a miss
            data = json.loads((folder / IDS_ENTRY).read_bytes())
            if data["version"] == stamp:
                known = dict(data["ids"])
    found: dict[Path, tuple[str, str] | None] = {}
    missed = False
    for path in paths:
        digest = _digest(str(path))
        hit = known.get(digest) if digest else None
        if isinstance(hit, list) and len(hit) == 2 and all(isinstance(x, str) for x in hit):
            found[path] = (hit[0], hit[1])
        elif digest and digest in known and hit is None:
            found[path] = None
        else:
            found[path] = read(path)
            if digest:
                missed = True
                known[digest] = found[path]
    if missed and folder is not None:
        kept = dict(list(known.items())[-MAX_IDS:])
        _write(folder / IDS_ENTRY, {"version": stamp, "ids": kept})
    return found


def _ids_stamp() -> str:
    """Hawkama's version and the YAML reader's source: a reader change is a miss."""
    from hawkama import yamlio

    digest = hashlib.sha256(__version__.encode("utf-8"))
    digest.update(Path(str(yamlio.__file__)).read_bytes())
    return digest.hexdigest()

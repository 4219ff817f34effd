"""Find the policy an assessment names: ./rubrics/ first, then the shipped rubrics."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from hawkama.errors import InputError, Problem
from hawkama.files import read_head
from hawkama.policy.compiled import PolicySet
from hawkama.policy.load import find_policy_file, load_policy_set
from hawkama.yamlio import parse_yaml

if TYPE_CHECKING:
    from hawkama.models.assessment import Assessment


def shipped_rubrics() -> Path:
    """The rubrics inside the installed package, or the repository's in a source checkout."""
    # The package folder itself (what importlib.resources.files gives for an installed
    # package), without importing importlib.resources (8 ms of `hawkama score`).
    packaged = Path(__file__).resolve().parents[1] / "data" / "rubrics"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rubrics"


def search_folders() -> list[Path]:
    folders = [Path.cwd() / "rubrics", shipped_rubrics()]
    seen: list[Path] = []
    for f in folders:
        if f.is_dir() and f.resolve() not in seen:
            seen.append(f.resolve())
    return seen


def policy_files(folder: Path) -> dict[tuple[str, str], Path]:
    """Policies in a folder (and its sub-folders such as versions/), by (id, version)."""
    from hawkama.policy.cache import policy_ids

    candidates = [
        path
        for path in sorted(folder.rglob("*.y*ml"))
        if "kind: policy" in read_head(path, 4000).decode("utf-8", "replace")
    ]
    found: dict[tuple[str, str], Path] = {}
    for path, key in policy_ids(candidates, _policy_id).items():
        if key is not None:
            found.setdefault(key, path)
    return found


def _policy_id(path: Path) -> tuple[str, str] | None:
    """The (id, version) a policy file declares; None for any other file."""
    try:
        data = parse_yaml(path).data
    except InputError:
        return None
    if isinstance(data, dict) and data.get("kind") == "policy":
        return str(data.get("id")), str(data.get("version"))
    return None


class PolicyResolver:
    """Loads each policy once per run, however many assessments name it.

    What a run loaded, not a cache: a new resolver (a new run) reads the folders and
    policies again; the per-user cache (policy/cache.py) makes that cheap."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = explicit
        self._loaded: dict[Path, PolicySet] = {}
        self._named: dict[tuple[str, str], PolicySet] = {}
        # What each (id, version) resolved to: the search path is walked once per run,
        # not once per file (0.6 ms each, most of a small file's scoring).
        self._found: dict[tuple[str, str], PolicySet] = {}
        # The policies in each folder searched, read once per run (a later run sees new ones).
        self._indexes: dict[Path, dict[tuple[str, str], Path]] = {}

    def _index(self, folder: Path) -> dict[tuple[str, str], Path]:
        found = self._indexes.get(folder)
        if found is None:
            found = self._indexes[folder] = policy_files(folder)
        return found

    def load(self, path: Path) -> PolicySet:
        key = path.resolve()
        if key not in self._loaded:
            self._loaded[key] = load_policy_set(key)
        return self._loaded[key]

    def register(self, ps: PolicySet) -> None:
        """Make a policy met on the way (e.g. among files being validated) findable by id."""
        self._named.setdefault((ps.id, ps.version), ps)
        self._found.pop((ps.id, ps.version), None)

    def for_assessment(self, assessment: Assessment, source: Path) -> PolicySet:
        want = (assessment.policy.id, assessment.policy.version)
        found = self._found.get(want)
        if found is None:
            found = self._found[want] = self._search(assessment, source)
        return found

    def _search(self, assessment: Assessment, source: Path) -> PolicySet:
        if self.explicit is not None:
            return self._explicit(self.explicit, assessment, source)
        want = (assessment.policy.id, assessment.policy.version)
        if want in self._named:
            return self._named[want]
        fallback: Path | None = None
        for folder in search_folders():
            files = self._index(folder)
            if want in files:
                return self.load(files[want])
            same_id = [p for (pid, _), p in files.items() if pid == want[0]]
            if same_id and fallback is None:
                fallback = same_id[0]
        if fallback is not None:
            return self.load(fallback)  # the version check then says what differs
        raise InputError(
            Problem.unlocated(
                source,
                "policy",
                f"policy {want[0]!r} version {want[1]} not found in "
                f"{' or '.join(str(f) for f in search_folders()) or './rubrics'}; "
                "pass --policy PATH",
            )
        )

    def _explicit(self, path: Path, assessment: Assessment, source: Path) -> PolicySet:
        """--policy: a file, a folder holding one policy, or a folder tree of several.

        In a folder tree (e.g. every imported AIA version in its own sub-folder) the
        policy the assessment names by (id, version) is taken; when none matches, the
        folder is read as before (its single top-level policy, or an error).
        """
        if path.is_dir():
            files = self._index(path.resolve())
            want = (assessment.policy.id, assessment.policy.version)
            if want in files:
                return self.load(files[want])
            top = path.resolve()
            if files and not any(p.parent == top for p in files.values()):
                found = ", ".join(f"{i} {v}" for i, v in sorted(files))
                raise InputError(
                    Problem.unlocated(
                        source,
                        "policy",
                        f"policy {want[0]!r} version {want[1]} is not among the policies "
                        f"in {path} ({found})",
                    )
                )
        return self.load(find_policy_file(path))


def policy_by_id(policy_id: str) -> Path | None:
    """The newest version of the policy ``policy_id`` in ./rubrics/, else the shipped rubrics.

    For ``--policy aia-canada`` and the like: a policy named by id rather than by path.
    """
    for folder in search_folders():
        found = {v: p for (pid, v), p in policy_files(folder).items() if pid == policy_id}
        if found:
            return found[max(found, key=version_key)]
    return None


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of a semantic version: its numbers, pre-release and build tags dropped."""
    return tuple(int(p) for p in re.findall(r"\d+", version.split("-")[0].split("+")[0]))

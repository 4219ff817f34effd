"""What the committee desk shows, computed by the same code as the CLI.

The portfolio is `hawkama portfolio`'s (committee.portfolio_io.gather, portfolio.assemble),
filtered before it is assembled so that the counts and the heat map follow the filter; a
project is scored by service.score_files as `hawkama score` does; a file's history is
`hawkama diff --rev` between consecutive commits.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hawkama.committee.portfolio import Portfolio, Row, assemble, place
from hawkama.committee.portfolio_io import gather
from hawkama.errors import HawkamaError
from hawkama.models.diff import Diff

MAX_HISTORY = 10  # commits shown; each is scored twice


@dataclass(frozen=True)
class Filters:
    governorate: str = ""
    sector: str = ""
    verdict: str = ""
    overdue: bool = False

    def keep(self, row: Row) -> bool:
        return (
            (not self.governorate or place(row) == self.governorate)
            and (not self.sector or (row.sector or "-") == self.sector)
            and (not self.verdict or row.verdict == self.verdict)
            and (not self.overdue or row.overdue > 0)
        )


@dataclass(frozen=True)
class Choices:
    """The values each filter can take: those of all projects, whatever is filtered."""

    places: list[str]
    sectors: list[str]
    verdicts: dict[str, dict[str, str]]


def portfolio(files: list[Path], today: dt.date, filters: Filters) -> tuple[Portfolio, Choices]:
    found = gather(files, today=today)
    whole = assemble(found.rows, [found.dimensions], today)
    choices = Choices(list(whole.by_place), list(whole.by_sector), whole.verdict_labels)
    rows = [r for r in found.rows if filters.keep(r)]
    return assemble(rows, [found.dimensions], today), choices


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str
    subject: str


@dataclass(frozen=True)
class Step:
    """One version of the file and what changed from the one before (None: the first)."""

    commit: Commit | None  # None: the working copy, not yet committed
    diff: Diff | None
    problem: str | None = None


def commits(path: Path, most: int = MAX_HISTORY) -> list[Commit]:
    """The commits that touched ``path``, newest first (none when it is not in git)."""
    try:
        done = subprocess.run(
            ["git", "log", f"-n{most + 1}", "--format=%H%x00%cs%x00%s", "--", path.name],
            cwd=path.resolve().parent,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    out = []
    for line in done.stdout.splitlines():
        sha, date, subject = [*line.split("\0"), "", ""][:3]
        out.append(Commit(sha, date, subject))
    return out


def history(path: Path) -> list[Step]:
    """Newest first: uncommitted changes (if any), then each commit against the one before."""
    from hawkama.committee.sources import compare, load, load_rev
    from hawkama.models.assessment import Assessment
    from hawkama.policy.compiled import PolicySet
    from hawkama.policy.find import PolicyResolver

    found = commits(path)
    cache = PolicyResolver(None)
    loaded: dict[str | None, tuple[Assessment, PolicySet] | str] = {}

    def version(rev: str | None) -> tuple[Assessment, PolicySet] | str:
        if rev not in loaded:
            try:
                loaded[rev] = load(path, cache) if rev is None else load_rev(path, rev, cache)
            except HawkamaError as exc:
                loaded[rev] = exc.format_message()
        return loaded[rev]

    revs: list[str | None] = [None, *(c.sha for c in found[:MAX_HISTORY])]
    shown: list[Commit | None] = [None, *found[:MAX_HISTORY]]
    steps: list[Step] = []
    for i in range(len(revs) - 1):
        rev, before = revs[i], revs[i + 1]
        assert before is not None
        if rev is None and not _differs(path, before):
            continue  # the working copy is the last commit
        new, old = version(rev), version(before)
        if isinstance(new, str) or isinstance(old, str):
            steps.append(Step(shown[i], None, new if isinstance(new, str) else str(old)))
            continue
        name = "working copy" if rev is None else rev[:10]
        try:
            diff = compare(before[:10], old[0], old[1], name, new[0], new[1])
        except HawkamaError as exc:
            steps.append(Step(shown[i], None, exc.format_message()))
            continue
        steps.append(Step(shown[i], diff))
    if found and len(found) <= MAX_HISTORY:
        steps.append(Step(found[-1], None))  # the first version: nothing to compare with
    return steps


def _differs(path: Path, rev: str) -> bool:
    from hawkama.committee.sources import git_text

    try:
        return git_text(path, rev) != path.read_text("utf-8-sig").replace("\r\n", "\n")
    except (HawkamaError, OSError, UnicodeDecodeError):
        return True

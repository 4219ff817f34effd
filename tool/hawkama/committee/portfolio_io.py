"""Gather a portfolio's entries from files: score them (reporting progress) and date them.

The last change of a project is its `project.updated`, else the date of the last git
commit that touched the file, else the file's modification time. git is asked once per
repository for all files, not once per file: a thousand `git log` calls take seconds.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hawkama import parallel
from hawkama.committee import dates
from hawkama.committee.portfolio import ChangeSource, Dimension, Row, dimensions, make_row
from hawkama.errors import InputError
from hawkama.policy.find import PolicyResolver
from hawkama.service import expand

# Given the number of files, a context that yields the callable to call after each one
# (the command draws a progress bar with it).
Progress = Callable[[int], AbstractContextManager[Callable[[], None] | None]]


@dataclass(frozen=True)
class Gathered:
    """The rows of a portfolio (dated) and the dimensions they have, in first-seen order."""

    rows: list[Row]
    dimensions: list[Dimension]


def _row_job(path: Path, cache: PolicyResolver, options: dict[str, Any]) -> tuple[Row, list[Any]]:
    """Score one file in a worker; return its row and columns, not the assessment or result."""
    from hawkama.engine.evaluate import evaluate_summary
    from hawkama.service import load_checked

    assessment, _, ps = load_checked(path, cache, options["any_version"])
    result = evaluate_summary(ps, assessment)
    when = assessment.project.updated
    row = make_row(
        str(path),
        result,
        assessment.review,
        options["today"],
        when,
        "project.updated" if when else None,
    )
    return row, dimensions(result)


def gather(
    paths: Iterable[Path],
    policy: Path | None = None,
    any_version: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Gathered:
    """Score every assessment under ``paths``; raise with every problem of every file."""
    files = expand(paths)
    if not files:
        raise InputError("no assessment files (*.yaml) found in the paths given")
    options = {"any_version": any_version, "today": dates.today(today)}
    ticking: AbstractContextManager[Callable[[], None] | None] = (
        progress(len(files)) if progress is not None else nullcontext()
    )
    with ticking as tick:
        scored = parallel.gather(parallel.each(files, _row_job, options, policy, tick=tick))
    dims: dict[str, Dimension] = {}
    for _, row_dims in scored:
        for d in row_dims:
            dims.setdefault(d.id, d)
    undated = [Path(r.path) for r, _ in scored if r.last_change is None]
    commits = git_dates(undated)
    rows: list[Row] = []
    for r, _ in scored:
        if r.last_change is None:
            path = Path(r.path)
            when = commits.get(path.resolve())
            source: ChangeSource | None = "git" if when else None
            if when is None:
                when = _mtime(path)
                source = "mtime" if when else None
            r = r.model_copy(update={"last_change": when, "last_change_source": source})
        rows.append(r)
    return Gathered(rows, list(dims.values()))


def _mtime(path: Path) -> dt.date | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()
    except OSError:
        return None


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git, or a hung repository: fall back to mtimes
    return done.stdout if done.returncode == 0 else None


def git_dates(paths: list[Path]) -> dict[Path, dt.date]:
    """The committer date of the last commit touching each file (files outside git left out)."""
    by_top: dict[Path, list[Path]] = {}
    tops: dict[Path, Path | None] = {}
    for p in paths:
        parent = p.resolve().parent
        if parent not in tops:
            out = _git(["rev-parse", "--show-toplevel"], parent)
            tops[parent] = Path(out.strip()).resolve() if out else None
        top = tops[parent]
        if top is not None:
            by_top.setdefault(top, []).append(p.resolve())
    found: dict[Path, dt.date] = {}
    for top, files in by_top.items():
        rel = [str(f.relative_to(top)) for f in files]
        out = _git(
            [
                "-c",
                "core.quotepath=off",
                "log",
                "--format=%x00%cs",
                "--name-only",
                "--no-renames",
                "--",
                *rel,
            ],
            top,
        )
        if not out:
            continue
        wanted = set(rel)
        when: dt.date | None = None
        for line in out.splitlines():
            if line.startswith("\0"):
                when = dt.date.fromisoformat(line[1:].strip())
            elif line and when is not None and line in wanted:
                found.setdefault((top / line).resolve(), when)  # newest commit comes first
    return found

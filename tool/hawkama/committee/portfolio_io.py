"""Gather a portfolio's entries from files: score them (with a progress bar) and date them.

The last change of a project is its `project.updated`, else the date of the last git
commit that touched the file, else the file's modification time. git is asked once per
repository for all files, not once per file: a thousand `git log` calls take seconds.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from hawkama.committee.portfolio import ChangeSource, Entry
from hawkama.errors import InputError
from hawkama.parallel import score_light
from hawkama.service import expand


def gather(
    paths: Iterable[Path], policy: Path | None = None, any_version: bool = False
) -> list[Entry]:
    """Score every assessment under ``paths``; raise with every problem of every file."""
    files = expand(paths)
    if not files:
        raise InputError("no assessment files (*.yaml) found in the paths given")
    if sys.stderr.isatty():
        with click.progressbar(
            length=len(files), label="Scoring", file=sys.stderr, show_pos=True, show_eta=False
        ) as bar:
            scored = score_light(files, policy, any_version, tick=lambda: bar.update(1))
    else:  # click prints the bare label when it cannot draw a bar: keep scripts' stderr clean
        scored = score_light(files, policy, any_version)
    undated = [s.path for s in scored if s.assessment.project.updated is None]
    commits = git_dates(undated)
    entries: list[Entry] = []
    for s in scored:
        when: dt.date | None = s.assessment.project.updated
        source: ChangeSource | None = "project.updated" if when else None
        if when is None:
            when = commits.get(s.path.resolve())
            source = "git" if when else None
        if when is None:
            when = _mtime(s.path)
            source = "mtime" if when else None
        entries.append(Entry(str(s.path), s.result, s.assessment.review, when, source))
    return entries


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

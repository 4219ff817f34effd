"""Score many assessments over the CPU cores (a portfolio of a thousand projects).

Each worker loads the policy once and returns plain results; what crosses between
processes is only pickled models (the assessment and its Result), never compiled
rules. Small batches stay in one process: forking costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hawkama.discovery import PolicyCache
from hawkama.engine import evaluate
from hawkama.errors import InputError, Problem
from hawkama.models.assessment import Assessment
from hawkama.models.result import Result

MIN_PER_WORKER = 64


@dataclass(frozen=True)
class Light:
    """A scored assessment without its document and compiled policy (cheap to pass around)."""

    path: Path
    assessment: Assessment
    result: Result


_TASK: dict[str, object] = {}


def _score_one(path: Path) -> Light | list[Problem]:
    from hawkama.service import load_checked

    cache = _TASK["cache"]
    assert isinstance(cache, PolicyCache)
    try:
        assessment, _, ps = load_checked(path, cache, bool(_TASK["any_version"]))
    except InputError as exc:
        return exc.problems
    return Light(path, assessment, evaluate(ps, assessment))


def score_light(
    paths: Sequence[Path],
    policy: Path | None = None,
    any_version: bool = False,
    workers: int | None = None,
    tick: Callable[[], None] | None = None,
) -> list[Light]:
    """Score every file, in input order, in parallel when there are many; all problems at once."""
    _TASK.update(cache=PolicyCache(policy), any_version=any_version)
    n = min(workers or os.cpu_count() or 1, max(1, len(paths) // MIN_PER_WORKER))
    try:
        outcomes = list(_outcomes(paths, n, tick))
    finally:
        _TASK.clear()
    problems = [p for o in outcomes if isinstance(o, list) for p in o]
    if problems:
        raise InputError(problems)
    return [o for o in outcomes if isinstance(o, Light)]


def _outcomes(
    paths: Sequence[Path], n: int, tick: Callable[[], None] | None
) -> Iterator[Light | list[Problem]]:
    if n <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for path in paths:
            yield _score_one(path)
            if tick:
                tick()
        return
    # The first file is scored here, so that the policy is loaded once and the forked
    # workers inherit it with the modules.
    yield _score_one(paths[0])
    if tick:
        tick()
    with multiprocessing.get_context("fork").Pool(n) as pool:
        for outcome in pool.imap(_score_one, paths[1:], chunksize=16):
            yield outcome
            if tick:
                tick()

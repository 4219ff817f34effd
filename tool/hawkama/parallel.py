"""Read and score many files over the CPU cores, output in input order.

A job is a module-level function ``job(path, cache, options)`` that loads, checks and
scores one file and returns only what the output needs (a row, a formatted chunk),
or the file's problems. Workers load each policy once; what crosses between processes
is that small value, never an assessment, a full Result or compiled rules. Small
batches stay in one process: starting workers costs more than it saves. Where
``fork`` is unavailable the workers are spawned and load the policy themselves.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from hawkama.errors import InputError, Problem
from hawkama.policy.find import PolicyResolver

T = TypeVar("T")


@dataclass(frozen=True)
class Failed:
    """A file that could not be scored, and why."""

    problems: list[Problem]


Job = Callable[[Path, PolicyResolver, dict[str, Any]], T]

MIN_PER_WORKER = 64
CHUNK = 16

_TASK: dict[str, Any] = {}


def _init(
    job: Job[Any],
    policy: Path | None,
    options: dict[str, Any],
    setup: Callable[[PolicyResolver], None] | None,
    cache: PolicyResolver | None = None,
) -> None:
    if _TASK.get("job") is job:
        return  # forked: the parent's cache (and its loaded policies) came along
    if cache is None:  # spawned: load what the parent had
        cache = PolicyResolver(policy)
        if setup is not None:
            setup(cache)
    _TASK.update(job=job, cache=cache, options=options)
    _batch_gc()


def _run_one(path: Path) -> Any:
    try:
        return _TASK["job"](path, _TASK["cache"], _TASK["options"])
    except InputError as exc:
        return Failed(exc.problems)


def _batch_gc() -> None:
    # A batch keeps few objects alive (only the policy), but allocates many short-lived
    # ones per file: the default thresholds run a collection every 700 allocations.
    # The policy, loaded once, is moved out of the collector's sight.
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def each(
    paths: Sequence[Path],
    job: Job[T],
    options: dict[str, Any] | None = None,
    policy: Path | None = None,
    workers: int | None = None,
    tick: Callable[[], None] | None = None,
    cache: PolicyResolver | None = None,
    setup: Callable[[PolicyResolver], None] | None = None,
) -> Iterator[T | Failed]:
    """``job`` of every file, in input order: its value, or its problems.

    ``cache`` is the caller's PolicyResolver, if it has one (forked workers share it);
    ``setup`` (picklable) brings a spawned worker's own cache to the same state.
    """
    opts = options or {}
    n = min(workers or os.cpu_count() or 1, max(1, len(paths) // MIN_PER_WORKER))
    old = gc.get_threshold()
    _TASK.clear()
    _init(job, policy, opts, setup, cache or PolicyResolver(policy))
    try:
        if n <= 1:
            for path in paths:
                yield _run_one(path)
                if tick:
                    tick()
            return
        # The first file is scored here, so that forked workers inherit its policy loaded.
        yield _run_one(paths[0])
        if tick:
            tick()
        import multiprocessing  # 30 ms of imports that one file does not need

        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ctx.Pool(n, initializer=_init, initargs=(job, policy, opts, setup)) as pool:
            for outcome in pool.imap(_run_one, paths[1:], chunksize=CHUNK):
                yield outcome
                if tick:
                    tick()
    finally:
        _TASK.clear()
        gc.unfreeze()
        gc.set_threshold(*old)


def gather(outcomes: Iterator[T | Failed]) -> list[T]:
    """Every value, or raise with every problem of every file."""
    values: list[T] = []
    problems: list[Problem] = []
    for o in outcomes:
        if isinstance(o, Failed):
            problems.extend(o.problems)
        else:
            values.append(o)
    if problems:
        raise InputError(problems)
    return values


# --- any work over a list of items ------------------------------------------------------

A = TypeVar("A")
R = TypeVar("R")

_ITEMS: dict[str, Any] = {}


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _item(index: int) -> Any:
    return _ITEMS["work"](_ITEMS["items"][index])


def ordered(
    items: Sequence[A],
    work: Callable[[A], R],
    workers: int | None = None,
    tick: Callable[[], None] | None = None,
    before_fork: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``work(item)`` for every item, in input order, over up to ``workers`` processes.

    Forked workers inherit the items and ``work``, set here before the pool starts: only
    an index goes out and the result comes back, however big the items. Where fork is
    unavailable the workers are spawned and each item is pickled to them (``work`` must
    then be a module-level function). ``before_fork`` runs once before the workers
    start: imports they should inherit rather than each repeat.
    """
    n = min(workers or os.cpu_count() or 1, len(items))
    if n <= 1:
        for item in items:
            yield work(item)
            if tick:
                tick()
        return
    import multiprocessing

    fork = can_fork()
    if fork and before_fork is not None:
        before_fork()
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    _ITEMS.update(items=items, work=work)
    try:
        with ctx.Pool(n) as pool:
            outcomes = pool.imap(_item, range(len(items))) if fork else pool.imap(work, items)
            for outcome in outcomes:
                yield outcome
                if tick:
                    tick()
    finally:
        _ITEMS.clear()

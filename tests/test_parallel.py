"""Scoring many files over the cores gives the same outcomes, in order, as one by one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hawkama import parallel
from hawkama.errors import InputError
from hawkama.score_stream import score_job
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "assessments").glob("*.yaml"))
OPTIONS = {"any_version": False, "fmt": "jsonl", "lang": "en", "detail": True, "fail_on": None}


def _copies(tmp_path: Path, n: int) -> list[Path]:
    files = []
    for i in range(n):
        for s in SAMPLES:
            target = tmp_path / f"{i}-{s.name}"
            shutil.copy(s, target)
            files.append(target)
    return files


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_parallel_matches_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 2)
    if method == "spawn":  # what a platform without fork gets
        import multiprocessing

        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    files = _copies(tmp_path, 3)
    ticks: list[int] = []
    spread = parallel.gather(
        parallel.each(files, score_job, OPTIONS, workers=2, tick=lambda: ticks.append(1))
    )
    serial = parallel.gather(parallel.each(files, score_job, OPTIONS, workers=1))
    assert [x.path for x in spread] == files
    assert [x.chunk for x in spread] == [x.chunk for x in serial]
    assert len(ticks) == len(files)


def test_parallel_reports_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 1)
    good = tmp_path / "good.yaml"
    shutil.copy(SAMPLES[0], good)
    bad = [tmp_path / f"bad{i}.yaml" for i in range(3)]
    for b in bad:
        b.write_text("hawkama: 1\npolicy: 3\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        parallel.gather(parallel.each([good, *bad], score_job, OPTIONS, workers=2))
    assert {p.file for p in info.value.problems} == {str(b) for b in bad}


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_validate_over_the_cores_finds_the_policy_validated_alongside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    from click.testing import CliRunner

    from hawkama.cli import cli
    from tests.conftest import MINI

    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    for i in range(4):
        shutil.copy(folder / "low.yaml", folder / f"low-{i}.yaml")
    serial = CliRunner().invoke(cli, ["validate", str(folder)], catch_exceptions=False)
    assert serial.exit_code == 0, serial.output
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 2)
    if method == "spawn":
        import multiprocessing

        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    spread = CliRunner().invoke(cli, ["validate", str(folder)], catch_exceptions=False)
    assert spread.exit_code == 0, spread.output
    assert spread.stdout == serial.stdout
    assert spread.stdout.count("assessment") >= 5


def _square_and_pid(n: int) -> tuple[int, int]:
    import os

    return n * n, os.getpid()


def test_ordered_keeps_input_order_over_the_workers_and_ticks_once_each() -> None:
    import os

    ticks: list[int] = []
    out = list(parallel.ordered(range(40), _square_and_pid, 2, lambda: ticks.append(1)))
    assert [v for v, _ in out] == [n * n for n in range(40)]
    assert len(ticks) == 40
    assert os.getpid() not in {pid for _, pid in out}  # the work ran in the workers


def test_ordered_runs_in_this_process_with_one_worker() -> None:
    import os

    out = list(parallel.ordered([1, 2, 3], _square_and_pid, 1))
    assert out == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]

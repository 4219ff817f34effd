"""Scoring many files over the cores gives the same results, in order, as one by one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hawkama import parallel
from hawkama.errors import InputError
from hawkama.service import score_files
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "assessments").glob("*.yaml"))


def test_parallel_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 2)
    files = []
    for i in range(3):
        for s in SAMPLES:
            target = tmp_path / f"{i}-{s.name}"
            shutil.copy(s, target)
            files.append(target)
    ticks: list[int] = []
    light = parallel.score_light(files, workers=2, tick=lambda: ticks.append(1))
    serial = score_files(files)
    assert [x.path for x in light] == files
    assert [x.result.model_dump_json() for x in light] == [
        s.result.model_dump_json() for s in serial
    ]
    assert len(ticks) == len(files)


def test_parallel_reports_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 1)
    good = tmp_path / "good.yaml"
    shutil.copy(SAMPLES[0], good)
    bad = [tmp_path / f"bad{i}.yaml" for i in range(3)]
    for b in bad:
        b.write_text("hawkama: 1\npolicy: 3\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        parallel.score_light([good, *bad], workers=2)
    assert {p.file for p in info.value.problems} == {str(b) for b in bad}

"""`hawkama score` output: the summary by default, --detail, JSON Lines, many files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hawkama import parallel
from hawkama.cli import cli
from tests.conftest import MINI, ROOT

SAMPLES = sorted((ROOT / "assessments").glob("*.yaml"))


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _json(*args: str) -> Any:
    result = invoke("score", *map(str, SAMPLES), *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "jsonl" not in args else result.stdout


def test_summary_and_detail_agree_on_everything_they_share() -> None:
    summary, detail = _json("--format", "json"), _json("--format", "json", "--detail")
    assert len(summary) == len(detail) == len(SAMPLES)
    for s, d in zip(summary, detail, strict=True):
        assert "questions" not in s
        assert len(d["questions"]) > 0
        assert set(s) == set(d) - {"questions"}
        assert s == {k: v for k, v in d.items() if k != "questions"}


def test_jsonl_is_the_array_one_compact_line_each() -> None:
    lines = _json("--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == _json("--format", "json")
    detail = _json("--format", "jsonl", "--detail").splitlines()
    assert [json.loads(line) for line in detail] == _json("--format", "json", "--detail")


def test_schemas_of_both_shapes() -> None:
    full = json.loads(invoke("schema", "result").stdout)
    summary = json.loads(invoke("schema", "result-summary").stdout)
    assert "questions" in full["properties"] and "questions" in full["required"]
    assert "questions" not in summary["properties"]
    assert set(full["properties"]) - set(summary["properties"]) == {"questions"}
    assert summary["title"] == "Hawkama result-summary"


@pytest.mark.parametrize("fmt", ["json", "text", "csv"])
def test_bad_file_among_good_gives_exit_2_and_no_output(tmp_path: Path, fmt: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("hawkama: 1\npolicy: 3\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(SAMPLES[0]), str(bad), "--format", fmt])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(bad) in result.stderr


def test_jsonl_streams_the_good_files_then_names_the_bad(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("hawkama: 1\npolicy: 3\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["score", str(SAMPLES[0]), str(bad), str(MINI / "low.yaml"), "--format", "jsonl"]
    )
    assert result.exit_code == 2
    assert [json.loads(x)["project"]["id"] for x in result.stdout.splitlines()] == [
        json.loads(_json("--format", "jsonl").splitlines()[0])["project"]["id"]
    ]
    assert str(bad) in result.stderr and str(MINI / "low.yaml") in result.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "csv"])
def test_many_files_over_the_cores_keep_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    files = []
    for i in range(3):
        for s in reversed(SAMPLES):
            files.append(tmp_path / f"{i}-{s.name}")
            shutil.copy(s, files[-1])
    serial = invoke("score", *map(str, files), "--format", fmt).stdout
    monkeypatch.setattr(parallel, "MIN_PER_WORKER", 2)
    spread = invoke("score", *map(str, files), "--format", fmt).stdout
    assert spread == serial
    if fmt == "json":
        ids = [r["project"]["id"] for r in json.loads(spread)]
        one = [json.loads(invoke("score", str(f), "--format", "json").stdout)[0] for f in files]
        assert ids == [r["project"]["id"] for r in one]


def test_large_output_goes_through_a_temporary_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from hawkama import score_stream

    in_memory = _json("--format", "json", "--detail")
    monkeypatch.setattr(score_stream, "SPOOL_IN_MEMORY", 1000)
    assert _json("--format", "json", "--detail") == in_memory

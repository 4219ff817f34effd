"""Fuzzing: mutated assessments and rubrics never crash a command.

For every mutation (a key deleted, duplicated, renamed or retyped, the file
truncated, random bytes inserted) each command exits 0 or 2, prints no traceback,
and an error names the file.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hawkama.cli import cli
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "assessments").glob("*.yaml"))
RUBRICS = ROOT / "rubrics"
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _paths(data: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


def _mutate_data(text: str, rng: random.Random) -> str:
    data = yaml.safe_load(text)
    paths = _paths(data)
    target = rng.choice(paths)
    parent = data
    for part in target[:-1]:
        parent = parent[part]  # type: ignore[index]
    key = target[-1]
    action = rng.choice(["delete", "retype", "rename", "nest"])
    if action == "delete":
        del parent[key]  # type: ignore[union-attr,arg-type]
    elif action == "retype":
        parent[key] = rng.choice([42, -1.5, "text", ["a", "b"], {"x": 1}, None, True, "2026-13-45"])  # type: ignore[index]
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{key}_x"] = parent.pop(key)
    else:
        parent[key] = {"value": parent[key], "extra": [1, 2]}  # type: ignore[index]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _mutate_text(text: str, rng: random.Random) -> bytes:
    raw = text.encode("utf-8")
    action = rng.choice(["truncate", "bytes", "duplicate_line"])
    if action == "truncate":
        return raw[: rng.randrange(len(raw))]
    if action == "bytes":
        pos = rng.randrange(len(raw))
        return raw[:pos] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + raw[pos:]
    lines = raw.split(b"\n")
    i = rng.randrange(len(lines))
    return b"\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])


def mutate(text: str, seed: int) -> bytes:
    rng = random.Random(seed)
    if rng.random() < 0.5:
        try:
            return _mutate_data(text, rng).encode("utf-8")
        except (IndexError, KeyError, TypeError):
            pass
    return _mutate_text(text, rng)


def assert_clean(result: object, name: str) -> None:
    exit_code = result.exit_code  # type: ignore[attr-defined]
    assert exit_code in (0, 2), (exit_code, result.output, result.exception)  # type: ignore[attr-defined]
    exc = result.exception  # type: ignore[attr-defined]
    assert exc is None or isinstance(exc, SystemExit), repr(exc)
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    if exit_code == 2:
        assert name in result.stderr, result.stderr  # type: ignore[attr-defined]


@SETTINGS
@given(st.sampled_from(SAMPLES), st.integers(0, 2**32))
def test_mutated_assessments(tmp_path: Path, sample: Path, seed: int) -> None:
    target = Path(tempfile.mkdtemp(dir=tmp_path)) / f"fuzz-{seed}.yaml"
    target.write_bytes(mutate(sample.read_text(encoding="utf-8"), seed))
    runner = CliRunner()
    for args in (
        ["validate", str(target)],
        ["score", str(target), "--policy", str(RUBRICS), "--format", "json"],
        ["explain", str(target)],
        ["portfolio", str(target), "--format", "csv"],
        ["diff", str(sample), str(target)],
    ):
        assert_clean(runner.invoke(cli, args), target.name)


@SETTINGS
@given(st.sampled_from(sorted(RUBRICS.glob("*.yaml"))), st.integers(0, 2**32))
def test_mutated_rubrics(tmp_path: Path, rubric: Path, seed: int) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path)) / f"r{seed}"
    shutil.copytree(RUBRICS, folder, ignore=shutil.ignore_patterns("versions"))
    (folder / rubric.name).write_bytes(mutate(rubric.read_text(encoding="utf-8"), seed))
    runner = CliRunner()
    result = runner.invoke(
        cli, ["score", str(SAMPLES[0]), "--policy", str(folder / "smart-city.yaml")]
    )
    assert_clean(result, "")
    if result.exit_code == 2:  # the broken rubric, or an answer it no longer accepts
        assert str(folder) in result.stderr or str(SAMPLES[0]) in result.stderr
    assert_clean(runner.invoke(cli, ["validate", str(folder / rubric.name)]), rubric.name)


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="file:///etc/passwd">',
        "http://example.invalid/x.png",
        "\u202egnp.exe",
        "\x1b[2J\x1b[31mred",
        "x" * 10_000,
        "مشروع 🚦 تجريبي",
    ],
)
def test_hostile_text_is_printed_verbatim_and_inert(tmp_path: Path, payload: str) -> None:
    sample = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    sample["project"]["title"] = payload
    first = next(iter(sample["answers"]))
    value = sample["answers"][first]
    sample["answers"][first] = {
        "value": value.get("value") if isinstance(value, dict) else value,
        "note": payload,
    }
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(sample, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = CliRunner().invoke(cli, ["score", str(path)], catch_exceptions=False)
    assert text.exit_code == 0
    assert "\x1b" not in text.output and "\u202e" not in text.output
    shown = payload.replace("\x1b", "\\u001b").replace("\u202e", "\\u202e")
    assert shown in text.output
    out = CliRunner().invoke(
        cli, ["score", str(path), "--format", "json", "--detail"], catch_exceptions=False
    )
    import json

    data = json.loads(out.output)[0]
    assert data["project"]["title"] == payload
    assert data["questions"][[q["id"] for q in data["questions"]].index(first)]["note"] == payload


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SAMPLES), st.integers(0, 2**32))
def test_mutated_assessments_report_and_assess(tmp_path: Path, sample: Path, seed: int) -> None:
    work = Path(tempfile.mkdtemp(dir=tmp_path))  # tmp_path is shared by all examples
    target = work / f"fuzz-{seed}.yaml"
    target.write_bytes(mutate(sample.read_text(encoding="utf-8"), seed))
    out = work / "out"
    runner = CliRunner()
    report = runner.invoke(cli, ["report", str(target), "--format", "html", "-o", str(out), "--force"])
    assert_clean(report, target.name)
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert all(not name.startswith(".") for name in written), written  # no temporary file left
    assert len(written) == (1 if report.exit_code == 0 else 0)
    before = target.read_bytes()
    assess = runner.invoke(cli, ["assess", str(target)], input="q\n")
    assert_clean(assess, target.name)
    if assess.exit_code == 2:
        assert target.read_bytes() == before  # a file it refused is left as it was


AIA_SURVEY = ROOT / "tool" / "hawkama" / "data" / "aia" / "survey-enfr.v1.0.1.json"  # shipped


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32))
def test_mutated_aia_questionnaire_import(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    raw = AIA_SURVEY.read_bytes()
    action = rng.choice(["truncate", "bytes", "rename"])
    if action == "truncate":
        raw = raw[: rng.randrange(len(raw))]
    elif action == "bytes":
        pos = rng.randrange(len(raw))
        raw = raw[:pos] + bytes(rng.randrange(256) for _ in range(4)) + raw[pos:]
    else:
        raw = raw.replace(b'"visibleIf": "', b'"visibleIf": "{nosuch} = 1 or ', rng.randint(1, 5))
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    survey = work / f"survey-enfr.v1.0.1.{seed}.json"
    survey.write_bytes(raw)
    out = work / "imp"
    result = CliRunner().invoke(cli, ["import", "aia", str(survey), "--version", "v1.0.1", "-o", str(out)])
    assert_clean(result, survey.name)
    if result.exit_code == 2:
        assert not out.exists() or not any(out.rglob("*.yaml"))


def test_hostile_text_is_inert_in_portfolio_and_diff(tmp_path: Path) -> None:
    sample = yaml.safe_load(SAMPLES[0].read_text(encoding="utf-8"))
    sample["project"]["title"] = "Evil \u202e\x1b[31m <b>x</b>"
    old = tmp_path / "old.yaml"
    old.write_text(yaml.safe_dump(sample, allow_unicode=True, sort_keys=False), encoding="utf-8")
    runner = CliRunner()
    portfolio = runner.invoke(cli, ["portfolio", str(old)], catch_exceptions=False)
    assert portfolio.exit_code == 0
    assert "Evil \\u202e\\u001b[31m <b>x</b>" in portfolio.output
    assert "\x1b" not in portfolio.output and "\u202e" not in portfolio.output

"""Fuzzing: mutated assessments and rubrics never crash a command.

For every mutation (a key deleted, duplicated, renamed or retyped, the file
truncated, random bytes inserted) each command exits 0 or 2, prints no traceback,
and an error names the file.
"""

from __future__ import annotations

import json
import os
import random
import selectors
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hawkama.cli import cli
from tests.conftest import MINI, ROOT

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


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(SAMPLES), st.integers(0, 2**32))
def test_mutated_assessments_report_and_assess(tmp_path: Path, sample: Path, seed: int) -> None:
    work = Path(tempfile.mkdtemp(dir=tmp_path))  # tmp_path is shared by all examples
    target = work / f"fuzz-{seed}.yaml"
    target.write_bytes(mutate(sample.read_text(encoding="utf-8"), seed))
    out = work / "out"
    runner = CliRunner()
    report = runner.invoke(
        cli, ["report", str(target), "--format", "html", "-o", str(out), "--force"]
    )
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


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
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
    result = CliRunner().invoke(
        cli, ["import", "aia", str(survey), "--version", "v1.0.1", "-o", str(out)]
    )
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


# --- The standing battery (issue #12) --------------------------------------------------
#
# For every command and every kind of input (assessment YAML, rubric and policy YAML, an
# AIA questionnaire, an AIA answer file, an issued report PDF, a git revision or version
# string), random mutations of real files must end in exit 0, 1 or 2, with no exception
# escaping, within a time and memory budget (tests/fuzz_worker.py: 20 s per command,
# 1 GiB of address space above the worker's size), and with nothing written on exit 2:
# no output file, no temporary file, and a file edited in place left byte for byte.

AIA_DATA = ROOT / "tests" / "data" / "aia"
HOSTILE = [
    "2026-02-30", "2026-13-01", "2026-05-04T25:61:00", "9" * 4400, "-" + "9" * 120, "1e999",
    ".nan", "-.inf", "0x" + "f" * 300, "!!python/object/apply:os.system ['id']", "!!set {a: 1}",
    "!!binary AAAA", "&a [*a, *a]", "*nosuch", "'\u202e'", "\"\\x00\"", "[" * 200, "{" * 80,
    "<<: {a: 1}", "? [a]\n  : b", "|\n  x", "٣", "１", "~", "[]", "{}", "yes", "''",
]  # fmt: skip


def mutate_hostile(text: str, seed: int) -> bytes:
    """``mutate``, or a value replaced with a hostile YAML token, or a control character."""
    rng = random.Random(seed)
    lines = text.split("\n")
    values = [
        i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")
    ]
    pick = rng.random()
    if pick < 0.45 and values:
        i = rng.choice(values)
        head = lines[i].split(": ", 1)[0]
        lines[i] = f"{head}: {rng.choice(HOSTILE)}"
        return "\n".join(lines).encode("utf-8")
    if pick < 0.55:
        pos = rng.randrange(len(text))
        return (
            text[:pos] + chr(rng.choice([0, 1, 7, 0x1B, 0x7F, 0x85, 0xFEFF])) + text[pos:]
        ).encode()
    return mutate(text, seed)


class Worker:
    """The tests/fuzz_worker.py process: one case in, one JSON reply out, with a deadline."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz_worker"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log.open("a"),
            text=True,
        )
        assert self._reply(120).get("ready")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def _reply(self, timeout: float) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout):
                self.stop()
                raise AssertionError(f"no answer within {timeout} s; the worker was stopped")
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            self.proc = None
            raise AssertionError(f"the worker died (exit {code}); see {self.log}")
        return dict(json.loads(line))

    def run(self, args: list[str | Path], input: str | None = None) -> dict[str, Any]:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"args": [str(a) for a in args], "input": input}) + "\n")
        self.proc.stdin.flush()
        return self._reply(FUZZ_SECONDS + 30)


FUZZ_SECONDS = 20


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    w = Worker(tmp_path_factory.mktemp("fuzz-worker") / "stderr.log")
    w.start()
    yield w
    w.stop()


def case(
    worker: Worker,
    args: list[str | Path],
    *,
    input: str | None = None,
    out: Path | None = None,
    edits: Path | None = None,
    named: str | None = None,
) -> dict[str, Any]:
    """Run one command; check the outcome classes and that exit 2 wrote nothing."""
    before = edits.read_bytes() if edits is not None else None
    reply = worker.run(args, input)
    assert reply["exception"] is None, (args, reply)
    assert reply["exit_code"] in (0, 1, 2), (args, reply)
    assert not reply["traceback"], (args, reply)
    if reply["exit_code"] == 2:
        if named is not None:
            assert named in reply["stderr"], (args, reply)
        if out is not None:
            assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()], args
        if edits is not None:
            assert edits.read_bytes() == before, args
    return reply


def no_temporary_files(folder: Path) -> None:
    assert not [p.name for p in folder.rglob(".*.tmp")], sorted(folder.rglob(".*"))


# Sized to keep the battery near 30 s on a shared machine; raise max_examples for a
# longer hunt.
BATTERY = settings(
    max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None
)


@BATTERY
@given(st.sampled_from(SAMPLES), st.integers(0, 2**32))
def test_battery_assessments(
    worker: Worker, tmp_path_factory: Any, sample: Path, seed: int
) -> None:
    work = tmp_path_factory.mktemp("fa")
    raw = mutate_hostile(sample.read_text(encoding="utf-8"), seed)
    target = work / "fuzz.yaml"
    target.write_bytes(raw)
    for args in (
        ["validate", target],
        ["validate", "--check-evidence", target],
        ["score", target, "--format", "json", "--detail"],
        ["score", target, "--format", "csv", "--fail-on", "LOW_RISK"],
        ["explain", target],
        ["portfolio", target, "--format", "csv"],
    ):
        case(worker, args, named=target.name)
    case(worker, ["diff", sample, target])
    case(worker, ["report", target, "--format", "html", "-o", work / "rep"], out=work / "rep")
    case(worker, ["migrate", target, "--to", "1.0.0", "-o", work / "m" / "m.yaml"], out=work / "m")
    edited = {name: work / name / "a.yaml" for name in ("assess", "review", "migrate-in-place")}
    for path in edited.values():
        path.parent.mkdir()
        path.write_bytes(raw)
    case(worker, ["assess", edited["assess"]], input="q\n", edits=edited["assess"])
    case(worker, ["review", edited["review"], "--decision", "defer", "--justification", "fuzz",
                  "--date", "2026-01-01"], edits=edited["review"])  # fmt: skip
    case(worker, ["migrate", edited["migrate-in-place"], "--to", "1.0.0"],
         edits=edited["migrate-in-place"])  # fmt: skip
    no_temporary_files(work)


@settings(BATTERY, max_examples=6)  # each example loads a policy afresh
@given(st.sampled_from(sorted(RUBRICS.glob("*.yaml"))), st.integers(0, 2**32))
def test_battery_rubrics_and_policies(
    worker: Worker, tmp_path_factory: Any, rubric: Path, seed: int
) -> None:
    work = tmp_path_factory.mktemp("fr")
    folder = work / "rubrics"
    shutil.copytree(RUBRICS, folder, ignore=shutil.ignore_patterns("versions", "aia-canada"))
    (folder / rubric.name).write_bytes(mutate_hostile(rubric.read_text(encoding="utf-8"), seed))
    policy = folder / "smart-city.yaml"
    case(worker, ["validate", folder / rubric.name], named=rubric.name)
    case(worker, ["rubric", "check", policy])
    case(worker, ["score", SAMPLES[0], "--policy", policy, "--format", "json"])
    case(worker, ["new", "--policy", policy, "-o", work / "new" / "n.yaml"], out=work / "new")
    case(worker, ["report", SAMPLES[0], "--policy", policy, "--format", "html", "-o",
                  work / "rep"], out=work / "rep")  # fmt: skip
    no_temporary_files(work)


def mutate_json(raw: bytes, seed: int) -> bytes:
    """A JSON file with a key deleted, renamed or retyped, or its text mutated."""
    rng = random.Random(seed)
    if rng.random() < 0.5:
        try:
            data = json.loads(raw)
            target = rng.choice(_paths(data))
            parent = data
            for part in target[:-1]:
                parent = parent[part]
            key = target[-1]
            action = rng.choice(["delete", "retype", "rename"])
            if action == "delete":
                del parent[key]
            elif action == "rename" and isinstance(parent, dict):
                parent[f"{key}_x"] = parent.pop(key)
            else:
                parent[key] = rng.choice(
                    [5, -1.5, 10**30, "text", "item9-9", [1, "a"], {"x": 1}, None, True, "(" * 50]
                )
            return json.dumps(data).encode("utf-8")
        except (IndexError, KeyError, TypeError, ValueError):
            pass
    return _mutate_text(raw.decode("utf-8"), rng)


AIA_SURVEYS = sorted((AIA_DATA / "surveys").glob("survey-enfr.v*.json"))
AIA_ANSWERS = sorted((AIA_DATA / "worked-examples").glob("answers-*.json"))


@pytest.mark.skipif(not AIA_ANSWERS, reason="tests/data/aia is not in this checkout")
@BATTERY
@given(st.sampled_from(AIA_SURVEYS), st.integers(0, 2**32))
def test_battery_aia_questionnaires(
    worker: Worker, tmp_path_factory: Any, survey: Path, seed: int
) -> None:
    work = tmp_path_factory.mktemp("fq")
    target = work / survey.name
    target.write_bytes(mutate_json(survey.read_bytes(), seed))
    case(worker, ["import", "aia", target, "-o", work / "imp"], out=work / "imp",
         named=target.name)  # fmt: skip
    no_temporary_files(work)


@pytest.mark.skipif(not AIA_ANSWERS, reason="tests/data/aia is not in this checkout")
@BATTERY
@given(st.sampled_from(AIA_ANSWERS), st.integers(0, 2**32))
def test_battery_aia_answer_files(
    worker: Worker, tmp_path_factory: Any, answers: Path, seed: int
) -> None:
    work = tmp_path_factory.mktemp("fj")
    target = work / answers.name
    target.write_bytes(mutate_json(answers.read_bytes(), seed))
    case(worker, ["validate", target], named=target.name)
    case(worker, ["score", "--policy", "aia-canada", target, "--format", "json"])
    case(worker, ["report", "--policy", "aia-canada", target, "--format", "html", "-o",
                  work / "rep"], out=work / "rep")  # fmt: skip
    case(worker, ["export", "aia", target, "-o", work / "exp" / "x.json"], out=work / "exp")
    no_temporary_files(work)


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("issued")
    result = CliRunner().invoke(
        cli,
        [
            "report",
            str(MINI / "low.yaml"),
            "--policy",
            str(MINI),
            "--date",
            "2026-11-26",
            "-o",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return next(out.glob("*.pdf"))


# A report that still parses is re-rendered by verify (a second or two): fewer examples.
@settings(BATTERY, max_examples=4)
@given(st.integers(0, 2**32))
def test_battery_report_pdfs(
    worker: Worker, tmp_path_factory: Any, issued: Path, seed: int
) -> None:
    rng = random.Random(seed)
    action = rng.choice(["truncate", "bytes", "flip", "splice"])
    raw = bytearray(issued.read_bytes())
    pos = rng.randrange(len(raw))
    if action == "truncate":
        raw = raw[:pos]
    elif action == "bytes":
        raw[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    elif action == "flip":
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    else:
        raw[pos:pos] = raw[rng.randrange(len(raw)) :][: rng.randint(1, 4096)]
    target = tmp_path_factory.mktemp("fp") / "r.pdf"
    target.write_bytes(bytes(raw))
    case(worker, ["verify", target], named=target.name)


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("git")
    target = repo / "a.yaml"
    shutil.copy(SAMPLES[0], target)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "v1"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)
    return target


REVISION = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["HEAD", "HEAD~1", "HEAD\nfoo", "--output=x", "HEAD:../../etc/passwd",
                     "@{-1}", "HEAD^{tree}", "1.0", "", "-1", "1.0.0;id", "../../../etc/passwd"]),
)  # fmt: skip


@BATTERY
@given(REVISION)
def test_battery_revisions_and_versions(
    worker: Worker, tmp_path_factory: Any, committed: Path, text: str
) -> None:
    work = tmp_path_factory.mktemp("fv")
    if "\x00" in text:
        return  # an argument cannot hold NUL: the operating system refuses it before us
    case(worker, ["diff", committed, "--rev", text])
    case(worker, ["report", committed, "--rev", text, "--format", "html", "-o", work / "rep"],
         out=work / "rep")  # fmt: skip
    case(worker, ["migrate", committed, "--to", text, "-o", work / "m" / "m.yaml"], out=work / "m")
    assert committed.read_bytes() == SAMPLES[0].read_bytes()

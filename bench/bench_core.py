"""Benchmark of the light commands and the engine (a script, not a test).

    python bench/bench_core.py   # prints a table, rewrites the core section of bench/results.md

Measures: `hawkama --help` and `hawkama score` on one assessment as a ratio to
`python -c "import click, pydantic, yaml"`; whether those commands import WeasyPrint
(python -X importtime); in-process scoring throughput over 1,000 generated assessments
(YAML parsing excluded); YAML loading of a typical assessment.

Start-up is timed as an installed tool starts: with `.pyc` files present. Each command
runs once untimed first (which writes them, and the policy cache entry), and the child
processes run without PYTHONDONTWRITEBYTECODE, which would have every run compile our
modules from source (about 90 ms).
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from results_file import write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tool"))

from hawkama.documents import load_assessment_doc  # noqa: E402
from hawkama.engine.evaluate import evaluate, evaluate_summary  # noqa: E402
from hawkama.models.assessment import Assessment  # noqa: E402
from hawkama.policy.compiled import PolicySet  # noqa: E402
from hawkama.policy.load import load_policy_set  # noqa: E402

RUNS = 15
# The children write and use .pyc files, as an installed Hawkama does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=False, capture_output=True, cwd=ROOT, env=ENV)


def wall(cmd: list[str]) -> float:
    run(cmd)  # untimed: writes the .pyc files (and the policy cache entry)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run(cmd)
        times.append(time.perf_counter() - start)
    return min(times)  # the run least disturbed by other work on the machine


def cpu(cmd: list[str]) -> float:
    """Best CPU seconds (user + system) of one process: steadier than wall time on a
    machine shared with other work."""
    run(cmd)
    times = []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run(cmd)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times)


def throughput(ps: PolicySet, assessments: list[Assessment], fn: Any) -> float:
    fn(ps, assessments[0])
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for a in assessments:
            fn(ps, a)
        best = min(best, time.process_time() - start)
    return len(assessments) / best


def imports_weasyprint(args: list[str]) -> bool:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hawkama", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return "weasyprint" in out.stderr


def sample_assessment() -> Path:
    samples = sorted((ROOT / "assessments").glob("*.yaml"))
    return samples[0] if samples else ROOT / "tests" / "data" / "mini" / "low.yaml"


def generate(ps: PolicySet, n: int, seed: int = 7) -> list[Assessment]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        answers: dict[str, Any] = {}
        for qid, qd in ps.questions.items():
            q = qd.question
            ids = list(qd.options)
            if q.type in ("single", "yesno") and ids:
                answers[qid] = rng.choice(ids)
            elif q.type == "multiple" and ids:
                answers[qid] = rng.sample(ids, rng.randint(1, min(3, len(ids))))
            elif q.type == "risk":
                answers[qid] = f"{rng.randint(1, 5)}x{rng.randint(1, 5)}"
            elif q.type == "scale":
                lo, hi = (q.scale.min, q.scale.max) if q.scale else (0, 4)
                answers[qid] = rng.randint(lo, hi)
        mitigations = {
            mid: {"status": rng.choice(["proposed", "committed", "implemented"])}
            for mid in ps.mitigation_question
            if rng.random() < 0.3
        }
        out.append(
            Assessment.model_validate(
                {
                    "hawkama": 1,
                    "policy": {"id": ps.id, "version": ps.version},
                    "project": {"id": f"GEN-{i:04d}", "title": f"Generated {i}"},
                    "answers": answers,
                    "mitigations": mitigations,
                }
            )
        )
    return out


N = 1000  # generated assessments a throughput run scores


def _throughput_in_child(kind: str) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--throughput", kind],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(out.stdout.split()[-1])


def _throughput_here(kind: str) -> None:
    ps = load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    fn = evaluate if kind == "full" else evaluate_summary
    print(f"{throughput(ps, generate(ps, N), fn):.1f}")


def main() -> None:
    sample = sample_assessment()
    hawkama = [sys.executable, "-m", "hawkama"]
    base = wall([sys.executable, "-c", "import click, pydantic, yaml"])
    help_t = wall([*hawkama, "--help"])
    score_t = wall([*hawkama, "score", str(sample)])
    base_cpu = cpu([sys.executable, "-c", "import click, pydantic, yaml"])
    score_cpu = cpu([*hawkama, "score", str(sample)])
    ps = load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    # Each in a fresh process, best of 3: in one process the second figure depends on
    # what the first left on the heap (1,000 full Results make later runs 20-30% slower).
    summary_per_second = max(_throughput_in_child("summary") for _ in range(3))
    per_second = max(_throughput_in_child("full") for _ in range(3))
    loads = []
    for _ in range(200):
        start = time.perf_counter()
        load_assessment_doc(sample)
        loads.append(time.perf_counter() - start)
    load_ms = statistics.median(loads) * 1000
    rows = [
        ("baseline `python -c 'import click, pydantic, yaml'`", f"{base * 1000:.0f} ms", ""),
        ("`hawkama --help`", f"{help_t * 1000:.0f} ms", f"ratio {help_t / base:.2f} (goal <= 1.5)"),
        (
            f"`hawkama score {sample.relative_to(ROOT)}`",
            f"{score_t * 1000:.0f} ms",
            f"ratio {score_t / base:.2f} (goal <= 1.5)",
        ),
        (
            "the same, CPU time (user + system)",
            f"{score_cpu * 1000:.0f} ms",
            f"ratio {score_cpu / base_cpu:.2f} to the baseline's {base_cpu * 1000:.0f} ms",
        ),
        (
            "WeasyPrint imported by --help / validate / score",
            str(
                any(
                    imports_weasyprint(a)
                    for a in (["--help"], ["validate", str(sample)], ["score", str(sample)])
                )
            ),
            "goal False",
        ),
        (
            f"scoring throughput, {N} assessments, "
            f"policy {ps.id} ({len(ps.questions)} questions), full Result (`evaluate`)",
            f"{per_second:,.0f} / s",
            "CPU time; goal >= 5,000 / s",
        ),
        (
            "the same, summary (`evaluate_summary`, what score and portfolio use)",
            f"{summary_per_second:,.0f} / s",
            "CPU time; goal >= 5,000 / s",
        ),
        (f"YAML loading + validation of {sample.name}", f"{load_ms:.2f} ms", "goal < 2 ms"),
    ]
    table = "| measure | value | note |\n|---|---|---|\n" + "\n".join(
        f"| {a} | {b} | {c} |" for a, b, c in rows
    )
    print(
        f"Start-up: the best of {RUNS} runs, with .pyc files present (each command ran "
        "once first; the children ran without PYTHONDONTWRITEBYTECODE)."
    )
    print(table)
    write_section(
        "core",
        "## Core commands and engine (`python bench/bench_core.py`)\n\n"
        f"Measured {time.strftime('%Y-%m-%d')} on this machine (2 cores), "
        f"start-up the best of {RUNS} runs, YAML loading the median. Start-up with `.pyc` "
        "files present (each command run once first; the children run without "
        f"PYTHONDONTWRITEBYTECODE), as an installed tool starts.\n\n{table}",
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--throughput"]:
        _throughput_here(sys.argv[2])
    else:
        main()

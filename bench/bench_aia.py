"""Benchmark of the Canada AIA import and scoring (a script, not a test).

    python bench/bench_aia.py   # prints a table, rewrites its section of bench/results.md

Imports every questionnaire version (one `hawkama import aia` call each) into one
temporary folder tree, then times, start-up included, one
`hawkama score --policy TREE --format json FILES...` call per version group of answer
files (published AIAs and worked examples) and one call over all of them. Each time
is the median of several runs; every run's four values are checked against the
official figures, so a fast wrong answer does not count.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from results_file import write_section

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
# The expected figures and the data (shipped in the repository) live with the tests
# that assert them; one source of truth.
sys.path.insert(0, str(ROOT))
from tests.test_import_aia import AIA, FOUR, SURVEYS, WORKED  # noqa: E402

HAWKAMA = [sys.executable, "-m", "hawkama"]


def expected(path: Path) -> tuple[int, ...]:
    if path.parent.name == "worked-examples":
        return WORKED[path.name.split("-")[1]]
    with (AIA / "published" / "SUMMARY.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["package_id"] == path.stem:
                return tuple(int(row[k]) for k in FOUR)
    raise KeyError(path)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], runs: int = RUNS) -> tuple[float, float, str]:
    """Median wall and CPU seconds of one process; CPU time suffers less from a busy machine."""
    times, cpus, out = [], [], ""
    for _ in range(runs):
        start, cpu = time.perf_counter(), _child_cpu()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
        times.append(time.perf_counter() - start)
        cpus.append(_child_cpu() - cpu)
        if proc.returncode != 0:
            shown = " ".join(cmd[:8]) + (" ..." if len(cmd) > 8 else "")
            raise SystemExit(f"failed ({proc.returncode}): {shown}\n{proc.stderr[-2000:]}")
        out = proc.stdout
    return statistics.median(times), statistics.median(cpus), out


def check(files: list[Path], output: str) -> int:
    results = json.loads(output)
    ok = sum(
        tuple(r["values"][k] for k in FOUR) == expected(p)
        for p, r in zip(files, results, strict=True)
    )
    return ok


def main() -> None:
    groups: dict[str, list[Path]] = defaultdict(list)
    files = sorted((AIA / "published").glob("*.json")) + sorted(
        (AIA / "worked-examples").glob("*.json")
    )
    for f in files:
        groups[json.loads(f.read_text(encoding="utf-8"))["version"]].append(f)
    rows: list[tuple[str, str, str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "aia"
        for survey in SURVEYS:
            cmd = [*HAWKAMA, "import", "aia", str(survey), "-o", str(tree), "--force"]
            wall, cpu, _ = timed(cmd, runs=3)
            rows.append(("import", survey.name, "-", wall, cpu))
        for version, group in [*sorted(groups.items()), ("all versions, one call", files)]:
            cmd = [*HAWKAMA, "score", "--policy", str(tree), "--format", "json", *map(str, group)]
            wall, cpu, out = timed(cmd)
            rows.append(("score", version, f"{check(group, out)}/{len(group)}", wall, cpu))
    load = os.getloadavg()[0]
    lines = [
        "## AIA import and scoring (bench/bench_aia.py)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}. One CLI process per row, "
        f"start-up included; median of {RUNS} runs for scoring, 3 for imports. Load average "
        f"at the end: {load:.2f} (a shared machine: wall time grows with other people's work, "
        "CPU time much less).",
        "",
        "| step | what | files matching the official figures | wall (s) | CPU (s) |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [f"| {s} | {w} | {ok} | {t:.2f} | {c:.2f} |" for s, w, ok, t, c in rows]
    total = rows[-1]
    lines += [
        "",
        f"Budget: all {len(files)} files in one `hawkama score` call under 2 s wall; measured "
        f"{total[3]:.2f} s wall, {total[4]:.2f} s CPU ({'met' if total[3] < 2 else 'NOT met'}).",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    write_section("aia", text)


if __name__ == "__main__":
    main()

"""Benchmark of signing and verifying a report (a script, not a test).

    python bench/bench_verify.py   # prints a table, rewrites its section of bench/results.md

For the largest sample assessment: `hawkama report` unsigned and with --sign, then
`hawkama verify` (which re-scores the sources and renders the report again to compare
its pages) on each, one CLI process per run, start-up included; medians of RUNS runs.
Goal (issue 15): verify, re-render included, at most 1.3 times report.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_file import write_section

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3
HAWKAMA = [sys.executable, "-m", "hawkama"]
GOAL = 1.3


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one CLI run; it must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*HAWKAMA, *args], cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median(rows: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in rows), statistics.median(r[1] for r in rows)


def main() -> None:
    sample = max((ROOT / "assessments").glob("*.yaml"), key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        timed(["keys", "init", "--dir", "keys", "--name", "Bench committee"], work)
        base = ["report", str(sample), "--date", "2026-11-26", "--force", "--no-register"]
        times: dict[str, list[tuple[float, float]]] = {}
        for _ in range(RUNS):
            times.setdefault("report", []).append(timed([*base, "-o", "plain"], work))
            times.setdefault("report --sign", []).append(
                timed([*base, "-o", "signed", "--sign"], work)
            )
        pdf = next((work / "plain").glob("*.pdf"))
        signed = work / "signed" / pdf.name
        for _ in range(RUNS):
            times.setdefault("verify (unsigned)", []).append(timed(["verify", str(pdf)], work))
            times.setdefault("verify --trust (signed)", []).append(
                timed(["verify", "--trust", "keys/cert.pem", str(signed)], work)
            )
        import pypdf

        pages = len(pypdf.PdfReader(pdf).pages)
        sizes = (pdf.stat().st_size, signed.stat().st_size)
    med = {k: median(v) for k, v in times.items()}
    rows = [f"| `hawkama {k}` | {w:.2f} | {c:.2f} |" for k, (w, c) in med.items()]
    ratio_cpu = med["verify (unsigned)"][1] / med["report"][1]
    ratio_wall = med["verify (unsigned)"][0] / med["report"][0]
    sign_cpu = med["report --sign"][1] - med["report"][1]
    signed_cpu = med["verify --trust (signed)"][1] / med["report --sign"][1]
    load = os.getloadavg()[0]
    body = f"""## Signing and verifying a report (`python bench/bench_verify.py`)

Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, \
{platform.system()}. Sample: `{sample.name}` (the largest), {pages} pages, \
{sizes[0]:,} bytes unsigned and {sizes[1]:,} signed. One CLI process per run, start-up \
included; median of {RUNS} runs. Load average at the end: {load:.2f} (a shared machine: \
CPU time is the steadier figure).

| command | wall (s) | CPU (s) |
|---|---:|---:|
{chr(10).join(rows)}

Signing adds {sign_cpu:.2f} s CPU to a report. `verify` re-scores the sources and renders \
the report again to compare its pages: {ratio_cpu:.2f}x the CPU time of `report` \
({ratio_wall:.2f}x wall); goal at most {GOAL}x: {"met" if ratio_cpu <= GOAL else "NOT met"}. \
For a signed report, `verify --trust` takes {signed_cpu:.2f}x the CPU time of `report --sign`.
"""
    print(body)
    write_section("verify", body)


if __name__ == "__main__":
    main()

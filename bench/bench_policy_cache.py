"""What the per-user policy cache saves (a script, not a test).

    python bench/bench_policy_cache.py   # prints a table, rewrites the policy-cache section

`hawkama score` on one sample, one CLI process per run, start-up included: best of 10
wall time with the cache off (HAWKAMA_CACHE=off) and on (an entry already written),
the runs interleaved so that other work on the machine weighs on both alike; CPU time
(user + system) alongside, the steadier figure on a shared machine.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_file import write_section

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "assessments/dam-2026-004-smart-parking.yaml"
RUNS = 10


def run(env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "hawkama", "score", SAMPLE],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env=env,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def in_process(cache_dir: str) -> dict[str, float]:
    """Best CPU time of loading the policy alone, in this process, off and on."""
    sys.path.insert(0, str(ROOT / "tool"))
    from hawkama.policy import cache as policy_cache
    from hawkama.policy.load import load_policy_set

    policy = ROOT / "rubrics" / "smart-city.yaml"
    os.environ["HAWKAMA_CACHE_DIR"] = cache_dir
    best = {}
    for mode in ("off", "on"):
        os.environ["HAWKAMA_CACHE"] = mode
        load_policy_set(policy)
        times = []
        for _ in range(RUNS):
            policy_cache._COMPILED.clear()  # the file entry, as a new process would use it
            start = time.process_time()
            load_policy_set(policy)
            times.append(time.process_time() - start)
        best[mode] = min(times)
    return best


def main() -> None:
    on = {**os.environ, "HAWKAMA_CACHE_DIR": tempfile.mkdtemp(prefix="hawkama-bench-cache-")}
    off = {**on, "HAWKAMA_CACHE": "off"}
    run(on)  # writes the entry
    times: dict[str, list[tuple[float, float]]] = {"off": [], "on": []}
    for _ in range(RUNS):
        times["off"].append(run(off))
        times["on"].append(run(on))
    best = {k: (min(w for w, _ in v), min(c for _, c in v)) for k, v in times.items()}
    saved = (best["off"][0] - best["on"][0], best["off"][1] - best["on"][1])
    rows = [
        f"| cache off (`HAWKAMA_CACHE=off`) | {best['off'][0] * 1000:.0f} | "
        f"{best['off'][1] * 1000:.0f} |",
        f"| cache on (JSON entry present) | {best['on'][0] * 1000:.0f} | "
        f"{best['on'][1] * 1000:.0f} |",
        f"| saved | {saved[0] * 1000:.0f} | {saved[1] * 1000:.0f} |",
    ]
    inner = in_process(on["HAWKAMA_CACHE_DIR"])
    rows.append(
        f"| in one process, loading the policy `smart-city` alone (CPU): off "
        f"{inner['off'] * 1000:.0f}, on {inner['on'] * 1000:.0f} | | "
        f"saved {(inner['off'] - inner['on']) * 1000:.0f} |"
    )
    load = os.getloadavg()[0]
    body = "\n".join(
        [
            "## Policy cache (`python bench/bench_policy_cache.py`)",
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}. `hawkama score {SAMPLE}`, one CLI process per run, "
            f"start-up included; best of {RUNS}, off and on interleaved. Load average at the "
            f"end: {load:.2f}.",
            "",
            "| run | wall (ms) | CPU (ms) |",
            "|---|---:|---:|",
            *rows,
            "",
            "The pickled entry this replaced (before #11), measured the same way the same "
            "day: 119 ms wall and 100 ms CPU saved per command. Unpickling skipped building "
            "pydantic's validators for the policy models (about 50 ms, once per process), "
            "which JSON, validated again when read, must build; in one process, where they "
            "are built already, the pickle saved about 75 ms a load. Kept, as JSON: it still "
            "saves the YAML parsing with line marks, about 50 ms a command.",
        ]
    )
    print(body)
    write_section("policy-cache", body)


if __name__ == "__main__":
    main()

"""Speed and memory at scale (issue 18): batches timed with /usr/bin/time -v (a script, not a test).

    python bench/bench_scale.py [--quick] [--baseline REF]

Generates, with fixed seeds, N smart-city assessment files (random valid answers,
see bench_portfolio.answers_for) and 620 Canada AIA answer files (random valid
answers to every question of the shipped questionnaire, in the AIA's own save
format), then runs each command as a user does, one process a row, and records wall
time and peak RSS (maximum resident set size from `/usr/bin/time -v`). With
``--baseline REF`` the same rows are also run with the Hawkama of git revision REF
(checked out into a temporary folder), in the same run, for before/after figures.
``--quick`` skips the 10,000-file rows (the machine's cores are shared).

Rewrites its section of bench/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from results_file import write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tool"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_portfolio import answers_for  # noqa: E402

from hawkama.importers.aia import shipped_survey  # noqa: E402
from hawkama.importers.aia_survey import elements  # noqa: E402
from hawkama.policyset import PolicySet, load_policy_set  # noqa: E402
from hawkama.yamlio import dump_yaml  # noqa: E402

TIME = Path("/usr/bin/time")
AIA_FILES = 620
VERSION = "1.0.1"  # the questionnaire shipped (hawkama.importers.aia.shipped_survey)


# --- inputs ---------------------------------------------------------------------------


def smart_city_files(ps: PolicySet, folder: Path, n: int, seed: int = 18) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        doc = {
            "hawkama": 1,
            "policy": {"id": ps.id, "version": ps.version},
            "project": {"id": f"GEN-{i:05d}", "title": f"Generated project {i}"},
            "answers": answers_for(ps, rng),
        }
        path = folder / f"gen-{i:05d}.yaml"
        path.write_text(dump_yaml(doc), encoding="utf-8")
        files.append(path)
    return files


def aia_files(folder: Path, n: int = AIA_FILES, seed: int = 620) -> list[Path]:
    """Answer files as the AIA tool saves them: a random valid answer to every question."""
    survey = json.loads(shipped_survey().read_text(encoding="utf-8"))
    questions = [e.el for e in elements(survey) if e.el.get("type") not in ("panel", "html")]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        data: dict[str, Any] = {}
        for q in questions:
            choices = [c["value"] if isinstance(c, dict) else c for c in q.get("choices") or []]
            kind = q.get("type")
            if kind in ("radiogroup", "dropdown") and choices:
                data[q["name"]] = rng.choice(choices)
            elif kind == "checkbox" and choices:
                data[q["name"]] = rng.sample(choices, rng.randint(1, len(choices)))
            elif kind in ("text", "comment"):
                data[q["name"]] = f"Generated answer {i}"
        path = folder / f"aia-{i:04d}.json"
        payload = {
            "version": f"v{VERSION}",
            "currentPage": 0,
            "data": data,
            "translationsOnResult": {},
        }
        path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        files.append(path)
    return files


# --- running --------------------------------------------------------------------------


def measured(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and output bytes of one process."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.run(
            [str(TIME), "-v", *cmd], stdout=out, stderr=subprocess.PIPE, env=env, check=False
        )
        wall = time.perf_counter() - start
        size = out.tell()
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd[:6])} ...\n{err[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))  # type: ignore[union-attr]
    return wall, rss / 1024, size


def best_of(cmd: Sequence[str], env: dict[str, str], runs: int) -> tuple[float, float, int]:
    results = [measured(cmd, env) for _ in range(runs)]
    return min(results)


def baseline_tree(ref: str, into: Path) -> Path:
    """The tool/ folder of git revision ref, for before/after in the same run."""
    archive = subprocess.run(
        ["git", "archive", ref, "tool", "rubrics"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "tool"


def env_for(tool: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(tool)
    env["HAWKAMA_CACHE_DIR"] = tempfile.mkdtemp(prefix="hawkama-bench-cache-")
    return env


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip the 10,000-file rows")
    ap.add_argument("--baseline", metavar="REF", help="also run git revision REF")
    ap.add_argument("--runs", type=int, default=1, help="best of N runs a row")
    args = ap.parse_args()
    if not TIME.exists():
        raise SystemExit("needs /usr/bin/time (Debian package `time`): apt-get install time")
    ps = load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    work = Path(tempfile.mkdtemp(prefix="hawkama-scale-"))
    try:
        tools = {"now": env_for(ROOT / "tool")}
        if args.baseline:
            tools[f"base {args.baseline}"] = env_for(baseline_tree(args.baseline, work / "base"))
        py = sys.executable
        sizes = [1, 10, 100, 1000] + ([] if args.quick else [10_000])
        city = smart_city_files(ps, work / "city", max(sizes))
        aia = aia_files(work / "aia")
        score = [py, "-m", "hawkama", "score"]
        rows: list[tuple[str, str, float, float, int]] = []

        def run(label: str, cmd: list[str], goal: str, heavy: bool = False) -> None:
            for name, env in tools.items():
                if heavy and name != "now":
                    continue  # the old 10,000-file runs take minutes and gigabytes
                wall, rss, size = best_of(cmd, env, 1 if heavy else args.runs)
                rows.append((label, name, wall, rss, size))
                print(f"{label:<60} {name:<14} {wall:7.2f} s {rss:8.0f} MB  goal {goal}")

        aia_policy = ["--policy", "aia-canada"]
        for fmt in ("json", "text", "csv"):
            run(
                f"score --format {fmt}, {len(aia)} AIA answer files",
                [*score, *aia_policy, "--format", fmt, *map(str, aia)],
                "<= 2 s, <= 200 MB",
            )
        run(
            f"score --format json --detail, {len(aia)} AIA answer files",
            [*score, *aia_policy, "--format", "json", "--detail", *map(str, aia)],
            "(the full record)",
        )
        for n in sizes:
            folder = work / f"city-{n}"
            if not folder.exists():
                folder.mkdir()
                for f in city[:n]:
                    os.link(f, folder / f.name)
            files = sorted(map(str, folder.glob("*.yaml")))
            heavy = n >= 10_000
            run(
                f"score --format json, {n:,} smart-city files",
                [*score, "--format", "json", *files],
                "<= 20 s, <= 200 MB at 10,000",
                heavy,
            )
            run(
                f"portfolio --format csv, {n:,} smart-city files",
                [py, "-m", "hawkama", "portfolio", str(folder), "--format", "csv"],
                "<= 10 s, <= 300 MB at 10,000",
                heavy,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = "| run | hawkama | wall (s) | peak RSS (MB) | output (MB) |\n|---|---|---:|---:|---:|\n"
    table += "\n".join(
        f"| {label} | {name} | {wall:.2f} | {rss:.0f} | {size / 1e6:.1f} |"
        for label, name, wall, rss, size in rows
    )
    load = os.getloadavg()[0]
    write_section(
        "scale",
        "## Speed and memory at scale (`python bench/bench_scale.py`)\n\n"
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores "
        f"shared with other agents' work (load average {load:.2f} at the end), Python "
        f"{platform.python_version()}; one process a row, wall time and peak RSS from "
        f"`/usr/bin/time -v`, best of {args.runs} (one run for the 10,000-file rows).\n\n"
        + table,
    )
    print(table)


if __name__ == "__main__":
    main()

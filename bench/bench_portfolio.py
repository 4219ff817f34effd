"""Benchmark of `hawkama portfolio` over 1,000 generated assessments (a script, not a test).

    python bench/bench_portfolio.py [N]   # prints a table, rewrites its section of bench/results.md

Writes N (default 1,000) assessment files with random valid answers for the shipped
smart-city policy into a temporary folder (a third with a review record and conditions,
half without project.updated so that the file date is used), then times
`hawkama portfolio DIR --format csv` and `--format pdf` end to end, as a user runs them.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from results_file import write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tool"))

from hawkama.policy.compiled import PolicySet  # noqa: E402
from hawkama.policy.load import load_policy_set  # noqa: E402
from hawkama.yamlio import dump_yaml  # noqa: E402

RUNS = 3
NOTES = """
Where the time goes (cProfile of the CSV run, 1,000 files, before scoring was spread over
the cores with `hawkama.parallel`, which took it from 5.2 s to 4.2 s): reading the YAML about
45% (the C parser, then the Python walk that builds the data and refuses duplicate keys and
alias bombs), the engine about 35% (`evaluate`, a third of it building the Result), the rest
checks and pydantic validation; the portfolio itself (building, CSV) is under 0.2 s.
The PDF adds WeasyPrint's layout, about 0.3 s a page: tables use `table-layout: fixed`
and set column widths, which halved it (automatic table layout measured every cell
several times: 75 s before).
"""
PLACES = ["Cairo", "Giza", "Alexandria", "Damietta", "Fayoum", "Qena", "Aswan", "Luxor"]
SECTORS = ["mobility", "safety", "social", "water", "energy", "services", "planning"]


def answers_for(ps: PolicySet, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for qid, qd in ps.questions.items():
        q = qd.question
        ids = list(qd.options)
        if q.type in ("single", "yesno") and ids:
            # Mostly the first option (usually the safest): real portfolios are not all PROHIBITED.
            answers[qid] = ids[0] if rng.random() < 0.75 else rng.choice(ids)
        elif q.type == "multiple" and ids:
            answers[qid] = [ids[0]] if rng.random() < 0.75 else rng.sample(ids, 2)
        elif q.type == "risk":
            lmax = q.risk.likelihood_max if q.risk else 5
            imax = q.risk.impact_max if q.risk else 5
            answers[qid] = f"{rng.randint(1, lmax // 2)}x{rng.randint(1, imax)}"
        elif q.type == "scale":
            lo, hi = (q.scale.min, q.scale.max) if q.scale else (0, 4)
            answers[qid] = rng.randint(lo, hi)
    return answers


def document(ps: PolicySet, i: int, rng: random.Random) -> dict[str, Any]:
    mitigations = sorted(ps.mitigation_question)
    project: dict[str, Any] = {
        "id": f"GEN-{i:04d}",
        "title": f"Generated project {i}",
        "governorate": rng.choice(PLACES),
        "sector": rng.choice(SECTORS),
    }
    if i % 2 == 0:
        project["updated"] = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    doc: dict[str, Any] = {
        "hawkama": 1,
        "policy": {"id": ps.id, "version": ps.version},
        "project": project,
        "answers": answers_for(ps, rng),
        "mitigations": {
            mid: {"status": rng.choice(["proposed", "committed", "implemented"])}
            for mid in mitigations
            if rng.random() < 0.3
        },
    }
    if i % 3 == 0:
        doc["review"] = {
            "reviewers": [{"name": "Bench Reviewer", "role": "chair"}],
            "decision": "approve_with_conditions",
            "justification": "Generated for the benchmark.",
            "conditions": [
                {
                    "text": f"Condition {k}",
                    "answers": [rng.choice(mitigations)],
                    "due": dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 365)),
                    "done": rng.random() < 0.3,
                }
                for k in range(rng.randint(1, 3))
            ],
        }
    return doc


def generate(folder: Path, n: int, seed: int = 7) -> None:
    ps = load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    rng = random.Random(seed)
    for i in range(n):
        (folder / f"gen-{i:04d}.yaml").write_text(dump_yaml(document(ps, i, rng)), encoding="utf-8")


def wall(cmd: list[str], runs: int = RUNS) -> float:
    times = []
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1784246400"}  # 2026-07-17: fixed "today"
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode()[-2000:]}")
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "assessments"
        folder.mkdir()
        start = time.perf_counter()
        generate(folder, n)
        gen = time.perf_counter() - start
        hawkama = [sys.executable, "-m", "hawkama", "portfolio", str(folder)]
        csv_t = wall([*hawkama, "--format", "csv", "-o", str(Path(tmp) / "p.csv"), "--force"])
        pdf_t = wall([*hawkama, "--format", "pdf", "-o", str(Path(tmp) / "p.pdf"), "--force"], 1)
        pdf_ar = wall(
            [
                *hawkama,
                "--format",
                "pdf",
                "--lang",
                "ar",
                "-o",
                str(Path(tmp) / "a.pdf"),
                "--force",
            ],
            1,
        )
        size = (Path(tmp) / "p.pdf").stat().st_size
        from pypdf import PdfReader

        pages = len(PdfReader(Path(tmp) / "p.pdf").pages)
    rows = [
        (f"`hawkama portfolio DIR --format csv` ({n} files)", f"{csv_t:.2f} s"),
        (f"`hawkama portfolio DIR --format pdf` ({n} files)", f"{pdf_t:.2f} s"),
        (f"`hawkama portfolio DIR --format pdf --lang ar` ({n} files)", f"{pdf_ar:.2f} s"),
        ("PDF pages / size (en)", f"{pages} / {size / 1024:.0f} KiB"),
        ("generating the files (not timed above)", f"{gen:.2f} s"),
    ]
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    text = (
        "## Portfolio benchmark (`python bench/bench_portfolio.py`)\n\n"
        f"Measured {dt.date.today()} on {platform.machine()} with {os.cpu_count()} cores "
        f"(shared), Python {platform.python_version()}; CSV: median of {RUNS} runs, PDF: one run; "
        "wall time "
        "of the whole command (start-up, YAML loading, checks, scoring, output).\n\n"
        "| measure | value |\n|---|---|\n" + table + "\n" + NOTES
    )
    write_section("portfolio", text)
    print(text)


if __name__ == "__main__":
    main()

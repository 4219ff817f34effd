"""The read path per file (issue 18): CPU from a file's path to a checked Assessment.

    python bench/bench_read.py [--baseline REF] [--runs N] [--files N]

The stages as service.load_checked runs them: ``read`` (read_doc: the file to plain
data), ``model`` (assessment_from_doc: the data to an Assessment) and ``check`` (the
policy lookup and check_assessment). Each run is a fresh process making one pass over
the files, as a batch does (every memo starts empty), timed with time.process_time;
the table gives the best of N runs, in microseconds a file. The inputs are made by
bench_scale's generators with their fixed seeds (smart-city YAML files and Canada AIA
answer files). With ``--baseline REF`` the Hawkama of git revision REF runs the same
files in the same run. A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tool"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_scale import aia_files, baseline_tree, env_for, smart_city_files  # noqa: E402

from hawkama.policy.load import load_policy_set  # noqa: E402

STAGES = ("read", "model", "check")
CHILD = """
import gc, json, sys, time
from pathlib import Path
from hawkama.documents import assessment_from_doc, read_doc
from hawkama.policy.checks import check_assessment
from hawkama.policy.find import PolicyResolver

files = [Path(p) for p in sys.argv[1:]]
cache = PolicyResolver(None)
first, doc = assessment_from_doc(read_doc(files[0]))  # loads the policy: not timed
check_assessment(cache.for_assessment(first, files[0]), first, doc)
gc.freeze()
clock = time.process_time
spent = {"read": 0.0, "model": 0.0, "check": 0.0}
for path in files[1:]:
    t0 = clock()
    raw = read_doc(path)
    t1 = clock()
    assessment, doc = assessment_from_doc(raw)
    t2 = clock()
    problems = check_assessment(cache.for_assessment(assessment, path), assessment, doc)
    t3 = clock()
    assert not problems, problems
    spent["read"] += t1 - t0
    spent["model"] += t2 - t1
    spent["check"] += t3 - t2
print(json.dumps({k: v / (len(files) - 1) * 1e6 for k, v in spent.items()}))
"""


def per_file(files: list[Path], env: dict[str, str], runs: int) -> dict[str, float]:
    best: dict[str, float] = {}
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, *map(str, files)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for stage, us in json.loads(out).items():
            best[stage] = min(best.get(stage, us), us)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", metavar="REF", help="also run git revision REF")
    ap.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    ap.add_argument("--files", type=int, default=500, help="files of each kind (default 500)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hawkama-read-"))
    ps = load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    inputs = {
        "smart-city YAML": smart_city_files(ps, work / "city", args.files),
        "AIA answers JSON": aia_files(work / "aia", args.files),
    }
    trees = {"now": env_for(ROOT / "tool")}
    if args.baseline:
        trees[args.baseline] = env_for(baseline_tree(args.baseline, work / "base"))
    print(f"CPU per file (us), best of {args.runs} runs of {args.files} files each")
    print(f"| files | Hawkama | {' | '.join(STAGES)} | total |")
    print(f"|---|---|{'---:|' * (len(STAGES) + 1)}")
    for kind, files in inputs.items():
        for name, env in trees.items():
            us = per_file(files, env, args.runs)
            cells = " | ".join(f"{us[s]:,.0f}" for s in STAGES)
            print(f"| {kind} | {name} | {cells} | {sum(us.values()):,.0f} |")


if __name__ == "__main__":
    main()

"""Load benchmark of the web desk (a script, not a test): `hawkama serve` on loopback.

    python bench/bench_web.py [--questions 50] [--proposers 20] [--same 5]

20 proposers answer 50 questions each, each in a file of its own, while 5 more answer the
same questions in one shared file, all at once through the real server (one process, as
`hawkama serve` runs). Each proposer reads a section page, saves each unanswered question
on it with the version the page carried, and reads the section again for the questions
that now apply. Afterwards every file is read back: every save answered 303 landed with
its value (own files) or lost to a later accepted save (shared file); every stale save was
answered 409 with the conflict page; no file is torn (each loads and validates). Prints
p50/p95 of the save latency and of the page render time and rewrites its section of
bench/results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx  # what Starlette's TestClient uses (the dev extra)
from results_file import write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tool"))

from hawkama.questionnaire.skeleton import resolve_policy  # noqa: E402
from hawkama.questionnaire.store import AssessmentFile  # noqa: E402
from hawkama.web.text import t  # noqa: E402

FORM = re.compile(
    r'<form method="post" action="/p/q/(?P<qid>[^"]+)" class="question"[^>]*>\s*'
    r'<input type="hidden" name="csrf" value="(?P<csrf>[^"]*)">\s*'
    r'<input type="hidden" name="version" value="(?P<version>[^"]*)">\s*'
    r'<input type="hidden" name="base" value="(?P<base>[^"]*)">'
)
CONFLICT = t("conflict_title", "en")  # the conflict page, showing both answers
PASSWORD = "bench password 1"
SECTION = re.compile(r'href="/p/s/([^"#?]+)"')


@dataclass
class Proposer:
    name: str
    link: str
    file: Path
    choice: int  # which option this proposer picks: the shared file's writers differ
    saves: list[float] = field(default_factory=list)
    renders: list[float] = field(default_factory=list)
    accepted: dict[str, list[str]] = field(default_factory=dict)  # qid -> values saved (303)
    conflicts: int = 0
    unexplained: list[str] = field(default_factory=list)


def answer(qid: str, k: int) -> tuple[dict[str, str], str]:
    """The form fields answering ``qid`` (the k-th option) and the value the file must hold."""
    qd = resolve_policy(None).questions[qid]
    q = qd.question
    if q.type == "risk":
        likelihood, impact = 1 + k % 3, 1 + (k + 1) % 3
        return {"likelihood": str(likelihood), "impact": str(impact)}, f"{likelihood}x{impact}"
    options = [o.id for o in q.effective_options]
    if options:
        chosen = options[k % len(options)]
        return {"value": chosen}, chosen
    if q.type == "date":
        day = f"2026-0{1 + k % 9}-15"
        return {"value": day}, day
    if q.type in ("number", "integer", "percent"):
        return {"value": str(1 + k)}, str(1 + k)
    return {"value": f"answer {k}"}, f"answer {k}"


def shown(value: object) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if hasattr(value, "likelihood"):
        return f"{value.likelihood}x{value.impact}"  # type: ignore[attr-defined]
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def run_proposer(p: Proposer, base: str, questions: int, start: threading.Barrier) -> None:
    with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as c:
        r = c.get(p.link)
        assert r.status_code == 303, r.status_code
        sections = list(dict.fromkeys(SECTION.findall(c.get("/p").text)))
        start.wait()
        done: set[str] = set()
        progress = True
        while len(done) < questions and progress:
            progress = False
            for sid in sections:
                t0 = time.perf_counter()
                page = c.get(f"/p/s/{sid}")
                p.renders.append(time.perf_counter() - t0)
                for m in FORM.finditer(page.text):
                    qid = m["qid"]
                    if qid in done or len(done) >= questions:
                        continue
                    fields, value = answer(qid, p.choice)
                    data = {"csrf": m["csrf"], "version": m["version"], "base": m["base"], **fields}
                    t0 = time.perf_counter()
                    r = c.post(f"/p/q/{qid}", data=data)
                    p.saves.append(time.perf_counter() - t0)
                    done.add(qid)
                    progress = True
                    if r.status_code == 303:
                        p.accepted.setdefault(qid, []).append(value)
                    elif r.status_code == 409 and CONFLICT in r.text:
                        p.conflicts += 1
                    else:
                        p.unexplained.append(f"{qid}: {r.status_code}")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=int, default=50)
    ap.add_argument("--proposers", type=int, default=20)
    ap.add_argument("--same", type=int, default=5)
    ap.add_argument("--section", default="web", help="the section of results.md to rewrite")
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("hawkama")
    tmp = Path(tempfile.mkdtemp(prefix="bench-web-"))
    desk = tmp / "desk"
    desk.mkdir()
    try:
        team: list[Proposer] = []
        names = [f"own-{i:02d}" for i in range(args.proposers)] + ["shared"]
        links: dict[str, list[str]] = {}
        for name in names:
            path = desk / f"{name}.yaml"
            subprocess.run([exe, "new", "-o", str(path)], check=True, capture_output=True)
            path.write_text(path.read_text("utf-8").replace("new-project", name), "utf-8")
            count = args.same if name == "shared" else 1
            links[name] = [
                subprocess.run(
                    [exe, "invite", name, "--dir", str(desk)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.strip()
                for _ in range(count)
            ]
        subprocess.run(
            [
                exe,
                "users",
                "add",
                "chair",
                "--role",
                "chair",
                "--password-stdin",
                "--dir",
                str(desk),
            ],
            input=PASSWORD + "\n",
            check=True,
            capture_output=True,
            text=True,
        )
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [exe, "serve", str(desk), "--port", str(port), "--lang", "en"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(base + "/login", timeout=2)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.2)
            for name in names:
                for k, link in enumerate(links[name]):
                    path = desk / f"{name}.yaml"
                    team.append(
                        Proposer(f"{name}#{k}", link.removeprefix("http://127.0.0.1:8000"), path, k)
                    )
            start = threading.Barrier(len(team))
            threads = [
                threading.Thread(target=run_proposer, args=(p, base, args.questions, start))
                for p in team
            ]
            began = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - began
            desk_times = committee_pages(base, names[0])
        finally:
            server.terminate()
            server.wait(timeout=10)
        report(team, args, wall, desk_times)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def committee_pages(base: str, project: str, rounds: int = 10) -> dict[str, list[float]]:
    """The committee's portfolio and a project page, after the load, one request at a time."""
    times: dict[str, list[float]] = {"/desk": [], f"/desk/p/{project}": []}
    with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as c:
        token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
        assert token is not None
        data = {"csrf": token[1], "name": "chair", "password": PASSWORD}
        assert c.post("/login", data=data).status_code == 303
        for _ in range(rounds):
            for url, seen in times.items():
                t0 = time.perf_counter()
                assert c.get(url).status_code == 200
                seen.append(time.perf_counter() - t0)
    return times


def report(
    team: list[Proposer], args: argparse.Namespace, wall: float, desk: dict[str, list[float]]
) -> None:
    lost: list[str] = []
    for path in sorted({p.file for p in team}):
        writers = [p for p in team if p.file == path]
        answers = AssessmentFile.load(path).assessment.answers  # a torn file would not load
        for qid in {q for p in writers for q in p.accepted}:
            values = {v for p in writers for v in p.accepted.get(qid, [])}
            got = shown(answers[qid].value) if qid in answers else None
            if got not in values:
                lost.append(f"{path.name} {qid}: file has {got!r}, saved {sorted(values)}")
    own = [p for p in team if not p.name.startswith("shared")]
    shared = [p for p in team if p.name.startswith("shared")]
    saves = [x for p in team for x in p.saves]
    renders = [x for p in team for x in p.renders]
    posted = sum(len(p.saves) for p in team)
    accepted = sum(len(v) for p in team for v in p.accepted.values())
    conflicts = sum(p.conflicts for p in team)
    odd = [u for p in team for u in p.unexplained]
    own_answers = sum(len(p.accepted) for p in own)
    p50s, p95s = pct(saves, 0.5), pct(saves, 0.95)
    p50r, p95r = pct(renders, 0.5), pct(renders, 0.95)
    cores = os.cpu_count()
    lines = [
        f"## Web desk under load (`bench/bench_web.py --proposers {args.proposers} "
        f"--same {args.same}`)",
        "",
        f"`hawkama serve` (one process) on loopback; {len(own)} proposer(s) x {args.questions} "
        f"questions, each in a file of its own, and {len(shared)} in one shared file, all at once "
        f"(Python {platform.python_version()}, {cores} cores shared with other work).",
        "",
        "| measure | value | goal |",
        "|---|---|---|",
        "| saves posted / accepted (303) / conflicts (409) | "
        f"{posted} / {accepted} / {conflicts} | |",
        f"| own-file answers in the files afterwards | {own_answers} of "
        f"{len(own) * args.questions} | all |",
        f"| answers lost or torn | {len(lost)} | 0 |",
        f"| other responses | {len(odd)} | 0 |",
        f"| save latency p50 / p95 | {p50s:.0f} ms / {p95s:.0f} ms | p95 < 50 ms |",
        f"| section page render p50 / p95 | {p50r:.0f} ms / {p95r:.0f} ms | < 100 ms |",
        *(
            f"| committee page `{url}` ({args.proposers + 1} "
            f"files) p50 / p95 | {pct(v, 0.5):.0f} ms / {pct(v, 0.95):.0f} ms | < 100 ms |"
            for url, v in desk.items()
        ),
        f"| wall time; requests served per second | {wall:.1f} s; "
        f"{(posted + len(renders)) / wall:.1f} | |",
    ]
    text = "\n".join(lines)
    print(text)
    for item in (lost + odd)[:20]:
        print("  ", item)
    write_section(args.section, text)
    if lost or odd:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

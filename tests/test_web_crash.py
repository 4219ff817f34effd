"""kill -9 of the server while saves are in flight: every file is whole, old or new."""

from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from hawkama.questionnaire.store import AssessmentFile
from tests.test_web_proposer import _HIDDEN, new_desk
from tests.web_support import cli_ok, csrf, start_server

# Each worker answers its own question again and again with these values.
WORK = {
    "intake.C-01": ["ai", "rules"],
    "intake.C-02": ["mobility", "health", "water"],
    "intake.C-07": ["local_local", "mixed"],
    "intake.C-09": ["idea", "pilot", "operating"],
}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _opener() -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def _get(opener: urllib.request.OpenerDirector, url: str) -> str:
    try:
        with opener.open(url, timeout=5) as r:
            return str(r.read().decode())
    except urllib.error.HTTPError as e:  # 303 after opening the invitation
        return str(e.read().decode())


def _worker(
    base: str, link: str, qid: str, values: list[str], stop: threading.Event, saved: list[str]
) -> None:
    opener = _opener()
    _get(opener, base + link)
    i = 0
    while not stop.is_set():
        try:
            page = _get(opener, base + "/p/s/intake")
            fields = {q: (v, b) for q, v, b in _HIDDEN.findall(page)}
            version, basehash = fields[qid]
            value = values[i % len(values)]
            data = urllib.parse.urlencode(
                {"csrf": csrf(page), "version": version, "base": basehash, "value": value}
            )
            try:
                opener.open(base + f"/p/q/{qid}", data.encode(), timeout=5)
            except urllib.error.HTTPError as e:
                if e.code == 303:
                    saved.append(value)
            i += 1
        except (OSError, KeyError, AssertionError):
            return  # the server is gone


def test_kill_9_during_saves_leaves_whole_files(tmp_path: Path) -> None:
    desk, path = new_desk(tmp_path)
    link = (
        cli_ok("invite", "new-project", "--dir", str(desk))
        .strip()
        .removeprefix("http://127.0.0.1:8000")
    )
    proc, base = start_server(desk)
    stop = threading.Event()
    saved: dict[str, list[str]] = {q: [] for q in WORK}
    deadline = time.monotonic() + 60
    try:
        threads = [
            threading.Thread(target=_worker, args=(base, link, q, v, stop, saved[q]))
            for q, v in WORK.items()
        ]
        for t in threads:
            t.start()
        while sum(len(v) for v in saved.values()) < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # in the middle of whatever it was doing
        proc.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=10)
    finally:
        stop.set()
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    assert sum(len(v) for v in saved.values()) >= 12, "saves were in flight"
    answers = AssessmentFile.load(path).assessment.answers  # parses and validates: whole
    for qid, values in WORK.items():
        if saved[qid]:
            assert qid in answers and answers[qid].value in values, qid
    for line in (desk / ".hawkama" / "audit.jsonl").read_text().splitlines():
        json.loads(line)  # every audit line whole

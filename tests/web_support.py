"""Helpers for the web desk's tests: a desk folder with accounts, a client, signing in."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner
from starlette.testclient import TestClient

from hawkama.cli import cli
from hawkama.web.app import create_app
from hawkama.web.security import RateLimit
from tests.conftest import ROOT

PASSWORD = "correct horse battery"
NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_desk(tmp_path: Path, *files: str) -> Path:
    """A folder with sample assessments and the accounts mona (chair), sami (member)."""
    folder = tmp_path / "desk"
    folder.mkdir()
    for name in files or (
        "dam-2026-004-smart-parking.yaml",
        "qen-2026-002-cash-transfer-eligibility.yaml",
    ):
        shutil.copy(ROOT / "assessments" / name, folder / name)
    for name, role in (("mona", "chair"), ("sami", "member"), ("hala", "secretary")):
        cli_ok(
            "users",
            "add",
            name,
            "--role",
            role,
            "--password-stdin",
            "--dir",
            str(folder),
            input=PASSWORD + "\n",
        )
    return folder


def cli_ok(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def client(
    folder: Path, lang: str = "en", now: dt.datetime = NOW, limiter: RateLimit | None = None
) -> TestClient:
    app = create_app(folder, lang=lang, now=lambda: now, limiter=limiter)
    return TestClient(app, follow_redirects=False)


def csrf(html: str) -> str:
    m = _CSRF.search(html)
    assert m, "the page has a form with a CSRF token"
    return m[1]


def sign_in(c: TestClient, name: str = "mona", password: str = PASSWORD) -> None:
    token = csrf(c.get("/login").text)
    r = c.post("/login", data={"csrf": token, "name": name, "password": password})
    assert r.status_code == 303, r.text


def invite_link(folder: Path, project: str, *extra: str) -> str:
    """The path of a fresh invitation (what `hawkama invite` prints, without the host)."""
    url = cli_ok("invite", project, "--dir", str(folder), *extra).strip()
    return url.removeprefix("http://127.0.0.1:8000")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(folder: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    """`hawkama serve FOLDER` on a free loopback port, once it answers; the process and its URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    exe = Path(sys.executable).with_name("hawkama")
    proc = subprocess.Popen(
        [str(exe), "serve", str(folder), "--port", str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/login", timeout=2).close()
            return proc, base
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise AssertionError("the server did not start in 30 s") from None
            time.sleep(0.2)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
    proc.wait(timeout=10)

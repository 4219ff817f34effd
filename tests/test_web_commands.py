"""`hawkama serve`, `users`, `invite`: lazy imports, and a real server on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.web_support import make_desk

WEB_MODULES = ("starlette", "uvicorn", "multipart", "itsdangerous", "hawkama.web")


def _loaded(*args: str) -> list[str]:
    code = (
        "import sys; from hawkama.cli import cli\n"
        f"try:\n    cli({list(args)!r})\nexcept SystemExit:\n    pass\n"
        f"import json; print(json.dumps([m for m in {WEB_MODULES!r} if m in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("validate", str(MINI)),
        ("score", str(MINI / "low.yaml"), "--policy", str(MINI)),
    ],
    ids=lambda a: a[0],
)
def test_light_commands_do_not_load_the_web_stack(args: tuple[str, ...]) -> None:
    assert _loaded(*args) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, "dam-2026-004-smart-parking.yaml")
    port = _free_port()
    exe = Path(sys.executable).with_name("hawkama")
    proc = subprocess.Popen(
        [str(exe), "serve", str(desk), "--port", str(port), "--lang", "ar"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as r:
                    html = r.read().decode()
                    headers = r.headers
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
                assert time.monotonic() < deadline, "the server did not start in 30 s"
                time.sleep(0.2)
        assert '<html lang="ar" dir="rtl">' in html
        assert "server" not in headers
        assert "default-src 'self'" in headers["content-security-policy"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()

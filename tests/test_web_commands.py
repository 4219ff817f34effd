"""`hawkama serve`, `users`, `invite`: lazy imports, and a real server on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.web_support import make_desk, start_server, stop_server

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


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, "dam-2026-004-smart-parking.yaml")
    proc, base = start_server(desk, "--lang", "ar")
    try:
        with urllib.request.urlopen(base + "/login", timeout=5) as r:
            html = r.read().decode()
            headers = r.headers
        assert '<html lang="ar" dir="rtl">' in html
        assert "server" not in headers
        assert "default-src 'self'" in headers["content-security-policy"]
    finally:
        stop_server(proc)

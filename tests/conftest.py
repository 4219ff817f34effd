"""Shared fixtures; `--update-golden` rewrites golden files instead of comparing."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

# The policy cache of the test run lives in its own folder, not the user's.
os.environ.setdefault("HAWKAMA_CACHE_DIR", tempfile.mkdtemp(prefix="hawkama-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
MINI = DATA / "mini"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files.")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()

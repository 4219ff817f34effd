"""Outputs that cannot be written (issue #12, item 5), and assessments behind symlinks (item 12).

Every command that writes ends, when the folder cannot take the file, in one line that
names the folder and the reason, exit 2, no traceback, and no temporary file left.
Two real causes are used: an output folder whose parent is a file (no root privilege
can write there), and a full disk or read-only folder injected at the one place our
code renames a finished file into place (``yamlio._write_atomic``), since tests may
run as root, for whom no folder is read-only.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from tests.conftest import MINI, ROOT

SAMPLE = ROOT / "assessments" / "dam-2026-004-smart-parking.yaml"
SMALL = [str(MINI / "low.yaml"), "--policy", str(MINI)]  # a short report renders quickly
REVIEW = ["--reviewer", "Mona Adel|chair", "--conflicts", "none", "--decision", "approve",
          "--date", "2026-03-10"]  # fmt: skip


def survey(folder: Path) -> Path:
    """A small SurveyJS questionnaire in the AIA's shape (no research data needed)."""

    def radio(name: str, *values: str) -> dict[str, Any]:
        choices = [{"value": v, "text": {"default": v, "fr": v}} for v in values]
        return {"type": "radiogroup", "name": name, "title": {"default": name}, "choices": choices}

    pages = [
        {"name": "risk", "elements": [
            {"type": "panel", "name": "r-RS", "elements": [radio("r1", "item1-0", "item2-4")]}]},
        {"name": "mit", "elements": [
            {"type": "panel", "name": "m-MS", "elements": [radio("m1", "item1-0", "item2-2")]}]},
    ]  # fmt: skip
    path = folder / "survey-enfr.v2.0.0.json"
    path.write_text(json.dumps({"pages": pages}), encoding="utf-8")
    return path


def commands(work: Path, out: Path) -> dict[str, list[str]]:
    """Each writing command, with ``out`` as the folder it writes into."""
    return {
        "report-html": ["report", *SMALL, "--format", "html", "-o", str(out)],
        "report-pdf": ["report", *SMALL, "--date", "2026-11-26", "-o", str(out)],
        "new": ["new", "--policy", str(MINI), "-o", str(out / "new.yaml")],
        "portfolio-csv": ["portfolio", *SMALL, "--format", "csv", "-o", str(out / "p.csv")],
        "portfolio-pdf": ["portfolio", *SMALL, "--format", "pdf", "-o", str(out / "p.pdf")],
        "import-aia": ["import", "aia", str(survey(work)), "-o", str(out)],
    }


COMMANDS = ["report-html", "report-pdf", "new", "portfolio-csv", "portfolio-pdf", "import-aia"]


def assert_one_line(result: Result, folder: Path, reason: str) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    last = result.stderr.strip().splitlines()[-1]
    assert f"{folder}: cannot write '" in last, result.stderr
    assert last.endswith(f"' in this folder: {reason}"), result.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_output_folder_under_a_file(tmp_path: Path, name: str) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder\n", encoding="utf-8")
    out = blocker / "out"
    result = CliRunner().invoke(cli, commands(tmp_path, out)[name])
    folder = out / "v2.0.0" if name == "import-aia" else out
    assert_one_line(result, folder, f"{str(blocker)!r} is a file, not a folder")
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def failing_under(folder: Path, code: int) -> Callable[..., None]:
    """os.replace that fails with ``code`` for targets under ``folder`` (scratch files pass)."""
    real = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst).is_relative_to(folder):
            raise OSError(code, os.strerror(code))
        real(src, dst, *args, **kwargs)

    return replace


INJECTED = [errno.ENOSPC, errno.EROFS]
IDS = ["disk-full", "read-only"]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("code", INJECTED, ids=IDS)
def test_disk_full_or_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = commands(tmp_path, out)[name]
    monkeypatch.setattr(os, "replace", failing_under(out, code))
    result = CliRunner().invoke(cli, args)
    folder = out / "v2.0.0" if name == "import-aia" else out
    assert_one_line(result, folder, os.strerror(code))
    assert [p for p in out.rglob("*") if p.is_file()] == []  # no temporary file left


@pytest.mark.parametrize("code", INJECTED, ids=IDS)
@pytest.mark.parametrize("command", ["review", "assess"])
def test_review_and_assess_keep_the_file_when_it_cannot_be_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, code: int
) -> None:
    target = tmp_path / "a.yaml"
    if command == "review":
        shutil.copy(SAMPLE, target)
        args, typed = ["review", str(target), *REVIEW], None
    else:
        shutil.copy(MINI / "low.yaml", target)
        text = target.read_text(encoding="utf-8").replace("  P1: c\n", "")
        target.write_text(text, encoding="utf-8")
        args, typed = ["assess", str(target), "--policy", str(MINI)], "c\nq\n"
    before = target.read_bytes()
    monkeypatch.setattr(os, "replace", failing_under(tmp_path, code))
    result = CliRunner().invoke(cli, args, input=typed)
    assert_one_line(result, tmp_path, os.strerror(code))
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


# --- symlinked assessments: refused, never replaced by a copy ---------------------------


@pytest.mark.parametrize("command", ["review", "assess", "migrate"])
def test_an_assessment_behind_a_symlink_is_refused(tmp_path: Path, command: str) -> None:
    real = tmp_path / "real.yaml"
    shutil.copy(SAMPLE, real)
    link = tmp_path / "link.yaml"
    link.symlink_to(real.name)
    before = real.read_bytes()
    args = {
        "review": ["review", str(link), *REVIEW],
        "assess": ["assess", str(link)],
        "migrate": ["migrate", str(link), "--to", "1.0.0"],
    }[command]
    if command == "migrate":  # only an older assessment has something to migrate
        shutil.copy(ROOT / "tests" / "data" / "committee" / "dam-2026-004-v0.9.yaml", real)
        before = real.read_bytes()
    result = CliRunner().invoke(cli, args, input="q\n")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: {link}: is a symbolic link (to 'real.yaml'); Hawkama does not edit "
        "assessments through links: run the command on the file itself\n"
    )
    assert link.is_symlink() and real.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "real.yaml"]


def test_assess_does_not_create_a_file_through_a_dangling_link(tmp_path: Path) -> None:
    link = tmp_path / "new.yaml"
    link.symlink_to(tmp_path / "elsewhere" / "x.yaml")
    result = CliRunner().invoke(cli, ["assess", str(link), "--policy", str(MINI)], input="q\n")
    assert result.exit_code == 2
    assert "is a symbolic link" in result.stderr
    assert link.is_symlink() and not (tmp_path / "elsewhere").exists()

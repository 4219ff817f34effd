"""Every file in tests/data/invalid/ fails with exactly the messages in its `# error:` lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from tests.conftest import DATA, MINI

INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def expected_errors(path: Path) -> list[str]:
    return [
        line.removeprefix("# error: ")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# error: ")
    ]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_file_gives_exact_located_errors(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(path.parent)
    result = CliRunner().invoke(cli, ["validate", "--policy", str(MINI), path.name])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    reported = [line.strip() for line in result.stderr.splitlines()]
    reported = [line.removeprefix("Error: ") for line in reported if path.name in line]
    assert reported == expected_errors(path)


def test_all_invalid_files_reported_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "invalid")
    result = CliRunner().invoke(cli, ["validate", "--policy", str(MINI), "."])
    assert result.exit_code == 2
    total = sum(len(expected_errors(p)) for p in INVALID)
    assert f"{total} problems:" in result.stderr


def test_every_invalid_file_has_an_expectation() -> None:
    assert INVALID
    for path in INVALID:
        assert expected_errors(path), path

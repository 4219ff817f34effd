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


def test_a_rubric_alone_has_its_expressions_checked(tmp_path: Path) -> None:
    # Issue #12, item 9: `validate rubric.yaml` said "ok" for this flag condition.
    text = (MINI / "privacy.yaml").read_text(encoding="utf-8")
    rubric = tmp_path / "alone.yaml"
    bad = text.replace(
        "criteria >= 2 and residual(P1) > 2",
        "__import__('os').system('id') or abs(P1) > 1 or P1 == 'zz' or \u0663 > 1",
    )
    rubric.write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(rubric)])
    assert result.exit_code == 2
    assert (
        f"{rubric}:64:28: flags[0].when: unexpected character '.' "
        "(attribute access is not part of the language)"
    ) in result.stderr
    for expr, message in [
        ("abs(P1) > 1", "abs() takes a number, got text"),
        ("P1 == 'zz'", "P1 has no option 'zz'"),
        ("\u0663 > 1", "unexpected character '\u0663' (write numbers with the digits 0-9"),
    ]:
        rubric.write_text(
            text.replace("criteria >= 2 and residual(P1) > 2", expr), encoding="utf-8"
        )
        result = CliRunner().invoke(cli, ["validate", str(rubric)])
        assert result.exit_code == 2
        assert message in result.stderr


def test_a_rubric_alone_takes_the_policys_names_on_trust(tmp_path: Path) -> None:
    text = (MINI / "privacy.yaml").read_text(encoding="utf-8")
    rubric = tmp_path / "alone.yaml"
    rubric.write_text(
        text.replace(
            "criteria >= 2 and residual(P1) > 2",
            "intake.sector == 'health' and flagged('ELSEWHERE') and level('ethics') > 2",
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(rubric)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "ok  rubric" in result.stdout


def test_a_rubric_next_to_its_policy_is_checked_with_every_name(tmp_path: Path) -> None:
    for f in MINI.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    rubric = tmp_path / "privacy.yaml"
    text = rubric.read_text(encoding="utf-8")
    rubric.write_text(
        text.replace("criteria >= 2 and residual(P1) > 2", "intake.sector == 'health'"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(rubric)])
    assert result.exit_code == 2
    assert f"{rubric}:64:12: flags[0].when: unknown name 'intake.sector'" in result.stderr

"""validate --check-evidence: cited files exist and still match their SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from tests.conftest import MINI


def _assessment(tmp_path: Path, sha: str) -> Path:
    text = (
        (MINI / "low.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  P2: a\n",
            "  P2:\n    value: a\n    evidence:\n"
            f"      - {{title: DPIA, path: evidence/dpia.txt, sha256: {sha}}}\n"
            "      - {title: Register, url: 'https://example.invalid/register'}\n",
        )
    )
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> object:
    return CliRunner().invoke(
        cli, ["validate", "--check-evidence", "--policy", str(MINI), str(path)]
    )


def test_matching_evidence_passes(tmp_path: Path) -> None:
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "dpia.txt").write_bytes(b"DPIA approved 2026-09-14\n")
    path = _assessment(tmp_path, hashlib.sha256(b"DPIA approved 2026-09-14\n").hexdigest())
    result = run(path)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]


def test_changed_evidence_is_reported_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "dpia.txt").write_bytes(b"DPIA edited later\n")
    path = _assessment(tmp_path, hashlib.sha256(b"DPIA approved 2026-09-14\n").hexdigest())
    result = run(path)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert (
        "a.yaml:10:9: answers.P2.evidence[0]: evidence 'evidence/dpia.txt' changed since it was cited"
        in result.stderr
    )  # type: ignore[attr-defined]


def test_missing_evidence_is_reported(tmp_path: Path) -> None:
    path = _assessment(tmp_path, "ab" * 32)
    result = run(path)
    assert "evidence file 'evidence/dpia.txt' not found" in result.stderr  # type: ignore[attr-defined]


def test_without_the_flag_evidence_is_not_read(tmp_path: Path) -> None:
    path = _assessment(tmp_path, "ab" * 32)
    result = CliRunner().invoke(cli, ["validate", "--policy", str(MINI), str(path)])
    assert result.exit_code == 0


def _cite(tmp_path: Path, cited: str, sha: str) -> Path:
    text = (
        (MINI / "low.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  P2: a\n",
            f"  P2:\n    value: a\n    evidence: [{{path: '{cited}', sha256: {sha}}}]\n",
        )
    )
    folder = tmp_path / "project"
    folder.mkdir(exist_ok=True)
    path = folder / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "cited", ["../../../../../../../../etc/hostname", "/etc/hostname", "../outside.txt", "link.txt"]
)
def test_evidence_outside_the_assessment_folder_is_not_read(tmp_path: Path, cited: str) -> None:
    (tmp_path / "outside.txt").write_bytes(b"secret\n")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "link.txt").symlink_to(tmp_path / "outside.txt")
    path = _cite(tmp_path, cited, "ab" * 32)
    result = run(path)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        f"Error: {path}:9:16: answers.P2.evidence[0]: evidence {cited!r} is outside the "
        f"evidence folder {str(path.parent.resolve())!r} and is not read; keep evidence under "
        "the assessment's folder, or pass --evidence-root DIR or --allow-outside\n"
    )
    assert "sha256 is" not in result.stderr  # type: ignore[attr-defined]


def test_allow_outside_and_evidence_root(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_bytes(b"secret\n")
    good = hashlib.sha256(b"secret\n").hexdigest()
    path = _cite(tmp_path, "../outside.txt", good)
    base = ["validate", "--check-evidence", "--policy", str(MINI), str(path)]
    for extra in (["--allow-outside"], ["--evidence-root", str(tmp_path)]):
        result = CliRunner().invoke(cli, [*base, *extra], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    changed = _cite(tmp_path, "../outside.txt", "ab" * 32)
    result = CliRunner().invoke(cli, [*base, "--allow-outside"])
    assert result.exit_code == 2
    assert f"{changed}:9:16: answers.P2.evidence[0]: evidence '../outside.txt' changed" in (
        result.stderr
    )

"""validate --check-evidence: cited files exist and still match their SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

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

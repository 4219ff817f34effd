"""The committee config file: sign by default, the keys folder, certificates to trust.

Two PDFs are rendered for the module: one signed because the config says so, one
not because --no-sign overrides it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli

DATA = Path(__file__).resolve().parent / "data" / "report"
REPORT = ("report", DATA / "reviewed.yaml", "--policy", DATA / "nested", "--date", "2026-11-26")


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def committee(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("committee")
    result = run("keys", "init", "--dir", folder / "keys", "--name", "Damietta AI review committee")
    assert result.exit_code == 0, result.output
    (folder / "hawkama.yaml").write_text(
        "kind: config\nsign: true\nkeys: keys\ntrust:\n  - keys/cert.pem\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def signed(committee: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("signed")
    result = run(*REPORT, "-o", out, "--config", committee)  # no --sign, no --keys
    assert result.exit_code == 0, result.output
    return out / "REV-2026-001.pdf"


def test_the_config_signs_by_default_and_its_trust_is_used_by_verify(
    signed: Path, monkeypatch: pytest.MonkeyPatch, committee: Path
) -> None:
    assert b"/ByteRange" in signed.read_bytes()
    monkeypatch.chdir(committee)  # ./hawkama.yaml is found without --config
    result = run("verify", signed)
    assert result.exit_code == 0, result.output
    assert "signed by Damietta AI review committee, trusted (SHA-256 " in result.output
    assert "no --trust CERT given" not in result.output


def test_no_sign_overrides_the_config(tmp_path: Path) -> None:
    config = tmp_path / "committee.yaml"
    config.write_text("kind: config\nsign: true\nkeys: nowhere\n", encoding="utf-8")
    env = {"HAWKAMA_CONFIG": str(config)}
    refused = run(*REPORT, "-o", tmp_path / "a", env=env)
    assert refused.exit_code == 2
    assert f"no signing key in {tmp_path / 'nowhere'} (key.pem, cert.pem missing)" in refused.output
    result = run(*REPORT, "-o", tmp_path / "b", "--no-sign", env=env)
    assert result.exit_code == 0, result.output
    assert b"/ByteRange" not in (tmp_path / "b" / "REV-2026-001.pdf").read_bytes()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("kind: config\nsign: yes\n", "hawkama.yaml:2:7: sign: "),
        ("kind: config\nsing: true\n", "hawkama.yaml:2:1: sing: "),
        ("kind: rubric\n", "hawkama.yaml:1:7: kind: "),
        ("kind: config\ntrust:\n  - gone.pem\n", "hawkama.yaml:3:5: trust.0: no certificate file "),
        ("- kind: config\n", "hawkama.yaml:1:1: a config file is a mapping"),
        ("", "hawkama.yaml:1:1: a config file is a mapping"),
    ],
)
def test_a_bad_config_is_a_located_error(tmp_path: Path, text: str, error: str) -> None:
    (tmp_path / "hawkama.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    for command in ((*REPORT, "-o", out), ("verify", DATA / "reviewed.yaml")):
        result = run(*command, "--config", tmp_path)
        assert result.exit_code == 2
        assert error in result.output, result.output
        assert "Traceback" not in result.output
    assert not out.exists()


def test_a_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    result = run(*REPORT, "-o", tmp_path / "out", env={"HAWKAMA_CONFIG": str(tmp_path / "x.yaml")})
    assert result.exit_code == 2
    assert "x.yaml" in result.output

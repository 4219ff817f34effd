"""`new` and `assess` with the shipped Canada AIA policy, in French and English (issue 14, item 4)."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from hawkama.cli import cli


def run(*args: str | Path, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def test_skeleton_in_french_and_english(tmp_path: Path) -> None:
    for lang, heading, question in [
        ("fr", "Évaluation Hawkama.", "# projectDetailsPhase: Phase du projet"),
        ("en", "Hawkama assessment.", "# projectDetailsPhase: Project Phase"),
    ]:
        path = tmp_path / f"new-{lang}.yaml"
        result = run("new", "--policy", "aia-canada", "-o", path, "--lang", lang)
        assert result.exit_code == 0, result.output
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# {heading}") and question in text, lang
        data = yaml.safe_load(text)
        assert data["policy"] == {"id": "aia-canada", "version": "1.0.1"}
        checked = run("validate", path)
        assert checked.exit_code == 0, checked.output


def test_assess_asks_the_aia_questions_in_french_and_saves_each_answer(tmp_path: Path) -> None:
    path = tmp_path / "aia.yaml"
    answers = "AIA-1\nMon projet\n" + "\n" * 6 + "EIA-42\nq\n"
    result = run("assess", path, "--policy", "aia-canada", "--lang", "fr", input=answers)
    assert result.exit_code == 0, result.output
    assert "Détails du projet." in result.output
    assert (
        "Numéro de la version publiée de l'évaluation de l'incidence algorithmique" in result.output
    )
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["project"]["id"] == "AIA-1"
    assert saved["answers"]["projectAIAnumber"] == "EIA-42"
    # The file goes back to the AIA's own format.
    out = tmp_path / "aia.json"
    exported = run("export", "aia", path, "-o", out)
    assert exported.exit_code == 0, exported.output
    assert '"projectAIAnumber": "EIA-42"' in out.read_text(encoding="utf-8")

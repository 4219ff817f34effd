"""`hawkama export aia`: assessments back into the AIA's own SurveyFile (issue 14, item 3).

Every published AIA and worked example goes out and compares equal to the file it
came from; a Hawkama YAML assessment exports to a file that scores the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from hawkama.cli import cli
from tests.test_import_aia import AIA, FOUR

FILES = sorted((AIA / "published").glob("*.json")) + sorted(
    (AIA / "worked-examples").glob("*.json")
)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_every_published_file_comes_back_unchanged(tmp_path: Path) -> None:
    assert len(FILES) == 46
    for i, path in enumerate(FILES):
        out = tmp_path / f"{i}.json"
        result = run("export", "aia", path, "-o", out)
        assert result.exit_code == 0, result.output
        original = json.loads(path.read_text(encoding="utf-8"))
        exported = json.loads(out.read_text(encoding="utf-8"))
        assert list(exported) == ["version", "currentPage", "data", "translationsOnResult"]
        for key in ("version", "data", "translationsOnResult"):
            assert exported[key] == original[key], (path.name, key)
        assert list(exported["data"]) == list(original["data"]), path.name  # the AIA's order


def test_a_yaml_assessment_exports_to_a_file_that_scores_the_same(tmp_path: Path) -> None:
    source = AIA / "worked-examples" / "answers-F-rounding-half.v1.0.1.json"
    data = json.loads(source.read_text(encoding="utf-8"))["data"]
    assessment = {
        "hawkama": 1,
        "policy": {"id": "aia-canada", "version": "1.0.1"},
        "project": {"id": "F-2026", "title": "Worked example F, as a Hawkama file"},
        "answers": {**data, "projectDetailsDescription": {"value": "A test.", "note": "Un essai."}},
    }
    mine = tmp_path / "f.yaml"
    mine.write_text(yaml.safe_dump(assessment, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "AIA Results.json"
    result = run("export", "aia", mine, "-o", out)
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["version"] == "v1.0.1"
    assert exported["translationsOnResult"] == {"projectDetailsDescription": "Un essai."}
    scores = [
        json.loads(run("score", "--format", "json", p).stdout)[0]["values"] for p in (mine, out)
    ]
    assert tuple(scores[0][k] for k in FOUR) == tuple(scores[1][k] for k in FOUR)
    # Written once; never replaced without --force.
    again = run("export", "aia", mine, "-o", out)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_only_aia_assessments_are_exported(tmp_path: Path) -> None:
    sample = next((Path(__file__).resolve().parents[1] / "assessments").glob("*.yaml"))
    result = run("export", "aia", sample, "-o", tmp_path / "x.json")
    assert result.exit_code == 2
    assert (
        "policy.id: answered against 'smart-city'; only assessments of the policy 'aia-canada'"
        in (result.stderr)
    )
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize(
    ("version", "label"), [("1.0.1", "v1.0.1"), ("0.10.0", "v0.10.0"), ("0.9.0", "v0.9")]
)
def test_version_labels_are_the_aias(version: str, label: str) -> None:
    from hawkama.importers.aia_export import aia_label

    assert aia_label(version) == label

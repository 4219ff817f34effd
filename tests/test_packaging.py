"""Packaging and start-up: the wheel carries the rubrics; light commands never import WeasyPrint."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT


def test_wheel_ships_the_rubrics(tmp_path: Path) -> None:
    pytest.importorskip("build")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("hawkama-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "rubrics").glob("*.yaml")}
    assert shipped, "the repository has rubrics to ship"
    for name in shipped:
        assert f"hawkama/data/rubrics/{name}" in names
    assert "hawkama/cli.py" in names
    assert "hawkama/py.typed" in names
    for lang in ("en", "ar", "fr"):  # the label catalogue is package data
        assert f"hawkama/locale/{lang}.yaml" in names


def _imports(*args: str) -> str:
    code = (
        "import sys; from hawkama.cli import cli\n"
        f"try:\n    cli({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print('WEASYPRINT' if 'weasyprint' in sys.modules else 'CLEAN')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("validate", str(MINI)),
        ("score", str(MINI / "low.yaml"), "--policy", str(MINI)),
        ("score", str(MINI / "low.yaml"), "--policy", str(MINI), "--format", "json"),
        ("explain", str(MINI / "low.yaml"), "--policy", str(MINI)),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_light_commands_do_not_import_weasyprint(args: tuple[str, ...]) -> None:
    assert _imports(*args) == "CLEAN"


def test_help_imports_neither_pydantic_nor_yaml() -> None:
    """`hawkama --help` lists the commands from click alone: it once grew from 0.11 to 0.20 s
    when a command module imported the models at its top to build a choice list."""
    code = (
        "import sys; from hawkama.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'hawkama.models.common') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_installed_wheel_scores_with_its_shipped_rubrics(tmp_path: Path) -> None:
    """`pip install .` gives a hawkama that works in any folder, with no ./rubrics there."""
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("hawkama-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sample = next((ROOT / "assessments").glob("dam-*-smart-parking.yaml"))
    (elsewhere / sample.name).write_bytes(sample.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-m", "hawkama", "score", sample.name, "--format", "json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    [result] = json.loads(out.stdout)
    assert result["verdict"]["id"] == "LOW_RISK"
    where = subprocess.run(
        [sys.executable, "-c", "import hawkama, sys; print(hawkama.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(site))  # the installed copy, not the source tree
    _installed_wheel_runs_canada_aia(elsewhere, env)


def _installed_wheel_runs_canada_aia(elsewhere: Path, env: dict[str, str]) -> None:
    """Issue 14: the AIA policy and questionnaire ship in the wheel; nothing else is needed."""
    import json

    example = (
        ROOT
        / "tests"
        / "data"
        / "aia"
        / "worked-examples"
        / "answers-C-realistic-middle.v1.0.1.json"
    )
    (elsewhere / "c.json").write_bytes(example.read_bytes())

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hawkama", *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )

    [result] = json.loads(
        run("score", "--policy", "aia-canada", "c.json", "--format", "json").stdout
    )
    assert (result["policy_id"], result["verdict"]["id"]) == ("aia-canada", "LEVEL_II")
    run("report", "--policy", "aia-canada", "c.json", "--lang", "fr", "-o", "out")
    assert (elsewhere / "out" / "c.fr.pdf").stat().st_size > 0
    run("import", "aia", "-o", "imported")  # the shipped questionnaire
    assert (elsewhere / "imported" / "v1.0.1" / "policy.yaml").is_file()


def test_scoring_one_file_builds_no_schema_and_imports_only_what_it_uses() -> None:
    """Start-up of `hawkama score FILE` (issue #18): the policy comes from the cache,
    rebuilt without validation, and nothing else asks pydantic for a schema; modules
    only an error, a write, git or a PDF needs are not imported."""
    sample = ROOT / "assessments" / "alx-2026-005-citizen-chatbot.yaml"
    code = (
        "import sys; from hawkama.cli import cli\n"
        f"try:\n    cli(['score', {str(sample)!r}])\nexcept SystemExit:\n    pass\n"
        "from hawkama.models.assessment import Assessment, Project\n"
        "from hawkama.models.policy import Policy\n"
        "from hawkama.models.rubric import Rubric\n"
        "built = [m.__name__ for m in (Policy, Rubric, Assessment, Project)"
        " if m.__pydantic_complete__]\n"
        "unused = ('importlib.metadata', 'logging', 'tempfile', 'subprocess', 'difflib',"
        " 'weasyprint')\n"
        "print(built, sorted(m for m in unused if m in sys.modules))"
    )
    for _ in range(2):  # the first run may fill the policy cache
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
    assert out.stdout.strip().splitlines()[-1] == "[] []"

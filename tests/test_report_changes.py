"""`hawkama report --previous FILE | --rev REV` (issue 7): the changes since the last review.

The HTML carries most asserts (fast); one PDF is read back for the heading, the
explanation and the previous version attached; one more render goes through git.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from hawkama.locale import label
from tests.conftest import DATA

V1 = DATA / "committee" / "qen-v1.yaml"
V2 = DATA / "committee" / "qen-v2.yaml"
DATE = "2026-11-26"
EXPLAINED = (
    "Verdict changed from NOT_APPROVABLE_AS_PROPOSED to HIGH_RISK_WITH_CONDITIONS because "
    "the BLOCK flag DPIA_MISSING_MANDATORY cleared (PRV-09 changed from c to a)."
)
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u200b]")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def report(out: Path, *args: str | Path) -> Result:
    result = invoke("report", *args, "--date", DATE, "-o", out)
    assert result.exit_code == 0, result.output
    return result


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    joined = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", BIDI.sub("", unicodedata.normalize("NFC", joined)))


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("changes")
    pages = {}
    for lang in ("en", "ar", "fr"):
        report(out, V2, "--previous", V1, "--format", "html", "--lang", lang)
        suffix = "" if lang == "en" else f".{lang}"
        pages[lang] = (out / f"QEN-2026-002{suffix}.html").read_text(encoding="utf-8")
    return pages


def test_section_follows_the_summary(html: dict[str, str]) -> None:
    en = html["en"]
    assert "<h1>1. Executive summary</h1>" in en
    assert "<h1>2. Changes since the last review</h1>" in en
    assert "<h1>3. Scores and risks at a glance</h1>" in en  # the rest renumbered
    assert en.index("Executive summary") < en.index("Changes since") < en.index("Scores and")
    assert "<h1>7. Annex</h1>" in en


def test_english_section_says_what_changed(html: dict[str, str]) -> None:
    en = html["en"]
    assert EXPLAINED in en
    assert "PRV-09 changed from c to a" in en
    # The change's own effect: privacy residual -5.4%, the BLOCK flag cleared, the verdict.
    assert 'Privacy <bdi dir="ltr" class="code">-5.4%</bdi>' in en
    assert 'block <bdi dir="ltr" class="code">DPIA_MISSING_MANDATORY</bdi>' in en
    assert "becomes" in en
    # Dimension table: old, new, delta and bands.
    row = re.search(r"<tr><td>Privacy</td>.*?</tr>", en, re.S)
    assert row is not None
    cells = re.sub(r"<[^>]+>", " ", row.group(0)).split()
    assert cells == ["Privacy", "63.5%", "58.1%", "-5.4%", "High", "High"]
    assert "previous/qen-v1.yaml" in en
    assert "(in English)" not in en


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_english_sentences_are_isolated_and_said_to_be(html: dict[str, str], lang: str) -> None:
    page = html[lang]
    assert f'<bdi dir="ltr" lang="en">{EXPLAINED}</bdi>' in page
    assert '<bdi dir="ltr" lang="en">PRV-09 changed from c to a</bdi>' in page
    assert label("report.in_english", lang) in page
    for key in ("changes", "verdict_before", "residual_scores", "flags_cleared"):
        assert label(f"report.{key}", lang) in page


def test_pdf_shows_the_section_and_attaches_the_previous(tmp_path: Path) -> None:
    report(tmp_path, V2, "--previous", V1)
    path = tmp_path / "QEN-2026-002.pdf"
    text = pdf_text(path)
    assert "2. Changes since the last review" in text
    assert EXPLAINED in text
    attachments = pypdf.PdfReader(path).attachments
    assert attachments["previous/qen-v1.yaml"][0] == V1.read_bytes()
    # verify re-scores the current assessment; the previous one is only context.
    verified = invoke("verify", path)
    assert verified.exit_code == 0, verified.output
    assert "note: previous/qen-v1.yaml is the previous version" in verified.output


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env, capture_output=True)


def _repo_at_v2(tmp_path: Path) -> Path:
    """qen.yaml in a git repository: V1 committed, V2 in the working tree."""
    repo = tmp_path / "repo"
    repo.mkdir()
    target = repo / "qen.yaml"
    shutil.copy(V1, target)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    shutil.copy(V2, target)
    return target


def test_against_a_git_revision(tmp_path: Path) -> None:
    target = _repo_at_v2(tmp_path)
    git(target.parent, "commit", "-qam", "v2")
    out = tmp_path / "out"
    report(out, target, "--rev", "HEAD~1", "--format", "html")
    page = (out / "QEN-2026-002.html").read_text(encoding="utf-8")
    assert EXPLAINED in page
    assert 'git revision <bdi dir="ltr" class="code">HEAD~1</bdi>' in page
    assert "previous/qen.yaml" in page
    bad = invoke("report", target, "--rev", "HEAD~5", "--format", "html", "-o", tmp_path / "x")
    assert bad.exit_code == 2
    assert f"{target}: cannot read it at revision 'HEAD~5'" in bad.stderr


def test_rev_reads_each_file_from_git_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A `git` first on PATH that logs its arguments, then runs the real one.
    target = _repo_at_v2(tmp_path)
    real = shutil.which("git")
    assert real is not None
    bin_dir, log = tmp_path / "bin", tmp_path / "git.log"
    bin_dir.mkdir()
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec {real} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    report(tmp_path / "out", target, "--rev", "HEAD", "--format", "html")
    shows = [
        line for line in log.read_text(encoding="utf-8").splitlines() if " show " in f" {line} "
    ]
    assert len(shows) == 1, shows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [V1, V2, "--previous", V1],
            "--previous needs exactly one ASSESSMENT (2 given); "
            "use --rev REV to compare each file with its own git history",
        ),
        ([V2, "--previous", V1, "--rev", "HEAD"], "give --previous FILE or --rev REV, not both"),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str | Path], message: str) -> None:
    result = invoke("report", *args, "-o", tmp_path)
    assert result.exit_code == 2
    assert f"Error: {message}" in result.stderr
    assert not list(tmp_path.iterdir())

"""`hawkama portfolio` (issue 7): text, JSON, CSV and PDF over real sample files."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import click.testing
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from hawkama.cli import cli
from hawkama.committee import portfolio_io
from tests.conftest import ROOT

SAMPLES = ROOT / "assessments"
DAM = "dam-2026-004-smart-parking.yaml"
CONDITIONS = [
    "--condition",
    "Publish the retention schedule|RSK-03-M1|IT unit|2026-06-30",
    "--condition",
    "Sign the data-sharing agreement|SURVEILLANCE_LICENCE|Legal|2026-09-30",
    "--condition",
    "Train the attendants|RSK-06-M1|Operator|2026-05-01",
]


def invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def make_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in (
        DAM,
        "cai-2026-001-safe-squares.yaml",
        "qen-2026-002-cash-transfer-eligibility.yaml",
    ):
        shutil.copy(SAMPLES / name, folder / name)
    result = invoke(
        "review",
        str(folder / DAM),
        "--decision",
        "approve_with_conditions",
        "--justification",
        "Pilot; conditions before scale-up.",
        *CONDITIONS,
        "--date",
        "2026-03-10",
    )
    assert result.exit_code == 0
    assert invoke("review", str(folder / DAM), "--done", "3").exit_code == 0
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("portfolio") / "assessments")


def test_text(folder: Path) -> None:
    result = invoke("portfolio", str(folder), "--today", "2026-07-15")
    assert result.exit_code == 0
    out = result.stdout
    # Worst verdict first; open conditions and the overdue one highlighted.
    assert out.index("CAI-2026-001") < out.index("QEN-2026-002") < out.index("DAM-2026-004")
    assert "  LOW_RISK  decision: approve_with_conditions\n" in out
    assert "  conditions: 2 open (next 2026-06-30, 1 OVERDUE)\n" in out
    assert "    OVERDUE 2026-06-30: Publish the retention schedule\n" in out
    assert "Train the attendants" not in out  # done
    assert (
        "  prohibit/block: RBI_PUBLIC_SPACE, DPIA_MISSING_MANDATORY, HIGH_RISK_CONTROL_MISSING\n"
        in out
    )
    assert "last change: 2026-03-05 (project.updated)" in out
    assert out.endswith(
        "3 project(s) as of 2026-07-15\n      1  PROHIBITED\n      1  NOT_APPROVABLE_AS_PROPOSED\n"
        "      1  LOW_RISK\n  1 open condition(s) overdue\n"
    )


def test_today_from_source_date_epoch(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 10, 1, tzinfo=dt.UTC).timestamp()))
    )
    data = json.loads(invoke("portfolio", str(folder), "--format", "json").stdout)
    assert data["today"] == "2026-10-01"
    dam = next(r for r in data["rows"] if r["project_id"] == "DAM-2026-004")
    assert [c["overdue"] for c in dam["open_conditions"]] == [True, True]
    assert data["overdue"] == 2
    assert data["by_verdict"] == {"PROHIBITED": 1, "NOT_APPROVABLE_AS_PROPOSED": 1, "LOW_RISK": 1}
    assert data["by_place"] == {"Cairo": 1, "Damietta": 1, "قنا": 1}
    assert dam["cells"]["privacy"]["band"] == "low"


def test_csv_to_file(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "portfolio.csv"
    result = invoke(
        "portfolio", str(folder), "--format", "csv", "-o", str(target), "--today", "2026-07-15"
    )
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["project_id"] for r in rows] == ["CAI-2026-001", "QEN-2026-002", "DAM-2026-004"]
    dam = rows[2]
    assert (dam["open_conditions"], dam["next_due"], dam["overdue"]) == ("2", "2026-06-30", "1")
    assert dam["ethics_band"] == "low" and dam["decision"] == "approve_with_conditions"


def test_last_change_from_git_then_mtime(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    text = (SAMPLES / DAM).read_text(encoding="utf-8").replace("  updated: 2026-03-05\n", "")
    (repo / "a.yaml").write_text(text, encoding="utf-8")
    (repo / "b.yaml").write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "GIT_COMMITTER_DATE": "2026-04-02T10:00:00Z",
        "GIT_AUTHOR_DATE": "2026-04-02T10:00:00Z",
    }
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "a.yaml"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "a"], cwd=repo, check=True, env=env)
    os.utime(repo / "b.yaml", (1780000000, 1780000000))  # 2026-05-28, not committed
    dates = portfolio_io.git_dates([repo / "a.yaml", repo / "b.yaml"])
    assert dates == {(repo / "a.yaml").resolve(): dt.date(2026, 4, 2)}
    ticks: list[int] = []

    @contextlib.contextmanager
    def progress(n: int) -> Iterator[Callable[[], None]]:
        ticks.append(n)  # the number of files, then one tick after each
        yield lambda: ticks.append(0)

    entries = {Path(e.path).name: e for e in portfolio_io.gather([repo], progress=progress).rows}
    assert ticks == [2, 0, 0]
    assert (entries["a.yaml"].last_change, entries["a.yaml"].last_change_source) == (
        dt.date(2026, 4, 2),
        "git",
    )
    assert (entries["b.yaml"].last_change, entries["b.yaml"].last_change_source) == (
        dt.date(2026, 5, 28),
        "mtime",
    )


def test_bad_input_is_located_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (SAMPLES / DAM)
        .read_text(encoding="utf-8")
        .replace("PRV-09:\n    value: a", "PRV-09:\n    value: z"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["portfolio", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{bad}:" in result.stderr and "'z' is not an option of PRV-09" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["portfolio", str(empty)])
    assert result.exit_code == 2 and "no assessment files" in result.stderr
    result = CliRunner().invoke(cli, ["portfolio", str(empty), "--format", "pdf"])
    assert result.exit_code == 2 and "--format pdf writes a file: give -o FILE.pdf" in result.stderr


@pytest.fixture(scope="module")
def pdfs(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    out = tmp_path_factory.mktemp("pdf")
    readers = {}
    for lang in ("en", "ar"):
        target = out / f"portfolio-{lang}.pdf"
        result = invoke(
            "portfolio",
            str(folder),
            "--format",
            "pdf",
            "--lang",
            lang,
            "-o",
            str(target),
            "--today",
            "2026-07-15",
        )
        assert result.exit_code == 0
        readers[lang] = PdfReader(target)
    return readers


def test_pdf_english(pdfs: dict[str, PdfReader]) -> None:
    reader = pdfs["en"]
    assert len(reader.pages) == 3
    first = reader.pages[0].extract_text()
    for phrase in (
        "Portfolio of projects under review",
        "2026-07-15",
        "Open conditions overdue: 1",
        "By verdict",
        "Prohibited",
        "By governorate or city",
        "Damietta",
        "By sector",
    ):
        assert phrase in first
    heat = reader.pages[1].extract_text()
    assert "Heat map" in heat and "Very high" in heat and "DAM-2026-004" in heat
    lines = reader.pages[2].extract_text()
    for phrase in ("RBI_PUBLIC_SPACE", "2 (2026-06-30)", "overdue", "Approve with", "78/78"):
        assert phrase in lines
    assert "portfolio.json" in reader.attachments


def test_pdf_arabic(pdfs: dict[str, PdfReader]) -> None:
    reader = pdfs["ar"]
    text = "\n".join(p.extract_text() for p in reader.pages)
    for phrase in ("الحكم", "القطاع", "2026-07-15", "DAM-2026-004"):
        assert phrase in text

"""The committee record (issue 7): computed verdict, decision and justification side by side."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from hawkama.locale import label
from hawkama.report.batch import from_scored
from hawkama.report.html import prepare
from hawkama.service import score_files
from tests.conftest import DATA, MINI

REVIEWED = DATA / "report" / "reviewed.yaml"  # LOW_RISK, decided approve_with_conditions
WHEN = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)


def record_of(path: Path, lang: str) -> str:
    page = prepare(from_scored(score_files([path], MINI)[0]), lang, WHEN)[0]
    found = re.search(r'<section class="record">.*?</section>', page, re.S)
    assert found is not None
    return html.unescape(found.group(0))


def cells(row_html: str) -> list[str]:
    return [
        html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c))).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)
    ]


@pytest.mark.parametrize("lang", ["en", "ar", "fr"])
def test_departing_decision_is_marked_beside_the_verdict(lang: str) -> None:
    record = record_of(REVIEWED, lang)
    for key in ("computed_verdict", "committee_decision", "justification"):
        assert f"<th>{label(f'report.{key}', lang)}</th>" in record
    row = re.search(r'<tr class="departs">.*?</tr>', record, re.S)
    assert row is not None
    verdict, decision, justification = cells(row.group(0))
    assert verdict.endswith("LOW_RISK")
    assert decision == (
        f"{label('report.decision_approve_with_conditions', lang)} {label('report.departs', lang)}"
    )
    assert justification == "Low residual risk once the breach plan is in place."


def test_usual_decision_is_not_marked(tmp_path: Path) -> None:
    usual = tmp_path / "usual.yaml"
    text = REVIEWED.read_text(encoding="utf-8")
    usual.write_text(
        text.replace("decision: approve_with_conditions", "decision: approve"), encoding="utf-8"
    )
    record = record_of(usual, "en")
    assert "<strong>Approve</strong>" in record
    assert "departs from the computed verdict" not in record
    assert '<tr class="departs">' not in record

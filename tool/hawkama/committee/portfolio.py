"""Many assessments side by side: a pure function from scored files to a Portfolio model.

The date that decides what is overdue is passed in (see dates.today), so the same files
and the same date always give the same portfolio.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from hawkama.models.assessment import Review
from hawkama.models.result import ResultSummary

ChangeSource = Literal["project.updated", "git", "mtime"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cell(Model):
    """One dimension of one project: the residual score and band (None when not scored)."""

    score: float | None
    unit: str
    band: str | None
    level: int | None
    label: dict[str, str] | None


class OpenCondition(Model):
    text: str
    owner: str | None
    due: dt.date | None
    overdue: bool


class Row(Model):
    path: str
    project_id: str
    title: str
    governorate: str | None
    city: str | None
    sector: str | None
    verdict: str
    verdict_label: dict[str, str]
    severity: int
    cells: dict[str, Cell]
    prohibit: list[str]
    block: list[str]
    decision: str | None
    open_conditions: list[OpenCondition]
    next_due: dt.date | None
    overdue: int
    answered: int
    applicable: int
    completeness: float
    required_missing: int
    last_change: dt.date | None
    last_change_source: ChangeSource | None


class Dimension(Model):
    id: str
    title: dict[str, str]


class Portfolio(Model):
    today: dt.date
    dimensions: list[Dimension]
    rows: list[Row]
    by_verdict: dict[str, int]
    verdict_labels: dict[str, dict[str, str]]
    by_place: dict[str, int]
    by_sector: dict[str, int]
    overdue: int


@dataclass(frozen=True)
class Entry:
    """What the portfolio needs of one file."""

    path: str
    result: ResultSummary
    review: Review | None
    last_change: dt.date | None
    last_change_source: ChangeSource | None


def _cells(result: ResultSummary) -> dict[str, Cell]:
    out: dict[str, Cell] = {}
    for d in result.dimensions:
        band = d.residual_band
        out[d.id] = Cell(
            score=d.residual if d.scored else None,
            unit=d.unit,
            band=band.id if band else None,
            level=band.level if band else None,
            label=band.label if band else None,
        )
    return out


def _row(e: Entry, today: dt.date) -> Row:
    return make_row(e.path, e.result, e.review, today, e.last_change, e.last_change_source)


def dimensions(result: ResultSummary) -> list[Dimension]:
    """The columns a result brings: its scored dimensions."""
    return [Dimension(id=d.id, title=d.title) for d in result.dimensions if d.scored]


def make_row(
    path: str,
    r: ResultSummary,
    review: Review | None,
    today: dt.date,
    last_change: dt.date | None = None,
    last_change_source: ChangeSource | None = None,
) -> Row:
    """One project's line: all a portfolio keeps of its assessment and result."""
    p = r.project
    opens = [
        OpenCondition(
            text=c.text, owner=c.owner, due=c.due, overdue=c.due is not None and c.due < today
        )
        for c in (review.conditions if review else [])
        if not c.done
    ]
    dues = sorted(c.due for c in opens if c.due is not None)
    c = r.completeness
    return Row(
        path=path,
        project_id=str(p.get("id", "")),
        title=str(p.get("title", "")),
        governorate=p.get("governorate"),
        city=p.get("city"),
        sector=p.get("sector"),
        verdict=r.verdict.id,
        verdict_label=r.verdict.label,
        severity=r.verdict.severity,
        cells=_cells(r),
        prohibit=sorted({f.code for f in r.flags if f.level == "prohibit"}),
        block=sorted({f.code for f in r.flags if f.level == "block"}),
        decision=review.decision if review else None,
        open_conditions=opens,
        next_due=dues[0] if dues else None,
        overdue=sum(o.overdue for o in opens),
        answered=c.answered,
        applicable=c.applicable,
        completeness=c.answered / c.applicable if c.applicable else 1.0,
        required_missing=len(c.required_missing),
        last_change=last_change,
        last_change_source=last_change_source,
    )


def place(row: Row) -> str:
    """Governorate, or city when no governorate is given; '-' when neither is."""
    return row.governorate or row.city or "-"


def build(entries: Iterable[Entry], today: dt.date) -> Portfolio:
    """The portfolio of ``entries`` as of ``today``, worst verdicts first."""
    entries = list(entries)
    return assemble(
        [_row(e, today) for e in entries], [dimensions(e.result) for e in entries], today
    )


def assemble(
    rows: Iterable[Row], dims_per_row: Iterable[list[Dimension]], today: dt.date
) -> Portfolio:
    """The portfolio of rows already built (see make_row), worst verdicts first."""
    dims: dict[str, Dimension] = {}
    for row_dims in dims_per_row:
        for d in row_dims:
            dims.setdefault(d.id, d)
    rows = sorted(rows, key=lambda r: (-r.severity, r.project_id, r.path))
    labels: dict[str, dict[str, str]] = {}
    severity: dict[str, int] = {}
    for row in rows:
        labels.setdefault(row.verdict, row.verdict_label)
        severity.setdefault(row.verdict, row.severity)
    counts = Counter(row.verdict for row in rows)
    by_verdict = {v: counts[v] for v in sorted(counts, key=lambda v: (-severity[v], v))}
    return Portfolio(
        today=today,
        dimensions=list(dims.values()),
        rows=rows,
        by_verdict=by_verdict,
        verdict_labels=labels,
        by_place=dict(sorted(Counter(place(r) for r in rows).items())),
        by_sector=dict(sorted(Counter(r.sector or "-" for r in rows).items())),
        overdue=sum(r.overdue for r in rows),
    )

"""A portfolio as text, JSON or CSV. The PDF is in portfolio_pdf (WeasyPrint, lazily)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hawkama.committee.portfolio import Portfolio, Row, place
from hawkama.locale import text as localised
from hawkama.writers.tabular import _cell as safe_cell


def _score(row: Row, dim: str) -> str:
    cell = row.cells.get(dim)
    if cell is None or cell.score is None:
        return "-"
    shown = f"{cell.score:.1f}" if cell.unit == "%" else f"{cell.score:g}"
    return f"{shown}{cell.unit}"


def _band(row: Row, dim: str, lang: str) -> str:
    cell = row.cells.get(dim)
    return localised(cell.label, lang) if cell and cell.label else "-"


def _due(row: Row) -> str:
    if not row.open_conditions:
        return "-"
    due = row.next_due.isoformat() if row.next_due else "no date"
    late = f", {row.overdue} OVERDUE" if row.overdue else ""
    return f"{len(row.open_conditions)} open (next {due}{late})"


def to_text(p: Portfolio, lang: str = "en") -> str:
    lines: list[str] = []
    for row in p.rows:
        where = ", ".join(x for x in (place(row), row.sector) if x and x != "-")
        lines.append(f"{row.project_id}  {row.title}" + (f" ({where})" if where else ""))
        decided = f"  decision: {row.decision}" if row.decision else ""
        lines.append(f"  {row.verdict}{decided}")
        bands = "  ".join(
            f"{d.id} {_score(row, d.id)} {_band(row, d.id, lang)}" for d in p.dimensions
        )
        lines.append(f"  {bands}")
        flags = row.prohibit + row.block
        lines.append(f"  prohibit/block: {', '.join(flags) if flags else '-'}")
        lines.append(f"  conditions: {_due(row)}")
        for c in row.open_conditions:
            if c.overdue:
                lines.append(f"    OVERDUE {c.due}: {c.text}")
        changed = f"{row.last_change} ({row.last_change_source})" if row.last_change else "-"
        lines.append(
            f"  completeness: {row.answered}/{row.applicable}"
            f"{f', {row.required_missing} required missing' if row.required_missing else ''}"
            f"  last change: {changed}"
        )
        lines.append("")
    lines.append(f"{len(p.rows)} project(s) as of {p.today}")
    for verdict, n in p.by_verdict.items():
        lines.append(f"  {n:>5}  {verdict}")
    if p.overdue:
        lines.append(f"  {p.overdue} open condition(s) overdue")
    return "\n".join(lines) + "\n"


def to_json(p: Portfolio) -> str:
    return json.dumps(p.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def to_csv(p: Portfolio) -> str:
    header = ["project_id", "title", "governorate", "city", "sector", "verdict", "decision"]
    for d in p.dimensions:
        header += [f"{d.id}_score", f"{d.id}_band"]
    header += [
        "prohibit",
        "block",
        "open_conditions",
        "next_due",
        "overdue",
        "answered",
        "applicable",
        "required_missing",
        "last_change",
        "last_change_source",
        "path",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for r in p.rows:
        row: list[Any] = [r.project_id, r.title, r.governorate, r.city, r.sector, r.verdict]
        row.append(r.decision or "")
        for d in p.dimensions:
            cell = r.cells.get(d.id)
            row += [cell.score if cell else "", cell.band if cell else ""]
        row += [" ".join(r.prohibit), " ".join(r.block), len(r.open_conditions)]
        row += [r.next_due or "", r.overdue, r.answered, r.applicable, r.required_missing]
        row += [r.last_change or "", r.last_change_source or "", r.path]
        writer.writerow([safe_cell(x) for x in row])
    return out.getvalue()

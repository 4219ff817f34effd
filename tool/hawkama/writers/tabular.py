"""JSON (one array, input order) and CSV (one row per assessment) output."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from hawkama.models.result import Result


def to_json(results: Sequence[Result]) -> str:
    rows = [r.model_dump(mode="json") for r in results]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    # Spreadsheets run cells that start with '=' and friends: neutralise them.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(results: Sequence[Result]) -> str:
    dims: list[str] = []
    values: list[str] = []
    for r in results:
        for d in r.dimensions:
            if d.scored and d.id not in dims:
                dims.append(d.id)
        for k, v in r.values.items():
            if k not in values and not isinstance(v, list | dict):
                values.append(k)
    header = ["project_id", "title", "governorate", "city", "sector", "verdict", "verdict_rule"]
    for dim in dims:
        header += [f"{dim}_inherent", f"{dim}_residual", f"{dim}_band"]
    header += [
        "prohibit",
        "block",
        "escalate",
        "condition",
        "prerequisite",
        "flags",
        "answered",
        "applicable",
        "unknown_share",
        "required_missing",
    ]
    header += [f"value_{v}" for v in values]
    header += ["policy_id", "policy_version", "policy_hash", "assessment_hash"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for r in results:
        p = r.project
        row: list[Any] = [
            p.get("id"),
            p.get("title"),
            p.get("governorate"),
            p.get("city"),
            p.get("sector"),
            r.verdict.id,
            r.verdict.rule,
        ]
        by_id = {d.id: d for d in r.dimensions}
        for dim in dims:
            dr = by_id.get(dim)
            row += (
                [dr.inherent, dr.residual, dr.residual_band.id if dr.residual_band else ""]
                if dr
                else ["", "", ""]
            )
        levels = [f.level for f in r.flags]
        row += [
            levels.count(lv)
            for lv in ("prohibit", "block", "escalate", "condition", "prerequisite")
        ]
        row.append(" ".join(sorted({f.code for f in r.flags})))
        c = r.completeness
        row += [c.answered, c.applicable, c.unknown_share, len(c.required_missing)]
        row += [r.values.get(v, "") for v in values]
        row += [r.policy_id, r.policy_version, r.policy_hash, r.assessment_hash]
        writer.writerow([_cell(x) for x in row])
    return out.getvalue()

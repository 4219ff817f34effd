"""JSON (one array, input order), JSON Lines and CSV (one row per assessment) output.

Each result is turned into its piece of output as soon as it is scored (``json_item``,
``jsonl_item``, ``csv_record``), so a batch holds only those pieces, never the results.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from hawkama.models.common import FLAG_LEVELS
from hawkama.models.result import ResultSummary


def json_item(r: ResultSummary) -> str:
    """One element of the indented JSON array, indented as json.dumps(indent=2) would.

    pydantic's encoder gives the same bytes as model_dump + json.dumps, ten times faster.
    Strings never hold a raw newline (JSON escapes it), so every newline is layout.
    """
    return "  " + r.model_dump_json(indent=2).replace("\n", "\n  ")


def json_array(items: Iterable[str]) -> Iterable[str]:
    """The array around items from json_item, piece by piece."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def jsonl_item(r: ResultSummary) -> str:
    return r.model_dump_json() + "\n"


def to_json(results: Sequence[ResultSummary]) -> str:
    return "".join(json_array(json_item(r) for r in results))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    # Spreadsheets run cells that start with '=' and friends: neutralise them.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class CsvRecord:
    """What a CSV row needs of one result (the header needs every row's dimensions)."""

    head: list[Any]
    dims: dict[str, list[Any]]
    scored_dims: list[str]
    values: dict[str, Any]
    tail: list[Any]
    ids: list[Any]


def csv_record(r: ResultSummary) -> CsvRecord:
    p = r.project
    levels: Counter[str] = Counter(f.level for f in r.flags)
    c = r.completeness
    return CsvRecord(
        head=[
            p.get("id"),
            p.get("title"),
            p.get("governorate"),
            p.get("city"),
            p.get("sector"),
            r.verdict.id,
            r.verdict.rule,
        ],
        dims={
            d.id: [d.inherent, d.residual, d.residual_band.id if d.residual_band else ""]
            for d in r.dimensions
        },
        scored_dims=[d.id for d in r.dimensions if d.scored],
        values=r.values,
        tail=[
            *(levels[lv] for lv in FLAG_LEVELS),
            " ".join(sorted({f.code for f in r.flags})),
            c.answered,
            c.applicable,
            c.unknown_share,
            len(c.required_missing),
        ],
        ids=[r.policy_id, r.policy_version, r.policy_hash, r.assessment_hash],
    )


def csv_text(records: Sequence[CsvRecord]) -> str:
    dims: list[str] = []
    values: list[str] = []
    for rec in records:
        for d in rec.scored_dims:
            if d not in dims:
                dims.append(d)
        for k, v in rec.values.items():
            if k not in values and not isinstance(v, list | dict):
                values.append(k)
    header = ["project_id", "title", "governorate", "city", "sector", "verdict", "verdict_rule"]
    for dim in dims:
        header += [f"{dim}_inherent", f"{dim}_residual", f"{dim}_band"]
    header += [
        *FLAG_LEVELS,
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
    for rec in records:
        row = list(rec.head)
        for dim in dims:
            row += rec.dims.get(dim, ["", "", ""])
        row += rec.tail
        row += [rec.values.get(v, "") for v in values]
        row += rec.ids
        writer.writerow([_cell(x) for x in row])
    return out.getvalue()


def to_csv(results: Sequence[ResultSummary]) -> str:
    return csv_text([csv_record(r) for r in results])

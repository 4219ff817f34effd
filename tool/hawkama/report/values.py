"""The "computed values" table, for policies with few dimensions (issue 4).

With one or two dimensions the summary's dimension table shows little of how the
verdict was reached: the Canada AIA's raw impact, mitigation score and deduction are
values, not dimensions. Larger policies (smart-city: 4 dimensions, 14 values, many of
them internal) keep the table out of the summary.
"""

from __future__ import annotations

from typing import Any

from hawkama.locale import label, text
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet

FEW_DIMENSIONS = 2


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, bool):  # before the numbers: a bool is an int
        return label("report.yes" if value else "report.no", lang)
    if isinstance(value, int | float):
        shown = f"{float(value):.2f}".rstrip("0").rstrip(".")
        return shown if shown != "-0" else "0"
    return str(value)


def computed_values(ps: PolicySet, r: Result, lang: str) -> list[dict[str, str]]:
    """Result.values with their labels (empty when a value has none); none for big policies."""
    if len(r.dimensions) > FEW_DIMENSIONS:
        return []
    labels = {v.id: v.label for v in ps.policy.values}
    labels.update({v.id: v.label for rb in ps.rubrics for v in rb.scoring.values})
    return [
        {"id": vid, "label": text(labels.get(vid), lang), "value": _shown(value, lang)}
        for vid, value in r.values.items()
    ]

"""The "AIA results" section: the Canada AIA's own results page, from a Result.

Shaped like the AIA's results page (section 1: level, current, raw impact and
mitigation scores with a table per area; section 2: the requirements for the
level), so that a Canadian reader finds what the AIA tool shows. Areas are the
questionnaire's pages; a page's score counts only answers that apply (as after the
AIA's "Complete"), its maximum every scored question (the AIA's static maximum).
The requirement texts are the imported policy's findings (ids ``AIA_REQ_...``);
the fixed labels come from the AIA's own texts, shipped with the package.
"""

from __future__ import annotations

import re
from typing import Any

from hawkama.importers import AIA_POLICY_ID, AIA_REQUIREMENT_PREFIX
from hawkama.importers.aia_texts import results_texts
from hawkama.locale import text
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet

NUMERALS = ("I", "II", "III", "IV")


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}".rstrip("0")


def _area_title(section: str, areas: dict[str, Any], lang: str) -> str | None:
    """The AIA's own name of a page's area; a mitigation page's phase copy shares it."""
    base = re.sub(r"(Design|Implementation)$", "", section)
    return text(areas[base], lang) if base in areas else None


def _areas(ps: PolicySet, r: Result, group: str, lang: str) -> dict[str, Any]:
    areas = results_texts().get("areas", {})
    titles = {
        s.id: _area_title(s.id, areas, lang) or text(s.title, lang)
        for rb in ps.rubrics
        for s in rb.sections
    }
    rows: dict[str, dict[str, Any]] = {}
    for q in r.questions:
        qd = ps.questions.get(q.id)
        if qd is None or not q.scored or qd.question.group != group:
            continue
        row = rows.setdefault(
            q.section or "",
            {
                "title": titles.get(q.section or "") or q.section,
                "n": 0,
                "score": 0.0,
                "max": 0.0,
                "applies": False,
            },
        )
        row["n"] += 1
        row["max"] += q.max_weight
        if q.applies:
            row["applies"] = True
            row["score"] += q.inherent
    # Mitigation pages exist once per phase; only the phase answered is shown.
    shown = [row for row in rows.values() if row["applies"] or group != "mitigation"]
    total = {k: sum(row[k] for row in shown) for k in ("n", "score", "max")}
    fmt = [{**row, "score": _number(row["score"]), "max": _number(row["max"])} for row in shown]
    return {
        "rows": fmt,
        "total": {**total, "score": _number(total["score"]), "max": _number(total["max"])},
    }


def aia_results(ps: PolicySet, r: Result, lang: str) -> dict[str, Any] | None:
    """The section's context, or None when the policy is not an imported AIA."""
    values = r.values
    if ps.id != AIA_POLICY_ID or not isinstance(values.get("impact_level"), int):
        return None
    data = results_texts()
    labels = {key: text(value, lang) for key, value in data["labels"].items()}
    level = int(values["impact_level"])
    return {
        "labels": labels,
        "level": NUMERALS[level - 1] if 1 <= level <= 4 else str(level),
        "current": _number(values.get("current_score", 0)),
        "raw": _number(values.get("raw_impact", 0)),
        "mitigation": _number(values.get("mitigation", 0)),
        "deduction": bool(values.get("deduction_applied")),
        "impact": _areas(ps, r, "impact", lang),
        "mitigations": _areas(ps, r, "mitigation", lang),
        "requirements": [
            {"title": text(f.title, lang), "paragraphs": text(f.text, lang).split("\n")}
            for f in r.findings
            if f.id.startswith(AIA_REQUIREMENT_PREFIX)
        ],
    }

"""A public register entry: UK ATRS tier 1 and tier 2, and Eurocities fields.

Fields are filled from the answers the mapping names; a field no answer gives stays
empty and is listed under ``missing``. JSON (with its schema), CSV and a one-page HTML/PDF.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from hawkama.drafts.common import results, short_id, stamp
from hawkama.drafts.mapping import select
from hawkama.drafts.model import Draft, Section
from hawkama.locale import label
from hawkama.models.document_map import Documents, Eurocities, Tier1, Tier2
from hawkama.report.context import ReportInput
from hawkama.report.questions import answer_texts
from hawkama.writers.tabular import _cell

FORMAT = "hawkama-register/1"
TIERS: dict[str, type[BaseModel]] = {"tier1": Tier1, "tier2": Tier2, "eurocities": Eurocities}
SOURCE_FIELDS = (
    "assessment",
    "assessment_sha256",
    "policy_id",
    "policy_version",
    "policy_sha256",
    "date",
    "generator",
)


class RegisterEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: str
    lang: str
    project_id: str
    source: dict[str, str]
    tier1: dict[str, str]
    tier2: dict[str, str]
    eurocities: dict[str, str]
    missing: list[str]


def _value(inp: ReportInput, selector: str, lang: str, named: bool) -> str:
    if selector.startswith("project."):
        value = getattr(inp.assessment.project, selector.removeprefix("project."))
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value) if value else ""
    by_id = results(inp)
    ids = select(inp.policy, selector)
    parts = []
    for qid in ids:
        q = by_id.get(qid)
        if q is None or not q.applies or not q.answered or q.unknown or q.na:
            continue
        answer = "; ".join(answer_texts(inp.policy, q, lang))
        if q.note:
            answer += f" ({q.note})"
        # Several questions in one field: say which answer is which.
        parts.append(f"{short_id(qid)}: {answer}" if named or len(ids) > 1 else answer)
    return " | ".join(parts)


def build(inp: ReportInput, docs: Documents, lang: str, date: dt.date) -> RegisterEntry:
    st = stamp(inp, date)
    tiers: dict[str, dict[str, str]] = {}
    missing = []
    for tier in TIERS:
        block = getattr(docs.public_register, tier)
        fields: dict[str, str] = {}
        for name in type(block).model_fields:
            sels = getattr(block, name)
            named = sum(not s.startswith("project.") for s in sels) > 1
            values = [v for sel in sels if (v := _value(inp, sel, lang, named))]
            fields[name] = " | ".join(dict.fromkeys(values))
            if not fields[name]:
                missing.append(f"{tier}.{name}")
        tiers[tier] = fields
    return RegisterEntry(
        format=FORMAT,
        lang=lang,
        project_id=inp.assessment.project.id,
        source={
            "assessment": st.source,
            "assessment_sha256": st.source_sha256,
            "policy_id": st.policy_id,
            "policy_version": st.policy_version,
            "policy_sha256": st.policy_sha256,
            "date": st.date,
            "generator": f"Hawkama {st.hawkama_version}",
        },
        missing=missing,
        **tiers,
    )


def to_json(entry: RegisterEntry) -> str:
    return json.dumps(entry.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def columns() -> list[str]:
    cols = ["project_id", "lang"]
    cols += [f"{t}.{f}" for t, model in TIERS.items() for f in model.model_fields]
    return [*cols, "missing", *(f"source.{f}" for f in SOURCE_FIELDS)]


def to_csv(entries: list[RegisterEntry]) -> str:
    """One row per entry, a header first: rows a city pastes into its register spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns())
    for e in entries:
        row: list[Any] = [e.project_id, e.lang]
        for tier in TIERS:
            row += list(getattr(e, tier).values())
        row.append(" ".join(e.missing))
        row += [e.source[f] for f in SOURCE_FIELDS]
        writer.writerow([_cell(x) for x in row])
    return out.getvalue()


def schema() -> dict[str, Any]:
    """The JSON Schema of the register entry: every field of every tier, nothing else."""

    def strings(names: list[str] | tuple[str, ...]) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {n: {"type": "string"} for n in names},
            "required": list(names),
            "additionalProperties": False,
        }

    props: dict[str, Any] = {
        "format": {"const": FORMAT},
        "lang": {"type": "string", "enum": ["en", "ar"]},
        "project_id": {"type": "string", "minLength": 1},
        "source": strings(SOURCE_FIELDS),
    }
    for tier, model in TIERS.items():
        props[tier] = strings(list(model.model_fields))
    every = [f"{t}.{f}" for t, model in TIERS.items() for f in model.model_fields]
    props["missing"] = {"type": "array", "items": {"type": "string", "enum": every}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Hawkama register entry (UK ATRS tiers 1-2, Eurocities fields)",
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def page(entry: RegisterEntry, lang: str) -> Draft:
    """The one-page web version: every field with its label, the missing ones listed."""
    from hawkama.drafts.model import Stamp

    src = entry.source
    st = Stamp(
        src["assessment"],
        src["assessment_sha256"],
        src["policy_id"],
        src["policy_version"],
        src["policy_sha256"],
        src["date"],
        src["generator"].removeprefix("Hawkama "),
    )
    d = Draft("register", lang, label("drafts.register_title", lang), entry.tier1["name"], st)
    d.intro = [label("drafts.register_sub", lang)]
    for tier in TIERS:
        s = Section(title=label(f"drafts.{tier}", lang))
        fields: dict[str, str] = getattr(entry, tier)
        s.rows = [(field_label(tier, k, lang), v) for k, v in fields.items()]
        d.sections.append(s)
    missing = Section(title=label("drafts.missing", lang))
    names = []
    for m in entry.missing:
        tier, name = m.split(".", 1)
        names.append(f"{label(f'drafts.{tier}', lang)}: {field_label(tier, name, lang)}")
    missing.paragraphs = ["; ".join(names) if names else label("drafts.none", lang)]
    d.sections.append(missing)
    return d


def field_label(tier: str, name: str, lang: str) -> str:
    return label(f"register.{tier}.{name}", lang)

"""A posted question form read into an edit, with the questionnaire's own parser and messages.

Every value goes through `questionnaire.flow.parse_value` and `parse_date`, so the web
accepts exactly what `hawkama assess` accepts and refuses it with the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hawkama.locale import label
from hawkama.models.assessment import MITIGATION_STATUSES
from hawkama.policy.compiled import QuestionDef
from hawkama.questionnaire.details import Commitment
from hawkama.questionnaire.flow import MAX_TEXT, Invalid, Value, parse_date, parse_value

MAX_OWNER = 2_000


@dataclass(frozen=True)
class Edit:
    """What one question form asks for: None value clears the answer."""

    value: Value | None
    note: str
    commitments: dict[str, Commitment | None] = field(default_factory=dict)


def widget(qd: QuestionDef) -> str:
    """Which form control a question gets."""
    q = qd.question
    if q.type in ("single", "yesno"):
        return "radio"
    if q.type == "multiple":
        return "checkbox"
    return {"scale": "scale", "risk": "risk", "date": "date", "text": "textarea"}.get(
        q.type, "text"
    )


def raw_value(qd: QuestionDef, form: Mapping[str, str], lists: Mapping[str, Sequence[str]]) -> str:
    """The answer as the text `assess` would have been typed, from the form's fields."""
    kind = widget(qd)
    if kind == "checkbox":
        return ", ".join(v for v in lists.get("value", []) if v)
    if kind == "risk":
        likelihood, impact = form.get("likelihood", ""), form.get("impact", "")
        return f"{likelihood}x{impact}" if likelihood and impact else ""
    return form.get("value", "")


def read(
    qd: QuestionDef,
    form: Mapping[str, str],
    lists: Mapping[str, Sequence[str]],
    lang: str,
    mitigations_open: bool,
) -> Edit | dict[str, str]:
    """The edit the form asks for, or the problems by field name (nothing is saved then)."""
    errors: dict[str, str] = {}
    text = raw_value(qd, form, lists)
    value: Value | None = None
    if text.strip():
        parsed = parse_value(qd, text, lang)
        if isinstance(parsed, Invalid):
            errors["value"] = parsed.message
        else:
            value = parsed
    note = form.get("note", "").strip()
    if len(note) > MAX_TEXT:
        errors["note"] = label("questionnaire.err_text_long", lang)
    commitments: dict[str, Commitment | None] = {}
    if mitigations_open:
        for m in qd.mitigations:
            read_commitment(m.id, form, lang, commitments, errors)
    if errors:
        return errors
    return Edit(value, note, commitments)


def read_commitment(
    mid: str,
    form: Mapping[str, str],
    lang: str,
    out: dict[str, Commitment | None],
    errors: dict[str, str],
) -> None:
    status = form.get(f"m-{mid}-status", "")
    owner = form.get(f"m-{mid}-owner", "").strip()
    due_text = form.get(f"m-{mid}-due", "").strip()
    if status == "":
        out[mid] = None
        return
    if status not in MITIGATION_STATUSES:
        errors[f"m-{mid}-status"] = label("questionnaire.err_status", lang)
        return
    due: dt.date | None = None
    if due_text:
        parsed = parse_date(due_text, lang)
        if not isinstance(parsed, dt.date):
            errors[f"m-{mid}-due"] = label("questionnaire.err_date", lang)
            return
        due = parsed
    if len(owner) > MAX_OWNER:
        errors[f"m-{mid}-owner"] = label("questionnaire.err_text_long", lang)
        return
    out[mid] = Commitment(status, owner or None, due)

"""Project details and mitigation commitments as typed at the prompt (pure, like flow.py)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hawkama.locale import label, translations
from hawkama.models.assessment import MITIGATION_STATUSES
from hawkama.questionnaire.flow import COMMANDS, Command, Invalid, normalise, parse_date

# The assessment model's pattern for project ids.
PROJECT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")

_STATUS = {
    "p": "proposed",
    "proposed": "proposed",
    "c": "committed",
    "committed": "committed",
    "i": "implemented",
    "implemented": "implemented",
    "n": "not_planned",
    "not planned": "not_planned",
    "not_planned": "not_planned",
    "none": "not_planned",
}


@dataclass(frozen=True)
class Commitment:
    """A mitigation's status, with optional owner and due date."""

    status: str
    owner: str | None = None
    due: dt.date | None = None


def read_commitment(line: str, lang: str) -> Commitment | Command | Invalid:
    """`c`, `c ; Traffic Department ; 2027-03-01`, ... or a command."""
    command = normalise(line).lower()
    if command in COMMANDS:
        return COMMANDS[command]
    parts = [p.strip() for p in line.replace("؛", ";").split(";")]
    word = normalise(parts[0]).lower()
    status = _STATUS.get(word) or _status_by_label(parts[0])
    if status is None or len(parts) > 3:
        return Invalid(label("questionnaire.err_status", lang))
    owner = parts[1] if len(parts) > 1 and parts[1] else None
    due: dt.date | None = None
    if len(parts) > 2 and parts[2]:
        parsed = parse_date(normalise(parts[2]), lang)
        if not isinstance(parsed, dt.date):
            return Invalid(label("questionnaire.err_date", lang))
        due = parsed
    return Commitment(status, owner, due)


def _status_by_label(word: str) -> str | None:
    # The status typed as its label, e.g. "ملتزم به" for committed.
    for status in MITIGATION_STATUSES:
        if word in translations(f"questionnaire.status_{status}").values():
            return status
    return None


def default_project_id(stem: str) -> str:
    """A valid project id from a file name: `assessments/my-project.yaml` gives `my-project`."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-._")[:80].strip("-._")
    return cleaned if cleaned and PROJECT_ID.match(cleaned) else "project"


def default_title(stem: str) -> str:
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Untitled project"

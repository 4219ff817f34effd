"""Write an assessment answered against the imported AIA as the AIA's own SurveyFile.

The AIA web tool's "Upload JSON File" reads ``{"version", "currentPage", "data",
"translationsOnResult"}``: answers under their question names with the AIA's own
option values (which the imported rubric keeps as option ids), and the
other-language texts, which Hawkama keeps as the answers' notes. Nothing is
re-coded, so an exported file scores in the AIA exactly as here.
"""

from __future__ import annotations

import json
from typing import Any

from hawkama.errors import InputError, Problem
from hawkama.importers import AIA_POLICY_ID
from hawkama.models.assessment import Assessment
from hawkama.yamlio import Document

# Versions the AIA labelled with two numbers; the others are "v" + all three.
_LABELS = {"0.9.0": "v0.9"}


def aia_label(version: str) -> str:
    """The AIA's own label of a questionnaire version ("1.0.1" -> "v1.0.1", "0.9.0" -> "v0.9")."""
    return _LABELS.get(version, f"v{version}")


def _plain(value: Any) -> Any:
    # Dates and the like cannot be AIA answers; as text they survive the trip at least.
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def survey_file(assessment: Assessment, doc: Document) -> tuple[str, list[str]]:
    """The SurveyFile text, and what Hawkama holds that the AIA has no place for."""
    if assessment.policy.id != AIA_POLICY_ID:
        line, col = doc.locate(("policy", "id"))
        raise InputError(
            Problem(
                str(doc.path),
                line,
                col,
                "policy.id",
                f"answered against {assessment.policy.id!r}; only assessments of the policy "
                f"{AIA_POLICY_ID!r} can be exported to the AIA",
            )
        )
    data: dict[str, Any] = {}
    translations: dict[str, str] = {}
    for qid, answer in assessment.answers.items():
        if answer.value is not None:
            data[qid] = _plain(answer.value)
        if answer.note is not None:
            translations[qid] = answer.note
    dropped = [
        what
        for what, present in (
            ("evidence", any(a.evidence for a in assessment.answers.values())),
            ("mitigation commitments", bool(assessment.mitigations)),
            ("the committee's review", assessment.review is not None),
        )
        if present
    ]
    out = {
        "version": aia_label(assessment.policy.version),
        "currentPage": 0,
        "data": data,
        "translationsOnResult": translations,
    }
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n", dropped

"""Assessments built without pydantic validation, for the well-formed common shapes (issue #18).

``fast_assessment(data)`` returns the Assessment that ``Assessment.model_validate(data)``
returns, the same pydantic classes with the same fields (and fields set), or None as
soon as ``data`` holds anything else: the caller then validates it with pydantic, so
every error message stays pydantic's. The plain shapes are the ones files hold: plain
answer values and ``{value, note, evidence}`` mappings, mitigations with a status, a
project of text fields and dates. Whatever this lane does not know (a review, a
``{likelihood, impact}`` mapping, a date written as text, ...) goes to pydantic.

Each rule here is at most as wide as the model's: patterns are ASCII-only versions
of the models' (pydantic's ``\\d`` also matches other scripts' digits), values must
have the exact type pydantic would keep (``True`` is not the ``1`` of ``hawkama: 1``,
a datetime is not a date), and text that pydantic cannot pass to Rust (a lone
surrogate from a JSON escape) is left to pydantic. tests/test_assessment_fast.py
checks both lanes against each other on every sample and mutations of them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hawkama.models.assessment import (
    MITIGATION_STATUSES,
    Answer,
    Assessment,
    Evidence,
    MitigationCommitment,
    PolicyRef,
    Project,
    RiskRating,
    parse_rating,
)
from hawkama.models.common import unvalidated

FREE_TEXT = 20_000  # models.assessment.FreeText
ANSWER_KEY = 120
LIST_ITEM = 200
MAX_ITEMS = 5000  # answers and mitigations
MAX_EVIDENCE = 200
IDENT = 80

_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*")
_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+(?:[-+][0-9A-Za-z.-]+)?")
_PROJECT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_STATUSES = frozenset(MITIGATION_STATUSES)


class _Other(Exception):
    """A shape this lane leaves to pydantic."""


def _text(value: object, limit: int = FREE_TEXT) -> str:
    if type(value) is not str or len(value) > limit:
        raise _Other
    if not value.isascii() and _SURROGATE.search(value):
        raise _Other
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _optional_date(value: object) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    raise _Other


def _matching(pattern: re.Pattern[str], value: object, limit: int) -> str:
    text = _text(value, limit)
    if pattern.fullmatch(text) is None:
        raise _Other
    return text


def _mapping(value: object, fields: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or not value.keys() <= fields:
        raise _Other
    return value


_POLICY_FIELDS = frozenset(PolicyRef.model_fields)
_PROJECT_FIELDS = frozenset(Project.model_fields)
_PROJECT_TEXT = tuple(
    name for name in Project.model_fields if name not in ("id", "title", "submitted", "updated")
)
_EVIDENCE_FIELDS = frozenset(Evidence.model_fields)
_ANSWER_FIELDS = frozenset(Answer.model_fields)
_MITIGATION_FIELDS = frozenset(MitigationCommitment.model_fields)
_ASSESSMENT_FIELDS = frozenset(Assessment.model_fields)


def _policy(value: object) -> PolicyRef:
    data = _mapping(value, _POLICY_FIELDS)
    sha = data.get("hash")
    values = {
        "id": _matching(_IDENT, data.get("id"), IDENT),
        "version": _matching(_VERSION, data.get("version"), FREE_TEXT),
        "hash": None if sha is None else _matching(_SHA256, sha, 64),
    }
    return unvalidated(PolicyRef, values, set(data))


def _project(value: object) -> Project:
    data = _mapping(value, _PROJECT_FIELDS)
    values: dict[str, Any] = {
        "id": _matching(_PROJECT_ID, data.get("id"), IDENT),
        "title": _text(data.get("title")),
    }
    for name in _PROJECT_TEXT:
        values[name] = _optional_text(data.get(name))
    values["submitted"] = _optional_date(data.get("submitted"))
    values["updated"] = _optional_date(data.get("updated"))
    return unvalidated(Project, values, set(data))


def _evidence(value: object) -> list[Evidence]:
    if type(value) is not list or len(value) > MAX_EVIDENCE:
        raise _Other
    out = []
    for item in value:
        data = _mapping(item, _EVIDENCE_FIELDS)
        sha = data.get("sha256")
        values = {
            "title": _optional_text(data.get("title")),
            "path": _optional_text(data.get("path")),
            "url": _optional_text(data.get("url")),
            "sha256": None if sha is None else _matching(_SHA256, sha, 64),
        }
        if not (values["path"] or values["url"]):
            raise _Other  # the model's own message says what is missing
        out.append(unvalidated(Evidence, values, set(data)))
    return out


def _rating(value: str) -> RiskRating | None:
    """The rating "3x4" stands for (models.assessment.parse_rating), None if it is text."""
    try:
        parsed = parse_rating(value)
    except ValueError:
        raise _Other from None  # digits that int() cannot read: pydantic words it
    if parsed is value:
        return None
    if not (1 <= parsed["likelihood"] <= 10 and 1 <= parsed["impact"] <= 10):
        raise _Other
    return unvalidated(RiskRating, parsed, {"likelihood", "impact"})


def _value(value: Any) -> Any:
    """The answer value pydantic's union keeps for ``value`` (of the exact same type)."""
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is float or kind is dt.date:
        return value
    if kind is str:
        # A rating starts with a digit ("3x4", " 3 x 4"); most text with an x does not.
        maybe = ("x" in value or "X" in value) and value.lstrip(" ")[:1].isdigit()
        rating = _rating(value) if maybe else None
        return _text(value) if rating is None else rating
    if kind is list:
        return [_text(item, LIST_ITEM) for item in value]
    raise _Other


def _answer(value: object) -> Answer:
    # models.assessment.wrap_answer: a mapping with one of these keys is the answer itself.
    if type(value) is dict and ("value" in value or "note" in value or "evidence" in value):
        data = _mapping(value, _ANSWER_FIELDS)
        values = {
            "value": _value(data.get("value")),
            "note": _optional_text(data.get("note")),
            "evidence": _evidence(data["evidence"]) if "evidence" in data else [],
        }
        return unvalidated(Answer, values, set(data))
    return unvalidated(Answer, {"value": _value(value), "note": None, "evidence": []}, {"value"})


# Answers given as one plain text (an option id, mostly), by that text, and the answer
# keys already found valid: files repeat the same few thousands of both. The answers
# are frozen, so assessments can share them (pydantic would make equal copies).
_SHARED: dict[str, Answer] = {}
_KEYS: set[str] = set()
_MEMO_MAX = 10_000
_MEMO_TEXT = 64  # longer texts are answers of one file, not worth keeping


def _answers(value: object) -> dict[str, Answer]:
    if type(value) is not dict or len(value) > MAX_ITEMS:
        raise _Other
    out: dict[str, Answer] = {}
    shared, keys = _SHARED, _KEYS
    for key, item in value.items():
        if key not in keys:
            _text(key, ANSWER_KEY)
            if len(keys) >= _MEMO_MAX:
                keys.clear()
            keys.add(key)
        if type(item) is str:
            answer = shared.get(item)
            if answer is None:
                answer = _answer(item)
                if len(item) <= _MEMO_TEXT:
                    if len(shared) >= _MEMO_MAX:
                        shared.clear()
                    shared[item] = answer
        else:
            answer = _answer(item)
        out[key] = answer
    return out


def _mitigations(value: object) -> dict[str, MitigationCommitment]:
    if type(value) is not dict or len(value) > MAX_ITEMS:
        raise _Other
    out = {}
    for key, item in value.items():
        data = _mapping(item, _MITIGATION_FIELDS)
        status = data.get("status")
        if type(status) is not str or status not in _STATUSES:
            raise _Other
        values = {
            "status": status,
            "owner": _optional_text(data.get("owner")),
            "due": _optional_date(data.get("due")),
            "note": _optional_text(data.get("note")),
            "evidence": _evidence(data["evidence"]) if "evidence" in data else [],
        }
        out[_matching(_IDENT, key, IDENT)] = unvalidated(MitigationCommitment, values, set(data))
    return out


def fast_assessment(data: object) -> Assessment | None:
    """``Assessment.model_validate(data)`` for the plain shapes; None for anything else."""
    try:
        fields = _mapping(data, _ASSESSMENT_FIELDS)
        hawkama = fields.get("hawkama")
        if type(hawkama) is not int or hawkama != 1 or fields.get("review") is not None:
            return None  # a review has many more shapes: pydantic checks it
        values = {
            "hawkama": 1,
            "policy": _policy(fields.get("policy")),
            "project": _project(fields.get("project")),
            "answers": _answers(fields["answers"]) if "answers" in fields else {},
            "mitigations": _mitigations(fields["mitigations"]) if "mitigations" in fields else {},
            "review": None,
        }
    except _Other:
        return None
    return unvalidated(Assessment, values, set(fields))

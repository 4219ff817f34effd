"""The content hash of an assessment, the same for the same content whatever the file's layout."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from hawkama.models.assessment import Answer, Assessment, MitigationCommitment, RiskRating


def _json_default(value: Any) -> Any:
    # Only the rare values JSON lacks come here: dates and risk ratings.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, RiskRating):
        return {"likelihood": value.likelihood, "impact": value.impact}
    raise TypeError(f"cannot hash a {type(value).__name__}")


# The canonical form: sorted keys, no spaces, text as is. JSON written this way is the
# concatenation of its parts written the same way, which is what assessment_hash uses.
_dumps = json.JSONEncoder(
    sort_keys=True,
    ensure_ascii=False,
    separators=(",", ":"),
    default=_json_default,
    check_circular=False,  # plain trees from our own models: no cycles to look for
).encode
_text = json.encoder.encode_basestring  # how _dumps writes a string (C when available)


def canonical(a: Assessment) -> dict[str, Any]:
    """The assessment as the plain values its hash is taken of (the definition of the hash)."""
    return {
        "hawkama": a.hawkama,
        "policy": [a.policy.id, a.policy.version, a.policy.hash],
        "project": a.project.__dict__,
        "answers": {k: _answer(v) for k, v in a.answers.items()},
        "mitigations": {k: _mitigation(m) for k, m in a.mitigations.items()},
        "review": a.review.model_dump(mode="json") if a.review is not None else None,
    }


def _answer(v: Answer) -> list[Any]:
    return [v.value, v.note, [e.__dict__ for e in v.evidence] if v.evidence else None]


def _mitigation(m: MitigationCommitment) -> list[Any]:
    return [m.status, m.owner, m.due, m.note, [e.__dict__ for e in m.evidence]]


def assessment_hash(a: Assessment) -> str:
    """SHA-256 of the assessment's content, canonicalised (key order and layout do not matter).

    The SHA-256 of ``_dumps(canonical(a))``, written part by part (tests/test_engine_hashing.py
    checks that it is the same text): building the plain tree and encoding it cost more than
    the rest of the evaluation, and pydantic's serialiser of the answer union several times so.
    """
    answers = a.answers
    parts = []
    for k in sorted(answers):
        v = answers[k]
        if v.evidence:
            parts.append(f"{_text(k)}:{_json(_answer(v))}")
        else:
            value = v.value
            text = _text(value) if value.__class__ is str else _json(value)
            note = "null" if v.note is None else _text(v.note)
            parts.append(f"{_text(k)}:[{text},{note},null]")
    mitigations = a.mitigations
    mits = []
    for k in sorted(mitigations):
        m = mitigations[k]
        if m.owner is None and m.due is None and m.note is None and not m.evidence:
            mits.append(f"{_text(k)}:[{_text(m.status)},null,null,null,[]]")
        else:
            mits.append(f"{_text(k)}:{_json(_mitigation(m))}")
    p = a.policy
    review = a.review.model_dump(mode="json") if a.review is not None else None
    blob = (
        f'{{"answers":{{{",".join(parts)}}},"hawkama":{_json(a.hawkama)}'
        f',"mitigations":{{{",".join(mits)}}},"policy":{_json([p.id, p.version, p.hash])}'
        f',"project":{_json(a.project.__dict__)},"review":{_json(review)}}}'
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _json(v: Any) -> str:
    """``_dumps(v)``: the common plain values by hand, the rest by the encoder."""
    cls = v.__class__
    if cls is str:
        return _text(v)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if cls is int:
        return int.__repr__(v)
    if cls is list or cls is tuple:
        return f"[{','.join(map(_json, v))}]"
    if cls is dict and all(k.__class__ is str for k in v):
        return f"{{{','.join(f'{_text(k)}:{_json(v[k])}' for k in sorted(v))}}}"
    if cls is dt.date:
        return _text(v.isoformat())
    if cls is RiskRating:
        return f'{{"impact":{_json(v.impact)},"likelihood":{_json(v.likelihood)}}}'
    return _dumps(v)

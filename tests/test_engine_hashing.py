"""The assessment hash written part by part is the hash of the canonical JSON."""

from __future__ import annotations

import hashlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hawkama.documents import load_assessment_doc
from hawkama.engine.hashing import _dumps, assessment_hash, canonical
from hawkama.models.assessment import MITIGATION_STATUSES, Assessment
from tests.conftest import DATA, ROOT


def reference(a: Assessment) -> str:
    return hashlib.sha256(_dumps(canonical(a)).encode("utf-8")).hexdigest()


def test_shipped_and_test_assessments() -> None:
    paths = [*sorted((ROOT / "assessments").glob("*.yaml")), *sorted(DATA.rglob("*.yaml"))]
    checked = 0
    for path in paths:
        try:
            a, _ = load_assessment_doc(path)
        except Exception:
            continue  # not an assessment, or a broken one on purpose
        assert assessment_hash(a) == reference(a), path
        checked += 1
    assert checked > 10


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
EVIDENCE = st.lists(
    st.fixed_dictionaries({}, optional={"title": TEXT, "path": TEXT, "url": TEXT}), max_size=2
)
VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(-1e16, 1e16, allow_nan=False),
    TEXT,
    st.sampled_from(["2026-11-01", "3x4", "a"]),
    st.lists(TEXT, max_size=3),
)
ANSWER = st.fixed_dictionaries({"value": VALUE}, optional={"note": TEXT, "evidence": EVIDENCE})
MITIGATION = st.fixed_dictionaries(
    {"status": st.sampled_from(list(MITIGATION_STATUSES))},
    optional={"owner": TEXT, "due": st.dates().map(str), "note": TEXT, "evidence": EVIDENCE},
)
KEY = st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{0,8}", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(
    answers=st.dictionaries(KEY, ANSWER, max_size=6),
    mitigations=st.dictionaries(KEY, MITIGATION, max_size=3),
    title=TEXT.filter(str.strip),
    city=st.one_of(st.none(), TEXT),
    review=st.one_of(st.none(), st.just({"decision": "approved", "decided": "2026-01-02"})),
)
def test_any_content(
    answers: dict[str, Any],
    mitigations: dict[str, Any],
    title: str,
    city: str | None,
    review: dict[str, Any] | None,
) -> None:
    doc: dict[str, Any] = {
        "hawkama": 1,
        "policy": {"id": "smart-city", "version": "1.2.0"},
        "project": {"id": "X-1", "title": title, "city": city, "submitted": "2026-01-31"},
        "answers": answers,
        "mitigations": mitigations,
    }
    if review is not None:
        doc["review"] = review
    try:
        a = Assessment.model_validate(doc)
    except ValueError:
        return  # content the model refuses never reaches the hash
    assert assessment_hash(a) == reference(a)

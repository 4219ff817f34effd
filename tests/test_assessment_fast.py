"""The fast lane builds exactly what pydantic builds, or leaves the data to pydantic (issue #18).

Both lanes run on the sample assessments, every assessment and AIA answer file under
tests/data, and seeded random mutations of them (values of the wrong type, too long,
of the wrong shape; keys added, removed, renamed). Whenever the fast lane returns an
Assessment, pydantic accepts the same data and gives an equal model: ``==``,
``model_dump()``, and the type and fields set of every nested model and value.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from hawkama.documents import read_doc
from hawkama.importers.aia_answers import aia_fields
from hawkama.models.assessment import Assessment
from hawkama.models.assessment_fast import fast_assessment
from tests.conftest import DATA, ROOT
from tests.test_fuzz import _paths

YAML_FILES = sorted((ROOT / "assessments").glob("*.yaml")) + sorted(DATA.rglob("*.yaml"))
AIA_FILES = sorted((DATA / "aia").glob("*/answers-*.json")) + sorted(
    (DATA / "aia" / "published").glob("*.json")
)


def _assessment_data(path: Path) -> Any:
    doc = read_doc(path)
    if path.suffix == ".json":
        return aia_fields(doc)
    data = doc.data
    if isinstance(data, dict) and ("hawkama" in data or "answers" in data):
        return data
    return None


def _inputs() -> list[tuple[str, Any]]:
    out = []
    for path in YAML_FILES + AIA_FILES:
        try:
            data = _assessment_data(path)
        except Exception:
            continue  # a file broken on purpose (tests/data/invalid)
        if data is not None:
            out.append((str(path.relative_to(ROOT)), data))
    return out


INPUTS = _inputs()

ODD_VALUES: list[Any] = [
    None, True, False, 0, 1, 2, 1.0, 1.5, float("nan"), 2**80, "", "1", "a", "yes",
    "3x4", "3X4", " 3 x 4 ", "0x4", "11x2", "3x4x5", "x", "٣x٤", "²x3", "9" * 5000 + "x1",
    "2026-01-31", dt.date(2026, 1, 31), dt.datetime(2026, 1, 31), dt.datetime(2026, 1, 31, 10),
    "a" * 200, "a" * 201, "a" * 20_000, "a" * 20_001, "\ud800", "نص عربي", "\x00",
    [], ["a"], ["a", "a"], ["a" * 201], [1], ["\ud800"], [None], ("a",),
    {}, {"value": "a"}, {"value": "a", "note": "n"}, {"note": "n"}, {"value": 1, "x": 2},
    {"likelihood": 3, "impact": 4}, {"value": {"likelihood": 3, "impact": 4}},
    {"evidence": [{"path": "p"}]}, {"evidence": [{"title": "t"}]}, {"evidence": []},
    {"evidence": [{"url": "u", "sha256": "a" * 64}]}, {"evidence": [{"path": "p", "sha256": "A" * 64}]},
    {"evidence": [{"path": "p", "sha256": "a" * 64 + "\n"}]}, {"evidence": "p"},
    {"evidence": [{"path": ""}]}, {"evidence": [{"path": "p"}] * 201},
    {"status": "committed"}, {"status": "done"}, {"status": "implemented", "due": "2026-01-01"},
    {"status": "proposed", "due": dt.date(2026, 1, 1), "owner": "o", "note": None},
    {"id": "x", "version": "1.0.0"}, {"id": "x", "version": "1.0.0\n"}, {"id": "x", "version": "1.0"},
    {"id": "x", "version": "١.٠.٠"}, {"id": "1x", "version": "1.0.0"}, {"id": "X-1", "title": "t"},
    {"id": "x", "version": "1.0.0", "hash": "0" * 64}, {"id": "x" * 81, "version": "1.0.0"},
    {"id": "-x", "title": "t"}, {"id": "x" * 80, "title": "t"}, {"id": "x" * 81, "title": "t"},
]  # fmt: skip
ODD_KEYS: list[Any] = ["extra", "value", "note", "a" * 121, "a" * 120, 1, None, True, "\ud800",
                       "review", "hawkama", "x-1", "x..1", "X"]  # fmt: skip


def mutate(data: Any, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    for _ in range(rng.choice((1, 1, 2, 3))):
        path = rng.choice(_paths(data))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        action = rng.random()
        if action < 0.6:
            parent[key] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif action < 0.75 and isinstance(parent, dict):
            del parent[key]
        elif isinstance(parent, dict):
            new = rng.choice(ODD_KEYS)
            parent[new] = parent.pop(key)
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(rng.choice(ODD_VALUES)))
    return data


def assert_same(fast: Any, slow: Any, where: str = "") -> None:
    assert type(fast) is type(slow), where
    if isinstance(fast, BaseModel):
        assert fast.__pydantic_fields_set__ == slow.__pydantic_fields_set__, where
        assert fast.__pydantic_extra__ == slow.__pydantic_extra__, where
        assert fast.__pydantic_private__ == slow.__pydantic_private__, where
        assert list(fast.__dict__) == list(slow.__dict__), where
        for name in fast.__dict__:
            assert_same(fast.__dict__[name], slow.__dict__[name], f"{where}.{name}")
    elif isinstance(fast, dict):
        assert list(fast) == list(slow), where
        for key in fast:
            assert_same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(fast, list):
        assert len(fast) == len(slow), where
        for i, (a, b) in enumerate(zip(fast, slow, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    else:
        assert repr(fast) == repr(slow), where  # NaN, and True is not 1


def both_lanes(data: Any) -> tuple[Assessment | None, Assessment | None]:
    """Run both lanes; whenever the fast one answers, it must be pydantic's answer."""
    fast = fast_assessment(data)
    try:
        slow = Assessment.model_validate(data)
    except ValidationError:
        slow = None
    if fast is not None:
        assert slow is not None, "the fast lane accepted what pydantic refuses"
        assert fast == slow
        assert fast.model_dump() == slow.model_dump()
        assert fast.model_dump_json() == slow.model_dump_json()
        assert_same(fast, slow)
    return fast, slow


@pytest.mark.parametrize(("name", "data"), INPUTS, ids=[n for n, _ in INPUTS])
def test_files_take_the_fast_lane_with_pydantic_s_result(name: str, data: Any) -> None:
    fast, slow = both_lanes(data)
    if slow is not None and "review" not in data:
        assert fast is not None, f"{name}: a plain file left to pydantic"


# Every file of ours, and a few of the (large) AIA files.
MUTATED = [data for name, data in INPUTS if not name.endswith(".json")] + [
    data for name, data in INPUTS if name.endswith(".json")
][::8]


@pytest.mark.parametrize("seed", range(24))
def test_mutations_agree(seed: int) -> None:
    rng = random.Random(seed)
    accepted = 0
    for data in MUTATED:
        for _ in range(5):
            if both_lanes(mutate(data, rng))[0] is not None:
                accepted += 1
    assert accepted > 0


@pytest.mark.parametrize("value", ODD_VALUES, ids=range(len(ODD_VALUES)))
def test_every_odd_value_in_every_place(value: Any) -> None:
    base = {
        "hawkama": 1,
        "policy": {"id": "smart-city", "version": "1.2.0"},
        "project": {"id": "P-1", "title": "A project", "submitted": dt.date(2026, 1, 1)},
        "answers": {"q1": "a", "q2": {"value": ["a", "b"], "note": "n"}},
        "mitigations": {"m-1": {"status": "committed", "owner": "o"}},
    }
    assert both_lanes(base)[0] is not None
    both_lanes(copy.deepcopy(value))  # as the whole file
    for path in _paths(base):
        data = copy.deepcopy(base)
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = copy.deepcopy(value)
        both_lanes(data)

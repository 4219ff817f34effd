"""Rebuilding policy models from their cache JSON gives exactly what validation gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from hawkama.models.common import Citation
from hawkama.models.policy import Policy
from hawkama.models.rubric import Rubric, ScaleSpec
from hawkama.policy.load import _load_uncached
from hawkama.policy.rebuild import Unsupported, made_defaults, rebuild
from tests.conftest import MINI, ROOT


def same(a: Any, b: Any, where: str = "") -> None:
    """Equal, of the same types all the way down, fields set and key order included."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert list(a.__dict__) == list(b.__dict__), where
        assert a.model_fields_set == b.model_fields_set, where
        for k in a.__dict__:
            same(a.__dict__[k], b.__dict__[k], f"{where}.{k}")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            same(a[k], b[k], f"{where}.{k}")
    else:
        assert a == b, where


def cache_json(model: BaseModel) -> Any:
    return json.loads(json.dumps(model.model_dump(mode="json", exclude_unset=True)))


@pytest.mark.parametrize(
    "policy",
    [
        ROOT / "rubrics" / "smart-city.yaml",
        ROOT / "rubrics" / "aia-canada" / "v1.0.1" / "policy.yaml",
        ROOT / "rubrics" / "versions" / "smart-city-0.9.0" / "smart-city.yaml",
        MINI / "policy.yaml",
    ],
    ids=lambda p: p.parent.name + "/" + p.name,
)
def test_rebuilt_models_are_the_validated_ones(policy: Path) -> None:
    ps = _load_uncached(policy)
    made = json.loads(json.dumps(made_defaults(ps.policy)))
    same(rebuild(Policy, cache_json(ps.policy), made), ps.policy, "policy")
    same(rebuild(Policy, cache_json(ps.policy)), ps.policy, "policy, defaults made again")
    for r in ps.rubrics:
        made = json.loads(json.dumps(made_defaults(r)))
        same(rebuild(Rubric, cache_json(r), made), r, r.id)


def test_defaults_kept_in_the_entry_are_not_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import hawkama.models.policy

    policy = _load_uncached(MINI / "policy.yaml").policy
    assert "intake_title" not in policy.model_fields_set  # the catalogue's text by default
    made = made_defaults(policy)

    def no_catalogue(key: str) -> dict[str, str]:
        raise AssertionError("the label catalogue should not be read")

    monkeypatch.setattr(hawkama.models.policy, "translations", no_catalogue)
    same(rebuild(Policy, cache_json(policy), made), policy, "policy")


def test_int_keys_unions_and_defaults_come_back() -> None:
    scale = rebuild(ScaleSpec, {"min": 1, "labels": {"1": {"en": "low"}}})
    assert scale.labels == {1: {"en": "low"}} and scale.max == 4
    assert scale.model_fields_set == {"min", "labels"}
    cite = rebuild(Citation, {"source": "gdpr", "ref": "Art 35"})
    assert isinstance(cite, Citation) and cite.ref == "Art 35"


@pytest.mark.parametrize(
    "data",
    [
        {"min": 1, "unknown": 2},  # a key the model does not have
        {"labels": {"x": {"en": "a"}}},  # a key that is not an integer
        ["not", "an", "object"],
    ],
)
def test_data_it_cannot_rebuild_is_refused(data: Any) -> None:
    with pytest.raises((Unsupported, ValueError)):
        rebuild(ScaleSpec, data)


def test_a_missing_required_field_is_refused() -> None:
    with pytest.raises(Unsupported, match="missing"):
        rebuild(Citation, {"ref": "Art 35"})


def test_a_model_it_does_not_know_how_to_rebuild_is_refused() -> None:
    class Loose(BaseModel):
        model_config = ConfigDict(extra="allow")
        name: str

    class Both(BaseModel):
        model_config = ConfigDict(extra="forbid")
        item: Citation | ScaleSpec

    with pytest.raises(Unsupported, match="not a strict model"):
        rebuild(Loose, {"name": "x"})
    with pytest.raises(Unsupported, match="several models"):
        rebuild(Both, {"item": {"source": "x"}})

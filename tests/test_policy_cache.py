"""The per-user policy cache: used when nothing changed, ignored when anything did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hawkama.documents import load_assessment
from hawkama.engine.evaluate import evaluate
from hawkama.policy import cache as policy_cache
from hawkama.policy import load as policy_load
from tests.conftest import MINI


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HAWKAMA_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    return folder


def test_second_load_comes_from_the_cache_and_scores_the_same(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = policy_load.load_policy_set(mini / "policy.yaml")
    assert list((mini.parent / "cache").glob("*.pickle"))

    def no_parsing(path: Path) -> None:
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(policy_load, "_load_uncached", no_parsing)
    second = policy_load.load_policy_set(mini / "policy.yaml")
    assert second.hash == first.hash
    assert [f.text for f in second.files] == [f.text for f in first.files]
    a = load_assessment(mini / "low.yaml")
    assert evaluate(second, a).model_dump_json() == evaluate(first, a).model_dump_json()


def test_a_changed_rubric_is_read_again(mini: Path) -> None:
    first = policy_load.load_policy_set(mini / "policy.yaml")
    rubric = mini / "privacy.yaml"
    rubric.write_text(
        rubric.read_text(encoding="utf-8").replace("importance: 3", "importance: 2", 1),
        encoding="utf-8",
    )
    second = policy_load.load_policy_set(mini / "policy.yaml")
    assert second.hash != first.hash
    assert second.questions["P1"].question.importance == 2


def test_a_broken_rubric_is_never_served_from_the_cache(mini: Path) -> None:
    policy_load.load_policy_set(mini / "policy.yaml")
    rubric = mini / "privacy.yaml"
    rubric.write_text(
        rubric.read_text(encoding="utf-8").replace("type: single", "type: singel", 1),
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="'singel' is not allowed"):
        policy_load.load_policy_set(mini / "policy.yaml")


def test_cache_can_be_turned_off(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAWKAMA_CACHE", "off")
    policy_load.load_policy_set(mini / "policy.yaml")
    assert not (mini.parent / "cache").exists()


def test_a_damaged_entry_is_a_miss(mini: Path) -> None:
    policy_load.load_policy_set(mini / "policy.yaml")
    [entry] = (mini.parent / "cache").glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert policy_cache.load(mini / "policy.yaml") is None
    assert policy_load.load_policy_set(mini / "policy.yaml").id == "mini"


def test_an_entry_others_could_write_is_not_trusted(mini: Path) -> None:
    policy_load.load_policy_set(mini / "policy.yaml")
    [entry] = (mini.parent / "cache").glob("*.pickle")
    assert entry.stat().st_mode & 0o777 == 0o600
    assert policy_cache.load(mini / "policy.yaml") is not None
    entry.chmod(0o666)
    assert policy_cache.load(mini / "policy.yaml") is None

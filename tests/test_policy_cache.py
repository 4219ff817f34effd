"""The per-user policy cache: used when nothing changed, ignored when anything did."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hawkama.documents import load_assessment
from hawkama.engine.evaluate import evaluate
from hawkama.policy import cache as policy_cache
from hawkama.policy import load as policy_load
from tests.conftest import MINI, ROOT


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
    assert list((mini.parent / "cache").glob("*.json"))

    def no_parsing(path: Path) -> None:
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(policy_load, "_load_uncached", no_parsing)
    monkeypatch.setattr(policy_cache, "_COMPILED", {})  # as in a new process: from the file
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
    [entry] = (mini.parent / "cache").glob("*.json")
    entry.write_bytes(b"{not json")
    assert policy_cache.load(mini / "policy.yaml") is None
    assert policy_load.load_policy_set(mini / "policy.yaml").id == "mini"


def test_an_entry_others_could_write_is_not_trusted(mini: Path) -> None:
    policy_load.load_policy_set(mini / "policy.yaml")
    [entry] = (mini.parent / "cache").glob("*.json")
    assert entry.stat().st_mode & 0o777 == 0o600
    assert policy_cache.load(mini / "policy.yaml") is not None
    entry.chmod(0o666)
    assert policy_cache.load(mini / "policy.yaml") is None


@pytest.mark.parametrize("name", ["smart-city.yaml", "aia-canada/v1.0.1"])
def test_an_entry_is_plain_json_and_gives_the_same_policy(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAWKAMA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(policy_cache, "_COMPILED", {})  # read from the files, not this process
    fresh = policy_load.load_policy_set(ROOT / "rubrics" / name)
    [entry] = (tmp_path / "cache").glob("*.json")
    assert json.loads(entry.read_text(encoding="utf-8"))["hash"] == fresh.hash
    cached = policy_cache.load(fresh.path)
    assert cached is not None
    assert cached.policy == fresh.policy and [r for r, _, _ in cached.rubrics] == fresh.rubrics
    assert cached.policy_text == fresh.files[0].text
    assert [t for _, _, t in cached.rubrics] == [f.text for f in fresh.files[1:]]


def test_within_a_process_the_compiled_policy_is_kept_while_its_files_are_unchanged(
    mini: Path,
) -> None:
    first = policy_load.load_policy_set(mini / "policy.yaml")
    assert policy_load.load_policy_set(mini / "policy.yaml") is first
    rubric = mini / "privacy.yaml"
    rubric.write_text(rubric.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert policy_load.load_policy_set(mini / "policy.yaml") is not first


def test_an_entry_is_rebuilt_without_validation_and_texts_come_from_the_files(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = policy_load.load_policy_set(mini / "policy.yaml")
    [entry] = (mini.parent / "cache").glob("*.json")
    assert "text" not in json.loads(entry.read_text(encoding="utf-8"))["rubrics"][0]

    def no_validation(*args: object, **kwargs: object) -> None:
        raise AssertionError("the entry should have been rebuilt, not validated")

    monkeypatch.setattr(policy_cache.Policy, "model_validate", no_validation)
    monkeypatch.setattr(policy_cache.Rubric, "model_validate", no_validation)
    cached = policy_cache.load(mini / "policy.yaml")
    assert cached is not None
    assert cached.policy == first.policy and [r for r, _, _ in cached.rubrics] == first.rubrics
    assert cached.policy_text == (mini / "policy.yaml").read_text(encoding="utf-8")


def test_policy_ids_are_kept_by_content(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hawkama.policy.find import PolicyResolver, policy_files

    read: list[Path] = []

    def counting(path: Path) -> tuple[str, str] | None:
        read.append(path)
        return ("mini", "1.0.0")

    files = [mini / "policy.yaml"]
    assert policy_cache.policy_ids(files, counting) == {files[0]: ("mini", "1.0.0")}
    assert policy_cache.policy_ids(files, counting) == {files[0]: ("mini", "1.0.0")}
    assert read == files  # the second time from the entry
    (mini / "policy.yaml").write_text(
        (mini / "policy.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    policy_cache.policy_ids(files, counting)
    assert read == files * 2  # changed bytes: read again
    found = policy_files(mini)
    assert list(found.values()) == [mini / "policy.yaml"]
    assert PolicyResolver(None)._index(mini) == found


def test_an_entry_keeps_the_parse_trees_so_building_parses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hawkama.expr import syntax

    monkeypatch.setenv("HAWKAMA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(policy_cache, "_COMPILED", {})
    fresh = policy_load.load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    monkeypatch.setattr(policy_cache, "_COMPILED", {})
    monkeypatch.setattr(syntax, "_PARSED", {})  # as in a new process

    def no_parsing(self: object, text: str) -> None:
        raise AssertionError(f"parsed again: {text!r}")

    monkeypatch.setattr(syntax._Parser, "__init__", no_parsing)
    again = policy_load.load_policy_set(ROOT / "rubrics" / "smart-city.yaml")
    assert again is not fresh and again.hash == fresh.hash
    assert policy_load.expression_sources(again) == policy_load.expression_sources(fresh)
    assert len(syntax._PARSED) >= len(set(policy_load.expression_sources(fresh))) > 100

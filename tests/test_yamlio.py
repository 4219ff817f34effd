from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from hawkama import yamlio
from hawkama.errors import InputError
from hawkama.yamlio import MAX_NODES, parse_yaml, write_atomic
from tests.conftest import ROOT
from tests.test_fuzz import mutate


def parse(tmp_path: Path, text: str | bytes) -> object:
    path = tmp_path / "f.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return parse_yaml(path).data


def error(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(InputError) as info:
        parse(tmp_path, text)
    return str(info.value.format_message())


def test_yes_no_on_off_stay_strings(tmp_path: Path) -> None:
    data = parse(tmp_path, "a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\n")
    assert data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": True, "f": False}


def test_bom_and_windows_line_ends_are_accepted(tmp_path: Path) -> None:
    assert parse(tmp_path, b"\xef\xbb\xbfa: 1\r\nb: [x, y]\r\n") == {"a": 1, "b": ["x", "y"]}


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    assert "f.yaml:3:3: duplicate key 'x' (first given on line 2)" in error(
        tmp_path, "a:\n  x: 1\n  x: 2\n"
    )


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    message = error(tmp_path, "\n".join(lines) + "\n")
    assert f"expands to more than {MAX_NODES:,} values" in message


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    assert "nesting deeper than" in error(tmp_path, "a: " + "[" * 100 + "]" * 100 + "\n")


def test_non_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    assert "f.yaml:2: not UTF-8 text (byte 0xe9" in error(tmp_path, b"a: 1\nb: caf\xe9\n")


def test_tab_indentation_is_refused(tmp_path: Path) -> None:
    assert "f.yaml:2:1: a tab is used for indentation" in error(tmp_path, "a:\n\tb: 1\n")


def test_python_tags_are_refused(tmp_path: Path) -> None:
    message = error(tmp_path, "a: !!python/object/apply:os.system ['echo hi']\n")
    assert (
        "the YAML tag tag:yaml.org,2002:python/object/apply:os.system is not supported here"
        in message
    )


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAWKAMA_MAX_FILE_BYTES", "100")
    assert "the limit is 100 bytes" in error(tmp_path, "a: " + "x" * 200 + "\n")


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out" / "r.txt"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text() == "second"
    assert os.listdir(target.parent) == ["r.txt"]


def test_write_atomic_keeps_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old")

    with pytest.raises(TypeError):
        write_atomic(target, 123)  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["r.txt"]


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    assert "f.yaml:2:5: merge keys (<<) are not supported" in error(
        tmp_path, "a: &a {x: 1}\nb: {<<: *a, y: 2}\n"
    )


def test_collection_tags_are_refused(tmp_path: Path) -> None:
    assert "the YAML tag tag:yaml.org,2002:set is not supported here" in error(
        tmp_path, "a: !!set {x, y}\n"
    )


def test_aliases_share_and_count(tmp_path: Path) -> None:
    assert parse(tmp_path, "a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_numbers_dates_and_nulls(tmp_path: Path) -> None:
    import datetime as dt

    data = parse(tmp_path, "a: 1\nb: 2.5\nc: 2026-11-26\nd: null\ne: ~\nf: '3'\n")
    assert data == {"a": 1, "b": 2.5, "c": dt.date(2026, 11, 26), "d": None, "e": None, "f": "3"}


def test_python_scalar_tag_is_refused(tmp_path: Path) -> None:
    assert "could not determine a constructor" in error(tmp_path, "a: !!python/name:os.system ''\n")


# --- the plain walk (files without anchors) builds what the full walk builds (issue #18) ---

YAML_FILES = sorted(
    p
    for folder in ("assessments", "rubrics", "tests/data")
    for p in (ROOT / folder).rglob("*.y*ml")
)
EDGE_CASES = [
    "a: 1\nb: 1.5\nc: ~\nd: true\ne: 2026-01-31\nf: 2026-01-31T10:00:00Z\ng: 'x'\n",
    "1: a\n2.5: b\nnull: c\ntrue: d\n2026-01-01: e\n",
    "a: [1, [2, [3, {b: c}]], {}]\nb: {}\nc: []\n",
    "a:\n  x: 1\n  x: 2\nb:\n  y: 1\n  y: 2\n",
    "a: " + "9" * 101 + "\n",
    "a: 2026-02-30\n",
    "a: " + "[" * 70 + "]" * 70 + "\n",
    "a: " + "[" * 64 + "]" * 64 + "\n",
    "a: " + "[" * 63 + "x" + "]" * 63 + "\n",
    "a: " + "[" * 64 + "x" + "]" * 64 + "\n",
    "<<: {a: 1}\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "? [a, b]\n: c\n",
    "!!str a: b\n",
    "a: !!str 12\nb: !!int '12'\nc: !!float '1'\n",
    "- a\n- - b\n  - c\n",
    "just a scalar\n",
    "a: .nan\nb: -.inf\nc: 0x1F\nd: 0o17\ne: 1_000\n",
]


def _walks(path: Path, text: str) -> list[object]:
    outcomes: list[object] = []
    for anchors in (True, False):
        loader = yamlio._Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                outcomes.append(("data", yamlio._construct(path, node, loader, anchors)))
        except InputError as exc:
            outcomes.append(("error", exc.format_message()))
        except yaml.YAMLError as exc:
            outcomes.append(("yaml", str(exc)))
        finally:
            loader.dispose()
    return outcomes


def _same(outcomes: list[object]) -> None:
    if outcomes:
        first, second = outcomes
        # repr: NaN is not equal to itself, and True == 1 would hide a type change.
        assert repr(first) == repr(second)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_plain_walk_edge_cases(tmp_path: Path, text: str) -> None:
    _same(_walks(tmp_path / "f.yaml", text))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.name)
def test_plain_walk_builds_the_same_data(path: Path) -> None:
    text = yamlio.read_text(path)
    _same(_walks(path, text))
    for seed in range(6 if len(text) < 10_000 else 1):  # mutate() parses with pure-Python YAML
        try:
            mutated = mutate(text, seed).decode("utf-8", "replace")
        except yaml.YAMLError:
            continue  # a broken file to begin with
        _same(_walks(path, mutated.replace("&", "_")))


@pytest.mark.parametrize(
    "value",
    ["", "a", "yes", "no", "on", "True", "true", "FALSE", "~", "null", "Null", "1", "-1", "1e3",
     "1.5", ".inf", "-.Inf", ".nan", "0x1F", "0o17", "1_000", "2026-01-31", "2026-01-31 10:00",
     "<<", "=", "3x4", "1:20", "x" * 70],
)  # fmt: skip
def test_memoised_resolver_gives_pyyaml_tags(value: str) -> None:
    loader = yamlio._Loader("")
    try:
        for implicit in ((True, False), (False, True), (True, True), (False, False)):
            expected = yaml.resolver.BaseResolver.resolve(loader, yaml.ScalarNode, value, implicit)
            for _ in range(2):  # the first call fills the memo, the second reads it
                assert loader.resolve(yaml.ScalarNode, value, implicit) == expected
        for kind in (yaml.SequenceNode, yaml.MappingNode):
            expected = yaml.resolver.BaseResolver.resolve(loader, kind, None, (True, False))
            assert loader.resolve(kind, None, (True, False)) == expected
    finally:
        loader.dispose()

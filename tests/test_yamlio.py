from __future__ import annotations

import os
from pathlib import Path

import pytest

from hawkama.errors import InputError
from hawkama.yamlio import MAX_NODES, parse_yaml, write_atomic


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

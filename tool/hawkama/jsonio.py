"""Parsing JSON input (AIA questionnaires and answer files, report manifests) within bounds.

Python's json module recurses once per nesting level (100,000 levels: RecursionError),
turns a 5,000-digit integer into a ValueError, accepts NaN and Infinity, and keeps
the last of two equal keys. Here each of these is a located problem instead
(issue #12, item 6): nesting is measured before parsing, numbers and keys as they
are read.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from hawkama.errors import InputError, Problem

# The AIA's questionnaire nests 9 levels, its answer files 3; our YAML files stop at 64.
MAX_JSON_DEPTH = 64
# Longer than any number a questionnaire or an answer needs; int() of 4,301 digits fails.
MAX_NUMBER_CHARS = 40

_BRACKETS = re.compile(r'[\[\]{}]|"(?:[^"\\]|\\.)*"', re.DOTALL)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class _Refused(Exception):
    def __init__(self, message: str, needle: str = "", key: str = "") -> None:
        super().__init__(message)
        self.message, self.needle, self.key = message, needle, key


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _deepest(text: str) -> int:
    """How deep the brackets outside strings nest: the depth the scan of _too_deep counts."""
    steps = map(_STEP.__getitem__, _BRACKET.findall(_STRING.sub("", text)))
    return max(accumulate(steps), default=0)


def _too_deep(text: str) -> int | None:
    """Offset of the first bracket nested deeper than MAX_JSON_DEPTH, or None."""
    # Cheap answers first (issue #18): a text cannot nest deeper than it has opening
    # brackets, nor deeper than its brackets outside strings do. The exact scan below
    # runs a Python step per string and bracket, so only to locate a refusal.
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return None
    if _deepest(text) <= MAX_JSON_DEPTH:
        return None
    depth = 0
    for m in _BRACKETS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return m.start()
        elif c in "]}":
            depth -= 1
    return None


def _number(literal: str) -> str:
    return literal if len(literal) <= 24 else f"{literal[:12]}...({len(literal)} characters)"


def _int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _Refused(
            f"the number {_number(literal)} is too long (at most {MAX_NUMBER_CHARS} characters)",
            literal,
        )
    return int(literal)


def _float(literal: str) -> float:
    value = float(literal) if len(literal) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise _Refused(
            f"the number {_number(literal)} is out of range (at most {MAX_NUMBER_CHARS} "
            "characters, and finite)",
            literal,
        )
    return value


def _constant(literal: str) -> Any:
    raise _Refused(f"{literal} is not a JSON number", literal)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused("duplicate key in a JSON object; each key may appear once", key=key)
        out[key] = value
    return out


def _duplicate_at(text: str, key: str) -> tuple[int | None, int | None, str]:
    """Line, column and key path of the repeated ``key`` (json's hook knows no position).

    JSON is (nearly) YAML, whose parser keeps marks; this runs only to report the
    error, on a text already known to nest no deeper than MAX_JSON_DEPTH.
    """
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None, None, key
    stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value == key and key in seen:
                        where = ".".join((*path, key)).replace(".[", "[")
                        return k.start_mark.line + 1, k.start_mark.column + 1, where
                    seen.add(k.value)
                    stack.append((v, (*path, str(k.value))))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, (*path, f"[{i}]")) for i, v in enumerate(node.value))
    return None, None, key


def parse_json(text: str, source: Path | str) -> Any:
    """The value of JSON ``text``; InputError with ``source:line:col`` if refused."""
    deep = _too_deep(text)
    if deep is not None:
        line, col = _position(text, deep)
        raise InputError(
            Problem(str(source), line, col, "", f"nesting deeper than {MAX_JSON_DEPTH} levels")
        )
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            Problem(str(source), exc.lineno, exc.colno, "", f"not valid JSON: {exc.msg}")
        ) from None
    except _Refused as exc:
        if exc.key:
            kline, kcol, where = _duplicate_at(text, exc.key)
            raise InputError(Problem(str(source), kline, kcol, where, exc.message)) from None
        offset = text.find(exc.needle)
        nline, ncol = _position(text, offset) if offset >= 0 else (None, None)
        raise InputError(Problem(str(source), nline, ncol, "", exc.message)) from None

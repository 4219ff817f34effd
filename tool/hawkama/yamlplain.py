"""A reader for plain block YAML, the shape most assessment files have (issue #18).

``plain_data(text)`` returns what ``yamlio.parse_yaml`` builds from ``text``, without
PyYAML's node tree (about two thirds of the reading time of an answer file), or None
when the text holds anything beyond:

- ``key: value`` and ``key:`` lines, the keys plain words (letters, digits, ``_.-``),
  nested by indentation, with ``- value`` items under a ``key:`` (indented or not);
- values on one line: plain (typed by PyYAML's own resolver and constructors, with
  Hawkama's YAML 1.2 booleans), 'single-quoted', or "double-quoted" without escapes;
- blank lines and ``# comments``.

Anything else (flow collections, block scalars, anchors, tags, multi-line values,
escapes, a mapping inside a list, a repeated key, odd characters, trailing spaces)
returns None and the file is read by PyYAML, so every error and every unusual value
stays PyYAML's. The node tree for error positions is built from the text only when
a problem is reported (``Document.tree``). tests/test_yamlplain.py checks that
whatever this reader accepts, PyYAML reads the same.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

# At most this deep and this large (yamlio refuses more; such files go to PyYAML).
MAX_DEPTH = 32
MAX_VALUES = 100_000

# Each line: indentation, then `- ` or `key:` (followed by spaces or the line's end),
# then the rest; a line that is neither has both empty and is refused below.
_LINES = re.compile(r"^( *)(?:(- +)|([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: +|$)|)(.*)$", re.MULTILINE)
_COMMENT_LINES = re.compile(r"^ *#.*$", re.MULTILINE)
# What YAML reads differently from one line of text: other line breaks, a BOM, a tab,
# and the characters PyYAML's reader refuses.
_ODD = re.compile(yaml.reader.Reader.NON_PRINTABLE.pattern + r"|[\r\x85\u2028\u2029\ufeff\t]")
# A plain scalar cannot start with an indicator (or `-`, `?`, `:` before a space), nor
# hold `: ` or ` #` (handled) or flow brackets (allowed in block context, left to PyYAML).
_INDICATORS = frozenset("[]{},#&*!|>'\"%@`")
_FLOW = re.compile(r"[\[\]{}]")
# Typed values by their text, per typing function: files repeat the same few (option
# ids, dates, numbers).
_TYPED: dict[Any, dict[str, Any]] = {}
_TYPED_MAX = 10_000


class _NotPlain(Exception):
    """The text needs PyYAML."""


def plain_data(text: str, scalar: Any) -> dict[Any, Any] | None:
    """The mapping ``text`` holds, or None if it is not plain block YAML.

    ``scalar(value)`` types a plain scalar as yamlio's loader does (raising
    ValueError for one it would refuse or report).
    """
    if " \n" in text or text.endswith(" "):
        return None  # trailing spaces: left to PyYAML
    body = text.replace("\n", "")
    if body.isascii():
        if not body.isprintable():  # control characters, tabs, carriage returns
            return None
    elif _ODD.search(text):
        return None
    if "#" in text:
        text = _COMMENT_LINES.sub("", text)
    try:
        return _read(_LINES.findall(text), scalar)
    except (_NotPlain, ValueError):
        return None


def _read(lines: list[tuple[str, str, str, str]], scalar: Any) -> dict[Any, Any]:
    if 2 * len(lines) >= MAX_VALUES:
        raise _NotPlain
    root: dict[Any, Any] = {}
    # Open collections, innermost last: (indentation, the dict or list, a list written
    # at its key's own indentation).
    stack: list[tuple[int, Any, bool]] = [(0, root, False)]
    pending: Any = _NONE  # a `key:` whose value starts on a later line
    owner: dict[Any, Any] = root
    typed = _TYPED.get(scalar)
    if typed is None or len(typed) >= _TYPED_MAX:
        typed = _TYPED[scalar] = {}
    for spaces, dash, key, rest in lines:
        if not dash and not key:
            if spaces or rest:
                raise _NotPlain  # neither `key:` nor `- `: a continued value, a flow...
            continue  # a blank line
        at = len(spaces)
        if pending is not _NONE:
            top_at = stack[-1][0]
            if at > top_at or (at == top_at and dash):
                new: Any = [] if dash else {}
                owner[pending] = new
                stack.append((at, new, at == top_at))
                if len(stack) > MAX_DEPTH:
                    raise _NotPlain
            else:
                owner[pending] = scalar("")
            pending = _NONE
        while stack[-1][0] > at or (stack[-1][2] and not dash and stack[-1][0] == at):
            stack.pop()
            if not stack:
                raise _NotPlain
        top_at, top, _ = stack[-1]
        if top_at != at:
            raise _NotPlain
        if rest.startswith("#"):
            rest = ""  # `key: # note`
        if type(top) is dict:
            if dash:
                raise _NotPlain
            name = typed.get(key, _NONE)
            if name is _NONE:
                name = _remember(typed, key, scalar(key))
            if name in top:
                raise _NotPlain  # yamlio reports the repeated key
            if rest:
                value = typed.get(rest, _NONE)
                top[name] = (
                    _remember(typed, rest, _value(rest, scalar)) if value is _NONE else value
                )
            else:
                pending, owner = name, top
        else:
            if not dash or not rest:
                raise _NotPlain  # an empty item, or a mapping inside the list
            value = typed.get(rest, _NONE)
            top.append(_remember(typed, rest, _value(rest, scalar)) if value is _NONE else value)
    if pending is not _NONE:
        owner[pending] = scalar("")
    if not root:
        raise _NotPlain  # an empty document is None, not {}
    return root


_NONE: Any = object()


def _remember(typed: dict[str, Any], text: str, value: Any) -> Any:
    if len(text) <= 64:
        typed[text] = value
    return value


def _value(text: str, scalar: Any) -> Any:
    first = text[0]
    if first == "'" or first == '"':
        return _quoted(text, first)
    if first in _INDICATORS or (first in "-?:" and (len(text) == 1 or text[1] == " ")):
        raise _NotPlain
    cut = text.find(" #")
    if cut >= 0:
        text = text[:cut].rstrip(" ")
    if ": " in text or text.endswith(":") or _FLOW.search(text):
        raise _NotPlain
    return scalar(text)


def _quoted(text: str, quote: str) -> str:
    if quote == "'":
        end = text.find("'", 1)
        while end >= 0 and text[end + 1 : end + 2] == "'":
            end = text.find("'", end + 2)
        inner = text[1:end].replace("''", "'")
    else:
        end = text.find('"', 1)
        inner = text[1:end]
        if "\\" in inner:
            raise _NotPlain  # escapes: PyYAML decodes them
    if end < 0:
        raise _NotPlain  # continued on the next line
    after = text[end + 1 :]
    if after and not (after[0] == " " and after.lstrip(" ").startswith("#")):
        raise _NotPlain
    return inner

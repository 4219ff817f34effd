"""Translate SurveyJS ``visibleIf`` conditions into Hawkama's expression language.

Only what can be translated exactly is accepted: comparisons of a question with
literals (``=``, ``<>``, ``contains``, ``notcontains``, ``anyof``, ``allof``,
``empty``, ``notempty``), joined by ``and``/``or``/``!`` and parentheses. Anything
else (functions, arithmetic, ordering comparisons, nested variables, contains on
free text) raises :class:`UntranslatableCondition`: a condition we would guess at
could silently change which questions count, and so the score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from hawkama.expr.syntax import KEYWORDS, REFUSED

Kind = Literal["single", "multiple", "text"]


@dataclass(frozen=True)
class QuestionKind:
    """What a condition may need to know about the question it reads."""

    kind: Kind
    options: tuple[str, ...] = ()


class UntranslatableCondition(ValueError):
    """A condition that cannot be translated exactly; the message names it and why."""


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<var>\{[^{}]*\})
  | (?P<str>"[^"]*"|'[^']*')
  | (?P<num>-?\d+(?:\.\d+)?)
  | (?P<op><>|!=|==|=|<=|>=|<|>|&&|\|\||!|\(|\)|\[|\]|,)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)
_BINARY_WORDS = {
    "equal": "=",
    "notequal": "<>",
    "contains": "contains",
    "notcontains": "notcontains",
    "anyof": "anyof",
    "allof": "allof",
    "and": "and",
    "or": "or",
    "negate": "!",
    "empty": "empty",
    "notempty": "notempty",
    "true": "true",
    "false": "false",
}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*$")
Lit = str | float | bool
Token = tuple[str, str, int]  # kind, text, position


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _Fail(f"unexpected character {text[pos]!r}", pos)
        kind, tok = m.lastgroup or "", m.group()
        if kind == "word":
            low = tok.lower()
            if low not in _BINARY_WORDS:
                raise _Fail(
                    f"unknown word {tok!r} (functions and other operators are not supported)", pos
                )
            kind, tok = "op", _BINARY_WORDS[low]
        if kind == "op":
            tok = {"==": "=", "!=": "<>", "&&": "and", "||": "or"}.get(tok, tok)
        if kind != "ws":
            out.append((kind, tok, pos))
        pos = m.end()
    out.append(("end", "", len(text)))
    return out


class _Fail(Exception):
    def __init__(self, reason: str, pos: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.pos = pos


def _quote(value: str) -> str:
    # Double quotes: the YAML file then needs no doubled single quotes around them.
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _lit(value: Lit) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return _quote(value)


# Deeper nesting is refused, not recursed into: the AIA's longest condition nests 2 levels.
MAX_NESTING = 32


class _Translator:
    def __init__(self, text: str, questions: Mapping[str, QuestionKind]) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.questions = questions
        self.depth = 0

    def nest(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _Fail(f"nested deeper than {MAX_NESTING} levels", pos)

    def peek(self) -> Token:
        return self.toks[self.i]

    def take(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def is_op(self, *ops: str) -> bool:
        kind, tok, _ = self.peek()
        return kind == "op" and tok in ops

    def run(self) -> str:
        out = self.disjunction()
        kind, tok, pos = self.peek()
        if kind != "end":
            raise _Fail(f"unexpected {tok!r}", pos)
        return out

    def disjunction(self) -> str:
        parts = [self.conjunction()]
        while self.is_op("or"):
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else " or ".join(parts)

    def conjunction(self) -> str:
        parts = [self.negation()]
        while self.is_op("and"):
            self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else " and ".join(parts)

    def negation(self) -> str:
        if self.is_op("!"):
            self.nest(self.take()[2])
            out = f"not {self.negation()}"
            self.depth -= 1
            return out
        if self.is_op("("):
            self.nest(self.take()[2])
            inner = self.disjunction()
            _, tok, pos = self.take()
            if tok != ")":
                raise _Fail("missing ')'", pos)
            self.depth -= 1
            return f"({inner})"
        return self.comparison()

    def comparison(self) -> str:
        kind, tok, pos = self.peek()
        if kind == "op" and tok in ("true", "false"):
            self.take()
            return tok
        if kind != "var":
            raise _Fail(f"expected a question such as {{name}}, found {tok or 'the end'!r}", pos)
        self.take()
        name = self.variable(tok, pos)
        kind, op, opos = self.peek()
        if kind == "op" and op in ("empty", "notempty"):
            self.take()
            return f"answered({name})" if op == "notempty" else f"not answered({name})"
        if kind != "op" or op not in ("=", "<>", "contains", "notcontains", "anyof", "allof"):
            if kind == "op" and op in ("<", ">", "<=", ">="):
                raise _Fail(f"ordering comparison {op!r} is not supported", opos)
            raise _Fail(f"a bare {{{name}}} is not a condition; compare it with a value", opos)
        self.take()
        return _compare(name, self.questions[name], op, self.literal(), opos)

    def variable(self, tok: str, pos: int) -> str:
        name = tok[1:-1].strip()
        if not _NAME.match(name) or "." in name:
            raise _Fail(f"{tok} is not a plain question name", pos)
        if name in KEYWORDS or name in REFUSED or "__" in name:
            raise _Fail(
                f"{tok}: this question name is a reserved word of our expression language", pos
            )
        if name not in self.questions:
            raise _Fail(f"{tok} names no question of the questionnaire", pos)
        return name

    def literal(self) -> Lit | list[Lit]:
        kind, tok, pos = self.take()
        if kind == "op" and tok == "[":
            items: list[Lit] = []
            while not self.is_op("]"):
                if self.is_op("["):  # refused before recursing: '[[[[...' cannot go deep
                    raise _Fail("nested lists are not supported", self.peek()[2])
                item = self.literal()
                if isinstance(item, list):
                    raise _Fail("nested lists are not supported", pos)
                items.append(item)
                if not self.is_op("]"):
                    _, t, p = self.take()
                    if t != ",":
                        raise _Fail(f"expected ',' or ']', found {t or 'the end'!r}", p)
            self.take()
            return items
        if kind == "str":
            return tok[1:-1]
        if kind == "num":
            number = float(tok)
            if not math.isfinite(number) or len(tok) > 30:
                raise _Fail(f"number {tok[:20]}... is too long", pos)
            return number
        if kind == "op" and tok in ("true", "false"):
            return tok == "true"
        raise _Fail(f"expected a value, found {tok or 'the end'!r}", pos)


def _compare(name: str, q: QuestionKind, op: str, value: Lit | list[Lit], pos: int) -> str:
    if op in ("=", "<>"):
        if isinstance(value, list):
            raise _Fail(f"{op!r} with a list is not supported", pos)
        if q.kind != "text" and isinstance(value, float):
            value = _lit(value)  # choice values are strings; SurveyJS compares 1 and "1" as equal
        return f"{name} {'==' if op == '=' else '!='} {_lit(value)}"
    items = [
        v if isinstance(v, str) else _lit(v).strip('"')
        for v in (value if isinstance(value, list) else [value])
    ]
    if op in ("contains", "notcontains"):
        if q.kind == "multiple":
            # On an array SurveyJS needs every listed item to be ticked.
            core = _all_in(name, items)
        elif q.kind == "single":
            # On a string SurveyJS looks for a substring (a list is joined with ','):
            # resolved here against the question's own option values.
            needle = ",".join(items)
            hits = [o for o in q.options if needle and needle in o]
            core = f"{name} in [{', '.join(_quote(o) for o in hits)}]" if hits else "false"
        else:
            raise _Fail(f"{op!r} on the free-text question {{{name}}} is not supported", pos)
        if op == "contains":
            return core
        return f"not ({core})"
    if op == "anyof":
        if q.kind == "text":
            return f"{name} in [{', '.join(_quote(v) for v in items)}]"
        return f"any_of({name}, [{', '.join(_quote(v) for v in items)}])"
    if q.kind != "multiple":
        raise _Fail(f"'allof' needs a multiple-choice question, {{{name}}} is {q.kind}", pos)
    return _all_in(name, items)


def _all_in(name: str, items: list[str]) -> str:
    parts = [f"{_quote(v)} in {name}" for v in items]
    if not parts:
        return "true"
    # Parenthesised so that a surrounding 'not' or 'or' applies to the whole test.
    return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"


def translate(text: str, questions: Mapping[str, QuestionKind], owner: str) -> str:
    """Translate one SurveyJS condition; ``owner`` names the element it belongs to (for errors)."""
    try:
        out = _Translator(text, questions).run()
    except _Fail as exc:
        shown = text if len(text) <= 200 else text[:200] + "..."
        raise UntranslatableCondition(
            f"{owner}: cannot translate visibleIf {shown!r}: {exc.reason} "
            f"(at character {exc.pos + 1})"
        ) from None
    return out

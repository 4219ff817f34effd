"""Tokeniser and recursive-descent parser for the expression language.

The grammar is small on purpose: literals, names, lists, arithmetic, comparison,
``in``/``not in``, ``and``/``or``/``not``, ``x if c else y`` and calls of named
functions. Anything else (attribute access, indexing, lambdas, comprehensions,
``**``) has no token or no rule, so it cannot be written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAX_LENGTH = 4000
MAX_DEPTH = 40
# Chains such as a + b + c nest to the left; a bound on the whole tree keeps every
# recursive walk of it (compiling, checking, evaluating) far from Python's stack limit.
MAX_TREE_DEPTH = 200
MAX_NUMBER = 1e12


class ExprSyntaxError(ValueError):
    """A problem in an expression, with the 0-based character offset it concerns."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>[0-9]+(?:\.[0-9]+)?)
  | (?P<str>'[^'\\\n]*(?:\\.[^'\\\n]*)*'|"[^"\\\n]*(?:\\.[^"\\\n]*)*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*)
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|%|\(|\)|\[|\]|,)
    """,
    re.VERBOSE,
)
KEYWORDS = {"and", "or", "not", "in", "if", "else", "true", "false", "null"}
REFUSED = {
    "lambda": "lambdas are not part of the language",
    "for": "comprehensions are not part of the language",
    "import": "imports are not part of the language",
    "def": "definitions are not part of the language",
    "class": "definitions are not part of the language",
    "is": "use == or != instead of 'is'",
    "True": "write true (lower case)",
    "False": "write false (lower case)",
    "None": "write null",
}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_LENGTH:
        raise ExprSyntaxError(f"expression longer than {MAX_LENGTH} characters", MAX_LENGTH)
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            for t in tokens:  # a refused keyword explains the error better than its punctuation
                if t.kind == "name" and t.text in REFUSED:
                    raise ExprSyntaxError(f"{t.text!r}: {REFUSED[t.text]}", t.pos)
            ch = text[pos]
            hint = ""
            if ch == ".":
                hint = " (attribute access is not part of the language)"
            elif ch in "{}":
                hint = " (write question ids without braces)"
            elif ch.isdigit():
                # Rubric authors write numbers in ASCII digits; an Arabic-Indic or
                # full-width digit is refused rather than silently read as a number.
                hint = f" (write numbers with the digits 0-9: {ch!r} is the digit {_digit(ch)})"
            raise ExprSyntaxError(f"unexpected character {ch!r}{hint}", pos)
        kind = m.lastgroup or ""
        if kind != "ws":
            tokens.append(Token(kind, m.group(), pos))
        pos = m.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


def _digit(ch: str) -> str:
    import unicodedata

    value = unicodedata.digit(ch, None)
    return "?" if value is None else str(value)


# --- the tree -----------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    pos: int


@dataclass(frozen=True)
class Lit(Node):
    value: Any


@dataclass(frozen=True)
class Name(Node):
    id: str


@dataclass(frozen=True)
class ListExpr(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Unary(Node):
    op: str  # "-" or "not"
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str  # + - * / % == != < <= > >= in notin
    left: Node
    right: Node


@dataclass(frozen=True)
class BoolOp(Node):
    op: str  # and / or
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Cond(Node):
    test: Node
    then: Node
    other: Node


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, parents before children."""
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        children: tuple[Node, ...] = ()
        if isinstance(n, ListExpr | BoolOp):
            children = n.items
        elif isinstance(n, Unary):
            children = (n.operand,)
        elif isinstance(n, Binary):
            children = (n.left, n.right)
        elif isinstance(n, Cond):
            children = (n.test, n.then, n.other)
        elif isinstance(n, Call):
            children = n.args
        todo.extend(reversed(children))


# --- the parser ---------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        self.tree = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        t = self.tokens[self.i]
        self.i += 1
        return t

    def at(self, text: str) -> bool:
        t = self.tok
        return t.kind in ("op", "name") and t.text == text

    def expect(self, text: str) -> Token:
        if self.tok.kind == "name" and self.tok.text in REFUSED:
            raise ExprSyntaxError(f"{self.tok.text!r}: {REFUSED[self.tok.text]}", self.tok.pos)
        if not self.at(text):
            raise ExprSyntaxError(f"expected {text!r}, found {self._show(self.tok)}", self.tok.pos)
        return self.take()

    @staticmethod
    def _show(t: Token) -> str:
        return "the end of the expression" if t.kind == "end" else repr(t.text)

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprSyntaxError(f"expression nested deeper than {MAX_DEPTH} levels", pos)
        self.chain(pos, 1)

    def chain(self, pos: int, n: int) -> None:
        """Count ``n`` more levels of the tree (nesting, or operators of a chain)."""
        self.tree += n
        if self.tree > MAX_TREE_DEPTH:
            raise ExprSyntaxError(
                f"expression too deep: more than {MAX_TREE_DEPTH} nested operations "
                "(split it into computed values)",
                pos,
            )

    def leave(self) -> None:
        self.depth -= 1
        self.tree -= 1

    def parse(self) -> Node:
        node = self.expr()
        if self.tok.kind != "end":
            raise ExprSyntaxError(f"unexpected {self._show(self.tok)}", self.tok.pos)
        return node

    def expr(self) -> Node:
        self.enter(self.tok.pos)
        node = self.or_expr()
        if self.at("if"):
            pos = self.take().pos
            test = self.or_expr()
            self.expect("else")
            other = self.expr()
            node = Cond(pos, test, node, other)
        self.leave()
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        pos = self.tok.pos
        while self.at("or"):
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else BoolOp(pos, "or", tuple(items))

    def and_expr(self) -> Node:
        items = [self.not_expr()]
        pos = self.tok.pos
        while self.at("and"):
            self.take()
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else BoolOp(pos, "and", tuple(items))

    def not_expr(self) -> Node:
        if self.at("not"):
            pos = self.take().pos
            self.enter(pos)
            node = Unary(pos, "not", self.not_expr())
            self.leave()
            return node
        return self.comparison()

    def comparison(self) -> Node:
        left = self.arith()
        t = self.tok
        if t.kind == "op" and t.text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            node: Node = Binary(t.pos, t.text, left, self.arith())
        elif self.at("in"):
            self.take()
            node = Binary(t.pos, "in", left, self.arith())
        elif self.at("not") and self.tokens[self.i + 1].text == "in":
            self.take()
            self.take()
            node = Binary(t.pos, "notin", left, self.arith())
        else:
            return left
        nxt = self.tok
        if (nxt.kind == "op" and nxt.text in ("==", "!=", "<", "<=", ">", ">=")) or self.at("in"):
            raise ExprSyntaxError(
                "chained comparisons are not allowed; join them with 'and'", nxt.pos
            )
        return node

    def arith(self) -> Node:
        node = self.term()
        ops = 0
        while self.tok.kind == "op" and self.tok.text in ("+", "-"):
            t = self.take()
            ops += 1
            self.chain(t.pos, 1)
            node = Binary(t.pos, t.text, node, self.term())
        self.tree -= ops
        return node

    def term(self) -> Node:
        node = self.unary()
        ops = 0
        while self.tok.kind == "op" and self.tok.text in ("*", "/", "%"):
            t = self.take()
            if t.text == "*" and self.tok.text == "*":
                raise ExprSyntaxError("'**' (power) is not part of the language", t.pos)
            ops += 1
            self.chain(t.pos, 1)
            node = Binary(t.pos, t.text, node, self.unary())
        self.tree -= ops
        return node

    def unary(self) -> Node:
        if self.tok.kind == "op" and self.tok.text == "-":
            t = self.take()
            self.enter(t.pos)
            node = Unary(t.pos, "-", self.unary())
            self.leave()
            return node
        return self.primary()

    def primary(self) -> Node:
        t = self.take()
        if t.kind == "num":
            value = float(t.text) if "." in t.text else int(t.text)
            if abs(value) > MAX_NUMBER:
                raise ExprSyntaxError(f"number {t.text} is too large", t.pos)
            return Lit(t.pos, value)
        if t.kind == "str":
            body = t.text[1:-1]
            return Lit(t.pos, re.sub(r"\\(.)", r"\1", body))
        if t.kind == "op" and t.text == "(":
            self.enter(t.pos)
            node = self.expr()
            self.expect(")")
            self.leave()
            return node
        if t.kind == "op" and t.text == "[":
            self.enter(t.pos)
            items: list[Node] = []
            while not self.at("]"):
                items.append(self.expr())
                if not self.at("]"):
                    self.expect(",")
            self.take()
            self.leave()
            return ListExpr(t.pos, tuple(items))
        if t.kind == "name":
            if t.text in ("true", "false"):
                return Lit(t.pos, t.text == "true")
            if t.text == "null":
                return Lit(t.pos, None)
            if t.text in REFUSED:
                raise ExprSyntaxError(f"{t.text!r}: {REFUSED[t.text]}", t.pos)
            if t.text in KEYWORDS:
                raise ExprSyntaxError(f"unexpected {t.text!r}", t.pos)
            if "__" in t.text:
                raise ExprSyntaxError(f"{t.text!r}: names with '__' are not allowed", t.pos)
            if self.at("("):
                self.take()
                self.enter(t.pos)
                args: list[Node] = []
                while not self.at(")"):
                    args.append(self.expr())
                    if not self.at(")"):
                        self.expect(",")
                self.take()
                self.leave()
                return Call(t.pos, t.text, tuple(args))
            return Name(t.pos, t.text)
        raise ExprSyntaxError(f"unexpected {self._show(t)}", t.pos)


def parse(text: str) -> Node:
    """Parse an expression into a tree; raise ExprSyntaxError with a position."""
    tree = _PARSED.get(text)
    if tree is None:
        tree = _Parser(text).parse()
        remember(text, tree)
    return tree


# Trees by their text. Parsing is a pure function of the text and a tree never changes,
# so a policy compiled again (the web desk, a value read twice while building) or read
# from the policy cache (which keeps its trees, issue #18) is not parsed again.
_PARSED: dict[str, Node] = {}
MAX_PARSED = 50_000


def remember(text: str, tree: Node) -> None:
    """Keep ``tree`` as the parse of ``text`` (it must be: see tree_data)."""
    if len(_PARSED) >= MAX_PARSED:
        _PARSED.clear()
    _PARSED[text] = tree


_NODES: dict[str, type[Node]] = {
    c.__name__: c for c in (Lit, Name, ListExpr, Unary, Binary, BoolOp, Cond, Call)
}


def tree_data(node: Node) -> list[Any]:
    """A tree as plain JSON data: [class name, field, ...] with child nodes nested."""
    out: list[Any] = [type(node).__name__]
    for name in node.__dataclass_fields__:
        value = getattr(node, name)
        if isinstance(value, Node):
            value = tree_data(value)
        elif isinstance(value, tuple):
            value = [tree_data(v) for v in value]
        out.append(value)
    return out


def tree_from_data(data: list[Any]) -> Node:
    """The tree tree_data gave; a ValueError for data it cannot have given."""
    try:
        cls = _NODES[data[0]]
        names = list(cls.__dataclass_fields__)
        if len(data) != len(names) + 1:
            raise ValueError(f"{data[0]}: {len(data) - 1} fields")
        values: dict[str, Any] = {}
        for name, value in zip(names, data[1:], strict=True):
            if name in ("items", "args"):
                value = tuple(tree_from_data(v) for v in value)
            elif name in ("operand", "left", "right", "test", "then", "other"):
                value = tree_from_data(value)
            elif isinstance(value, list | dict):
                raise ValueError(f"{data[0]}.{name}: not a plain value")
            values[name] = value
    except (KeyError, IndexError, TypeError) as exc:
        raise ValueError(f"not an expression tree: {exc!r}") from None
    node = object.__new__(cls)
    node.__dict__.update(values)  # frozen: its __init__ would set each field the slow way
    return node

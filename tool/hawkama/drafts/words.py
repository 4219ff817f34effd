"""A question's applicability rule (its `when` expression) said in words, in en or ar.

The parsed tree is rendered: "intake.C-04 == 'yes'" becomes `C-04 is "Yes"`, with option
ids replaced by their texts. Parts with no wording (arithmetic, other functions) are shown
as written, so the rule is never lost.
"""

from __future__ import annotations

from hawkama.expr.syntax import (
    Binary,
    BoolOp,
    Call,
    ExprSyntaxError,
    ListExpr,
    Lit,
    Name,
    Node,
    Unary,
    parse,
)
from hawkama.locale import label, text
from hawkama.policy.compiled import PolicySet

# The catalogue's `rule.*` key of each operator and wording.
_KEYS = {"==": "eq", "!=": "ne", ">=": "ge", ">": "gt", "<=": "le", "<": "lt"}


class _Unsaid(Exception):
    """A part of the expression with no wording: the rule is shown as written."""


class _Words:
    def __init__(self, ps: PolicySet, lang: str) -> None:
        self.ps, self.lang = ps, lang

    def say(self, key: str, **kw: str) -> str:
        return label(f"rule.{_KEYS.get(key, key)}", self.lang, **kw)

    def question(self, node: Node) -> str | None:
        if isinstance(node, Name):
            for qid in (node.id, f"intake.{node.id}"):
                if qid in self.ps.questions:
                    return qid
        return None

    def option(self, qid: str, node: Node) -> str:
        if not isinstance(node, Lit):
            raise _Unsaid
        value = node.value
        if isinstance(value, bool):
            return self.say("true" if value else "false")
        opt = self.ps.questions[qid].options.get(str(value))
        shown = text(opt.text, self.lang) if opt is not None else str(value)
        left, right = self.say("quote_open"), self.say("quote_close")
        return f"{left}{shown}{right}"

    def options(self, qid: str, node: Node) -> str:
        if not isinstance(node, ListExpr):
            raise _Unsaid
        return self.say("list_sep").join(self.option(qid, item) for item in node.items)

    def value(self, node: Node) -> str:
        if isinstance(node, Lit) and not isinstance(node.value, str | bool):
            return str(node.value)
        if isinstance(node, Name):
            return node.id.removeprefix("intake.")
        raise _Unsaid

    def words(self, node: Node, top: bool = True) -> str:
        if isinstance(node, BoolOp):
            inner = self.say(node.op).join(self.words(i, top=False) for i in node.items)
            return inner if top else f"({inner})"
        if isinstance(node, Unary) and node.op == "not":
            return self.say("not", x=self.words(node.operand))
        if isinstance(node, Binary):
            qid = self.question(node.left)
            if qid is not None and node.op in ("==", "!="):
                return self.say(
                    node.op, q=qid.removeprefix("intake."), v=self.option(qid, node.right)
                )
            if qid is not None and node.op in ("in", "notin"):
                return self.say(
                    node.op, q=qid.removeprefix("intake."), v=self.options(qid, node.right)
                )
            if node.op in (">=", ">", "<=", "<"):
                return self.say(node.op, q=self.value(node.left), v=self.value(node.right))
        if isinstance(node, Call) and node.args:
            qid = self.question(node.args[0])
            if qid is not None and node.func == "any_of" and len(node.args) == 2:
                return self.say(
                    "any_of", q=qid.removeprefix("intake."), v=self.options(qid, node.args[1])
                )
            if qid is not None and node.func in ("applies", "answered", "unknown"):
                return self.say(node.func, q=qid.removeprefix("intake."))
        raise _Unsaid


def rule_in_words(expr: str, ps: PolicySet, lang: str) -> str:
    """The condition in words, or as written when some part of it has no wording."""
    try:
        return _Words(ps, lang).words(parse(expr))
    except (_Unsaid, ExprSyntaxError):
        return expr

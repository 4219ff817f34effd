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
from hawkama.i18n import text
from hawkama.policy.compiled import PolicySet

PHRASES: dict[str, dict[str, str]] = {
    "==": {"en": "{q} is {v}", "ar": "كانت إجابة {q} {v}"},
    "!=": {"en": "{q} is not {v}", "ar": "لم تكن إجابة {q} {v}"},
    "in": {"en": "{q} is one of {v}", "ar": "كانت إجابة {q} إحدى: {v}"},
    "notin": {"en": "{q} is none of {v}", "ar": "لم تكن إجابة {q} أيًّا من: {v}"},
    "any_of": {"en": "{q} includes any of {v}", "ar": "شملت إجابة {q} أيًّا من: {v}"},
    "applies": {"en": "{q} applies", "ar": "انطبق السؤال {q}"},
    "answered": {"en": "{q} is answered", "ar": "أُجيب عن السؤال {q}"},
    "unknown": {"en": '{q} is answered "don\'t know"', "ar": "كانت إجابة {q} «لا أعرف»"},
    "and": {"en": " and ", "ar": " و"},
    "or": {"en": " or ", "ar": " أو "},
    "not": {"en": "not ({x})", "ar": "لم يتحقق أن ({x})"},
    ">=": {"en": "{q} is at least {v}", "ar": "لا يقل {q} عن {v}"},
    ">": {"en": "{q} is more than {v}", "ar": "يزيد {q} على {v}"},
    "<=": {"en": "{q} is at most {v}", "ar": "لا يزيد {q} على {v}"},
    "<": {"en": "{q} is less than {v}", "ar": "يقل {q} عن {v}"},
    "true": {"en": "yes", "ar": "نعم"},
    "false": {"en": "no", "ar": "لا"},
}
QUOTES = {"en": ("\u201c", "\u201d"), "ar": ("\u00ab", "\u00bb")}


class _Unsaid(Exception):
    """A part of the expression with no wording: the rule is shown as written."""


class _Words:
    def __init__(self, ps: PolicySet, lang: str) -> None:
        self.ps, self.lang = ps, lang

    def say(self, key: str, **kw: str) -> str:
        return text(PHRASES[key], self.lang).format(**kw)

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
        left, right = QUOTES.get(self.lang, QUOTES["en"])
        return f"{left}{shown}{right}"

    def options(self, qid: str, node: Node) -> str:
        if not isinstance(node, ListExpr):
            raise _Unsaid
        sep = "، " if self.lang == "ar" else ", "
        return sep.join(self.option(qid, item) for item in node.items)

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

"""``hawkama rubric check``: content lints for a policy and its rubrics.

Loading (``hawkama.policyset``) already refuses what is *wrong*: unknown names, option
ids a question does not have, undefined sources, cycles. This module looks for what is
*legal but almost certainly a mistake*:

- a question whose ``when`` can never hold, so it is never asked;
- a flag, finding, override or verdict condition that can never hold;
- options of a scored question that the engine cannot tell apart (see ``_unused_options``);
- user-facing text missing one of the policy's languages;
- sources cited but not defined in the file (or the policy), or defined and never cited;
  questions without a citation that names a place (article, section...);
- duplicate or near-duplicate question texts.

"Never holds" is decided by brute force: the expression's inputs, together with the
conditions that decide whether those inputs apply at all, are enumerated over every
consistent combination of answers (unanswered included). This is only done when the
expression reads nothing but choice questions (and values computed from them) and the
combinations number at most ``MAX_COMBINATIONS``; anything else is left alone rather than
guessed at.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hawkama.errors import InputError, Problem
from hawkama.expr.compile import Compiled, QuestionInfo, Scope, compile_expr
from hawkama.expr.syntax import Binary, BoolOp, Call, Cond, ListExpr, Lit, Name, Node, Unary, parse
from hawkama.models.common import SourceRef
from hawkama.models.rubric import Question
from hawkama.policyset import PolicySet, load_policy_set
from hawkama.validation import dotted
from hawkama.yamlio import Document, parse_yaml

Loc = tuple[str | int, ...]
MAX_COMBINATIONS = 5000
NEAR_DUPLICATE = 0.9
LANG_KEY = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")


def _items(args: tuple[Any, ...]) -> list[Any]:
    # Same convention as the engine: one list argument or several arguments, nulls ignored.
    if len(args) == 1 and isinstance(args[0], tuple | list):
        return [a for a in args[0] if a is not None]
    return [a for a in args if a is not None]


def _half_up(x: Any, digits: Any = 0) -> Any:
    if x is None:
        return None
    scale = 10 ** int(digits or 0)
    return math.floor(x * scale + 0.5) / scale if digits else math.floor(x + 0.5)


# Functions of their arguments only (mirroring the engine's), so a brute-force enumeration
# of the answers they are given covers every case.
PURE: dict[str, Callable[..., Any]] = {
    "count": lambda xs: sum(bool(x) for x in (xs if isinstance(xs, tuple | list) else (xs,))),
    "sum": lambda *a: sum(_items(a)),
    "max": lambda *a: max(_items(a), default=None),
    "min": lambda *a: min(_items(a), default=None),
    "abs": lambda x: None if x is None else abs(x),
    "round_half_up": _half_up,
    "floor": lambda x: None if x is None else math.floor(x),
    "ceil": lambda x: None if x is None else math.ceil(x),
}
PURE_FUNCS = set(PURE)
ANSWER_FUNCS = {"answered", "applies", "unknown", "weight", "any_of", "selected", "importance"}
CHOICE_TYPES = ("single", "multiple", "yesno")


@dataclass
class _Expr:
    """One expression of the policy, where it is written and what it guards."""

    doc: Document
    loc: Loc
    text: str
    role: str  # question-when, question-flag, flag, finding, override, verdict, value, band
    question: str | None = None  # the question a when or question flag belongs to
    band: bool = False


@dataclass
class _QuestionSite:
    qid: str
    question: Question
    doc: Document
    loc: Loc


@dataclass
class _Context:
    ps: PolicySet
    policy_doc: Document
    rubric_docs: list[Document]
    scope: Scope
    band_scope: Scope
    exprs: list[_Expr] = field(default_factory=list)
    sites: list[_QuestionSite] = field(default_factory=list)
    # Our own compilations of question conditions and values: the policy set's are bound to
    # the engine's internal state, while ours call back into _FakeEnv through Env.call.
    whens: dict[str, Compiled] = field(default_factory=dict)
    values: dict[str, Compiled] = field(default_factory=dict)

    def problem(self, doc: Document, loc: Loc, message: str) -> Problem:
        line, col = doc.locate(loc)
        return Problem(str(doc.path), line, col, dotted(loc), message)


def check(path: Path) -> list[Problem]:
    """Lint the policy at ``path`` (a policy file or a folder holding one) and its rubrics."""
    try:
        ps = load_policy_set(path)
    except InputError as exc:
        # A policy that does not load cannot be linted further; its load errors are the lint.
        return list(exc.problems)
    ctx = _context(ps)
    problems = [
        *_never_applies(ctx),
        *_never_true(ctx),
        *_unused_options(ctx),
        *_translations(ctx),
        *_sources(ctx),
        *_duplicates(ctx),
    ]
    return sorted(dict.fromkeys(problems), key=Problem.sort_key)


# --- gathering ---------------------------------------------------------------------------


def _context(ps: PolicySet) -> _Context:
    docs = [parse_yaml(f.path, f.text) for f in ps.files]
    qinfo = {
        qid: QuestionInfo(qid, qd.question.type, tuple(qd.options), qd.question.allow_other)
        for qid, qd in ps.questions.items()
    }
    flag_codes = {fd.flag.code for fd in ps.flags}
    dims = {did for did, dd in ps.dimensions.items() if dd.scored}
    scope = Scope(
        questions=qinfo,
        values=set(ps.values),
        flag_codes=flag_codes,
        dimensions=dims,
        mitigations=ps.mitigation_question,
        selectors=ps.selectors.get,
    )
    band_scope = Scope(**{**scope.__dict__, "extra_names": {"score"}})
    ctx = _Context(ps, docs[0], docs[1:], scope, band_scope)
    for qid, qd in ps.questions.items():
        if qd.question.when is not None:
            ctx.whens[qid] = compile_expr(qd.question.when, scope)
    for vid, (compiled, _) in ps.values.items():
        ctx.values[vid] = compile_expr(compiled.source, scope)
    policy = ps.policy
    pdoc = docs[0]
    for i, q in enumerate(policy.intake):
        qid = q.id if q.id.startswith("intake.") else f"intake.{q.id}"
        _add_question(ctx, qid, q, pdoc, ("intake", i))
    for i, v in enumerate(policy.values):
        ctx.exprs.append(_Expr(pdoc, ("values", i, "expr"), v.expr, "value"))
    for i, f in enumerate(policy.flags):
        ctx.exprs.append(_Expr(pdoc, ("flags", i, "when"), f.when, "flag"))
    for i, fnd in enumerate(policy.findings):
        ctx.exprs.append(_Expr(pdoc, ("findings", i, "when"), fnd.when, "finding"))
    for i, rule in enumerate(policy.verdicts):
        ctx.exprs.append(_Expr(pdoc, ("verdicts", i, "when"), rule.when, "verdict"))
    for rubric, rdoc in zip(ps.rubrics, ctx.rubric_docs, strict=True):
        for i, q in enumerate(rubric.questions):
            _add_question(ctx, q.id, q, rdoc, ("questions", i))
        for i, f in enumerate(rubric.flags):
            ctx.exprs.append(_Expr(rdoc, ("flags", i, "when"), f.when, "flag"))
        for i, fnd in enumerate(rubric.findings):
            ctx.exprs.append(_Expr(rdoc, ("findings", i, "when"), fnd.when, "finding"))
        sc = rubric.scoring
        for i, v in enumerate(sc.values):
            ctx.exprs.append(_Expr(rdoc, ("scoring", "values", i, "expr"), v.expr, "value"))
        for i, b in enumerate(sc.bands):
            for key, limit in (("below", b.below), ("at_most", b.at_most)):
                if limit is not None:
                    loc: Loc = ("scoring", "bands", i, key)
                    ctx.exprs.append(_Expr(rdoc, loc, limit, "band", band=True))
        for i, o in enumerate(sc.overrides):
            ctx.exprs.append(_Expr(rdoc, ("scoring", "overrides", i, "when"), o.when, "override"))
    return ctx


def _add_question(ctx: _Context, qid: str, q: Question, doc: Document, loc: Loc) -> None:
    ctx.sites.append(_QuestionSite(qid, q, doc, loc))
    if q.when is not None:
        ctx.exprs.append(_Expr(doc, (*loc, "when"), q.when, "question-when", question=qid))
    for j, f in enumerate(q.flags):
        floc: Loc = (*loc, "flags", j, "when")
        ctx.exprs.append(_Expr(doc, floc, f.when, "question-flag", question=qid))


# --- brute force ---------------------------------------------------------------------------


class _Unsupported(Exception):
    """The expression reads something the enumeration does not cover."""


class _FakeEnv:
    """The engine's view of one combination of answers, for the expressions we enumerate."""

    def __init__(self, ctx: _Context, answers: dict[str, Any]) -> None:
        self.ctx = ctx
        self.ps = ctx.ps
        self.answers = answers
        self.values: dict[str, Any] = {}

    def get(self, name: str) -> Any:
        if name in self.answers:
            return self.answers[name]
        if name in self.ctx.values:
            if name not in self.values:
                self.values[name] = self.ctx.values[name](self)
            return self.values[name]
        raise _Unsupported(name)

    def chosen(self, qid: str) -> tuple[str, ...]:
        value = self.answers.get(qid)
        if value is None:
            return ()
        return value if isinstance(value, tuple) else (value,)

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        if func in PURE_FUNCS:
            return PURE[func](*args)
        qid = args[0]
        qd = self.ps.questions[qid]
        chosen = self.chosen(qid)
        opts = [qd.options[c] for c in chosen if c in qd.options]
        if func == "answered":
            return bool(chosen)
        if func == "applies":
            when = self.ctx.whens.get(qid)
            return when is None or bool(when(self))
        if func == "unknown":
            return any(o.unknown for o in opts)
        if func == "weight":
            weights = [o.weight for o in opts if not o.na]
            if not weights:
                return 0.0
            return float(sum(weights)) if qd.question.combine == "sum" else float(max(weights))
        if func == "any_of":
            return any(c in args[1] for c in chosen)
        if func == "selected":
            return sum(c in args[1] for c in chosen)
        if func == "importance":
            return qd.question.importance
        raise _Unsupported(func)


def _funcs(node: Node) -> set[str]:
    """Names of the functions an expression calls."""
    found: set[str] = set()
    for n in _walk(node):
        if isinstance(n, Call):
            found.add(n.func)
    return found


def _walk(node: Node) -> Iterator[Node]:
    yield node
    children: tuple[Node, ...] = ()
    if isinstance(node, ListExpr | BoolOp):
        children = node.items
    elif isinstance(node, Unary):
        children = (node.operand,)
    elif isinstance(node, Binary):
        children = (node.left, node.right)
    elif isinstance(node, Cond):
        children = (node.test, node.then, node.other)
    elif isinstance(node, Call):
        children = node.args
    for child in children:
        yield from _walk(child)


def _closure(ctx: _Context, compiled: Compiled, extra: set[str]) -> list[str] | None:
    """The choice questions an expression depends on, with those deciding their applicability.

    None when something outside answers to choice questions is read (flags, bands,
    mitigations, scores, free-form answers), or a function the enumeration cannot model.
    """
    ps = ctx.ps
    questions: set[str] = set(extra)
    pending = list(compiled.deps)
    seen_values: set[str] = set()
    if not _funcs(parse(compiled.source)) <= PURE_FUNCS | ANSWER_FUNCS:
        return None
    while pending:
        kind, name = pending.pop()
        if kind == "q":
            questions.add(name)
        elif kind == "v" and name not in seen_values:
            seen_values.add(name)
            value = ctx.values[name]
            if not _funcs(parse(value.source)) <= PURE_FUNCS | ANSWER_FUNCS:
                return None
            pending.extend(value.deps)
        elif kind != "v":
            return None
    ordered: list[str] = []
    todo = sorted(questions)
    while todo:
        qid = todo.pop()
        if qid in ordered:
            continue
        qd = ps.questions[qid]
        if qd.question.type not in CHOICE_TYPES or qd.question.allow_other:
            return None
        ordered.append(qid)
        when = ctx.whens.get(qid)
        if when is not None:
            for kind, name in when.deps:
                if kind != "q":
                    return None
                todo.append(name)
    return sorted(ordered)


def _space(ps: PolicySet, qid: str) -> list[Any]:
    """Every value a question can take, None (not answered, or not applicable) included."""
    qd = ps.questions[qid]
    ids = list(qd.options)
    if qd.question.type == "multiple":
        subsets: list[Any] = [None]
        for r in range(1, len(ids) + 1):
            subsets.extend(itertools.combinations(ids, r))
        return subsets
    return [None, *ids]


def _can_hold(ctx: _Context, compiled: Compiled, guard: str | None = None) -> bool | None:
    """Whether ``compiled`` (and ``applies(guard)``) holds for some consistent answer set.

    None when the enumeration is not possible or too large to try.
    """
    closure = _closure(ctx, compiled, {guard} if guard else set())
    if closure is None:
        return None
    spaces = [_space(ctx.ps, qid) for qid in closure]
    size = 1
    for s in spaces:
        size *= len(s)
        if size > MAX_COMBINATIONS:
            return None
    for combo in itertools.product(*spaces):
        env = _FakeEnv(ctx, dict(zip(closure, combo, strict=True)))
        try:
            if not _consistent(ctx, env, closure):
                continue
            if guard is not None and not env.call("applies", (guard,)):
                continue
            if compiled(env):
                return True
        except _Unsupported:
            return None
    return False


def _consistent(ctx: _Context, env: _FakeEnv, closure: list[str]) -> bool:
    # A question that does not apply has no value, whatever was written for it.
    for qid in closure:
        when = ctx.whens.get(qid)
        if when is not None and env.answers[qid] is not None and not when(env):
            return False
    return True


def _never_applies(ctx: _Context) -> Iterator[Problem]:
    for e in ctx.exprs:
        if e.role != "question-when" or e.question is None:
            continue
        when = ctx.whens.get(e.question)
        if when is not None and _can_hold(ctx, when) is False:
            yield ctx.problem(
                e.doc,
                e.loc,
                f"{e.question} can never apply: its condition {e.text!r} is false for every "
                "possible combination of the answers it reads",
            )


def _never_true(ctx: _Context) -> Iterator[Problem]:
    what = {
        "question-flag": "flag",
        "flag": "flag",
        "finding": "finding",
        "override": "band override",
        "verdict": "verdict rule",
    }
    for e in ctx.exprs:
        if e.role not in what:
            continue
        compiled = compile_expr(e.text, ctx.scope)
        if _can_hold(ctx, compiled, e.question) is False:
            tail = f" while {e.question} applies" if e.question else ""
            yield ctx.problem(
                e.doc,
                e.loc,
                f"this {what[e.role]} condition {e.text!r} can never hold: it is false for every "
                f"possible combination of the answers it reads{tail}",
            )


# --- options -----------------------------------------------------------------------------


def _referenced_options(ctx: _Context) -> set[tuple[str, str]]:
    """(question, option) pairs that some expression compares with or tests for."""
    questions = ctx.ps.questions
    found: set[tuple[str, str]] = set()

    def literals(node: Node) -> list[str]:
        items = node.items if isinstance(node, ListExpr) else (node,)
        return [i.value for i in items if isinstance(i, Lit) and isinstance(i.value, str)]

    for e in ctx.exprs:
        for n in _walk(parse(e.text)):
            if isinstance(n, Binary) and n.op in ("==", "!=", "in", "notin"):
                for a, b in ((n.left, n.right), (n.right, n.left)):
                    if isinstance(a, Name) and a.id in questions:
                        found.update((a.id, v) for v in literals(b))
            elif isinstance(n, Call) and n.func in ("any_of", "selected") and len(n.args) == 2:
                q = n.args[0]
                if isinstance(q, Name):
                    found.update((q.id, v) for v in literals(n.args[1]))
    return found


def _unused_options(ctx: _Context) -> Iterator[Problem]:
    """Options of a scored question that nothing can tell apart.

    An option is reported when the question is scored, the option weighs 0 (and is neither
    'don't know' nor 'not applicable'), no expression mentions it, and another such option
    of the same question also weighs 0: the engine then gives both the same score and no
    flag, finding or condition distinguishes them, so one of them is dead weight (or a
    weight was forgotten).
    """
    used = _referenced_options(ctx)
    for site in ctx.sites:
        q = site.question
        if not q.scored or q.type not in CHOICE_TYPES:
            continue
        zeros = [
            (j, o) for j, o in enumerate(q.options) if o.weight == 0 and not (o.unknown or o.na)
        ]
        if len(zeros) < 2:
            continue
        for j, o in zeros:
            if (site.qid, o.id) in used:
                continue
            others = ", ".join(repr(p.id) for _, p in zeros if p.id != o.id)
            yield ctx.problem(
                site.doc,
                (*site.loc, "options", j, "id"),
                f"option {o.id!r} of {site.qid} weighs 0 like {others} and no condition uses it: "
                "the two cannot be told apart; give it a weight or use it in a flag or condition",
            )


# --- translations --------------------------------------------------------------------------


def _is_local_text(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and "en" in value
        and all(isinstance(k, str) and LANG_KEY.match(k) for k in value)
        and all(isinstance(v, str) for v in value.values())
    )


def _local_texts(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dict[str, str]]]:
    if _is_local_text(data):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _local_texts(value, (*loc, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _local_texts(value, (*loc, i))


def _translations(ctx: _Context) -> Iterator[Problem]:
    languages = list(ctx.ps.policy.languages)
    for doc in (ctx.policy_doc, *ctx.rubric_docs):
        for loc, text in _local_texts(doc.data):
            missing = [lang for lang in languages if lang not in text]
            if missing:
                yield ctx.problem(
                    doc,
                    loc,
                    f"missing translation ({', '.join(missing)}): the policy's languages are "
                    f"{', '.join(languages)}",
                )


# --- sources -------------------------------------------------------------------------------


def _citations(question: Question, loc: Loc) -> Iterator[tuple[Loc, SourceRef]]:
    for i, ref in enumerate(question.sources):
        yield (*loc, "sources", i), ref
    for j, f in enumerate(question.flags):
        for i, ref in enumerate(f.sources):
            yield (*loc, "flags", j, "sources", i), ref
    for j, m in enumerate(question.mitigations):
        for i, ref in enumerate(m.sources):
            yield (*loc, "mitigations", j, "sources", i), ref


def _file_citations(ctx: _Context, index: int) -> Iterator[tuple[Loc, SourceRef]]:
    """Citations written in one file: index 0 is the policy, then the rubrics in order."""
    ps = ctx.ps
    if index == 0:
        for i, q in enumerate(ps.policy.intake):
            yield from _citations(q, ("intake", i))
        flags, findings = ps.policy.flags, ps.policy.findings
    else:
        rubric = ps.rubrics[index - 1]
        for i, q in enumerate(rubric.questions):
            yield from _citations(q, ("questions", i))
        flags, findings = rubric.flags, rubric.findings
    for j, f in enumerate(flags):
        for i, ref in enumerate(f.sources):
            yield ("flags", j, "sources", i), ref
    for j, fnd in enumerate(findings):
        for i, ref in enumerate(fnd.sources):
            yield ("findings", j, "sources", i), ref


def _ref_id(ref: SourceRef) -> str:
    return ref if isinstance(ref, str) else ref.source


def _sources(ctx: _Context) -> Iterator[Problem]:
    ps = ctx.ps
    docs = [ctx.policy_doc, *ctx.rubric_docs]
    defined = [[s.id for s in ps.policy.sources]] + [[s.id for s in r.sources] for r in ps.rubrics]
    cited = [{_ref_id(ref) for _, ref in _file_citations(ctx, i)} for i in range(len(docs))]
    everywhere = set().union(*cited)
    for i, doc in enumerate(docs):
        # A rubric must carry (or find in the policy) every source it cites, so that it can be
        # reused by another policy; the loader only checks that *some* file defines it.
        if i > 0:
            for loc, ref in _file_citations(ctx, i):
                sid = _ref_id(ref)
                if sid not in defined[i] and sid not in defined[0]:
                    yield ctx.problem(
                        doc,
                        loc,
                        f"source {sid!r} is cited here but defined neither in this rubric nor in "
                        "the policy; add it to this rubric's sources",
                    )
        # Policy sources serve every rubric; a rubric's sources serve only that rubric.
        used = everywhere if i == 0 else cited[i]
        for j, sid in enumerate(defined[i]):
            if sid not in used:
                yield ctx.problem(
                    doc, ("sources", j, "id"), f"source {sid!r} is defined but never cited"
                )
    for site in ctx.sites:
        refs = site.question.sources
        if not refs:
            yield ctx.problem(site.doc, (*site.loc, "id"), f"{site.qid} cites no source")
        elif all(isinstance(r, str) or not r.ref for r in refs):
            yield ctx.problem(
                site.doc,
                (*site.loc, "sources"),
                f"{site.qid} cites no source with a place in it: give at least one "
                "{source: ..., ref: 'Art 35(3)'}",
            )


# --- duplicates ----------------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _duplicates(ctx: _Context) -> Iterator[Problem]:
    texts = [(site, _normal(site.question.text["en"])) for site in ctx.sites]
    for (a, ta), (b, tb) in itertools.combinations(texts, 2):
        matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
        if matcher.real_quick_ratio() < NEAR_DUPLICATE or matcher.quick_ratio() < NEAR_DUPLICATE:
            continue
        ratio = matcher.ratio()
        if ratio >= NEAR_DUPLICATE:
            same = "the same as" if ta == tb else f"nearly the same as (similarity {ratio:.2f})"
            yield ctx.problem(
                b.doc,
                (*b.loc, "text", "en"),
                f"the text of {b.qid} is {same} the text of {a.qid}",
            )

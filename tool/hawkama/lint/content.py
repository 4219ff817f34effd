"""Content lints: unused options, missing translations, citations, duplicate texts."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterator
from typing import Any

from hawkama.errors import Problem
from hawkama.expr.syntax import Binary, Call, ListExpr, Lit, Name, Node, parse, walk
from hawkama.lint.context import (
    LANG_KEY,
    NEAR_DUPLICATE,
    Context,
    Loc,
)
from hawkama.models.common import SourceRef
from hawkama.models.question_types import CHOICE_TYPES
from hawkama.models.rubric import Question


def _referenced_options(ctx: Context) -> set[tuple[str, str]]:
    """(question, option) pairs that some expression compares with or tests for."""
    questions = ctx.ps.questions
    found: set[tuple[str, str]] = set()

    def literals(node: Node) -> list[str]:
        items = node.items if isinstance(node, ListExpr) else (node,)
        return [i.value for i in items if isinstance(i, Lit) and isinstance(i.value, str)]

    for e in ctx.exprs:
        for n in walk(parse(e.text)):
            if isinstance(n, Binary) and n.op in ("==", "!=", "in", "notin"):
                for a, b in ((n.left, n.right), (n.right, n.left)):
                    if isinstance(a, Name) and a.id in questions:
                        found.update((a.id, v) for v in literals(b))
            elif isinstance(n, Call) and n.func in ("any_of", "selected") and len(n.args) == 2:
                q = n.args[0]
                if isinstance(q, Name):
                    found.update((q.id, v) for v in literals(n.args[1]))
    return found


def unused_options(ctx: Context) -> Iterator[Problem]:
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


def local_texts(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dict[str, str]]]:
    if _is_local_text(data):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from local_texts(value, (*loc, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from local_texts(value, (*loc, i))


def missing_translations(ctx: Context) -> Iterator[Problem]:
    languages = list(ctx.ps.policy.languages)
    for doc in (ctx.policy_doc, *ctx.rubric_docs):
        for loc, text in local_texts(doc.data):
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


def _file_citations(ctx: Context, index: int) -> Iterator[tuple[Loc, SourceRef]]:
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


def source_lints(ctx: Context) -> Iterator[Problem]:
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


def duplicate_texts(ctx: Context) -> Iterator[Problem]:
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

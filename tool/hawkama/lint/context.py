"""What the lints look at: every expression and question of a policy, with its place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hawkama.errors import Problem
from hawkama.expr.compile import Compiled, QuestionInfo, Scope
from hawkama.expr.functions import names_reading
from hawkama.models.rubric import Question
from hawkama.policy.compiled import PolicySet
from hawkama.validation import dotted
from hawkama.yamlio import Document, parse_yaml

Loc = tuple[str | int, ...]
MAX_COMBINATIONS = 5000
NEAR_DUPLICATE = 0.9
LANG_KEY = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")


# The functions the enumeration models (from the one registry): those of their arguments
# only (run with the engine's own PURE), and those reading one question's answer.
PURE_FUNCS = names_reading("args")
ANSWER_FUNCS = names_reading("question")


@dataclass
class ExprSite:
    """One expression of the policy, where it is written and what it guards."""

    doc: Document
    loc: Loc
    text: str
    role: str  # question-when, question-flag, flag, finding, override, verdict, value, band
    question: str | None = None  # the question a when or question flag belongs to
    band: bool = False


@dataclass
class QuestionSite:
    qid: str
    question: Question
    doc: Document
    loc: Loc


@dataclass
class Context:
    ps: PolicySet
    policy_doc: Document
    rubric_docs: list[Document]
    scope: Scope
    band_scope: Scope
    exprs: list[ExprSite] = field(default_factory=list)
    sites: list[QuestionSite] = field(default_factory=list)
    # The policy's compiled question conditions and values: they call functions by name
    # (Env.call), so they run as well against satisfiable._FakeEnv as against the engine.
    whens: dict[str, Compiled] = field(default_factory=dict)
    values: dict[str, Compiled] = field(default_factory=dict)
    needed: dict[str, list[str]] = field(default_factory=dict)  # see satisfiable._needed

    def problem(self, doc: Document, loc: Loc, message: str) -> Problem:
        line, col = doc.locate(loc)
        return Problem(str(doc.path), line, col, dotted(loc), message)


# --- gathering ---------------------------------------------------------------------------


def build_context(ps: PolicySet) -> Context:
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
    ctx = Context(ps, docs[0], docs[1:], scope, band_scope)
    ctx.whens.update((qid, qd.when) for qid, qd in ps.questions.items() if qd.when is not None)
    ctx.values.update((vid, compiled) for vid, (compiled, _) in ps.values.items())
    policy = ps.policy
    pdoc = docs[0]
    for i, q in enumerate(policy.intake):
        qid = q.id if q.id.startswith("intake.") else f"intake.{q.id}"
        add_question(ctx, qid, q, pdoc, ("intake", i))
    for i, v in enumerate(policy.values):
        ctx.exprs.append(ExprSite(pdoc, ("values", i, "expr"), v.expr, "value"))
    for i, f in enumerate(policy.flags):
        ctx.exprs.append(ExprSite(pdoc, ("flags", i, "when"), f.when, "flag"))
    for i, fnd in enumerate(policy.findings):
        ctx.exprs.append(ExprSite(pdoc, ("findings", i, "when"), fnd.when, "finding"))
    for i, rule in enumerate(policy.verdicts):
        ctx.exprs.append(ExprSite(pdoc, ("verdicts", i, "when"), rule.when, "verdict"))
    for rubric, rdoc in zip(ps.rubrics, ctx.rubric_docs, strict=True):
        for i, q in enumerate(rubric.questions):
            add_question(ctx, q.id, q, rdoc, ("questions", i))
        for i, f in enumerate(rubric.flags):
            ctx.exprs.append(ExprSite(rdoc, ("flags", i, "when"), f.when, "flag"))
        for i, fnd in enumerate(rubric.findings):
            ctx.exprs.append(ExprSite(rdoc, ("findings", i, "when"), fnd.when, "finding"))
        sc = rubric.scoring
        for i, v in enumerate(sc.values):
            ctx.exprs.append(ExprSite(rdoc, ("scoring", "values", i, "expr"), v.expr, "value"))
        for i, b in enumerate(sc.bands):
            for key, limit in (("below", b.below), ("at_most", b.at_most)):
                if limit is not None:
                    loc: Loc = ("scoring", "bands", i, key)
                    ctx.exprs.append(ExprSite(rdoc, loc, limit, "band", band=True))
        for i, o in enumerate(sc.overrides):
            loc = ("scoring", "overrides", i, "when")
            ctx.exprs.append(ExprSite(rdoc, loc, o.when, "override"))
    return ctx


def add_question(ctx: Context, qid: str, q: Question, doc: Document, loc: Loc) -> None:
    ctx.sites.append(QuestionSite(qid, q, doc, loc))
    if q.when is not None:
        ctx.exprs.append(ExprSite(doc, (*loc, "when"), q.when, "question-when", question=qid))
    for j, f in enumerate(q.flags):
        floc: Loc = (*loc, "flags", j, "when")
        ctx.exprs.append(ExprSite(doc, floc, f.when, "question-flag", question=qid))


# --- brute force ---------------------------------------------------------------------------

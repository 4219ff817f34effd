"""Build a PolicySet: cross-check a policy and its rubrics, compile every expression.

Every problem is collected with its file and line: duplicate ids across files,
citations of undefined sources, expressions that name unknown things, placeholders
that are not computed values, references to missing values, and cycles.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from hawkama.errors import Problem, ProblemCollector
from hawkama.expr.compile import Compiled, Dep, QuestionInfo, Scope, compile_expr
from hawkama.expr.ops import EvalError, show
from hawkama.expr.syntax import ExprSyntaxError, Name, parse, walk
from hawkama.expr.types import ANY, NULL, NUMERIC, SType
from hawkama.models.common import SourceRef, cited_ids
from hawkama.models.policy import Policy
from hawkama.models.question_types import QUESTION_TYPES
from hawkama.models.rubric import Band, Question, Rubric
from hawkama.policy.compiled import DimensionDef, FlagDef, PolicySet, QuestionDef, SourceFile
from hawkama.policy.plan import evaluation_order, toposort
from hawkama.yamlio import Document

Loc = tuple[str | int, ...]


def _canonical_hash(parts: list[Any]) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class PolicyBuilder:
    """Cross-checks a policy and its rubrics and compiles every expression in them."""

    def __init__(
        self,
        policy: Policy,
        doc: Document,
        rubrics: list[tuple[Rubric, Document]],
        known_hash: str | None = None,
    ) -> None:
        self.known_hash = known_hash
        self.policy = policy
        self.doc = doc
        self.rubrics = rubrics
        self.problems = ProblemCollector()

    def err(self, doc: Document, loc: Loc, message: str, offset: int | None = None) -> None:
        line, col = doc.locate(loc)
        if offset is not None and col is not None:
            col += offset + _quote_shift(doc, loc)
        from hawkama.validation import dotted

        self.problems.add(doc.path, line, col, dotted(loc), message)

    # -- walking every question with its document and location ----------------

    def all_questions(self) -> Iterator[tuple[Question, str | None, Document, Loc]]:
        for i, q in enumerate(self.policy.intake):
            yield q, None, self.doc, ("intake", i)
        for rubric, rdoc in self.rubrics:
            for i, q in enumerate(rubric.questions):
                yield q, rubric.id, rdoc, ("questions", i)

    def build(self) -> PolicySet:
        """Run every check and compilation; raise with all problems, or return the set."""
        self._collect_sources()
        self._collect_questions()
        self._collect_values()
        self._make_scope()
        values = self._compile_values()
        flags = self._compile_flags()
        dimensions = self._compile_dimensions()
        findings = self._compile_findings()
        verdicts = [
            c
            for i, rule in enumerate(self.policy.verdicts)
            if (c := self._compile(rule.when, self.doc, ("verdicts", i, "when"))) is not None
        ]
        self.problems.raise_if_any()
        for qid, qd in self.qdefs.items():
            own = tuple((fd.flag, fd.when) for fd in flags if fd.question == qid)
            self.qdefs[qid] = replace(qd, flags=own)
        plan, cycles = evaluation_order(self.qdefs, values, flags, dimensions)
        for message in cycles:
            self.problems.add(self.doc.path, None, None, "", message)
        self.problems.raise_if_any()
        files = [SourceFile("policy.yaml", self.doc.path, self.doc.text)]
        files += [SourceFile(f"rubric-{r.id}.yaml", d.path, d.text) for r, d in self.rubrics]
        # The decision a verdict calls for is left out: it does not score, so it may change
        # without a new version (assessments pin the hash), and reports issued before
        # verdict rules had it must still verify.
        decisions = {"verdicts": {"__all__": {"decision"}}}
        digest = self.known_hash or _canonical_hash(
            [self.policy.model_dump(mode="json", exclude=decisions)]
            + [r.model_dump(mode="json") for r, _ in self.rubrics]
        )
        return PolicySet(
            policy=self.policy,
            path=self.doc.path,
            rubrics=[r for r, _ in self.rubrics],
            questions=self.qdefs,
            values=values,
            flags=flags,
            dimensions=dimensions,
            verdicts=verdicts,
            findings=findings,
            mitigation_question=self.mitigation_q,
            selectors=self.selectors,
            plan=plan,
            hash=digest,
            files=files,
            sources=self.sources,
        )

    def check_alone(self) -> list[Problem]:
        """Check the rubrics' expressions without their policy (``validate rubric.yaml``).

        Syntax, the function whitelist, types, ranges and every name the rubrics define
        are checked; a name, flag, dimension, selector or source they do not define may
        be the policy's, so it is taken on trust until the policy is known.
        """
        self._collect_sources()
        self._collect_questions()
        self._collect_values()
        self._make_scope()
        self.scope.open = True
        self._compile_values()
        self._compile_flags()
        self._compile_dimensions()
        self._compile_findings()
        return self.problems.problems

    # -- phases ------------------------------------------------------------------

    def _collect_sources(self) -> None:
        self.sources: dict[str, Any] = {s.id: s for s in self.policy.sources}
        seen: list[str] = []
        for rubric, rdoc in self.rubrics:
            if rubric.id in seen:
                self.err(
                    rdoc, ("id",), f"rubric id {rubric.id!r} is used by two rubrics of this policy"
                )
            seen.append(rubric.id)
            for s in rubric.sources:
                self.sources.setdefault(s.id, s)

    def _collect_questions(self) -> None:
        self.qdefs: dict[str, QuestionDef] = {}
        self.qinfo: dict[str, QuestionInfo] = {}
        self.mitigation_q: dict[str, str] = {}
        for q, dim, qdoc, loc in self.all_questions():
            qid = _qualified(q, dim)
            if qid in self.qdefs:
                self.err(qdoc, (*loc, "id"), f"question id {qid!r} is used twice in this policy")
                continue
            if dim is None:  # intake questions are answered as intake.<id>
                q = q.model_copy(update={"id": qid})
            options = q.effective_options
            kind = QUESTION_TYPES[q.type]
            self.qdefs[qid] = QuestionDef(
                q, dim, None, {o.id: o for o in options}, kind.max_weight(q), list(q.mitigations)
            )
            self.qinfo[qid] = QuestionInfo(qid, q.type, tuple(o.id for o in options), q.allow_other)
            for j, m in enumerate(q.mitigations):
                if m.id in self.mitigation_q:
                    self.err(
                        qdoc,
                        (*loc, "mitigations", j, "id"),
                        f"mitigation id {m.id!r} is used twice",
                    )
                self.mitigation_q[m.id] = qid

    def _collect_values(self) -> None:
        self.value_texts: dict[str, tuple[str, str | None, Document, Loc]] = {}
        for i, v in enumerate(self.policy.values):
            self.value_texts[v.id] = (v.expr, None, self.doc, ("values", i, "expr"))
        for rubric, rdoc in self.rubrics:
            for i, v in enumerate(rubric.scoring.values):
                if v.id in self.value_texts:
                    loc: Loc = ("scoring", "values", i, "id")
                    self.err(rdoc, loc, f"value id {v.id!r} is defined twice")
                    continue
                self.value_texts[v.id] = (v.expr, rubric.id, rdoc, ("scoring", "values", i, "expr"))
        for vid, (_, _, vdoc, vloc) in self.value_texts.items():
            if vid in self.qdefs:
                self.err(vdoc, (*vloc[:-1], "id"), f"value id {vid!r} is also a question id")

    def _make_scope(self) -> None:
        flag_codes = {f.code for q, *_ in self.all_questions() for f in q.flags}
        flag_codes |= {f.code for r, _ in self.rubrics for f in r.flags}
        flag_codes |= {f.code for f in self.policy.flags}
        self.selectors = self._selectors(self.qdefs)
        selectors = self.selectors
        self.scope = Scope(
            questions=self.qinfo,
            values=set(self.value_texts),
            flag_codes=flag_codes,
            dimensions={r.id for r, _ in self.rubrics if r.scoring.residual is not None},
            mitigations=self.mitigation_q,
            selectors=lambda s: selectors.get(s),
        )

    def _compile(
        self, text: str, doc: Document, loc: Loc, scope: Scope | None = None
    ) -> Compiled | None:
        try:
            compiled = compile_expr(text, scope or self.scope)
        except ExprSyntaxError as exc:
            self.err(doc, loc, f"{exc.message} (in {_clip(text, exc.pos)})", exc.pos)
            return None
        return replace(compiled, site=(doc.path, loc))

    def _compile_values(self) -> dict[str, tuple[Compiled, str | None]]:
        """Compile computed values, each after those it reads, so their types are known."""
        reads: dict[Dep, set[Dep]] = {}
        for vid, (text, *_) in self.value_texts.items():
            try:
                names = {n.id for n in walk(parse(text)) if isinstance(n, Name)}
            except ExprSyntaxError:
                names = set()  # reported when the value is compiled
            reads[("v", vid)] = {("v", n) for n in names if n in self.value_texts}
        types: dict[str, SType] = {}
        self.scope.value_types = types
        compiled: dict[str, tuple[Compiled, str | None]] = {}
        for _, vid in toposort(reads)[0]:
            text, dim, vdoc, vloc = self.value_texts[vid]
            c = self._compile(text, vdoc, vloc)
            if c is not None:
                compiled[vid] = (c, dim)
                types[vid] = c.type
        return {vid: compiled[vid] for vid in self.value_texts if vid in compiled}

    def _compile_flags(self) -> list[FlagDef]:
        """Question conditions and the flags of questions, rubrics and the policy."""
        flags: list[FlagDef] = []
        for q, dim, qdoc, loc in self.all_questions():
            qid = _qualified(q, dim)
            qd = self.qdefs.get(qid)
            if qd is None or qd.question.id != qid:
                continue
            if q.when:
                self.qdefs[qid] = replace(qd, when=self._compile(q.when, qdoc, (*loc, "when")))
            for j, f in enumerate(q.flags):
                c = self._compile(f.when, qdoc, (*loc, "flags", j, "when"))
                if c is not None:
                    flags.append(FlagDef(f, c, dim, qid))
                self._check_cites(f.sources, qdoc, (*loc, "flags", j, "sources"))
            self._check_cites(q.sources, qdoc, (*loc, "sources"))
            for j, m in enumerate(q.mitigations):
                self._check_cites(m.sources, qdoc, (*loc, "mitigations", j, "sources"))
        owners: list[tuple[list[Any], Document, str | None]] = [
            (r.flags, d, r.id) for r, d in self.rubrics
        ]
        owners.append((self.policy.flags, self.doc, None))
        for owner_flags, doc, dim in owners:
            for j, f in enumerate(owner_flags):
                c = self._compile(f.when, doc, ("flags", j, "when"))
                if c is not None:
                    flags.append(FlagDef(f, c, dim, None))
                self._check_cites(f.sources, doc, ("flags", j, "sources"))
        return flags

    def _compile_dimensions(self) -> dict[str, DimensionDef]:
        dimensions: dict[str, DimensionDef] = {}
        band_scope = Scope(**{**self.scope.__dict__, "extra_names": {"score"}})
        for rubric, rdoc in self.rubrics:
            sc = rubric.scoring
            for key in ("inherent", "residual"):
                ref = getattr(sc, key)
                if ref is not None and ref not in self.value_texts and not self.scope.open:
                    allowed = ", ".join(self.value_texts) or "none"
                    self.err(
                        rdoc,
                        ("scoring", key),
                        f"{ref!r} is not a computed value (allowed: {allowed})",
                    )
                elif ref is not None and self.scope.value_types.get(ref, ANY).never(NUMERIC):
                    found = self.scope.value_types[ref].describe()
                    self.err(rdoc, ("scoring", key), f"{ref!r} is {found}, not a number")
            bands: list[tuple[Band, Compiled | None]] = []
            for i, b in enumerate(sc.bands):
                limit, key = (b.below, "below") if b.below is not None else (b.at_most, "at_most")
                loc: Loc = ("scoring", "bands", i, key)
                compiled = self._compile(limit, rdoc, loc, band_scope) if limit else None
                if compiled is not None and compiled.type.never(NUMERIC):
                    self.err(rdoc, loc, f"a band limit is a number, got {compiled.type.describe()}")
                elif compiled is not None and not compiled.type.kinds <= NUMERIC | {NULL}:
                    compiled = _numeric(compiled)
                bands.append((b, compiled))
            band_ids = [b.id for b in sc.bands]
            overrides = []
            for i, o in enumerate(sc.overrides):
                c = self._compile(o.when, rdoc, ("scoring", "overrides", i, "when"))
                if c is not None:
                    overrides.append((c, band_ids.index(o.at_least), o.reason))
            dimensions[rubric.id] = DimensionDef(rubric, bands, overrides)
        return dimensions

    def _compile_findings(self) -> list[tuple[Any, Compiled, str | None]]:
        findings: list[tuple[Any, Compiled, str | None]] = []
        owners: list[tuple[list[Any], Document, str | None]] = [
            (r.findings, d, r.id) for r, d in self.rubrics
        ]
        owners.append((self.policy.findings, self.doc, None))
        for owner_findings, doc, dim in owners:
            for i, fnd in enumerate(owner_findings):
                c = self._compile(fnd.when, doc, ("findings", i, "when"))
                self._check_placeholders(
                    fnd.text, set(self.value_texts), doc, ("findings", i, "text")
                )
                self._check_cites(fnd.sources, doc, ("findings", i, "sources"))
                if c is not None:
                    findings.append((fnd, c, dim))
        return findings

    def _selectors(self, qdefs: dict[str, QuestionDef]) -> dict[str, tuple[str, ...]]:
        sel: dict[str, list[str]] = {"*": [], "intake": []}
        for qid, qd in qdefs.items():
            dim = qd.dimension or "intake"
            sel["*"].append(qid)
            sel.setdefault(dim, []).append(qid)
            for sub in {qd.question.group, qd.question.section} - {None}:
                sel.setdefault(f"{dim}:{sub}", []).append(qid)
        return {k: tuple(v) for k, v in sel.items()}

    def _check_cites(self, refs: list[SourceRef], doc: Document, loc: Loc) -> None:
        if self.scope.open:
            return  # the policy may define the source
        sources = self.sources
        for i, sid in enumerate(cited_ids(refs)):
            if sid not in sources:
                self.err(
                    doc,
                    (*loc, i),
                    f"source {sid!r} is not defined in the rubric's or policy's sources "
                    f"(defined: {', '.join(sorted(sources)) or 'none'})",
                )

    def _check_placeholders(
        self, text: dict[str, str], names: set[str], doc: Document, loc: Loc
    ) -> None:
        if self.scope.open:
            return  # the policy may compute the value
        for lang, body in text.items():
            for name in re.findall(r"\{([A-Za-z0-9_.-]+)\}", body):
                if name not in names:
                    self.err(doc, (*loc, lang), f"placeholder {{{name}}} is not a computed value")


def rubric_alone_problems(rubric: Rubric, doc: Document) -> list[Problem]:
    """What is wrong in a rubric's expressions, as far as it can be told without its policy."""
    # A policy with nothing in it of its own: only the rubric's expressions are checked.
    policy = Policy.model_construct(
        kind="policy",
        id=rubric.id,
        version=rubric.version,
        title=rubric.title,
        rubrics=[],
        verdicts=[],
        intake=[],
        values=[],
        flags=[],
        findings=[],
        sources=[],
    )
    return PolicyBuilder(policy, doc, [(rubric, doc)]).check_alone()


def _numeric(compiled: Compiled) -> Compiled:
    """A band limit whose type is not known for sure: checked each time it runs."""
    run = compiled.run

    def checked(env: Any) -> Any:
        value = run(env)
        if value is None or isinstance(value, int | float):
            return value
        raise EvalError(f"a band limit is a number, got {show(value)}")

    return replace(compiled, run=checked)


def _qualified(q: Question, dim: str | None) -> str:
    return f"intake.{q.id}" if dim is None and not q.id.startswith("intake.") else q.id


def _clip(text: str, pos: int) -> str:
    if len(text) <= 70:
        return repr(text)
    start = max(0, pos - 30)
    return repr(("..." if start else "") + text[start : start + 60] + "...")


def _quote_shift(doc: Document, loc: Loc) -> int:
    """A quoted scalar starts one column before its text."""
    line, col = doc.locate(loc)
    if line is None or col is None:
        return 0
    lines = doc.text.split("\n")
    if line - 1 < len(lines) and col - 1 < len(lines[line - 1]):
        return 1 if lines[line - 1][col - 1] in "'\"" else 0
    return 0

"""A policy with its rubrics, cross-checked and compiled, ready for the engine.

Loading does every static check once: rubric files exist, ids are unique across the
policy, citations name defined sources, every expression parses and names only
things that exist, and the evaluation order has no cycle. The engine then only runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hawkama.errors import InputError, Problem, ProblemCollector
from hawkama.expr.compile import Compiled, Dep, QuestionInfo, Scope, compile_expr
from hawkama.expr.syntax import ExprSyntaxError
from hawkama.loader import detect_kind, read_doc, validate_doc
from hawkama.models.common import SourceRef, cited_ids
from hawkama.models.policy import Policy
from hawkama.models.rubric import Band, Flag, Mitigation, Option, Question, Rubric
from hawkama.yamlio import Document

Loc = tuple[str | int, ...]


@dataclass
class QuestionDef:
    """A question with everything the engine needs precomputed."""

    question: Question
    dimension: str | None  # rubric id; None for intake questions
    when: Compiled | None
    options: dict[str, Option]
    max_weight: float
    mitigations: list[Mitigation]
    flags: list[tuple[Flag, Compiled]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.question.id


@dataclass
class FlagDef:
    flag: Flag
    when: Compiled
    dimension: str | None
    question: str | None


@dataclass
class DimensionDef:
    rubric: Rubric
    bands: list[tuple[Band, Compiled | None]]
    overrides: list[tuple[Compiled, int, dict[str, str]]]  # when, band index, reason

    @property
    def scored(self) -> bool:
        return self.rubric.scoring.residual is not None


@dataclass
class SourceFile:
    """A file the policy was read from, kept verbatim for embedding in reports."""

    name: str
    path: Path
    text: str


@dataclass
class PolicySet:
    policy: Policy
    path: Path
    rubrics: list[Rubric]
    questions: dict[str, QuestionDef]
    values: dict[str, tuple[Compiled, str | None]]  # id -> (expr, dimension)
    flags: list[FlagDef]
    dimensions: dict[str, DimensionDef]
    verdicts: list[Compiled]
    findings: list[tuple[Any, Compiled, str | None]]
    mitigation_question: dict[str, str]
    selectors: dict[str, tuple[str, ...]]
    plan: list[Dep]
    hash: str
    files: list[SourceFile]
    sources: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)  # the engine's precomputed plan

    @property
    def id(self) -> str:
        return self.policy.id

    @property
    def version(self) -> str:
        return self.policy.version


def _max_weight(q: Question) -> float:
    if q.type == "risk":
        spec = q.risk
        return float((spec.likelihood_max if spec else 5) * (spec.impact_max if spec else 5))
    if q.type == "scale":
        return float(q.scale.max if q.scale else 4)
    weights = [o.weight for o in q.effective_options if not o.na]
    if not weights:
        return 0.0
    if q.type == "multiple" and q.combine == "sum":
        return float(sum(w for w in weights if w > 0))
    return float(max(weights))


def _canonical_hash(parts: list[Any]) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def find_policy_file(path: Path) -> Path:
    """A policy file, or the single policy file in a folder."""
    if path.is_dir():
        found = []
        for candidate in sorted(path.glob("*.y*ml")):
            try:
                doc = read_doc(candidate)
            except InputError:
                continue
            if isinstance(doc.data, dict) and doc.data.get("kind") == "policy":
                found.append(candidate)
        if not found:
            raise InputError(
                Problem(str(path), None, None, "", "no policy file (kind: policy) in this folder")
            )
        if len(found) > 1:
            names = ", ".join(p.name for p in found)
            raise InputError(
                Problem(
                    str(path),
                    None,
                    None,
                    "",
                    f"several policies in this folder ({names}); name one file",
                )
            )
        return found[0]
    if not path.exists():
        raise InputError(Problem(str(path), None, None, "", "no such file or folder"))
    return path


def load_policy_set(path: Path) -> PolicySet:
    from hawkama import policy_cache

    policy_path = find_policy_file(path)
    cached = policy_cache.load(policy_path)
    if cached is not None:
        # Validated before, byte for byte: no document nodes are needed for errors.
        pdoc = Document(policy_path, None, None, cached.policy_text)
        rubric_docs = [(r, Document(Path(p), None, None, t)) for r, p, t in cached.rubrics]
        return _Builder(cached.policy, pdoc, rubric_docs, known_hash=cached.hash).build()
    ps = _load_uncached(policy_path)
    policy_cache.store(
        policy_path,
        policy_cache.CachedPolicy(
            version=policy_cache.code_version(),
            files=policy_cache.digests([f.path for f in ps.files]),
            policy=ps.policy,
            policy_text=ps.files[0].text,
            rubrics=tuple(
                (r, str(f.path), f.text) for r, f in zip(ps.rubrics, ps.files[1:], strict=True)
            ),
            hash=ps.hash,
        ),
    )
    return ps


def _load_uncached(policy_path: Path) -> PolicySet:
    doc = read_doc(policy_path)
    if detect_kind(doc) != "policy":
        raise InputError(
            Problem(str(policy_path), 1, 1, "", "expected a policy file (kind: policy)")
        )
    policy = validate_doc(doc, Policy)
    problems = ProblemCollector()
    rubrics: list[tuple[Rubric, Document]] = []
    for i, rel in enumerate(policy.rubrics):
        rpath = (policy_path.parent / rel).resolve()
        if not rpath.is_file():
            line, col = doc.locate(("rubrics", i))
            problems.add(
                policy_path,
                line,
                col,
                f"rubrics[{i}]",
                f"rubric file {rel!r} not found next to the policy",
            )
            continue
        try:
            rdoc = read_doc(rpath)
            if detect_kind(rdoc) != "rubric":
                line, col = doc.locate(("rubrics", i))
                problems.add(
                    policy_path,
                    line,
                    col,
                    f"rubrics[{i}]",
                    f"{rel!r} is not a rubric file (kind: rubric)",
                )
                continue
            rubrics.append((validate_doc(rdoc, Rubric), rdoc))
        except InputError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return _Builder(policy, doc, rubrics).build()


class _Builder:
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
        policy = self.policy
        # Intake questions are answered as intake.<id>.
        qdefs: dict[str, QuestionDef] = {}
        qinfo: dict[str, QuestionInfo] = {}
        sources: dict[str, Any] = {s.id: s for s in policy.sources}
        dim_ids: list[str] = []
        for rubric, rdoc in self.rubrics:
            if rubric.id in dim_ids:
                self.err(
                    rdoc, ("id",), f"rubric id {rubric.id!r} is used by two rubrics of this policy"
                )
            dim_ids.append(rubric.id)
            for s in rubric.sources:
                sources.setdefault(s.id, s)
        mitigation_q: dict[str, str] = {}
        for q, dim, qdoc, loc in self.all_questions():
            qid = f"intake.{q.id}" if dim is None and not q.id.startswith("intake.") else q.id
            if qid in qdefs:
                self.err(qdoc, (*loc, "id"), f"question id {qid!r} is used twice in this policy")
                continue
            if dim is None:
                q = q.model_copy(update={"id": qid})
            qdefs[qid] = QuestionDef(
                q,
                dim,
                None,
                {o.id: o for o in q.effective_options},
                _max_weight(q),
                list(q.mitigations),
            )
            qinfo[qid] = QuestionInfo(
                qid, q.type, tuple(o.id for o in q.effective_options), q.allow_other
            )
            for j, m in enumerate(q.mitigations):
                if m.id in mitigation_q:
                    self.err(
                        qdoc,
                        (*loc, "mitigations", j, "id"),
                        f"mitigation id {m.id!r} is used twice",
                    )
                mitigation_q[m.id] = qid
        values: dict[str, tuple[str, str | None, Document, Loc]] = {}
        for i, v in enumerate(policy.values):
            values[v.id] = (v.expr, None, self.doc, ("values", i, "expr"))
        for rubric, rdoc in self.rubrics:
            for i, v in enumerate(rubric.scoring.values):
                if v.id in values:
                    self.err(
                        rdoc, ("scoring", "values", i, "id"), f"value id {v.id!r} is defined twice"
                    )
                    continue
                values[v.id] = (v.expr, rubric.id, rdoc, ("scoring", "values", i, "expr"))
        for vid, (_, _, vdoc, vloc) in values.items():
            if vid in qdefs:
                self.err(vdoc, (*vloc[:-1], "id"), f"value id {vid!r} is also a question id")
        flag_codes = {f.code for q, *_ in self.all_questions() for f in q.flags}
        flag_codes |= {f.code for r, _ in self.rubrics for f in r.flags}
        flag_codes |= {f.code for f in policy.flags}
        selectors = self._selectors(qdefs)
        scored_dims = {r.id for r, _ in self.rubrics if r.scoring.residual is not None}
        from hawkama.engine_functions import FUNCS

        scope = Scope(
            functions=FUNCS,
            questions=qinfo,
            values=set(values),
            flag_codes=flag_codes,
            dimensions=scored_dims,
            mitigations=mitigation_q,
            selectors=lambda s: selectors.get(s),
        )

        def comp(text: str, doc: Document, loc: Loc, sc: Scope = scope) -> Compiled | None:
            try:
                return compile_expr(text, sc)
            except ExprSyntaxError as exc:
                self.err(doc, loc, f"{exc.message} (in {_clip(text, exc.pos)})", exc.pos)
                return None

        # Compile question conditions and question flags.
        flags: list[FlagDef] = []
        for q, dim, qdoc, loc in self.all_questions():
            qid = f"intake.{q.id}" if dim is None and not q.id.startswith("intake.") else q.id
            qd = qdefs.get(qid)
            if qd is None or qd.question.id != qid:
                continue
            if q.when:
                qd.when = comp(q.when, qdoc, (*loc, "when"))
            for j, f in enumerate(q.flags):
                c = comp(f.when, qdoc, (*loc, "flags", j, "when"))
                if c is not None:
                    flags.append(FlagDef(f, c, dim, qid))
            self._check_cites(q.sources, sources, qdoc, (*loc, "sources"))
            for j, f in enumerate(q.flags):
                self._check_cites(f.sources, sources, qdoc, (*loc, "flags", j, "sources"))
            for j, m in enumerate(q.mitigations):
                self._check_cites(m.sources, sources, qdoc, (*loc, "mitigations", j, "sources"))
        for rubric, rdoc in self.rubrics:
            for j, f in enumerate(rubric.flags):
                c = comp(f.when, rdoc, ("flags", j, "when"))
                if c is not None:
                    flags.append(FlagDef(f, c, rubric.id, None))
                self._check_cites(f.sources, sources, rdoc, ("flags", j, "sources"))
        for j, f in enumerate(policy.flags):
            c = comp(f.when, self.doc, ("flags", j, "when"))
            if c is not None:
                flags.append(FlagDef(f, c, None, None))
            self._check_cites(f.sources, sources, self.doc, ("flags", j, "sources"))
        compiled_values: dict[str, tuple[Compiled, str | None]] = {}
        for vid, (text, dim, vdoc, vloc) in values.items():
            c = comp(text, vdoc, vloc)
            if c is not None:
                compiled_values[vid] = (c, dim)
        dimensions: dict[str, DimensionDef] = {}
        band_scope = Scope(**{**scope.__dict__, "extra_names": {"score"}})
        for rubric, rdoc in self.rubrics:
            sc = rubric.scoring
            for key in ("inherent", "residual"):
                ref = getattr(sc, key)
                if ref is not None and ref not in values:
                    self.err(
                        rdoc,
                        ("scoring", key),
                        f"{ref!r} is not a computed value (allowed: {', '.join(values) or 'none'})",
                    )
            bands: list[tuple[Band, Compiled | None]] = []
            for i, b in enumerate(sc.bands):
                limit = b.below if b.below is not None else b.at_most
                key = "below" if b.below is not None else "at_most"
                bands.append(
                    (
                        b,
                        comp(limit, rdoc, ("scoring", "bands", i, key), band_scope)
                        if limit
                        else None,
                    )
                )
            band_ids = [b.id for b in sc.bands]
            overrides = []
            for i, o in enumerate(sc.overrides):
                c = comp(o.when, rdoc, ("scoring", "overrides", i, "when"))
                if c is not None:
                    overrides.append((c, band_ids.index(o.at_least), o.reason))
            dimensions[rubric.id] = DimensionDef(rubric, bands, overrides)
            for i, fnd in enumerate(rubric.findings):
                self._check_cites(fnd.sources, sources, rdoc, ("findings", i, "sources"))
        findings: list[tuple[Any, Compiled, str | None]] = []
        for rubric, rdoc in self.rubrics:
            for i, fnd in enumerate(rubric.findings):
                c = comp(fnd.when, rdoc, ("findings", i, "when"))
                self._check_placeholders(fnd.text, set(values), rdoc, ("findings", i, "text"))
                if c is not None:
                    findings.append((fnd, c, rubric.id))
        for i, fnd in enumerate(policy.findings):
            c = comp(fnd.when, self.doc, ("findings", i, "when"))
            self._check_placeholders(fnd.text, set(values), self.doc, ("findings", i, "text"))
            if c is not None:
                findings.append((fnd, c, None))
        verdicts: list[Compiled] = []
        for i, rule in enumerate(policy.verdicts):
            c = comp(rule.when, self.doc, ("verdicts", i, "when"))
            if c is not None:
                verdicts.append(c)
        self.problems.raise_if_any()
        for qd in qdefs.values():
            qd.flags = [(fd.flag, fd.when) for fd in flags if fd.question == qd.id]
        plan = self._plan(qdefs, compiled_values, flags, dimensions)
        self.problems.raise_if_any()
        files = [SourceFile("policy.yaml", self.doc.path, self.doc.text)]
        files += [SourceFile(f"rubric-{r.id}.yaml", d.path, d.text) for r, d in self.rubrics]
        digest = self.known_hash or _canonical_hash(
            [policy.model_dump(mode="json")] + [r.model_dump(mode="json") for r, _ in self.rubrics]
        )
        return PolicySet(
            policy=policy,
            path=self.doc.path,
            rubrics=[r for r, _ in self.rubrics],
            questions=qdefs,
            values=compiled_values,
            flags=flags,
            dimensions=dimensions,
            verdicts=verdicts,
            findings=findings,
            mitigation_question=mitigation_q,
            selectors=selectors,
            plan=plan,
            hash=digest,
            files=files,
            sources=sources,
        )

    def _selectors(self, qdefs: dict[str, QuestionDef]) -> dict[str, tuple[str, ...]]:
        sel: dict[str, list[str]] = {"*": [], "intake": []}
        for qid, qd in qdefs.items():
            dim = qd.dimension or "intake"
            sel["*"].append(qid)
            sel.setdefault(dim, []).append(qid)
            for sub in {qd.question.group, qd.question.section} - {None}:
                sel.setdefault(f"{dim}:{sub}", []).append(qid)
        return {k: tuple(v) for k, v in sel.items()}

    def _check_cites(
        self, refs: list[SourceRef], sources: dict[str, Any], doc: Document, loc: Loc
    ) -> None:
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
        import re

        for lang, body in text.items():
            for name in re.findall(r"\{([A-Za-z0-9_.-]+)\}", body):
                if name not in names:
                    self.err(doc, (*loc, lang), f"placeholder {{{name}}} is not a computed value")

    def _plan(
        self,
        qdefs: dict[str, QuestionDef],
        values: dict[str, tuple[Compiled, str | None]],
        flags: list[FlagDef],
        dims: dict[str, DimensionDef],
    ) -> list[Dep]:
        """Order questions, values, flags and dimensions so each runs after what it reads."""
        deps: dict[Dep, set[Dep]] = {}
        for qid, qd in qdefs.items():
            deps[("q", qid)] = set(qd.when.deps) if qd.when else set()
        for vid, (c, _) in values.items():
            deps[("v", vid)] = set(c.deps)
        for level in ("prohibit", "block", "escalate", "condition", "prerequisite"):
            deps[("fl", level)] = set()
        for fd in flags:
            node: Dep = ("f", fd.flag.code)
            deps.setdefault(node, set()).update(fd.when.deps)
            if fd.question:
                deps[node].add(("q", fd.question))
            deps[("fl", fd.flag.level)].add(node)
        for did, dd in dims.items():
            sc = dd.rubric.scoring
            need: set[Dep] = {("v", v) for v in (sc.inherent, sc.residual) if v}
            for _, limit in dd.bands:
                if limit:
                    need |= limit.deps
            for when, _, _ in dd.overrides:
                need |= when.deps
            deps[("d", did)] = need
        order: list[Dep] = []
        state: dict[Dep, int] = {}

        def visit(node: Dep, stack: list[Dep]) -> None:
            mark = state.get(node, 0)
            if mark == 2:
                return
            if mark == 1:
                cycle = [*stack[stack.index(node) :], node]
                self.problems.add(
                    self.doc.path,
                    None,
                    None,
                    "",
                    "circular definitions: "
                    + " -> ".join(f"{k}:{n}" for k, n in cycle)
                    + " (each needs the next to be computed first)",
                )
                return
            state[node] = 1
            for dep in sorted(deps.get(node, ())):
                if dep in deps:
                    visit(dep, [*stack, node])
            state[node] = 2
            order.append(node)

        for node in deps:
            visit(node, [])
        return order


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

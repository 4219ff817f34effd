"""What the commands do, between the CLI and the engine: load, check, evaluate.

Every problem of every file is gathered before raising, so one run shows them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from hawkama.documents import MODELS, assessment_from_doc, detect_kind, read_doc, validate_doc
from hawkama.engine.evaluate import evaluate, evaluate_summary
from hawkama.errors import InputError, Problem
from hawkama.evidence import EvidenceScope
from hawkama.files import read_head
from hawkama.models.assessment import Assessment
from hawkama.models.result import Result
from hawkama.policy.checks import check_assessment, salvage_answer_problems
from hawkama.policy.compiled import PolicySet
from hawkama.policy.find import PolicyResolver
from hawkama.yamlio import Document

SUFFIXES = (".yaml", ".yml")


@dataclass
class Scored:
    path: Path
    assessment: Assessment
    doc: Document
    policy: PolicySet
    result: Result


def expand(paths: Iterable[Path], suffixes: tuple[str, ...] = SUFFIXES) -> list[Path]:
    """Files as given, and the YAML files inside folders (sorted, recursively)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(f for f in p.rglob("*") if f.suffix.lower() in suffixes and f.is_file())
            )
        else:
            out.append(p)
    return out


def load_checked(
    path: Path, cache: PolicyResolver, any_version: bool = False, raw: Document | None = None
) -> tuple[Assessment, Document, PolicySet]:
    """The assessment in ``path`` (``raw``: the file as read_doc read it), checked."""
    if raw is None:
        raw = read_doc(path)  # read once: a file that does not parse has nothing to salvage
    try:
        assessment, doc = assessment_from_doc(raw)
    except InputError as exc:
        # Show the answer problems too, not only the file's shape problems: one run, all errors.
        raise InputError(exc.problems + salvage_answer_problems(raw, cache)) from None
    ps = cache.for_assessment(assessment, path)
    problems = check_assessment(ps, assessment, doc, any_version=any_version)
    if problems:
        raise InputError(problems)
    return assessment, doc, ps


def score_files(
    paths: Iterable[Path], policy: Path | None = None, any_version: bool = False
) -> list[Scored]:
    """Load, check and evaluate each assessment; raise with every problem of every file."""
    cache = PolicyResolver(policy)
    problems: list[Problem] = []
    out: list[Scored] = []
    for path in paths:
        try:
            assessment, doc, ps = load_checked(path, cache, any_version)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        out.append(Scored(path, assessment, doc, ps, evaluate(ps, assessment)))
    if problems:
        raise InputError(problems)
    return out


@dataclass
class Validated:
    path: Path
    kind: str
    note: str = ""


def validate_paths(
    paths: Iterable[Path],
    policy: Path | None = None,
    check_evidence: bool = False,
    evidence: EvidenceScope | None = None,
) -> Iterator[Validated]:
    """Check each file by its kind; raise at the end with every problem found.

    Policies are read first, here, so that assessments validated alongside their
    policy find it; the other files are checked over the cores when there are many.
    """
    from hawkama import parallel

    cache = PolicyResolver(policy)
    problems: list[Problem] = []
    files = expand(paths, (*SUFFIXES, ".json"))
    if not files:
        raise InputError("no YAML files to validate")
    results: list[Validated] = []
    policies = [p for p in files if _is_policy(p)]
    first = set(policies)
    rest = [p for p in files if p not in first]
    options = {"check_evidence": check_evidence, "evidence": evidence}
    registered = []
    for path in policies:
        try:
            results.append(_validate_one(path, cache, options))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if results[-1].kind == "policy":
            registered.append(path)
    for outcome in parallel.each(
        rest, _validate_one, options, policy, cache=cache, setup=partial(_register, registered)
    ):
        if isinstance(outcome, parallel.Failed):
            problems.extend(outcome.problems)
        else:
            results.append(outcome)
    if problems:
        raise InputError(problems)
    yield from results


def _register(paths: list[Path], cache: PolicyResolver) -> None:
    for path in paths:
        cache.register(cache.load(path))


def _validate_one(path: Path, cache: PolicyResolver, options: dict[str, Any]) -> Validated:
    from hawkama.policy.decision import review_problems  # only validate checks reviews

    doc = read_doc(path)
    kind = "assessment" if path.suffix.lower() == ".json" else detect_kind(doc)
    if kind == "rubric":
        found = _rubric_problems(path, doc, cache)
        if found:
            raise InputError(found)
        return Validated(path, kind)
    if kind in ("glossary", "documents"):
        validate_doc(doc, MODELS[kind])
        return Validated(path, kind)
    if kind == "policy":
        ps = cache.load(path)
        cache.register(ps)
        return Validated(path, kind, f"{len(ps.rubrics)} rubrics, {len(ps.questions)} questions")
    assessment, adoc, ps = load_checked(path, cache, raw=doc)
    result = evaluate_summary(ps, assessment)
    # The review record: departures need a justification, conditions a link.
    review = review_problems(ps, assessment, result, adoc)
    if options["check_evidence"]:
        from hawkama.evidence import evidence_problems

        review += evidence_problems(assessment, adoc, options["evidence"])
    if review:
        raise InputError(review)
    c = result.completeness
    note = f"{c.answered}/{c.applicable} applicable questions answered"
    if c.required_missing:
        note += f"; incomplete: {len(c.required_missing)} required unanswered"
    return Validated(path, kind, note)


def _rubric_problems(path: Path, doc: Document, cache: PolicyResolver) -> list[Problem]:
    """A rubric's problems: with every name checked when its policy is known, else alone."""
    from hawkama.models.rubric import Rubric
    from hawkama.policy.build import rubric_alone_problems
    from hawkama.policy.load import find_policy_file

    rubric = validate_doc(doc, Rubric)
    target = path.resolve()
    policy = cache.explicit
    candidates = [find_policy_file(policy)] if policy is not None else []
    candidates += [p for p in sorted(path.parent.glob("*.y*ml")) if _lists(p, path.name)]
    for candidate in candidates:
        try:
            ps = cache.load(candidate)
        except InputError as exc:
            own = [p for p in exc.problems if p.file and Path(p.file).resolve() == target]
            if own:
                return own
            continue  # the policy is broken elsewhere: check the rubric alone
        if any(Path(f.path).resolve() == target for f in ps.files[1:]):
            return []  # loading the policy checked every expression with every name
    return rubric_alone_problems(rubric, doc)


def _lists(policy: Path, rubric_name: str) -> bool:
    """Whether ``policy`` is a policy file naming ``rubric_name`` among its rubrics."""
    if not _is_policy(policy):
        return False
    try:
        data = read_doc(policy).data
    except InputError:
        return False
    rubrics = data.get("rubrics") if isinstance(data, dict) else None
    return isinstance(rubrics, list) and rubric_name in rubrics


def _is_policy(path: Path) -> bool:
    head = read_head(path, 4000).decode("utf-8", "replace")
    return "kind: policy" in head

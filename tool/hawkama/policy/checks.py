"""Cross-file checks of an assessment against the policy it is scored with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from pydantic import BaseModel, ValidationError

from hawkama.errors import InputError, Problem
from hawkama.models.assessment import (
    Answer,
    Assessment,
    MitigationCommitment,
    wrap_answer,
)
from hawkama.models.question_types import (
    QUESTION_TYPES,
    Check,
    near,
)
from hawkama.policy.compiled import PolicySet, QuestionDef
from hawkama.yamlio import Document

if TYPE_CHECKING:
    from hawkama.models.rubric import Question
    from hawkama.policy.find import PolicyResolver


def check_assessment(
    ps: PolicySet, assessment: Assessment, doc: Document, any_version: bool = False
) -> list[Problem]:
    """Every way the assessment does not fit the policy, located in the file."""
    problems: list[Problem] = []

    def add(loc: tuple[str | int, ...], message: str) -> None:
        line, col = doc.locate(loc)
        path = ".".join(str(p) for p in loc)
        problems.append(Problem(str(doc.path), line, col, path, message))

    ref = assessment.policy
    if ref.id != ps.id:
        add(
            ("policy", "id"),
            f"answered against policy {ref.id!r}, but scored with policy {ps.id!r}; "
            "pass --policy with the right policy",
        )
    elif ref.version != ps.version and not any_version:
        add(
            ("policy", "version"),
            f"answered against {ref.id} {ref.version}, but the policy loaded is "
            f"{ps.version}; use the matching policy version, or migrate the assessment",
        )
    elif ref.hash is not None and ref.hash != ps.hash and not any_version:
        add(
            ("policy", "hash"),
            f"answered against {ref.id} {ref.version} with content hash {ref.hash[:12]}..., but "
            f"the policy loaded has hash {ps.hash[:12]}...: the policy was edited without a new "
            "version; score with --any-version, or record the new hash",
        )
    checks = answer_checks(ps)
    # A file converted from another tool's format (the Canada AIA's saved JSON) keeps
    # answers that tool ignores too (questions renamed or dropped between its
    # versions); refusing them would refuse real files, so they are only listed in
    # the result's unknown_answers.
    foreign = bool(getattr(doc, "foreign_format", False))
    # A foreign format may hold values our own files cannot (the AIA's stale option
    # values); its document decides which it accepts (issue #12, item 7).
    foreign_check = getattr(doc, "answer_problem", None) if foreign else None
    for qid, answer in assessment.answers.items():
        check = checks.get(qid)
        if check is None:
            if not foreign:
                add(("answers", qid), f"unknown question {qid!r}{near(qid, list(ps.questions))}")
            continue
        value = answer.value
        if value is None:
            continue
        if value.__class__ is str:  # most answers: passed without a call
            texts = check.texts
            if texts is None or value in texts:
                continue
        elif check.fine(value):
            continue
        loc: tuple[str | int, ...] = ("answers", qid)
        vloc = (*loc, "value") if _is_mapping(doc, loc) else loc
        if foreign_check is not None:
            why = foreign_check(qid, check.type, check.options, value)
            if why is not None:
                add(vloc, why)
                continue
        for message in check.problems(check.question, check.options, value):
            add(vloc, message)
    for mid in assessment.mitigations:
        if mid not in ps.mitigation_question:
            add(
                ("mitigations", mid),
                f"unknown mitigation {mid!r}{near(mid, list(ps.mitigation_question))}",
            )
    return problems


@dataclass(frozen=True)
class AnswerCheck:
    """What checking an answer to one question needs, worked out once per policy."""

    question: Question
    type: str
    options: tuple[str, ...]
    problems: Check
    # True when ``problems`` (and a foreign format's own check) surely find nothing:
    # the common answers are passed without building any message.
    fine: Callable[[object], bool]
    # The texts ``fine`` passes (None: every text), for the loop to test without a call.
    texts: frozenset[str] | None


_CHECKS: WeakKeyDictionary[PolicySet, dict[str, AnswerCheck]] = WeakKeyDictionary()


def answer_checks(ps: PolicySet) -> dict[str, AnswerCheck]:
    """Per question of ``ps``, how its answers are checked (kept while the policy lives)."""
    checks = _CHECKS.get(ps)
    if checks is None:
        checks = _CHECKS[ps] = {qid: _answer_check(qd) for qid, qd in ps.questions.items()}
    return checks


def _answer_check(qd: QuestionDef) -> AnswerCheck:
    q = qd.question
    options = tuple(qd.options)
    allowed = frozenset(options)
    kind = QUESTION_TYPES[q.type]
    return AnswerCheck(
        q, q.type, options, kind.problems, kind.fine(q, allowed), kind.passed_texts(allowed)
    )


def _is_mapping(doc: Document, loc: tuple[str | int, ...]) -> bool:
    data = doc.data
    for part in loc:
        if not isinstance(data, dict):
            return False
        data = data.get(part)
    return isinstance(data, dict) and "value" in data


def salvage_answer_problems(doc: Document, cache: PolicyResolver) -> list[Problem]:
    """Check the answers of an assessment whose other parts are invalid, where possible."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("policy"), dict):
        return []
    partial = {
        "hawkama": 1,
        "policy": data["policy"],
        "project": {"id": "x", "title": "x"},
        "answers": _valid_items(data.get("answers"), Answer, wrap=True),
        "mitigations": _valid_items(data.get("mitigations"), MitigationCommitment),
    }
    try:
        assessment = Assessment.model_validate(partial)
        ps = cache.for_assessment(assessment, doc.path)
    except (ValidationError, InputError):
        return []
    return check_assessment(ps, assessment, doc)


def _valid_items(items: object, model: type[BaseModel], wrap: bool = False) -> dict[str, object]:
    if not isinstance(items, dict):
        return {}
    out: dict[str, object] = {}
    for key, value in items.items():
        try:
            model.model_validate(wrap_answer(value) if wrap else value)
        except ValidationError:
            continue
        out[str(key)] = value
    return out

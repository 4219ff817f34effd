"""Cross-file checks of an assessment against the policy it is scored with."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError

from hawkama.documents import read_doc
from hawkama.errors import InputError, Problem
from hawkama.expr.ops import show
from hawkama.expr.types import LIMIT
from hawkama.models.assessment import (
    Answer,
    Assessment,
    MitigationCommitment,
    RiskRating,
    wrap_answer,
)
from hawkama.policy.compiled import PolicySet
from hawkama.yamlio import Document

if TYPE_CHECKING:
    from hawkama.policy.find import PolicyResolver


def _near(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.7)
    return f"; did you mean {close[0]!r}?" if close else ""


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
    qids = list(ps.questions)
    # A file converted from another tool's format (the Canada AIA's saved JSON) keeps
    # answers that tool ignores too (questions renamed or dropped between its
    # versions); refusing them would refuse real files, so they are only listed in
    # the result's unknown_answers.
    foreign = bool(getattr(doc, "foreign_format", False))
    for qid, answer in assessment.answers.items():
        qd = ps.questions.get(qid)
        loc: tuple[str | int, ...] = ("answers", qid)
        if qd is None:
            if not foreign:
                add(loc, f"unknown question {qid!r}{_near(qid, qids)}")
            continue
        value = answer.value
        if value is None:
            continue
        q = qd.question
        vloc = (*loc, "value") if _is_mapping(doc, loc) else loc
        allowed = ", ".join(qd.options)
        # A foreign format may hold values our own files cannot (the AIA's stale option
        # values); its document decides which it accepts (issue #12, item 7).
        foreign_check = getattr(doc, "answer_problem", None) if foreign else None
        if foreign_check is not None:
            why = foreign_check(qid, q.type, qd.options, value)
            if why is not None:
                add(vloc, why)
                continue
        if q.type in ("single", "yesno"):
            oid = "yes" if value is True else "no" if value is False else value
            if isinstance(oid, int | float) and not isinstance(oid, bool):
                oid = str(oid)
            if not isinstance(oid, str):
                add(vloc, f"{qid} takes one option id (allowed: {allowed})")
            elif oid not in qd.options and not q.allow_other:
                add(
                    vloc,
                    f"{oid!r} is not an option of {qid}{_near(oid, list(qd.options))} "
                    f"(allowed: {allowed})",
                )
        elif q.type == "multiple":
            items = value if isinstance(value, list) else [value]
            if not all(isinstance(i, str) for i in items):
                add(vloc, f"{qid} takes a list of option ids (allowed: {allowed})")
                continue
            for i in items:
                if i not in qd.options and not q.allow_other:
                    add(
                        vloc,
                        f"{i!r} is not an option of {qid}{_near(str(i), list(qd.options))} "
                        f"(allowed: {allowed})",
                    )
            if len(set(items)) != len(items):
                add(vloc, f"{qid}: an option is ticked twice")
        elif q.type == "scale":
            lo, hi = (q.scale.min, q.scale.max) if q.scale else (0, 4)
            if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
                add(vloc, f"{qid} takes a whole number from {lo} to {hi}, got {value!r}")
        elif q.type == "number":
            # Expressions keep every number within +-1e15 (README, "Security model").
            if isinstance(value, bool) or not isinstance(value, int | float):
                add(vloc, f"{qid} takes a number, got {value!r}")
            elif not -LIMIT <= value <= LIMIT:
                add(vloc, f"{qid} takes a number from -1e+15 to 1e+15, got {show(value)}")
        elif q.type == "date":
            if not isinstance(value, dt.date):
                add(vloc, f"{qid} takes a date (YYYY-MM-DD), got {value!r}")
        elif q.type == "text":
            if not isinstance(value, str):
                add(vloc, f"{qid} takes text, got {value!r}")
        elif q.type == "risk":
            lmax = q.risk.likelihood_max if q.risk else 5
            imax = q.risk.impact_max if q.risk else 5
            if not isinstance(value, RiskRating):
                add(
                    vloc,
                    f"{qid} takes a likelihood x impact rating such as '3x4' "
                    f"(likelihood 1-{lmax}, impact 1-{imax}), got {value!r}",
                )
            elif value.likelihood > lmax or value.impact > imax:
                add(
                    vloc,
                    f"{qid}: likelihood must be 1-{lmax} and impact 1-{imax}, got "
                    f"{value.likelihood}x{value.impact}",
                )
    for mid in assessment.mitigations:
        if mid not in ps.mitigation_question:
            add(
                ("mitigations", mid),
                f"unknown mitigation {mid!r}{_near(mid, list(ps.mitigation_question))}",
            )
    return problems


def _is_mapping(doc: Document, loc: tuple[str | int, ...]) -> bool:
    data = doc.data
    for part in loc:
        if not isinstance(data, dict):
            return False
        data = data.get(part)
    return isinstance(data, dict) and "value" in data


def salvage_answer_problems(path: Path, cache: PolicyResolver) -> list[Problem]:
    """Check the answers of an assessment whose other parts are invalid, where possible."""
    try:
        doc = read_doc(path)
    except InputError:
        return []
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
        ps = cache.for_assessment(assessment, path)
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

"""The result of evaluating an assessment: everything writers need, so they never re-score."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field

from hawkama.models.assessment import Evidence
from hawkama.models.common import SET_DICT, SET_EXTRA, SET_FIELDS, SET_PRIVATE, FlagLevel


class Out(BaseModel):
    """Results are built by the engine, not parsed from users.

    ``Out.fast(...)`` builds one without validation: pydantic's own model_construct
    costs about 17 us a call, and a result has a hundred of these objects.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @classmethod
    def fast(cls, **values: Any) -> Self:
        plan = _FAST_PLANS.get(cls)
        if plan is None:
            plan = _FAST_PLANS[cls] = _fast_plan(cls)
        # Keep the declared field order: serialisation follows the instance dict.
        data = {
            name: values[name] if name in values else (default() if is_factory else default)
            for name, is_factory, default in plan
        }
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", data)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj

    @classmethod
    def raw(cls, data: dict[str, Any]) -> Self:
        """Like fast(), for a dict that already holds every field in declared order."""
        obj = cls.__new__(cls)
        SET_DICT(obj, data)
        # One shared set per class: frozen results never change their fields.
        fields = _ALL_FIELDS.get(cls)
        if fields is None:
            fields = _ALL_FIELDS[cls] = set(cls.model_fields)
        SET_FIELDS(obj, fields)
        SET_EXTRA(obj, None)
        SET_PRIVATE(obj, None)
        return obj


_ALL_FIELDS: dict[type, set[str]] = {}
_FAST_PLANS: dict[type, list[tuple[str, bool, Any]]] = {}


def _fast_plan(cls: type[BaseModel]) -> list[tuple[str, bool, Any]]:
    plan: list[tuple[str, bool, Any]] = []
    for name, field in cls.model_fields.items():
        if field.default_factory is not None:
            plan.append((name, True, field.default_factory))
        else:
            plan.append((name, False, None if field.is_required() else field.default))
    return plan


class AppliedMitigation(Out):
    id: str
    status: str
    lowers: float
    axis: str | None = None
    owner: str | None = None
    due: dt.date | None = None


class QuestionResult(Out):
    id: str
    dimension: str | None = Field(description="Rubric id, or None for intake questions.")
    section: str | None = None
    type: str
    applies: bool
    answered: bool
    value: Any = None
    options: list[str] = Field(default_factory=list, description="Chosen option ids.")
    unknown: bool = False
    na: bool = False
    importance: float = 1
    inherent: float = 0
    residual: float = 0
    max_weight: float = 0
    contribution: float = Field(
        0, description="residual x importance, what the answer adds to its dimension."
    )
    likelihood: tuple[int, int] | None = Field(
        default=None, description="Risk: inherent and residual likelihood."
    )
    impact: tuple[int, int] | None = Field(
        default=None, description="Risk: inherent and residual impact."
    )
    mitigations: list[AppliedMitigation] = Field(default_factory=list)
    note: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    required: bool = True
    scored: bool = True


class BandResult(Out):
    id: str
    level: int
    label: dict[str, str]


class DimensionResult(Out):
    id: str
    title: dict[str, str]
    scored: bool
    inherent: float | None = None
    residual: float | None = None
    inherent_band: BandResult | None = None
    residual_band: BandResult | None = None
    override: dict[str, str] | None = Field(
        default=None, description="Why the band was raised, if it was."
    )
    unit: str = ""
    questions: list[str] = Field(default_factory=list)


class FlagResult(Out):
    code: str
    level: FlagLevel
    message: dict[str, str]
    dimension: str | None = None
    question: str | None = None
    sources: list[str] = Field(default_factory=list)


class FindingResult(Out):
    id: str
    dimension: str | None
    title: dict[str, str]
    text: dict[str, str]
    sources: list[str] = Field(default_factory=list)


class VerdictResult(Out):
    id: str
    severity: int
    label: dict[str, str]
    meaning: dict[str, str]
    next_steps: dict[str, str]
    rule: int = Field(description="1-based position of the rule that fired.")
    when: str


class Completeness(Out):
    applicable: int
    answered: int
    required_missing: list[str]
    unknown: int
    unknown_share: float
    ignored: list[str] = Field(description="Answers given to questions that do not apply.")
    unknown_ids: list[str] = Field(
        default_factory=list, description="Questions answered 'don't know'."
    )


class ResultSummary(Out):
    """What a person or a pipeline decides on: ``score --format json`` gives this by default.

    The full per-question record (:class:`Result`, ``--detail``) adds ``questions``; every
    field shared by both holds the same value (a test checks it).
    """

    hawkama_version: str
    policy_id: str
    policy_version: str
    policy_hash: str
    assessment_hash: str
    project: dict[str, Any]
    verdict: VerdictResult
    dimensions: list[DimensionResult]
    flags: list[FlagResult]
    findings: list[FindingResult]
    values: dict[str, Any]
    conditions: list[dict[str, Any]] = Field(
        description="Conditions of approval: condition-level flags and committed mitigations."
    )
    completeness: Completeness
    unknown_answers: list[str] = Field(
        default_factory=list, description="Answers naming no question."
    )

    def dimension(self, did: str) -> DimensionResult:
        for d in self.dimensions:
            if d.id == did:
                return d
        raise KeyError(did)


class Result(ResultSummary):
    """The full record: the summary and every question (what report, verify, explain use).

    Instances are built by the engine with ``questions`` right after ``dimensions``;
    serialisation follows that order, not the declaration order.
    """

    questions: list[QuestionResult]

    def question(self, qid: str) -> QuestionResult:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def summary(self) -> ResultSummary:
        return ResultSummary.raw({k: v for k, v in self.__dict__.items() if k != "questions"})

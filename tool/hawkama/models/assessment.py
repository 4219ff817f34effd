"""The assessment model: one proposed project, its answers, mitigations and review."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, Field, model_validator

from hawkama.models.common import Decision, Ident, Strict, Version

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="Lower-case hex SHA-256.")]
ProjectId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$", description="Letters, digits, '.', '_', '-'."
    ),
]
FreeText = Annotated[str, Field(max_length=20_000)]


class Evidence(Strict):
    """A document that backs an answer: a path or URL, with its SHA-256."""

    title: FreeText | None = None
    path: FreeText | None = None
    url: FreeText | None = None
    sha256: Sha256 | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> Evidence:
        if not (self.path or self.url):
            raise ValueError("evidence needs a 'path' or a 'url'")
        return self


class RiskRating(Strict):
    likelihood: int = Field(ge=1, le=10)
    impact: int = Field(ge=1, le=10)


def parse_rating(value: Any) -> Any:
    # "3x4" is the short form committees write for likelihood 3, impact 4.
    if isinstance(value, str):
        parts = value.lower().replace(" ", "").split("x")
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            return {"likelihood": int(parts[0]), "impact": int(parts[1])}
    return value


AnswerValue = Annotated[
    RiskRating
    | bool
    | int
    | float
    | dt.date
    | FreeText
    | list[Annotated[str, Field(max_length=200)]]
    | None,
    BeforeValidator(parse_rating),
]


class Answer(Strict):
    value: AnswerValue = None
    note: FreeText | None = None
    evidence: list[Evidence] = Field(default_factory=list, max_length=200)


def wrap_answer(value: Any) -> Any:
    if isinstance(value, dict) and ("value" in value or "note" in value or "evidence" in value):
        return value
    return {"value": value}


class PolicyRef(Strict):
    id: Ident
    version: Version
    hash: Sha256 | None = Field(
        default=None, description="Content hash of the policy answered against."
    )


def place(city: str | None, governorate: str | None) -> str:
    """City then governorate, each once: "Cairo", not "Cairo, Cairo"."""
    return ", ".join(dict.fromkeys(x for x in (city, governorate) if x))


class Project(Strict):
    id: ProjectId
    title: FreeText
    governorate: FreeText | None = None
    city: FreeText | None = None
    sector: FreeText | None = None
    owner: FreeText | None = None
    stage: FreeText | None = None
    summary: FreeText | None = None
    contact: FreeText | None = None
    submitted: dt.date | None = None
    updated: dt.date | None = None


# not_planned records a measure the project considered and declined: it lowers
# nothing, like proposed, but the committee sees that it was weighed.
MitigationStatus = Literal["proposed", "committed", "implemented", "not_planned"]
MITIGATION_STATUSES: tuple[MitigationStatus, ...] = get_args(MitigationStatus)
# The statuses under which a mitigation counts (lowers weights, meets `mitigated()`).
ACTIVE_STATUSES: tuple[MitigationStatus, ...] = ("committed", "implemented")


class MitigationCommitment(Strict):
    status: MitigationStatus
    owner: FreeText | None = None
    due: dt.date | None = None
    note: FreeText | None = None
    evidence: list[Evidence] = Field(default_factory=list, max_length=200)


class Reviewer(Strict):
    name: FreeText
    role: FreeText | None = None
    organisation: FreeText | None = None


class Condition(Strict):
    text: FreeText
    answers: list[str] = Field(
        default_factory=list, description="Flag codes or mitigation ids it answers."
    )
    owner: FreeText | None = None
    due: dt.date | None = None
    done: bool = False


class Review(Strict):
    reviewers: list[Reviewer] = Field(default_factory=list)
    conflicts: FreeText | None = Field(
        default=None, description="Declaration of conflicts of interest."
    )
    decision: Decision | None = None
    justification: FreeText | None = None
    conditions: list[Condition] = Field(default_factory=list)
    decided: dt.date | None = None


class Assessment(Strict):
    hawkama: Literal[1] = Field(description="Format version of the assessment file.")
    policy: PolicyRef
    project: Project
    answers: dict[
        Annotated[str, Field(max_length=120)], Annotated[Answer, BeforeValidator(wrap_answer)]
    ] = Field(default_factory=dict, max_length=5000)
    mitigations: dict[Ident, MitigationCommitment] = Field(default_factory=dict, max_length=5000)
    review: Review | None = None

"""A policy with its rubrics, cross-checked and compiled, ready for the engine.

Loading does every static check once: rubric files exist, ids are unique across the
policy, citations name defined sources, every expression parses and names only
things that exist, and the evaluation order has no cycle. The engine then only runs.

The compiled policy is frozen: the engine keeps what it derives from it (its plan) in
its own table and never writes into it, so one policy can serve many evaluations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hawkama.expr.compile import Compiled, Dep
from hawkama.models.policy import Policy
from hawkama.models.rubric import Band, Flag, Mitigation, Option, Question, Rubric

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class QuestionDef:
    """A question with everything the engine needs precomputed."""

    question: Question
    dimension: str | None  # rubric id; None for intake questions
    when: Compiled | None
    options: dict[str, Option]
    max_weight: float
    mitigations: list[Mitigation]
    flags: tuple[tuple[Flag, Compiled], ...] = ()

    @property
    def id(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class FlagDef:
    flag: Flag
    when: Compiled
    dimension: str | None
    question: str | None


@dataclass(frozen=True)
class DimensionDef:
    rubric: Rubric
    bands: list[tuple[Band, Compiled | None]]
    overrides: list[tuple[Compiled, int, dict[str, str]]]  # when, band index, reason

    @property
    def scored(self) -> bool:
        return self.rubric.scoring.residual is not None


@dataclass(frozen=True)
class SourceFile:
    """A file the policy was read from, kept verbatim for embedding in reports."""

    name: str
    path: Path
    text: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a key of the engine's plans
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

    @property
    def id(self) -> str:
        return self.policy.id

    @property
    def version(self) -> str:
        return self.policy.version

"""The policy model: which rubrics a review uses, shared intake questions, verdict rules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from hawkama.locale import translations
from hawkama.models.common import Decision, Expr, Ident, LocalText, Source, Strict, Version
from hawkama.models.rubric import ComputedValue, Finding, Flag, Question, Section

Language = Literal["en", "ar", "fr"]


def _default_languages() -> list[Language]:
    return ["en", "ar"]


class VerdictRule(Strict):
    """One verdict; the rules are tried in order and the first whose condition holds wins."""

    id: Ident
    when: Expr
    severity: int = Field(
        ge=0, le=100, description="Orders verdicts for --fail-on: higher is worse."
    )
    decision: Decision | None = Field(
        default=None,
        description="The committee decision this verdict usually calls for; `hawkama review` "
        "asks for a written justification of any other. Without it, every decision on this "
        "verdict must be justified.",
    )
    label: LocalText
    meaning: LocalText
    next_steps: LocalText


class Policy(Strict):
    kind: Literal["policy"]
    id: Ident
    version: Version
    title: LocalText
    description: LocalText | None = None
    languages: list[Language] = Field(
        default_factory=_default_languages,
        description="Languages every user-facing string is given in (see 'rubric check').",
    )
    rubrics: list[str] = Field(
        min_length=1, description="Rubric files, relative to the policy file."
    )
    sources: list[Source] = Field(default_factory=list)
    intake_title: LocalText = Field(default_factory=lambda: translations("model.intake_title"))
    intake_sections: list[Section] = Field(default_factory=list)
    intake: list[Question] = Field(
        default_factory=list,
        description="Questions shared by all rubrics; answered as intake.<id>.",
    )
    values: list[ComputedValue] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    unknown_threshold: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="Share of 'don't know' answers above which information is insufficient.",
    )
    verdicts: list[VerdictRule] = Field(min_length=1)

    @field_validator("verdicts")
    @classmethod
    def _rules(cls, verdicts: list[VerdictRule]) -> list[VerdictRule]:
        ids = [v.id for v in verdicts]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"verdict ids must be unique; repeated: {', '.join(dupes)}")
        if verdicts[-1].when.strip() != "true":
            raise ValueError(
                "the last verdict rule must be `when: 'true'`, "
                "so that every assessment gets a verdict"
            )
        return verdicts

    @model_validator(mode="after")
    def _intake(self) -> Policy:
        qids = [q.id for q in self.intake]
        dupes = sorted({i for i in qids if qids.count(i) > 1})
        if dupes:
            raise ValueError(f"intake ids must be unique; repeated: {', '.join(dupes)}")
        return self


class GlossaryTerm(Strict):
    en: str
    ar: str
    fr: str | None = None
    note: str | None = None


class Glossary(Strict):
    """Key terms in every language, so translations stay consistent across rubrics."""

    kind: Literal["glossary"]
    id: Ident
    terms: list[GlossaryTerm] = Field(min_length=1)

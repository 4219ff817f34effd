"""The rubric model: one dimension (ethics, privacy, equity, risk) of a review."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from hawkama.locale import translations
from hawkama.models.common import (
    Expr,
    FlagCode,
    FlagLevel,
    Ident,
    LocalText,
    OptionId,
    Source,
    SourceRef,
    Strict,
    Version,
)
from hawkama.models.question_types import CHOICE_TYPES, UNKNOWN_OPTION_TYPES

# What each type means (how it is checked, scored, typed and asked): models/question_types.py.
QuestionType = Literal["single", "multiple", "yesno", "scale", "number", "text", "date", "risk"]


class Option(Strict):
    """One answer option and its weight (0 = no concern ... 4 = severe)."""

    id: OptionId
    text: LocalText
    weight: float = Field(default=0, ge=0, le=1000)
    unknown: bool = Field(
        default=False, description="The 'don't know' option: counted, never mitigated."
    )
    na: bool = Field(
        default=False, description="'Not applicable': the question is left out of the score."
    )
    help: LocalText | None = None

    @model_validator(mode="after")
    def _not_both(self) -> Option:
        if self.unknown and self.na:
            raise ValueError("an option cannot be both 'unknown' and 'na'")
        return self


class Flag(Strict):
    """A red flag raised when its condition holds."""

    code: FlagCode
    level: FlagLevel
    when: Expr
    message: LocalText
    sources: list[SourceRef] = Field(default_factory=list)


class Mitigation(Strict):
    """A measure that, once committed or implemented, lowers its question's weight."""

    id: Ident
    text: LocalText
    # Bounded like option weights: an infinite or huge amount cannot be a rating (issue #12).
    lowers: float = Field(gt=0, le=1000, description="How much the question's weight drops.")
    floor: float = Field(default=0, ge=0, le=1000, description="The weight never drops below this.")
    axis: Literal["likelihood", "impact"] | None = Field(
        default=None, description="For risk questions: which rating the mitigation lowers."
    )
    sources: list[SourceRef] = Field(default_factory=list)


class ScaleSpec(Strict):
    min: int = Field(default=0, ge=-1_000_000, le=1_000_000)
    max: int = Field(default=4, ge=-1_000_000, le=1_000_000)
    labels: dict[int, LocalText] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _order(self) -> ScaleSpec:
        if self.min >= self.max:
            raise ValueError("scale.min must be below scale.max")
        return self


class RiskSpec(Strict):
    """A likelihood x impact rating; the weight is their product."""

    likelihood_max: int = Field(default=5, ge=2, le=10)
    impact_max: int = Field(default=5, ge=2, le=10)


class Question(Strict):
    id: Ident
    section: Ident | None = None
    group: Ident | None = Field(
        default=None, description="Scoring group used by selectors such as 'aia:impact'."
    )
    text: LocalText
    help: LocalText | None = None
    type: QuestionType
    importance: float = Field(default=1, ge=0, le=10)
    required: bool = True
    scored: bool = True
    when: Expr | None = Field(
        default=None, description="The question applies only when this holds."
    )
    options: list[Option] = Field(default_factory=list)
    combine: Literal["sum", "max"] = Field(
        default="sum", description="Multiple choice: add the ticked weights, or take the largest."
    )
    scale: ScaleSpec | None = None
    risk: RiskSpec | None = None
    floor: float = Field(
        default=0, ge=0, le=1000, description="Mitigations never lower the weight below this."
    )
    allow_other: bool = Field(
        default=False, description="Accept answers that are not option ids (scored 0)."
    )
    flags: list[Flag] = Field(default_factory=list)
    mitigations: list[Mitigation] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape(self) -> Question:
        ids = [o.id for o in self.options]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"option ids must be unique; repeated: {', '.join(dupes)}")
        if self.type in ("single", "multiple") and not self.options:
            raise ValueError(f"a {self.type!r} question needs options")
        if self.type == "yesno":
            plain = {o.id for o in self.options if not (o.unknown or o.na)}
            if self.options and not {"yes", "no"} <= plain:
                raise ValueError("a 'yesno' question's options must include 'yes' and 'no'")
        if self.type not in CHOICE_TYPES and self.options:
            if self.type not in UNKNOWN_OPTION_TYPES:
                raise ValueError(f"a {self.type!r} question takes no options")
            if len(self.options) > 1 or not self.options[0].unknown:
                raise ValueError(
                    f"a {self.type!r} question takes one option at most, its 'don't know' "
                    "(unknown: true)"
                )
        if self.scale is not None and self.type != "scale":
            raise ValueError("'scale' is only for questions of type 'scale'")
        if self.risk is not None and self.type != "risk":
            raise ValueError("'risk' is only for questions of type 'risk'")
        for m in self.mitigations:
            if self.type == "risk" and m.axis is None:
                raise ValueError(
                    f"mitigation {m.id}: a risk question's mitigation needs axis: likelihood|impact"
                )
            if self.type != "risk" and m.axis is not None:
                raise ValueError(f"mitigation {m.id}: 'axis' is only for risk questions")
        if sum(o.unknown for o in self.options) > 1:
            raise ValueError("at most one option may be marked unknown")
        return self

    def option(self, option_id: str) -> Option | None:
        for o in self.options:
            if o.id == option_id:
                return o
        return None

    @property
    def effective_options(self) -> list[Option]:
        if self.type == "yesno" and not self.options:
            return [
                Option(id="yes", text=translations("model.yes")),
                Option(id="no", text=translations("model.no")),
            ]
        return self.options


class Section(Strict):
    id: Ident
    title: LocalText
    help: LocalText | None = None


class ComputedValue(Strict):
    """A named value computed from answers, other values, flags and dimensions."""

    id: Ident
    expr: Expr
    label: LocalText | None = None


class Band(Strict):
    """A score band. Bands are tried in order; the first whose limit holds is taken."""

    id: Ident
    label: LocalText
    level: int = Field(
        ge=1, le=9, description="Rank shared across dimensions: 1 low ... 4 very high."
    )
    below: Expr | None = Field(default=None, description="Taken when score < this.")
    at_most: Expr | None = Field(default=None, description="Taken when score <= this.")
    meaning: LocalText | None = None

    @model_validator(mode="after")
    def _one_limit(self) -> Band:
        if self.below is not None and self.at_most is not None:
            raise ValueError("give either 'below' or 'at_most', not both")
        return self


class BandOverride(Strict):
    """Raise the band to at least ``at_least`` when ``when`` holds (severity override)."""

    when: Expr
    at_least: Ident
    reason: LocalText


class Finding(Strict):
    """A derived finding shown in results, e.g. 'DPIA required: 3 of 9 criteria met'.

    ``text`` may name computed values in braces, e.g. ``{dpia_criteria}``.
    """

    id: Ident
    when: Expr = "true"
    title: LocalText
    text: LocalText
    sources: list[SourceRef] = Field(default_factory=list)


class Scoring(Strict):
    values: list[ComputedValue] = Field(default_factory=list)
    inherent: Ident | None = Field(
        default=None, description="Id of the value that is the inherent score."
    )
    residual: Ident | None = Field(
        default=None, description="Id of the value that is the residual score."
    )
    bands: list[Band] = Field(default_factory=list)
    overrides: list[BandOverride] = Field(default_factory=list)
    unit: str = Field(default="", description="Shown after scores, e.g. '%'.")

    @model_validator(mode="after")
    def _consistent(self) -> Scoring:
        if (self.inherent or self.residual) and not self.bands:
            raise ValueError("a scored dimension needs bands")
        if self.bands:
            if self.residual is None:
                raise ValueError("bands need 'residual' (the value that is banded)")
            last = self.bands[-1]
            if last.below is not None or last.at_most is not None:
                raise ValueError(
                    "the last band must have no limit: it takes every score above the others"
                )
        ids = [b.id for b in self.bands]
        if len(ids) != len(set(ids)):
            raise ValueError("band ids must be unique")
        for o in self.overrides:
            if o.at_least not in ids:
                raise ValueError(
                    f"override at_least {o.at_least!r} is not a band (allowed: {', '.join(ids)})"
                )
        return self


class Rubric(Strict):
    """One dimension of a review: questions, flags, scoring and bands."""

    kind: Literal["rubric"]
    id: Ident
    version: Version
    title: LocalText
    description: LocalText | None = None
    sources: list[Source] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    flags: list[Flag] = Field(
        default_factory=list, description="Flags derived from several answers."
    )
    findings: list[Finding] = Field(default_factory=list)
    scoring: Scoring = Field(default_factory=Scoring)

    @model_validator(mode="after")
    def _unique(self) -> Rubric:
        for what, ids in (
            ("question", [q.id for q in self.questions]),
            ("source", [s.id for s in self.sources]),
            ("section", [s.id for s in self.sections]),
            ("value", [v.id for v in self.scoring.values]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{what} ids must be unique; repeated: {', '.join(dupes)}")
        return self

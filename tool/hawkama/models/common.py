"""Building blocks shared by the rubric, policy and assessment models."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from hawkama.models.decisions import Decision as Decision  # one definition, light to import

M = TypeVar("M", bound=BaseModel)

# Pydantic's own slots, set directly: how an instance is made from values already known
# to be valid (the engine's results; the lean read paths, each checked against pydantic).
SET_DICT = BaseModel.__dict__["__dict__"].__set__
SET_FIELDS = BaseModel.__dict__["__pydantic_fields_set__"].__set__
SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def unvalidated(cls: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    """An instance of ``cls`` holding ``values`` (every field, in declared order), unchecked."""
    obj = object.__new__(cls)  # BaseModel has no __new__ of its own
    SET_DICT(obj, values)
    SET_FIELDS(obj, fields_set)
    SET_EXTRA(obj, None)
    SET_PRIVATE(obj, None)
    return obj


class Strict(BaseModel):
    """Every file model: unknown keys are errors, values are not mutated after load."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _require_en(value: dict[str, str]) -> dict[str, str]:
    if "en" not in value:
        raise ValueError("localised text needs at least an 'en' entry, e.g. {en: ..., ar: ...}")
    for lang, text in value.items():
        if not text.strip():
            raise ValueError(f"the {lang!r} text is empty")
    return value


LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
LocalText = Annotated[
    dict[LangCode, str],
    AfterValidator(_require_en),
    Field(description="Text in several languages, e.g. {en: Privacy, ar: الخصوصية}."),
]

# Every number an expression computes or a number answer holds stays within +-this
# (README, "Security model").
NUMBER_LIMIT = 1e15

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*$"
Ident = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="Letters, digits, '_', and '-' or '.' between them; starts with a letter."),
]


def _yes_no(value: object) -> object:
    # YAML 1.1 habits: a hand-written `true`/`false` option id means yes/no.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


OptionId = Annotated[
    str,
    BeforeValidator(_yes_no),
    StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$", max_length=80),
    Field(description="Option id: letters, digits, '_', '-', '.'."),
]
FlagCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$", max_length=80),
    Field(description="Flag code in CAPITALS_WITH_UNDERSCORES."),
]
Version = Annotated[
    str,
    StringConstraints(pattern=r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$"),
    Field(description="Semantic version, e.g. 1.0.0 (quote it in YAML)."),
]
Expr = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4000),
    Field(description="An expression in Hawkama's expression language (see the README)."),
]
FlagLevel = Literal["prohibit", "block", "escalate", "condition", "prerequisite"]
# The order is severity, highest first: reports and outputs list flags in it.
FLAG_LEVELS: tuple[FlagLevel, ...] = get_args(FlagLevel)


class Citation(Strict):
    """A source cited with a precise place in it, e.g. {source: gdpr, ref: Art 35(3)}."""

    source: Ident
    ref: str | None = Field(default=None, description="Article, section or page.")


SourceRef = Ident | Citation


def cited_ids(refs: list[SourceRef]) -> list[str]:
    return [r if isinstance(r, str) else r.source for r in refs]


class Source(Strict):
    """A framework, law or guide that questions cite."""

    id: Ident
    title: str | LocalText
    publisher: str
    year: int = Field(ge=1900, le=2100)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    confidence: Literal["V", "S", "R"] | None = Field(
        default=None,
        description="V checked against the official text, S secondary sources, R to verify.",
    )

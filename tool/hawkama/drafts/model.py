"""A drafted document, independent of its output format (HTML/PDF, DOCX)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["answered", "unknown", "unanswered", "not_applicable"]


@dataclass(frozen=True)
class Stamp:
    """Where a document came from: printed on every document and in its metadata."""

    source: str  # the assessment file name (or the policy file for a blank questionnaire)
    source_sha256: str
    policy_id: str
    policy_version: str
    policy_sha256: str
    date: str
    hawkama_version: str


@dataclass(frozen=True)
class Entry:
    """One mapped question: its answer, or a marked gap, or 'does not apply'."""

    id: str
    question: str
    status: Status
    answer: tuple[str, ...] = ()
    note: str = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Measure:
    id: str
    text: str
    question: str
    status: str
    owner: str
    due: str


@dataclass(frozen=True)
class Blank:
    """A question of the printable questionnaire."""

    id: str
    text: str
    help: str
    kind: str  # what kind of answer, in words
    options: tuple[str, ...]
    rule: str  # when it applies, in words ("" = always)
    multiple: bool


@dataclass
class Section:
    title: str
    ref: str = ""
    paragraphs: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # to be written by the controller
    blanks: list[Blank] = field(default_factory=list)


@dataclass
class Draft:
    kind: str  # dpia, fria, fria-note, register, questionnaire, letter
    lang: str
    title: str
    subtitle: str
    stamp: Stamp
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def rtl(self) -> bool:
        return self.lang == "ar"

    def entries(self) -> list[Entry]:
        return [e for s in self.sections for e in s.entries]

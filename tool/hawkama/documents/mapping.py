"""The mapping from answers to document sections: ``documents.yaml`` next to the policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from hawkama.errors import InputError, Problem
from hawkama.models.common import Ident, LocalText, Strict
from hawkama.yamlio import Document

if TYPE_CHECKING:
    from hawkama.policyset import PolicySet

FILENAME = "documents.yaml"
PROJECT_FIELDS = (
    *("title", "summary", "contact", "owner", "city", "governorate", "sector"),
    *("stage", "updated", "submitted", "id"),
)

Selector = str  # an id, "PREFIX*", either with ":risk" etc.; or project.<field>


class SectionMap(Strict):
    id: Ident
    ref: LocalText
    title: LocalText
    questions: list[Selector] = Field(default_factory=list)
    mitigations: list[Selector] = Field(
        default_factory=list,
        description="Questions whose committed or implemented mitigations are listed.",
    )
    write: list[LocalText] = Field(
        default_factory=list, description="What only the controller can write: shown as gaps."
    )


class DocumentMap(Strict):
    title: LocalText
    basis: LocalText
    criteria: list[Ident] = Field(
        default_factory=list,
        description="Computed values, one per criterion (DPIA: the WP248 criteria), each listed "
        "in the opening as met, not met or unknown with the questions its expression reads.",
    )
    sections: list[SectionMap] = Field(min_length=1)


class Tier1(Strict):
    name: list[Selector] = Field(default_factory=list)
    description: list[Selector] = Field(default_factory=list)
    how_and_why: list[Selector] = Field(default_factory=list)
    contact: list[Selector] = Field(default_factory=list)
    offline_options: list[Selector] = Field(default_factory=list)


class Tier2(Strict):
    organisation: list[Selector] = Field(default_factory=list)
    team: list[Selector] = Field(default_factory=list)
    senior_responsible_owner: list[Selector] = Field(default_factory=list)
    supplier: list[Selector] = Field(default_factory=list)
    procurement_and_data_access: list[Selector] = Field(default_factory=list)
    scope: list[Selector] = Field(default_factory=list)
    benefits: list[Selector] = Field(default_factory=list)
    previous_process: list[Selector] = Field(default_factory=list)
    alternatives_considered: list[Selector] = Field(default_factory=list)
    process_integration: list[Selector] = Field(default_factory=list)
    frequency_and_scale: list[Selector] = Field(default_factory=list)
    human_review: list[Selector] = Field(default_factory=list)
    appeals_and_review: list[Selector] = Field(default_factory=list)
    architecture: list[Selector] = Field(default_factory=list)
    phase: list[Selector] = Field(default_factory=list)
    model_performance: list[Selector] = Field(default_factory=list)
    source_data: list[Selector] = Field(default_factory=list)
    sensitive_attributes: list[Selector] = Field(default_factory=list)
    data_sharing_and_storage: list[Selector] = Field(default_factory=list)
    impact_assessments: list[Selector] = Field(default_factory=list)
    risks_and_mitigations: list[Selector] = Field(default_factory=list)


class Eurocities(Strict):
    name: list[Selector] = Field(default_factory=list)
    organisation: list[Selector] = Field(default_factory=list)
    department: list[Selector] = Field(default_factory=list)
    area: list[Selector] = Field(default_factory=list)
    domain: list[Selector] = Field(default_factory=list)
    short_description: list[Selector] = Field(default_factory=list)
    website: list[Selector] = Field(default_factory=list)
    risk_category: list[Selector] = Field(default_factory=list)
    status: list[Selector] = Field(default_factory=list)
    revision_date: list[Selector] = Field(default_factory=list)
    legal_basis: list[Selector] = Field(default_factory=list)
    human_intervention: list[Selector] = Field(default_factory=list)
    non_discrimination: list[Selector] = Field(default_factory=list)
    data: list[Selector] = Field(default_factory=list)
    risks: list[Selector] = Field(default_factory=list)


class RegisterMap(Strict):
    tier1: Tier1
    tier2: Tier2
    eurocities: Eurocities


class Documents(Strict):
    kind: Literal["documents"]
    policy: Ident = Field(description="Id of the policy whose questions this maps.")
    dpia: DocumentMap
    fria: DocumentMap
    public_register: RegisterMap


def select(ps: PolicySet, selector: Selector) -> list[str]:
    """Question ids a selector names, in policy order ([] for project.<field>)."""
    if selector.startswith("project."):
        return []
    pattern, _, qtype = selector.partition(":")
    if pattern.endswith("*"):
        prefix = pattern[:-1]
        ids = [q for q in ps.questions if q.startswith(prefix)]
    else:
        ids = [pattern] if pattern in ps.questions else []
    if qtype:
        ids = [q for q in ids if ps.questions[q].question.type == qtype]
    return ids


def _selector_problem(ps: PolicySet, selector: Selector) -> str | None:
    if selector.startswith("project."):
        field = selector.removeprefix("project.")
        if field not in PROJECT_FIELDS:
            return f"{selector!r}: no such project field (allowed: {', '.join(PROJECT_FIELDS)})"
        return None
    if not select(ps, selector):
        return f"{selector!r} names no question of policy {ps.id}"
    return None


def _selectors(docs: Documents) -> Iterator[tuple[tuple[str | int, ...], Selector]]:
    for kind in ("dpia", "fria"):
        dm: DocumentMap = getattr(docs, kind)
        for i, s in enumerate(dm.sections):
            for j, sel in enumerate(s.questions):
                yield (kind, "sections", i, "questions", j), sel
            for j, sel in enumerate(s.mitigations):
                yield (kind, "sections", i, "mitigations", j), sel
    for tier in ("tier1", "tier2", "eurocities"):
        block = getattr(docs.public_register, tier)
        for name in type(block).model_fields:
            for j, sel in enumerate(getattr(block, name)):
                yield ("public_register", tier, name, j), sel


def mapping_path(ps: PolicySet) -> Path:
    return ps.path.parent / FILENAME


def problems(ps: PolicySet, docs: Documents, doc: Document) -> list[Problem]:
    """Selectors that name nothing, and a mapping written for another policy."""
    out = []
    if docs.policy != ps.id:
        line, col = doc.locate(("policy",))
        out.append(
            Problem(
                str(doc.path), line, col, "policy", f"maps policy {docs.policy!r}, not {ps.id!r}"
            )
        )
    for kind in ("dpia", "fria"):
        for j, vid in enumerate(getattr(docs, kind).criteria):
            if vid not in ps.values:
                line, col = doc.locate((kind, "criteria", j))
                why = f"{vid!r} names no computed value of policy {ps.id}"
                out.append(Problem(str(doc.path), line, col, f"{kind}.criteria.{j}", why))
    for loc, sel in _selectors(docs):
        msg = _selector_problem(ps, sel)
        if msg:
            line, col = doc.locate(loc)
            out.append(Problem(str(doc.path), line, col, ".".join(map(str, loc)), msg))
    return out


def read(ps: PolicySet) -> tuple[Documents, Document] | None:
    """The mapping next to the policy, validated; None when there is none."""
    from hawkama.loader import read_doc, validate_doc

    path = mapping_path(ps)
    if not path.is_file():
        return None
    doc = read_doc(path)
    docs = validate_doc(doc, Documents)
    return docs, doc


def load(ps: PolicySet) -> Documents:
    """The checked mapping, or an InputError saying what is wrong or missing."""
    found = read(ps)
    if found is None:
        raise InputError(
            Problem.unlocated(
                mapping_path(ps), "", f"no document mapping for policy {ps.id} (expected this file)"
            )
        )
    docs, doc = found
    bad = problems(ps, docs, doc)
    if bad:
        raise InputError(bad)
    return docs

"""The answers-to-documents mapping (``documents.yaml`` next to a policy), as models.

Read with the other kinds of file; `hawkama draft` resolves it against a policy.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hawkama.models.common import Ident, LocalText, Strict

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

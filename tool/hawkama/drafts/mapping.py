"""The mapping from answers to document sections: ``documents.yaml`` next to the policy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from hawkama.errors import InputError, Problem
from hawkama.models.document_map import DocumentMap, Documents, Selector
from hawkama.yamlio import Document

if TYPE_CHECKING:
    from hawkama.policy.compiled import PolicySet

FILENAME = "documents.yaml"
PROJECT_FIELDS = (
    *("title", "summary", "contact", "owner", "city", "governorate", "sector"),
    *("stage", "updated", "submitted", "id"),
)


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
    from hawkama.documents import read_doc, validate_doc

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

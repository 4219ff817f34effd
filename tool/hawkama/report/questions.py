"""The per-question rows of the report: answer text, weights, notes, evidence, mitigations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hawkama.locale import label, text
from hawkama.models.assessment import Assessment
from hawkama.models.common import cited_ids
from hawkama.models.question_types import QUESTION_TYPES
from hawkama.models.result import QuestionResult
from hawkama.policy.compiled import PolicySet


@dataclass(frozen=True)
class EvidenceView:
    what: str
    sha256: str | None


@dataclass(frozen=True)
class MitigationView:
    id: str
    text: str
    status: str
    owner: str | None
    due: str | None
    applied: bool


@dataclass
class QuestionView:
    id: str
    text: str
    answered: bool
    answer: list[str]
    unknown: bool
    na: bool
    scored: bool
    importance: float
    inherent: float
    residual: float
    max_weight: float
    contribution: float
    risk: tuple[tuple[int, int], tuple[int, int]] | None
    note: str | None
    sources: list[str]
    evidence: list[EvidenceView] = field(default_factory=list)
    mitigations: list[MitigationView] = field(default_factory=list)


def _plain(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return label("report.yes" if value else "report.no", lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def answer_texts(ps: PolicySet, q: QuestionResult, lang: str) -> list[str]:
    """What was answered, in words: option texts for choices, the value otherwise."""
    if not q.answered:
        return []
    qd = ps.questions[q.id]
    if QUESTION_TYPES[q.type].choice or q.options:  # q.options: a risk's "don't know" too
        out = []
        for oid in q.options:
            opt = qd.options.get(oid)
            out.append(text(opt.text, lang) if opt is not None else oid)
        return out
    if q.type == "risk" and q.likelihood and q.impact:
        li, im = q.likelihood[0], q.impact[0]
        likelihood, impact = label("report.likelihood", lang), label("report.impact", lang)
        return [f"{likelihood} {li} × {impact} {im} = {li * im}"]
    if q.type == "scale" and qd.question.scale is not None:
        words = qd.question.scale.labels.get(q.value) if isinstance(q.value, int) else None
        return [_plain(q.value, lang) + (f" ({text(words, lang)})" if words else "")]
    if isinstance(q.value, list):
        return [_plain(v, lang) for v in q.value]
    return [_plain(q.value, lang)]


def _sources(ps: PolicySet, q: QuestionResult) -> list[str]:
    out = []
    for ref in ps.questions[q.id].question.sources:
        if isinstance(ref, str):
            out.append(ref)
        else:
            out.append(f"{ref.source} {ref.ref}" if ref.ref else ref.source)
    return out


def question_view(ps: PolicySet, a: Assessment, q: QuestionResult, lang: str) -> QuestionView:
    qd = ps.questions[q.id]
    applied = {m.id for m in q.mitigations}
    mitigations = []
    for m in qd.mitigations:
        c = a.mitigations.get(m.id)
        mitigations.append(
            MitigationView(
                m.id,
                text(m.text, lang),
                label(f"report.status_{c.status}" if c else "report.status_none", lang),
                c.owner if c else None,
                c.due.isoformat() if c and c.due else None,
                m.id in applied,
            )
        )
    evidence = [
        EvidenceView(" ".join(x for x in (e.title, e.path or e.url) if x), e.sha256)
        for e in q.evidence
    ]
    risk = None
    if q.type == "risk" and q.likelihood and q.impact:
        risk = (q.likelihood, q.impact)
    return QuestionView(
        id=q.id,
        text=text(qd.question.text, lang),
        answered=q.answered,
        answer=answer_texts(ps, q, lang),
        unknown=q.unknown,
        na=q.na,
        scored=q.scored,
        importance=q.importance,
        inherent=q.inherent,
        residual=q.residual,
        max_weight=q.max_weight,
        contribution=q.contribution,
        risk=risk,
        note=q.note,
        sources=_sources(ps, q),
        evidence=evidence,
        mitigations=mitigations,
    )


def cited_sources(ps: PolicySet, questions: list[QuestionResult], extra: list[str]) -> list[str]:
    """Source ids cited by ``questions``, their mitigations and ``extra``, in policy order."""
    wanted = set(extra)
    for q in questions:
        qq = ps.questions[q.id].question
        wanted |= set(cited_ids(qq.sources))
        for m in qq.mitigations:
            wanted |= set(cited_ids(m.sources))
    return [sid for sid in ps.sources if sid in wanted]

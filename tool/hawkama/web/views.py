"""What the proposer's pages show, as plain data for the templates (no HTTP, no I/O).

Which questions apply, the progress and the verdict so far come from the engine's result,
exactly as `hawkama assess` shows them; texts come from the policy in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hawkama import locale
from hawkama.locale import label
from hawkama.models.assessment import MITIGATION_STATUSES
from hawkama.policy.compiled import QuestionDef
from hawkama.questionnaire import display, flow
from hawkama.web.answer_form import widget
from hawkama.web.answering import Loaded

INTAKE = "intake"


@dataclass
class SectionView:
    id: str
    title: str
    questions: list[str]
    answered: int

    @property
    def done(self) -> bool:
        return self.answered == len(self.questions)


@dataclass
class QuestionView:
    id: str
    text: str
    help: str
    widget: str
    options: list[dict[str, Any]]
    value: str
    likelihood: str
    impact: str
    likelihood_max: int
    impact_max: int
    note: str
    evidence: list[dict[str, str]]
    sources: list[str]
    mitigations: list[dict[str, Any]]
    base: str
    required: bool
    answered: bool
    errors: dict[str, str] = field(default_factory=dict)


def section_of(qd: QuestionDef) -> str:
    return qd.dimension or INTAKE


def sections(loaded: Loaded, lang: str) -> list[SectionView]:
    """The intake and each rubric with the questions that apply now (empty ones left out)."""
    titles = {r.id: locale.text(r.title, lang) for r in loaded.ps.rubrics}
    out: dict[str, SectionView] = {}
    for qr in loaded.result.questions:
        if not qr.applies:
            continue
        sid = qr.dimension or INTAKE
        view = out.setdefault(
            sid, SectionView(sid, titles.get(sid) or label("questionnaire.intake", lang), [], 0)
        )
        view.questions.append(qr.id)
        view.answered += int(qr.answered)
    return list(out.values())


def _shown(value: Any) -> str:
    return "" if value is None else display.show_value(value)


def question(
    loaded: Loaded,
    qid: str,
    lang: str,
    posted: Mapping[str, str] | None = None,
    posted_lists: Mapping[str, Sequence[str]] | None = None,
    errors: Mapping[str, str] | None = None,
) -> QuestionView:
    """One question's form: the answer in the file, or what was just posted with its errors."""
    qd = loaded.ps.questions[qid]
    q = qd.question
    qr = loaded.result.question(qid)
    kind = widget(qd)
    if posted is not None:
        chosen = set(posted_lists.get("value", []) if posted_lists else [posted.get("value", "")])
        value = posted.get("value", "")
        likelihood, impact = posted.get("likelihood", ""), posted.get("impact", "")
        note = posted.get("note", "")
    else:
        chosen = set(qr.options)
        value = _shown(qr.value) if qr.answered and kind not in ("radio", "checkbox") else ""
        likelihood = impact = ""
        if kind == "risk" and qr.answered and hasattr(qr.value, "likelihood"):
            likelihood, impact = str(qr.value.likelihood), str(qr.value.impact)
        note = qr.note or ""
    if kind == "scale":
        lo, hi = (q.scale.min, q.scale.max) if q.scale else (0, 4)
        labels = q.scale.labels if q.scale and q.scale.labels else {}
        options = [
            {
                "id": str(n),
                "text": f"{n}" + (f" - {locale.text(labels[n], lang)}" if n in labels else ""),
                "help": "",
                "checked": str(n) == value,
            }
            for n in range(lo, hi + 1)
        ]
    else:
        options = [
            {
                "id": o.id,
                "text": locale.text(o.text, lang),
                "help": locale.text(o.help, lang) if o.help else "",
                "checked": o.id in chosen,
            }
            for o in q.effective_options
        ]
    return QuestionView(
        id=qid,
        text=locale.text(q.text, lang),
        help=locale.text(q.help, lang) if q.help else "",
        widget=kind,
        options=options,
        value=value,
        likelihood=likelihood,
        impact=impact,
        likelihood_max=q.risk.likelihood_max if q.risk else 5,
        impact_max=q.risk.impact_max if q.risk else 5,
        note=note,
        evidence=[
            {
                "title": e.title or e.path or e.url or "",
                "path": e.path or "",
                "sha256": e.sha256 or "",
            }
            for e in qr.evidence
        ],
        sources=display.source_lines(loaded.ps, q.sources, lang)[1:],
        mitigations=_mitigations(loaded, qd, lang, posted)
        if display.answered_plainly(q, qr)
        else [],
        base=loaded.base(qid),
        required=q.required,
        answered=qr.answered,
        errors=dict(errors or {}),
    )


def _mitigations(
    loaded: Loaded, qd: QuestionDef, lang: str, posted: Mapping[str, str] | None
) -> list[dict[str, Any]]:
    out = []
    for m in qd.mitigations:
        c = loaded.assessment.mitigations.get(m.id)
        if posted is not None:
            status = posted.get(f"m-{m.id}-status", "")
            owner = posted.get(f"m-{m.id}-owner", "")
            due = posted.get(f"m-{m.id}-due", "")
        else:
            status = c.status if c else ""
            owner = (c.owner or "") if c else ""
            due = c.due.isoformat() if c and c.due else ""
        out.append(
            {
                "id": m.id,
                "text": locale.text(m.text, lang),
                "status": status,
                "owner": owner,
                "due": due,
                "statuses": [
                    (s, label(f"questionnaire.status_{s}", lang)) for s in MITIGATION_STATUSES
                ],
            }
        )
    return out


def progress(loaded: Loaded) -> tuple[int, int]:
    return flow.progress(loaded.result)


def verdict(loaded: Loaded, lang: str) -> dict[str, Any]:
    v = loaded.result.verdict
    return {
        "id": v.id,
        "label": locale.text(v.label, lang),
        "lines": display.verdict_lines(loaded.result, lang)[1:],
        "missing": loaded.result.completeness.required_missing,
    }

"""What the questionnaire shows: a question, its help and sources, the verdict so far.

Pure functions returning lines of text, so that session.py only prints them. Lines are
kept short; ids come first on a line, where right-to-left text cannot reorder them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hawkama import locale
from hawkama.locale import label
from hawkama.models.common import Citation, cited_ids
from hawkama.models.question_types import QUESTION_TYPES
from hawkama.models.result import QuestionResult, Result
from hawkama.models.rubric import Mitigation, Question
from hawkama.policy.compiled import PolicySet, QuestionDef
from hawkama.questionnaire.flow import numbered, progress, unknown_option


def show_value(value: Any) -> str:
    """An answer as a person would type it: `a, c`, `3x4`, `2027-03-01`."""
    if isinstance(value, list | tuple):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "likelihood") and hasattr(value, "impact"):
        return f"{value.likelihood}x{value.impact}"
    return str(value)


def heading(ps: PolicySet, qd: QuestionDef, result: Result, lang: str) -> str:
    answered, applicable = progress(result)
    titles = {r.id: r.title for r in ps.rubrics}
    area = (
        locale.text(titles[qd.dimension], lang)
        if qd.dimension
        else label("questionnaire.intake", lang)
    )
    return f"[{answered}/{applicable}] {qd.id} - {area}"


def question(ps: PolicySet, qd: QuestionDef, result: Result, lang: str) -> list[str]:
    """The question with its options, numbered, and the current answer if there is one."""
    q = qd.question
    lines = ["", heading(ps, qd, result, lang), locale.text(q.text, lang)]
    options = q.effective_options
    by_number = numbered(options)
    for i, o in enumerate(options, start=1):
        key = f"{i}) " if by_number else ""
        lines.append(f"  {key}{o.id}: {locale.text(o.text, lang)}")
    if q.type == "scale" and q.scale and q.scale.labels:
        for n, words in sorted(q.scale.labels.items()):
            lines.append(f"  {n}: {locale.text(words, lang)}")
    lines.append(f"  ({type_hint(qd, lang)})")
    qr = result.question(qd.id)
    if qr.answered:
        value = list(qr.options) if QUESTION_TYPES[q.type].widget == "multiple" else qr.value
        lines.append(label("questionnaire.current", lang, value=show_value(value)))
    if qr.note:
        lines.append(label("questionnaire.current_note", lang, note=qr.note))
    return lines


def type_hint(qd: QuestionDef, lang: str) -> str:
    kind = QUESTION_TYPES[qd.question.type]
    hint = label(f"questionnaire.hint_{kind.widget}", lang, **kind.limits(qd.question))
    sep = label("questionnaire.hint_sep", lang)
    if unknown_option(qd) is not None:
        hint += sep + label("questionnaire.hint_unknown", lang)
    return hint + sep + label("questionnaire.hint_note", lang)


def help_lines(ps: PolicySet, qd: QuestionDef, lang: str, keep: bool) -> list[str]:
    """`?`: the help text, what each option means, when the question applies, its sources."""
    q = qd.question
    lines = [f"{label('questionnaire.help', lang)}: {qd.id}"]
    lines.append(locale.text(q.help, lang) if q.help else label("questionnaire.no_help", lang))
    for o in q.effective_options:
        if o.help:
            lines.append(f"  {o.id}: {locale.text(o.help, lang)}")
    if q.when:
        lines.append(label("questionnaire.applies_when", lang, when=q.when))
    lines += source_lines(ps, q.sources, lang)
    lines.append(label("questionnaire.hint_keys_keep" if keep else "questionnaire.hint_keys", lang))
    return lines


def source_lines(ps: PolicySet, refs: list[Any], lang: str) -> list[str]:
    if not refs:
        return []
    lines = [f"{label('questionnaire.sources', lang)}:"]
    for ref, sid in zip(refs, cited_ids(refs), strict=True):
        source = ps.sources.get(sid)
        where = f", {ref.ref}" if isinstance(ref, Citation) and ref.ref else ""
        if source is None:
            lines.append(f"  - {sid}{where}")
            continue
        title = locale.text(source.title, lang)
        lines.append(f"  - {title}, {source.publisher}, {source.year}{where}")
    return lines


def mitigation_lines(m: Mitigation, status: str | None, lang: str) -> list[str]:
    lines = [f"{label('questionnaire.mitigation', lang, id=m.id)}: {locale.text(m.text, lang)}"]
    if status:
        lines.append(
            label(
                "questionnaire.current", lang, value=label(f"questionnaire.status_{status}", lang)
            )
        )
    return lines


def verdict_lines(result: Result, lang: str) -> list[str]:
    """`!`: the verdict the answers so far would get, and each dimension's band."""
    v = result.verdict
    lines = [f"{label('questionnaire.verdict', lang)}: {v.id} - {locale.text(v.label, lang)}"]
    for d in result.dimensions:
        title = locale.text(d.title, lang)
        if not d.scored:
            band = label("questionnaire.not_scored", lang)
        elif d.residual_band is None:
            band = label("questionnaire.no_band", lang)
        else:
            score = f" ({d.residual:.0f}{d.unit})" if d.residual is not None else ""
            band = f"{locale.text(d.residual_band.label, lang)}{score}"
        lines.append(f"  {d.id}: {title}: {band}")
    return lines


def answered_plainly(q: Question, qr: QuestionResult) -> bool:
    """Answered with a real option: mitigations mean nothing for "don't know" or n/a."""
    return qr.applies and qr.answered and not qr.unknown and not qr.na and bool(q.mitigations)

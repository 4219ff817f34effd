"""The printable blank questionnaire: every question of a policy, by section, with boxes."""

from __future__ import annotations

import datetime as dt

from hawkama import __version__
from hawkama.drafts.model import Blank, Draft, Section, Stamp
from hawkama.drafts.words import rule_in_words
from hawkama.locale import label, text
from hawkama.models.question_types import QUESTION_TYPES
from hawkama.models.rubric import Question
from hawkama.policy.compiled import PolicySet


def _kind(q: Question, lang: str) -> str:
    kind = QUESTION_TYPES[q.type]
    if kind.widget == "multiple":
        return label("drafts.tick_several", lang)
    if kind.widget == "single":
        return label("drafts.tick_one", lang)
    return label(f"drafts.kind_{q.type}", lang, **kind.limits(q))


def _options(q: Question, lang: str) -> tuple[str, ...]:
    if q.options:
        return tuple(text(o.text, lang) for o in q.options)
    if q.type == "yesno":
        return (
            label("drafts.yes", lang),
            label("drafts.no", lang),
            label("drafts.dont_know", lang),
        )
    return ()


def blank(ps: PolicySet, qid: str, lang: str) -> Blank:
    q = ps.questions[qid].question
    rule = (
        label("drafts.answer_only_if", lang, rule=rule_in_words(q.when, ps, lang))
        if q.when
        else label("drafts.always", lang)
    )
    return Blank(
        qid.removeprefix("intake."),
        text(q.text, lang),
        text(q.help, lang) if q.help else "",
        _kind(q, lang),
        _options(q, lang),
        rule,
        QUESTION_TYPES[q.type].widget == "multiple",
    )


def build(ps: PolicySet, lang: str, date: dt.date) -> Draft:
    st = Stamp(ps.path.name, ps.hash, ps.id, ps.version, ps.hash, date.isoformat(), __version__)
    d = Draft(
        "questionnaire",
        lang,
        label("drafts.questionnaire_title", lang),
        f"{text(ps.policy.title, lang)} ({ps.id} {ps.version})",
        st,
    )
    d.intro = [label("drafts.questionnaire_sub", lang)]
    groups: list[tuple[str, list[str]]] = []
    intake = [qid for qid, qd in ps.questions.items() if qd.dimension is None]
    titles = {s.id: text(s.title, lang) for s in ps.policy.intake_sections}
    intake_title = text(ps.policy.intake_title, lang)
    groups += _by_section(ps, intake, titles, intake_title)
    for rubric in ps.rubrics:
        ids = [qid for qid, qd in ps.questions.items() if qd.dimension == rubric.id]
        titles = {s.id: text(s.title, lang) for s in rubric.sections}
        groups += _by_section(ps, ids, titles, text(rubric.title, lang))
    for title, ids in groups:
        d.sections.append(Section(title=title, blanks=[blank(ps, q, lang) for q in ids]))
    return d


def _by_section(
    ps: PolicySet, ids: list[str], titles: dict[str, str], head: str
) -> list[tuple[str, list[str]]]:
    """Questions grouped by section in order of first appearance, titled "Rubric: section"."""
    order: dict[str | None, list[str]] = {}
    for qid in ids:
        order.setdefault(ps.questions[qid].question.section, []).append(qid)
    out = []
    for sid, qs in order.items():
        title = f"{head}: {titles[sid]}" if sid in titles else head
        out.append((title, qs))
    return out

"""`hawkama new`: a complete assessment to fill in by hand, every question as a comment block.

The skeleton is valid as it stands (`hawkama validate` calls it incomplete, not wrong):
answers are empty keys, which read as unanswered, and the project id and title are
derived from the file name.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from hawkama import locale
from hawkama.errors import UsageProblem
from hawkama.locale import label
from hawkama.models.question_types import QUESTION_TYPES
from hawkama.models.rubric import Question
from hawkama.policy.compiled import PolicySet, QuestionDef
from hawkama.policy.find import policy_by_id, search_folders
from hawkama.policy.load import load_policy_set
from hawkama.questionnaire.details import default_project_id, default_title
from hawkama.questionnaire.store import PROJECT_FIELDS, reads_back

DEFAULT_POLICY = "smart-city"
WIDTH = 96


def resolve_policy(path: Path | None) -> PolicySet:
    """The policy --policy found (hawkama.commands.options.PolicySpec), else smart-city."""
    if path is None:
        path = policy_by_id(DEFAULT_POLICY)
        if path is None:
            raise UsageProblem(
                f"no policy {DEFAULT_POLICY!r} in "
                f"{' or '.join(str(f) for f in search_folders()) or './rubrics'}; pass --policy"
            )
    return load_policy_set(path)


def yaml_scalar(value: str) -> str:
    """``value`` plain when it reads back unchanged, else double-quoted (JSON is valid YAML)."""
    return value if reads_back(value) else json.dumps(value, ensure_ascii=False)


def render(ps: PolicySet, output: Path, lang: str) -> str:
    """The skeleton text for policy ``ps``, to be written at ``output``."""
    lines = [
        f"# {label('questionnaire.sk_head', lang, path=output)}",
        f"# {label('questionnaire.sk_check', lang, path=output)}",
        "hawkama: 1",
        "policy:",
        f"  id: {yaml_scalar(ps.id)}",
        f"  version: {yaml_scalar(ps.version)}",
        "project:",
    ]
    defaults = {"id": default_project_id(output.stem), "title": default_title(output.stem)}
    for field in PROJECT_FIELDS:
        value = defaults.get(field)
        lines.append(f"  {field}: {yaml_scalar(value)}" if value else f"  {field}:")
    lines.append("answers:")
    dimension: str | None = "\0"
    titles = {r.id: r.title for r in ps.rubrics}
    for qid, qd in ps.questions.items():
        if qd.dimension != dimension:
            dimension = qd.dimension
            title = (
                locale.text(titles[dimension], lang)
                if dimension
                else label("questionnaire.intake", lang)
            )
            lines += ["  #", f"  # ==== {title} ===="]
        lines += ["  #", *_comment_block(ps, qd, lang), f"  {qid}:"]
    lines += [
        "#",
        f"# {label('questionnaire.sk_mitigations_head', lang)}",
        "mitigations: {}",
        f"# {label('questionnaire.sk_review_head', lang)}",
        "review:",
    ]
    return "\n".join(lines) + "\n"


def _comment_block(ps: PolicySet, qd: QuestionDef, lang: str) -> list[str]:
    q = qd.question
    out = _wrap(f"{q.id}: {_flat(locale.text(q.text, lang))}", "  # ", "  #   ")
    if q.help:
        out += _wrap(_flat(locale.text(q.help, lang)), "  #   ", "  #   ")
    if q.when:
        out += _wrap(
            label("questionnaire.applies_when", lang, when=_flat(q.when)), "  #   ", "  #     "
        )
    options = q.effective_options
    if options:
        out.append(f"  #   {label('questionnaire.sk_options', lang)}:")
        width = max(len(o.id) for o in options)
        for o in options:
            shown = _flat(locale.text(o.text, lang))
            kind = (
                label("questionnaire.sk_unknown", lang)
                if o.unknown
                else label("questionnaire.sk_na", lang)
                if o.na
                else ""
            )
            mark = f" ({kind})" if kind and kind.casefold() != shown.casefold() else ""
            text = f"{o.id.ljust(width)}  {shown}{mark}"
            out += _wrap(text, "  #     ", "  #     " + " " * (width + 2))
    out.append(f"  #   {_answer_hint(q, lang)}")
    if q.mitigations:
        out.append(f"  #   {label('questionnaire.sk_mitigations', lang)}:")
        for m in q.mitigations:
            out += _wrap(f"{m.id}  {_flat(locale.text(m.text, lang))}", "  #     ", "  #       ")
    return out


def _answer_hint(q: Question, lang: str) -> str:
    return label(f"questionnaire.sk_{q.type}", lang, **QUESTION_TYPES[q.type].limits(q))


def _flat(text: str) -> str:
    return " ".join(text.split())  # a newline in a text would end the comment


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        replace_whitespace=True,
        drop_whitespace=True,
    ) or [first.rstrip()]

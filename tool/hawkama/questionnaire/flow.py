"""The questionnaire's rules, without I/O: which question comes next, and what a typed line means.

Everything here is a pure function of the policy, the engine's result and the text typed,
so the terminal loop (session.py) stays thin and these rules are tested by tables.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from hawkama.locale import label
from hawkama.models.question_types import QUESTION_TYPES, risk_limits, scale_limits
from hawkama.models.result import Result
from hawkama.models.rubric import Option
from hawkama.policy.compiled import QuestionDef

Command = Literal["help", "back", "verdict", "keep", "clear", "quit"]
Value = str | int | float | dt.date | list[str]

# Arabic-Indic and Persian digits, and Arabic punctuation, typed on an Arabic keyboard.
_TRANSLATE = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹،؛×", "01234567890123456789,;x")
COMMANDS: dict[str, Command] = {
    "": "keep",
    "-": "clear",
    "?": "help",
    "؟": "help",
    "<": "back",
    "!": "verdict",
    "q": "quit",
    "quit": "quit",
}
UNKNOWN_WORDS = {"u", "dk", "idk", "don't know", "dont know", "لا أعرف", "لا اعرف"}
_YES_NO = {"y": "yes", "yes": "yes", "نعم": "yes", "n": "no", "no": "no", "لا": "no"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RISK = re.compile(r"^(\d+)\s*[x*]\s*(\d+)$", re.IGNORECASE)
MAX_TEXT = 20_000  # the assessment model's limit for free text


@dataclass(frozen=True)
class Answered:
    """A valid answer; ``note`` None keeps the note there was, "" removes it."""

    value: Value
    note: str | None = None


@dataclass(frozen=True)
class NoteOnly:
    """Only a note ("# ..."): the answer stays as it is."""

    note: str


@dataclass(frozen=True)
class Invalid:
    message: str


Reply = Command | Answered | NoteOnly | Invalid


def normalise(text: str) -> str:
    return text.translate(_TRANSLATE).strip()


# --- which question next ----------------------------------------------------------


def next_open(result: Result, after: str | None = None) -> str | None:
    """The first applicable, unanswered question after ``after`` (from the start if None)."""
    return _scan(result, after, open_only=True)


def next_applicable(result: Result, after: str | None = None) -> str | None:
    """The first applicable question after ``after``, answered or not (for --review)."""
    return _scan(result, after, open_only=False)


def _scan(result: Result, after: str | None, open_only: bool) -> str | None:
    seen = after is None
    for q in result.questions:
        if not seen:
            seen = q.id == after
            continue
        if q.applies and not (open_only and q.answered):
            return q.id
    return None


def previous_applicable(result: Result, before: str) -> str | None:
    """The last applicable question before ``before``: where '<' goes."""
    last: str | None = None
    for q in result.questions:
        if q.id == before:
            return last
        if q.applies:
            last = q.id
    return last


def progress(result: Result) -> tuple[int, int]:
    """(answered, applicable) among the questions that apply now."""
    return result.completeness.answered, result.completeness.applicable


# --- what a typed line means -----------------------------------------------------------


def numbered(options: list[Option]) -> bool:
    """Options are offered by number unless an id is itself a number (then ids only)."""
    return not any(o.id.isdigit() for o in options)


def unknown_option(qd: QuestionDef) -> Option | None:
    return next((o for o in qd.question.effective_options if o.unknown), None)


def read_reply(qd: QuestionDef, line: str, lang: str) -> Reply:
    """Turn one typed line into a command, an answer (with its note), or an error."""
    command = normalise(line).lower()
    if command in COMMANDS:
        return COMMANDS[command]
    answer, hash_, note = line.partition("#")
    answer, note = answer.strip(), note.strip()
    if not answer:
        return NoteOnly(note) if hash_ else "keep"
    value = parse_value(qd, answer, lang)
    if isinstance(value, Invalid):
        return value
    return Answered(value, note if hash_ else None)


def parse_value(qd: QuestionDef, text: str, lang: str) -> Value | Invalid:
    """The answer value for ``text``, in the form the assessment file stores."""
    widget = QUESTION_TYPES[qd.question.type].widget
    if widget == "text":
        return (
            text.strip()
            if len(text) <= MAX_TEXT
            else Invalid(label("questionnaire.err_text_long", lang))
        )
    # Typed on an Arabic keyboard: ١,٣ is 1,3.
    return _PARSERS[widget](qd, normalise(text), lang)


def _parse_scale(qd: QuestionDef, text: str, lang: str) -> Value | Invalid:
    lo, hi = scale_limits(qd.question)
    if re.fullmatch(r"-?\d+", text) and lo <= int(text) <= hi:
        return int(text)
    return Invalid(label("questionnaire.err_scale", lang, lo=lo, hi=hi))


def _parse_rating(qd: QuestionDef, text: str, lang: str) -> Value | Invalid:
    lm, im = risk_limits(qd.question)
    unknown = _match(qd, text) if qd.options else None
    if unknown is not None:
        return unknown  # its "don't know" option
    m = _RISK.match(text)
    if m and 1 <= int(m[1]) <= lm and 1 <= int(m[2]) <= im:
        return f"{int(m[1])}x{int(m[2])}"
    dont_know = _match(qd, text) if qd.options else None  # by number, id, text or "u"
    if dont_know is not None:
        return dont_know
    return Invalid(label("questionnaire.err_risk", lang, lm=lm, im=im))


def _parse_number(_qd: QuestionDef, text: str, lang: str) -> Value | Invalid:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return Invalid(label("questionnaire.err_number", lang))
    return number if math.isfinite(number) else Invalid(label("questionnaire.err_number", lang))


def _parse_date(_qd: QuestionDef, text: str, lang: str) -> Value | Invalid:
    return parse_date(text, lang)


def parse_date(text: str, lang: str) -> Value | Invalid:
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return Invalid(label("questionnaire.err_date", lang))


def _parse_choice(qd: QuestionDef, text: str, lang: str) -> Value | Invalid:
    q = qd.question
    whole = _match(qd, text)
    if whole is None and text.lower() in UNKNOWN_WORDS:
        return Invalid(label("questionnaire.err_no_unknown", lang))
    tokens = [tok for tok in re.split(r"[,;\s]+", text) if tok]
    if QUESTION_TYPES[q.type].widget != "multiple":
        if whole is not None:
            return whole
        if len(tokens) > 1 and all(_match(qd, tok) for tok in tokens):
            return Invalid(label("questionnaire.err_one_only", lang))
        return text if q.allow_other else _not_option(qd, text, lang)
    chosen: list[str] = []
    for token in [text] if whole is not None else tokens:
        oid = _match(qd, token) or (token if q.allow_other else None)
        if oid is None:
            return _not_option(qd, token, lang)
        if oid in chosen:
            return Invalid(label("questionnaire.err_repeated", lang, token=oid))
        chosen.append(oid)
    return chosen


# How a typed line is read, by the type's widget (models/question_types.py); free text is
# taken as typed, before the digits are normalised.
_PARSERS: dict[str, Callable[[QuestionDef, str, str], Value | Invalid]] = {
    "single": _parse_choice,
    "multiple": _parse_choice,
    "scale": _parse_scale,
    "number": _parse_number,
    "date": _parse_date,
    "risk": _parse_rating,
}


def _match(qd: QuestionDef, token: str) -> str | None:
    """The option id meant by a number, an id (any case), an option's text, or a shortcut."""
    options = qd.question.effective_options
    if token.isdigit() and numbered(options):
        index = int(token)
        return options[index - 1].id if 1 <= index <= len(options) else None
    if token in qd.options:
        return token
    low = token.casefold()
    for o in options:
        if o.id.casefold() == low or any(v.casefold() == low for v in o.text.values()):
            return o.id
    if qd.question.type == "yesno" and _YES_NO.get(low) in qd.options:
        return _YES_NO[low]
    unknown = unknown_option(qd)
    return unknown.id if unknown is not None and low in UNKNOWN_WORDS else None


def _not_option(qd: QuestionDef, token: str, lang: str) -> Invalid:
    return Invalid(
        label(
            "questionnaire.err_not_option",
            lang,
            token=token,
            allowed=_allowed(qd.question.effective_options),
        )
    )


def _allowed(options: list[Option]) -> str:
    if numbered(options):
        return f"1-{len(options)}" + (" / " + ", ".join(o.id for o in options))
    return ", ".join(o.id for o in options)

"""Every question type in one table: how its answers are checked, scored, typed and asked.

``QUESTION_TYPES`` has one entry per name of :data:`hawkama.models.rubric.QuestionType`,
and the rest of Hawkama reads it instead of testing ``q.type`` itself:

- ``problems``: what is wrong with an answer value (``policy/checks.py`` locates the text);
- ``scoring`` and ``max_weight``: which scoring rule the engine applies to an answer
  (``engine/evaluate.py``, ``_score_answer``: one branch per rule) and the largest
  weight an answer can give (``policy/build.py``);
- ``reads_as`` and ``value_range``: what the question's id reads as in an expression
  (``expr/types.py``, ``question_type``);
- ``widget`` and ``limits``: how it is asked and described (the questionnaire's
  ``hint_<widget>``, the skeleton's ``sk_<type>`` and the drafts' ``kind_<type>``
  labels, filled in with ``limits``);
- ``fine`` and ``passed_texts``: which answers surely have no problems, passed by
  ``policy/checks.py`` without building any message.

Adding a type is one entry here plus its labels (and, for a new scoring rule, its
branch in the engine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from hawkama.models.assessment import RiskRating
from hawkama.models.common import NUMBER_LIMIT

if TYPE_CHECKING:
    from hawkama.models.rubric import Question

# choice: one option's weight; multiple: the ticked options' weights, added or the
# largest (``combine``); risk: likelihood x impact, each lowered by mitigations on its
# axis (or its "don't know" option's weight); scale: the number itself; unscored: the
# answer is recorded, never weighed.
Scoring = Literal["choice", "multiple", "risk", "scale", "unscored"]
ReadsAs = Literal["text", "text_list", "number", "date"]
Widget = Literal["single", "multiple", "scale", "number", "date", "text", "risk"]


def near(word: str, choices: Sequence[str]) -> str:
    """'; did you mean ...?' when one of ``choices`` is close to ``word``."""
    import difflib  # only for an error message, not at every start-up

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return f"; did you mean {close[0]!r}?" if close else ""


def scale_limits(q: Question) -> tuple[int, int]:
    return (q.scale.min, q.scale.max) if q.scale else (0, 4)


def risk_limits(q: Question) -> tuple[int, int]:
    """The largest likelihood and the largest impact a rating may give."""
    return (q.risk.likelihood_max, q.risk.impact_max) if q.risk else (5, 5)


# --- what is wrong with an answer value --------------------------------------------------
# Each takes the question, its option ids (with a yes/no question's implicit ones) and
# the value as the assessment holds it; each message is one line, without location.

Check = Callable[["Question", Sequence[str], object], list[str]]


def _one_option(q: Question, options: Sequence[str], value: object) -> list[str]:
    oid = "yes" if value is True else "no" if value is False else value
    if isinstance(oid, int | float) and not isinstance(oid, bool):
        oid = str(oid)
    allowed = ", ".join(options)
    if not isinstance(oid, str):
        return [f"{q.id} takes one option id (allowed: {allowed})"]
    if oid not in options and not q.allow_other:
        return [f"{oid!r} is not an option of {q.id}{near(oid, options)} (allowed: {allowed})"]
    return []


def _options(q: Question, options: Sequence[str], value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    allowed = ", ".join(options)
    if not all(isinstance(i, str) for i in items):
        return [f"{q.id} takes a list of option ids (allowed: {allowed})"]
    out = [
        f"{i!r} is not an option of {q.id}{near(str(i), options)} (allowed: {allowed})"
        for i in items
        if i not in options and not q.allow_other
    ]
    if len(set(items)) != len(items):
        out.append(f"{q.id}: an option is ticked twice")
    return out


def _whole_number(q: Question, _options: Sequence[str], value: object) -> list[str]:
    lo, hi = scale_limits(q)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        return [f"{q.id} takes a whole number from {lo} to {hi}, got {value!r}"]
    return []


def _number(q: Question, _options: Sequence[str], value: object) -> list[str]:
    # Expressions keep every number within +-1e15 (README, "Security model").
    if isinstance(value, bool) or not isinstance(value, int | float):
        return [f"{q.id} takes a number, got {value!r}"]
    if not -NUMBER_LIMIT <= value <= NUMBER_LIMIT:
        shown = repr(value) if not isinstance(value, float) else f"{value:.6g}"
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        return [f"{q.id} takes a number from -1e+15 to 1e+15, got {shown}"]
    return []


def _date(q: Question, _options: Sequence[str], value: object) -> list[str]:
    if not isinstance(value, dt.date):
        return [f"{q.id} takes a date (YYYY-MM-DD), got {value!r}"]
    return []


def _text(q: Question, _options: Sequence[str], value: object) -> list[str]:
    if not isinstance(value, str):
        return [f"{q.id} takes text, got {value!r}"]
    return []


def _rating(q: Question, options: Sequence[str], value: object) -> list[str]:
    lmax, imax = risk_limits(q)
    if isinstance(value, str) and value in options:
        return []  # its "don't know" option
    if not isinstance(value, RiskRating):
        dont_know = f", or {options[0]!r} for don't know" if options else ""
        return [
            f"{q.id} takes a likelihood x impact rating such as '3x4' "
            f"(likelihood 1-{lmax}, impact 1-{imax}{dont_know}), got {value!r}"
        ]
    if value.likelihood > lmax or value.impact > imax:
        return [
            f"{q.id}: likelihood must be 1-{lmax} and impact 1-{imax}, got "
            f"{value.likelihood}x{value.impact}"
        ]
    return []


# --- the largest weight an answer can give -------------------------------------------------


def _weights(q: Question) -> list[float]:
    return [o.weight for o in q.effective_options if not o.na]


def _best_option(q: Question) -> float:
    return float(max(_weights(q), default=0.0))


def _ticked_options(q: Question) -> float:
    if q.combine == "sum":
        return float(sum(w for w in _weights(q) if w > 0))
    return _best_option(q)


def _scale_top(q: Question) -> float:
    return float(scale_limits(q)[1])


def _risk_top(q: Question) -> float:
    lmax, imax = risk_limits(q)
    return max(float(lmax * imax), _best_option(q))


def _no_weight(_q: Question) -> float:
    # An unscored type has no options, so the option rule would give 0 too; said plainly.
    return 0.0


def _no_limits(_q: Question) -> dict[str, int]:
    return {}


def _scale_hint(q: Question) -> dict[str, int]:
    lo, hi = scale_limits(q)
    return {"lo": lo, "hi": hi}


def _risk_hint(q: Question) -> dict[str, int]:
    lm, im = risk_limits(q)
    return {"lm": lm, "im": im}


# --- when an answer surely has no problems ------------------------------------------------
# Each takes the question and its option ids and gives a test that passes only answers
# its type's check above finds nothing in (tests/test_policy_checks.py tries many
# values): policy/checks.py passes the common answers without building any message.
Fine = Callable[["Question", frozenset[str]], Callable[[object], bool]]


def _fine_never(_q: Question, _allowed: frozenset[str]) -> Callable[[object], bool]:
    return lambda _value: False


def _fine_one_of(_q: Question, allowed: frozenset[str]) -> Callable[[object], bool]:
    return lambda value: type(value) is str and value in allowed


def _fine_some_of(_q: Question, allowed: frozenset[str]) -> Callable[[object], bool]:
    def fine(value: object) -> bool:
        return (
            type(value) is list
            and all(type(v) is str and v in allowed for v in value)
            and len(set(value)) == len(value)
        )

    return fine


def _fine_whole(q: Question, _allowed: frozenset[str]) -> Callable[[object], bool]:
    lo, hi = scale_limits(q)
    return lambda value: type(value) is int and lo <= value <= hi


def _fine_finite(_q: Question, _allowed: frozenset[str]) -> Callable[[object], bool]:
    def fine(value: object) -> bool:
        return (type(value) is int or type(value) is float) and (
            -NUMBER_LIMIT <= value <= NUMBER_LIMIT
        )

    return fine


def _fine_text(_q: Question, _allowed: frozenset[str]) -> Callable[[object], bool]:
    return lambda value: type(value) is str


def _fine_day(_q: Question, _allowed: frozenset[str]) -> Callable[[object], bool]:
    return lambda value: isinstance(value, dt.date)


def _fine_rating(q: Question, allowed: frozenset[str]) -> Callable[[object], bool]:
    lmax, imax = risk_limits(q)

    def fine(value: object) -> bool:
        if type(value) is RiskRating:
            return value.likelihood <= lmax and value.impact <= imax
        return type(value) is str and value in allowed

    return fine


# Which texts a type's ``fine`` passes, from the option ids (None: every text).
def _no_texts(_allowed: frozenset[str]) -> frozenset[str] | None:
    return frozenset()


def _option_texts(allowed: frozenset[str]) -> frozenset[str] | None:
    return allowed


def _any_text(_allowed: frozenset[str]) -> frozenset[str] | None:
    return None


@dataclass(frozen=True)
class QuestionKind:
    """One question type: see the module's docstring for who reads which field."""

    name: str
    scoring: Scoring
    problems: Check
    max_weight: Callable[[Question], float]
    reads_as: ReadsAs
    value_range: tuple[float, float] | None  # of a number an expression reads; None: any
    widget: Widget
    limits: Callable[[Question], dict[str, int]] = _no_limits  # placeholders of its labels
    # Besides its own answers, the type takes one option, its "don't know" (unknown:
    # true), answered by that option's id and scored like a choice's unknown option:
    # counted at its weight, never mitigated.
    unknown_option: bool = False
    # When an answer needs no look at all, and the texts that test passes (checked
    # without a call); a type without them is always checked in full.
    fine: Fine = _fine_never
    passed_texts: Callable[[frozenset[str]], frozenset[str] | None] = _no_texts

    @property
    def choice(self) -> bool:
        """Answered with option ids (the question's ``options``)."""
        return self.scoring in ("choice", "multiple")


QUESTION_TYPES: dict[str, QuestionKind] = {
    k.name: k
    for k in (
        QuestionKind(
            "single",
            "choice",
            _one_option,
            _best_option,
            "text",
            None,
            "single",
            fine=_fine_one_of,
            passed_texts=_option_texts,
        ),
        QuestionKind(
            "multiple",
            "multiple",
            _options,
            _ticked_options,
            "text_list",
            None,
            "multiple",
            fine=_fine_some_of,
        ),
        QuestionKind(
            "yesno",
            "choice",
            _one_option,
            _best_option,
            "text",
            None,
            "single",
            fine=_fine_one_of,
            passed_texts=_option_texts,
        ),
        QuestionKind(
            "scale",
            "scale",
            _whole_number,
            _scale_top,
            "number",
            None,
            "scale",
            _scale_hint,
            fine=_fine_whole,
        ),
        QuestionKind(
            "number",
            "unscored",
            _number,
            _no_weight,
            "number",
            (-NUMBER_LIMIT, NUMBER_LIMIT),
            "number",
            fine=_fine_finite,
        ),
        QuestionKind(
            "text",
            "unscored",
            _text,
            _no_weight,
            "text",
            None,
            "text",
            fine=_fine_text,
            passed_texts=_any_text,
        ),
        QuestionKind("date", "unscored", _date, _no_weight, "date", None, "date", fine=_fine_day),
        # The product of two ratings of at most 10 each (RiskRating).
        QuestionKind(
            "risk",
            "risk",
            _rating,
            _risk_top,
            "number",
            (1, 100),
            "risk",
            _risk_hint,
            True,
            fine=_fine_rating,
            passed_texts=_option_texts,  # its "don't know" option
        ),
    )
}

CHOICE_TYPES = tuple(name for name, k in QUESTION_TYPES.items() if k.choice)
UNKNOWN_OPTION_TYPES = tuple(name for name, k in QUESTION_TYPES.items() if k.unknown_option)


def kind_of(q: Question) -> QuestionKind:
    return QUESTION_TYPES[q.type]

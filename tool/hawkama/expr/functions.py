"""The one registry of the functions an expression may call: name, arguments, what it reads.

The compiler checks calls against it and records only the names called; the engine
implements every name (``hawkama.engine.functions.FUNCS``, bound when it plans a policy)
and ``rubric check`` enumerates answers through the functions that read only answers.
``tests/test_expr_functions.py`` checks that the three agree.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

# What a function reads besides its arguments: "args" nothing (a function of its
# arguments), "question" the answer and definition of the one question it names,
# "state" more of the evaluation (mitigations, flags, dimensions, many questions).
Reads = Literal["args", "question", "state"]


class Signature(NamedTuple):
    """Argument kinds: q question name, sel selector string, flag flag code, level flag
    level, dim dimension id, mit mitigation id, opts list of option ids, iso a date
    written 'YYYY-MM-DD', n a number (checked by type at load), x any value; * repeats,
    ? is optional."""

    args: tuple[str, ...]
    doc: str
    reads: Reads


FUNCTIONS: dict[str, Signature] = {
    "answered": Signature(("q",), "true when the question applies and has an answer", "question"),
    "applies": Signature(("q",), "true when the question applies", "question"),
    "unknown": Signature(("q",), "true when the answer is 'don't know'", "question"),
    "weight": Signature(("q",), "inherent weight of the answer (0 when unanswered)", "question"),
    "residual": Signature(("q",), "weight after committed or implemented mitigations", "state"),
    "importance": Signature(("q",), "the question's importance", "question"),
    "likelihood": Signature(("q",), "risk question: inherent likelihood", "state"),
    "impact": Signature(("q",), "risk question: inherent impact", "state"),
    "residual_likelihood": Signature(
        ("q",), "risk question: likelihood after mitigations", "state"
    ),
    "residual_impact": Signature(("q",), "risk question: impact after mitigations", "state"),
    "any_of": Signature(("q", "opts"), "true when any of these options is chosen", "question"),
    "selected": Signature(("q", "opts"), "how many of these options are chosen", "question"),
    "mitigated": Signature(
        ("mit",), "true when the mitigation is committed or implemented", "state"
    ),
    "flagged": Signature(("flag",), "true when a flag with this code is raised", "state"),
    "flags": Signature(("level",), "number of flags raised at this level", "state"),
    "level": Signature(
        ("dim",), "residual band level of a dimension (1 low ... 4 very high)", "state"
    ),
    "level_inherent": Signature(("dim",), "inherent band level of a dimension", "state"),
    "band": Signature(("dim",), "residual band id of a dimension", "state"),
    "score": Signature(("dim",), "residual score of a dimension", "state"),
    "dims_at_least": Signature(
        ("n",), "number of dimensions whose residual level is at least n", "state"
    ),
    "dims_exactly": Signature(
        ("n",), "number of dimensions whose residual level is exactly n", "state"
    ),
    "count": Signature(("x",), "number of true items in a list", "args"),
    "date": Signature(
        ("iso",), "a date, written 'YYYY-MM-DD', to compare with a date question", "args"
    ),
    "sum": Signature(("*n",), "sum of a list or of the arguments (nulls ignored)", "args"),
    "max": Signature(("*n",), "largest of a list or of the arguments (nulls ignored)", "args"),
    "min": Signature(("*n",), "smallest of a list or of the arguments (nulls ignored)", "args"),
    "abs": Signature(("n",), "absolute value", "args"),
    "round_half_up": Signature(
        ("n", "?n"), "round halves up, like JavaScript's Math.round", "args"
    ),
    "floor": Signature(("n",), "round down", "args"),
    "ceil": Signature(("n",), "round up", "args"),
    "total": Signature(("sel",), "sum of residual weight x importance over the selection", "state"),
    "total_inherent": Signature(
        ("sel",), "sum of inherent weight x importance over the selection", "state"
    ),
    "total_max": Signature(
        ("sel",), "sum of max weight x importance over applicable questions", "state"
    ),
    "total_max_static": Signature(
        ("sel",),
        "sum of max weight x importance over all questions, applicable or not",
        "state",
    ),
    "total_importance": Signature(
        ("sel",), "sum of importance over answered, scored questions", "state"
    ),
    "worst": Signature(("sel",), "largest residual weight in the selection", "state"),
    "worst_inherent": Signature(("sel",), "largest inherent weight in the selection", "state"),
    "count_answered": Signature(
        ("sel",), "answered applicable questions in the selection", "state"
    ),
    "count_applicable": Signature(("sel",), "applicable questions in the selection", "state"),
    "count_unknown": Signature(
        ("sel",), "questions answered 'don't know' in the selection", "state"
    ),
    "count_severe": Signature(
        ("sel", "n", "n"), "questions with residual >= w and importance >= i", "state"
    ),
}


def names_reading(*reads: Reads) -> frozenset[str]:
    """The functions that read nothing beyond what ``reads`` names."""
    return frozenset(name for name, sig in FUNCTIONS.items() if sig.reads in reads)

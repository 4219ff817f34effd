"""The whitelist of functions an expression may call, with the kinds of their arguments."""

from __future__ import annotations

# Argument kinds: q question name, sel selector string, flag flag code, level flag
# level, dim dimension id, mit mitigation id, opts list of option ids, n a number
# (checked by type at load), x any value; * repeats, ? is optional.
FUNCTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "answered": (("q",), "true when the question applies and has an answer"),
    "applies": (("q",), "true when the question applies"),
    "unknown": (("q",), "true when the answer is 'don't know'"),
    "weight": (("q",), "inherent weight of the answer (0 when unanswered)"),
    "residual": (("q",), "weight after committed or implemented mitigations"),
    "importance": (("q",), "the question's importance"),
    "likelihood": (("q",), "risk question: inherent likelihood"),
    "impact": (("q",), "risk question: inherent impact"),
    "residual_likelihood": (("q",), "risk question: likelihood after mitigations"),
    "residual_impact": (("q",), "risk question: impact after mitigations"),
    "any_of": (("q", "opts"), "true when any of these options is chosen"),
    "selected": (("q", "opts"), "how many of these options are chosen"),
    "mitigated": (("mit",), "true when the mitigation is committed or implemented"),
    "flagged": (("flag",), "true when a flag with this code is raised"),
    "flags": (("level",), "number of flags raised at this level"),
    "level": (("dim",), "residual band level of a dimension (1 low ... 4 very high)"),
    "level_inherent": (("dim",), "inherent band level of a dimension"),
    "band": (("dim",), "residual band id of a dimension"),
    "score": (("dim",), "residual score of a dimension"),
    "dims_at_least": (("n",), "number of dimensions whose residual level is at least n"),
    "dims_exactly": (("n",), "number of dimensions whose residual level is exactly n"),
    "count": (("x",), "number of true items in a list"),
    "sum": (("*n",), "sum of a list or of the arguments (nulls ignored)"),
    "max": (("*n",), "largest of a list or of the arguments (nulls ignored)"),
    "min": (("*n",), "smallest of a list or of the arguments (nulls ignored)"),
    "abs": (("n",), "absolute value"),
    "round_half_up": (("n", "?n"), "round halves up, like JavaScript's Math.round"),
    "floor": (("n",), "round down"),
    "ceil": (("n",), "round up"),
    "total": (("sel",), "sum of residual weight x importance over the selection"),
    "total_inherent": (("sel",), "sum of inherent weight x importance over the selection"),
    "total_max": (("sel",), "sum of max weight x importance over applicable questions"),
    "total_max_static": (
        ("sel",),
        "sum of max weight x importance over all questions, applicable or not",
    ),
    "total_importance": (("sel",), "sum of importance over answered, scored questions"),
    "worst": (("sel",), "largest residual weight in the selection"),
    "worst_inherent": (("sel",), "largest inherent weight in the selection"),
    "count_answered": (("sel",), "answered applicable questions in the selection"),
    "count_applicable": (("sel",), "applicable questions in the selection"),
    "count_unknown": (("sel",), "questions answered 'don't know' in the selection"),
    "count_severe": (("sel", "n", "n"), "questions with residual >= w and importance >= i"),
}

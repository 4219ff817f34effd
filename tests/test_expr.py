"""The expression language: parsing, static checks, refused constructs, semantics."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hawkama.expr import ExprSyntaxError, Scope, compile_expr
from hawkama.expr.compile import QuestionInfo

SCOPE = Scope(
    questions={
        "PRV-03": QuestionInfo("PRV-03", "single", ("a", "b", "c", "d")),
        "RSK-00": QuestionInfo("RSK-00", "multiple", ("a", "d1", "d6")),
        "intake.personal_data": QuestionInfo("intake.personal_data", "yesno", ("yes", "no")),
        "N": QuestionInfo("N", "number", ()),
        "D": QuestionInfo("D", "date", ()),
    },
    values={"raw", "mitigation"},
    flag_codes={"HIGH_RISK_USE"},
    dimensions={"privacy"},
    selectors=lambda s: ("PRV-03",) if s in ("*", "privacy") else None,
)


class Env:
    def __init__(self, **names: Any) -> None:
        self.names = names
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def get(self, name: str) -> Any:
        return self.names.get(name)

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        self.calls.append((func, args))
        if func == "round_half_up":
            import math

            return math.floor(args[0] + 0.5)
        return self.names.get(f"{func}()")


def run(text: str, **names: Any) -> Any:
    return compile_expr(text, SCOPE)(Env(**names))


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("PRV-03 in ['c', 'd']", {"PRV-03": "c"}, True),
        ("PRV-03 in ['c', 'd']", {"PRV-03": "a"}, False),
        ("PRV-03 not in ['c', 'd']", {"PRV-03": "a"}, True),
        ("'d1' in RSK-00", {"RSK-00": ("a", "d1")}, True),
        ("'d6' in RSK-00", {"RSK-00": ("a", "d1")}, False),
        ("'c' in PRV-03", {"PRV-03": "c"}, True),
        (
            "PRV-03 == 'c' and intake.personal_data == 'yes'",
            {"PRV-03": "c", "intake.personal_data": "yes"},
            True,
        ),
        ("not (PRV-03 == 'c') or raw > 3", {"PRV-03": "c", "raw": 4}, True),
        ("raw - 1", {"raw": 4}, 3),
        ("raw * 0.85", {"raw": 50}, 42.5),
        ("-raw + 2 * 3", {"raw": 1}, 5),
        ("raw / 0", {"raw": 1}, None),
        ("raw % 4", {"raw": 10}, 2),
        ("raw if mitigation >= 3 else 0", {"raw": 7, "mitigation": 3}, 7),
        ("raw if mitigation >= 3 else 0", {"raw": 7, "mitigation": 2}, 0),
        ("N > 3", {"N": None}, False),
        ("N == null", {"N": None}, True),
        ("N + 1", {"N": None}, None),
        ("PRV-03 in ['c']", {"PRV-03": None}, False),
        ("[1, 2] == [1, 2]", {}, True),
    ],
)
def test_semantics(text: str, names: dict[str, Any], expected: Any) -> None:
    assert run(text, **names) == expected


def test_dependencies_are_collected() -> None:
    c = compile_expr(
        "PRV-03 == 'a' and raw > 1 and flagged('HIGH_RISK_USE') and level('privacy') > 2", SCOPE
    )
    assert c.deps == {("q", "PRV-03"), ("v", "raw"), ("f", "HIGH_RISK_USE"), ("d", "privacy")}


def test_selector_depends_on_its_questions() -> None:
    assert compile_expr("total('privacy')", SCOPE).deps == {("q", "PRV-03")}


def test_functions_receive_checked_arguments() -> None:
    env = Env()
    compile_expr("any_of(RSK-00, ['d1', 'd6'])", SCOPE)(env)
    assert env.calls == [("any_of", ("RSK-00", frozenset({"d1", "d6"})))]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("PRV-03 == 'z'", "PRV-03 has no option 'z' (allowed: a, b, c, d)"),
        ("PRV-03 in ['a', 'zz']", "PRV-03 has no option 'zz' (allowed: a, b, c, d)"),
        ("'d7' in RSK-00", "RSK-00 has no option 'd7' (allowed: a, d1, d6)"),
        ("any_of(RSK-00, ['x'])", "RSK-00 has no option 'x'"),
        ("PRV-30 == 'a'", "unknown name 'PRV-30'; did you mean 'PRV-03'?"),
        ("raw-1", "unknown name 'raw-1'; for subtraction put spaces around '-': raw - ..."),
        ("x.__class__", "names with '__' are not allowed"),
        ("__import__('os')", "names with '__' are not allowed"),
        ("().__class__", "attribute access is not part of the language"),
        ("raw.real", "unknown name 'raw.real'"),
        ("(raw).real", "attribute access is not part of the language"),
        ("10**10**10", "'**' (power) is not part of the language"),
        ("lambda x: x", "'lambda': lambdas are not part of the language"),
        ("[x for x in raw]", "'for': comprehensions are not part of the language"),
        ("open('/etc/passwd')", "unknown function 'open'"),
        ("eval('1')", "unknown function 'eval'"),
        ("raw[0]", "unexpected '['"),
        ("flagged('NOPE')", "no flag 'NOPE' is defined"),
        (
            "flags('severe')",
            "'severe' is not a flag level (allowed: prohibit, block, escalate, condition, prerequisite)",
        ),
        ("level('ethics')", "'ethics' is not a scored dimension (allowed: privacy)"),
        ("total('nowhere')", "selector 'nowhere' matches no rubric or group"),
        ("answered(raw)", "answered() takes a question id as its first argument"),
        ("round_half_up()", "round_half_up() takes 1 to 2 arguments, given 0"),
        ("1 < raw < 3", "chained comparisons are not allowed"),
        ("raw ==", "unexpected the end of the expression"),
        ("{PRV-03} = 'a'", "write question ids without braces"),
        ("True", "write true (lower case)"),
        ("1" * 20, "is too large"),
        ("(" * 60 + "1" + ")" * 60, "nested deeper than 40 levels"),
        ("not " * 60 + "true", "nested deeper than 40 levels"),
        ("raw + " * 1000 + "1", "longer than 4000 characters"),
    ],
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr(text, SCOPE)
    assert message in info.value.message


def test_error_carries_position() -> None:
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr("raw > 1 and PRV-03 == 'zz'", SCOPE)
    assert info.value.pos == len("raw > 1 and PRV-03 == ")


# --- types and bounds (issue #12, items 1, 2 and 12) ----------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abs(PRV-03)", "abs() takes a number, got text"),
        ("round_half_up('a')", "round_half_up() takes a number, got text"),
        ("round_half_up(1.5, -999999999999) > 0", "rounds to 0 to 10 digits, got -1e+12"),
        ("round_half_up(1.5, 999999999999) > 0", "rounds to 0 to 10 digits, got 1e+12"),
        ("round_half_up(1.5, 0.5)", "rounds to 0 to 10 digits, got 0.5"),
        ("floor([1,2])", "floor() takes a number, got a list"),
        ("sum(['a','b'])", "sum() takes numbers, but this list holds text"),
        ("sum(RSK-00)", "sum() takes numbers, but this list holds text"),
        ("max(1,'a',[2])", "max() takes a number, got text"),
        ("dims_at_least('x')", "dims_at_least() takes a number, got text"),
        ("count_severe('privacy','a','b')", "count_severe() takes a number, got text"),
        ("PRV-03 + 1", "'+' takes a number, got text"),
        ("-RSK-00", "'-' takes a number, got a list"),
        ("PRV-03 > 3", "'>' cannot compare text with a number"),
        ("raw == 'a' if true else RSK-00 < 1", "'<' cannot compare a list with a number"),
        ("'a' in 5", "'in' takes a list or a choice question on its right, got a number"),
        ("250 * 999999999999 * 250", "the result (6.25e+16) is outside the allowed range"),
        ("-(100000000000 * 100000) - 1", "outside the allowed range -1e+15 to 1e+15"),
        ("1+" * 300 + "1", "expression too deep: more than 200 nested operations"),
        ("\u0663 > 1", "unexpected character '\u0663' (write numbers with the digits 0-9"),
        ("raw > \uff11", "'\uff11' is the digit 1"),
        ("PRV-03 == 'a' and N > 1\u0660", "'\u0660' is the digit 0"),
    ],
)
def test_type_and_range_errors_refused(text: str, message: str) -> None:
    with pytest.raises(ExprSyntaxError) as info:
        compile_expr(text, SCOPE)
    assert message in info.value.message


@pytest.mark.parametrize(
    "text",
    [
        "round_half_up(raw * 0.85, 2)",
        "sum([weight(PRV-03), 2, null])",
        "max(raw, mitigation, 3) + abs(N) - floor(raw / 3)",
        "N * 1000 > 999999999999",
        "count([PRV-03 == 'a', 'd1' in RSK-00])",
        "raw if raw > 0 else null",
        "-N",
        "PRV-03 == null",
        "'\u0663' == '\u0663'",  # digits inside quoted text are text
    ],
)
def test_well_typed_expressions_compile(text: str) -> None:
    compile_expr(text, SCOPE)


def test_types_of_computed_values_are_used() -> None:
    big = Scope(
        **{**SCOPE.__dict__, "value_types": {"raw": compile_expr("250 * 1000", SCOPE).type}}
    )
    compile_expr("raw * 1000", big)
    with pytest.raises(ExprSyntaxError, match="outside the allowed range"):
        compile_expr("raw * raw * raw", big)
    text = Scope(**{**SCOPE.__dict__, "value_types": {"raw": compile_expr("'a'", SCOPE).type}})
    with pytest.raises(ExprSyntaxError, match="abs\\(\\) takes a number, got text"):
        compile_expr("abs(raw)", text)


@pytest.mark.parametrize(
    ("text", "names", "message"),
    [
        ("N * N", {"N": 10**12}, "1000000000000 * 1000000000000 is outside the allowed range"),
        ("N + N", {"N": 9 * 10**14}, "is outside the allowed range -1e+15 to 1e+15"),
        ("-raw", {"raw": [1]}, "'-' takes a number, got [1]"),
    ],
)
def test_results_out_of_range_stop_the_evaluation(
    text: str, names: dict[str, Any], message: str
) -> None:
    from hawkama.expr.ops import EvalError

    with pytest.raises(EvalError, match=re.escape(message)):
        run(text, **names)


def test_division_by_zero_stays_null() -> None:
    assert run("N / (N - N)", N=3) is None


def test_a_date_question_compares_with_date_literals_only() -> None:
    # ISO text at run time, which orders as the dates do; a kind of its own at load.
    later = compile_expr("D >= date('2026-11-01')", SCOPE)
    end = {"date()": "2026-11-01"}  # what the engine's date() gives back: the ISO text
    assert later.run(Env(D="2026-11-01", **end)) is True
    assert later.run(Env(D="2026-10-31", **end)) is False
    assert later.run(Env(D=None, **end)) is False
    with pytest.raises(ExprSyntaxError, match="'>=' cannot compare a date with text"):
        compile_expr("D >= '2026-11-01'", SCOPE)


@pytest.mark.parametrize("text", ["2026-13-01", "1 Nov 2026", "2026-11-1", ""])
def test_date_takes_a_written_out_iso_date(text: str) -> None:
    with pytest.raises(ExprSyntaxError, match=f"{text!r} is not a date written 'YYYY-MM-DD'"):
        compile_expr(f"D >= date('{text}')", SCOPE)


def test_trees_as_plain_data_come_back_the_same() -> None:
    import json

    from hawkama.expr.syntax import parse, tree_data, tree_from_data

    for text in [
        "a + 1 * -2.5 if not b in ['x', \"y\"] else max(c, 3) % 2",
        "x == null or y != true and count_of('q', 'z') >= 0",
    ]:
        tree = parse(text)
        assert tree_from_data(json.loads(json.dumps(tree_data(tree)))) == tree
    for bad in (["Nope", 0], ["Name", 0], ["Lit", 0, [1]], ["Unary", 0, "-", 3], []):
        with pytest.raises(ValueError):
            tree_from_data(bad)

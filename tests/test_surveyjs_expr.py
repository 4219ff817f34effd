"""SurveyJS visibleIf -> Hawkama expressions: exact translations, and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from hawkama.expr.compile import QuestionInfo, Scope, compile_expr
from hawkama.importers.surveyjs_expr import QuestionKind, UntranslatableCondition, translate

QS = {
    "a": QuestionKind("single", ("item1-0", "item2-0", "item3-1", "item12-2")),
    "b": QuestionKind("multiple", ("item1", "item2-1", "item6")),
    "t": QuestionKind("text"),
    "motivation-other": QuestionKind("text"),
}


class Env:
    """Answers as the engine exposes them: a tuple for multiple choice, None when unanswered."""

    def __init__(self, **values: Any) -> None:
        self.values = values

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def call(self, func: str, args: tuple[Any, ...]) -> Any:
        value = self.values.get(args[0])
        if func == "answered":
            return value not in (None, (), "")
        if func == "any_of":
            chosen = value if isinstance(value, tuple) else (value,)
            return any(c in args[1] for c in chosen)
        raise AssertionError(func)


def run(condition: str, **answers: Any) -> bool:
    text = translate(condition, QS, "q")
    scope = Scope(questions={k: QuestionInfo(k, v.kind, v.options, True) for k, v in QS.items()})
    return bool(compile_expr(text, scope)(Env(**answers)))


@pytest.mark.parametrize(
    ("condition", "text"),
    [
        ('{a} = "item1-0"', 'a == "item1-0"'),
        ("{a} == 'item1-0'", 'a == "item1-0"'),
        ('{a} <> "item1-0"', 'a != "item1-0"'),
        ('{b} contains "item6"', '"item6" in b'),
        ('{b} contains ["item1", "item6"]', '("item1" in b and "item6" in b)'),
        ('{a} contains ["item2"]', 'a in ["item2-0"]'),
        ('{a} contains "item1"', 'a in ["item1-0", "item12-2"]'),
        ('{a} contains "nothing"', "false"),
        ('{b} notcontains "item6"', 'not ("item6" in b)'),
        ('{b} anyof ["item1", "item6"]', 'any_of(b, ["item1", "item6"])'),
        ('{b} allof ["item1", "item6"]', '("item1" in b and "item6" in b)'),
        ("{t} notempty", "answered(t)"),
        ("{t} empty", "not answered(t)"),
        (
            '({a} = "item1-0" OR {a} = "item3-1") AND {b} contains "item6"',
            '(a == "item1-0" or a == "item3-1") and "item6" in b',
        ),
        ('!({a} = "item1-0") && {t} notempty', 'not (a == "item1-0") and answered(t)'),
        ('{motivation-other} = "x"', 'motivation-other == "x"'),
        ("true", "true"),
    ],
)
def test_translation(condition: str, text: str) -> None:
    assert translate(condition, QS, "q") == text


def test_semantics_follow_surveyjs() -> None:
    # contains on a string is a substring test; on an array, membership of every item.
    assert run('{a} contains ["item2"]', a="item2-0")
    assert not run('{a} contains ["item2"]', a="item3-1")
    assert not run('{a} contains ["item2"]')
    assert run('{b} contains ["item1", "item6"]', b=("item6", "item1"))
    assert not run('{b} contains ["item1", "item6"]', b=("item6",))
    assert run('{b} notcontains "item6"')  # empty: SurveyJS says true
    assert not run('{b} = "item6"', b=("item6",))  # an array never equals a string
    assert run('{a} <> "item1-0"')  # unanswered differs from any value
    assert run('{a} = "item1-0" or {b} anyof ["item2-1"]', b=("item2-1",))


@pytest.mark.parametrize(
    ("condition", "reason"),
    [
        ('{t} contains "x"', "'contains' on the free-text question {t} is not supported"),
        ("{a} > 3", "ordering comparison '>' is not supported"),
        ("age({a}) > 3", "unknown word 'age'"),
        ('{zz} = "1"', "{zz} names no question of the questionnaire"),
        ('{a.b} = "1"', "{a.b} is not a plain question name"),
        ('{panel.a} = "1"', "is not a plain question name"),
        ("{a}", "a bare {a} is not a condition"),
        ('{a} = "1" and', "expected a question such as {name}"),
        ('{a} = ["x"]', "'=' with a list is not supported"),
        ('{a} allof ["x"]', "'allof' needs a multiple-choice question"),
        ('({a} = "x"', "missing ')'"),
        ("{a} ~ 1", "unexpected character '~'"),
        ('{a} = "x" + 1', "unexpected character '+'"),
    ],
)
def test_refused(condition: str, reason: str) -> None:
    with pytest.raises(UntranslatableCondition) as info:
        translate(condition, QS, "riskProfile9")
    message = str(info.value)
    assert message.startswith(f"riskProfile9: cannot translate visibleIf {condition!r}: ")
    assert reason in message


def test_reserved_names_are_refused() -> None:
    with pytest.raises(UntranslatableCondition, match="reserved word"):
        translate('{in} = "x"', {"in": QuestionKind("text")}, "q")

"""Reading a SurveyJS questionnaire the way the AIA tool reads it.

Walking pages and panels, score types by name suffix, weights embedded in option
values, and bilingual {default, fr} texts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Loc = tuple[str | int, ...]
GROUPS = {"-RS": "impact", "-MS": "mitigation", "-NS": "info"}
# What JavaScript's Number() reads as a finite number (Python's float() accepts more: "1_0", "inf").
_JS_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
Condition = tuple[str, str, Loc]  # SurveyJS expression, whose it is, where it is


@dataclass
class Element:
    el: dict[str, Any]
    loc: Loc
    page: str
    parent: str
    # visibleIf of the page and panels around the element: SurveyJS hides what they hide.
    inherited: tuple[Condition, ...]


def weight(value: str) -> float:
    """The AIA's parseEmbeddedValue: the number after the last '-', 0 if there is none."""
    _, sep, tail = value.rpartition("-")
    if not sep:
        return 0.0
    tail = tail.strip()
    if tail.lower().startswith("0x") and re.fullmatch(r"0[xX][0-9a-fA-F]+", tail):
        return float(int(tail, 16))
    if not _JS_NUMBER.match(tail):
        return 0.0  # NaN in JavaScript; Number("") is 0 too
    number = float(tail)
    return number if math.isfinite(number) else 0.0


def plain_number(x: float) -> float | int:
    return int(x) if x.is_integer() else x


def local_text(value: Any, fallback: str) -> dict[str, str]:
    """SurveyJS {default, fr} (or a plain string) as our {en, fr}.

    A missing side copies the other, so that every text exists in both languages.
    """
    if isinstance(value, dict):
        en, fr = str(value.get("default") or "").strip(), str(value.get("fr") or "").strip()
    else:
        en = fr = str(value or "").strip()
    en = en or fr or fallback
    return {"en": en, "fr": fr or en}


def elements(survey: dict[str, Any]) -> Iterator[Element]:
    """Every element of every page, depth first, in questionnaire order."""
    for p, page in enumerate(survey.get("pages") or []):
        name = str(page.get("name") or f"page{p + 1}")
        conds = _own(page, f"page {name}", ("pages", p))
        yield from _walk(page.get("elements") or [], ("pages", p, "elements"), name, conds, name)


def _own(el: dict[str, Any], owner: str, loc: Loc) -> tuple[Condition, ...]:
    cond = el.get("visibleIf")
    return ((str(cond), owner, (*loc, "visibleIf")),) if cond else ()


def _walk(
    items: list[Any], loc: Loc, page: str, conds: tuple[Condition, ...], parent: str
) -> Iterator[Element]:
    for i, el in enumerate(items):
        if not isinstance(el, dict):
            continue
        here = (*loc, i)
        yield Element(el, here, page, parent, conds)
        if isinstance(el.get("elements"), list):
            name = str(el.get("name") or "")
            inner = conds + _own(el, f"panel {name}", here)
            yield from _walk(el["elements"], (*here, "elements"), page, inner, name)


def score_group(e: Element) -> str:
    for name in (str(e.el.get("name") or ""), e.parent):
        for suffix, group in GROUPS.items():
            if name.endswith(suffix):
                return group
    return "info"


_TEXT_KEYS = ("title", "description", "help")


def _text_problem(value: Any) -> str | None:
    if isinstance(value, str):
        return None
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return None
    return 'must be a text or an object of texts by language ({"default": ..., "fr": ...})'


def _choice_problem(choice: Any) -> tuple[Loc, str] | None:
    scalar = (str, int, float)
    if isinstance(choice, scalar) and not isinstance(choice, bool):
        return None
    if not isinstance(choice, dict):
        return (), "a choice must be a value or an object with 'value' and 'text'"
    value = choice.get("value")
    if not isinstance(value, scalar) or isinstance(value, bool):
        return ("value",), "a choice's value must be a string or a number"
    if "text" in choice and (why := _text_problem(choice["text"])) is not None:
        return ("text",), why
    return None


def _element_problems(el: dict[str, Any], loc: Loc) -> Iterator[tuple[Loc, str]]:
    for key, kind, what in (
        ("type", str, "a string"),
        ("name", str, "a string"),
        ("visibleIf", str, "a condition (a string)"),
        ("isRequired", bool, "true or false"),
        ("elements", list, "a list of elements"),
        ("choices", list, "a list of choices"),
    ):
        if key in el and el[key] is not None and not isinstance(el[key], kind):
            yield (*loc, key), f"{key} must be {what}, not {type(el[key]).__name__}"
    for key in _TEXT_KEYS:
        if el.get(key) is not None and (why := _text_problem(el[key])) is not None:
            yield (*loc, key), f"{key} {why}"
    if isinstance(el.get("choices"), list):
        for j, choice in enumerate(el["choices"]):
            found = _choice_problem(choice)
            if found is not None:
                yield (*loc, "choices", j, *found[0]), found[1]


def shape_problems(survey: dict[str, Any]) -> list[tuple[Loc, str]]:
    """What in a questionnaire has a type SurveyJS would not accept there ("elements": 5).

    Checked before anything is converted, so that the conversion can rely on types.
    """
    out: list[tuple[Loc, str]] = []
    stack: list[tuple[Any, Loc]] = [
        (page, ("pages", p)) for p, page in enumerate(survey.get("pages") or [])
    ]
    stack.reverse()
    while stack:
        el, loc = stack.pop()
        if not isinstance(el, dict):
            what = "a page" if len(loc) == 2 else "an element"
            out.append((loc, f"{what} must be an object, not {type(el).__name__}"))
            continue
        out.extend(_element_problems(el, loc))
        if isinstance(el.get("elements"), list):
            inner = [(c, (*loc, "elements", i)) for i, c in enumerate(el["elements"])]
            stack.extend(reversed(inner))
    return out

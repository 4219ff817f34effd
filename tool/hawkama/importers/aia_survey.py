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

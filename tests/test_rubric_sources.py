"""Citations of the shipped rubrics that can be checked by machine (issue 13).

FRAIA pinpoints: every question number the rubrics cite must be one of the IAMA's
numbered questions, taken from the Dutch algorithm register standard's structured copy
(the list is kept in tests/data/sources/iama-questions.txt, with its origin).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
RUBRICS = ROOT / "rubrics"
IAMA = ROOT / "tests" / "data" / "sources" / "iama-questions.txt"
# "Q2B.4.1-2B.4.4", "Q1.5.1-1.5.3", "Q3.2.1": a question number or a range in one section.
NUMBER = r"\d[AB]?\.\d+\.\d+"
CITED = re.compile(rf"Q({NUMBER})(?:-({NUMBER}))?")


def _refs(node: Any, source: str) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("source") == source and isinstance(node.get("ref"), str):
            yield node["ref"]
        for value in node.values():
            yield from _refs(value, source)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item, source)


def _expand(first: str, last: str | None, known: list[str]) -> list[str]:
    if last is None:
        return [first]
    start, end = known.index(first), known.index(last)
    assert first.rsplit(".", 1)[0] == last.rsplit(".", 1)[0], f"{first}-{last} spans sections"
    assert start < end, f"{first}-{last} is not in order"
    return known[start : end + 1]


def test_every_fraia_pinpoint_names_an_iama_question() -> None:
    known = [
        line.strip()
        for line in IAMA.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    cited: dict[str, list[str]] = {}
    for path in sorted(RUBRICS.glob("*.yaml")):
        for ref in _refs(yaml.safe_load(path.read_text(encoding="utf-8")), "fraia"):
            numbers = CITED.findall(ref)
            # Everything in the pinpoint is a question number: no bare sections or parts.
            rest = CITED.sub("", ref).replace(",", "").replace(";", "").strip()
            assert numbers and not rest, f"{path.name}: FRAIA pinpoint {ref!r} is not Qn.n.n"
            for first, last in numbers:
                for number in (first, last or first):
                    assert number in known, f"{path.name}: FRAIA {ref!r}: no question {number}"
                cited.setdefault(path.name, []).extend(_expand(first, last or None, known))
    # The four scored rubrics cite FRAIA; a test that found nothing would prove nothing.
    assert sorted(cited) == ["equity.yaml", "ethics.yaml", "privacy.yaml", "risk.yaml"]
    assert sum(len(v) for v in cited.values()) >= 16

"""The desk's page strings (web/strings.yaml), English and Arabic, and the text direction."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from hawkama.locale import direction

LANGS = ("ar", "en")


@cache
def strings() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    # The proposer's side and the committee desk keep their strings in separate files.
    for name in ("strings.yaml", "desk_strings.yaml"):
        data: Any = yaml.safe_load((files("hawkama.web") / name).read_text("utf-8"))
        out |= {str(k): {str(lang): str(s) for lang, s in v.items()} for k, v in data.items()}
    return out


def t(key: str, lang: str, **values: Any) -> str:
    entry = strings()[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def pick_lang(value: object, default: str) -> str:
    return value if isinstance(value, str) and value in LANGS else default


__all__ = ["LANGS", "direction", "pick_lang", "strings", "t"]

"""The desk's page texts (the `web` section of the label catalogue, locale/), and direction."""

from __future__ import annotations

from typing import Any

from hawkama.locale import direction, label

LANGS = ("ar", "en")


def t(key: str, lang: str, **values: Any) -> str:
    """Catalogue text ``web.<key>`` in ``lang``."""
    return label(f"web.{key}", lang, **values)


def pick_lang(value: object, default: str) -> str:
    return value if isinstance(value, str) and value in LANGS else default


__all__ = ["LANGS", "direction", "pick_lang", "t"]

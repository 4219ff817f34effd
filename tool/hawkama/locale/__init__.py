"""Hawkama's own texts: one catalogue, `locale/{en,ar,fr}.yaml`, and the text of a policy's strings.

A key is `section.name` (`report.verdict`, `questionnaire.hint_scale`). Each language file is
read on first use, once per process, so commands that print no label never parse it. A key
missing in a language falls back to English; `UNTRANSLATED_FR` lists the French gaps, and a
test holds both lists to the files. Every catalogue text is a `str.format` string:
placeholders in braces, a literal brace written twice.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

LANGS = ("en", "ar", "fr")
RTL = frozenset({"ar"})
_FOLDER = Path(__file__).parent

# Sections French does not give; they show in English. `model` holds the defaults a policy
# file gets when it omits them (the yes/no options, the intake title): a French text there
# would change what French reports of existing policies say, so it waits for a policy change.
UNTRANSLATED_FR_SECTIONS = frozenset({"model", "web"})  # web: the web desk speaks ar and en


def text(value: Mapping[str, str] | str | None, lang: str) -> str:
    """The text in ``lang``, else English, else any language given (a policy's own strings)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def label(key: str, lang: str, **values: Any) -> str:
    """Catalogue text ``key`` in ``lang`` (else English), with ``values`` filled in.

    An unknown key is a KeyError: a typo in the code or a template, never a silent blank.
    """
    found = catalogue(lang).get(key) if lang != "en" else None
    return (found or catalogue("en")[key]).format(**values)


def translations(key: str) -> dict[str, str]:
    """Every language's text of ``key`` (unformatted), for reading words back from input."""
    return {lang: cat[key] for lang in LANGS if key in (cat := catalogue(lang))}


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


@functools.cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The flat ``{section.name: text}`` table of one language (empty for one not shipped)."""
    if lang not in LANGS:
        return {}
    import yaml  # package data, read safely; not yamlio: models (below it) read the catalogue

    path = _FOLDER / f"{lang}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    # The node tree, not Python objects: PyYAML builds those in Python, three times the
    # time (5 ms of every `hawkama score` that prints labels). Tags are resolved as
    # safe_load resolves them, so a text that YAML reads as a number or a boolean is
    # refused as before.
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=loader)
    flat: dict[str, str] = {}
    if not isinstance(root, yaml.MappingNode):
        raise ValueError(f"{path}: the catalogue is a mapping of sections")
    for section_node, table in root.value:
        section = section_node.value
        if not isinstance(table, yaml.MappingNode) or section_node.tag != _STR:
            raise ValueError(f"{path}: {section}: a section is a mapping of names to texts")
        for name, value in table.value:
            if name.tag != _STR or value.tag != _STR or not value.value:
                raise ValueError(f"{path}: {section}.{name.value}: a text is a non-empty string")
            flat[f"{section}.{name.value}"] = value.value
    return flat


_STR = "tag:yaml.org,2002:str"

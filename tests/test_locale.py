"""The label catalogue: every key in English and Arabic, the French gaps listed, one home for labels."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from hawkama import locale
from hawkama.locale import LANGS, UNTRANSLATED_FR_SECTIONS, catalogue, label, translations
from hawkama.models.common import FLAG_LEVELS

PACKAGE = Path(locale.__file__).resolve().parent.parent
PYTHON_FILES = sorted(
    p for p in PACKAGE.rglob("*.py") if "locale" not in p.relative_to(PACKAGE).parts
)
# Which catalogue section a folder's templates read through L('name').
TEMPLATE_SECTIONS = {"report": "report", "committee": "portfolio", "drafts": "drafts"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_english_and_arabic_have_the_same_keys() -> None:
    en, ar = catalogue("en"), catalogue("ar")
    assert len(en) > 400
    assert sorted(set(en) - set(ar)) == [], "keys with no Arabic text"
    assert sorted(set(ar) - set(en)) == [], "Arabic keys English does not have"


def test_french_gaps_are_exactly_the_listed_sections() -> None:
    en, fr = catalogue("en"), catalogue("fr")
    assert set(fr) <= set(en), sorted(set(fr) - set(en))
    missing = {key for key in en if key not in fr}
    listed = {key for key in en if key.split(".")[0] in UNTRANSLATED_FR_SECTIONS}
    assert missing == listed, (sorted(missing - listed), sorted(listed - missing))


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    en = catalogue("en")
    for key, text in catalogue(lang).items():
        assert _fields(text) == _fields(en[key]), (lang, key)


def test_missing_language_or_key_falls_back_to_english() -> None:
    assert label("model.intake_title", "fr") == label("model.intake_title", "en") == "Intake"
    assert label("portfolio.title", "fr") == "Portefeuille des projets à l'examen"
    assert label("report.verdict", "de") == "Verdict"
    assert label("report.verdict", "fr") == "Verdict"
    assert label("report.exec_summary", "fr") == "Synthèse"
    with pytest.raises(KeyError):
        label("report.no_such_label", "en")


def test_formatted_labels_fill_their_placeholders() -> None:
    assert label("questionnaire.hint_scale", "en", lo=1, hi=5) == "a whole number 1-5"
    assert label("questionnaire.hint_scale", "ar", lo=1, hi=5) == "عدد صحيح من 1 إلى 5"
    # A literal brace is written twice in the catalogue and comes out once.
    assert "{status: committed" in label("questionnaire.sk_mitigations_head", "fr")


def test_translations_give_every_language_that_has_the_key() -> None:
    assert translations("questionnaire.status_committed") == {
        "en": "committed",
        "ar": "ملتزم به",
        "fr": "engagée",
    }
    assert translations("model.yes") == {"en": "Yes", "ar": "نعم"}  # French: not yet
    assert locale.direction("ar") == "rtl" and locale.direction("fr") == "ltr"


def _label_keys(tree: ast.AST) -> list[tuple[int, str, bool]]:
    """(line, key or key prefix, whether it is a prefix) of every label()/translations() call."""
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("label", "translations")
            and node.args
        ):
            continue
        arg = node.args[0]
        branches = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
        for b in branches:
            if isinstance(b, ast.Constant) and isinstance(b.value, str):
                found.append((node.lineno, b.value, False))
            elif (
                isinstance(b, ast.JoinedStr) and b.values and isinstance(b.values[0], ast.Constant)
            ):
                found.append((node.lineno, str(b.values[0].value), True))
    return found


def test_every_key_the_code_reads_is_in_the_catalogue() -> None:
    en = catalogue("en")
    seen = 0
    for path in PYTHON_FILES:
        for line, key, prefix in _label_keys(ast.parse(path.read_text(encoding="utf-8"))):
            seen += 1
            where = f"{path.relative_to(PACKAGE)}:{line}"
            if prefix:
                assert any(k.startswith(key) for k in en), f"{where}: no key starts with {key!r}"
            else:
                assert key in en, f"{where}: {key!r} is not in locale/en.yaml"
    assert seen > 150


def test_every_key_a_template_reads_is_in_the_catalogue() -> None:
    en = catalogue("en")
    seen = 0
    for folder, section in TEMPLATE_SECTIONS.items():
        for template in (PACKAGE / folder / "templates").glob("*.j2"):
            for m in re.finditer(r"\bL\(\s*'(\w+)'\s*\)", template.read_text(encoding="utf-8")):
                seen += 1
                assert f"{section}.{m.group(1)}" in en, f"{template.name}: {m.group(1)}"
    assert seen > 100


def test_no_label_table_outside_the_catalogue() -> None:
    """The catalogue stays the one home: no dict literal with both 'en' and 'ar' keys in code."""
    tables = []
    for path in PYTHON_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if {"en", "ar"} <= keys:
                    tables.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert tables == [], "move these texts to locale/{en,ar,fr}.yaml"


def test_flag_levels_are_defined_once() -> None:
    """`models/common.py` says the flag levels; nobody else spells the whole tuple out."""
    retyped = []
    for path in PYTHON_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set):
                words = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if words >= set(FLAG_LEVELS):
                    retyped.append(str(path.relative_to(PACKAGE)))
    assert retyped == ["models/common.py"], retyped  # the Literal FlagLevel itself
    assert FLAG_LEVELS == ("prohibit", "block", "escalate", "condition", "prerequisite")


def test_help_does_not_read_the_catalogue() -> None:
    code = (
        "from hawkama.cli import cli\nfrom hawkama import locale\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('READ' if locale.catalogue.cache_info().currsize else 'UNREAD')"
    )
    root = PACKAGE.parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip().splitlines()[-1] == "UNREAD"


def test_languages_are_the_shipped_files() -> None:
    assert {p.stem for p in Path(locale.__file__).parent.glob("*.yaml")} == set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogue_reads_as_safe_load_reads_it(lang: str) -> None:
    import yaml

    data = yaml.safe_load((Path(locale.__file__).parent / f"{lang}.yaml").read_bytes())
    flat = {f"{s}.{k}": v for s, table in data.items() for k, v in table.items()}
    assert list(catalogue(lang).items()) == list(flat.items())


@pytest.mark.parametrize(
    "text",
    ["model:\n  yes: Yes\n", "model:\n  count: 3\n", "model:\n  x: ''\n", "- a list\n", "a: b\n"],
)
def test_a_catalogue_text_that_is_not_a_string_is_refused(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "en.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(locale, "_FOLDER", tmp_path)
    with pytest.raises(ValueError, match="is a"):
        catalogue.__wrapped__("en")

"""Arabic usage lints: what a machine can see of a translator's slips.

- a glossary term used in the English text whose Arabic term is missing from the Arabic text
  (the glossary is the ``kind: glossary`` file next to the policy, if there is one);
- both spellings of مسؤول (مسؤول / مسئول) in one policy: the glossary's spelling is kept;
- both forms of address (singular and plural imperatives) in one policy: the more common is
  kept;
- a word the glossary writes with a shadda («التعرُّف»، «مجهّل») written without it where it
  carries the article, so that it cannot be read as another word («التعرف» could be read
  without the doubling that makes it "recognition").

Matching ignores diacritics (shadda, harakat, tatweel), the shapes of alef and the article
and one-letter prefixes, so that «للمتحكم» uses the term «المتحكم».
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hawkama.documents import read_doc, validate_doc
from hawkama.errors import InputError, Problem
from hawkama.lint.content import local_texts
from hawkama.lint.context import Context, Loc
from hawkama.models.policy import Glossary
from hawkama.yamlio import Document

_MARKS = re.compile("[\u064b-\u0652\u0640\u0670]")
_ALEF = str.maketrans("أإآ", "ااا")
_WORD = re.compile(r"[\u0621-\u064a\u0660-\u0669\u064b-\u0652\u0640\u0670]+")
# One-letter conjunctions and prepositions, and the article, that may precede a term's word;
# and the gender and number endings an adjective or noun may take after it.
_PREFIXES = ("", "ال", "و", "ف", "ب", "ل", "ك", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "ولل")
_SUFFIXES = ("", "ة", "ات", "ون", "ين", "ا", "ه", "ها", "هم")

# The two spellings of "responsible" and their derivatives (مسؤولية، مسؤولون...).
_HAMZA_WAW, _HAMZA_YA = "مسؤول", "مسئول"

# Imperatives a questionnaire addresses its reader with, singular and plural. Only these are
# counted: a general morphological guess would flag ordinary past-tense plurals.
_IMPERATIVES = (
    "أرفق", "اختر", "صف", "فكر", "احسب", "اذكر", "اسأل", "قيم", "انظر", "حدد", "أجب",
    "ضع", "راجع", "تأكد", "أدخل", "سجل", "اكتب", "أضف", "وضح", "بين", "قارن", "اطلب",
)  # fmt: skip
_PLURAL = {w: w + "وا" for w in _IMPERATIVES}
_PAST_PLURAL = re.compile(r"(?!ال)[\u0621-\u064a]{3,}تم")  # compared after _bare (أ -> ا)


def _bare(text: str) -> str:
    # «ذوي» and «ذوا» are «ذوو» in the genitive/accusative and the dual.
    return re.sub(r"\bذو[يا]\b", "ذوو", _MARKS.sub("", text).translate(_ALEF))


def _core(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def _word_matches(word: str, core: str) -> bool:
    # A feminine noun also matches its sound plural (محافظة, محافظات) and its form before a
    # pronoun (احتمالية, احتماليته).
    cores = (core, core[:-1], core[:-1] + "ت") if core.endswith("ة") else (core,)
    return any(
        word == p + c + x or (p == "لل" and c.startswith("ل") and word == "ل" + c + x)
        for c in cores
        for p in _PREFIXES
        for x in _SUFFIXES
    )


def _contains(text: str, term: str) -> bool:
    words = _WORD.findall(_bare(text))
    want = [_core(w) for w in _WORD.findall(_bare(term))]
    n = len(want)
    return n > 0 and any(
        all(_word_matches(words[i + k], want[k]) for k in range(n))
        for i in range(len(words) - n + 1)
    )


def _english_pattern(term: str) -> re.Pattern[str]:
    # "data protection impact assessment (DPIA)" is matched as its words before the brackets.
    core = re.sub(r"\s*\(.*?\)", "", term).strip()
    return re.compile(r"\b" + re.escape(core).replace(r"\ ", r"\s+") + r"\b", re.IGNORECASE)


def find_glossary(ctx: Context) -> Glossary | None:
    """The glossary next to the policy file; a broken one is `validate`'s to report."""
    for path in sorted(ctx.ps.path.parent.glob("*.y*ml")):
        if path == ctx.ps.path:
            continue
        try:
            doc = read_doc(path)
            if isinstance(doc.data, dict) and doc.data.get("kind") == "glossary":
                return validate_doc(doc, Glossary)
        except InputError:
            continue
    return None


def _texts(ctx: Context) -> Iterator[tuple[Document, Loc, dict[str, str]]]:
    for doc in (ctx.policy_doc, *ctx.rubric_docs):
        for loc, text in local_texts(doc.data):
            if "ar" in text:
                yield doc, loc, text


def glossary_terms(ctx: Context, glossary: Glossary | None) -> Iterator[Problem]:
    if glossary is None:
        return
    terms = [(_english_pattern(t.en), t.en, t.ar) for t in glossary.terms if t.ar]
    for doc, loc, text in _texts(ctx):
        for pattern, en, ar in terms:
            if pattern.search(text["en"]) and not _contains(text["ar"], ar):
                yield ctx.problem(
                    doc,
                    (*loc, "ar"),
                    f"the English uses the glossary term {en!r}, the Arabic lacks its "
                    f"translation «{ar}»: use the glossary term",
                )


def one_spelling(ctx: Context, glossary: Glossary | None) -> Iterator[Problem]:
    keep = _HAMZA_WAW
    if glossary is not None and any(_HAMZA_YA in t.ar for t in glossary.terms):
        keep = _HAMZA_YA
    other = _HAMZA_YA if keep == _HAMZA_WAW else _HAMZA_WAW
    for doc, loc, text in _texts(ctx):
        if other in _bare(text["ar"]):
            yield ctx.problem(
                doc,
                (*loc, "ar"),
                f"spelling «{other}»: write «{keep}» throughout (one spelling, the glossary's)",
            )


def one_form_of_address(ctx: Context) -> Iterator[Problem]:
    seen: list[tuple[Document, Loc, str, bool]] = []
    for doc, loc, text in _texts(ctx):
        words = set(_WORD.findall(_bare(text["ar"])))
        for sing, plur in ((_bare(a), _bare(b)) for a, b in _PLURAL.items()):
            if plur in words:
                seen.append((doc, loc, plur, True))
            if sing in words:
                seen.append((doc, loc, sing, False))
        # Past tense in the second person plural («هل وثّقتم»): the reader addressed as «you all».
        seen.extend((doc, loc, w, True) for w in words if _PAST_PLURAL.fullmatch(w))
    plural = sum(p for *_, p in seen)
    keep_plural = plural > len(seen) - plural
    for doc, loc, word, is_plural in seen:
        if is_plural != keep_plural:
            form, other = ("plural", "singular") if is_plural else ("singular", "plural")
            yield ctx.problem(
                doc,
                (*loc, "ar"),
                f"«{word}» addresses the reader in the {form}; the rest of the policy uses the "
                f"{other}: use one form of address",
            )


_SHADDA = "\u0651"
_DEFINITE = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل")


def _doubled_words(glossary: Glossary) -> dict[str, str]:
    """The glossary's words that carry a shadda, by their bare core (article dropped)."""
    found: dict[str, str] = {}
    for term in glossary.terms:
        for word in _WORD.findall(term.ar or ""):
            if _SHADDA in word:
                found.setdefault(_core(_bare(word)), word)
    return found


def glossary_marks(ctx: Context, glossary: Glossary | None) -> Iterator[Problem]:
    if glossary is None:
        return
    doubled = _doubled_words(glossary)
    for doc, loc, text in _texts(ctx):
        for word in _WORD.findall(text["ar"]):
            if _SHADDA in word:
                continue
            bare = _bare(word)
            for core, written in doubled.items():
                if any(
                    bare == p + core + x
                    or (p == "لل" and core.startswith("ل") and bare == "ل" + core + x)
                    for p in _DEFINITE
                    for x in _SUFFIXES
                ):
                    yield ctx.problem(
                        doc,
                        (*loc, "ar"),
                        f"«{word}» without the shadda of the glossary's «{written}»: write it "
                        "with the shadda, as the glossary does",
                    )
                    break


def arabic_lints(ctx: Context) -> Iterator[Problem]:
    if "ar" not in ctx.ps.policy.languages:
        return
    glossary = find_glossary(ctx)
    yield from glossary_terms(ctx, glossary)
    yield from one_spelling(ctx, glossary)
    yield from one_form_of_address(ctx)
    yield from glossary_marks(ctx, glossary)

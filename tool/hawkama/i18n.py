"""Localised text: pick a language with a fallback, and the direction it is written in."""

from __future__ import annotations

from collections.abc import Mapping

RTL = {"ar"}

LABELS: dict[str, dict[str, str]] = {
    "verdict": {"en": "Verdict", "ar": "الحكم", "fr": "Verdict"},
    "inherent": {"en": "inherent", "ar": "الكامن", "fr": "inhérent"},
    "residual": {"en": "residual", "ar": "المتبقي", "fr": "résiduel"},
    "flags": {"en": "Flags", "ar": "المؤشرات التحذيرية", "fr": "Signalements"},
    "no_flags": {"en": "none", "ar": "لا يوجد", "fr": "aucun"},
    "findings": {"en": "Findings", "ar": "الاستنتاجات", "fr": "Constats"},
    "completeness": {"en": "Completeness", "ar": "اكتمال الإجابات", "fr": "Complétude"},
    "answered": {"en": "answered", "ar": "تمت الإجابة", "fr": "répondues"},
    "dont_know": {"en": "don't know", "ar": "لا أعرف", "fr": "ne sais pas"},
    "required_missing": {
        "en": "required unanswered",
        "ar": "أسئلة إلزامية بلا إجابة",
        "fr": "obligatoires sans réponse",
    },
    "ignored": {
        "en": "answers ignored (question does not apply)",
        "ar": "إجابات مُهملة (السؤال لا ينطبق)",
        "fr": "réponses ignorées (question non applicable)",
    },
    "rule": {"en": "rule", "ar": "القاعدة", "fr": "règle"},
    "conditions": {
        "en": "Conditions of approval",
        "ar": "شروط الموافقة",
        "fr": "Conditions d'approbation",
    },
    "not_scored": {"en": "not scored", "ar": "غير مُقيَّم", "fr": "non noté"},
}


def text(value: Mapping[str, str] | str | None, lang: str) -> str:
    """The text in ``lang``, else English, else any language given."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def label(key: str, lang: str) -> str:
    return text(LABELS[key], lang)


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"

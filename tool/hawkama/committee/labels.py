"""Fixed texts of the portfolio PDF in English and Arabic (French falls back to English)."""

from __future__ import annotations

from hawkama.i18n import text

LABELS: dict[str, dict[str, str]] = {
    "title": {"en": "Portfolio of projects under review", "ar": "حافظة المشروعات قيد المراجعة"},
    "as_of": {"en": "As of", "ar": "بتاريخ"},
    "projects": {"en": "Projects", "ar": "المشروعات"},
    "project": {"en": "Project", "ar": "المشروع"},
    "overview": {"en": "Overview", "ar": "نظرة عامة"},
    "by_verdict": {"en": "By verdict", "ar": "حسب الحكم"},
    "by_place": {"en": "By governorate or city", "ar": "حسب المحافظة أو المدينة"},
    "by_sector": {"en": "By sector", "ar": "حسب القطاع"},
    "count": {"en": "Count", "ar": "العدد"},
    "verdict": {"en": "Verdict", "ar": "الحكم"},
    "decision": {"en": "Decision", "ar": "القرار"},
    "heat_map": {
        "en": "Heat map: residual band by project and dimension",
        "ar": "الخريطة الحرارية: المستوى المتبقي لكل مشروع وبعد",
    },
    "lines": {"en": "One line per project", "ar": "سطر لكل مشروع"},
    "place": {"en": "Governorate / city", "ar": "المحافظة / المدينة"},
    "sector": {"en": "Sector", "ar": "القطاع"},
    "flags": {"en": "Prohibit / block flags", "ar": "مؤشرات الحظر / المنع"},
    "open_conditions": {"en": "Open conditions (next due)", "ar": "الشروط المفتوحة (أقرب موعد)"},
    "overdue": {"en": "overdue", "ar": "متأخرة"},
    "overdue_total": {"en": "Open conditions overdue", "ar": "شروط مفتوحة متأخرة"},
    "completeness": {"en": "Answered", "ar": "الإجابات"},
    "last_change": {"en": "Last change", "ar": "آخر تعديل"},
    "none": {"en": "-", "ar": "-"},
    "total": {"en": "Total", "ar": "الإجمالي"},
    "page": {"en": "Page", "ar": "صفحة"},
    "page_of": {"en": "of", "ar": "من"},
    "approve": {"en": "Approve", "ar": "موافقة"},
    "approve_with_conditions": {"en": "Approve with conditions", "ar": "موافقة مشروطة"},
    "reject": {"en": "Reject", "ar": "رفض"},
    "defer": {"en": "Defer", "ar": "تأجيل"},
}


def label(key: str, lang: str) -> str:
    """The label in ``lang``, else English (a KeyError for an unknown key: a template typo)."""
    return text(LABELS[key], lang)

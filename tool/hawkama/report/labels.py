"""Every fixed text of the report, in English, Arabic and French.

French is there for imported Canada AIA policies (languages [en, fr]); any key missing
in a language falls back to English, so a new label never breaks a report.
"""

from __future__ import annotations

from hawkama.i18n import text

LANGS = ("en", "ar", "fr")

LABELS: dict[str, dict[str, str]] = {
    "audit_report": {"en": "Audit report", "ar": "تقرير التدقيق", "fr": "Rapport d'audit"},
    "project": {"en": "Project", "ar": "المشروع", "fr": "Projet"},
    "project_id": {"en": "Project id", "ar": "رمز المشروع", "fr": "Identifiant du projet"},
    "place": {"en": "Governorate / city", "ar": "المحافظة / المدينة", "fr": "Gouvernorat / ville"},
    "sector": {"en": "Sector", "ar": "القطاع", "fr": "Secteur"},
    "owner": {"en": "Owner", "ar": "الجهة المسؤولة", "fr": "Responsable"},
    "stage": {"en": "Stage", "ar": "المرحلة", "fr": "Étape"},
    "summary": {"en": "Summary", "ar": "الملخص", "fr": "Résumé"},
    "date": {"en": "Date", "ar": "التاريخ", "fr": "Date"},
    "policy": {"en": "Policy", "ar": "السياسة", "fr": "Politique"},
    "version": {"en": "version", "ar": "الإصدار", "fr": "version"},
    "report_id": {"en": "Report id", "ar": "رقم التقرير", "fr": "Identifiant du rapport"},
    "verdict": {"en": "Verdict", "ar": "الحكم", "fr": "Verdict"},
    "rule": {"en": "verdict rule", "ar": "قاعدة الحكم", "fr": "règle de verdict"},
    "exec_summary": {"en": "Executive summary", "ar": "الملخص التنفيذي", "fr": "Synthèse"},
    "meaning": {"en": "What it means", "ar": "ماذا يعني", "fr": "Ce que cela signifie"},
    "next_steps": {
        "en": "What it requires of the committee",
        "ar": "ما المطلوب من اللجنة",
        "fr": "Ce qui est demandé au comité",
    },
    "dimensions": {"en": "Dimensions", "ar": "الأبعاد", "fr": "Dimensions"},
    "dimension": {"en": "Dimension", "ar": "البعد", "fr": "Dimension"},
    "inherent": {"en": "Inherent", "ar": "الكامن", "fr": "Inhérent"},
    "residual": {"en": "Residual", "ar": "المتبقي", "fr": "Résiduel"},
    "band": {"en": "Band", "ar": "المستوى", "fr": "Niveau"},
    "score": {"en": "Score", "ar": "الدرجة", "fr": "Score"},
    "not_scored": {"en": "not scored", "ar": "غير مُقيَّم", "fr": "non noté"},
    "override": {"en": "Band raised", "ar": "رُفع المستوى", "fr": "Niveau relevé"},
    "deciding_flags": {
        "en": "Flags that decided the verdict",
        "ar": "المؤشرات التي حسمت الحكم",
        "fr": "Signalements déterminants",
    },
    "no_flags": {"en": "No flag was raised.", "ar": "لم يُرفع أي مؤشر.", "fr": "Aucun signalement."},
    "level": {"en": "Level", "ar": "الدرجة", "fr": "Niveau"},
    "code": {"en": "Code", "ar": "الرمز", "fr": "Code"},
    "question": {"en": "Question", "ar": "السؤال", "fr": "Question"},
    "message": {"en": "Message", "ar": "الرسالة", "fr": "Message"},
    "conditions": {
        "en": "Conditions of approval",
        "ar": "شروط الموافقة",
        "fr": "Conditions d'approbation",
    },
    "no_conditions": {"en": "None.", "ar": "لا يوجد.", "fr": "Aucune."},
    "kind": {"en": "Kind", "ar": "النوع", "fr": "Type"},
    "due": {"en": "Due", "ar": "الموعد", "fr": "Échéance"},
    "charts": {
        "en": "Scores and risks at a glance",
        "ar": "الدرجات والمخاطر في لمحة",
        "fr": "Scores et risques en un coup d'œil",
    },
    "dim_chart": {
        "en": "Dimension scores, inherent beside residual",
        "ar": "درجات الأبعاد: الكامنة بجانب المتبقية",
        "fr": "Scores par dimension, inhérent à côté du résiduel",
    },
    "heat_map": {
        "en": "Risk heat map",
        "ar": "خريطة المخاطر الحرارية",
        "fr": "Carte thermique des risques",
    },
    "heat_help": {
        "en": "Hollow circle: inherent position; "
        "filled circle: residual position after mitigation.",
        "ar": "الدائرة المفرغة: الموضع الكامن؛ الدائرة الممتلئة: الموضع المتبقي بعد التخفيف.",
        "fr": "Cercle vide : position inhérente ; "
        "cercle plein : position résiduelle après atténuation.",
    },
    "likelihood": {"en": "Likelihood", "ar": "الاحتمال", "fr": "Probabilité"},
    "impact": {"en": "Impact", "ar": "الأثر", "fr": "Impact"},
    "no_risks": {
        "en": "No risk was rated.",
        "ar": "لم تُقيَّم أي مخاطر.",
        "fr": "Aucun risque évalué.",
    },
    "risk": {"en": "Risk", "ar": "الخطر", "fr": "Risque"},
    "intake": {"en": "Intake", "ar": "البيانات الأولية", "fr": "Questions préliminaires"},
    "answer": {"en": "Answer", "ar": "الإجابة", "fr": "Réponse"},
    "not_answered": {"en": "not answered", "ar": "بلا إجابة", "fr": "sans réponse"},
    "dont_know": {"en": "don't know", "ar": "لا أعرف", "fr": "ne sais pas"},
    "weight": {"en": "Weight", "ar": "الوزن", "fr": "Poids"},
    "of_max": {"en": "of", "ar": "من", "fr": "sur"},
    "importance": {"en": "Importance", "ar": "الأهمية", "fr": "Importance"},
    "contribution": {"en": "Contribution", "ar": "المساهمة", "fr": "Contribution"},
    "note": {"en": "Note", "ar": "ملاحظة", "fr": "Note"},
    "evidence": {"en": "Evidence", "ar": "الأدلة", "fr": "Preuves"},
    "mitigations": {"en": "Mitigations", "ar": "إجراءات التخفيف", "fr": "Mesures d'atténuation"},
    "status": {"en": "Status", "ar": "الحالة", "fr": "Statut"},
    "status_none": {"en": "not committed", "ar": "غير ملتزم به", "fr": "non engagée"},
    "status_proposed": {"en": "proposed", "ar": "مقترح", "fr": "proposée"},
    "status_committed": {"en": "committed", "ar": "ملتزم به", "fr": "engagée"},
    "status_implemented": {"en": "implemented", "ar": "منفَّذ", "fr": "mise en œuvre"},
    "status_not_planned": {"en": "not planned", "ar": "غير مخطط له", "fr": "non prévue"},
    "applied": {"en": "applied to the score", "ar": "مُطبَّق على الدرجة", "fr": "appliquée au score"},
    "sources": {"en": "Sources", "ar": "المصادر", "fr": "Sources"},
    "not_scored_q": {
        "en": "recorded, not scored",
        "ar": "مُسجَّل دون تقييم",
        "fr": "consigné, non noté",
    },
    "no_questions": {
        "en": "No question of this dimension applies.",
        "ar": "لا ينطبق أي سؤال من هذا البعد.",
        "fr": "Aucune question de cette dimension ne s'applique.",
    },
    "findings": {"en": "Derived findings", "ar": "الاستنتاجات المستخلصة", "fr": "Constats dérivés"},
    "no_findings": {"en": "No finding.", "ar": "لا توجد استنتاجات.", "fr": "Aucun constat."},
    "committee": {"en": "Committee record", "ar": "سجل اللجنة", "fr": "Procès-verbal du comité"},
    "reviewers": {"en": "Reviewers", "ar": "المراجعون", "fr": "Examinateurs"},
    "name": {"en": "Name", "ar": "الاسم", "fr": "Nom"},
    "role": {"en": "Role", "ar": "الصفة", "fr": "Rôle"},
    "organisation": {"en": "Organisation", "ar": "الجهة", "fr": "Organisation"},
    "conflicts": {
        "en": "Conflicts of interest",
        "ar": "تضارب المصالح",
        "fr": "Conflits d'intérêts",
    },
    "decision": {"en": "Decision", "ar": "القرار", "fr": "Décision"},
    "decision_none": {"en": "not yet recorded", "ar": "لم يُسجَّل بعد", "fr": "pas encore consignée"},
    "decision_approve": {"en": "Approve", "ar": "موافقة", "fr": "Approuver"},
    "decision_approve_with_conditions": {
        "en": "Approve with conditions",
        "ar": "موافقة مشروطة",
        "fr": "Approuver sous conditions",
    },
    "decision_reject": {"en": "Reject", "ar": "رفض", "fr": "Rejeter"},
    "decision_defer": {"en": "Defer", "ar": "تأجيل", "fr": "Reporter"},
    "justification": {"en": "Justification", "ar": "المبررات", "fr": "Justification"},
    "decided": {"en": "Decided on", "ar": "تاريخ القرار", "fr": "Décidé le"},
    "committee_conditions": {
        "en": "Conditions set by the committee",
        "ar": "الشروط التي حددتها اللجنة",
        "fr": "Conditions fixées par le comité",
    },
    "done": {"en": "done", "ar": "مُنجز", "fr": "fait"},
    "open": {"en": "open", "ar": "مفتوح", "fr": "ouvert"},
    "signatures": {"en": "Signatures", "ar": "التوقيعات", "fr": "Signatures"},
    "signature": {"en": "Signature", "ar": "التوقيع", "fr": "Signature"},
    "digital_signature": {
        "en": "Digital signature (checked by hawkama verify)",
        "ar": "التوقيع الرقمي (يتحقق منه hawkama verify)",
        "fr": "Signature numérique (vérifiée par hawkama verify)",
    },
    "no_review": {
        "en": "No review has been recorded in the assessment yet.",
        "ar": "لم تُسجَّل أي مراجعة في التقييم بعد.",
        "fr": "Aucun examen n'est encore consigné dans l'évaluation.",
    },
    "annex": {"en": "Annex", "ar": "الملحق", "fr": "Annexe"},
    "sources_cited": {"en": "Sources cited", "ar": "المصادر المستشهد بها", "fr": "Sources citées"},
    "title": {"en": "Title", "ar": "العنوان", "fr": "Titre"},
    "publisher": {"en": "Publisher", "ar": "الناشر", "fr": "Éditeur"},
    "year": {"en": "Year", "ar": "السنة", "fr": "Année"},
    "not_applicable": {
        "en": "Questions not applicable",
        "ar": "أسئلة لا تنطبق",
        "fr": "Questions non applicables",
    },
    "none": {"en": "None.", "ar": "لا يوجد.", "fr": "Aucune."},
    "ignored": {"en": "Answers ignored", "ar": "إجابات مُهملة", "fr": "Réponses ignorées"},
    "ignored_na": {
        "en": "the question does not apply",
        "ar": "السؤال لا ينطبق",
        "fr": "la question ne s'applique pas",
    },
    "ignored_unknown": {
        "en": "no such question in the policy",
        "ar": "لا يوجد سؤال بهذا الرمز في السياسة",
        "fr": "aucune question de ce nom dans la politique",
    },
    "integrity": {"en": "Integrity", "ar": "السلامة", "fr": "Intégrité"},
    "policy_hash": {"en": "Policy hash", "ar": "بصمة السياسة", "fr": "Empreinte de la politique"},
    "assessment_hash": {
        "en": "Assessment hash",
        "ar": "بصمة التقييم",
        "fr": "Empreinte de l'évaluation",
    },
    "embedded_files": {
        "en": "Files embedded in this PDF (SHA-256 of the bytes)",
        "ar": "الملفات المضمَّنة في هذا الملف (بصمة SHA-256)",
        "fr": "Fichiers joints à ce PDF (SHA-256 des octets)",
    },
    "generator": {"en": "Produced by", "ar": "أُنتج بواسطة", "fr": "Produit par"},
    "how_verify": {
        "en": "How to verify this report",
        "ar": "كيفية التحقق من هذا التقرير",
        "fr": "Comment vérifier ce rapport",
    },
    "verify_text": {
        "en": "This PDF carries the assessment, the policy and its rubrics exactly as they were "
        "scored, and the result. Run the command below: it re-scores the embedded files and "
        "compares the outcome with the verdict and scores recorded here.",
        "ar": "يحمل هذا الملف التقييم والسياسة ومعاييرها كما قُيِّمت تمامًا، مع النتيجة. شغِّل الأمر "
        "أدناه: يعيد تقييم الملفات المضمَّنة ويقارن الناتج بالحكم والدرجات المسجلة هنا.",
        "fr": "Ce PDF contient l'évaluation, la politique et ses grilles telles qu'elles ont été "
        "notées, ainsi que le résultat. La commande ci-dessous les note à nouveau et compare "
        "le résultat au verdict et aux scores consignés ici.",
    },
    "completeness": {"en": "Completeness", "ar": "اكتمال الإجابات", "fr": "Complétude"},
    "answered": {"en": "answered", "ar": "تمت الإجابة", "fr": "répondues"},
    "applicable": {"en": "applicable", "ar": "منطبقة", "fr": "applicables"},
    "page": {"en": "Page", "ar": "صفحة", "fr": "Page"},
    "page_of": {"en": "of", "ar": "من", "fr": "sur"},
    "flag_prohibit": {"en": "prohibit", "ar": "حظر", "fr": "interdiction"},
    "flag_block": {"en": "block", "ar": "منع", "fr": "blocage"},
    "flag_escalate": {"en": "escalate", "ar": "تصعيد", "fr": "escalade"},
    "flag_condition": {"en": "condition", "ar": "شرط", "fr": "condition"},
    "flag_prerequisite": {"en": "prerequisite", "ar": "متطلب مسبق", "fr": "prérequis"},
    "kind_mitigation": {"en": "mitigation", "ar": "إجراء تخفيف", "fr": "atténuation"},
    "yes": {"en": "yes", "ar": "نعم", "fr": "oui"},
    "no": {"en": "no", "ar": "لا", "fr": "non"},
    # Issue 7: the changes since the last review, and the decision beside the verdict.
    "changes": {
        "en": "Changes since the last review",
        "ar": "التغييرات منذ المراجعة السابقة",
        "fr": "Changements depuis le dernier examen",
    },
    "previous_version": {
        "en": "Previous version",
        "ar": "النسخة السابقة",
        "fr": "Version précédente",
    },
    "git_revision": {"en": "git revision", "ar": "مراجعة git", "fr": "révision git"},
    "in_english": {"en": "(in English)", "ar": "(بالإنجليزية)", "fr": "(en anglais)"},
    "verdict_before": {"en": "Verdict before", "ar": "الحكم السابق", "fr": "Verdict précédent"},
    "verdict_now": {"en": "Verdict now", "ar": "الحكم الحالي", "fr": "Verdict actuel"},
    "changes_made": {
        "en": "What changed, and what each change did",
        "ar": "ما الذي تغيّر، وأثر كل تغيير",
        "fr": "Ce qui a changé, et l'effet de chaque changement",
    },
    "change": {"en": "Change", "ar": "التغيير", "fr": "Changement"},
    "effect_scores": {
        "en": "Residual scores",
        "ar": "الدرجات المتبقية",
        "fr": "Scores résiduels",
    },
    "flags_raised": {"en": "Flags raised", "ar": "مؤشرات رُفعت", "fr": "Signalements ajoutés"},
    "flags_cleared": {"en": "Flags cleared", "ar": "مؤشرات زالت", "fr": "Signalements retirés"},
    "becomes": {"en": "becomes", "ar": "يصبح", "fr": "devient"},
    "unchanged": {"en": "unchanged", "ar": "دون تغيير", "fr": "inchangé"},
    "each_alone": {
        "en": "Each change is applied alone to the previous version and re-scored.",
        "ar": "طُبِّق كل تغيير وحده على النسخة السابقة وأُعيد التقييم.",
        "fr": "Chaque changement est appliqué seul à la version précédente, puis noté à nouveau.",
    },
    "no_changes": {
        "en": "No answer or mitigation changed.",
        "ar": "لم تتغير أي إجابة أو إجراء تخفيف.",
        "fr": "Aucune réponse ni mesure d'atténuation n'a changé.",
    },
    "residual_scores": {
        "en": "Residual scores, before and now",
        "ar": "الدرجات المتبقية، قبل والآن",
        "fr": "Scores résiduels, avant et maintenant",
    },
    "before": {"en": "Before", "ar": "قبل", "fr": "Avant"},
    "now": {"en": "Now", "ar": "الآن", "fr": "Maintenant"},
    "difference": {"en": "Difference", "ar": "الفرق", "fr": "Écart"},
    "band_before": {"en": "Band before", "ar": "المستوى السابق", "fr": "Niveau précédent"},
    "band_now": {"en": "Band now", "ar": "المستوى الحالي", "fr": "Niveau actuel"},
    "computed_verdict": {
        "en": "Computed verdict",
        "ar": "الحكم المحسوب",
        "fr": "Verdict calculé",
    },
    "committee_decision": {
        "en": "Committee's decision",
        "ar": "قرار اللجنة",
        "fr": "Décision du comité",
    },
    "departs": {
        "en": "departs from the computed verdict",
        "ar": "يخالف الحكم المحسوب",
        "fr": "s'écarte du verdict calculé",
    },
    # Issue 4: the values a policy computes (the Canada AIA's raw impact, mitigation...).
    "computed_values": {"en": "Computed values", "ar": "القيم المحسوبة", "fr": "Valeurs calculées"},
    "value": {"en": "Value", "ar": "القيمة", "fr": "Valeur"},
}


def label(key: str, lang: str) -> str:
    """The label in ``lang``, else English (a KeyError for an unknown key: a template typo)."""
    return text(LABELS[key], lang)

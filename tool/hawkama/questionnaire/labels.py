"""What the questionnaire says, in English and Arabic.

Lines stay short and carry no box drawing: Arabic terminals reorder mixed text, and a
frame of ASCII around right-to-left words falls apart. Placeholders use str.format.
"""

from __future__ import annotations

from typing import Any

from hawkama.i18n import text

LABELS: dict[str, dict[str, str]] = {
    # --- the question loop -------------------------------------------------------
    "hint_single": {
        "en": "number or id",
        "ar": "رقم الخيار أو معرّفه",
    },
    "hint_multiple": {
        "en": "numbers or ids, e.g. 1,3",
        "ar": "أرقام أو معرّفات، مثل 1,3",
    },
    "hint_unknown": {"en": "u = don't know", "ar": "u = لا أعرف"},
    "hint_scale": {"en": "a whole number {lo}-{hi}", "ar": "عدد صحيح من {lo} إلى {hi}"},
    "hint_number": {"en": "a number", "ar": "رقم"},
    "hint_date": {"en": "a date YYYY-MM-DD", "ar": "تاريخ بصيغة YYYY-MM-DD"},
    "hint_text": {"en": "text", "ar": "نص"},
    "hint_risk": {
        "en": "likelihood x impact, e.g. 3x4 (1-{lm} x 1-{im})",
        "ar": "الاحتمال x الأثر، مثل 3x4 (1-{lm} x 1-{im})",
    },
    "hint_keys": {
        "en": "? help, < back, ! verdict, Enter skip, q quit",
        "ar": "? مساعدة، < رجوع، ! الحكم، Enter تخطٍّ، q خروج",
    },
    "hint_keys_keep": {
        "en": "? help, < back, ! verdict, Enter keep, - clear, q quit",
        "ar": "? مساعدة، < رجوع، ! الحكم، Enter إبقاء، - مسح، q خروج",
    },
    "hint_note": {"en": "add a note after #", "ar": "أضف ملاحظة بعد #"},
    "answer": {"en": "Answer", "ar": "الإجابة"},
    "current": {"en": "current answer: {value}", "ar": "الإجابة الحالية: {value}"},
    "current_note": {"en": "note: {note}", "ar": "ملاحظة: {note}"},
    "saved_answer": {"en": "saved: {value}", "ar": "حُفظت: {value}"},
    "skipped": {"en": "skipped, left unanswered", "ar": "تم التخطي، بلا إجابة"},
    "cleared": {"en": "answer cleared", "ar": "مُسحت الإجابة"},
    "kept": {"en": "kept", "ar": "أُبقيت"},
    "no_previous": {"en": "this is the first question", "ar": "هذا هو السؤال الأول"},
    "intake": {"en": "Intake", "ar": "بيانات أولية"},
    "question_n": {"en": "question", "ar": "السؤال"},
    "unanswered": {"en": "unanswered", "ar": "بلا إجابة"},
    # --- parse errors ------------------------------------------------------------
    "err_not_option": {
        "en": "{token!r} is not an option; type {allowed}",
        "ar": "{token!r} ليس خيارًا؛ اكتب {allowed}",
    },
    "err_one_only": {
        "en": "choose one option only",
        "ar": "اختر خيارًا واحدًا فقط",
    },
    "err_repeated": {"en": "{token!r} is chosen twice", "ar": "{token!r} مختار مرتين"},
    "err_no_unknown": {
        "en": 'this question has no "don\'t know" option; press Enter to skip it',
        "ar": 'لا يوجد خيار "لا أعرف" لهذا السؤال؛ اضغط Enter للتخطي',
    },
    "err_scale": {
        "en": "type a whole number from {lo} to {hi}",
        "ar": "اكتب عددًا صحيحًا من {lo} إلى {hi}",
    },
    "err_number": {"en": "type a number, e.g. 12 or 3.5", "ar": "اكتب رقمًا، مثل 12 أو 3.5"},
    "err_date": {
        "en": "type a date as YYYY-MM-DD, e.g. 2027-03-01",
        "ar": "اكتب التاريخ بصيغة YYYY-MM-DD، مثل 2027-03-01",
    },
    "err_risk": {
        "en": "type likelihood x impact, e.g. 3x4 (likelihood 1-{lm}, impact 1-{im})",
        "ar": "اكتب الاحتمال x الأثر، مثل 3x4 (الاحتمال 1-{lm}، الأثر 1-{im})",
    },
    "err_text_long": {"en": "the text is too long", "ar": "النص طويل جدًا"},
    # --- help and verdict --------------------------------------------------------
    "help": {"en": "Help", "ar": "مساعدة"},
    "no_help": {"en": "(no help text for this question)", "ar": "(لا يوجد نص مساعدة)"},
    "sources": {"en": "Sources", "ar": "المصادر"},
    "applies_when": {"en": "applies when: {when}", "ar": "ينطبق عندما: {when}"},
    "verdict": {"en": "Verdict so far", "ar": "الحكم حتى الآن"},
    "not_scored": {"en": "not scored", "ar": "غير مُقيَّم"},
    "no_band": {"en": "no answers yet", "ar": "لا إجابات بعد"},
    # --- mitigations -------------------------------------------------------------
    "mitigation": {"en": "Mitigation {id}", "ar": "إجراء تخفيف {id}"},
    "mitigation_hint": {
        "en": "p proposed, c committed, i implemented, n not planned, Enter keeps.\n"
        "Owner and due date may follow: c ; Traffic Dept ; 2027-03-01",
        "ar": "p مقترح، c ملتزم به، i منفّذ، n غير مخطط له، Enter للإبقاء.\n"
        "يمكن إضافة الجهة والموعد: c ; إدارة المرور ; 2027-03-01",
    },
    "status": {"en": "Status", "ar": "الحالة"},
    "status_proposed": {"en": "proposed", "ar": "مقترح"},
    "status_committed": {"en": "committed", "ar": "ملتزم به"},
    "status_implemented": {"en": "implemented", "ar": "منفّذ"},
    "status_not_planned": {"en": "not planned", "ar": "غير مخطط له"},
    "err_status": {
        "en": "type p, c, i or n (optionally ; owner ; YYYY-MM-DD)",
        "ar": "اكتب p أو c أو i أو n (ويمكن إضافة ; الجهة ; YYYY-MM-DD)",
    },
    # --- project details ---------------------------------------------------------
    "project_intro": {
        "en": "Project details. Enter keeps the value shown, - clears it.",
        "ar": "بيانات المشروع. Enter يُبقي القيمة الظاهرة، و - يمسحها.",
    },
    "field_id": {"en": "Project id", "ar": "معرّف المشروع"},
    "field_title": {"en": "Title", "ar": "العنوان"},
    "field_governorate": {"en": "Governorate", "ar": "المحافظة"},
    "field_city": {"en": "City", "ar": "المدينة"},
    "field_sector": {"en": "Sector", "ar": "القطاع"},
    "field_owner": {"en": "Owner (department)", "ar": "الجهة المالكة"},
    "field_stage": {"en": "Stage", "ar": "المرحلة"},
    "field_summary": {"en": "Summary", "ar": "ملخص"},
    "err_project_id": {
        "en": "use letters, digits, '.', '_' or '-' (up to 80), e.g. DAM-2026-004",
        "ar": "استخدم حروفًا لاتينية وأرقامًا و . و _ و - (حتى 80)، مثل DAM-2026-004",
    },
    "err_required": {"en": "this one is needed", "ar": "هذا الحقل مطلوب"},
    # --- start and end -----------------------------------------------------------
    "created": {
        "en": "Created {path} (policy {policy} {version}).",
        "ar": "أُنشئ الملف {path} (السياسة {policy} {version}).",
    },
    "resume": {"en": "Resuming at {qid}.", "ar": "استئناف عند {qid}."},
    "review_intro": {
        "en": "Review: Enter keeps each answer, - clears it.",
        "ar": "مراجعة: Enter يُبقي كل إجابة، و - يمسحها.",
    },
    "all_answered": {
        "en": "All applicable questions are answered.",
        "ar": "تمت الإجابة عن كل الأسئلة المنطبقة.",
    },
    "nothing_left": {
        "en": "Nothing left to answer. To change answers: hawkama assess {path} --review",
        "ar": "لا أسئلة متبقية. لتعديل الإجابات: hawkama assess {path} --review",
    },
    "missing": {
        "en": "{n} required question(s) still unanswered.",
        "ar": "عدد الأسئلة الإلزامية بلا إجابة: {n}.",
    },
    "quit": {
        "en": "Saved {path}. Continue with: hawkama assess {path}",
        "ar": "حُفظ {path}. للمتابعة: hawkama assess {path}",
    },
    "next_step": {
        "en": "Saved {path}. Score it with: hawkama score {path}",
        "ar": "حُفظ {path}. للتقييم: hawkama score {path}",
    },
    # --- the skeleton's comments -------------------------------------------------
    "sk_head": {
        "en": "Hawkama assessment. Fill in the answers below, or run: hawkama assess {path}",
        "ar": "تقييم حوكمة. املأ الإجابات أدناه، أو شغّل: hawkama assess {path}",
    },
    "sk_check": {
        "en": "Check it with: hawkama validate {path}",
        "ar": "للتحقق: hawkama validate {path}",
    },
    "sk_options": {"en": "options", "ar": "الخيارات"},
    "sk_unknown": {"en": "don't know", "ar": "لا أعرف"},
    "sk_na": {"en": "not applicable", "ar": "لا ينطبق"},
    "sk_single": {"en": "answer: one option id", "ar": "الإجابة: معرّف خيار واحد"},
    "sk_yesno": {"en": "answer: yes or no", "ar": "الإجابة: yes أو no"},
    "sk_multiple": {
        "en": "answer: a list of option ids, e.g. [a, b]",
        "ar": "الإجابة: قائمة معرّفات، مثل [a, b]",
    },
    "sk_scale": {"en": "answer: a whole number {lo}-{hi}", "ar": "الإجابة: عدد صحيح {lo}-{hi}"},
    "sk_number": {"en": "answer: a number", "ar": "الإجابة: رقم"},
    "sk_text": {"en": "answer: text", "ar": "الإجابة: نص"},
    "sk_date": {"en": "answer: a date YYYY-MM-DD", "ar": "الإجابة: تاريخ YYYY-MM-DD"},
    "sk_risk": {
        "en": "answer: likelihood x impact, e.g. 3x4 (1-{lm} x 1-{im})",
        "ar": "الإجابة: الاحتمال x الأثر، مثل 3x4 (1-{lm} x 1-{im})",
    },
    "sk_mitigations": {
        "en": "mitigations (record under mitigations: with status "
        "proposed|committed|implemented|not_planned)",
        "ar": "إجراءات التخفيف (تُسجّل تحت mitigations: بالحالة "
        "proposed|committed|implemented|not_planned)",
    },
    "sk_mitigations_head": {
        "en": "Mitigation commitments, e.g. PRV-03-M1: {{status: committed, due: 2027-03-01}}",
        "ar": "الالتزام بإجراءات التخفيف، مثل PRV-03-M1: {{status: committed, due: 2027-03-01}}",
    },
    "sk_review_head": {
        "en": "The committee's review record (reviewers, decision, conditions) goes under review:",
        "ar": "سجل مراجعة اللجنة (المراجعون، القرار، الشروط) يُكتب تحت review:",
    },
}


def t(key: str, lang: str, **values: Any) -> str:
    """The label in ``lang`` (English when missing), with ``values`` filled in."""
    return text(LABELS[key], lang).format(**values)


# French, for policies written in French (Canada's AIA): Hawkama's own translation,
# kept apart so that the English-Arabic table above reads as before.
_FRENCH: dict[str, str] = {
    "hint_single": "numéro ou identifiant",
    "hint_multiple": "numéros ou identifiants, p. ex. 1,3",
    "hint_unknown": "u = je ne sais pas",
    "hint_scale": "un nombre entier de {lo} à {hi}",
    "hint_number": "un nombre",
    "hint_date": "une date AAAA-MM-JJ",
    "hint_text": "texte",
    "hint_risk": "probabilité x incidence, p. ex. 3x4 (1-{lm} x 1-{im})",
    "hint_keys": "? aide, < retour, ! verdict, Entrée passer, q quitter",
    "hint_keys_keep": "? aide, < retour, ! verdict, Entrée garder, - effacer, q quitter",
    "hint_note": "ajoutez une note après #",
    "answer": "Réponse",
    "current": "réponse actuelle : {value}",
    "current_note": "note : {note}",
    "saved_answer": "enregistré : {value}",
    "skipped": "passée, laissée sans réponse",
    "cleared": "réponse effacée",
    "kept": "gardée",
    "no_previous": "c'est la première question",
    "intake": "Renseignements préliminaires",
    "question_n": "question",
    "unanswered": "sans réponse",
    "err_not_option": "{token!r} n'est pas un choix; tapez {allowed}",
    "err_one_only": "choisissez un seul choix",
    "err_repeated": "{token!r} est choisi deux fois",
    "err_no_unknown": "cette question n'a pas de choix « je ne sais pas »; Entrée pour la passer",
    "err_scale": "tapez un nombre entier de {lo} à {hi}",
    "err_number": "tapez un nombre, p. ex. 12 ou 3.5",
    "err_date": "tapez une date AAAA-MM-JJ, p. ex. 2027-03-01",
    "err_risk": "tapez probabilité x incidence, p. ex. 3x4 (probabilité 1-{lm}, incidence 1-{im})",
    "err_text_long": "le texte est trop long",
    "help": "Aide",
    "no_help": "(pas de texte d'aide pour cette question)",
    "sources": "Sources",
    "applies_when": "s'applique quand : {when}",
    "verdict": "Verdict à ce stade",
    "not_scored": "non noté",
    "no_band": "pas encore de réponses",
    "mitigation": "Mesure d'atténuation {id}",
    "mitigation_hint": "p proposée, c engagée, i mise en œuvre, n non prévue, Entrée garde.\n"
    "Responsable et échéance peuvent suivre : c ; Service de la circulation ; 2027-03-01",
    "status": "État",
    "status_proposed": "proposée",
    "status_committed": "engagée",
    "status_implemented": "mise en œuvre",
    "status_not_planned": "non prévue",
    "err_status": "tapez p, c, i ou n (et si vous voulez ; responsable ; AAAA-MM-JJ)",
    "project_intro": "Détails du projet. Entrée garde la valeur affichée, - l'efface.",
    "field_id": "Identifiant du projet",
    "field_title": "Titre",
    "field_governorate": "Province ou gouvernorat",
    "field_city": "Ville",
    "field_sector": "Secteur",
    "field_owner": "Responsable (ministère, service)",
    "field_stage": "Étape",
    "field_summary": "Résumé",
    "err_project_id": "lettres, chiffres, '.', '_' ou '-' (80 au plus), p. ex. DAM-2026-004",
    "err_required": "celui-ci est nécessaire",
    "created": "{path} créé (politique {policy} {version}).",
    "resume": "Reprise à {qid}.",
    "review_intro": "Révision : Entrée garde chaque réponse, - l'efface.",
    "all_answered": "Toutes les questions applicables ont une réponse.",
    "nothing_left": "Plus rien à répondre. Pour changer des réponses : "
    "hawkama assess {path} --review",
    "missing": "{n} question(s) obligatoire(s) encore sans réponse.",
    "quit": "{path} enregistré. Pour continuer : hawkama assess {path}",
    "next_step": "{path} enregistré. Pour le noter : hawkama score {path}",
    "sk_head": "Évaluation Hawkama. Remplissez les réponses ci-dessous, ou lancez : "
    "hawkama assess {path}",
    "sk_check": "Pour la vérifier : hawkama validate {path}",
    "sk_options": "choix",
    "sk_unknown": "je ne sais pas",
    "sk_na": "sans objet",
    "sk_single": "réponse : l'identifiant d'un choix",
    "sk_yesno": "réponse : yes ou no",
    "sk_multiple": "réponse : une liste d'identifiants, p. ex. [a, b]",
    "sk_scale": "réponse : un nombre entier {lo}-{hi}",
    "sk_number": "réponse : un nombre",
    "sk_text": "réponse : texte",
    "sk_date": "réponse : une date AAAA-MM-JJ",
    "sk_risk": "réponse : probabilité x incidence, p. ex. 3x4 (1-{lm} x 1-{im})",
    "sk_mitigations": "mesures d'atténuation (à inscrire sous mitigations: avec l'état "
    "proposed|committed|implemented|not_planned)",
    "sk_mitigations_head": "Engagements d'atténuation, p. ex. "
    "PRV-03-M1: {{status: committed, due: 2027-03-01}}",
    "sk_review_head": "Le dossier d'examen du comité (examinateurs, décision, conditions) "
    "va sous review:",
}
for _key, _text in _FRENCH.items():
    LABELS[_key]["fr"] = _text

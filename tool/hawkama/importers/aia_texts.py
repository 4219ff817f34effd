"""Fixed texts of the imported AIA policy: sources, the scoring rule and the four levels.

The level texts summarise, in our own words, what the Directive on Automated
Decision-Making asks at each impact level (its Appendix C is the authority); they
are deliberately short so that nobody mistakes them for the Directive itself.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from hawkama.importers import AIA_REQUIREMENT_PREFIX

DADM_URL = "https://www.tbs-sct.canada.ca/pol/doc-eng.aspx?id=32592"

SOURCES: list[dict[str, Any]] = [
    {
        "id": "aia-eia-js",
        "title": {
            "en": "Algorithmic Impact Assessment tool (aia-eia-js), MIT licence, © Government of "
            "Canada",
            "fr": "Outil d'évaluation de l'incidence algorithmique (aia-eia-js), licence MIT, "
            "© gouvernement du Canada",
        },
        "publisher": "Government of Canada",
        "year": 2019,
        "url": "https://github.com/canada-ca/aia-eia-js",
    },
    {
        "id": "dadm",
        "title": {
            "en": "Directive on Automated Decision-Making",
            "fr": "Directive sur la prise de décisions automatisée",
        },
        "publisher": "Treasury Board of Canada Secretariat",
        "year": 2019,
        "url": DADM_URL,
    },
]

# label, meaning, next steps for levels I to IV (en, fr).
LEVELS: list[dict[str, dict[str, str]]] = [
    {
        "label": {
            "en": "Impact level I (little to no impact)",
            "fr": "Niveau d'incidence I (incidence faible ou nulle)",
        },
        "meaning": {
            "en": "Decisions will likely have little to no impact, and the impacts are reversible"
            " and brief.",
            "fr": "Les décisions auront probablement une incidence faible ou nulle, réversible et"
            " brève.",
        },
        "next_steps": {
            "en": "Meet the level I requirements of the Directive on Automated Decision-Making "
            "(notice, explanation, training, contingency); the assistant deputy minister "
            "responsible "
            "approves the system. Publish the AIA.",
            "fr": "Respecter les exigences du niveau I de la Directive sur la prise de décisions "
            "automatisée (avis, explication, formation, plan d'urgence); le sous-ministre adjoint "
            "responsable approuve le système. Publier l'EIA.",
        },
    },
    {
        "label": {
            "en": "Impact level II (moderate impact)",
            "fr": "Niveau d'incidence II (incidence modérée)",
        },
        "meaning": {
            "en": "Decisions will likely have moderate impacts that are likely reversible and "
            "short-term.",
            "fr": "Les décisions auront probablement une incidence modérée, vraisemblablement "
            "réversible "
            "et à court terme.",
        },
        "next_steps": {
            "en": "Meet the level II requirements of the Directive, including peer review and GBA"
            " Plus; "
            "the assistant deputy minister responsible approves the system. Publish the AIA.",
            "fr": "Respecter les exigences du niveau II de la Directive, dont l'examen par les "
            "pairs et "
            "l'ACS Plus; le sous-ministre adjoint responsable approuve le système. Publier l'EIA.",
        },
    },
    {
        "label": {
            "en": "Impact level III (high impact)",
            "fr": "Niveau d'incidence III (incidence élevée)",
        },
        "meaning": {
            "en": "Decisions will likely have high impacts that can be difficult to reverse and "
            "are ongoing.",
            "fr": "Les décisions auront probablement une incidence élevée, difficile à renverser "
            "et continue.",
        },
        "next_steps": {
            "en": "Meet the level III requirements of the Directive: a human makes the final "
            "decision, "
            "peer review is published, and the deputy head approves the system.",
            "fr": "Respecter les exigences du niveau III de la Directive : une personne prend la "
            "décision "
            "finale, l'examen par les pairs est publié et l'administrateur général approuve le "
            "système.",
        },
    },
    {
        "label": {
            "en": "Impact level IV (very high impact)",
            "fr": "Niveau d'incidence IV (incidence très élevée)",
        },
        "meaning": {
            "en": "Decisions will likely have very high impacts that are irreversible and "
            "perpetual.",
            "fr": "Les décisions auront probablement une incidence très élevée, irréversible et "
            "perpétuelle.",
        },
        "next_steps": {
            "en": "Meet the level IV requirements of the Directive: a human makes the final "
            "decision, "
            "two peer reviews, and approval by the Treasury Board before the system operates.",
            "fr": "Respecter les exigences du niveau IV de la Directive : une personne prend la "
            "décision "
            "finale, deux examens par les pairs et l'approbation du Conseil du Trésor avant "
            "l'exploitation.",
        },
    },
]

NUMERALS = ("I", "II", "III", "IV")

# The AIA's scoring rule (calculateFinalScore in src/store.ts), operation for
# operation so that floating point gives the same results as its JavaScript.
VALUES: list[tuple[str, str, dict[str, str]]] = [
    (
        "raw_impact",
        "total_inherent('{r}:impact')",
        {"en": "Raw impact score", "fr": "Score d'incidence brut"},
    ),
    (
        "mitigation",
        "total_inherent('{r}:mitigation')",
        {"en": "Mitigation score", "fr": "Score d'atténuation"},
    ),
    # Static maxima: hidden follow-ups and both phase copies count, as in the AIA.
    (
        "max_raw_impact",
        "total_max_static('{r}:impact')",
        {"en": "Maximum raw impact score", "fr": "Score d'incidence brut maximal"},
    ),
    (
        "max_mitigation",
        "total_max_static('{r}:mitigation')",
        {
            "en": "Maximum mitigation score (both phases)",
            "fr": "Score d'atténuation maximal (deux phases)",
        },
    ),
    # The AIA halves the maximum because every mitigation page exists once per phase.
    (
        "mitigation_threshold",
        "0.8 * (max_mitigation / 2)",
        {
            "en": "Mitigation needed for the deduction",
            "fr": "Atténuation requise pour la déduction",
        },
    ),
    (
        "deduction_applied",
        "mitigation >= mitigation_threshold",
        {"en": "15% deduction applied", "fr": "Déduction de 15 % appliquée"},
    ),
    (
        "current_score",
        "round_half_up((1 - 0.15) * raw_impact) if deduction_applied else raw_impact",
        {"en": "Current score", "fr": "Score actuel"},
    ),
    (
        "impact_level",
        "1 if current_score <= max_raw_impact * 0.25 else (2 if current_score <= max_raw_impact *"
        " 0.5 "
        "else (3 if current_score <= max_raw_impact * 0.75 else 4))",
        {"en": "Impact level", "fr": "Niveau d'incidence"},
    ),
]


@cache
def results_texts() -> dict[str, Any]:
    """The AIA results page's labels and requirement texts (its en.json / fr.json, v1.0.1).

    Shipped as package data; Arabic labels are ours.
    """
    path = resources.files("hawkama") / "data" / "aia" / "results.v1.0.1.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def requirement_findings() -> list[dict[str, Any]]:
    """One finding per requirement and impact level; the level's seven fire in a result.

    The texts are the Directive's requirements as the AIA tool prints them for a level
    (notice, explanation, peer review, GBA Plus, training, human involvement, approval).
    """
    out = []
    for req in results_texts()["requirements"]:
        for level, body in enumerate(req["levels"], start=1):
            out.append(
                {
                    "id": f"{AIA_REQUIREMENT_PREFIX}{req['id']}_{level}",
                    "when": f"impact_level == {level}",
                    "title": req["title"],
                    "text": body,
                    "sources": ["dadm"],
                }
            )
    return out

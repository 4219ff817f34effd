"""The imported Canada AIA through `hawkama report`, in English and in French (issue 4).

Worked example C (EXPECTED.md): raw impact 57, mitigation 65, current score 48, level II.
Two PDF renders (module fixture), read back with pypdf.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from hawkama.cli import cli
from hawkama.locale import label

AIA = Path(__file__).resolve().parent / "data" / "aia"
EXAMPLE_C = AIA / "worked-examples" / "answers-C-realistic-middle.v1.0.1.json"

LEVEL_II = {"en": "Impact level II (moderate impact)", "fr": "Niveau d'incidence II"}
# (label, value) rows of the computed values table, as pypdf reads them.
VALUES = {
    "en": [
        ("Raw impact score raw_impact", "57"),
        ("Mitigation score mitigation", "65"),
        ("Current score current_score", "48"),
        ("Impact level impact_level", "2"),
    ],
    "fr": [
        ("Score d'incidence brut raw_impact", "57"),
        ("Score d'atténuation mitigation", "65"),
        ("Score actuel current_score", "48"),
        ("Niveau d'incidence impact_level", "2"),
    ],
}


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pypdf.PdfReader]:
    tmp = tmp_path_factory.mktemp("aia-report")
    runner = CliRunner()
    out = {}
    for lang in ("en", "fr"):
        # The policy shipped with Hawkama, named by its id.
        args = ["report", "--policy", "aia-canada", str(EXAMPLE_C), "--lang", lang]
        done = runner.invoke(cli, [*args, "--date", "2026-11-26", "-o", str(tmp / "out")])
        assert done.exit_code == 0, done.output
        suffix = "" if lang == "en" else ".fr"
        out[lang] = pypdf.PdfReader(tmp / "out" / f"{EXAMPLE_C.stem}{suffix}.pdf")
    return out


def text_of(reader: pypdf.PdfReader, first: int = 0, last: int = 2) -> str:
    return normal(" ".join(p.extract_text() for p in reader.pages[first:last]))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_verdict_is_level_two(reports: dict[str, pypdf.PdfReader], lang: str) -> None:
    reader = reports[lang]
    assert LEVEL_II[lang] in text_of(reader, 0, 1)  # the cover
    assert reader.metadata is not None and reader.metadata["/verdict"] == "LEVEL_II"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_four_figures_are_shown(reports: dict[str, pypdf.PdfReader], lang: str) -> None:
    summary = text_of(reports[lang], 1, 2)
    assert label("report.computed_values", lang) in summary
    for name, value in VALUES[lang]:
        assert f"{name} {value} " in summary, name
    # Inherent and residual scores of the one dimension: raw impact and current score.
    assert "57" in summary and "48" in summary


def test_french_report_has_french_fixed_parts(reports: dict[str, pypdf.PdfReader]) -> None:
    text = text_of(reports["fr"], 0, len(reports["fr"].pages))
    for key in ("exec_summary", "charts", "committee", "annex", "embedded_files"):
        assert label(f"report.{key}", "fr") in text, key
    assert "1. Synthèse" in text
    assert "Executive summary" not in text
    assert "Évaluation de l'incidence algorithmique" in text  # the policy's French title


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sources_are_attached(reports: dict[str, pypdf.PdfReader], lang: str) -> None:
    names = set(reports[lang].attachments)
    assert names == {
        f"assessment/{EXAMPLE_C.name}",
        "policy/policy.yaml",
        "policy/aia.yaml",
        "result.json",
        "hawkama.json",
    }
    assert reports[lang].attachments[f"assessment/{EXAMPLE_C.name}"][0] == EXAMPLE_C.read_bytes()


RESULTS = {
    "en": (
        "Algorithmic Impact Assessment Results",
        "Risk Area No. of Questions Project Score Maximum Score",
        "Requirements Specific to Impact Level II",
        "Peer review",
        "Assistant deputy minister responsible for the program.",
    ),
    "fr": (
        "Résultats de l'évaluation de l'incidence algorithmique",
        "Secteur de risque Nombre de questions Cote du projet Cote maximale",
        "Exigences spécifiques au niveau d'incidence II",
        "Examen par les pairs",
        "Sous-ministre adjoint ou sous-ministre adjointe responsable du programme",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_aia_results_section_is_shaped_like_the_aias_own(
    reports: dict[str, pypdf.PdfReader], lang: str
) -> None:
    text = text_of(reports[lang], 0, 5)
    title, header, requirements, peer, _ = RESULTS[lang]
    for part in RESULTS[lang]:
        assert part in text, part
    assert text.index(title) < text.index(header) < text.index(requirements) < text.index(peer)
    # Totals of the area tables: the official figures of example C (raw 57 of 167,
    # mitigation 65 of the 77 a phase can give), 70 scored impact questions, 45 per phase.
    assert "Total 70 57 167" in text
    assert "Total 45 65 77" in text
    area = {"en": "Impact Assessment", "fr": "Évaluation de l'incidence"}[lang]
    assert re.search(rf"{area} \d+ \d+ 52 ", text)  # the impact page's static maximum
    # The requirements are not repeated among the derived findings.
    assert text_of(reports[lang], 0, len(reports[lang].pages)).count(peer) == 1

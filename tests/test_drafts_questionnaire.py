"""hawkama draft questionnaire: the printable blank form, with rules in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from hawkama.drafts.words import rule_in_words
from hawkama.policy.compiled import PolicySet
from hawkama.policy.load import load_policy_set
from tests.conftest import ROOT

DATE = "2026-05-01"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def policy() -> PolicySet:
    return load_policy_set(ROOT / "rubrics")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_question_by_section_with_boxes(tmp_path: Path, policy: PolicySet, lang: str) -> None:
    r = invoke(
        "draft",
        "questionnaire",
        "-o",
        str(tmp_path),
        "--lang",
        lang,
        "--format",
        "html",
        "--date",
        DATE,
    )
    assert r.exit_code == 0, r.output
    (path,) = tmp_path.glob("*.html")
    html = path.read_text(encoding="utf-8")
    for qid in policy.questions:
        assert f'class="code">{qid.removeprefix("intake.")}</bdi>' in html, qid
    boxes = html.count('<span class="box">')
    assert boxes >= sum(len(qd.options) for qd in policy.questions.values())
    assert policy.hash in html
    assert html.index("C-01") < html.index("ETH-01") < html.index("RSK-15")


def test_rules_in_words(policy: PolicySet) -> None:
    assert rule_in_words("intake.C-04 == 'yes'", policy, "en") == "C-04 is \u201cYes\u201d"
    assert rule_in_words("intake.C-04 == 'yes'", policy, "ar") == "كانت إجابة C-04 «نعم»"
    both = rule_in_words("intake.C-04 == 'yes' and not applies(RSK-15)", policy, "en")
    assert both == "C-04 is \u201cYes\u201d and not (RSK-15 applies)"
    one_of = rule_in_words("PRV-03 in ['c', 'd']", policy, "en")
    assert one_of.startswith("PRV-03 is one of \u201c") and "', '" not in one_of
    # What has no wording is shown as written, never guessed at.
    assert rule_in_words("worst('risk') >= 20", policy, "en") == "worst('risk') >= 20"


def test_every_rule_of_the_shipped_policy_is_said_in_words(policy: PolicySet) -> None:
    for qd in policy.questions.values():
        when = qd.question.when
        if when:
            for lang in ("en", "ar"):
                assert rule_in_words(when, policy, lang) != when, (qd.id, lang)


def test_questionnaire_pdf_in_arabic(tmp_path: Path) -> None:
    from pypdf import PdfReader

    r = invoke(
        "draft",
        "questionnaire",
        "--policy",
        "smart-city",
        "-o",
        str(tmp_path),
        "--lang",
        "ar",
        "--date",
        DATE,
    )
    assert r.exit_code == 0, r.output
    (pdf,) = tmp_path.glob("*.questionnaire.ar.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) > 5
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "C-04" in text and "RSK-15" in text


def test_questionnaire_takes_no_assessment(tmp_path: Path) -> None:
    sample = next((ROOT / "assessments").glob("*.yaml"))
    r = invoke("draft", "questionnaire", str(sample), "-o", str(tmp_path))
    assert r.exit_code == 2 and "takes no ASSESSMENT" in r.output

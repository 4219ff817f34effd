"""JSON input within bounds (issue #12, item 6): depth, numbers, duplicate keys, size.

Through the real CLI on real files: an AIA questionnaire (`import aia`) and an AIA
answer file (`score`); each refusal is located, exits 2 with no traceback, and
writes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from tests.test_import_aia import AIA, SHIPPED_SURVEY

EXAMPLE = AIA / "worked-examples" / "answers-C-realistic-middle.v1.0.1.json"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def refused(result: Result, where: str, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{where}: {message}" in result.stderr, result.stderr


def import_text(tmp_path: Path, text: str) -> tuple[Result, Path, Path]:
    survey = tmp_path / "survey-enfr.v1.0.1.json"
    survey.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    return run("import", "aia", survey, "-o", out), survey, out


def score_text(tmp_path: Path, text: str) -> tuple[Result, Path]:
    answers = tmp_path / "answers.json"
    answers.write_text(text, encoding="utf-8")
    return run("score", "--policy", "aia-canada", answers), answers


def test_deep_nesting_is_refused_before_parsing(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    result, survey, out = import_text(tmp_path, '{"pages": [], "x":\n ' + deep + "}")
    refused(result, f"{survey}:2:65", "nesting deeper than 64 levels")
    assert not out.exists()
    answers = '{"version": "v1.0.1", "data": {"impact1": ' + deep + "}}"
    result, path = score_text(tmp_path, answers)
    refused(result, f"{path}:1:105", "nesting deeper than 64 levels")
    # Brackets inside strings are text, not nesting.
    text = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    text["data"]["projectDetailsDescription"] = "[" * 1000
    result, _ = score_text(tmp_path, json.dumps(text))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("9" * 5000, "the number 999999999999...(5000 characters) is too long"),
        ("1e999", "the number 1e999 is out of range"),
        ("NaN", "NaN is not a JSON number"),
        ("-Infinity", "-Infinity is not a JSON number"),
    ],
)
def test_numbers_out_of_range_are_located(tmp_path: Path, literal: str, message: str) -> None:
    result, survey, out = import_text(tmp_path, '{\n  "pages": [],\n  "n": ' + literal + "\n}")
    refused(result, f"{survey}:3:8", message)
    assert not out.exists()
    result, path = score_text(tmp_path, '{"version": "v1.0.1",\n "currentPage": ' + literal + "}")
    refused(result, f"{path}:2:17", message)


def test_duplicate_keys_are_located_in_surveys_and_answer_files(tmp_path: Path) -> None:
    survey = SHIPPED_SURVEY.read_text(encoding="utf-8")
    # The first choice of the first scored question gets its "value" twice.
    at = survey.index('"value": "item1-3"')
    text = survey[:at] + '"value": "item1-0", ' + survey[at:]
    result, path, out = import_text(tmp_path, text)
    line = text[:at].count("\n") + 1
    assert result.exit_code == 2
    assert f"{path}:{line}:" in result.stderr
    assert ".choices[0].value: duplicate key in a JSON object; each key may appear once" in (
        result.stderr
    )
    assert not out.exists()
    result, answers = score_text(
        tmp_path, '{"version": "v1.0.1", "data": {\n  "impact1": "a",\n  "impact1": "b"}}'
    )
    refused(result, f"{answers}:3:3", "data.impact1: duplicate key in a JSON object")


def test_a_survey_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = SHIPPED_SURVEY.read_text(encoding="utf-8")
    padding = " " * (6 * 1024 * 1024 - len(big))
    result, _, out = import_text(tmp_path, big + padding)
    assert result.exit_code == 2
    assert "the limit is 5,242,880 bytes" in result.stderr
    assert not out.exists()

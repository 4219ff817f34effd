"""Limits on untrusted input give clear, located errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from hawkama.cli import cli
from tests.conftest import MINI

HEAD = "hawkama: 1\npolicy: {id: mini, version: 1.0.0}\nproject: {id: BIG-1, title: Big}\n"


def validate(path: Path) -> str:
    result = CliRunner().invoke(cli, ["validate", "--policy", str(MINI), str(path)])
    assert result.exit_code == 2
    return str(result.stderr)


def test_too_many_answers(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        HEAD + "answers:\n" + "".join(f"  Q{i}: a\n" for i in range(5001)), encoding="utf-8"
    )
    assert "many.yaml:5:3: answers: too many items (at most 5000)" in validate(path)


def test_text_answer_too_long(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(
        HEAD + "answers:\n  P1: {value: c, note: " + "x" * 20_001 + "}\n", encoding="utf-8"
    )
    assert (
        "long.yaml:5:24: answers.P1.note: text is too long (at most 20000 characters)"
        in validate(path)
    )


def test_scalar_document(tmp_path: Path) -> None:
    path = tmp_path / "scalar.yaml"
    path.write_text("just a string\n", encoding="utf-8")
    assert "scalar.yaml:1:1: the document is a single value (str); expected a mapping" in validate(
        path
    )


def test_empty_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing here\n", encoding="utf-8")
    assert "empty.yaml: the document is empty; expected a mapping" in validate(path)


def test_crlf_and_bom_assessment_scores(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    text = (MINI / "low.yaml").read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = CliRunner().invoke(
        cli, ["score", "--policy", str(MINI), str(path)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "LOW_RISK" in result.output


def test_hostile_expression_in_rubric_is_located(tmp_path: Path) -> None:
    for f in MINI.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    rubric = tmp_path / "privacy.yaml"
    text = rubric.read_text(encoding="utf-8")
    text = text.replace("when: \"P1 == 'e'\"", 'when: "P1.__class__.__mro__"', 1)
    text = text.replace(
        "when: \"'social' in P3\"", 'when: "' + "(" * 200 + "1" + ")" * 200 + '"', 1
    )
    rubric.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "policy.yaml")])
    assert result.exit_code == 2
    assert (
        "privacy.yaml:22:16: questions[0].flags[0].when: 'P1.__class__.__mro__': "
        "names with '__' are not allowed" in result.stderr
    )
    assert (
        "privacy.yaml:49:36: questions[2].flags[0].when: expression nested deeper than 40 levels"
        in result.stderr
    )

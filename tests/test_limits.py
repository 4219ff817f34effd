"""Limits on untrusted input give clear, located errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
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


# --- issue #12, items 4 and 11: impossible dates, huge numbers, control characters ------

BAD_SCALARS = [
    ("2026-02-30", "'2026-02-30' is not a date or time that exists (day is out of range"),
    ("2026-13-01", "'2026-13-01' is not a date or time that exists (month must be in 1..12)"),
    ("2026-05-04T25:61:00", "'2026-05-04T25:61:00' is not a date or time that exists"),
    ("9" * 4301, "an integer of 4,301 characters; numbers are limited to 100 digits"),
]


@pytest.mark.parametrize(("value", "message"), BAD_SCALARS, ids=["feb30", "month13", "t25", "int"])
@pytest.mark.parametrize(
    ("name", "old", "new", "where"),
    [
        ("low.yaml", "governorate: Damietta}", "governorate: Damietta, submitted: {v}}",
         "3:82: project.submitted"),
        ("privacy.yaml", "version: 1.0.0\n", "version: 1.0.0\nreleased: {v}\n", "4:11: released"),
        ("policy.yaml", "version: 1.0.0\n", "version: 1.0.0\nreleased: {v}\n", "5:11: released"),
    ],
    ids=["assessment", "rubric", "policy"],
)  # fmt: skip
def test_impossible_dates_and_huge_integers_are_located(
    tmp_path: Path, value: str, message: str, name: str, old: str, new: str, where: str
) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new.replace("{v}", value), 1), encoding="utf-8")
    for command in ("validate", "score"):
        args = [command, "--policy", str(folder), str(folder / "low.yaml")]
        if command == "validate":
            args = ["validate", "--policy", str(folder), str(path)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert f"{name}:{where}: {message}" in result.stderr, result.stderr


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b"])
def test_control_characters_are_located(tmp_path: Path, char: str) -> None:
    path = tmp_path / "ctl.yaml"
    path.write_text(HEAD + "answers:\n  P1: {value: c, note: عربي" + char + "}\n", encoding="utf-8")
    message = validate(path)
    assert message == (
        f"Error: {path}:5:28: not valid YAML: the control character U+{ord(char):04X} is not "
        'allowed in a file; write it escaped inside double quotes (e.g. "\\x00") or remove it\n'
    )


def test_a_duplicate_key_in_a_json_answer_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(
        '{"version": "v1.0.1",\n "data": {"q1": "item1-0",\n    "q1": "item2-3"}}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}:3:5: data.q1: duplicate key in a JSON object; each key may appear once\n"
    )

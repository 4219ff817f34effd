"""`hawkama rubric check`: each lint finds its mistake in a small broken rubric, with the
line it is on, and the shipped rubrics pass clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from hawkama.errors import Problem
from hawkama.lint import check

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "lint"


def found(case: str) -> list[Problem]:
    return check(CASES / case)


def summary(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(Path(p.file).name, p.path) for p in problems}


def test_shipped_rubrics_pass_clean() -> None:
    assert check(ROOT / "rubrics") == []


def test_a_policy_file_path_works_like_its_folder() -> None:
    assert check(ROOT / "rubrics" / "smart-city.yaml") == []


def test_clean_case_has_no_problems() -> None:
    assert found("clean") == []


def test_questions_that_can_never_apply() -> None:
    problems = found("never-applies")
    # D-03 applies when C-01 is yes: fine. D-01 (`when: false`) and D-02 (yes and no) never do.
    assert summary(problems) == {
        ("demo.yaml", "questions[0].when"),
        ("demo.yaml", "questions[1].when"),
    }
    assert all("can never apply" in p.message for p in problems)
    assert [p.line for p in problems] == [12, 21]


def test_conditions_that_can_never_hold() -> None:
    problems = found("never-true")
    # The flag compares D-02 with C-01 == 'no', but D-02 only applies when C-01 is 'yes';
    # the IMPOSSIBLE finding contradicts itself; the POSSIBLE finding is fine.
    assert summary(problems) == {
        ("demo.yaml", "questions[1].flags[0].when"),
        ("demo.yaml", "findings[0].when"),
    }
    flag = next(p for p in problems if "flags" in p.path)
    assert "while D-02 applies" in flag.message
    assert flag.line == 24


def test_options_nothing_can_tell_apart() -> None:
    problems = found("unused-option")
    # D-01: both options weigh 0 and nothing mentions them. D-02: 'b' is used by a flag, so only
    # 'a' is reported.
    assert summary(problems) == {
        ("demo.yaml", "questions[0].options[0].id"),
        ("demo.yaml", "questions[0].options[1].id"),
        ("demo.yaml", "questions[1].options[0].id"),
    }
    assert all("cannot be told apart" in p.message for p in problems)


def test_missing_translations() -> None:
    problems = found("translations")
    assert summary(problems) == {("demo.yaml", "title"), ("demo.yaml", "questions[0].text")}
    assert all("missing translation (ar)" in p.message for p in problems)
    assert all(p.line is not None and p.col is not None for p in problems)


def test_sources_defined_but_never_cited_or_cited_but_not_defined_here() -> None:
    problems = found("sources")
    assert summary(problems) == {
        ("demo.yaml", "sources[1].id"),  # never cited
        ("demo.yaml", "questions[1].sources[0]"),  # defined only in the other rubric
        ("demo.yaml", "questions[2].sources"),  # no citation names an article or section
    }
    messages = {p.path: p.message for p in problems}
    assert "never cited" in messages["sources[1].id"]
    assert "defined neither in this rubric nor in the policy" in messages["questions[1].sources[0]"]


def test_sources_cited_but_defined_nowhere_are_reported_from_loading() -> None:
    problems = found("undefined-source")
    assert len(problems) == 1
    assert problems[0].path == "questions[1].sources[0]"
    assert "'nowhere' is not defined" in problems[0].message
    assert problems[0].line == 24


def test_duplicate_and_near_duplicate_question_texts() -> None:
    problems = found("duplicates")
    assert summary(problems) == {
        ("demo.yaml", "questions[2].text.en"),
        ("demo.yaml", "questions[3].text.en"),
    }
    texts = sorted(p.message for p in problems)
    assert "D-03" in texts[0] and "D-01" in texts[0]
    assert "D-04" in texts[1] and "D-02" in texts[1]


@pytest.mark.parametrize(
    "case",
    ["never-applies", "never-true", "unused-option", "translations", "sources", "duplicates"],
)
def test_problems_are_sorted_and_located(case: str) -> None:
    problems = found(case)
    assert problems == sorted(problems, key=Problem.sort_key)
    assert all(p.file.endswith(".yaml") and p.line for p in problems)


def test_long_chain_of_values_is_enumerated_without_recursing(tmp_path: Path) -> None:
    # rubric check evaluates conditions over every answer; a value read through a chain of
    # 1,500 values used to recurse once per link (RecursionError).
    import shutil

    from tests.conftest import MINI

    for f in MINI.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    rubric = tmp_path / "privacy.yaml"
    links = "".join(f'    - {{id: c{i}, expr: "c{i - 1} + 1"}}\n' for i in range(1, 1500))
    text = rubric.read_text(encoding="utf-8").replace(
        "  values:\n", '  values:\n    - {id: c0, expr: "1"}\n' + links, 1
    )
    rubric.write_text(
        text.replace("criteria >= 2 and residual(P1) > 2", "c1499 < 3 and P1 == 'e'"),
        encoding="utf-8",
    )
    problems = check(tmp_path)
    assert ("privacy.yaml", "flags[0].when") in summary(problems)
    [never] = [p for p in problems if p.path == "flags[0].when"]
    assert "can never hold" in never.message


def test_condition_failing_on_some_answers_is_left_to_the_engine(tmp_path: Path) -> None:
    # round_half_up(1.5, 999999999999) hung `rubric check` while it enumerated answers;
    # it is now a load error, and a failure that depends on the answers is not guessed at.
    import shutil

    from tests.conftest import MINI

    for f in MINI.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    rubric = tmp_path / "privacy.yaml"
    text = rubric.read_text(encoding="utf-8")
    rubric.write_text(
        text.replace(
            "criteria >= 2 and residual(P1) > 2",
            "(1000000000000 if P1 == 'e' else 1) * 1000000000000 > 0",
        ),
        encoding="utf-8",
    )
    assert "flags[0].when" not in {p.path for p in check(tmp_path)}

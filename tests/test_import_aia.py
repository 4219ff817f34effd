"""The Canada AIA import, end to end through the CLI, against the AIA's official figures.

Every questionnaire version is imported once (module fixture); every answer file of a
version is scored in one `hawkama score` call. Expected figures: the worked examples'
"after Complete" column of EXPECTED.md (no machine-readable form, so copied below)
and published/SUMMARY.csv (parsed here), both recomputed with the AIA's own code.
All data ships with the repository (tests/data/aia/, provenance there); the current
questionnaire is the copy shipped inside the package.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import hawkama
from hawkama.cli import cli

AIA = Path(__file__).resolve().parent / "data" / "aia"
# The questionnaire `hawkama import aia` uses when given none: shipped inside the package.
SHIPPED_SURVEY = Path(hawkama.__file__).parent / "data" / "aia" / "survey-enfr.v1.0.1.json"
SHIPPED_POLICY = Path(__file__).resolve().parents[1] / "rubrics" / "aia-canada"

FOUR = ("raw_impact", "mitigation", "current_score", "impact_level")
# EXPECTED.md, "after Complete": raw impact, mitigation, current score, level.
WORKED = {
    "A": (14, 0, 14, 1),
    "B": (167, 77, 142, 4),
    "C": (57, 65, 48, 2),
    "D": (48, 61, 48, 2),
    "E": (48, 62, 41, 1),
    "F": (50, 65, 43, 2),
    "G": (167, 77, 142, 4),
    "H": (52, 65, 44, 2),
}
EXAMPLE_C = AIA / "worked-examples" / "answers-C-realistic-middle.v1.0.1.json"
SURVEYS = sorted([*(AIA / "surveys").glob("survey-enfr.v*.json"), SHIPPED_SURVEY])


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def semver(label: str) -> str:
    parts = label.lstrip("v").split(".")
    return ".".join([*parts, "0", "0"][:3])


def expected() -> dict[str, tuple[int, ...]]:
    """File stem -> the four official figures."""
    out: dict[str, tuple[int, ...]] = {f"answers-{k}": v for k, v in WORKED.items()}
    with (AIA / "published" / "SUMMARY.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out[row["package_id"]] = tuple(int(row[k]) for k in FOUR)
    return out


def answer_files() -> dict[str, list[Path]]:
    """AIA version label -> its answer files (published and worked examples)."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((AIA / "published").glob("*.json")) + sorted(
        (AIA / "worked-examples").glob("*.json")
    ):
        groups[json.loads(path.read_text(encoding="utf-8"))["version"]].append(path)
    return dict(groups)


def stem_key(path: Path) -> str:
    m = re.match(r"(answers-[A-Z])-", path.name)
    return m.group(1) if m else path.stem


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("aia")
    result = invoke("import", "aia", *SURVEYS, "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def scored(imported: Path) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
    """One `score` call per version; results in input order."""
    out = {}
    for version, files in answer_files().items():
        result = invoke("score", "--policy", imported, "--format", "json", *files)
        assert result.exit_code == 0, result.output
        out[version] = list(zip(files, json.loads(result.stdout), strict=True))
    return out


def test_every_version_is_imported_and_valid(imported: Path) -> None:
    assert len(SURVEYS) == 5
    for survey in SURVEYS:
        folder = imported / f"v{semver(survey.name.split('.v', 1)[1].removesuffix('.json'))}"
        assert (folder / "policy.yaml").is_file() and (folder / "aia.yaml").is_file()
        result = invoke("validate", folder)
        assert result.exit_code == 0, result.output
        assert "2 file(s) valid" in result.output


@pytest.mark.parametrize("version", sorted(answer_files()))
def test_official_scores_reproduced(
    scored: dict[str, list[tuple[Path, dict[str, Any]]]], version: str
) -> None:
    want = expected()
    wrong = []
    for path, result in scored[version]:
        assert result["policy_version"] == semver(version)
        got = tuple(result["values"][k] for k in FOUR)
        if got != want[stem_key(path)]:
            wrong.append(f"{path.name}: got {got}, expected {want[stem_key(path)]}")
        assert result["verdict"]["id"] == f"LEVEL_{'I' * got[3] if got[3] < 4 else 'IV'}"
    assert not wrong, "\n".join(wrong)


def test_all_files_are_covered(scored: dict[str, list[tuple[Path, dict[str, Any]]]]) -> None:
    counts = {v: len(files) for v, files in scored.items()}
    assert counts == {"v0.10.0": 25, "v0.9.1": 9, "v1.0.1": 3 + 8, "v0.9": 1}
    assert sum(counts.values()) == len(expected())


def test_static_maxima_per_version(scored: dict[str, list[tuple[Path, dict[str, Any]]]]) -> None:
    # NOTES.md: max raw 107 / 126 / 167; max mitigation per phase 45 / 46 / 77.
    maxima = {"v0.9.1": (107, 90), "v0.10.0": (126, 92), "v1.0.1": (167, 154)}
    for version, (raw, mit) in maxima.items():
        values = scored[version][0][1]["values"]
        assert (values["max_raw_impact"], values["max_mitigation"]) == (raw, mit)
    assert scored["v1.0.1"][0][1]["values"]["mitigation_threshold"] == pytest.approx(61.6)


def test_stale_and_unknown_answers_are_ignored(
    scored: dict[str, list[tuple[Path, dict[str, Any]]]],
) -> None:
    results = {stem_key(p): r for rows in scored.values() for p, r in rows}
    # G: Design pages answered but hidden (phase = Implementation): mitigation 77, not 154.
    g = results["answers-G"]
    assert "consultationDesign1" in g["completeness"]["ignored"]
    # A v0.10.0 file keeps answers to questions its questionnaire no longer has.
    assert results["01396e33-2c69-47e5-9381-32e717943b96"]["unknown_answers"] == [
        "impact1",
        "impact2",
    ]


def test_upstream_unit_case(imported: Path, tmp_path: Path) -> None:
    # tests/unit/store.spec.ts of aia-eia-js: three ticked boxes give [3, 0, 3, 1].
    data = {"projectDetailsPhase": "item1", "decisionSector1": ["item1-1", "item2-1", "item3-1"]}
    path = tmp_path / "unit.json"
    path.write_text(
        json.dumps(
            {"version": "v1.0.1", "currentPage": 0, "data": data, "translationsOnResult": {}}
        ),
        encoding="utf-8",
    )
    result = invoke("score", "--policy", imported, "--format", "json", path)
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)[0]["values"]
    assert tuple(values[k] for k in FOUR) == (3, 0, 3, 1)


def test_french_texts_complete(imported: Path) -> None:
    import yaml

    rubric = yaml.safe_load((imported / "v1.0.1" / "aia.yaml").read_text(encoding="utf-8"))
    policy = yaml.safe_load((imported / "v1.0.1" / "policy.yaml").read_text(encoding="utf-8"))
    assert policy["languages"] == ["en", "fr"]
    for q in rubric["questions"]:
        assert q["text"]["fr"].strip() and q["text"]["en"].strip()
        for o in q.get("options", []):
            assert o["text"]["fr"].strip()
    for v in policy["verdicts"]:
        assert all(v[k]["fr"].strip() for k in ("label", "meaning", "next_steps"))


def test_untranslatable_condition_is_an_error_naming_it(tmp_path: Path) -> None:
    survey = json.loads(SHIPPED_SURVEY.read_text(encoding="utf-8"))
    question = survey["pages"][3]["elements"][0]["elements"][1]
    question["visibleIf"] = "age({riskProfile1}) > 3"
    broken = tmp_path / "survey-enfr.v9.0.0.json"
    broken.write_text(json.dumps(survey, indent=1), encoding="utf-8")
    result = invoke("import", "aia", broken, "-o", tmp_path / "out")
    assert result.exit_code == 2
    name = question["name"]
    assert f"pages[3].elements[0].elements[1].visibleIf: {name}: cannot translate visibleIf" in (
        result.stderr
    )
    assert "'age({riskProfile1}) > 3'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_version_needed_when_the_file_name_has_none(tmp_path: Path) -> None:
    survey = tmp_path / "survey.json"
    survey.write_text(
        (AIA / "surveys" / "survey-enfr.v0.9.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert invoke("import", "aia", survey, "-o", tmp_path / "o").exit_code == 2
    result = invoke("import", "aia", survey, "--version", "v0.9", "-o", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "v0.9.0" / "policy.yaml").is_file()


def test_bad_answer_file_gives_located_errors(imported: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{\n  "version": "vX",\n  "currentPage": 0,\n  "data": {\n'
        '    "impact5": {"a": 1}\n  },\n  "translationsOnResult": {}\n}\n',
        encoding="utf-8",
    )
    result = invoke("score", "--policy", imported, bad)
    assert result.exit_code == 2
    assert f"{bad}:2:14: version: 'vX' is not an AIA version" in result.stderr
    assert f"{bad}:5:16: data.impact5: an object is not an answer" in result.stderr
    assert "Traceback" not in result.output


def test_policy_folder_without_the_named_version(imported: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(
        '{"version": "v0.8", "currentPage": 0, "data": {}, "translationsOnResult": {}}',
        encoding="utf-8",
    )
    result = invoke("score", "--policy", imported, old)
    assert result.exit_code == 2
    assert "policy 'aia-canada' version 0.8.0 is not among the policies in" in result.stderr
    # A single version's folder keeps the old behaviour: that policy, and a version check.
    result = invoke("score", "--policy", imported / "v1.0.1", old)
    assert result.exit_code == 2
    assert "answered against aia-canada 0.8.0, but the policy loaded is 1.0.1" in result.stderr


def test_shipped_policy_is_the_import_of_the_shipped_survey(tmp_path: Path) -> None:
    # With no questionnaire named, `import aia` imports the one shipped with Hawkama.
    result = invoke("import", "aia", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    shipped = sorted(p.relative_to(SHIPPED_POLICY) for p in SHIPPED_POLICY.rglob("*.yaml"))
    assert shipped == [Path("v1.0.1/aia.yaml"), Path("v1.0.1/policy.yaml")]
    for rel in shipped:
        assert (tmp_path / rel).read_bytes() == (SHIPPED_POLICY / rel).read_bytes(), rel
    assert "Copyright (c) 2019 Government of Canada" in (SHIPPED_POLICY / "LICENSE").read_text()
    assert "b900dc7" in (SHIPPED_POLICY / "PROVENANCE.md").read_text()


def test_shipped_policy_by_id_and_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./rubrics here: only the shipped policies are found
    example = AIA / "worked-examples" / "answers-E-threshold-at.v1.0.1.json"
    by_id = invoke("score", "--policy", "aia-canada", "--format", "json", example)
    assert by_id.exit_code == 0, by_id.output
    by_default = invoke("score", "--format", "json", example)
    assert by_default.exit_code == 0, by_default.output
    for result in (by_id, by_default):
        [values] = [r["values"] for r in json.loads(result.stdout)]
        assert tuple(values[k] for k in FOUR) == WORKED["E"]
    # An old version's file is not silently scored against the current questionnaire.
    old = AIA / "published" / "04556b29-284a-4d2b-8076-928476d64553.json"
    result = invoke("score", "--policy", "aia-canada", old)
    assert result.exit_code == 2
    assert "aia-canada 0.10.0, but the policy loaded is 1.0.1" in result.stderr
    unknown = invoke("score", "--policy", "no-such-policy", example)
    assert unknown.exit_code == 2
    assert "neither a file or folder nor the id of a policy" in unknown.stderr


# --- synthetic questionnaires: no research data needed ---------------------------------


def survey_file(tmp_path: Path, pages: list[dict[str, Any]]) -> Path:
    path = tmp_path / "survey-enfr.v2.0.0.json"
    path.write_text(json.dumps({"pages": pages}), encoding="utf-8")
    return path


def radio(name: str, *values: str, **extra: Any) -> dict[str, Any]:
    choices = [{"value": v, "text": {"default": v, "fr": v}} for v in values]
    return {
        "type": "radiogroup",
        "name": name,
        "title": {"default": name},
        "choices": choices,
        **extra,
    }


def test_panel_and_page_conditions_hide_their_questions(tmp_path: Path) -> None:
    pages = [
        {
            "name": "details",
            "elements": [
                {"type": "panel", "name": "d-NS", "elements": [radio("phase", "item1", "item2")]}
            ],
        },
        {
            "name": "risk",
            "elements": [
                {
                    "type": "panel",
                    "name": "r-RS",
                    "elements": [
                        radio("r1", "item1-0", "item2-4"),
                        {
                            "type": "panel",
                            "name": "inner-RS",
                            "visibleIf": '{r1} = "item2-4"',
                            "elements": [radio("r2", "item1-0", "item2-3")],
                        },
                    ],
                }
            ],
        },
        {
            "name": "mit",
            "visibleIf": '{phase} = "item2"',
            "elements": [
                {"type": "panel", "name": "m-MS", "elements": [radio("m1", "item1-0", "item2-2")]}
            ],
        },
    ]
    out = tmp_path / "out"
    result = invoke("import", "aia", survey_file(tmp_path, pages), "-o", out)
    assert result.exit_code == 0, result.output
    answers = tmp_path / "a.json"
    data = {"phase": "item1", "r1": "item1-0", "r2": "item2-3", "m1": "item2-2"}
    answers.write_text(
        json.dumps({"version": "v2.0", "currentPage": 0, "data": data, "translationsOnResult": {}}),
        encoding="utf-8",
    )
    result = invoke("score", "--policy", out, "--format", "json", answers)
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)[0]["values"]
    # r2 hidden by its panel, m1 by its page: neither counts; the maxima still do.
    assert (values["raw_impact"], values["mitigation"]) == (0, 0)
    assert (values["max_raw_impact"], values["max_mitigation"]) == (7, 2)


def test_unsupported_question_type_is_an_error(tmp_path: Path) -> None:
    pages = [
        {
            "name": "p",
            "elements": [
                {
                    "type": "panel",
                    "name": "x-RS",
                    "elements": [
                        radio("r1", "item1-0"),
                        {"type": "boolean", "name": "b1", "title": "B"},
                    ],
                }
            ],
        }
    ]
    result = invoke("import", "aia", survey_file(tmp_path, pages), "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert (
        "pages[0].elements[0].elements[1].type: b1: question type 'boolean' is not supported"
        in (result.stderr)
    )


@pytest.mark.parametrize(
    ("value", "points"),
    [
        ("item3-2", 2),
        ("item6", 0),
        ("001", 0),
        ("item1-", 0),
        ("a-b-3", 3),
        ("item1-1.5", 1.5),
        ("item1-1_0", 0),
        ("item1-inf", 0),
    ],
)
def test_weights_follow_parse_embedded_value(value: str, points: float) -> None:
    from hawkama.importers.aia_survey import weight

    assert weight(value) == points


# --- hostile or damaged input (issue #12, items 6 and 7) ----------------------------------


def test_wrong_types_in_a_survey_are_located_and_nothing_is_written(tmp_path: Path) -> None:
    pages: list[Any] = [
        {"name": "p", "elements": 5},
        {"name": "q", "elements": [radio("r1", "item1-0"), "loose text", {"type": 3}]},
        {
            "name": "s",
            "elements": [radio("r2", "item1-0", extra=1) | {"choices": [{"value": True}]}],
        },
        7,
    ]
    path = survey_file(tmp_path, pages)
    path.write_text(json.dumps({"pages": pages}, indent=1), encoding="utf-8")
    result = invoke("import", "aia", path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    for where, message in [
        ("pages[0].elements", "elements must be a list of elements, not int"),
        ("pages[1].elements[1]", "an element must be an object, not str"),
        ("pages[1].elements[2].type", "type must be a string, not int"),
        ("pages[2].elements[0].choices[0].value", "a choice's value must be a string or a number"),
        ("pages[3]", "a page must be an object, not int"),
    ]:
        assert re.search(
            rf"{re.escape(str(path))}:\d+:\d+: {re.escape(where)}: {message}", result.stderr
        ), where
    assert not (tmp_path / "out").exists()


def test_deeply_parenthesised_condition_is_refused(tmp_path: Path) -> None:
    cond = "(" * 500 + '{r1} = "item1-0"' + ")" * 500
    pages = [
        {"name": "p", "elements": [radio("r1", "item1-0"), radio("r2", "item1-0", visibleIf=cond)]}
    ]
    result = invoke("import", "aia", survey_file(tmp_path, pages), "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "pages[0].elements[1].visibleIf: r2: cannot translate visibleIf" in result.stderr
    assert "nested deeper than 32 levels (at character 33)" in result.stderr
    for nested in ("[" * 5000, "!" * 5000 + '{r1} = "item1-0"'):
        pages[0]["elements"][1]["visibleIf"] = "{r1} anyof " + nested if "[" in nested else nested  # type: ignore[index]
        result = invoke("import", "aia", survey_file(tmp_path, pages), "-o", tmp_path / "out")
        assert result.exit_code == 2 and "cannot translate visibleIf" in result.stderr
    assert not (tmp_path / "out").exists()


def test_import_writes_nothing_when_the_imported_policy_would_not_load(tmp_path: Path) -> None:
    # A condition whose translation is longer than the 4,000 characters an expression
    # may have: the conversion passes, the policy loader refuses it; the import is
    # checked in memory before anything is written.
    long = " or ".join(['{r1} = "item1-0"'] * 300)
    mitigation = {"type": "panel", "name": "m-MS", "elements": [radio("m1", "item1-1")]}
    risk = [radio("r1", "item1-0", "item2-1"), radio("r2", "item1-2", visibleIf=long)]
    pages = [
        {"name": "p", "elements": [{"type": "panel", "name": "a-RS", "elements": risk}, mitigation]}
    ]
    out = tmp_path / "out"
    result = invoke("import", "aia", survey_file(tmp_path, pages), "-o", out)
    assert result.exit_code == 2
    assert "survey-enfr.v2.0.0.json: the imported policy would not load: aia.yaml:" in result.stderr
    assert not out.exists()
    risk[1]["visibleIf"] = '{r1} = "item1-0"'
    result = invoke("import", "aia", survey_file(tmp_path, pages), "-o", out)
    assert result.exit_code == 0, result.output  # and no "already exists" from a failed run


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '"item9-9"',
            "'item9-9' is not an option of riskProfile2; the AIA would count it as 9 points, so it is refused",
        ),
        (
            "3",
            "riskProfile2 takes one of its option values (item1-3, item2-0); the number 3 is not one",
        ),
        (
            "true",
            "riskProfile2 takes one of its option values (item1-3, item2-0); the boolean true is not one",
        ),
        (
            '["item1-3"]',
            "riskProfile2 takes one of its option values (item1-3, item2-0); a list is not one",
        ),
    ],
)
def test_impossible_answers_are_refused_with_their_place(
    tmp_path: Path, value: str, message: str
) -> None:
    text = EXAMPLE_C.read_text(encoding="utf-8")
    assert '"riskProfile2": "item1-3"' in text
    bad = tmp_path / "bad.json"
    bad.write_text(
        text.replace('"riskProfile2": "item1-3"', f'"riskProfile2": {value}'), encoding="utf-8"
    )
    line = text[: text.index('"riskProfile2"')].count("\n") + 1
    result = invoke("score", "--policy", "aia-canada", bad)
    assert result.exit_code == 2
    assert f"{bad}:{line}:" in result.stderr and message in result.stderr, result.stderr


def test_checkbox_answers_must_be_lists_of_option_values(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE_C.read_text(encoding="utf-8"))
    for value, message in [
        ("item1-1", "decisionSector1 takes a list of its option values"),
        (
            ["item1-1", 4],
            "data.decisionSector1: a list answer must hold option values (strings) only",
        ),
        (
            ["item1-1", "item99-2"],
            "'item99-2' is not an option of decisionSector1; the AIA would count it as 2 points",
        ),
    ]:
        data["data"]["decisionSector1"] = value
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(data), encoding="utf-8")
        result = invoke("score", "--policy", "aia-canada", bad)
        assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_unknown_values_worth_nothing_are_scored_as_the_aia_does(tmp_path: Path) -> None:
    # A published v0.10.0 AIA ticks 'item10', which its questionnaire no longer offers:
    # the AIA counts 0 points for it, and so do we (the official figures match above).
    data = json.loads(EXAMPLE_C.read_text(encoding="utf-8"))
    data["data"]["riskProfile2"] = "item9"
    path = tmp_path / "stale.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("score", "--policy", "aia-canada", "--format", "json", path)
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)[0]["values"]
    assert values["raw_impact"] == WORKED["C"][0] - 3  # item1-3 gave 3 points; item9 gives 0


ADM = "Assistant deputy minister responsible for the program."


def test_requirements_of_the_level_are_findings(
    scored: dict[str, list[tuple[Path, dict[str, Any]]]],
) -> None:
    # The Directive's requirements as the AIA prints them for the level: seven, in French too.
    for _, result in scored["v1.0.1"]:
        level = result["values"]["impact_level"]
        ids = [f["id"] for f in result["findings"]]
        assert ids == [
            f"AIA_REQ_{r}_{level}"
            for r in (
                "notice",
                "explanation",
                "peer_review",
                "gba_plus",
                "training",
                "human_involvement",
                "approval",
            )
        ]
        approval = result["findings"][-1]["text"]
        assert approval["en"] == {1: ADM, 2: ADM, 3: "Deputy Head", 4: "Treasury Board"}[level]
        assert approval["fr"].strip() and approval["fr"] != approval["en"]


def test_translations_on_result_become_notes(tmp_path: Path) -> None:
    path = AIA / "published" / "c839bedc-0d5f-4b02-98a7-671d1f60ac51.json"
    original = json.loads(path.read_text(encoding="utf-8"))
    result = invoke("score", "--policy", "aia-canada", "--format", "json", "--detail", path)
    assert result.exit_code == 0, result.output
    notes = {q["id"]: q["note"] for q in json.loads(result.stdout)[0]["questions"] if q["note"]}
    known = {k: v for k, v in original["translationsOnResult"].items() if k in notes}
    assert known and all(notes[k] == v for k, v in known.items())


def test_a_second_policy_in_rubrics_leaves_the_default_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rubrics = SHIPPED_POLICY.parent
    assert (rubrics / "aia-canada" / "v1.0.1" / "policy.yaml").is_file()
    monkeypatch.chdir(rubrics.parent)  # ./rubrics holds smart-city and aia-canada
    result = invoke("new", "-o", tmp_path / "x.yaml")
    assert result.exit_code == 0, result.output
    assert "policy smart-city " in result.output
    # The folder's own policy is the top-level one; aia-canada sits in its sub-folder.
    checked = invoke("rubric", "check", "rubrics")
    assert checked.exit_code == 0, checked.output
    validated = invoke("validate", "rubrics")
    assert validated.exit_code == 0, validated.output
    assert "ok  policy     rubrics/aia-canada/v1.0.1/policy.yaml" in validated.output

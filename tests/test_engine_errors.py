"""An expression that fails on some answers stops `score` cleanly, located (issue #12, item 1).

What cannot be seen at load (a result that only leaves the allowed range for some
answers) is caught at run time: exit 2, one line naming the file, line, key, the
expression, what it computes and the project, and nothing on standard output.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from hawkama.cli import cli
from tests.conftest import MINI
from tests.test_policy_build import FLAG, VALUES, hostile
from tests.test_policy_load import edit


def score(folder: Path, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli,
        ["score", "--policy", str(folder), *extra, str(MINI / "low.yaml")],
        catch_exceptions=False,
    )
    return result.exit_code, result.stdout, result.stderr


def test_runaway_chain_fed_by_an_answer_stops_at_run_time(tmp_path: Path) -> None:
    # g0 depends on an answer, so its size is not known at load; the chain then grows
    # to thousands of digits (the JSON writer's crash, a hang with more links).
    links = '    - {id: g0, expr: "weight(P1) * 999999999999"}\n'
    links += "".join(f'    - {{id: g{i}, expr: "g{i - 1} * g{i - 1}"}}\n' for i in range(1, 40))
    folder = hostile(tmp_path, VALUES, VALUES + links)
    for fmt in ("text", "json", "csv"):
        code, out, err = score(folder, "--format", fmt)
        assert code == 2
        assert out == ""
        assert (
            f"{folder / 'privacy.yaml'}:75:22: scoring.values[1].expr: cannot evaluate value g1 "
            "of rubric privacy 'g0 * g0' for project MINI-1: 2e+12 * 2e+12 is "
            "outside the allowed range -1e+15 to 1e+15"
        ) in err
        assert "Traceback" not in err


def test_flag_condition_failing_at_run_time_names_the_flag(tmp_path: Path) -> None:
    half = "weight(P1) * 500 * 1000000000000"  # 1e15 for the answer P1: c (weight 2)
    folder = hostile(tmp_path, FLAG, f'when: "sum({half}, {half}) > 0"')
    code, out, err = score(folder)
    assert code == 2 and out == ""
    assert "privacy.yaml:64:11: flags[0].when: cannot evaluate flag DPIA_NEEDED" in err
    assert "for project MINI-1: sum() is 2e+15, outside the allowed range" in err


def test_band_limit_of_unknown_type_is_checked_at_run_time(tmp_path: Path) -> None:
    # A computed value that is text or a number depending on the answers.
    folder = hostile(tmp_path, 'below: "25"', 'below: "limit"')
    edit(
        folder / "privacy.yaml",
        VALUES,
        VALUES + "    - {id: limit, expr: \"25 if P2 == 'd' else 'x'\"}\n",
    )
    code, out, err = score(folder)
    assert code == 2 and out == ""
    assert "scoring.bands[0].below: cannot evaluate the bands of rubric privacy 'limit'" in err
    assert "a band limit is a number, got 'x'" in err


def test_well_behaved_policy_still_scores() -> None:
    code, out, _ = score(MINI)
    assert code == 0 and "LOW_RISK" in out

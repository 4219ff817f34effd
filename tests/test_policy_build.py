"""Hostile rubrics are refused at load, with a location (issue #12, items 1 and 2).

Each case goes through the real CLI: `rubric check` and `score` must both exit 2 with
the located message, quickly, without a traceback.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hawkama.cli import cli
from tests.conftest import MINI
from tests.test_policy_load import edit

FLAG = 'when: "criteria >= 2 and residual(P1) > 2"'
VALUES = "  values:\n"


def hostile(tmp_path: Path, old: str, new: str) -> Path:
    for f in MINI.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    edit(tmp_path / "privacy.yaml", old, new)
    return tmp_path


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def refused(folder: Path) -> list[str]:
    """The messages of `rubric check` and of `score`; both must refuse the policy."""
    out = []
    for args in (
        ("rubric", "check", folder),
        ("score", "--policy", folder, MINI / "low.yaml"),
    ):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        out.append(result.stderr)
    return out


def chain(n: int) -> str:
    """The issue's runaway chain: g0 = 250 * 999999999999, gN = gN-1 ^ 4."""
    lines = ['    - {id: g0, expr: "250 * 999999999999"}\n']
    lines += [
        f'    - {{id: g{i}, expr: "g{i - 1}*g{i - 1}*g{i - 1}*g{i - 1}"}}\n'
        for i in range(1, n + 1)
    ]
    return VALUES + "".join(lines)


def test_runaway_chain_of_values_is_refused_at_load(tmp_path: Path) -> None:
    folder = hostile(tmp_path, VALUES, chain(39))
    for message in refused(folder):
        assert (
            f"{folder / 'privacy.yaml'}:75:25: scoring.values[1].expr: the result (6.25e+28) is "
            "outside the allowed range -1e+15 to 1e+15 (in 'g0*g0*g0*g0')"
        ) in message
        assert "values[2]" not in message  # one error for the chain, not one per link


@pytest.mark.parametrize(
    ("when", "column", "message"),
    [
        ("round_half_up(1.5, 999999999999) > 0", 31, "round_half_up() rounds to 0 to 10 digits"),
        ("abs(P1) > 1", 16, "abs() takes a number, got text"),
        ("round_half_up('a') > 1", 26, "round_half_up() takes a number, got text"),
        (
            "round_half_up(1.5, -999999999999) > 0",
            31,
            "round_half_up() rounds to 0 to 10 digits, got -1e+12",
        ),
        ("floor([1,2]) > 0", 18, "floor() takes a number, got a list"),
        ("sum(['a','b']) > 0", 16, "sum() takes numbers, but this list holds text"),
        ("max(1,'a',[2]) > 0", 18, "max() takes a number, got text"),
        ("dims_at_least('x') > 0", 26, "dims_at_least() takes a number, got text"),
        ("count_severe('privacy','a','b') > 0", 35, "count_severe() takes a number, got text"),
        ("P3 * 2 > 1", 12, "'*' takes a number, got a list"),
    ],
)
def test_type_errors_are_refused_at_load(
    tmp_path: Path, when: str, column: int, message: str
) -> None:
    folder = hostile(tmp_path, FLAG, f'when: "{when}"')
    for out in refused(folder):
        assert f"privacy.yaml:64:{column}: flags[0].when: {message}" in out


def test_band_limit_must_be_a_number(tmp_path: Path) -> None:
    folder = hostile(tmp_path, 'below: "25"', "below: \"'abc'\"")
    for out in refused(folder):
        assert (
            "privacy.yaml:82:63: scoring.bands[0].below: a band limit is a number, got text" in out
        )


def test_dimension_score_must_be_a_number(tmp_path: Path) -> None:
    folder = hostile(tmp_path, "  residual: priv_residual", "  residual: worded\n")
    edit(folder / "privacy.yaml", VALUES, VALUES + "    - {id: worded, expr: \"'high'\"}\n")
    for out in refused(folder):
        assert "scoring.residual: 'worded' is text, not a number" in out


def test_long_chain_of_values_in_reverse_order_loads(tmp_path: Path) -> None:
    # Defined last-first, 1,500 values deep: ordering them must not recurse per link.
    links = "".join(f'    - {{id: c{i}, expr: "c{i - 1} + 1"}}\n' for i in range(1499, 0, -1))
    folder = hostile(tmp_path, VALUES, VALUES + links + '    - {id: c0, expr: "1"}\n')
    edit(folder / "privacy.yaml", FLAG, 'when: "c1499 > 3"')
    result = invoke("score", "--policy", folder, "--format", "json", MINI / "low.yaml")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["values"]["c1499"] == 1500


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("lowers: 1, axis: likelihood", "lowers: .inf, axis: likelihood", "mitigations[0].lowers"),
        ("lowers: 3, floor: 2", "lowers: 3, floor: 1.0e+300", "mitigations[0].floor"),
    ],
)
def test_mitigation_amounts_are_bounded(tmp_path: Path, old: str, new: str, where: str) -> None:
    # An infinite amount on a risk question crashed the engine (OverflowError in int()).
    folder = hostile(tmp_path, old, new)
    for out in refused(folder):
        assert f"{where}: Input should be less than or equal to 1000" in out

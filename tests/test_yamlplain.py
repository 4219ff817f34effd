"""The plain reader reads what PyYAML reads, or leaves the text to PyYAML (issue #18).

Texts: every YAML file of the repository, block YAML dumped from seeded random data
(keys and values chosen to look like YAML's special cases), and seeded random edits
of both (characters inserted and deleted, lines indented, joined and repeated).
Whenever the plain reader returns data, yamlio's PyYAML path reads the text without
error and builds the same data, value for value and type for type. Error positions
of a file read plainly come from its tree, composed on demand.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from hawkama import yamlio
from hawkama.cli import cli
from hawkama.errors import InputError
from hawkama.yamlplain import plain_data
from tests.conftest import MINI, ROOT

FILES = sorted(
    p for d in ("assessments", "rubrics", "tests/data") for p in (ROOT / d).rglob("*.y*ml")
)


def pyyaml(text: str) -> tuple[str, Any]:
    """What yamlio reads from ``text`` without the plain reader."""
    loader = yamlio._Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else yamlio._construct(Path("f.yaml"), node, loader)
        return "data", data
    except InputError as exc:
        return "error", exc.format_message()
    except yaml.YAMLError as exc:
        return "yaml", str(exc)
    finally:
        loader.dispose()


def agree(text: str) -> bool:
    """Check the plain reader against PyYAML on ``text``; whether it read it."""
    plain = plain_data(text, yamlio.typed_scalar)
    if plain is None:
        return False
    kind, data = pyyaml(text)
    assert kind == "data", (text, data)
    # repr: True == 1 and 1.0 == 1, and NaN is not equal to itself.
    assert repr(plain) == repr(data), text
    return True


SCALARS: list[Any] = [
    "a", "b c", "yes", "no", "on", "off", "y", "n", "true", "false", "True", "null", "~", "",
    "1", "-1", "+1", "0x1F", "0o17", "017", "1_000", "1:20", "1.5", "1e3", ".inf", "-.inf",
    ".nan", "2026-01-31", "2026-02-30", "2026-01-31 10:00:00", "3x4", "a: b", "a #b", "a#b",
    "#a", "- a", "-a", "?a", ":a", "a:", "[a]", "{a}", "a, b", "'a'", '"a"', "it's", "&a",
    "*a", "!a", "|", ">", "@a", "%a", "`a", " a", "a ", "é", "نص", "a\\b", "<<", "=",
    1, 0, -7, 1.5, True, False, None, dt.date(2026, 1, 31), "9" * 120,
]  # fmt: skip
KEYS: list[Any] = ["a", "b", "ETH-01", "intake.C-01", "x_y", "1", "2", "true", "null", "yes",
                   "2026-01-31", "0x1F", "<<", "a b", "a:b", 3, True]  # fmt: skip


# What files mostly hold, so that most documents are plain ones.
COMMON: list[Any] = ["a", "u", "item1-3", "Generated answer 7", "yes", "2x3", 4, 2.5, None, True,
                     dt.date(2026, 1, 31), "1.2.0", "نص عربي"]  # fmt: skip
COMMON_KEYS = ["a", "b", "ETH-01", "intake.C-01", "x_y", "P1"]


def scalar(rng: random.Random) -> Any:
    return rng.choice(COMMON if rng.random() < 0.7 else SCALARS)


def key(rng: random.Random) -> Any:
    return rng.choice(COMMON_KEYS if rng.random() < 0.8 else KEYS)


def random_data(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 3 and roll < 0.25:
        return {key(rng): random_data(rng, depth + 1) for _ in range(rng.randint(1, 4))}
    if depth < 3 and roll < 0.4:
        return [scalar(rng) for _ in range(rng.randint(1, 3))]
    return scalar(rng)


def edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    action = rng.choice(["insert", "delete", "indent", "dedent", "join", "repeat", "comment"])
    line = lines[i]
    if action == "insert":
        at = rng.randint(0, len(line))
        lines[i] = (
            line[:at] + rng.choice([" ", ":", "-", "#", "'", '"', "a", "1", "  "]) + line[at:]
        )
    elif action == "delete" and line:
        at = rng.randrange(len(line))
        lines[i] = line[:at] + line[at + 1 :]
    elif action == "indent":
        lines[i] = "  " + line
    elif action == "dedent":
        lines[i] = line[2:] if line.startswith("  ") else line
    elif action == "join" and i + 1 < len(lines):
        lines[i : i + 2] = [line + " " + lines[i + 1]]
    elif action == "repeat":
        lines.insert(i, line)
    else:
        lines.insert(i, " " * rng.randint(0, 4) + "# note")
    return "\n".join(lines)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_files(path: Path) -> None:
    text = yamlio.read_text(path)
    agree(text)
    rng = random.Random(path.name)
    for _ in range(20):
        agree(edit(text, rng))


@pytest.mark.parametrize("seed", range(30))
def test_random_documents_and_edits(seed: int) -> None:
    rng = random.Random(seed)
    read = 0
    for _ in range(40):
        data = {key(rng): random_data(rng) for _ in range(rng.randint(1, 6))}
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
        if rng.random() < 0.5:
            text = text.replace("\n- ", "\n  - ")  # lists indented under their key
        read += agree(text)
        for _ in range(5):
            text = edit(text, rng)
            read += agree(text)
    assert read >= 20  # the plain reader did read many of them


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n", "a:\n  b: 1\n  c:\n  - x\n  - y\nd: ~\n", "a:\n- x\nb: 1\n", "a:\n  - x\n  b: 1\n",
        "a:\n    b: 1\n  c: 2\n", "a: 1\n  b: 2\n", "a: 'x' # c\nb: \"y\"  # c\n", "a: 'x'y\n",
        "a: 'it''s'\n", "a: 'x\n  y'\n", "a: b\n  c\n", "a:\n# c\n  b: 1\n", "- a\n", "  a: 1\n",
        "a: 1\na: 2\n", "1: a\n1.0: b\n", "true: a\n1: b\n", "a:\n", "", "# only\n", "a: 1\n---\n",
        "a: 2026-02-30\n", "a: " + "9" * 101 + "\n", "a: 1 \n", "a: x\tb\n", "a:\n  -\n",
        "a: |\n  x\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "? a\n: b\n", "a: [1]\n", "a: x: y\n",
    ],
)  # fmt: skip
def test_edge_cases(text: str) -> None:
    agree(text)


def test_positions_come_from_the_tree_made_on_demand(tmp_path: Path) -> None:
    """A plainly read file is located exactly as PyYAML's tree locates it."""
    broken = (
        "hawkama: 1\npolicy:\n  id: mini\n  version: 1.0.0\nproject:\n  id: MINI-1\n"
        "  title: Counting sensors\nanswers:\n  intake.personal_data: yes\n  P1: c\n"
        "  no_such_question: a\n  P2: a\n"
    )
    path = tmp_path / "low.yaml"
    path.write_text(broken, encoding="utf-8")
    doc = yamlio.parse_yaml(path)
    assert doc.lazy and doc.node is None  # read plainly: no tree yet
    loader = yamlio._Loader(broken)
    try:
        tree = loader.get_single_node()
    finally:
        loader.dispose()
    for loc in [(), ("answers",), ("answers", "no_such_question"), ("project", "id"), ("x",)]:
        assert doc.locate(loc) == yamlio.locate(tree, loc)
    result = CliRunner().invoke(cli, ["validate", "--policy", str(MINI), str(path)])
    assert result.exit_code == 2
    line = broken.split("\n").index("  no_such_question: a") + 1
    assert f"{path}:{line}:21: answers.no_such_question: unknown question" in result.stderr

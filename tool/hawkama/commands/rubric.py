"""rubric check: lint a policy and its rubrics."""

from __future__ import annotations

from pathlib import Path

import click

from hawkama.errors import InputError


@click.group()
def rubric() -> None:
    """Work on rubrics and policies."""


@rubric.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=Path("rubrics"))
def check(path: Path) -> None:
    """Lint a policy and its rubrics (PATH: a policy file or a folder holding one).

    Finds questions that can never apply, conditions that can never hold, options
    no weight or rule uses, missing translations, sources cited but undefined or
    never cited, and duplicate question texts.

    \b
    Example:
        hawkama rubric check rubrics/
    """
    from hawkama.lint import check as run

    problems = run(path)
    if problems:
        raise InputError(problems)
    click.echo(f"{path}: no problems found")

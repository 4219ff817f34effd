"""new, assess: write an assessment skeleton, and fill one in interactively."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hawkama.commands.options import PolicySpec, lang_option_for, output_option
from hawkama.errors import UsageProblem

lang_option = lang_option_for("Language of the questions, options, help and prompts.")


@click.command()
@click.option(
    "--policy",
    "policy",
    type=PolicySpec(),
    metavar="ID_OR_PATH",
    default=None,
    help="Policy id (looked up in ./rubrics/, then the shipped rubrics), or a policy file or "
    "folder. Default: smart-city.",
)
@output_option("The assessment file to write.", required=True)
@lang_option
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def new(policy: Path | None, output: Path, lang: str, force: bool) -> None:
    """Write an assessment skeleton: project details, then every question as a comment.

    Answers are left empty; fill them in by hand and check the file with
    `hawkama validate`, or answer them with `hawkama assess`.

    \b
    Example:
        hawkama new -o assessments/my-project.yaml
        hawkama new --policy tests/data/mini -o x.yaml --lang ar
    """
    from hawkama.questionnaire.skeleton import render, resolve_policy
    from hawkama.yamlio import write_atomic

    if output.exists() and not force:
        raise UsageProblem(f"{output} already exists; pass --force to overwrite it")
    ps = resolve_policy(policy)
    write_atomic(output, render(ps, output, lang))
    click.echo(f"Wrote {output} (policy {ps.id} {ps.version}, {len(ps.questions)} questions)")
    click.echo(f"Next: hawkama assess {output}", err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@click.option(
    "--policy",
    type=PolicySpec(),
    default=None,
    help="Policy file, a folder holding one, or a policy id. Default: the policy the "
    "assessment names "
    "(for a new file: smart-city).",
)
@click.option("--review", is_flag=True, help="Walk through every answer to change it.")
def assess(file: Path, lang: str, policy: Path | None, review: bool) -> None:
    """Answer an assessment's questions one by one; every answer is saved at once.

    Creates FILE if it does not exist. Only the questions that apply to the answers so
    far are asked. Run it again to resume at the first unanswered question. Type a
    number or an option id (several for multiple choice: 1,3), u for "don't know",
    3x4 for a risk rating, and add a note after #. Enter skips (or keeps the answer),
    - clears an answer, ? shows help and sources, < goes back, ! shows the verdict so
    far, q quits. Works with answers piped in, one per line.

    \b
    Example:
        hawkama assess assessments/my-project.yaml
        hawkama assess assessments/my-project.yaml --review --lang ar
        hawkama assess x.yaml --policy tests/data/mini < answers.txt
    """
    from hawkama.questionnaire.session import run

    try:
        run(file, policy, lang, review, _ask, _say)
    except KeyboardInterrupt:
        raise SystemExit(130) from None  # Ctrl-C; the answers given are saved


def _say(text: str) -> None:
    from hawkama.terminal import terminal_text

    click.echo(terminal_text(text))  # rubric and answer texts are untrusted


def _ask(prompt: str) -> str:
    # input() rather than click.prompt: EOF (piped answers ran out) must reach the
    # session as EOFError, which ends it like `q` does, instead of click's "Aborted!".
    from hawkama.terminal import terminal_text

    line = input(terminal_text(prompt))
    if not sys.stdin.isatty():
        click.echo(terminal_text(line))  # piped answers: the output reads as a transcript
    return line

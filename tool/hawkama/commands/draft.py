"""draft: documents made from an assessment's answers (DPIA, FRIA, register, letter)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from hawkama.commands.options import (
    any_version_option,
    date_option,
    force_option,
    format_option,
    lang_option_for,
    output_option,
    policy_option,
)
from hawkama.errors import UsageProblem

KINDS = ("dpia", "fria", "register", "questionnaire", "letter")


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument(
    "assessments", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@output_option(
    "Folder for the documents (created if missing).",
    folder=True,
    default=Path("drafts"),
    name="out_dir",
)
@lang_option_for("Language of the document; ar is laid out right to left.", ("en", "ar"))
@format_option(
    ("pdf", "html", "docx", "json", "csv"),
    "Output format, repeatable. Default: docx and pdf for dpia, fria and letter; "
    "json, csv and pdf for register; pdf for questionnaire.",
    multiple=True,
    name="fmts",
)
@date_option("Date printed on the documents (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else today.")
@policy_option
@any_version_option
@force_option
def draft(
    kind: str,
    assessments: tuple[Path, ...],
    out_dir: Path,
    lang: str,
    fmts: tuple[str, ...],
    date: dt.datetime | None,
    policy: Path | None,
    any_version: bool,
    force: bool,
) -> None:
    """Draft a document from the answers: dpia, fria, register, letter, or a blank questionnaire.

    Each section is filled from the answers the policy's documents.yaml maps to it;
    what the answers cannot give is marked as a gap for the controller to write.
    Every document names the assessment file, its SHA-256 and the policy version;
    with --date or SOURCE_DATE_EPOCH the same inputs give identical files.

    \b
    Example:
        hawkama draft dpia assessments/qen-2026-002-*.yaml --lang ar -o out/
        hawkama draft register assessments/*.yaml --format json
        hawkama draft questionnaire --lang ar
    """
    from hawkama.drafts import run
    from hawkama.report.batch import from_scored, issue_time

    fmt = run.formats(kind, fmts)
    when = issue_time(date.date() if date else None)
    outputs: list[run.Output] = []
    if kind == "questionnaire":
        from hawkama.questionnaire.skeleton import resolve_policy

        if assessments:
            raise UsageProblem("draft questionnaire takes no ASSESSMENT (use --policy)")
        outputs = run.for_policy(resolve_policy(policy), lang, fmt, when, out_dir)
    else:
        from hawkama.service import score_files

        if not assessments:
            raise UsageProblem(f"draft {kind} needs at least one ASSESSMENT file")
        scored = score_files(assessments, policy, any_version)
        for s in scored:
            outputs += run.for_assessment(from_scored(s), kind, lang, fmt, when, out_dir)
    run.write_all(outputs, force)
    for o in outputs:
        click.echo(str(o.path))

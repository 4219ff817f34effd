"""portfolio, diff, migrate: committee work (issue 7), built in hawkama.committee."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from hawkama.commands.options import (
    any_version_option,
    date_callback,
    force_option,
    format_option,
    lang_option_for,
    output_option,
    policy_option,
    progress_bar,
)
from hawkama.commands.output import emit, formats


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@format_option((*formats("portfolio"), "pdf"), "Output format (pdf needs -o).", default="text")
@output_option("Write to this file (atomically) instead of standard output.")
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    default=None,
    callback=date_callback,
    help="Date that decides what is overdue. Default: SOURCE_DATE_EPOCH, else today.",
)
@lang_option_for("Language of the text and PDF output (ar: right to left).", ("en", "ar"))
@policy_option
@any_version_option
@force_option
def portfolio(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    today: dt.date | None,
    lang: str,
    policy: Path | None,
    any_version: bool,
    force: bool,
) -> None:
    """All assessments side by side: verdict, bands, flags, open conditions, dates.

    PATHS are assessment files or folders (default: ./assessments). Open conditions
    past their due date are marked OVERDUE.

    \b
    Example:
        hawkama portfolio assessments/
        hawkama portfolio assessments/ --format csv -o portfolio.csv
        hawkama portfolio assessments/ --format pdf --lang ar -o reports/portfolio-ar.pdf
    """
    from hawkama.committee import dates
    from hawkama.committee.portfolio import assemble
    from hawkama.committee.portfolio_io import gather
    from hawkama.errors import UsageProblem
    from hawkama.yamlio import refuse_overwrite

    if fmt == "pdf" and output is None:
        raise UsageProblem("--format pdf writes a file: give -o FILE.pdf")
    if output is not None:
        refuse_overwrite([output], force)
    if not paths:
        default = Path("assessments")
        if not default.is_dir():
            raise UsageProblem("give assessment files or folders (no ./assessments here)")
        paths = (default,)
    day = dates.today(today)
    found = gather(paths, policy, any_version, day, progress=progress_bar("Scoring"))
    result = assemble(found.rows, [found.dimensions], day)
    if fmt == "pdf":
        from hawkama.committee.portfolio_pdf import write_pdf

        assert output is not None
        write_pdf(result, output, lang)
    else:
        emit("portfolio", fmt, result, lang, output)
        if output is None:
            return
    click.echo(f"Wrote {output} ({len(result.rows)} projects)", err=True)


@click.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--rev",
    metavar="REV",
    default=None,
    help="Compare OLD as committed at this git revision with OLD as it is now.",
)
@format_option(formats("diff"), "Output format.", default="text")
@policy_option
@any_version_option
def diff(
    old: Path,
    new: Path | None,
    rev: str | None,
    fmt: str,
    policy: Path | None,
    any_version: bool,
) -> None:
    """Show what changed between two versions of an assessment, and what it did.

    Lists the answers and mitigations added, removed and changed; each change is
    re-scored alone on the old version to show its own effect on the dimension
    scores, the flags and the verdict, and the verdict change is explained in words.

    \b
    Example:
        hawkama diff old.yaml new.yaml
        hawkama diff assessments/dam-2026-004-smart-parking.yaml --rev HEAD~1
    """
    from hawkama.committee.sources import diff_with_previous
    from hawkama.errors import UsageProblem

    if (new is None) == (rev is None):
        raise UsageProblem("give two files (OLD NEW), or one file and --rev REV")
    if new is not None:
        result = diff_with_previous(new, previous=old, policy=policy, any_version=any_version)
    else:
        result = diff_with_previous(old, rev=rev, policy=policy, any_version=any_version)
    emit("diff", fmt, result)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--to",
    "to",
    metavar="VERSION",
    required=True,
    help="The policy version to migrate to, e.g. 1.0.0.",
)
@output_option("Write the migrated assessment here. Default: rewrite FILE in place.")
@click.option("--dry-run", is_flag=True, help="Only list what would change; write nothing.")
@policy_option
@force_option
def migrate(
    file: Path, to: str, output: Path | None, dry_run: bool, policy: Path | None, force: bool
) -> None:
    """Carry FILE's answers forward to version VERSION of its policy.

    Lists the new questions that need an answer, the questions whose text, options
    or weights changed since they were answered, and the answers dropped because
    their question or option was removed. Comments in the file are kept.

    \b
    Example:
        hawkama migrate old-assessment.yaml --to 1.0.0 -o new-assessment.yaml
    """
    from hawkama.committee import migrate as mig
    from hawkama.committee.sources import find_version
    from hawkama.policy.find import PolicyResolver
    from hawkama.service import load_checked
    from hawkama.yamlio import refuse_overwrite

    if output is not None and output.resolve() != file.resolve() and not dry_run:
        refuse_overwrite([output], force)  # migrating FILE in place is its own business
    cache = PolicyResolver(policy)
    assessment, _, old_ps = load_checked(file, cache)
    if old_ps.version == to:
        click.echo(f"{file}: already answered against {old_ps.id} {to}; nothing to migrate")
        return
    new_ps = find_version(cache, assessment, file, to)
    plan = mig.plan(old_ps, new_ps, assessment)
    target = None if dry_run else (output or file)
    if target is not None:
        mig.apply(file, target, plan)
    from hawkama.terminal import terminal_text

    text = mig.to_text(plan, str(file), str(target) if target else None)
    click.echo(terminal_text(text), nl=False)

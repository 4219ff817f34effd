"""report, verify."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path

import click

from hawkama.commands.options import (
    any_version_option,
    config_option,
    date_option,
    force_option,
    format_option,
    lang_option_for,
    output_option,
    policy_option,
    progress_bar,
)
from hawkama.commands.output import emit, formats


@click.command()
@click.argument(
    "assessments",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@output_option(
    "Folder for the reports (created if missing).",
    folder=True,
    default=Path("reports"),
    name="out_dir",
)
@lang_option_for("Language of the report; ar is laid out right to left.")
@format_option(
    ("pdf", "html"),
    "PDF/A-3b with the sources attached, or the HTML it is made from.",
    default="pdf",
)
@date_option("Issue date (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH if set, else now.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Reports rendered at once. Default: the number of CPU cores.",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The assessment as last reviewed: adds a section on what changed since "
    "(one ASSESSMENT only).",
)
@click.option(
    "--rev",
    default=None,
    metavar="REV",
    help="Like --previous, the same file at git revision REV (e.g. HEAD~1), for each ASSESSMENT.",
)
@click.option(
    "--register",
    "register",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Register the PDFs are entered in. Default: register.jsonl in the output folder.",
)
@click.option("--no-register", is_flag=True, help="Do not enter the PDFs in a register.")
@click.option(
    "--sign/--no-sign",
    default=None,
    help="Sign each PDF (PAdES) with the committee key made by `hawkama keys init`. "
    "Default: 'sign:' in the config file, else no.",
)
@click.option(
    "--keys",
    "keys_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder with the signing key and certificate (for --sign). Default: 'keys:' in the "
    "config file, else keys/.",
)
@config_option
@policy_option
@any_version_option
@force_option
def report(
    assessments: tuple[Path, ...],
    out_dir: Path,
    lang: str,
    fmt: str,
    date: dt.datetime | None,
    jobs: int | None,
    previous: Path | None,
    rev: str | None,
    register: Path | None,
    no_register: bool,
    sign: bool | None,
    keys_dir: Path | None,
    config: Path | None,
    policy: Path | None,
    any_version: bool,
    force: bool,
) -> None:
    """Write one audit report per assessment, named from its project id.

    The PDF embeds the assessment, the policy and its rubrics and the result, so
    that `hawkama verify` can re-score it later. With SOURCE_DATE_EPOCH or --date
    set, the same inputs give byte-identical PDFs. Each PDF is entered in a register
    (one hash-chained JSON line per report) before it is put in place. With --sign
    the PDF carries the committee's signature, its time the issue date.

    \b
    Example:
        hawkama report assessments/*.yaml
        hawkama report assessments/dam-2026-004.yaml --lang ar -o out/
        hawkama report assessments/*.yaml --force      # replace earlier reports
        hawkama report qen.yaml --rev HEAD~1           # with the changes since
        hawkama report assessments/*.yaml --sign       # signed with keys/key.pem
    """
    from hawkama.committee.previous import check_usage, previous_for
    from hawkama.config import load
    from hawkama.report.batch import issue_time, render_all
    from hawkama.report.register import NAME
    from hawkama.service import score_files

    check_usage(len(assessments), previous, rev)
    settings = load(config)
    # The config's default signs PDFs only; an HTML preview is never signed.
    sign = settings.sign and fmt == "pdf" if sign is None else sign
    keys_dir = keys_dir or settings.keys or Path("keys")
    signer = None
    if sign:
        if fmt != "pdf":
            raise click.UsageError("--sign signs PDFs; it cannot be used with --format html")
        from hawkama.report.signing import load_signer

        signer = load_signer(keys_dir)
    scored = score_files(assessments, policy, any_version)
    earlier = previous_for(scored, previous, rev, policy, any_version)
    when = issue_time(date.date() if date else None)
    book = None if no_register else register or out_dir / NAME
    bar = progress_bar("Rendering")(len(scored)) if len(scored) > 1 else nullcontext()
    with bar as tick:
        done = render_all(
            scored, out_dir, lang, fmt, when, jobs, force, earlier, book, signer, tick=tick
        )
    for r in done:
        click.echo(f"{r.path}  {r.report_id}  ({r.seconds:.1f} s)")


@click.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option(formats("verify"), "Words for people, or JSON for machines.", default="text")
@click.option(
    "--register",
    "register",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Also check that this file is the one the register lists under its id.",
)
@click.option(
    "--trust",
    "trust",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A certificate (PEM or DER) whose holder you trust to sign reports; repeatable. "
    "Default: 'trust:' in the config file.",
)
@config_option
def verify(
    pdf: Path, fmt: str, register: Path | None, trust: tuple[Path, ...], config: Path | None
) -> None:
    """Check a report: its sources, its pages, its signature and its register entry.

    The sources embedded in the report are re-scored and compared with what it
    records; the report is rendered again from them and its pages compared with
    the file's; a signature must cover the whole file, and with --trust be made
    with a certificate you trust. Exit 0 when everything checked holds; 1 with an
    account of every difference; 2 when the file is not a Hawkama report.

    \b
    Example:
        hawkama verify reports/DAM-2026-004.pdf
        hawkama verify reports/DAM-2026-004.pdf --format json
        hawkama verify --register reports/register.jsonl reports/DAM-2026-004.pdf
        hawkama verify --trust keys/cert.pem reports/DAM-2026-004.pdf
    """
    import json

    from hawkama.committee.sources import diff_embedded
    from hawkama.config import load
    from hawkama.errors import HawkamaError
    from hawkama.report.verify import verify as run

    try:
        outcome = run(pdf, register, list(trust) or load(config).trust, diff=diff_embedded)
    except HawkamaError as exc:
        if fmt == "json":
            message = exc.format_message()
            click.echo(json.dumps({"file": str(pdf), "ok": False, "error": message}))
        raise
    emit("verify", fmt, outcome)
    if not outcome.ok:
        raise SystemExit(1)

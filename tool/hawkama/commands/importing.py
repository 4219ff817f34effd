"""import aia: convert other tools' questionnaires into Hawkama policies."""

from __future__ import annotations

from pathlib import Path

import click

from hawkama.commands.options import output_option
from hawkama.errors import UsageProblem


@click.group("import")
def import_group() -> None:
    """Import questionnaires from other tools as Hawkama policies and rubrics."""


@import_group.command("aia")
@click.argument("surveys", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option(
    "Folder to write into; each questionnaire version gets its own sub-folder vX.Y.Z/.",
    folder=True,
    required=True,
    name="out",
)
@click.option(
    "--version",
    "version",
    metavar="vX.Y.Z",
    default=None,
    help="AIA version of the questionnaire (default: read from the file name, e.g. "
    "survey-enfr.v1.0.1.json). Only with a single questionnaire.",
)
@click.option("--force", is_flag=True, help="Replace an earlier import of the same version.")
def aia(surveys: tuple[Path, ...], out: Path, version: str | None, force: bool) -> None:
    """Import the Government of Canada's Algorithmic Impact Assessment (SurveyJS JSON).

    Writes OUTPUT/vX.Y.Z/policy.yaml and aia.yaml per questionnaire. Score the AIA's
    own saved answer files against them; with several versions imported into one
    folder, --policy OUTPUT picks the version each answer file names. With no
    SURVEYS, imports the current questionnaire shipped with Hawkama (v1.0.1; its
    import is also shipped as the policy aia-canada).

    \b
    Example:
        hawkama import aia survey-enfr.v1.0.1.json -o rubrics/aia
        hawkama score --policy rubrics/aia --format json "AIA Results.json"
    """
    from hawkama.errors import InputError, Problem
    from hawkama.importers.aia import import_survey

    if version is not None and len(surveys) > 1:
        raise UsageProblem(
            "--version applies to a single questionnaire; name the versions in the file names"
        )
    if not surveys:
        from hawkama.importers.aia import shipped_survey

        surveys = (shipped_survey(),)
    problems: list[Problem] = []
    done = []
    for path in surveys:
        try:
            imp = import_survey(path, version)
            done.append((path, imp, imp.check(path)))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    versions = [imp.version for _, imp, _ in done]
    repeated = sorted({v for v in versions if versions.count(v) > 1})
    if repeated:
        raise UsageProblem(
            f"two questionnaires of the same version ({', '.join(repeated)}); import one"
        )
    from hawkama.yamlio import refuse_overwrite

    refuse_overwrite([out / f"v{imp.version}" for _, imp, _ in done], force)
    for path, imp, ps in done:
        folder = out / f"v{imp.version}"
        imp.write(folder)
        c = imp.counts
        click.echo(
            f"{path.name} -> {folder}/: {c['questions']} questions ({c['impact']} impact, "
            f"{c['mitigation']} mitigation, {c['conditions']} conditional), "
            f"policy {ps.id} {ps.version}"
        )


@click.group("export")
def export_group() -> None:
    """Export assessments in other tools' formats."""


@export_group.command("aia")
@click.argument("assessment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option("The SurveyFile to write (JSON).", required=True, name="out")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def export_aia(assessment: Path, out: Path, force: bool) -> None:
    """Write an assessment of the policy aia-canada as the AIA's own saved file.

    The AIA web tool loads it with "Upload JSON File": answers keep the AIA's option
    values, notes become its other-language texts (translationsOnResult). Evidence,
    mitigation commitments and the committee's review have no place there and are
    left out (said on stderr).

    \b
    Example:
        hawkama export aia assessments/my-aia.yaml -o "AIA Results.json"
    """
    from hawkama.documents import load_assessment_doc
    from hawkama.importers.aia_export import survey_file
    from hawkama.yamlio import refuse_overwrite, write_atomic

    model, doc = load_assessment_doc(assessment)
    text, dropped = survey_file(model, doc)
    refuse_overwrite([out], force)
    write_atomic(out, text)
    click.echo(f"Wrote {out} ({len(model.answers)} answers, AIA {model.policy.version})")
    if dropped:
        click.echo(f"Not in the AIA's format, left out: {', '.join(dropped)}", err=True)

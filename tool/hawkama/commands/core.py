"""validate, score, explain, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from hawkama.commands.options import (
    any_version_option,
    format_option,
    lang_option,
    policy_option,
)
from hawkama.commands.output import formats
from hawkama.errors import FailOn, UsageProblem


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@policy_option
@click.option(
    "--check-evidence",
    is_flag=True,
    help="Also check that cited evidence files exist and still match their SHA-256.",
)
@click.option(
    "--evidence-root",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --check-evidence: the folder evidence must be under (default: each "
    "assessment's own folder).",
)
@click.option(
    "--allow-outside",
    is_flag=True,
    help="With --check-evidence: also read evidence paths outside the evidence folder.",
)
def validate(
    paths: tuple[Path, ...],
    policy: Path | None,
    check_evidence: bool,
    evidence_root: Path | None,
    allow_outside: bool,
) -> None:
    """Check rubric, policy and assessment files (recognised by content).

    Folders are searched for YAML files. Every problem is reported at once as
    file:line:col: key.path: message. Unanswered required questions are reported as
    incomplete, not as errors.

    \b
    Example:
        hawkama validate rubrics/ assessments/
        hawkama validate --check-evidence assessments/dam-2026-004.yaml
    """
    from hawkama.evidence import EvidenceScope
    from hawkama.service import validate_paths

    scope = EvidenceScope(evidence_root, allow_outside)
    results = list(validate_paths(paths, policy, check_evidence, scope))
    for v in results:
        note = f"  ({v.note})" if v.note else ""
        click.echo(f"ok  {v.kind:<10} {v.path}{note}")
    click.echo(f"{len(results)} file(s) valid", err=True)


@click.command()
@click.argument(
    "assessments",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@policy_option
@format_option(
    formats("score"),
    "Output format. JSON is one array in input order; JSON Lines one result a line, "
    "written as each file is scored.",
    default="text",
)
@click.option(
    "--detail",
    is_flag=True,
    help="JSON: the full record of every question too (default: the summary; "
    "see `hawkama schema result-summary`).",
)
@click.option(
    "--fail-on",
    "fail_on",
    metavar="VERDICT",
    default=None,
    help="Exit with code 1 when any verdict is this one or worse (e.g. HIGH_RISK_WITH_CONDITIONS).",
)
@lang_option
@any_version_option
def score(
    assessments: tuple[Path, ...],
    policy: Path | None,
    fmt: str,
    detail: bool,
    fail_on: str | None,
    lang: str,
    any_version: bool,
) -> None:
    """Score assessments: verdict, dimension bands and the flags that decided it.

    \b
    Example:
        hawkama score assessments/*.yaml
        hawkama score assessments/*.yaml --format json
        hawkama score assessments/*.yaml --format jsonl --detail
        hawkama score assessments/x.yaml --fail-on HIGH_RISK_WITH_CONDITIONS
    """
    from hawkama.score_stream import score_to

    done = score_to(
        lambda chunk: click.echo(chunk, nl=False),
        assessments,
        policy,
        any_version,
        fmt=fmt,
        lang=lang,
        detail=detail,
        fail_on=fail_on,
    )
    if done.failed:
        raise FailOn(f"--fail-on {fail_on}: " + "; ".join(done.failed))


@click.command()
@click.argument("assessment", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--question", "question", metavar="ID", default=None, help="Explain one question only."
)
@policy_option
@lang_option
@any_version_option
def explain(
    assessment: Path, question: str | None, policy: Path | None, lang: str, any_version: bool
) -> None:
    """Explain why each dimension scored as it did, and why the verdict.

    Shows the answers and weights behind each score, the mitigations applied, the
    band limits and the verdict rule that fired.

    \b
    Example:
        hawkama explain assessments/dam-2026-004.yaml
        hawkama explain assessments/dam-2026-004.yaml --question PRV-03
    """
    from hawkama.engine.explain import explain as run
    from hawkama.service import score_files

    s = score_files([assessment], policy, any_version)[0]
    if question is not None and question not in s.policy.questions:
        import difflib

        near = difflib.get_close_matches(question, list(s.policy.questions), n=3, cutoff=0.5)
        hint = f" (did you mean: {', '.join(near)})" if near else ""
        raise UsageProblem(f"--question: no question {question!r} in policy {s.policy.id}{hint}")
    click.echo(run(s.policy, s.result, question, lang), nl=False)


@click.command()
@click.argument(
    "kind",
    type=click.Choice(["rubric", "policy", "assessment", "result", "result-summary", "register"]),
    default="assessment",
)
def schema(kind: str) -> None:
    """Print the JSON Schema of a file format, for editors with a YAML language server.

    \b
    Example:
        hawkama schema rubric > rubric.schema.json
    """
    from pydantic import BaseModel

    if kind == "register":  # the entry `hawkama draft register` writes
        from hawkama.drafts.register import schema as register_schema

        click.echo(json.dumps(register_schema(), indent=2, ensure_ascii=False))
        return

    from hawkama.models.assessment import Assessment
    from hawkama.models.policy import Policy
    from hawkama.models.result import Result, ResultSummary
    from hawkama.models.rubric import Rubric

    models: dict[str, type[BaseModel]] = {
        "rubric": Rubric,
        "policy": Policy,
        "assessment": Assessment,
        "result": Result,
        "result-summary": ResultSummary,
    }
    model = models[kind]
    doc = model.model_json_schema(
        mode="serialization" if kind.startswith("result") else "validation"
    )
    doc["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    doc["title"] = f"Hawkama {kind}"
    click.echo(json.dumps(doc, indent=2, ensure_ascii=False))

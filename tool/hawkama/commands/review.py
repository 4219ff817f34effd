"""review: record the committee's review (issue 7); the record is built in hawkama.committee."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, get_args

import click

from hawkama.commands.options import any_version_option, date_callback, policy_option
from hawkama.models.decisions import Decision

if TYPE_CHECKING:
    from hawkama.committee.record import ReviewChanges
    from hawkama.service import Scored

DECISIONS: tuple[Decision, ...] = get_args(Decision)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--reviewer",
    "reviewers",
    multiple=True,
    metavar='"Name|role|org"',
    help="A reviewer (repeatable); replaces the recorded list.",
)
@click.option(
    "--conflicts",
    metavar="TEXT",
    default=None,
    help="Declaration of conflicts of interest ('none' if none).",
)
@click.option(
    "--decision",
    type=click.Choice(DECISIONS),
    default=None,
    help="The decision.",
)
@click.option(
    "--justification",
    metavar="TEXT",
    default=None,
    help="Why; required when the decision departs from the computed verdict.",
)
@click.option(
    "--condition",
    "conditions",
    multiple=True,
    metavar='"text|FLAG_OR_MITIGATION,...|owner|YYYY-MM-DD"',
    help="A condition of approval (repeatable); replaces the recorded list.",
)
@click.option(
    "--done",
    multiple=True,
    type=int,
    metavar="N",
    help="Mark recorded condition N (from 1) as met (repeatable).",
)
@click.option(
    "--date",
    "decided",
    metavar="YYYY-MM-DD",
    default=None,
    callback=date_callback,
    help="Decision date. Default: today (or SOURCE_DATE_EPOCH).",
)
@policy_option
@any_version_option
def review(
    file: Path,
    reviewers: tuple[str, ...],
    conflicts: str | None,
    decision: str | None,
    justification: str | None,
    conditions: tuple[str, ...],
    done: tuple[int, ...],
    decided: dt.date | None,
    policy: Path | None,
    any_version: bool,
) -> None:
    """Record the committee's review (reviewers, decision, conditions) in FILE.

    With no options, asks for each part. Only the `review:` block of the file changes.
    A decision other than the one the policy's verdict rule names (smart-city:
    LOW_RISK ~ approve; MEDIUM_ or HIGH_RISK_WITH_CONDITIONS ~ approve_with_conditions;
    NOT_APPROVABLE_AS_PROPOSED, PROHIBITED ~ reject; INSUFFICIENT_INFORMATION ~ defer)
    needs --justification.
    Each condition links to flags raised or mitigation ids of the policy.

    \b
    Example:
        hawkama review assessments/dam-2026-004-smart-parking.yaml \\
          --reviewer "Mona Adel|chair|Damietta Governorate" --conflicts none \\
          --decision approve_with_conditions \\
          --condition "Publish the retention schedule|RSK-03-M1|IT unit|2026-06-30"
    """
    from hawkama.committee import record
    from hawkama.committee.review import run, summary

    changes = record.ReviewChanges(
        reviewers=[record.parse_reviewer(r) for r in reviewers],
        conflicts=conflicts,
        decision=decision,
        justification=justification,
        conditions=[record.parse_condition(c) for c in conditions],
        done=list(done),
        decided=decided,
    )
    scored, saved = run(file, changes, policy, any_version, ask=_ask)
    from hawkama.terminal import terminal_text

    click.echo(terminal_text(summary(scored.policy, scored.result, saved)))
    click.echo(f"Recorded the review in {file}", err=True)


def _ask(scored: Scored) -> ReviewChanges:
    """Ask for the review record interactively, showing what the engine concluded."""
    from hawkama.committee import record
    from hawkama.committee.dates import parse_date, today
    from hawkama.policy import decision

    result, ps = scored.result, scored.policy
    verdict = result.verdict.id
    usual = decision.expected_decision(ps, verdict)
    click.echo(f"Computed verdict: {verdict}" + (f" (usual decision: {usual})" if usual else ""))
    if result.flags:
        click.echo("Flags raised: " + ", ".join(sorted({f.code for f in result.flags})))
    changes = record.ReviewChanges()
    click.echo("Reviewers, one a line as Name|role|organisation; an empty line ends the list.")
    while entry := click.prompt("Reviewer", default="", show_default=False).strip():
        changes.reviewers.append(record.parse_reviewer(entry))
    changes.conflicts = click.prompt("Conflicts of interest declared", default="none") or None
    changes.decision = click.prompt(
        "Decision", type=click.Choice(DECISIONS), default=usual or "defer"
    )
    must = decision.departs(ps, verdict, changes.decision)
    prompt = (
        "Justification (required: the decision departs from the verdict)"
        if must
        else ("Justification")
    )
    changes.justification = click.prompt(prompt, default="" if not must else None) or None
    click.echo(
        "Conditions, one a line as text|FLAG_OR_MITIGATION,...|owner|YYYY-MM-DD; "
        f"mitigations of {ps.id} look like {next(iter(ps.mitigation_question), 'X-M1')}. "
        "An empty line ends the list."
    )
    while entry := click.prompt("Condition", default="", show_default=False).strip():
        changes.conditions.append(record.parse_condition(entry))
    when = click.prompt("Decision date", default=today().isoformat())
    changes.decided = parse_date(when, "decision date")
    return changes

"""`hawkama review`: record the committee's review in an assessment file.

Options are for scripts; with none, the record is asked for question by question.
Nothing is written unless the whole record is acceptable: a departure from the computed
verdict needs a justification, and each condition must link to a flag raised or a
mitigation of the policy.
"""

from __future__ import annotations

from pathlib import Path

import click

from hawkama.committee import decision, record
from hawkama.committee.dates import parse_date, today
from hawkama.errors import InputError, Problem
from hawkama.models.assessment import Review
from hawkama.models.result import Result
from hawkama.service import Scored, score_files


def run(
    path: Path,
    changes: record.ReviewChanges,
    policy: Path | None = None,
    any_version: bool = False,
) -> tuple[Scored, Review]:
    """Score the file, apply the changes to its review, check and save it."""
    from hawkama.questionnaire.store import refuse_symlink

    refuse_symlink(path)  # before asking anything: the answers could not be saved
    scored = score_files([path], policy, any_version)[0]
    if changes.empty():
        changes = ask(scored)
    if changes.decision is not None and changes.decided is None:
        changes.decided = today()
    review = record.merge(scored.assessment.review, changes)
    issues = decision.check_review(scored.policy, review, scored.result)
    if issues:
        raise InputError([Problem.unlocated(path, "", f"{i.message} ({i.option})") for i in issues])
    record.write_review(path, review)
    return scored, review


def summary(result: Result, review: Review) -> str:
    """One line per fact, for the terminal after saving."""
    lines = [f"Computed verdict: {result.verdict.id}"]
    if review.decision:
        note = (
            " (departs; justified)" if decision.departs(result.verdict.id, review.decision) else ""
        )
        lines.append(f"Decision: {review.decision}{note}")
    open_ = [c for c in review.conditions if not c.done]
    if review.conditions:
        lines.append(f"Conditions: {len(review.conditions)} ({len(open_)} open)")
    if review.reviewers:
        lines.append("Reviewers: " + ", ".join(r.name for r in review.reviewers))
    return "\n".join(lines)


def ask(scored: Scored) -> record.ReviewChanges:
    """Ask for the review record interactively, showing what the engine concluded."""
    result, ps = scored.result, scored.policy
    verdict = result.verdict.id
    usual = decision.expected_decision(verdict)
    click.echo(f"Computed verdict: {verdict}" + (f" (usual decision: {usual})" if usual else ""))
    if result.flags:
        click.echo("Flags raised: " + ", ".join(sorted({f.code for f in result.flags})))
    changes = record.ReviewChanges()
    click.echo("Reviewers, one a line as Name|role|organisation; an empty line ends the list.")
    while entry := click.prompt("Reviewer", default="", show_default=False).strip():
        changes.reviewers.append(record.parse_reviewer(entry))
    changes.conflicts = click.prompt("Conflicts of interest declared", default="none") or None
    changes.decision = click.prompt(
        "Decision", type=click.Choice(decision.DECISIONS), default=usual or "defer"
    )
    must = decision.departs(verdict, changes.decision)
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

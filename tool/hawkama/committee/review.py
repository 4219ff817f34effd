"""`hawkama review`: record the committee's review in an assessment file.

Options are for scripts; with none, the command asks for the record question by question.
Nothing is written unless the whole record is acceptable: a departure from the computed
verdict needs a justification, and each condition must link to a flag raised or a
mitigation of the policy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hawkama.committee import record
from hawkama.committee.dates import today
from hawkama.errors import InputError, Problem
from hawkama.models.assessment import Review
from hawkama.models.result import Result
from hawkama.policy import decision
from hawkama.policy.compiled import PolicySet
from hawkama.service import Scored, score_files


def run(
    path: Path,
    changes: record.ReviewChanges,
    policy: Path | None = None,
    any_version: bool = False,
    ask: Callable[[Scored], record.ReviewChanges] | None = None,
) -> tuple[Scored, Review]:
    """Score the file, apply the changes to its review, check and save it.

    With no changes, ``ask`` (the command's prompts) is given the scored file and
    returns them.
    """
    from hawkama.questionnaire.store import refuse_symlink

    refuse_symlink(path)  # before asking anything: the answers could not be saved
    scored = score_files([path], policy, any_version)[0]
    if changes.empty() and ask is not None:
        changes = ask(scored)
    if changes.decision is not None and changes.decided is None:
        changes.decided = today()
    review = record.merge(scored.assessment.review, changes)
    issues = decision.check_review(scored.policy, review, scored.result)
    if issues:
        raise InputError([Problem.unlocated(path, "", f"{i.message} ({i.option})") for i in issues])
    record.write_review(path, review)
    return scored, review


def summary(ps: PolicySet, result: Result, review: Review) -> str:
    """One line per fact, for the terminal after saving."""
    lines = [f"Computed verdict: {result.verdict.id}"]
    if review.decision:
        departs = decision.departs(ps, result.verdict.id, review.decision)
        note = " (departs; justified)" if departs else ""
        lines.append(f"Decision: {review.decision}{note}")
    open_ = [c for c in review.conditions if not c.done]
    if review.conditions:
        lines.append(f"Conditions: {len(review.conditions)} ({len(open_)} open)")
    if review.reviewers:
        lines.append("Reviewers: " + ", ".join(r.name for r in review.reviewers))
    return "\n".join(lines)

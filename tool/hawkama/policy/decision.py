"""The committee's decision against the computed verdict, and the links of its conditions.

A committee may decide otherwise than the engine suggests, but must say why in writing
(issue 7): a decision that departs from the verdict's usual decision needs a
justification. Each condition names the flags raised or the policy mitigations it
answers, so that a reader can trace it back to the finding that called for it.

It sits below the service layer because `validate` checks review records too.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import get_args

from hawkama.errors import Problem
from hawkama.models.assessment import Assessment, Review
from hawkama.models.common import Decision
from hawkama.models.result import ResultSummary
from hawkama.policy.compiled import PolicySet
from hawkama.yamlio import Document

DECISIONS: tuple[Decision, ...] = get_args(Decision)


@dataclass(frozen=True)
class Issue:
    """One problem with a review record; ``loc`` is the key path in the assessment file."""

    loc: tuple[str | int, ...]
    message: str
    option: str  # the `hawkama review` option that fixes it


def expected_decision(ps: PolicySet, verdict_id: str) -> str | None:
    """The decision verdict ``verdict_id`` of policy ``ps`` usually calls for, if any.

    It is policy data (the verdict rule's `decision`): a verdict without one, or not of
    this policy, has no usual decision, so any decision on it must be justified.
    """
    for rule in ps.policy.verdicts:
        if rule.id == verdict_id:
            return rule.decision
    return None


def departs(ps: PolicySet, verdict_id: str, decision: str) -> bool:
    """Whether ``decision`` is not the one the verdict calls for."""
    return expected_decision(ps, verdict_id) != decision


def check_review(ps: PolicySet, review: Review | None, result: ResultSummary) -> list[Issue]:
    """Every problem of the review record: unjustified departures, unlinked conditions."""
    if review is None:
        return []
    issues: list[Issue] = []
    verdict = result.verdict.id
    unjustified = not (review.justification or "").strip()
    if review.decision is not None and departs(ps, verdict, review.decision) and unjustified:
        usual = expected_decision(ps, verdict)
        calls = f"calls for {usual!r}" if usual else "has no usual decision"
        issues.append(
            Issue(
                ("review", "decision"),
                f"the decision {review.decision!r} departs from the computed verdict "
                f"{verdict} (which {calls}); a written justification is required",
                "--justification TEXT",
            )
        )
    raised = sorted({f.code for f in result.flags})
    policy_flags = {fd.flag.code for fd in ps.flags}
    mitigations = sorted(ps.mitigation_question)
    for i, cond in enumerate(review.conditions):
        for j, ref in enumerate(cond.answers):
            if ref in raised or ref in ps.mitigation_question:
                continue
            if ref in policy_flags:
                why = f"flag {ref} is not raised by this assessment"
            else:
                close = difflib.get_close_matches(ref, raised + mitigations, n=1, cutoff=0.7)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                why = f"{ref!r} is neither a flag raised nor a mitigation of policy {ps.id}{hint}"
            shown = ", ".join(raised) if raised else "none"
            issues.append(
                Issue(
                    ("review", "conditions", i, "answers", j),
                    f"condition {i + 1}: {why} (flags raised: {shown})",
                    "--condition",
                )
            )
    return issues


def review_problems(
    ps: PolicySet, assessment: Assessment, result: ResultSummary, doc: Document
) -> list[Problem]:
    """The review record's problems, located in the assessment file (for `validate`)."""
    out: list[Problem] = []
    for issue in check_review(ps, assessment.review, result):
        line, col = doc.locate(issue.loc)
        path = ".".join(str(p) for p in issue.loc)
        hint = " in review.justification" if issue.loc[-1] == "decision" else ""
        out.append(Problem(str(doc.path), line, col, path, issue.message + hint))
    return out

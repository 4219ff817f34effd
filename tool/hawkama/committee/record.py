"""Build the review record from command options and save it into the assessment file.

The file is edited through the questionnaire's round-trip store, so comments, key order
and every answer stay exactly as they were; only the `review:` block is replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hawkama.committee.dates import parse_date
from hawkama.errors import UsageProblem
from hawkama.models.assessment import Condition, Review, Reviewer

REVIEW_ORDER = ("reviewers", "conflicts", "decision", "justification", "conditions", "decided")


@dataclass
class ReviewChanges:
    """What `hawkama review` was asked to set; None (or empty) keeps the recorded value."""

    reviewers: list[Reviewer] = field(default_factory=list)
    conflicts: str | None = None
    decision: str | None = None
    justification: str | None = None
    conditions: list[Condition] = field(default_factory=list)
    done: list[int] = field(default_factory=list)  # 1-based condition numbers
    decided: dt.date | None = None

    def empty(self) -> bool:
        return not (
            self.reviewers
            or self.conditions
            or self.done
            or self.decided
            or any(v is not None for v in (self.conflicts, self.decision, self.justification))
        )


def _parts(text: str, most: int, what: str, shape: str) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) > most or not parts[0]:
        raise UsageProblem(f"{what}: {text!r} should be {shape}")
    return parts + [""] * (most - len(parts))


def parse_reviewer(text: str) -> Reviewer:
    """'Name|role|organisation'; role and organisation may be left out."""
    name, role, org = _parts(text, 3, "--reviewer", '"Name|role|organisation"')
    return Reviewer(name=name, role=role or None, organisation=org or None)


def parse_condition(text: str) -> Condition:
    """'text|FLAG_OR_MITIGATION,...|owner|YYYY-MM-DD'; all but the text may be left out."""
    shape = '"text|FLAG_OR_MITIGATION,...|owner|YYYY-MM-DD"'
    body, refs, owner, due = _parts(text, 4, "--condition", shape)
    return Condition(
        text=body,
        answers=[r.strip() for r in refs.split(",") if r.strip()],
        owner=owner or None,
        due=parse_date(due, f"--condition {body[:40]!r}: the due date") if due else None,
    )


def merge(existing: Review | None, changes: ReviewChanges) -> Review:
    """The recorded review with the requested changes applied.

    Reviewers and conditions given replace the recorded lists (a scripted call states the
    whole list); ``done`` marks recorded conditions as met.
    """
    base: dict[str, Any] = existing.model_dump() if existing else {}
    if changes.reviewers:
        base["reviewers"] = [r.model_dump() for r in changes.reviewers]
    if changes.conditions:
        base["conditions"] = [c.model_dump() for c in changes.conditions]
    for key in ("conflicts", "decision", "justification", "decided"):
        value = getattr(changes, key)
        if value is not None:
            base[key] = value or None  # an empty --justification "" clears it
    conditions = base.get("conditions") or []
    for n in changes.done:
        if not 1 <= n <= len(conditions):
            raise UsageProblem(
                f"--done {n}: there are {len(conditions)} condition(s); number them from 1"
            )
        conditions[n - 1]["done"] = True
    try:
        return Review.model_validate(base)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageProblem(f"review.{where}: {first['msg']}") from None


def to_plain(review: Review) -> dict[str, Any]:
    """The review as plain YAML data: stable key order, empty and default values left out."""
    out: dict[str, Any] = {}
    if review.reviewers:
        out["reviewers"] = [
            {k: v for k, v in r.model_dump().items() if v is not None} for r in review.reviewers
        ]
    for key in ("conflicts", "decision", "justification"):
        value = getattr(review, key)
        if value is not None:
            out[key] = value
    if review.conditions:
        rows = []
        for c in review.conditions:
            row = {k: v for k, v in c.model_dump().items() if v not in (None, [])}
            if not c.done:
                row.pop("done", None)
            rows.append(row)
        out["conditions"] = rows
    if review.decided is not None:
        out["decided"] = review.decided
    return out


def write_review(path: Path, review: Review) -> None:
    """Replace the file's `review:` block, keeping everything else byte for byte."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from hawkama.questionnaire.store import AssessmentFile, scalar

    def tree(value: Any, flow: bool = False) -> Any:
        if isinstance(value, dict):
            m = CommentedMap()
            for k, v in value.items():
                # Condition links stay on one line: `answers: [DPIA_MISSING_MANDATORY]`.
                m[k] = tree(v, flow=k == "answers")
            return m
        if isinstance(value, list):
            seq = CommentedSeq([tree(v) for v in value])
            if flow:
                seq.fa.set_flow_style()
            return seq
        return scalar(value)

    af = AssessmentFile.load(path)
    af.tree["review"] = tree(to_plain(review))  # `review` is the last top-level key
    af.save()

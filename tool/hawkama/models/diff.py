"""A diff of two versions of an assessment, as data: what changed and what each change did.

`hawkama.committee.diff` computes it; the report's "changes since the last review"
section and `hawkama diff` lay it out.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FlagRef(Model):
    code: str
    level: str


class Effect(Model):
    """What a change did: residual score deltas by dimension, flags, and the verdict."""

    scores: dict[str, float]
    flags_raised: list[FlagRef]
    flags_cleared: list[FlagRef]
    verdict_from: str
    verdict_to: str


class Change(Model):
    kind: Literal["answer", "mitigation"]
    id: str
    change: Literal["added", "removed", "changed"]
    old: Any = None
    new: Any = None
    effect: Effect

    def words(self) -> str:
        """E.g. 'PRV-09 changed from c to a', 'mitigation RSK-03-M1 committed'."""
        name = self.id if self.kind == "answer" else f"mitigation {self.id}"
        if self.change == "added":
            return f"{name} answered {self.new}" if self.kind == "answer" else f"{name} {self.new}"
        if self.change == "removed":
            return f"{name} removed (was {self.old})"
        return f"{name} changed from {self.old} to {self.new}"


class DimensionDelta(Model):
    id: str
    unit: str
    old: float | None
    new: float | None
    delta: float | None
    old_band: str | None
    new_band: str | None


class Diff(Model):
    old: str
    new: str
    policy_old: str
    policy_new: str
    changes: list[Change]
    dimensions: list[DimensionDelta]
    flags_raised: list[FlagRef]
    flags_cleared: list[FlagRef]
    verdict_old: str
    verdict_new: str
    explanation: str
    interaction: dict[str, float]  # total delta minus the single effects: changes acting together

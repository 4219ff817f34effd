"""Carry an assessment's answers forward to another version of its policy.

``plan`` is pure: it compares the two policy versions question by question and says
which answers carry over, which are dropped (question or option removed) and which
questions need an answer (new ones that apply, and ones whose text, options or weights
changed since they were answered). ``apply`` edits the file through the round-trip
store, so comments and everything not migrated stay as they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from hawkama.committee.diff import shown
from hawkama.engine.evaluate import evaluate
from hawkama.models.assessment import Assessment
from hawkama.models.question_types import QUESTION_TYPES
from hawkama.policy.compiled import PolicySet, QuestionDef


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Model):
    id: str
    reason: str
    value: Any = None


class Migration(Model):
    policy: str
    from_version: str
    to_version: str
    to_hash: str
    carried: int
    dropped_answers: list[Item]
    dropped_mitigations: list[Item]
    added: list[Item]  # new questions that apply and need an answer
    changed: list[Item]  # answered questions whose text, options or weights changed


def _what_changed(old: QuestionDef, new: QuestionDef) -> list[str]:
    a, b = old.question, new.question
    what = []
    if a.type != b.type:
        what.append(f"type {a.type} -> {b.type}")
    if a.text.get("en") != b.text.get("en"):
        what.append("text")
    if [(o.id, o.text.get("en")) for o in a.options] != [
        (o.id, o.text.get("en")) for o in b.options
    ]:
        what.append("options")
    if {o.id: o.weight for o in a.options} != {o.id: o.weight for o in b.options}:
        what.append("weights")
    if a.importance != b.importance:
        what.append(f"importance {a.importance:g} -> {b.importance:g}")
    if a.scale != b.scale or a.risk != b.risk:
        what.append("scale")
    return what


def _chosen(value: Any) -> list[str]:
    if value is True:
        return ["yes"]
    if value is False:
        return ["no"]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if isinstance(value, str | int | float) else []


def plan(old_ps: PolicySet, new_ps: PolicySet, assessment: Assessment) -> Migration:
    """What migrating ``assessment`` from ``old_ps`` to ``new_ps`` keeps, drops and asks."""
    dropped: list[Item] = []
    changed: list[Item] = []
    kept: dict[str, Any] = {}
    for qid, answer in assessment.answers.items():
        new_q = new_ps.questions.get(qid)
        if new_q is None:
            dropped.append(Item(id=qid, reason="question removed", value=shown(answer.value)))
            continue
        q = new_q.question
        if QUESTION_TYPES[q.type].choice and not q.allow_other:
            gone = [o for o in _chosen(answer.value) if o not in new_q.options]
            if gone:
                why = f"option{'s' if len(gone) > 1 else ''} {', '.join(gone)} removed"
                dropped.append(Item(id=qid, reason=why, value=shown(answer.value)))
                continue
        kept[qid] = answer
        old_q = old_ps.questions.get(qid)
        what = _what_changed(old_q, new_q) if old_q is not None else ["new in this version"]
        if what and answer.value is not None:
            changed.append(Item(id=qid, reason=", ".join(what), value=shown(answer.value)))
    mitigations = {}
    dropped_m: list[Item] = []
    for mid, commitment in assessment.mitigations.items():
        if mid in new_ps.mitigation_question:
            mitigations[mid] = commitment
        else:
            dropped_m.append(Item(id=mid, reason="mitigation removed", value=commitment.status))
    carried = assessment.model_copy(update={"answers": kept, "mitigations": mitigations})
    result = evaluate(new_ps, carried)
    added = [
        Item(id=q.id, reason="new question")
        for q in result.questions
        if q.applies and not q.answered and q.id not in old_ps.questions
    ]
    return Migration(
        policy=new_ps.id,
        from_version=old_ps.version,
        to_version=new_ps.version,
        to_hash=new_ps.hash,
        carried=len(kept),
        dropped_answers=dropped,
        dropped_mitigations=dropped_m,
        added=added,
        changed=changed,
    )


def apply(source: Path, target: Path, m: Migration) -> None:
    """Write the migrated assessment to ``target`` (atomically; it may be ``source``)."""
    from hawkama.questionnaire.store import AssessmentFile, scalar

    af = AssessmentFile.load(source)
    ref = af.tree["policy"]
    ref["version"] = scalar(m.to_version)
    ref["hash"] = m.to_hash  # the version answered against, pinned by content
    for section, items in (("answers", m.dropped_answers), ("mitigations", m.dropped_mitigations)):
        block = af.tree.get(section)
        for item in items:
            if block is not None and item.id in block:
                del block[item.id]
    af.path = target
    af.save()


def to_text(m: Migration, source: str, target: str | None) -> str:
    lines = [f"{source}: {m.policy} {m.from_version} -> {m.to_version}"]
    lines.append(f"  {m.carried} answer(s) carried forward")
    for title, items in (
        ("Questions that need an answer", m.added),
        ("Questions changed since they were answered (check the answer)", m.changed),
        ("Answers dropped", m.dropped_answers),
        ("Mitigation commitments dropped", m.dropped_mitigations),
    ):
        if not items:
            continue
        lines.append(f"{title} ({len(items)}):")
        for i in items:
            was = (
                f" (was {i.value})"
                if i.value is not None and title.startswith(("Answers", "Mit"))
                else ""
            )
            lines.append(f"  {i.id}: {i.reason}{was}")
    if target:
        lines.append(f"Wrote {target}")
    return "\n".join(lines) + "\n"

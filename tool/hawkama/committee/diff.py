"""What changed between two versions of an assessment, and what each change did.

``diff_assessments`` is pure. Each change (an answer or a mitigation commitment added,
removed or changed) is applied alone to the old assessment and re-scored, so its own
effect on the dimension scores, the flags and the verdict can be shown beside the total.
The verdict change is then explained in words from the rules that fired.
"""

from __future__ import annotations

from typing import Any

from hawkama.committee.diff_words import explain_verdict
from hawkama.engine.evaluate import evaluate
from hawkama.models.assessment import Assessment, RiskRating
from hawkama.models.diff import Change, Diff, DimensionDelta, Effect, FlagRef
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet


def shown(value: Any) -> Any:
    """An answer value as people write it: 'c', '[a, b]', '3x2'."""
    if isinstance(value, RiskRating):
        return f"{value.likelihood}x{value.impact}"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _flags(r: Result) -> dict[str, str]:
    return {f.code: f.level for f in r.flags}


def _effect(before: Result, after: Result) -> Effect:
    b, a = _flags(before), _flags(after)
    scores: dict[str, float] = {}
    for d in after.dimensions:
        old = before.dimension(d.id).residual if d.id in {x.id for x in before.dimensions} else None
        if d.scored and d.residual is not None and old is not None and d.residual != old:
            scores[d.id] = round(d.residual - old, 2)
    return Effect(
        scores=scores,
        flags_raised=[FlagRef(code=c, level=a[c]) for c in sorted(a) if c not in b],
        flags_cleared=[FlagRef(code=c, level=b[c]) for c in sorted(b) if c not in a],
        verdict_from=before.verdict.id,
        verdict_to=after.verdict.id,
    )


def _changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, Any, Any]]:
    out = []
    for key in [*old, *(k for k in new if k not in old)]:
        if key not in new:
            out.append((key, "removed", old[key], None))
        elif key not in old:
            out.append((key, "added", None, new[key]))
        elif old[key] != new[key]:
            out.append((key, "changed", old[key], new[key]))
    return out


def diff_assessments(
    old_ps: PolicySet,
    old: Assessment,
    new_ps: PolicySet,
    new: Assessment,
    old_name: str = "old",
    new_name: str = "new",
) -> Diff:
    """The diff of two versions; single effects are scored with the new version's policy."""
    old_result = evaluate(old_ps, old)
    new_result = evaluate(new_ps, new)
    base = old_result if new_ps is old_ps else evaluate(new_ps, old)
    changes: list[Change] = []
    old_values = {k: a.value for k, a in old.answers.items()}
    new_values = {k: a.value for k, a in new.answers.items()}
    for qid, kind, was, now in _changes(old_values, new_values):
        answers = dict(old.answers)
        if kind == "removed":
            del answers[qid]
        else:
            answers[qid] = new.answers[qid]
        alone = evaluate(new_ps, old.model_copy(update={"answers": answers}))
        changes.append(
            Change(
                kind="answer",
                id=qid,
                change=kind,  # type: ignore[arg-type]
                old=shown(was),
                new=shown(now),
                effect=_effect(base, alone),
            )
        )
    old_m = {k: m.status for k, m in old.mitigations.items()}
    new_m = {k: m.status for k, m in new.mitigations.items()}
    for mid, kind, was, now in _changes(old_m, new_m):
        mitigations = dict(old.mitigations)
        if kind == "removed":
            del mitigations[mid]
        else:
            mitigations[mid] = new.mitigations[mid]
        alone = evaluate(new_ps, old.model_copy(update={"mitigations": mitigations}))
        changes.append(
            Change(
                kind="mitigation",
                id=mid,
                change=kind,  # type: ignore[arg-type]
                old=was,
                new=now,
                effect=_effect(base, alone),
            )
        )
    total = _effect(old_result, new_result)
    dims = _dimensions(old_result, new_result)
    interaction: dict[str, float] = {}
    for dim, delta in total.scores.items():
        rest = round(delta - sum(c.effect.scores.get(dim, 0.0) for c in changes), 2)
        if abs(rest) >= 0.05:  # rounding noise is not an interaction
            interaction[dim] = rest
    return Diff(
        old=old_name,
        new=new_name,
        policy_old=f"{old_ps.id} {old_ps.version}",
        policy_new=f"{new_ps.id} {new_ps.version}",
        changes=changes,
        dimensions=dims,
        flags_raised=total.flags_raised,
        flags_cleared=total.flags_cleared,
        verdict_old=old_result.verdict.id,
        verdict_new=new_result.verdict.id,
        explanation=explain_verdict(old_ps, new_ps, old_result, new_result, changes, dims),
        interaction=interaction,
    )


def _dimensions(old: Result, new: Result) -> list[DimensionDelta]:
    out = []
    before = {d.id: d for d in old.dimensions}
    for d in new.dimensions:
        o = before.get(d.id)
        if not d.scored:
            continue
        was = o.residual if o else None
        out.append(
            DimensionDelta(
                id=d.id,
                unit=d.unit,
                old=was,
                new=d.residual,
                delta=round(d.residual - was, 2)
                if d.residual is not None and was is not None
                else None,
                old_band=o.residual_band.id if o and o.residual_band else None,
                new_band=d.residual_band.id if d.residual_band else None,
            )
        )
    return out

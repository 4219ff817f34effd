"""The verdict change of a diff, in words, e.g.

    Verdict changed from NOT_APPROVABLE_AS_PROPOSED to HIGH_RISK_WITH_CONDITIONS because
    the BLOCK flag DPIA_MISSING_MANDATORY cleared (PRV-09 changed from c to a).

Only what the two verdict rules read (their compiled dependencies) is cited: the flag
levels they count, the dimension bands, the share of "don't know" answers; each with the
changes that, applied alone, had that effect. No policy's rule names are hard-coded here.
"""

from __future__ import annotations

from hawkama.expr.compile import Dep
from hawkama.models.common import FLAG_LEVELS
from hawkama.models.diff import Change, DimensionDelta
from hawkama.models.result import BandResult, Result, VerdictResult
from hawkama.policy.compiled import PolicySet

_COMPLETENESS = {("n", "unknown_share"), ("n", "missing_required")}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _causes(changes: list[Change], hit: list[Change]) -> str:
    if not hit:
        return " (from the changes together)" if changes else ""
    return " (" + "; ".join(c.words() for c in hit[:4]) + ("; ..." if len(hit) > 4 else "") + ")"


def _flag_reasons(old: Result, new: Result, levels: list[str], changes: list[Change]) -> list[str]:
    before = {f.code: f.level for f in old.flags}
    after = {f.code: f.level for f in new.flags}
    out: list[str] = []
    for level in levels:
        for went, codes in (
            ("cleared", [c for c in sorted(before) if before[c] == level and c not in after]),
            ("raised", [c for c in sorted(after) if after[c] == level and c not in before]),
        ):
            if not codes:
                continue
            parts = []
            for code in codes:
                hit = [
                    c
                    for c in changes
                    if code in {f.code for f in getattr(c.effect, f"flags_{went}")}
                ]
                parts.append(code + _causes(changes, hit))
            if len(parts) == 1:  # "the BLOCK flag X cleared (PRV-09 changed from c to a)"
                code, _, cause = parts[0].partition(" ")
                out.append(
                    f"the {level.upper()} flag {code} {went}" + (f" {cause}" if cause else "")
                )
            else:
                out.append(f"the {level.upper()} flags {_and(parts)} {went}")
    return out


def _dim_reasons(dims: list[DimensionDelta], new: Result, changes: list[Change]) -> list[str]:
    out: list[str] = []
    for d in dims:
        if d.old_band == d.new_band or d.delta is None:
            continue
        labels = {b.id: b.label.get("en", b.id) for b in _bands(new, d.id)}
        went = "rose" if d.delta > 0 else "fell"
        hit = sorted(
            (c for c in changes if c.effect.scores.get(d.id, 0.0) * d.delta > 0),
            key=lambda c: -abs(c.effect.scores[d.id]),
        )
        old_label = labels.get(d.old_band or "", d.old_band)
        new_label = labels.get(d.new_band or "", d.new_band)
        out.append(f"the {d.id} band {went} from {old_label} to {new_label}{_causes(changes, hit)}")
    return out


def _bands(result: Result, dim: str) -> list[BandResult]:
    d = result.dimension(dim)
    return [b for b in (d.inherent_band, d.residual_band) if b is not None]


def _completeness_reasons(old: Result, new: Result) -> list[str]:
    out: list[str] = []
    a, b = old.completeness, new.completeness
    if a.unknown != b.unknown:
        out.append(f"'don't know' answers went from {a.unknown} to {b.unknown}")
    if len(a.required_missing) != len(b.required_missing):
        out.append(
            f"unanswered required questions went from {len(a.required_missing)} "
            f"to {len(b.required_missing)}"
        )
    return out


def _reads(ps: PolicySet, verdict: VerdictResult) -> frozenset[Dep]:
    """What the verdict rule that fired reads (its direct dependencies)."""
    compiled = ps.verdicts[verdict.rule - 1] if verdict.rule <= len(ps.verdicts) else None
    if compiled is None or compiled.source != verdict.when:
        found = [c for c in ps.verdicts if c.source == verdict.when]
        return found[0].deps if found else frozenset()
    return compiled.deps


def explain_verdict(
    old_ps: PolicySet,
    new_ps: PolicySet,
    old: Result,
    new: Result,
    changes: list[Change],
    dims: list[DimensionDelta],
) -> str:
    """One sentence: the verdict change and the facts, read by its rules, that caused it."""
    v0, v1 = old.verdict, new.verdict
    if v0.id == v1.id:
        return f"Verdict unchanged: {v1.id}."
    rules = [_reads(old_ps, v0), _reads(new_ps, v1)]
    # The old rule's levels first, then the new one's; within a rule, the gravest first.
    counted = [[lv for lv in FLAG_LEVELS if ("fl", lv) in deps] for deps in rules]
    levels: list[str] = list(dict.fromkeys(lv for rule in counted for lv in rule))
    reasons = _flag_reasons(old, new, levels, changes)
    if any(kind == "d" for deps in rules for kind, _ in deps):
        reasons += _dim_reasons(dims, new, changes)
    if any(deps & _COMPLETENESS for deps in rules):
        reasons += _completeness_reasons(old, new)
    if not reasons:
        reasons = [
            f"rule {v0.rule} ({v0.when}) no longer holds and rule {v1.rule} ({v1.when}) does"
            if v1.rule > v0.rule
            else f"rule {v1.rule} ({v1.when}) now holds"
        ]
    return f"Verdict changed from {v0.id} to {v1.id} because {_and(reasons)}."

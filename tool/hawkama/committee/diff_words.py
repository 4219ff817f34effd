"""The verdict change of a diff, in words, e.g.

    Verdict changed from NOT_APPROVABLE_AS_PROPOSED to HIGH_RISK_WITH_CONDITIONS because
    the BLOCK flag DPIA_MISSING_MANDATORY cleared (PRV-09 changed from c to a).

Only what the two verdict rules read is cited: the flag levels they count, the
dimension bands, the share of "don't know" answers; each with the changes that, applied
alone, had that effect. No policy's rule names are hard-coded here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hawkama.models.result import BandResult, Result
from hawkama.policy.compiled import PolicySet

if TYPE_CHECKING:
    from hawkama.committee.diff import Change, DimensionDelta

_LEVELS = re.compile(r"flags\(\s*['\"](\w+)['\"]")
_DIMS = re.compile(r"\bdims_\w+|\bband\b")
_COMPLETENESS = re.compile(r"\bunknown_share\b|\bmissing_required\b")


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


def explain_verdict(
    ps: PolicySet,
    old: Result,
    new: Result,
    changes: list[Change],
    dims: list[DimensionDelta],
) -> str:
    """One sentence: the verdict change and the facts, read by its rules, that caused it."""
    v0, v1 = old.verdict, new.verdict
    if v0.id == v1.id:
        return f"Verdict unchanged: {v1.id}."
    rules = [v0.when, v1.when]
    levels = list(dict.fromkeys(lv for when in rules for lv in _LEVELS.findall(when)))
    reasons = _flag_reasons(old, new, levels, changes)
    if any(_DIMS.search(when) for when in rules):
        reasons += _dim_reasons(dims, new, changes)
    if any(_COMPLETENESS.search(when) for when in rules):
        reasons += _completeness_reasons(old, new)
    if not reasons:
        reasons = [
            f"rule {v0.rule} ({v0.when}) no longer holds and rule {v1.rule} ({v1.when}) does"
            if v1.rule > v0.rule
            else f"rule {v1.rule} ({v1.when}) now holds"
        ]
    return f"Verdict changed from {v0.id} to {v1.id} because {_and(reasons)}."

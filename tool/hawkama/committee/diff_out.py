"""A diff as text or JSON."""

from __future__ import annotations

import json

from hawkama.models.diff import Diff, FlagRef


def _num(value: float | None, unit: str = "", sign: bool = False) -> str:
    if value is None:
        return "-"
    if sign and value == 0:
        return "="
    shown = f"{value:+.1f}" if sign else f"{value:.1f}"
    if shown.endswith(".0"):
        shown = shown[:-2]
    return shown + unit


def _flags(flags: list[FlagRef]) -> str:
    return ", ".join(f"{f.level.upper()} {f.code}" for f in flags)


def to_text(d: Diff) -> str:
    policy = d.policy_new if d.policy_old == d.policy_new else f"{d.policy_old} -> {d.policy_new}"
    lines = [f"{d.old} -> {d.new}  (policy {policy})", d.explanation, ""]
    units = {x.id: x.unit for x in d.dimensions}
    if not d.changes:
        lines.append("No answer or mitigation changed.")
    else:
        lines.append(f"Changes ({len(d.changes)}), each alone applied to {d.old}:")
        for c in d.changes:
            lines.append(f"  {c.words()}")
            e = c.effect
            parts = [f"{k} {_num(v, units.get(k, ''), sign=True)}" for k, v in e.scores.items()]
            if e.flags_raised:
                parts.append("raises " + _flags(e.flags_raised))
            if e.flags_cleared:
                parts.append("clears " + _flags(e.flags_cleared))
            if e.verdict_from != e.verdict_to:
                parts.append(f"verdict {e.verdict_from} -> {e.verdict_to}")
            lines.append("      " + ("; ".join(parts) if parts else "no effect on scores or flags"))
    lines += ["", "Residual scores (total):"]
    width = max((len(x.id) for x in d.dimensions), default=0)
    for x in d.dimensions:
        band = f"{x.old_band} -> {x.new_band}" if x.old_band != x.new_band else f"{x.new_band}"
        lines.append(
            f"  {x.id:<{width}}  {_num(x.old, x.unit):>7} -> {_num(x.new, x.unit):<7}"
            f"  ({_num(x.delta, x.unit, sign=True)})  {band}"
        )
    if d.interaction:
        together = ", ".join(
            f"{k} {_num(v, units.get(k, ''), sign=True)}" for k, v in d.interaction.items()
        )
        lines.append(f"  of which from changes acting together: {together}")
    lines.append(f"Flags raised: {_flags(d.flags_raised) or 'none'}")
    lines.append(f"Flags cleared: {_flags(d.flags_cleared) or 'none'}")
    return "\n".join(lines) + "\n"


def to_json(d: Diff) -> str:
    return json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

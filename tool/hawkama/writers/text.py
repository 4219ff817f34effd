"""A readable summary per project: verdict, dimension bands, the flags that decided it."""

from __future__ import annotations

from collections.abc import Sequence

from hawkama.locale import label, text
from hawkama.models.assessment import place
from hawkama.models.common import FLAG_LEVELS
from hawkama.models.result import ResultSummary
from hawkama.terminal import terminal_text


def _score(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    shown = f"{value:.1f}" if unit == "%" or value != int(value) else f"{int(value)}"
    return f"{shown}{unit}"


def render_one(r: ResultSummary, lang: str = "en") -> str:
    p = r.project
    where = place(p.get("city"), p.get("governorate"))
    lines = [f"{p.get('id')}  {p.get('title')}" + (f" ({where})" if where else "")]
    v = r.verdict
    lines.append(
        f"  {label('score.verdict', lang)}: {v.id}  {text(v.label, lang)}"
        f"  ({label('score.rule', lang)} {v.rule})"
    )
    width = max((len(d.id) for d in r.dimensions), default=0)
    for d in r.dimensions:
        if not d.scored:
            continue
        band = text(d.residual_band.label, lang) if d.residual_band else "-"
        ib = text(d.inherent_band.label, lang) if d.inherent_band else "-"
        line = (
            f"  {d.id:<{width}}  {_score(d.residual, d.unit):>7} {band}"
            f"  ({label('score.inherent', lang)} {_score(d.inherent, d.unit)} {ib})"
        )
        if d.override:
            line += f"  [{text(d.override, lang)}]"
        lines.append(line)
    numeric = {
        k: v for k, v in r.values.items() if isinstance(v, int | float) and not isinstance(v, bool)
    }
    if not any(d.scored for d in r.dimensions) and numeric:
        lines.append("  " + "  ".join(f"{k}={_score(float(v), '')}" for k, v in numeric.items()))
    flags = sorted(r.flags, key=lambda f: (FLAG_LEVELS.index(f.level), f.code))
    if flags:
        lines.append(f"  {label('score.flags', lang)}:")
        for f in flags:
            where = f" [{f.question}]" if f.question else ""
            lines.append(f"    {f.level.upper():<12} {f.code}{where}: {text(f.message, lang)}")
    else:
        lines.append(f"  {label('score.flags', lang)}: {label('score.no_flags', lang)}")
    for fnd in r.findings:
        lines.append(f"  * {text(fnd.title, lang)}: {text(fnd.text, lang)}")
    c = r.completeness
    comp = (
        f"  {label('score.completeness', lang)}: {c.answered}/{c.applicable} "
        f"{label('score.answered', lang)}, "
        f"{c.unknown_share:.0%} {label('score.dont_know', lang)}"
    )
    if c.required_missing:
        comp += f", {len(c.required_missing)} {label('score.required_missing', lang)}"
    lines.append(comp)
    if c.ignored:
        lines.append(f"  {label('score.ignored', lang)}: {', '.join(c.ignored)}")
    return "\n".join(lines)


def render(results: Sequence[ResultSummary], lang: str = "en") -> str:
    return terminal_text("\n\n".join(render_one(r, lang) for r in results)) + "\n"

"""The "changes since the last review" section (issue 7): a committee Diff, laid out.

The Diff comes as data: the command computes it through hawkama.committee.previous.

The Diff's own sentences (the explanation and each change's words) are generated in
English only; the view marks them so the template can isolate them left-to-right and
say so in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hawkama.locale import label, text
from hawkama.models.diff import Diff, FlagRef
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet


@dataclass(frozen=True)
class Previous:
    """The previous version of an assessment, verbatim, and what changed since."""

    diff: Diff
    name: str  # its file name; attached as previous/<name>
    data: bytes
    rev: str | None = None  # the git revision it was read from, if any

    @property
    def attachment(self) -> str:
        return f"previous/{self.name}"


def _flags(refs: list[FlagRef], lang: str) -> list[dict[str, str]]:
    return [{"level": label(f"report.flag_{f.level}", lang), "code": f.code} for f in refs]


def view(prev: Previous, ps: PolicySet, result: Result, lang: str) -> dict[str, Any]:
    """The section's context: fixed parts localised, the Diff's sentences as they are."""
    d = prev.diff
    titles = {x.id: text(x.title, lang) for x in result.dimensions}
    bands = {
        (dim, band.id): text(band.label, lang)
        for dim, dd in ps.dimensions.items()
        for band, _ in dd.bands
    }
    verdicts = {v.id: text(v.label, lang) for v in ps.policy.verdicts}
    units = {x.id: x.unit for x in result.dimensions}

    def verdict(vid: str) -> dict[str, str]:
        return {"id": vid, "label": verdicts.get(vid, vid)}

    def band(dim: str, bid: str | None) -> str:
        return "" if bid is None else bands.get((dim, bid), bid)

    changes = [
        {
            "words": c.words(),
            "scores": [
                {"title": titles.get(dim, dim), "delta": delta, "unit": units.get(dim, "")}
                for dim, delta in c.effect.scores.items()
            ],
            "raised": _flags(c.effect.flags_raised, lang),
            "cleared": _flags(c.effect.flags_cleared, lang),
            "moved": c.effect.verdict_from != c.effect.verdict_to,
            "verdict_from": verdict(c.effect.verdict_from),
            "verdict_to": verdict(c.effect.verdict_to),
        }
        for c in d.changes
    ]
    dimensions = [
        {
            "title": titles.get(x.id, x.id),
            "unit": x.unit,
            "old": x.old,
            "new": x.new,
            "delta": x.delta,
            "old_band": band(x.id, x.old_band),
            "new_band": band(x.id, x.new_band),
        }
        for x in d.dimensions
    ]
    return {
        "attachment": prev.attachment,
        "rev": prev.rev or "",
        # The Diff speaks English only: elsewhere its sentences are isolated and labelled.
        "foreign": lang != "en",
        "explanation": d.explanation,
        "verdict_old": verdict(d.verdict_old),
        "verdict_new": verdict(d.verdict_new),
        "changes": changes,
        "dimensions": dimensions,
        "raised": _flags(d.flags_raised, lang),
        "cleared": _flags(d.flags_cleared, lang),
    }

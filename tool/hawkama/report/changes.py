"""The "changes since the last review" section (issue 7): a committee Diff, laid out.

The Diff's own sentences (the explanation and each change's words) are generated in
English only; the view marks them so the template can isolate them left-to-right and
say so in the report's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hawkama.errors import InputError, Problem, UsageProblem
from hawkama.locale import label, text
from hawkama.models.result import Result
from hawkama.policy.compiled import PolicySet

if TYPE_CHECKING:
    from hawkama.committee.diff import Diff, FlagRef


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


def load_previous(
    path: Path,
    previous: Path | None,
    rev: str | None,
    policy: Path | None,
    any_version: bool,
) -> Previous:
    """Diff ``path`` against ``previous`` (a file) or its git revision ``rev``."""
    from hawkama.committee.sources import diff_with_previous, git_text
    from hawkama.files import max_file_bytes, read_bounded

    diff = diff_with_previous(
        path, previous=previous, rev=rev, policy=policy, any_version=any_version
    )
    if rev is not None:
        return Previous(diff, path.name, git_text(path, rev).encode("utf-8"), rev)
    assert previous is not None
    return Previous(diff, previous.name, read_bounded(previous, max_file_bytes()))


def check_usage(count: int, previous: Path | None, rev: str | None) -> None:
    """Refuse --previous with --rev, and --previous with several assessments."""
    if previous is not None and rev is not None:
        raise UsageProblem("give --previous FILE or --rev REV, not both")
    if previous is not None and count != 1:
        # One previous file cannot be the earlier version of several assessments.
        raise UsageProblem(
            f"--previous needs exactly one ASSESSMENT ({count} given); "
            "use --rev REV to compare each file with its own git history"
        )


def previous_for(
    paths: Sequence[Path],
    previous: Path | None,
    rev: str | None,
    policy: Path | None = None,
    any_version: bool = False,
) -> list[Previous | None]:
    """One Previous per assessment (None without --previous/--rev); all problems at once."""
    check_usage(len(paths), previous, rev)
    if previous is None and rev is None:
        return [None] * len(paths)
    out: list[Previous | None] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            out.append(load_previous(path, previous, rev, policy, any_version))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return out


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

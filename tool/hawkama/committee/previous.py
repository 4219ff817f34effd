"""The previous version of each assessment for `hawkama report --previous FILE | --rev REV`.

Each file is read and checked once: the current version is the one the command has
already scored, and the previous one is read once (`git show` once for --rev), its
bytes kept for the report's attachment.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hawkama.committee.sources import compare, git_text, load, load_rev
from hawkama.errors import InputError, Problem, UsageProblem
from hawkama.files import max_file_bytes, read_bounded
from hawkama.policy.find import PolicyResolver
from hawkama.report.changes import Previous
from hawkama.service import Scored


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


def load_previous(
    scored: Scored,
    previous: Path | None,
    rev: str | None,
    cache: PolicyResolver,
    any_version: bool = False,
) -> Previous:
    """Diff the scored file against ``previous`` (a file) or its git revision ``rev``."""
    path = scored.path
    if rev is not None:
        text = git_text(path, rev)
        before, old_ps = load_rev(path, rev, cache, any_version, text=text)
        old_name, name, data = f"{path}@{rev}", path.name, text.encode("utf-8")
    else:
        assert previous is not None
        before, old_ps = load(previous, cache, any_version)
        old_name, name = str(previous), previous.name
        data = read_bounded(previous, max_file_bytes())
    diff = compare(old_name, before, old_ps, str(path), scored.assessment, scored.policy)
    return Previous(diff, name, data, rev)


def previous_for(
    scored: Sequence[Scored],
    previous: Path | None,
    rev: str | None,
    policy: Path | None = None,
    any_version: bool = False,
) -> list[Previous | None]:
    """One Previous per scored file (None without --previous/--rev); all problems at once."""
    check_usage(len(scored), previous, rev)
    if previous is None and rev is None:
        return [None] * len(scored)
    cache = PolicyResolver(policy)
    out: list[Previous | None] = []
    problems: list[Problem] = []
    for s in scored:
        try:
            out.append(load_previous(s, previous, rev, cache, any_version))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return out

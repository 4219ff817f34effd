"""Load an assessment for diff and migrate: from a file, or from a git revision of it."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from hawkama.committee.diff import diff_assessments
from hawkama.documents import detect_kind, validate_doc
from hawkama.errors import InputError, Problem
from hawkama.files import git_blob, max_file_bytes, shown_rev
from hawkama.models.assessment import Assessment
from hawkama.models.diff import Diff
from hawkama.policy.checks import check_assessment
from hawkama.policy.compiled import PolicySet
from hawkama.policy.find import PolicyResolver
from hawkama.service import load_checked
from hawkama.yamlio import parse_yaml


def load(
    path: Path, cache: PolicyResolver, any_version: bool = False
) -> tuple[Assessment, PolicySet]:
    assessment, _, ps = load_checked(path, cache, any_version)
    return assessment, ps


def git_text(path: Path, rev: str) -> str:
    """The file as it was at ``rev`` (`git show REV:./name`, run in the file's folder)."""
    raw = git_blob(path, rev, max_file_bytes())
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise InputError(
            Problem.unlocated(path, "", f"at {shown_rev(rev)}: not UTF-8 text")
        ) from None


def load_rev(
    path: Path,
    rev: str,
    cache: PolicyResolver,
    any_version: bool = False,
    text: str | None = None,
) -> tuple[Assessment, PolicySet]:
    """The assessment as committed at ``rev`` (its ``text``, if already read from git);
    problems are located at ``FILE@REV``."""
    shown = Path(f"{path}@{rev}")
    doc = parse_yaml(shown, git_text(path, rev) if text is None else text)
    if detect_kind(doc) != "assessment":
        raise InputError(Problem(str(shown), 1, 1, "", "not an assessment file (hawkama: 1)"))
    assessment = validate_doc(doc, Assessment)
    ps = cache.for_assessment(assessment, shown)
    problems = check_assessment(ps, assessment, doc, any_version=any_version)
    if problems:
        raise InputError(problems)
    return assessment, ps


def find_version(
    cache: PolicyResolver, assessment: Assessment, source: Path, version: str
) -> PolicySet:
    """The policy ``assessment`` names, at ``version``; the error lists the versions found."""
    from hawkama.models.assessment import PolicyRef
    from hawkama.policy.find import policy_files, search_folders

    pid = assessment.policy.id
    ps = None
    try:
        ref = PolicyRef(id=pid, version=version)
    except ValidationError:
        ref = None  # not a version number at all ('1.0', '', '1.0.0;id'): none is found
    if ref is not None:
        wanted = assessment.model_copy(update={"policy": ref})
        try:
            ps = cache.for_assessment(wanted, source)
        except InputError:
            ps = None
    if ps is not None and ps.version == version:
        return ps
    folders = [cache.explicit] if cache.explicit and cache.explicit.is_dir() else search_folders()
    found = sorted({v for f in folders for (i, v) in policy_files(f) if i == pid})
    raise InputError(
        Problem.unlocated(
            source,
            "",
            f"--to {version!r}: no version {version!r} of policy {pid!r} found "
            f"(versions found: {', '.join(found) or 'none'}); pass --policy PATH",
        )
    )


def diff_with_previous(
    path: Path,
    previous: Path | None = None,
    rev: str | None = None,
    policy: Path | None = None,
    any_version: bool = False,
) -> Diff:
    """The changes of ``path`` since ``previous`` (a file) or since git revision ``rev``.

    For `hawkama diff` and `hawkama verify`; `hawkama report` diffs the files it has
    already scored (hawkama.committee.previous).
    """
    if (previous is None) == (rev is None):
        raise InputError("give the previous version as a file or as a git revision, not both")
    cache = PolicyResolver(policy)
    if rev is not None:
        before, old_ps = load_rev(path, rev, cache, any_version)
        old_name = f"{path}@{rev}"
    else:
        assert previous is not None
        before, old_ps = load(previous, cache, any_version)
        old_name = str(previous)
    after, new_ps = load(path, cache, any_version)
    return compare(old_name, before, old_ps, str(path), after, new_ps)


def compare(
    old_name: str,
    before: Assessment,
    old_ps: PolicySet,
    new_name: str,
    after: Assessment,
    new_ps: PolicySet,
) -> Diff:
    """The diff of two loaded versions of one assessment (of one policy, maybe two versions)."""
    if old_ps.id != new_ps.id:
        raise InputError(
            f"{old_name} is answered against policy {old_ps.id}, {new_name} against "
            f"{new_ps.id}: only versions of one assessment can be compared"
        )
    return diff_assessments(old_ps, before, new_ps, after, old_name, new_name)


def diff_embedded(path: Path, previous: Path, policy: Path) -> Diff:
    """For `hawkama verify`: a report's assessment against its embedded previous version."""
    return diff_with_previous(path, previous=previous, policy=policy, any_version=True)

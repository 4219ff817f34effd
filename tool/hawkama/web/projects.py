"""The assessments a desk serves: the YAML files under DIR with a project id.

Paths handed to pages are always ones found here, never built from what a browser sent,
so no URL can reach a file outside DIR (symbolic links and the desk's own folders are
skipped).
"""

from __future__ import annotations

from pathlib import Path

from hawkama.documents import load_assessment_doc
from hawkama.errors import InputError
from hawkama.service import expand
from hawkama.web.private import PRIVATE

SKIP = {PRIVATE, "evidence", "rubrics", "reports", ".git"}


def assessment_files(folder: Path) -> dict[str, Path]:
    """Project id -> assessment file, for every readable assessment under ``folder``."""
    found: dict[str, Path] = {}
    root = folder.resolve()
    for path in expand([folder]):
        rel = path.relative_to(folder)
        if SKIP & set(rel.parts[:-1]) or path.is_symlink():
            continue
        if not path.resolve().is_relative_to(root):
            continue  # a folder reached through a link
        try:
            assessment, _ = load_assessment_doc(path)
        except InputError:
            continue  # not an assessment, or a broken one: `hawkama validate` says why
        found.setdefault(assessment.project.id, path)
    return found


def relative(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()

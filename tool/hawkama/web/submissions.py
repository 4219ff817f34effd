"""Submitted for review: DIR/.hawkama/submissions.yaml, one entry per project.

A submitted assessment is locked for its proposer until the committee sends it back
(with comments); the file itself is unchanged, so the CLI still works on it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from hawkama.models.common import Strict
from hawkama.web.private import locked, private_dir, read_model, write_model


class Submission(Strict):
    file: str
    submitted: dt.datetime
    by: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="The file as submitted.")
    returned: dt.datetime | None = None
    returned_by: str | None = None
    comment: str | None = Field(default=None, max_length=20_000)

    @property
    def locked(self) -> bool:
        return self.returned is None


class Submissions(Strict):
    submissions: dict[str, Submission] = Field(default_factory=dict)


def submissions_path(folder: Path) -> Path:
    return private_dir(folder) / "submissions.yaml"


def load_submissions(folder: Path) -> Submissions:
    return read_model(submissions_path(folder), Submissions, {"submissions": {}})


def current(folder: Path, project: str) -> Submission | None:
    return load_submissions(folder).submissions.get(project)


def is_locked(folder: Path, project: str) -> bool:
    sub = current(folder, project)
    return sub is not None and sub.locked


def submit(folder: Path, project: str, file: str, by: str, sha256: str, now: dt.datetime) -> None:
    _put(folder, project, Submission(file=file, submitted=now, by=by, sha256=sha256))


def send_back(folder: Path, project: str, by: str, comment: str, now: dt.datetime) -> bool:
    """Unlock a submitted assessment for its proposer, with the committee's comments."""
    sub = current(folder, project)
    if sub is None or not sub.locked:
        return False
    _put(
        folder,
        project,
        sub.model_copy(update={"returned": now, "returned_by": by, "comment": comment}),
    )
    return True


def _put(folder: Path, project: str, sub: Submission) -> None:
    with locked(folder):
        data = load_submissions(folder)
        write_model(
            submissions_path(folder), Submissions(submissions={**data.submissions, project: sub})
        )

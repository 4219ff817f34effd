"""Read the Canada AIA's saved answer file ("SurveyFile") as a Hawkama assessment.

The file is ``{"version": "v1.0.1", "currentPage": n, "data": {question: value},
"translationsOnResult": {...}}``. Answers keep the AIA's own option values, which the
imported rubric uses as option ids, so nothing is re-coded here; conditions and
scoring are the policy's business.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from hawkama.errors import InputError, Problem
from hawkama.importers import AIA_POLICY_ID, aia_version
from hawkama.importers.jsonloc import locate_json
from hawkama.models.assessment import Assessment
from hawkama.validation import dotted
from hawkama.yamlio import Document

TITLE_KEY = "projectDetailsTitle"
MAX_ANSWERS = 5000


class AiaDocument(Document):
    """An AIA file seen as an assessment: positions of assessment keys map to its own keys.

    Checks against the policy report ``answers.<question>``; in the file that answer
    is ``data.<question>``. The file is only re-read for positions when a problem
    is reported.
    """

    # Read by checks.check_assessment: answers to questions the policy lacks are ignored
    # (the AIA ignores them too), not refused.
    foreign_format = True

    def locate(self, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        head = loc[:1]
        if head == ("answers",) and len(loc) > 1:
            return locate_json(self.text, ("data", *loc[1:2]))
        if head == ("policy",):
            return locate_json(self.text, ("version",))
        if head == ("project",):
            return locate_json(self.text, ("data", TITLE_KEY))
        return 1, 1


def _problem(doc: Document, loc: tuple[str | int, ...], message: str) -> Problem:
    line, col = locate_json(doc.text, loc) if loc else (1, 1)
    return Problem(str(doc.path), line, col, dotted(loc), message)


def project_id(stem: str) -> str:
    """A valid project id from a file name: other characters become '-'."""
    pid = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem)
    pid = re.sub(r"^[^A-Za-z0-9]+", "", pid)[:80].rstrip("-")
    return pid or "aia"


def _answer_problem(value: Any) -> str | None:
    """Why a SurveyJS value cannot be an answer (None when it can)."""
    if value is None or isinstance(value, str | bool | int | float):
        return None
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return None
        return "a list answer must hold option values (strings) only"
    kind = "an object" if isinstance(value, dict) else f"a {type(value).__name__}"
    return f"{kind} is not an answer this importer understands (matrix or panel questions)"


def assessment_from_aia(doc: Document) -> Assessment:
    """Convert a parsed AIA SurveyFile; raise InputError with located problems."""
    data = doc.data
    problems: list[Problem] = []
    assert isinstance(data, dict)  # the loader dispatches only mappings here
    label = data.get("version")
    version = aia_version(label) if isinstance(label, str) else None
    if version is None:
        problems.append(
            _problem(doc, ("version",), f"{label!r} is not an AIA version such as 'v1.0.1'")
        )
    answers = data.get("data")
    if not isinstance(answers, dict):
        problems.append(
            _problem(doc, ("data",), "'data' must be an object of question names and answers")
        )
        answers = {}
    elif len(answers) > MAX_ANSWERS:
        problems.append(_problem(doc, ("data",), f"more than {MAX_ANSWERS} answers"))
    for key, value in answers.items():
        why = _answer_problem(value)
        if why is not None:
            problems.append(_problem(doc, ("data", key), why))
    if problems:
        raise InputError(problems)
    title = answers.get(TITLE_KEY)
    stem = doc.path.stem
    raw = {
        "hawkama": 1,
        "policy": {"id": AIA_POLICY_ID, "version": version},
        "project": {
            "id": project_id(stem),
            "title": title.strip() if isinstance(title, str) and title.strip() else stem,
        },
        "answers": answers,
    }
    try:
        return Assessment.model_validate(raw)
    except ValidationError as exc:
        raise InputError([_from_pydantic(doc, err) for err in exc.errors()]) from None


def _from_pydantic(doc: Document, err: Any) -> Problem:
    # Our locations are answers.<question>...; in the AIA file they are data.<question>.
    loc = tuple(err["loc"])
    if loc[:1] == ("answers",) and len(loc) > 1:
        key = loc[1]
        return _problem(doc, ("data", key), f"{key}: {err['msg']}")
    if loc[:1] == ("project",):
        return _problem(doc, ("data", TITLE_KEY), f"project title: {err['msg']}")
    return _problem(doc, (), f"{dotted(loc)}: {err['msg']}")

"""Read the Canada AIA's saved answer file ("SurveyFile") as a Hawkama assessment.

The file is ``{"version": "v1.0.1", "currentPage": n, "data": {question: value},
"translationsOnResult": {...}}``. Answers keep the AIA's own option values, which the
imported rubric uses as option ids, so nothing is re-coded here; conditions and
scoring are the policy's business.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from hawkama.errors import InputError, Problem
from hawkama.importers import AIA_POLICY_ID, aia_version
from hawkama.importers.aia_survey import plain_number, weight
from hawkama.importers.jsonloc import locate_json
from hawkama.models.assessment import Assessment
from hawkama.models.assessment_fast import fast_assessment
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

    def answer_problem(
        self, qid: str, qtype: str, options: Sequence[str], value: Any
    ) -> str | None:
        """Why the AIA answer ``value`` is refused (None when it is scored as the AIA does).

        The AIA's getValue scores whatever is stored: a number as that many points,
        an option value the question lacks by the weight after its last '-'
        ("item9-9": 9 points), a boolean as 0. Its form never saves such values, so
        they come from edited or damaged files; a value that would move the score
        is refused with its place, rather than scored silently either way. Unknown
        values worth 0 points (stale ones from an older questionnaire, found in
        published AIAs) are accepted: the AIA and Hawkama then agree exactly.
        """
        if qtype not in ("single", "multiple"):
            return None
        allowed = ", ".join(options)
        if qtype == "single" and not isinstance(value, str):
            return (
                f"{qid} takes one of its option values ({allowed}); "
                f"{_kind(value)} is not one (the AIA's form never saves one)"
            )
        if qtype == "multiple" and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return (
                f"{qid} takes a list of its option values ({allowed}); "
                f"{_kind(value)} is not one (the AIA's form never saves one)"
            )
        for item in value if isinstance(value, list) else [value]:
            points = weight(item)
            if item not in options and points:
                return (
                    f"{item!r} is not an option of {qid}; the AIA would count it as "
                    f"{plain_number(points)} points, so it is refused (allowed: {allowed})"
                )
        return None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    return f"the text {value!r}"


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


def with_translations(answers: dict[str, Any], translations: dict[str, str]) -> dict[str, Any]:
    """Answers with the other-language version of their text as the answer's note.

    The AIA keeps, per free-text answer, the text the user typed for the other
    language's report (``translationsOnResult``); a note travels with its answer into
    reports and back into an exported SurveyFile. Some files translate answers they
    no longer hold: those become notes without a value.
    """
    out: dict[str, Any] = dict(answers)
    for key, note in translations.items():
        out[key] = {"value": answers.get(key), "note": note}
    return out


def assessment_from_aia(doc: Document) -> Assessment:
    """Convert a parsed AIA SurveyFile; raise InputError with located problems."""
    raw = aia_fields(doc)
    assessment = fast_assessment(raw)
    if assessment is not None:
        return assessment
    try:
        return Assessment.model_validate(raw)
    except ValidationError as exc:
        raise InputError([_from_pydantic(doc, err) for err in exc.errors()]) from None


def aia_fields(doc: Document) -> dict[str, Any]:
    """The fields of the assessment a parsed AIA SurveyFile holds, still to be validated."""
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
        if value is None or type(value) is str:
            continue  # the common answers, fine (as _answer_problem says)
        why = _answer_problem(value)
        if why is not None:
            problems.append(_problem(doc, ("data", key), why))
    translations = data.get("translationsOnResult", {})
    if not isinstance(translations, dict):
        problems.append(
            _problem(
                doc,
                ("translationsOnResult",),
                "'translationsOnResult' must be an object of question names and texts",
            )
        )
        translations = {}
    for key, value in translations.items():
        if not isinstance(value, str):
            problems.append(
                _problem(doc, ("translationsOnResult", key), "a translation must be a text")
            )
    if problems:
        raise InputError(problems)
    title = answers.get(TITLE_KEY)
    stem = doc.path.stem
    return {
        "hawkama": 1,
        "policy": {"id": AIA_POLICY_ID, "version": version},
        "project": {
            "id": project_id(stem),
            "title": title.strip() if isinstance(title, str) and title.strip() else stem,
        },
        "answers": with_translations(answers, translations),
    }


def _from_pydantic(doc: Document, err: Any) -> Problem:
    # Our locations are answers.<question>...; in the AIA file they are data.<question>.
    loc = tuple(err["loc"])
    if loc[:1] == ("answers",) and len(loc) > 1:
        key = loc[1]
        return _problem(doc, ("data", key), f"{key}: {err['msg']}")
    if loc[:1] == ("project",):
        return _problem(doc, ("data", TITLE_KEY), f"project title: {err['msg']}")
    return _problem(doc, (), f"{dotted(loc)}: {err['msg']}")

"""Convert a Canada AIA questionnaire (SurveyJS JSON) into a Hawkama policy and rubric.

The conversion keeps what the AIA's scoring depends on, exactly:

- option values stay the option ids ("item3-2"), so AIA answer files load unchanged,
  and the weight is the number after the last '-' (``parseEmbeddedValue``);
- a question is risk ("-RS"), mitigation ("-MS") or unscored by the suffix of its
  own name, else of its immediate parent (``getScoreType``); only radio, dropdown
  and checkbox questions are scored (``hasScore``);
- ``visibleIf`` of the question and of its page become the question's ``when``, so
  hidden answers are ignored as after the AIA's "Complete";
- the scoring values reproduce ``calculateFinalScore`` (see aia_texts.VALUES).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from hawkama.errors import InputError, Problem
from hawkama.importers import AIA_POLICY_ID, AIA_RUBRIC_ID, aia_version
from hawkama.importers.aia_survey import (
    Element,
    Loc,
    elements,
    local_text,
    plain_number,
    score_group,
    shape_problems,
    weight,
)
from hawkama.importers.aia_texts import (
    LEVELS,
    NUMERALS,
    SOURCES,
    VALUES,
    requirement_findings,
)
from hawkama.importers.jsonloc import locate_json
from hawkama.importers.surveyjs_expr import QuestionKind, UntranslatableCondition, translate
from hawkama.jsonio import parse_json
from hawkama.policy.compiled import PolicySet
from hawkama.validation import dotted
from hawkama.yamlio import dump_yaml, read_text, write_atomic

STRUCTURE = ("panel", "html")  # layout only: never answered, never scored
TYPES = {
    "radiogroup": "single",
    "dropdown": "single",
    "checkbox": "multiple",
    "text": "text",
    "comment": "text",
}
SCORED_TYPES = ("radiogroup", "dropdown", "checkbox")
POLICY_FILE = "policy.yaml"
RUBRIC_FILE = f"{AIA_RUBRIC_ID}.yaml"


@dataclass
class Imported:
    """One questionnaire, converted: YAML texts to write, and counts for the user."""

    version: str
    policy_yaml: str
    rubric_yaml: str
    counts: dict[str, int] = field(default_factory=dict)

    def check(self, survey: Path) -> PolicySet:
        """Load the converted policy with the real loader, in a scratch folder.

        An import never leaves a policy that `score` would refuse, and never leaves
        half an import: the output folder is written only after this passed. Problems
        name the survey, with where in the generated file they are.
        """
        from hawkama.policy.load import load_policy_set

        with tempfile.TemporaryDirectory(prefix="hawkama-import-") as tmp:
            self.write(Path(tmp))
            try:
                return load_policy_set(Path(tmp))
            except InputError as exc:
                raise InputError(
                    [
                        Problem.unlocated(
                            survey,
                            "",
                            f"the imported policy would not load: {Path(p.file).name}:"
                            f"{p.line or 0}:{p.col or 0}: {p.path}: {p.message}",
                        )
                        for p in exc.problems
                    ]
                ) from None

    def write(self, folder: Path) -> list[Path]:
        paths = [folder / POLICY_FILE, folder / RUBRIC_FILE]
        write_atomic(paths[1], self.rubric_yaml)
        write_atomic(paths[0], self.policy_yaml)
        return paths


class _Converter:
    def __init__(self, path: Path, text: str, survey: dict[str, Any], version: str) -> None:
        self.path, self.text, self.survey, self.version = path, text, survey, version
        self.problems: list[Problem] = []
        found = list(elements(survey))
        self.items = [e for e in found if e.el.get("type") in TYPES]
        self.kinds = {
            str(e.el.get("name")): QuestionKind(
                TYPES[e.el["type"]],  # type: ignore[arg-type]
                tuple(
                    str(c.get("value") if isinstance(c, dict) else c)
                    for c in e.el.get("choices") or []
                ),
            )
            for e in self.items
        }
        self.counts = {"questions": 0, "impact": 0, "mitigation": 0, "conditions": 0}
        for e in found:
            kind = e.el.get("type")
            if kind not in TYPES and kind not in STRUCTURE:
                # Dropping a question silently could drop what a condition reads.
                self.problem(
                    (*e.loc, "type"),
                    f"{e.el.get('name')}: question type {kind!r} "
                    f"is not supported (supported: {', '.join(TYPES)})",
                )

    def problem(self, loc: Loc, message: str) -> None:
        self.problems.append(_located(self.path, self.text, loc, message))

    def condition(self, text: Any, owner: str, loc: Loc) -> str | None:
        if not text:
            return None
        try:
            return translate(str(text), self.kinds, owner)
        except UntranslatableCondition as exc:
            self.problem(loc, str(exc))
            return None

    def question(self, e: Element) -> dict[str, Any] | None:
        el, name = e.el, str(e.el.get("name") or "")
        if not re.match(r"^[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9_]+)*$", name) or len(name) > 80:
            self.problem(
                (*e.loc, "name"), f"question name {name!r} cannot be a Hawkama question id"
            )
            return None
        qtype = TYPES[el["type"]]
        group = score_group(e)
        scored = el["type"] in SCORED_TYPES and group != "info"
        out: dict[str, Any] = {
            "id": name,
            "section": e.page,
            "group": group if scored else "info",
            "text": local_text(el.get("title"), name),
        }
        helps = [local_text(el[k], "") for k in ("description", "help") if el.get(k)]
        if helps:
            out["help"] = {lang: "\n\n".join(h[lang] for h in helps) for lang in ("en", "fr")}
        out.update(type=qtype, required=bool(el.get("isRequired")), scored=scored)
        own = (el.get("visibleIf"), name, (*e.loc, "visibleIf"))
        conds = [c for c in (self.condition(*x) for x in (*e.inherited, own)) if c]
        if conds:
            self.counts["conditions"] += 1
            out["when"] = conds[0] if len(conds) == 1 else " and ".join(f"({c})" for c in conds)
        if qtype != "text":
            out["options"] = [
                self.option(c, name, (*e.loc, "choices", j))
                for j, c in enumerate(el.get("choices") or [])
            ]
            if not out["options"]:
                self.problem((*e.loc, "choices"), f"{name}: a choice question without choices")
            # SurveyJS keeps any value it is given (stale values of older versions
            # included); the AIA scores them, so they must load rather than fail.
            out["allow_other"] = True
        # The questionnaire it comes from, and where in it.
        out["sources"] = [{"source": SOURCES[0]["id"], "ref": f"{self.path.name}, page {e.page}"}]
        self.counts["questions"] += 1
        if scored:
            self.counts[group] += 1
        return out

    def option(self, choice: Any, qname: str, loc: Loc) -> dict[str, Any]:
        value = str(choice.get("value") if isinstance(choice, dict) else choice)
        text = choice.get("text") if isinstance(choice, dict) else None
        w = weight(value)
        if not 0 <= w <= 1000:
            self.problem(loc, f"{qname}: weight {w} of option {value!r} is outside 0-1000")
        out: dict[str, Any] = {"id": value, "text": local_text(text, value)}
        if w:  # 0 is the default; leaving it out keeps the file small (it is read on every run)
            out["weight"] = plain_number(w)
        return out

    def sections(self) -> list[dict[str, Any]]:
        used = {e.page for e in self.items}
        out = []
        for p, page in enumerate(self.survey.get("pages") or []):
            name = str(page.get("name") or f"page{p + 1}")
            if name in used:
                panels = [
                    el.get("title") for el in page.get("elements") or [] if isinstance(el, dict)
                ]
                title = page.get("title") or next((t for t in panels if t), None)
                out.append({"id": name, "title": local_text(title, name)})
        return out

    def rubric(self) -> dict[str, Any]:
        questions: list[dict[str, Any]] = []
        seen: set[str] = set()
        for e in self.items:
            q = self.question(e)
            if q is not None and q["id"] in seen:
                self.problem((*e.loc, "name"), f"question name {q['id']!r} is used twice")
            elif q is not None:
                seen.add(q["id"])
                questions.append(q)
        r = AIA_RUBRIC_ID
        return {
            "kind": "rubric",
            "id": r,
            "version": self.version,
            "title": {
                "en": "Algorithmic Impact Assessment",
                "fr": "Évaluation de l'incidence algorithmique",
            },
            "description": {
                "en": f"Imported from {self.path.name} (AIA v{self.version}) "
                "by 'hawkama import aia'.",
                "fr": f"Importé de {self.path.name} (EIA v{self.version}) "
                "par « hawkama import aia ».",
            },
            "sections": self.sections(),
            "questions": questions,
            "findings": requirement_findings(),
            "scoring": {
                "values": [
                    {"id": vid, "label": label, "expr": expr.format(r=r)}
                    for vid, expr, label in VALUES
                ],
                "inherent": "raw_impact",
                "residual": "current_score",
                "bands": [
                    {
                        "id": f"level_{i + 1}",
                        "label": LEVELS[i]["label"],
                        "level": i + 1,
                        **({"at_most": f"max_raw_impact * {q}"} if q else {}),
                    }
                    for i, q in enumerate(("0.25", "0.5", "0.75", ""))
                ],
            },
        }

    def policy(self) -> dict[str, Any]:
        return {
            "kind": "policy",
            "id": AIA_POLICY_ID,
            "version": self.version,
            "title": {
                "en": f"Algorithmic Impact Assessment (Government of Canada) v{self.version}",
                "fr": "Évaluation de l'incidence algorithmique (gouvernement du Canada) "
                f"v{self.version}",
            },
            "languages": ["en", "fr"],
            "rubrics": [RUBRIC_FILE],
            "sources": SOURCES,
            "intake_title": {"en": "Intake", "fr": "Renseignements préliminaires"},
            "verdicts": [
                {
                    "id": f"LEVEL_{NUMERALS[i]}",
                    "when": f"impact_level == {i + 1}" if i < 3 else "true",
                    "severity": i + 1,
                    **LEVELS[i],
                }
                for i in range(4)
            ],
        }


def shipped_survey() -> Path:
    """The current AIA questionnaire shipped inside the package (MIT, Crown copyright)."""
    return Path(str(resources.files("hawkama"))) / "data" / "aia" / "survey-enfr.v1.0.1.json"


def import_survey(path: Path, version: str | None = None) -> Imported:
    """Read one AIA questionnaire; raise InputError listing every problem found."""
    label = version or _version_from_name(path.name)
    semver = aia_version(label) if label else None
    if semver is None:
        raise InputError(
            Problem.unlocated(
                path,
                "",
                (
                    f"cannot tell the AIA version {label!r}; pass --version vX.Y.Z"
                    if label
                    else "cannot tell the AIA version from the file name; pass --version vX.Y.Z"
                ),
            )
        )
    # The same limits as every input: size (read_text), depth, numbers, duplicate keys.
    text = read_text(path)
    survey = parse_json(text, path)
    if not isinstance(survey, dict) or not isinstance(survey.get("pages"), list):
        raise InputError(
            Problem(str(path), 1, 1, "pages", "not a SurveyJS questionnaire (no 'pages' list)")
        )
    shape = shape_problems(survey)
    if shape:
        raise InputError([_located(path, text, loc, message) for loc, message in shape])
    conv = _Converter(path, text, survey, semver)
    rubric = conv.rubric()
    if conv.problems:
        raise InputError(conv.problems)
    header = (
        f"# Generated by 'hawkama import aia' from {path.name}; "
        "edit the questionnaire, not this file.\n"
    )
    return Imported(
        semver, header + dump_yaml(conv.policy()), header + dump_yaml(rubric), conv.counts
    )


def _located(path: Path, text: str, loc: Loc, message: str) -> Problem:
    line, col = locate_json(text, loc)
    return Problem(str(path), line, col, dotted(loc), message)


def _version_from_name(name: str) -> str | None:
    m = re.search(r"v(\d+(?:\.\d+){0,2})(?=\.json$|[^0-9.])", name)
    return m.group(0).rstrip(".") if m else None

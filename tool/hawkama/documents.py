"""Read rubric, policy and assessment files into models, with located errors.

Also reads the Canada AIA's saved answer files (JSON) as assessments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from hawkama.errors import InputError, Problem
from hawkama.jsonio import parse_json
from hawkama.models.assessment import Assessment
from hawkama.models.assessment_fast import fast_assessment
from hawkama.models.document_map import Documents
from hawkama.models.policy import Glossary, Policy
from hawkama.models.rubric import Rubric
from hawkama.validation import problems_from
from hawkama.yamlio import Document, parse_yaml

Kind = Literal["rubric", "policy", "assessment", "glossary", "documents"]
M = TypeVar("M", bound=BaseModel)
MODELS: dict[str, type[BaseModel]] = {
    "rubric": Rubric,
    "policy": Policy,
    "assessment": Assessment,
    "glossary": Glossary,
    "documents": Documents,  # the answers-to-documents mapping (hawkama draft)
}


def detect_kind(doc: Document) -> Kind:
    """Recognise a file by its content: `kind: rubric|policy`, or `hawkama: 1` for assessments."""
    data = doc.data
    if not isinstance(data, dict):
        shape = "empty" if data is None else f"a {_shape(data)}"
        raise InputError(
            Problem(
                str(doc.path),
                *doc.locate(()),
                "",
                f"the document is {shape}; expected a mapping "
                "(a rubric or policy with 'kind:', or an assessment with 'hawkama: 1')",
            )
        )
    kind = data.get("kind")
    if kind in ("rubric", "policy", "glossary", "documents"):
        return kind  # type: ignore[no-any-return]
    if "kind" in data:
        line, col = doc.locate(("kind",))
        raise InputError(
            Problem(
                str(doc.path),
                line,
                col,
                "kind",
                f"{kind!r} is not allowed (allowed: 'rubric', 'policy', 'glossary', 'documents')",
            )
        )
    if "hawkama" in data or "answers" in data or "project" in data:
        return "assessment"
    raise InputError(
        Problem(
            str(doc.path),
            1,
            1,
            "",
            "not a Hawkama file: a rubric or policy starts with 'kind: rubric|policy', "
            "an assessment with 'hawkama: 1'",
        )
    )


def _shape(data: Any) -> str:
    return "list" if isinstance(data, list) else f"single value ({type(data).__name__})"


def validate_doc(doc: Document, model: type[M]) -> M:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, doc, model)) from None


def read_doc(path: Path) -> Document:
    if path.suffix.lower() == ".json":
        return _read_json(path)
    return parse_yaml(path)


def _read_json(path: Path) -> Document:
    from hawkama.yamlio import read_text

    text = read_text(path)
    # Bounded: depth, number length and duplicate keys are located problems (issue #12).
    return Document(path, parse_json(text, path), None, text)


def load_model(path: Path, kind: Kind) -> tuple[BaseModel, Document]:
    doc = read_doc(path)
    found = detect_kind(doc)
    if found != kind:
        raise InputError(Problem(str(path), 1, 1, "", f"expected a {kind} file, found a {found}"))
    return validate_doc(doc, MODELS[kind]), doc


def load_assessment_doc(path: Path) -> tuple[Assessment, Document]:
    """Load an assessment file (YAML, or a Canada AIA saved JSON file)."""
    return assessment_from_doc(read_doc(path))


def assessment_from_doc(doc: Document) -> tuple[Assessment, Document]:
    """The assessment a file read with read_doc holds, and the document to locate it in."""
    path = doc.path
    if (
        isinstance(doc.data, dict)
        and "data" in doc.data
        and "version" in doc.data
        and "hawkama" not in doc.data
    ):
        from hawkama.importers.aia_answers import AiaDocument, assessment_from_aia

        # AiaDocument locates later problems (answers.<q>) at the file's own keys (data.<q>).
        return assessment_from_aia(doc), AiaDocument(doc.path, doc.data, doc.node, doc.text)
    found = detect_kind(doc)
    if found != "assessment":
        raise InputError(
            Problem(str(path), 1, 1, "", f"expected an assessment file, found a {found}")
        )
    # Well-formed files skip pydantic's validation (issue #18); the rest get its messages.
    fast = fast_assessment(doc.data)
    return (validate_doc(doc, Assessment) if fast is None else fast), doc


def load_assessment(path: Path | str) -> Assessment:
    return load_assessment_doc(Path(path))[0]

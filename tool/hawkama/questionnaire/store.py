"""Read and write an assessment file, keeping the comments people wrote in it.

The file is edited through ruamel.yaml's round-trip mode, which keeps comments, key
order, quoting and flow/block style of everything not touched. What Hawkama itself
reads stays hawkama.yamlio.parse_yaml (YAML 1.2 booleans): every save is read back with
it and validated *before* the atomic write, so a save never leaves a file that the other
commands would read differently or refuse.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from hawkama.documents import detect_kind, validate_doc
from hawkama.errors import InputError, Problem
from hawkama.models.assessment import Assessment
from hawkama.questionnaire.details import Commitment
from hawkama.questionnaire.flow import Value
from hawkama.yamlio import Document, parse_yaml, read_text, write_atomic

PROJECT_FIELDS = ("id", "title", "governorate", "city", "sector", "owner", "stage", "summary")
TOP_ORDER = ("hawkama", "policy", "project", "answers", "mitigations", "review")
KEEP: Any = object()  # "leave the note as it is"


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # one answer, one line: folded long notes make noisy diffs
    y.preserve_quotes = True
    y.allow_unicode = True
    return y


def reads_back(text: str) -> bool:
    """Whether ``text`` written as a plain scalar reads back as the same string."""
    try:
        data = parse_yaml(Path("<value>"), f"v: {text}\n").data
    except InputError:
        return False
    return isinstance(data, dict) and data.get("v") == text


def scalar(value: Any) -> Any:
    """A value ready for the tree: strings that would change on reading back get quotes."""
    if isinstance(value, str) and not reads_back(value):
        return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        seq = CommentedSeq([scalar(v) for v in value])
        seq.fa.set_flow_style()  # `[a, c]`: one answer stays on one line
        return seq
    return value


def refuse_symlink(path: Path) -> None:
    """Refuse to edit an assessment through a symbolic link (issue #12, item 12).

    Writing atomically replaces the link with a regular file, which silently forks
    the assessment from the file the link points at; following the link would let a
    link planted in a shared folder make Hawkama write wherever it points. Neither
    is safe, so the user is asked to name the real file.
    """
    if path.is_symlink():
        target = os.readlink(path)
        raise InputError(
            Problem.unlocated(
                path,
                "",
                f"is a symbolic link (to {target!r}); Hawkama does not edit assessments "
                "through links: run the command on the file itself",
            )
        )


class AssessmentFile:
    """One assessment file: the ruamel tree being edited, and what Hawkama reads from it."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text  # what is on disk, as far as we know
        self.doc, self.assessment = _read(path, text)
        try:
            tree = _yaml().load(text)
        except YAMLError as exc:  # parse_yaml accepted it, so this is unlikely
            raise InputError(Problem.unlocated(path, "", f"cannot edit: {exc}")) from None
        if not isinstance(tree, CommentedMap):
            raise InputError(Problem(str(path), 1, 1, "", "expected a mapping"))
        self.tree: CommentedMap = tree

    @classmethod
    def load(cls, path: Path) -> AssessmentFile:
        return cls(path, read_text(path))

    # --- edits; each one is saved at once ---------------------------------------------

    def set_answer(
        self, qid: str, value: Value, note: Any = KEEP, order: Sequence[str] = ()
    ) -> None:
        answers = self._section("answers")
        current = answers.get(qid)
        if isinstance(current, CommentedMap):
            current["value"] = scalar(value)
            if note is not KEEP:
                _set_or_drop(current, "note", note or None)
        elif note is not KEEP and note:
            block = CommentedMap([("value", scalar(value)), ("note", scalar(note))])
            _insert_ordered(answers, qid, block, list(order))
        else:
            _insert_ordered(answers, qid, scalar(value), list(order))
        self.save()

    def set_note(self, qid: str, note: str, order: Sequence[str] = ()) -> None:
        answers = self._section("answers")
        current = answers.get(qid)
        if isinstance(current, CommentedMap):
            _set_or_drop(current, "note", note or None)
        elif note:
            block = CommentedMap([("value", scalar(current)), ("note", scalar(note))])
            _insert_ordered(answers, qid, block, list(order))
        self.save()

    def clear_answer(self, qid: str) -> None:
        answers = self.tree.get("answers")
        if not isinstance(answers, CommentedMap) or qid not in answers:
            return
        current = answers[qid]
        if isinstance(current, CommentedMap):
            current.pop("value", None)  # keep the note and evidence people wrote
            if not current:
                answers[qid] = None
        else:
            answers[qid] = None  # keep the key: the skeleton's comments hang on it
        self.save()

    def set_project(self, field: str, value: str | None) -> None:
        project = self._section("project")
        _insert_ordered(project, field, scalar(value), list(PROJECT_FIELDS))
        self.save()

    def set_commitment(self, mid: str, c: Commitment | None, order: Sequence[str] = ()) -> None:
        """Record a mitigation's status; None removes the entry."""
        mitigations = self._section("mitigations")
        if c is None:
            if mid in mitigations:
                del mitigations[mid]
                if not mitigations:
                    # ruamel writes an emptied block mapping that holds comments as a
                    # comment then `{}`, which is not YAML; start afresh (the comment goes).
                    _insert_ordered(self.tree, "mitigations", CommentedMap(), list(TOP_ORDER))
                self.save()
            return
        entry = mitigations.get(mid)
        if not isinstance(entry, CommentedMap):
            entry = CommentedMap()
        entry["status"] = c.status
        if c.owner is not None:
            entry["owner"] = scalar(c.owner)
        if c.due is not None:
            entry["due"] = c.due
        mitigations.fa.set_block_style()  # `mitigations: {}` of the skeleton grows as a block
        _insert_ordered(mitigations, mid, entry, list(order))
        self.save()

    # --- reading and writing ------------------------------------------------------------

    def dumps(self) -> str:
        out = io.StringIO()
        _yaml().dump(self.tree, out)
        return out.getvalue()

    def save(self) -> None:
        """Check what would be written the way every other command reads it, then write it."""
        text = self.dumps()
        doc, assessment = _read(self.path, text)
        if self.path.exists() and read_text(self.path) != self.text:
            # Edited in another window meanwhile: writing now would throw that edit away.
            raise InputError(
                Problem.unlocated(
                    self.path,
                    "",
                    "the file was changed by another program while being filled in; "
                    "nothing more was saved. Run the command again to continue from the new file",
                )
            )
        refuse_symlink(self.path)
        write_atomic(self.path, text)
        self.text, self.doc, self.assessment = text, doc, assessment

    def _section(self, key: str) -> CommentedMap:
        section = self.tree.get(key)
        if not isinstance(section, CommentedMap):
            section = CommentedMap()
            _insert_ordered(self.tree, key, section, list(TOP_ORDER))
        return section


def _read(path: Path, text: str) -> tuple[Document, Assessment]:
    doc = parse_yaml(path, text)
    if detect_kind(doc) != "assessment":
        raise InputError(Problem(str(path), 1, 1, "", "expected an assessment file (hawkama: 1)"))
    return doc, validate_doc(doc, Assessment)


def _set_or_drop(mapping: CommentedMap, key: str, value: Any) -> None:
    if value is None:
        mapping.pop(key, None)
    else:
        mapping[key] = scalar(value)


def _insert_ordered(mapping: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set ``key``; a new key goes where ``order`` puts it, so answers stay in policy order."""
    if key in mapping:
        mapping[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    position = len(mapping)
    for i, existing in enumerate(mapping):
        if rank.get(existing, len(order) + 1) > mine:
            position = i
            break
    mapping.insert(position, key, value)

"""One proposer's assessment: load it with its policy and result, and apply one form's edit.

The edit goes through the questionnaire's own store (`AssessmentFile`: ruamel round trip,
comments kept, read back and validated before an atomic write), in one write per form.
A save carries the version (file SHA-256) and the answer (`base`) its page showed: when the
file has changed since and this question's answer with it, the save is a conflict and
nothing is written; a change elsewhere in the file is kept and the save goes on top of it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from hawkama.documents import detect_kind, validate_doc
from hawkama.engine.evaluate import evaluate
from hawkama.errors import InputError, Problem
from hawkama.models.assessment import Assessment
from hawkama.models.result import Result
from hawkama.policy.checks import check_assessment
from hawkama.policy.compiled import PolicySet
from hawkama.policy.find import PolicyResolver
from hawkama.questionnaire.store import KEEP, AssessmentFile, refuse_symlink, scalar
from hawkama.web.answer_form import Edit
from hawkama.yamlio import parse_yaml, read_text


class BatchFile(AssessmentFile):
    """An AssessmentFile whose edits are written once, together, by ``commit``."""

    def save(self) -> None:
        pass  # each set_* calls save(); the form's edits go out as one write

    def commit(self) -> None:
        AssessmentFile.save(self)


@dataclass
class Loaded:
    """The file as read (safe loader, no round-trip tree: pages only read), scored."""

    path: Path
    text: str
    assessment: Assessment
    ps: PolicySet
    result: Result

    @property
    def version(self) -> str:
        return sha256_text(self.text)

    def base(self, qid: str) -> str:
        """A hash of what this question holds now: its answer and its mitigations' entries."""
        a = self.assessment
        qd = self.ps.questions[qid]
        answer = a.answers.get(qid)
        part: dict[str, Any] = {
            "answer": answer.model_dump(mode="json") if answer else None,
            "mitigations": {
                m.id: c.model_dump(mode="json")
                for m in qd.mitigations
                if (c := a.mitigations.get(m.id)) is not None
            },
        }
        return sha256_text(json.dumps(part, sort_keys=True))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """One save at a time per file within the server (other programs: see AssessmentFile)."""
    with _locks_guard:
        lock = _locks.setdefault(path.resolve(), threading.Lock())
    with lock:
        yield


def load(path: Path, resolver: PolicyResolver) -> Loaded:
    refuse_symlink(path)
    text = read_text(path)
    doc = parse_yaml(path, text)
    if detect_kind(doc) != "assessment":
        raise InputError(Problem(str(path), 1, 1, "", "expected an assessment file (hawkama: 1)"))
    assessment = validate_doc(doc, Assessment)
    ps = resolver.for_assessment(assessment, path)
    problems = check_assessment(ps, assessment, doc)
    if problems:
        raise InputError(problems)
    return Loaded(path, text, assessment, ps, evaluate(ps, assessment))


# The round-trip tree of the last save of each file, while the file is still that text:
# parsing it again costs most of a save. Taken out for an edit (a failed one is dropped).
_trees: dict[Path, BatchFile] = {}


def _edited(loaded: Loaded) -> BatchFile:
    """The round-trip tree for an edit (slow on a long commented file: only when saving)."""
    cached = _trees.pop(loaded.path.resolve(), None)
    if cached is not None and cached.text == loaded.text:
        return cached
    return BatchFile(loaded.path, loaded.text)


def _commit(f: BatchFile) -> None:
    f.commit()
    _trees[f.path.resolve()] = f


def _saved(loaded: Loaded, f: BatchFile) -> Loaded:
    return Loaded(loaded.path, f.text, f.assessment, loaded.ps, evaluate(loaded.ps, f.assessment))


class Conflict(Exception):
    """The question's answer changed in the file since the page was shown."""

    def __init__(self, current: Loaded) -> None:
        super().__init__("conflict")
        self.current = current


def apply(
    path: Path, resolver: PolicyResolver, qid: str, edit: Edit, version: str, base: str
) -> tuple[str, Loaded]:
    """Save ``edit`` of ``qid``; the file's SHA-256 before, and the file as saved."""
    loaded = load(path, resolver)
    before = loaded.version
    if before != version and loaded.base(qid) != base:
        raise Conflict(loaded)
    f = _edited(loaded)
    order = list(loaded.ps.questions)
    if edit.value is None:
        f.clear_answer(qid)
        f.set_note(qid, edit.note, order)
    else:
        f.set_answer(qid, edit.value, edit.note, order)
    mitigation_order = list(loaded.ps.mitigation_question)
    for mid, commitment in edit.commitments.items():
        f.set_commitment(mid, commitment, mitigation_order)
    try:
        _commit(f)
    except InputError:
        # Changed by another program between our read and our write (hawkama assess).
        raise Conflict(load(path, resolver)) from None
    return before, _saved(loaded, f)


def attach_evidence(
    path: Path, resolver: PolicyResolver, qid: str, entry: dict[str, str]
) -> tuple[str, Loaded]:
    """Add an evidence item to ``qid``'s answer (which must exist: evidence backs an answer)."""
    loaded = load(path, resolver)
    before = loaded.version
    f = _edited(loaded)
    answers = f.tree.get("answers")
    if not isinstance(answers, CommentedMap) or qid not in answers:
        raise KeyError(qid)
    current = answers[qid]
    item = CommentedMap((k, scalar(v)) for k, v in entry.items())
    if isinstance(current, CommentedMap):
        evidence = current.get("evidence")
        if not isinstance(evidence, CommentedSeq):
            evidence = CommentedSeq()
            current["evidence"] = evidence
        evidence.append(item)
    else:
        block = CommentedMap()
        if current is not None:
            block["value"] = scalar(current) if not isinstance(current, CommentedSeq) else current
        block["evidence"] = CommentedSeq([item])
        answers[qid] = block
    _commit(f)
    return before, _saved(loaded, f)


__all__ = ["KEEP", "BatchFile", "Conflict", "Loaded", "apply", "attach_evidence", "load"]

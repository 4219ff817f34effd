"""Check the evidence an assessment cites: the files exist and still have their SHA-256.

An answer's evidence records a path (relative to the assessment file) or a URL and
the SHA-256 of the document when it was cited. A document changed since, or missing,
is a problem a committee must see before relying on the answer. URLs are not fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hawkama.errors import Problem
from hawkama.files import sha256_file
from hawkama.models.assessment import Assessment, Evidence
from hawkama.validation import dotted
from hawkama.yamlio import Document


def _cited(a: Assessment) -> Iterator[tuple[tuple[str | int, ...], Evidence]]:
    for qid, answer in a.answers.items():
        loc: tuple[str | int, ...] = ("answers", qid, "evidence")
        for i, e in enumerate(answer.evidence):
            yield (*loc, i), e
    for mid, m in a.mitigations.items():
        for i, e in enumerate(m.evidence):
            yield ("mitigations", mid, "evidence", i), e


@dataclass(frozen=True)
class EvidenceScope:
    """Where cited evidence may be read from (issue #12, item 12).

    By default only under the assessment's own folder: a hostile assessment citing
    ``../../../../etc/hostname`` must not make the checker read the file and print
    part of its hash. ``root`` declares another evidence folder; ``allow_outside``
    lifts the rule for a committee that keeps evidence elsewhere on purpose.
    """

    root: Path | None = None
    allow_outside: bool = False


def evidence_problems(
    a: Assessment, doc: Document, scope: EvidenceScope | None = None
) -> list[Problem]:
    """Every cited file that is missing or whose content no longer matches its SHA-256."""
    scope = scope or EvidenceScope()
    base = doc.path.parent
    root = (scope.root or base).resolve()
    problems: list[Problem] = []
    for loc, e in _cited(a):
        if not e.path:
            continue  # a URL: recorded, not fetched
        line, col = doc.locate(loc)
        where = dotted(loc)
        target = (base / e.path).resolve()
        if not scope.allow_outside and not target.is_relative_to(root):
            problems.append(
                Problem(
                    str(doc.path),
                    line,
                    col,
                    where,
                    f"evidence {e.path!r} is outside the evidence folder {str(root)!r} "
                    "and is not read; keep evidence under the assessment's folder, or pass "
                    "--evidence-root DIR or --allow-outside",
                )
            )
        elif not target.is_file():
            problems.append(
                Problem(str(doc.path), line, col, where, f"evidence file {e.path!r} not found")
            )
        elif e.sha256 is None:
            problems.append(
                Problem(
                    str(doc.path),
                    line,
                    col,
                    where,
                    f"evidence {e.path!r} has no sha256 to check it against",
                )
            )
        elif (actual := sha256_file(target, "evidence file")) != e.sha256:
            problems.append(
                Problem(
                    str(doc.path),
                    line,
                    col,
                    where,
                    f"evidence {e.path!r} changed since it was cited: sha256 is {actual[:12]}..., "
                    f"the assessment records {e.sha256[:12]}...",
                )
            )
    return problems

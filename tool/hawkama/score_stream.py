"""`hawkama score` over any number of files, in memory that does not grow with them.

Each file is loaded, checked, scored and turned into its piece of output (a text block,
a JSON element, a JSON line, a CSV record) at once, over the cores when there are many
(hawkama.parallel); only the pieces travel and, for JSON and text, they go straight to
a spool file. The spool is copied out when every file was good: bad input still gives
exit 2 and no output. JSON Lines goes out as it comes, for pipelines; a bad file's
problems then follow on stderr.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from hawkama import parallel
from hawkama.errors import InputError, Problem, UsageProblem
from hawkama.policy.find import PolicyResolver

SPOOL_IN_MEMORY = 16 * 1024 * 1024


@dataclass(frozen=True)
class Piece:
    path: Path
    chunk: Any
    verdict: str
    severity: int
    policy_id: str
    rules: dict[str, int] | None  # the policy's verdicts, only when --fail-on asks


def score_job(path: Path, cache: PolicyResolver, options: dict[str, Any]) -> Piece:
    """Load, check and score one file; return its piece of output (runs in a worker)."""
    from hawkama.engine.evaluate import evaluate, evaluate_summary
    from hawkama.models.result import ResultSummary
    from hawkama.service import load_checked
    from hawkama.terminal import terminal_text
    from hawkama.writers import tabular, text

    assessment, _, ps = load_checked(path, cache, options["any_version"])
    r: ResultSummary = (evaluate if options["detail"] else evaluate_summary)(ps, assessment)
    fmt = options["fmt"]
    chunk: Any
    if fmt == "json":
        chunk = tabular.json_item(r)
    elif fmt == "jsonl":
        chunk = tabular.jsonl_item(r)
    elif fmt == "csv":
        chunk = tabular.csv_record(r)
    else:
        chunk = terminal_text(text.render_one(r, options["lang"]))
    rules = {v.id: v.severity for v in ps.policy.verdicts} if options["fail_on"] else None
    return Piece(path, chunk, r.verdict.id, r.verdict.severity, ps.id, rules)


@dataclass
class Outcome:
    failed: list[str]  # "path: VERDICT" of files at or above --fail-on


def score_to(
    write: Callable[[str], None],
    paths: Sequence[Path],
    policy: Path | None = None,
    any_version: bool = False,
    fmt: str = "text",
    lang: str = "en",
    detail: bool = False,
    fail_on: str | None = None,
) -> Outcome:
    """Score ``paths`` and write the output through ``write``; raise with every problem."""
    options = {
        "any_version": any_version,
        "fmt": fmt,
        "lang": lang,
        "detail": detail,
        "fail_on": fail_on,
    }
    problems: list[Problem] = []
    failed: list[str] = []
    unknown: list[str] = []

    def chunks() -> Iterator[Any]:
        for o in parallel.each(paths, score_job, options, policy):
            if isinstance(o, parallel.Failed):
                problems.extend(o.problems)
                continue
            if o.rules is not None and fail_on is not None:
                if fail_on not in o.rules:
                    unknown.append(
                        f"--fail-on: {fail_on!r} is not a verdict of policy {o.policy_id} "
                        f"(allowed: {', '.join(o.rules)})"
                    )
                elif o.severity >= o.rules[fail_on]:
                    failed.append(f"{o.path}: {o.verdict}")
            yield o.chunk

    if fmt == "jsonl":
        for chunk in chunks():
            write(chunk)
    else:
        spool = Spool()
        try:
            _write_format(spool, fmt, chunks())
            if not problems:
                spool.copy_to(write)
        finally:
            spool.close()
    if problems:
        raise InputError(problems)
    if unknown:
        raise UsageProblem(unknown[0])
    return Outcome(failed)


class Spool:
    """Text kept in memory up to SPOOL_IN_MEMORY, then in a temporary file.

    Like tempfile.SpooledTemporaryFile, without importing tempfile (and shutil, lzma,
    bz2) for the usual small run: start-up is most of scoring one file.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._file: IO[str] | None = None

    def write(self, text: str) -> None:
        if self._file is not None:
            self._file.write(text)
            return
        self._parts.append(text)
        self._size += len(text)
        if self._size > SPOOL_IN_MEMORY:
            import tempfile

            # Closed by close(), which score_to calls in a finally.
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
            self._file.write("".join(self._parts))
            self._parts = []

    def copy_to(self, write: Callable[[str], None]) -> None:
        if self._file is None:
            write("".join(self._parts))
            return
        self._file.seek(0)
        while block := self._file.read(1 << 16):
            write(block)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _write_format(spool: Spool, fmt: str, chunks: Iterator[Any]) -> None:
    from hawkama.writers import tabular

    if fmt == "json":
        for piece in tabular.json_array(chunks):
            spool.write(piece)
    elif fmt == "csv":
        spool.write(tabular.csv_text(list(chunks)))
    else:
        first = True
        for chunk in chunks:
            spool.write(chunk if first else "\n\n" + chunk)
            first = False
        spool.write("\n")

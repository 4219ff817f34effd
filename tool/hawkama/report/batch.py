"""Render many reports: one per assessment, in parallel over the CPU cores.

Scoring happens once in the parent; the workers (hawkama.parallel.ordered) only render.
Forked workers inherit the scored inputs, the loaded key and the already imported
WeasyPrint, so nothing heavy is pickled. Where fork is unavailable, the reports are
rendered in this process: compiled rules and a loaded key do not pickle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hawkama import parallel
from hawkama.errors import HawkamaError, InputError, Problem, UsageProblem
from hawkama.report.changes import Previous
from hawkama.report.context import ReportInput
from hawkama.service import Scored

if TYPE_CHECKING:
    from hawkama.report.signing import Signer
from hawkama.yamlio import refuse_overwrite


@dataclass(frozen=True)
class _Job:
    inp: ReportInput
    target: Path
    lang: str
    fmt: str
    when: dt.datetime
    stage: bool
    signer: Signer | None


@dataclass(frozen=True)
class Rendered:
    path: Path
    seconds: float
    report_id: str
    sha256: str = ""
    signer: str | None = None


def from_scored(s: Scored, previous: Previous | None = None) -> ReportInput:
    return ReportInput(s.assessment, s.path.name, s.doc.text, s.policy, s.result, previous)


def issue_time(date: dt.date | None) -> dt.datetime:
    """--date, else SOURCE_DATE_EPOCH, else now: the only clock a report reads."""
    if date is not None:
        return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageProblem(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time in seconds"
            ) from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def output_path(out_dir: Path, project_id: str, lang: str, fmt: str) -> Path:
    suffix = "" if lang == "en" else f".{lang}"
    return out_dir / f"{project_id}{suffix}.{fmt}"


def staged(target: Path) -> Path:
    """Where a report waits until the register has taken it."""
    return target.with_name(f".{target.name}.new")


def render_one(
    inp: ReportInput,
    lang: str,
    fmt: str,
    when: dt.datetime,
    target: Path,
    stage: bool = False,
    signer: Signer | None = None,
) -> Rendered:
    """Render one report to ``target`` (to staged(target) with ``stage``), signed by ``signer``."""
    from hawkama.report.html import prepare
    from hawkama.yamlio import write_atomic

    start = time.perf_counter()
    html, files, issued = prepare(inp, lang, when, target.name)
    data: bytes | None = html.encode("utf-8")
    signer = signer if fmt == "pdf" else None
    if fmt == "pdf":
        from hawkama.report.pdf import write_pdf
        from hawkama.report.signing import BOX

        places: dict[str, tuple[int, float, float, float, float]] = {}
        data = write_pdf(html, files, when, places=places)
        if signer is not None and data is not None:
            data = signer.sign(data, when, places.get(BOX))
    assert data is not None
    write_atomic(staged(target) if stage else target, data)
    return Rendered(
        target,
        time.perf_counter() - start,
        issued.report_id,
        hashlib.sha256(data).hexdigest(),
        signer.name if signer else None,
    )


def _work(job: _Job) -> Rendered | str:
    try:
        return render_one(job.inp, job.lang, job.fmt, job.when, job.target, job.stage, job.signer)
    except HawkamaError as exc:  # sent back as text: click exceptions do not pickle well
        return f"{job.target}: {exc.format_message()}"


def _import_weasyprint() -> None:
    import weasyprint  # noqa: F401 - imported once, before forking: the workers inherit it


def render_all(
    scored: list[Scored],
    out_dir: Path,
    lang: str,
    fmt: str,
    when: dt.datetime,
    workers: int | None = None,
    force: bool = False,
    previous: Sequence[Previous | None] | None = None,
    register: Path | None = None,
    signer: Signer | None = None,
    tick: Callable[[], None] | None = None,
) -> list[Rendered]:
    """Render one report per scored assessment, calling ``tick`` as each is done.

    ``previous``, one per assessment: what it is compared with in the changes section.
    ``register``: the register the PDFs are entered in; they are put in place only once
    it has taken them (an id already issued for another file is refused).
    ``signer``: signs each PDF (PAdES, appended) before it is registered.
    """
    targets: dict[Path, Path] = {}
    jobs = []
    for s, prev in zip(scored, previous or [None] * len(scored), strict=True):
        target = output_path(out_dir, s.assessment.project.id, lang, fmt)
        if target in targets:
            raise UsageProblem(
                f"{s.path} and {targets[target]} have the same project id "
                f"{s.assessment.project.id!r}: both would be written to {target}"
            )
        targets[target] = s.path
        jobs.append((from_scored(s, prev), target))
    refuse_overwrite(list(targets), force)
    stage = register is not None and fmt == "pdf"
    tasks = [_Job(inp, target, lang, fmt, when, stage, signer) for inp, target in jobs]
    results = list(
        parallel.ordered(
            tasks,
            _work,
            workers if parallel.can_fork() else 1,
            tick,
            _import_weasyprint if fmt == "pdf" else None,
        )
    )
    done = [r for r in results if isinstance(r, Rendered)]
    errors = [r for r in results if isinstance(r, str)]
    if errors:
        _discard(done, stage)
        raise InputError([Problem("", None, None, "", e) for e in errors])
    if stage and register is not None:
        _enter(register, scored, done, lang, when)
    return done


def _discard(done: list[Rendered], stage: bool) -> None:
    for r in done if stage else []:
        staged(r.path).unlink(missing_ok=True)


def _enter(
    register: Path, scored: list[Scored], done: list[Rendered], lang: str, when: dt.datetime
) -> None:
    """Enter the reports in the register, and only then put them in place."""
    from hawkama.report import register as reg

    entries = [
        reg.Entry(
            report_id=r.report_id,
            lang=lang,
            project_id=s.assessment.project.id,
            date=when.isoformat(),
            file=r.path.name,
            file_sha256=r.sha256,
            assessment_hash=s.result.assessment_hash,
            policy_hash=s.result.policy_hash,
            signer=r.signer,
        )
        for s, r in zip(scored, done, strict=True)
    ]

    def commit() -> None:
        for r in done:
            os.replace(staged(r.path), r.path)

    try:
        reg.append(register, entries, commit)
    except BaseException:
        _discard(done, True)
        raise

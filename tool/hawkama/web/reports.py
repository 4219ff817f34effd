"""Issuing reports from the desk: `hawkama report` run in a background thread.

The same path as the command (service.score_files, report.batch.render_all) writes the
PDF into DIR/reports and enters it in DIR/reports/register.jsonl. One report renders at a
time: render_all hands its inputs to its workers through module state, and two PDFs at
once would only share the same two cores anyway.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from hawkama.errors import HawkamaError

State = Literal["queued", "scoring", "rendering", "done", "failed"]
REPORTS = "reports"


@dataclass(frozen=True)
class Job:
    project: str
    lang: str
    state: State = "queued"
    path: Path | None = None
    report_id: str = ""
    error: str = ""

    @property
    def running(self) -> bool:
        return self.state in ("queued", "scoring", "rendering")


@dataclass
class Reports:
    """The desk's report jobs, one per (project, language): the latest asked for."""

    folder: Path
    jobs: dict[tuple[str, str], Job] = field(default_factory=dict)
    guard: threading.Lock = field(default_factory=threading.Lock)
    one_at_a_time: threading.Lock = field(default_factory=threading.Lock)
    threads: list[threading.Thread] = field(default_factory=list)

    def get(self, project: str, lang: str) -> Job | None:
        with self.guard:
            return self.jobs.get((project, lang))

    def _set(self, job: Job) -> None:
        with self.guard:
            self.jobs[(job.project, job.lang)] = job

    def start(self, project: str, path: Path, lang: str, done: Callable[[Job], None]) -> Job:
        """Start a report unless one for the same project and language is running."""
        with self.guard:
            job = self.jobs.get((project, lang))
            if job is not None and job.running:
                return job
            job = Job(project, lang)
            self.jobs[(project, lang)] = job
        thread = threading.Thread(
            target=self._run, args=(job, path, done), name=f"report-{project}", daemon=True
        )
        self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()
        return job

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the running reports (tests, and the server's shutdown)."""
        for t in list(self.threads):
            t.join(timeout)

    def _run(self, job: Job, path: Path, done: Callable[[Job], None]) -> None:
        with self.one_at_a_time:
            try:
                job = self._render(job, path)
            except HawkamaError as exc:
                job = replace(job, state="failed", error=exc.format_message())
            except Exception as exc:  # a thread must not die silently: show it on the page
                job = replace(job, state="failed", error=f"{type(exc).__name__}: {exc}")
            self._set(job)
        done(job)

    def _render(self, job: Job, path: Path) -> Job:
        from hawkama.report.batch import issue_time, render_all
        from hawkama.report.register import NAME
        from hawkama.service import score_files

        job = replace(job, state="scoring")
        self._set(job)
        scored = score_files([path])
        job = replace(job, state="rendering")
        self._set(job)
        out = self.folder / REPORTS
        when = issue_time(None)
        (made,) = render_all(
            scored, out, job.lang, "pdf", when, workers=1, force=True, register=out / NAME
        )
        return replace(job, state="done", path=made.path, report_id=made.report_id)

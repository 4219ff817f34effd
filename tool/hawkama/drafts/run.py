"""Write the drafted documents: which builder, which formats, which file names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hawkama.drafts import mapping
from hawkama.drafts.model import Draft
from hawkama.errors import UsageProblem
from hawkama.policy.compiled import PolicySet
from hawkama.report.bundle import Embedded, embedded_files
from hawkama.report.context import ReportInput
from hawkama.yamlio import refuse_overwrite, write_atomic

KINDS = ("dpia", "fria", "register", "questionnaire", "letter")
FORMATS = ("pdf", "html", "docx", "json", "csv")
DEFAULTS: dict[str, tuple[str, ...]] = {
    "dpia": ("docx", "pdf"),
    "fria": ("docx", "pdf"),
    "letter": ("docx", "pdf"),
    "register": ("json", "csv", "pdf"),
    "questionnaire": ("pdf",),
}
ALLOWED: dict[str, tuple[str, ...]] = {
    "dpia": ("docx", "pdf", "html"),
    "fria": ("docx", "pdf", "html"),
    "letter": ("docx", "pdf", "html"),
    "register": ("json", "csv", "pdf", "html"),
    "questionnaire": ("pdf", "html"),
}


def formats(kind: str, asked: tuple[str, ...]) -> tuple[str, ...]:
    if not asked:
        return DEFAULTS[kind]
    bad = [f for f in asked if f not in ALLOWED[kind]]
    if bad:
        raise UsageProblem(
            f"--format {bad[0]}: not available for {kind} (allowed: {', '.join(ALLOWED[kind])})"
        )
    return tuple(dict.fromkeys(asked))


@dataclass(frozen=True)
class Output:
    path: Path
    data: bytes


def _draft_outputs(
    d: Draft,
    fmts: tuple[str, ...],
    when: dt.datetime,
    stem: Path,
    files: Callable[[], list[Embedded]],
) -> list[Output]:
    from hawkama.drafts.html import render_html, render_pdf

    out = []
    for fmt in fmts:
        path = stem.with_name(stem.name + f".{fmt}")
        if fmt == "html":
            out.append(Output(path, render_html(d, when).encode("utf-8")))
        elif fmt == "pdf":
            out.append(Output(path, render_pdf(d, when, files())))
        elif fmt == "docx":
            from hawkama.drafts.docx import render_docx

            out.append(Output(path, render_docx(d, when)))
    return out


def for_assessment(
    inp: ReportInput, kind: str, lang: str, fmts: tuple[str, ...], when: dt.datetime, out_dir: Path
) -> list[Output]:
    """Every file of one document for one scored assessment (nothing is written here)."""
    date = when.date()
    suffix = "" if lang == "en" else f".{lang}"
    stem = out_dir / f"{inp.assessment.project.id}.{kind}{suffix}"

    def files() -> list[Embedded]:
        return embedded_files(inp.assessment_name, inp.assessment_text, inp.policy, inp.result)

    if kind == "letter":
        from hawkama.drafts import letter

        return _draft_outputs(letter.build(inp, lang, date), fmts, when, stem, files)
    docs = mapping.load(inp.policy)
    if kind == "dpia":
        from hawkama.drafts import dpia

        return _draft_outputs(dpia.build(inp, docs, lang, date), fmts, when, stem, files)
    if kind == "fria":
        from hawkama.drafts import fria

        return _draft_outputs(fria.build(inp, docs, lang, date), fmts, when, stem, files)
    from hawkama.drafts import register

    entry = register.build(inp, docs, lang, date)
    out = []
    for fmt in fmts:
        path = stem.with_name(stem.name + f".{fmt}")
        if fmt == "json":
            out.append(Output(path, register.to_json(entry).encode("utf-8")))
        elif fmt == "csv":
            out.append(Output(path, register.to_csv([entry]).encode("utf-8")))
    page = [f for f in fmts if f in ("pdf", "html")]
    if page:
        out += _draft_outputs(register.page(entry, lang), tuple(page), when, stem, files)
    return out


def for_policy(
    ps: PolicySet, lang: str, fmts: tuple[str, ...], when: dt.datetime, out_dir: Path
) -> list[Output]:
    from hawkama.drafts import questionnaire
    from hawkama.report.bundle import policy_names

    suffix = "" if lang == "en" else f".{lang}"
    stem = out_dir / f"{ps.id}-{ps.version}.questionnaire{suffix}"

    def files() -> list[Embedded]:
        return [
            Embedded(name, src.text.encode("utf-8"), "Source", f"Policy source {src.path.name}")
            for name, src in zip(policy_names(ps), ps.files, strict=True)
        ]

    return _draft_outputs(questionnaire.build(ps, lang, when.date()), fmts, when, stem, files)


def write_all(outputs: list[Output], force: bool) -> None:
    """All files or none: every output is rendered before the first is written."""
    refuse_overwrite([o.path for o in outputs], force)
    for o in outputs:
        write_atomic(o.path, o.data)

"""Render a report as HTML with Jinja2. Does not import WeasyPrint (`--format html` stays light)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from hawkama.locale import label
from hawkama.report import context, glyphs
from hawkama.report.bundle import Embedded, Issue, embedded_files, issue, issue_record

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _finalize(value: Any) -> Any:
    # Every {{ ... }} passes here before autoescaping: user and rubric text alike is
    # cleaned of bidi controls and undrawable characters (see glyphs.py).
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return glyphs.clean(value)
    return value


def num(value: float | int | None) -> str:
    """Scores and weights: at most one decimal, no trailing .0."""
    if value is None:
        return "-"
    shown = f"{float(value):.1f}"
    return shown[:-2] if shown.endswith(".0") else shown


def score(value: float | int | None, unit: str = "") -> Markup:
    """A score with its unit, kept together left-to-right (else Arabic shows "%33.3")."""
    return code(num(value) + unit)


def signed(value: float | int | None, unit: str = "") -> Markup:
    """A change in score, with its sign: +5.4%, -2, 0."""
    plus = "+" if value is not None and value > 0 else ""
    return code(plus + num(value) + unit)


def user(value: Any) -> Markup:
    """Free text, isolated in the direction of its first strong letter (dir=auto by hand:
    WeasyPrint 70 ignores dir="auto", and English in an Arabic page would lose its order)."""
    text = glyphs.clean(str(value))
    return Markup('<bdi dir="%s">%s</bdi>') % (glyphs.direction_of(text), text)


def code(value: Any) -> Markup:
    """Ids, codes, hashes and dates: isolated left-to-right, so bidi cannot reorder them."""
    return Markup('<bdi dir="ltr" class="code">%s</bdi>') % glyphs.clean(str(value))


def css_string(value: str) -> Markup:
    """A quoted CSS string for margin boxes; every non-alphanumeric character escaped."""
    out = "".join(ch if ch.isalnum() else f"\\{ord(ch):06x}" for ch in glyphs.clean(value))
    return Markup(f'"{out}"')


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one Jinja environment: autoescape, StrictUndefined, built once per process."""
    env = make_environment(TEMPLATES, "report.css")
    env.filters.update(num=num, score=score, signed=signed)
    return env


def make_environment(folder: Path, css: str) -> jinja2.Environment:
    """An environment for the templates in ``folder`` (also used by the drafted documents)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=jinja2.select_autoescape(("html", "j2")),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(code=code, u=user, css_string=css_string)
    env.globals["css"] = Markup((folder / css).read_text(encoding="utf-8"))
    return env


def render_html(
    inp: context.ReportInput,
    lang: str,
    issued: Issue,
    files: list[Embedded],
    filename: str = "REPORT.pdf",
) -> str:
    ctx = context.build(inp, lang, issued, files)

    def localised(key: str) -> str:
        return label(f"report.{key}", lang)

    template = environment().get_template("report.html.j2")
    return template.render(**ctx, L=localised, filename=filename)


def prepare(
    inp: context.ReportInput, lang: str, when: dt.datetime, filename: str = "REPORT.pdf"
) -> tuple[str, list[Embedded], Issue]:
    """The HTML, the attachments and the issue stamp of one report."""
    prev = inp.previous
    previous = None
    if prev is not None:
        at = f" at git revision {prev.rev}" if prev.rev else ""
        why = f"The previous version of the assessment{at}, for the changes section; not re-scored"
        previous = (prev.attachment, prev.data, why)
    files = embedded_files(
        inp.assessment_name,
        inp.assessment_text,
        inp.policy,
        inp.result,
        previous,
        issue_record(lang, when, filename),
    )
    issued = issue(inp.result, when)
    return render_html(inp, lang, issued, files, filename), files, issued

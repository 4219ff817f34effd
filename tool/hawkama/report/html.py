"""Render a report as HTML with Jinja2. Does not import WeasyPrint (`--format html` stays light)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from hawkama.report import context, glyphs
from hawkama.report.bundle import Embedded, Issue, embedded_files, issue
from hawkama.report.labels import label

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
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(("html", "j2")),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(num=num, code=code, css_string=css_string)
    env.globals["css"] = Markup((TEMPLATES / "report.css").read_text(encoding="utf-8"))
    return env


def render_html(
    inp: context.ReportInput, lang: str, issued: Issue, files: list[Embedded]
) -> str:
    env = environment()
    ctx = context.build(inp, lang, issued, files)
    env_label = lambda key: label(key, lang)  # noqa: E731 - bound per report language
    return env.get_template("report.html.j2").render(**ctx, L=env_label)


def prepare(
    inp: context.ReportInput, lang: str, when: dt.datetime
) -> tuple[str, list[Embedded], Issue]:
    """The HTML, the attachments and the issue stamp of one report."""
    files = embedded_files(inp.assessment_name, inp.assessment_text, inp.policy, inp.result)
    issued = issue(inp.result, when)
    return render_html(inp, lang, issued, files), files, issued

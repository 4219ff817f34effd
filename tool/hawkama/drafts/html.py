"""Render a draft as HTML (Jinja2, autoescape on) and as PDF/A-3b (the report pipeline)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import jinja2

from hawkama.drafts.model import Draft
from hawkama.locale import label
from hawkama.report.bundle import Embedded
from hawkama.report.html import make_environment

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return make_environment(TEMPLATES, "draft.css")


def render_html(d: Draft, when: dt.datetime) -> str:
    def localised(key: str) -> str:
        return label(f"drafts.{key}", d.lang)

    template = environment().get_template("draft.html.j2")
    return template.render(d=d, L=localised, when=when.isoformat())


def render_pdf(d: Draft, when: dt.datetime, files: list[Embedded]) -> bytes:
    """PDF/A-3b with ``files`` (the assessment, policy and result) embedded."""
    from hawkama.report.pdf import write_pdf

    data = write_pdf(render_html(d, when), files, when)
    assert data is not None  # no target: the bytes are returned
    return data

"""The portfolio as HTML (Jinja2) and PDF, reusing the report's fonts, CSS, filters and writer.

Only rendering lives here; WeasyPrint is imported by hawkama.report.pdf when a PDF is
written, never when this module is imported.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from hawkama import __version__
from hawkama.committee.portfolio import Portfolio
from hawkama.locale import label
from hawkama.locale import text as localised
from hawkama.report import html as report_html

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Autoescape, StrictUndefined, and the report's filters and stylesheet."""
    base = report_html.environment()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(("html", "j2")),
        undefined=jinja2.StrictUndefined,
        finalize=base.finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        num=report_html.num,
        score=report_html.score,
        code=report_html.code,
        css_string=report_html.css_string,
    )
    env.globals["css"] = Markup(base.globals["css"])
    return env


def render_html(p: Portfolio, lang: str = "en") -> str:
    def fixed(key: str) -> str:
        return label(f"portfolio.{key}", lang)

    def t(value: Any) -> str:
        return localised(value, lang)

    rtl = lang == "ar"
    return (
        environment()
        .get_template("portfolio.html.j2")
        .render(
            p=p,
            lang=lang,
            dir="rtl" if rtl else "ltr",
            rtl=rtl,
            L=fixed,
            t=t,
            version=__version__,
        )
    )


def write_pdf(p: Portfolio, target: Path, lang: str = "en") -> None:
    """Render the portfolio to ``target`` (atomically), with its JSON attached."""
    from hawkama.committee.portfolio_out import to_json
    from hawkama.report.bundle import Embedded
    from hawkama.report.pdf import write_pdf as write

    html = render_html(p, lang)
    data = Embedded("portfolio.json", to_json(p).encode("utf-8"), "Data", "The portfolio as JSON")
    # The PDF's dates are the portfolio's own date, so the same inputs give the same bytes.
    when = dt.datetime.combine(p.today, dt.time(), dt.UTC)
    write(html, [data], when, target)

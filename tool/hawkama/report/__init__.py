"""Audit reports: HTML from Jinja2 templates, PDF/A-3b from WeasyPrint (imported lazily).

html.prepare(ReportInput, lang, when) -> (html, attachments, issue)
pdf.write_pdf(html, attachments, when, target)
verify.verify(path) -> Verification
"""

from __future__ import annotations

from hawkama.report.context import ReportInput

__all__ = ["ReportInput"]

"""Turn report HTML into a PDF/A-3b with its sources attached. WeasyPrint is imported here only.

Everything that would vary between runs is fixed from the inputs: the dates come from the
issue stamp and the /ID from a digest of the HTML and the attachments, so the same
inputs and SOURCE_DATE_EPOCH give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from hawkama.errors import HawkamaError
from hawkama.report.bundle import Embedded, fingerprint

REPORT_DIR = Path(__file__).resolve().parent


class RenderError(HawkamaError):
    """The PDF could not be produced (e.g. a bundled font is missing from the install)."""


def bundled_path(url: str) -> Path | None:
    """The file a ``file:`` URL names, if it is inside the package's report/ folder."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    return path if path.is_relative_to(REPORT_DIR) else None


def make_fetcher(record: list[str] | None = None) -> Any:
    """A URL fetcher that serves only the bundled assets and refuses everything else.

    Refusals raise ValueError, which WeasyPrint logs and skips; a bundled asset that is
    missing is fatal instead, since a report without its fonts would be wrong silently.
    ``record`` (for tests) receives every URL asked for.
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError, URLFetcherResponse

    class BundledOnly(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if record is not None:
                record.append(url)
            path = bundled_path(url)
            if path is None:
                raise ValueError(
                    f"refused: only the bundled report assets may be loaded ({url[:80]})"
                )
            if not path.is_file():
                raise FatalURLFetchingError(f"bundled report asset missing: {path}")
            return URLFetcherResponse(url, body=path.read_bytes())

    return BundledOnly(allowed_protocols={"file"})


def _attachments(files: list[Embedded], when: dt.datetime, fetcher: Any) -> list[Any]:
    import weasyprint

    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    return [
        weasyprint.Attachment(
            string=f.data,
            name=f.name,
            description=f.description,
            relationship=f.relationship,
            created=naive,
            modified=naive,
            url_fetcher=fetcher,
        )
        for f in files
    ]


def write_pdf(
    html: str,
    files: list[Embedded],
    when: dt.datetime,
    target: Path | None = None,
    record: list[str] | None = None,
    places: dict[str, tuple[int, float, float, float, float]] | None = None,
) -> bytes | None:
    """Render ``html`` to ``target`` (or return the bytes) as PDF/A-3b with ``files`` attached.

    ``places`` receives where each element with an id sits: (page index, x1, y1, x2, y2),
    in PDF points from the page's bottom left (the signature box is found so).
    """
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    fetcher = make_fetcher(record)
    # WeasyPrint warns through logging for every refused URL; they are expected here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        doc = weasyprint.HTML(string=html, base_url=REPORT_DIR.as_uri() + "/", url_fetcher=fetcher)
        options: dict[str, Any] = {
            "pdf_variant": "pdf/a-3b",
            "attachments": _attachments(files, when, fetcher),
            "custom_metadata": True,
            # Tagged structure (headings, tables, lists, figure alt text) for screen
            # readers: users of the AIA's own untagged PDFs asked for exactly this.
            "pdf_tags": True,
            "pdf_identifier": fingerprint(html, files),
        }
        document = doc.render(**options)
        if places is not None:
            for i, page in enumerate(document.pages):
                for name, (x1, y1, x2, y2) in page.anchors.items():
                    # CSS px from the top left -> PDF points from the bottom left
                    bottom, top = (page.height - y2) * 0.75, (page.height - y1) * 0.75
                    places[name] = (i, x1 * 0.75, bottom, x2 * 0.75, top)
        data: bytes = document.write_pdf(**options)
    except FatalURLFetchingError as exc:  # a BaseException: would escape `except Exception`
        raise RenderError(f"cannot render the report: {exc}") from None
    if target is None:
        return data
    from hawkama.yamlio import write_atomic

    write_atomic(target, data)
    return None

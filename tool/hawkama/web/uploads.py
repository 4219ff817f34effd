"""Evidence uploads: the type from the content, a generated name, beside the assessment.

The name a browser sends is never part of a path: the file is stored as
`evidence/<project-id>/<sha256>.<ext>` under the assessment's folder, the extension
from what the bytes are (PDF, PNG, JPEG, GIF, WebP, Office and OpenDocument files),
and recorded in the answer as `validate --check-evidence` reads it: that path, relative
to the assessment, and its SHA-256.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from hawkama.yamlio import write_atomic

MAX_EVIDENCE = 25 * 1024 * 1024
_MAGIC = [
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),  # Office 97-2003 (Word, Excel, PowerPoint)
]
_OOXML = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def kind_of(data: bytes) -> str | None:
    """The file's type by its content, or None when it is none that evidence may be."""
    for magic, ext in _MAGIC:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            for member, ext in _OOXML.items():
                if member in names and "[Content_Types].xml" in names:
                    return ext
            if "mimetype" in names:
                info = z.getinfo("mimetype")
                if info.file_size <= 100:
                    return _ODF.get(z.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def store(assessment: Path, project: str, data: bytes, ext: str) -> tuple[str, str]:
    """Write the evidence; its path relative to the assessment, and its SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    rel = f"evidence/{project}/{digest}.{ext}"
    target = assessment.parent / rel
    if not target.exists():
        write_atomic(target, data)
    return rel, digest

"""The page check: do a report's pages show what its embedded sources render to?

Each page is reduced to a digest of what it draws (its content streams, resources and
annotations, resolved and decoded, so object numbers and compression do not matter) and
the two documents' page lists are aligned, so that a changed, added, removed or overlaid
page is named by its number. Where the renderer differs from the one that made the
report, only the text of the pages is compared: the drawing may legitimately differ.
"""

from __future__ import annotations

import difflib
import hashlib
import unicodedata
from collections.abc import Sequence
from typing import Any

# Keys that point back up the tree (or are bookkeeping), not at what a page shows.
_SKIP = {"/Parent", "/P", "/Length", "/Filter", "/DecodeParms"}
_BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F])


def signature_fields(reader: Any) -> set[int]:
    """Object numbers of the form's filled signature fields and their widgets.

    Only these are left out of the page comparison: they are validated on their own
    (signature_check.py). A "signature" widget the form does not list is drawn on the
    page like any other annotation, so it is compared like one.
    """
    out: set[int] = set()
    try:
        form = reader.trailer["/Root"].get("/AcroForm")
        for ref in (form.get_object().get("/Fields") if form is not None else None) or []:
            field = ref.get_object()
            if field.get("/FT") == "/Sig" and field.get("/V") is not None:
                out.add(ref.idnum)
                out.update(kid.idnum for kid in field.get("/Kids") or [])
    except Exception:  # a damaged form: nothing is left out, so its widgets count as drawing
        return set()
    return out


def _annots(page: Any, skip: set[int]) -> list[Any]:
    refs = page.get("/Annots")
    refs = refs.get_object() if refs is not None else []
    return [r for r in refs if getattr(r, "idnum", None) not in skip]


class _Digester:
    """Canonical digests of PDF objects of one document, each indirect object done once."""

    def __init__(self, reader: Any) -> None:
        self.memo: dict[int, bytes] = {}
        self.signed = signature_fields(reader)
        self.pages = {
            page.indirect_reference.idnum: i
            for i, page in enumerate(reader.pages)
            if page.indirect_reference is not None
        }

    def digest(self, obj: Any, depth: int = 0) -> bytes:
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

        if depth > 64:
            return b"<deep>"
        if isinstance(obj, IndirectObject):
            if obj.idnum in self.pages:  # a link to another page: by its number
                return f"<page {self.pages[obj.idnum]}>".encode()
            if obj.idnum not in self.memo:
                self.memo[obj.idnum] = b"<cycle>"
                self.memo[obj.idnum] = self.digest(obj.get_object(), depth + 1)
            return self.memo[obj.idnum]
        h = hashlib.sha256()
        if isinstance(obj, DictionaryObject):
            h.update(b"<<")
            for key in sorted(obj):
                if key not in _SKIP:
                    h.update(key.encode() + self.digest(obj.raw_get(key), depth + 1))
            if isinstance(obj, StreamObject):
                h.update(b"stream" + obj.get_data())
        elif isinstance(obj, ArrayObject):
            h.update(b"[")
            for item in obj:
                h.update(self.digest(item, depth + 1))
        else:
            h.update(type(obj).__name__.encode() + repr(obj).encode())
        return h.digest()

    def page(self, page: Any) -> bytes:
        h = hashlib.sha256()
        for key in sorted(page):
            if key in _SKIP or key == "/Annots":
                continue
            h.update(key.encode() + self.digest(page.raw_get(key)))
        for annot in _annots(page, self.signed):
            h.update(b"annot" + self.digest(annot))
        return h.digest()


def page_digests(reader: Any) -> list[bytes]:
    d = _Digester(reader)
    return [d.page(p) for p in reader.pages]


def page_text(page: Any) -> str:
    """The words of a page, normalised the same way on both sides."""
    try:
        raw = page.extract_text() or ""
    except Exception:  # pypdf's extractor fails on odd content: that is a difference too
        return "<unreadable text>"
    return " ".join(unicodedata.normalize("NFC", raw).translate(_BIDI).split())


def _clip(words: Sequence[str]) -> str:
    shown = " ".join(words)
    return repr(shown if len(shown) <= 70 else shown[:67] + "...")


def _annotations(page: Any, skip: set[int]) -> list[str]:
    out = []
    for ref in _annots(page, skip):
        annot = ref.get_object()
        if annot.get("/Subtype") == "/Link":
            continue  # links are compared by the digest only
        words = " ".join(str(annot.get("/Contents", "")).split())
        out.append(
            f"{annot.get('/Subtype', '/Annot')} annotation" + (f" ({words!r})" if words else "")
        )
    return out


def annotation_difference(found: Any, want: Any, signed: set[int]) -> list[str]:
    """Annotations (notes, stamps, free text) on one page and not on the other.

    ``signed``: the found file's signature fields (signature_fields), left out.
    """
    a, b = _annotations(found, signed), _annotations(want, set())
    extra = [x for x in a if x not in b]
    missing = [x for x in b if x not in a]
    return [f"carries a {x} the sources do not give" for x in extra] + [
        f"lacks the {x} the sources give" for x in missing
    ]


def text_difference(got: str, want: str) -> str:
    """The first difference in words between a page as found and as rendered."""
    a, b = got.split(), want.split()
    ops = [
        op
        for op in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    if not ops:
        return "the text is the same but the drawing differs (graphics, fonts or an overlay)"
    tag, i1, i2, j1, j2 = ops[0]
    if not a:
        first = f"is blank, the sources give {_clip(b[j1:j2])}"
    elif tag == "replace":
        first = f"reads {_clip(a[i1:i2])}, the sources give {_clip(b[j1:j2])}"
    elif tag == "delete":
        first = f"reads {_clip(a[i1:i2])}, which the sources do not give"
    else:
        first = f"lacks {_clip(b[j1:j2])}, which the sources give"
    more = f" (and {len(ops) - 1} more difference(s))" if len(ops) > 1 else ""
    return first + more


def _span(first: int, last: int) -> str:
    return f"page {first + 1}" if first == last - 1 else f"pages {first + 1}-{last}"


def compare_pages(found: Any, rendered: Any, text_only: bool) -> list[str]:
    """Differences between the pages of ``found`` and ``rendered`` (pypdf readers), in words.

    Page numbers are the found file's, except for pages that are missing from it.
    """
    found_pages, want_pages = list(found.pages), list(rendered.pages)
    if text_only:
        a: Sequence[Any] = [page_text(p) for p in found_pages]
        b: Sequence[Any] = [page_text(p) for p in want_pages]
    else:
        a, b = page_digests(found), page_digests(rendered)
    signed = signature_fields(found)
    out = []
    if len(a) != len(b):
        out.append(f"the file has {len(a)} page(s), the sources give {len(b)}")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            mine, theirs = found_pages[i1 + k], want_pages[j1 + k]
            got = a[i1 + k] if text_only else page_text(mine)
            want = b[j1 + k] if text_only else page_text(theirs)
            words = annotation_difference(mine, theirs, signed)
            if got != want or not words:
                words.append(text_difference(got, want))
            out += [f"page {i1 + k + 1}: {w}" for w in words]
        if i1 + pairs < i2:
            out.append(f"{_span(i1 + pairs, i2)} of the file: not in the sources (added)")
        if j1 + pairs < j2:
            where = f"after page {i2}" if i2 else "at the start"
            out.append(f"{_span(j1 + pairs, j2)} of the sources: missing from the file ({where})")
    return out

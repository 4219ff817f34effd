"""Who vouches for a report: its PAdES signatures, validated with pyHanko.

A signature proves that the holder of its key signed these bytes; whether that holder
is the committee is a question of trust, answered only against a certificate the
reader already trusts (``--trust CERT``). Without one, the signer is named and its
fingerprint shown, and the reader must compare it by other means.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hawkama.errors import InputError, Problem


@dataclass
class SignatureFindings:
    state: str  # for Verification.checks["signature"]
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signer: dict[str, Any] | None = None


def load_trust(paths: list[Path]) -> list[Any]:
    from pyhanko.keys import load_certs_from_pemder

    certs: list[Any] = []
    for p in paths:
        try:
            certs += list(load_certs_from_pemder([str(p)]))  # type: ignore[no-untyped-call]
        except Exception as exc:  # asn1crypto/pyHanko raise several kinds on bad files
            raise InputError(
                Problem.unlocated(p, "", f"not a PEM or DER certificate ({exc})")
            ) from None
    return certs


def _uncovered(sig: Any, size: int) -> str | None:
    """The bytes after the signed ranges, in words, or None if it covers the file."""
    ranges = list(sig.sig_object["/ByteRange"])
    end = int(ranges[-2]) + int(ranges[-1])
    if end >= size:
        return None
    return f"bytes {end:,}-{size - 1:,}"


def has_signature_fields(reader: Any) -> bool:
    """Does the form (where pyHanko, too, looks for signatures) have a signature field?"""
    try:
        form = reader.trailer["/Root"].get("/AcroForm")
        fields = form.get_object().get("/Fields") if form is not None else None
        return any(f.get_object().get("/FT") == "/Sig" for f in fields or [])
    except Exception:  # a damaged form: let pyHanko look and say what it finds
        return True


def check_signatures(data: bytes, trust: list[Path], reader: Any = None) -> SignatureFindings:
    """Validate every signature in ``data``; the last one must cover the whole file.

    ``reader`` (pypdf, over the same bytes) lets an unsigned report skip pyHanko,
    which costs half a second to import and parse.
    """
    if reader is not None and not has_signature_fields(reader):
        return _unsigned(trust)
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    # pyHanko logs every untrusted self-signed certificate with a traceback; the
    # outcome is reported here in words instead.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    roots = load_trust(trust)
    try:
        sigs = list(PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures)
    except Exception as exc:
        return SignatureFindings("differs", [f"the signature fields cannot be read ({exc})"])
    if not sigs:
        return _unsigned(trust)
    found = SignatureFindings("holds")
    for sig in sigs:
        _check_one(sig, data, roots, trust, found, validate_pdf_signature, ValidationContext)
    return found


def _unsigned(trust: list[Path]) -> SignatureFindings:
    out = SignatureFindings(
        "none: the report is not signed, so nobody vouches for it",
        notes=["unsigned: anyone can make a report that passes the other checks"],
    )
    if trust:
        out.differences.append("the report is not signed, but --trust asks for a signer")
        out.state = "differs"
    return out


def _check_one(
    sig: Any,
    data: bytes,
    roots: list[Any],
    trust: list[Path],
    found: SignatureFindings,
    validate: Any,
    context: Any,
) -> None:
    name = sig.field_name
    if sig.sig_object is None or "/Contents" not in sig.sig_object:
        found.differences.append(f"signature field {name} is empty")
        found.state = "differs"
        return
    try:
        status = validate(sig, context(trust_roots=roots, allow_fetching=False))
    except Exception as exc:  # a malformed CMS blob: a difference, not a crash
        found.differences.append(f"signature {name} cannot be validated ({type(exc).__name__})")
        found.state = "differs"
        return
    cert = status.signing_cert
    who = str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
    fingerprint = cert.sha256.hex()
    when = status.signer_reported_dt.isoformat() if status.signer_reported_dt else None
    found.signer = {
        "name": who,
        "subject": cert.subject.human_friendly,
        "sha256": fingerprint,
        "time": when,
        "trusted": bool(status.trusted),
    }
    if not status.intact or not status.valid:
        found.differences.append(
            f"signature {name} by {who} does not verify: the signed bytes were changed"
            if not status.intact
            else f"signature {name} by {who} is not valid for its certificate"
        )
    gap = _uncovered(sig, len(data))
    if gap is not None:
        found.differences.append(
            f"signature {name} does not cover {gap}: they were added after signing"
        )
    if trust and not status.trusted:
        found.differences.append(
            f"signer {who} (SHA-256 {fingerprint}) is not trusted by "
            f"{', '.join(str(t) for t in trust)}"
        )
    if found.differences:
        found.state = "differs"
        return
    if status.trusted:
        found.state = f"holds: signed by {who}, trusted (SHA-256 {fingerprint})"
    else:
        found.state = f"holds: signed by {who} (SHA-256 {fingerprint})"
        found.notes.append(
            f"signed by {who}, certificate SHA-256 {fingerprint}: no --trust CERT given, "
            "so compare that fingerprint with the committee's before relying on it"
        )

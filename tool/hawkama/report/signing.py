"""Committee signing keys, and the PAdES signature `hawkama report --sign` adds to a report.

The signature is an incremental update: the PDF/A-3b bytes WeasyPrint wrote stay as
they are (so `hawkama verify` can still compare them with a fresh rendering) and the
signature, with its appearance in the box the sign-off page reserves, is appended.
pyHanko and cryptography are imported only here and in signature_check.py.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hawkama.errors import HawkamaError, InputError, Problem, UsageProblem

KEY = "key.pem"
CERT = "cert.pem"
CHAIN = "chain.pem"
FIELD = "HawkamaSignature"
BOX = "hawkama-signature"  # the id of the box on the sign-off page (record.html.j2)
PASSPHRASE_ENV = "HAWKAMA_KEY_PASSPHRASE"
P12_PASSPHRASE_ENV = "HAWKAMA_P12_PASSPHRASE"
FONT = Path(__file__).resolve().parent / "fonts" / "NotoSans-Regular.ttf"


Place = tuple[int, float, float, float, float]  # page index and box, as pdf.write_pdf gives


class SigningError(HawkamaError):
    """The key cannot be read or the PDF cannot be signed."""


def _passphrase(env: str) -> bytes | None:
    value = os.environ.get(env)
    return value.encode("utf-8") if value else None


def _write_private(path: Path, data: bytes) -> None:
    """A new file only its owner can read, created with that mode (never widened later)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def init_keys(
    folder: Path,
    name: str,
    organisation: str | None = None,
    p12: Path | None = None,
    days: int = 1825,
    force: bool = False,
) -> tuple[Path, str]:
    """Make (or, from ``p12``, import) a signing key and certificate in ``folder``.

    Returns the certificate's path and its SHA-256 fingerprint.
    """
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key_path, cert_path = folder / KEY, folder / CERT
    existing = [p for p in (key_path, cert_path) if p.exists()]
    if existing and not force:
        raise InputError(
            [
                Problem.unlocated(p, "", "already exists; pass --force to replace it")
                for p in existing
            ]
        )
    chain: list[Any] = []
    if p12 is not None:
        key, cert, chain = _load_p12(p12)
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
        cert = _self_signed(key, name, organisation, days)
    secret = _passphrase(PASSPHRASE_ENV)
    encryption = (
        serialization.BestAvailableEncryption(secret) if secret else serialization.NoEncryption()
    )
    folder.mkdir(parents=True, exist_ok=True)
    for p in existing:
        p.unlink()
    _write_private(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        ),
    )
    from hawkama.yamlio import write_atomic

    write_atomic(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    if chain:
        write_atomic(
            folder / CHAIN, b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain)
        )
    # The key must never reach a repository: the folder says so to git itself.
    write_atomic(folder / ".gitignore", f"{KEY}\n")
    return cert_path, cert.fingerprint(hashes.SHA256()).hex()


def _self_signed(key: Any, name: str, organisation: str | None, days: int) -> Any:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if organisation:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    subject = x509.Name(attrs)
    # No extended key usage: poppler (pdfsig) reads an e-mail-protection EKU on a
    # self-signed certificate as "corrupted data" rather than "issuer not trusted".
    # Valid from a day back: a signature made just now must not predate its certificate.
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=1)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )


def _load_p12(p12: Path) -> tuple[Any, Any, list[Any]]:
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, cert, chain = pkcs12.load_key_and_certificates(
            p12.read_bytes(), _passphrase(P12_PASSPHRASE_ENV)
        )
    except (ValueError, OSError) as exc:
        raise SigningError(
            f"{p12}: cannot read the PKCS#12 file ({exc}); "
            f"is {P12_PASSPHRASE_ENV} set to its passphrase?"
        ) from None
    if key is None or cert is None:
        raise SigningError(f"{p12}: the PKCS#12 file holds no key and certificate")
    return key, cert, list(chain)


@dataclass(frozen=True)
class Signer:
    """A loaded key and certificate, ready to sign reports."""

    signer: Any  # pyhanko SimpleSigner
    name: str  # the certificate's subject, shown and registered

    def sign(self, data: bytes, when: dt.datetime, place: Place | None) -> bytes:
        return sign_pdf(data, self, when, place)


def load_signer(folder: Path) -> Signer:
    from pyhanko.sign import signers

    key_path, cert_path = folder / KEY, folder / CERT
    missing = [p for p in (key_path, cert_path) if not p.is_file()]
    if missing:
        raise UsageProblem(
            f"no signing key in {folder} ({', '.join(p.name for p in missing)} missing): "
            f"make one with `hawkama keys init --dir {folder}`"
        )
    chain = [str(folder / CHAIN)] if (folder / CHAIN).is_file() else []
    signer = signers.SimpleSigner.load(  # type: ignore[no-untyped-call]
        str(key_path),
        str(cert_path),
        ca_chain_files=chain,
        key_passphrase=_passphrase(PASSPHRASE_ENV),
    )
    if signer is None:
        raise SigningError(
            f"cannot load the signing key {key_path} (is {PASSPHRASE_ENV} set if it has one?)"
        )
    return Signer(signer, signer.subject_name)


def sign_pdf(data: bytes, signer: Signer, when: dt.datetime, place: Place | None) -> bytes:
    """``data`` with a PAdES signature appended; the appearance at ``place`` if given."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    class ReportClock(signers.PdfSigner):
        # The signing time is the report's issue time (--date, SOURCE_DATE_EPOCH), like
        # every other date in it, so signed reports are reproducible in tests.
        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = when
            return session

    spec = fields.SigFieldSpec(FIELD)
    if place is not None:
        page, x1, y1, x2, y2 = place
        box = (round(x1), round(y1), round(x2), round(y2))
        spec = fields.SigFieldSpec(FIELD, on_page=page, box=box)
    style = TextStampStyle(
        stamp_text="Digitally signed by %(signer)s\n%(ts)s\nhawkama verify checks this signature",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(FONT)), font_size=7),
        timestamp_format="%Y-%m-%d %H:%M:%S UTC",
        border_width=0,
        background=None,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Issued by the review committee with Hawkama",
    )
    pdf_signer = ReportClock(meta, signer=signer.signer, stamp_style=style, new_field_spec=spec)
    out = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        _same_producer(writer)
        pdf_signer.sign_pdf(writer, output=out)
    except Exception as exc:  # pyHanko raises its own and cryptography's kinds
        raise SigningError(f"cannot sign the report: {type(exc).__name__}: {exc}") from None
    return out.getvalue()


def _same_producer(writer: Any) -> None:
    """Make the Info /Producer the one pyHanko writes into the XMP metadata.

    PDF/A wants the two to agree; left alone, pyHanko appends itself to the Info entry
    ("WeasyPrint 70.0; pyHanko 0.38.0") but writes only itself into the XMP.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    ref = writer.prev.trailer_view.raw_get("/Info")
    if isinstance(ref, generic.IndirectObject):
        info = ref.get_object()  # type: ignore[no-untyped-call]
        info["/Producer"] = generic.TextStringObject(VENDOR)
        writer.mark_update(ref)

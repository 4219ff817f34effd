"""Signed reports: keys init, report --sign, and what verify says about the signature.

One signed report is rendered for the module; every tamper is made on a copy of it.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner, Result
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from hawkama.cli import cli

DATA = Path(__file__).resolve().parent / "data" / "report"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def fingerprint(cert: Path) -> str:
    return x509.load_pem_x509_certificate(cert.read_bytes()).fingerprint(hashes.SHA256()).hex()


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keys") / "keys"
    result = run(
        "keys",
        "init",
        "--dir",
        folder,
        "--name",
        "Damietta AI review committee",
        "--organisation",
        "Damietta Governorate",
    )
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def signed(keys: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("signed")
    result = run(
        "report",
        DATA / "reviewed.yaml",
        "--policy",
        DATA / "nested",
        "--date",
        "2026-11-26",
        "-o",
        out,
        "--sign",
        "--keys",
        keys,
    )
    assert result.exit_code == 0, result.output
    return out / "REV-2026-001.pdf"


def test_keys_init_writes_a_private_key_and_a_certificate(keys: Path) -> None:
    assert stat.S_IMODE((keys / "key.pem").stat().st_mode) == 0o600
    cert = x509.load_pem_x509_certificate((keys / "cert.pem").read_bytes())
    assert cert.subject.rfc4514_string() == "O=Damietta Governorate,CN=Damietta AI review committee"
    assert (keys / ".gitignore").read_text(encoding="utf-8") == "key.pem\n"
    again = CliRunner().invoke(cli, ["keys", "init", "--dir", str(keys), "--name", "x"])
    assert again.exit_code == 2
    assert "key.pem: already exists; pass --force to replace it" in again.output


def test_keys_init_takes_an_existing_p12(
    keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        load_pem_private_key,
        pkcs12,
    )

    key = load_pem_private_key((keys / "key.pem").read_bytes(), None)
    cert = x509.load_pem_x509_certificate((keys / "cert.pem").read_bytes())
    p12 = tmp_path / "org.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"org", key, cert, None, BestAvailableEncryption(b"s3cret")
        )
    )  # type: ignore[arg-type]
    monkeypatch.setenv("HAWKAMA_P12_PASSPHRASE", "s3cret")
    result = run("keys", "init", "--dir", tmp_path / "k", "--p12", p12)
    assert result.exit_code == 0, result.output
    assert f"SHA-256 {fingerprint(keys / 'cert.pem')}" in result.output
    assert stat.S_IMODE((tmp_path / "k" / "key.pem").stat().st_mode) == 0o600
    monkeypatch.setenv("HAWKAMA_P12_PASSPHRASE", "wrong")
    bad = CliRunner().invoke(
        cli, ["keys", "init", "--dir", str(tmp_path / "k2"), "--p12", str(p12)]
    )
    assert bad.exit_code == 2
    assert "is HAWKAMA_P12_PASSPHRASE set to its passphrase?" in bad.output


def test_a_signed_report_verifies_and_names_its_signer(signed: Path, keys: Path) -> None:
    fp = fingerprint(keys / "cert.pem")
    plain = run("verify", signed)
    assert plain.exit_code == 0, plain.output
    assert (
        f"signature: holds: signed by Damietta AI review committee (SHA-256 {fp})" in plain.output
    )
    assert "no --trust CERT given" in plain.output
    trusted = run(
        "verify",
        "--trust",
        keys / "cert.pem",
        "--register",
        signed.parent / "register.jsonl",
        signed,
    )
    assert trusted.exit_code == 0, trusted.output
    assert "pages: holds" in trusted.output
    assert f"signed by Damietta AI review committee, trusted (SHA-256 {fp})" in trusted.output
    assert "signed by Damietta AI review committee" in trusted.output.split("register: ")[1]


def test_pyhanko_validates_the_signature(signed: Path, keys: Path) -> None:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    with signed.open("rb") as f:
        sig = PdfFileReader(f).embedded_signatures[0]
        status = validate_pdf_signature(
            sig, ValidationContext(trust_roots=[load_cert_from_pemder(str(keys / "cert.pem"))])
        )
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.signer_reported_dt.isoformat() == "2026-11-26T00:00:00+00:00"


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="pdfsig (poppler-utils) not installed")
def test_pdfsig_validates_the_signature(signed: Path) -> None:
    import subprocess

    out = subprocess.run(
        ["pdfsig", str(signed)], capture_output=True, text=True, check=False
    ).stdout
    assert "Signer Certificate Common Name: Damietta AI review committee" in out
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "Certificate Validation: Certificate issuer isn't Trusted." in out  # self-signed


def test_the_signed_report_is_still_pdfa(signed: Path) -> None:
    reader = pypdf.PdfReader(signed)
    root = reader.trailer["/Root"]
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    info = reader.metadata
    assert info is not None
    assert f'pdf:Producer="{info["/Producer"]}"' in xmp  # Info and XMP agree
    assert "hawkama.json" in reader.attachments
    widget = next(
        a.get_object()
        for p in reader.pages
        for a in p.get("/Annots") or []
        if a.get_object().get("/FT") == "/Sig"
    )
    assert widget["/F"] & 4  # printed, as PDF/A wants


def test_bytes_added_after_signing(signed: Path, tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(signed, incremental=True)
    writer.add_metadata({"/Keywords": "approved"})
    bad = tmp_path / "f.pdf"
    writer.write(bad)
    size = len(signed.read_bytes())
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert result.exit_code == 1, result.output
    assert (
        f"signature HawkamaSignature does not cover bytes {size:,}-{bad.stat().st_size - 1:,}: "
        "they were added after signing"
    ) in result.output


def test_a_changed_byte_inside_the_signed_range(signed: Path, tmp_path: Path) -> None:
    data = signed.read_bytes()
    assert data.startswith(b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n")  # a comment, inside the signed range
    bad = tmp_path / "f.pdf"
    bad.write_bytes(data[:13] + b"\xa5" + data[14:])
    result = CliRunner().invoke(cli, ["verify", str(bad)])
    assert result.exit_code == 1, result.output
    assert (
        "signature HawkamaSignature by Damietta AI review committee does not verify: "
        "the signed bytes were changed"
    ) in result.output


def test_a_signer_not_trusted(signed: Path, tmp_path: Path) -> None:
    assert run("keys", "init", "--dir", tmp_path, "--name", "Someone else").exit_code == 0
    result = CliRunner().invoke(cli, ["verify", "--trust", str(tmp_path / "cert.pem"), str(signed)])
    assert result.exit_code == 1
    assert "signer Damietta AI review committee (SHA-256 " in result.output
    assert f"is not trusted by {tmp_path / 'cert.pem'}" in result.output


def test_sign_without_a_key(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "report",
            str(DATA / "reviewed.yaml"),
            "--policy",
            str(DATA / "nested"),
            "-o",
            str(tmp_path / "out"),
            "--sign",
            "--keys",
            str(tmp_path / "none"),
        ],
    )
    assert result.exit_code == 2
    assert f"no signing key in {tmp_path / 'none'} (key.pem, cert.pem missing)" in result.output
    assert not (tmp_path / "out").exists()
    assert os.environ.get("HAWKAMA_KEY_PASSPHRASE") is None


def test_json_names_the_signer(signed: Path, keys: Path) -> None:
    import json

    got = json.loads(run("verify", "--format", "json", "--trust", keys / "cert.pem", signed).output)
    assert got["signer"]["name"] == "Damietta AI review committee"
    assert got["signer"]["sha256"] == fingerprint(keys / "cert.pem")
    assert got["signer"]["trusted"] is True
    assert got["checks"]["signature"].startswith("holds: signed by")

"""keys init."""

from __future__ import annotations

from pathlib import Path

import click

from hawkama.commands.options import force_option


@click.group()
def keys() -> None:
    """The committee's signing key and certificate (for `hawkama report --sign`)."""


@keys.command()
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("keys"),
    show_default=True,
    help="Folder for key.pem (readable by you only) and cert.pem.",
)
@click.option("--name", default=None, help="Who signs: the committee's name, in the certificate.")
@click.option("--organisation", default=None, help="The organisation, in the certificate.")
@click.option(
    "--p12",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Use the key and certificate the organisation already has in this PKCS#12 file "
    "(its passphrase in HAWKAMA_P12_PASSPHRASE).",
)
@click.option(
    "--days",
    type=click.IntRange(min=1, max=36500),
    default=1825,
    show_default=True,
    help="How long a new certificate is valid.",
)
@force_option
def init(
    folder: Path,
    name: str | None,
    organisation: str | None,
    p12: Path | None,
    days: int,
    force: bool,
) -> None:
    """Make a signing key and a self-signed certificate, or import them from --p12.

    The private key is written with mode 0600 (encrypted if HAWKAMA_KEY_PASSPHRASE
    is set) and is never embedded in a report; a .gitignore keeps it out of git.
    Give cert.pem to whoever checks reports: `hawkama verify --trust cert.pem`.

    \b
    Example:
        hawkama keys init --name "Damietta AI review committee"
        hawkama keys init --p12 committee.p12
    """
    from hawkama.report.signing import init_keys

    if p12 is None and not name:
        raise click.UsageError("give --name for a new certificate, or --p12 FILE")
    cert, fingerprint = init_keys(folder, name or "", organisation, p12, days, force)
    click.echo(f"{folder / 'key.pem'}  private key (mode 0600; keep it secret)")
    click.echo(f"{cert}  certificate, SHA-256 {fingerprint}")

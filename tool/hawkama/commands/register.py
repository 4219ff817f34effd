"""register check."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def register() -> None:
    """The register of issued reports (reports/register.jsonl)."""


@register.command()
@click.argument(
    "file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("reports/register.jsonl"),
)
def check(file: Path) -> None:
    """Check the register's chain: every line intact, none deleted, each report id once.

    Prints the head (the SHA-256 of the last line): keep it elsewhere, since cutting
    off the last lines cannot be seen from the register alone. Exit 0 when the chain
    holds, 1 with every broken link listed, 2 when the file cannot be read.

    \b
    Example:
        hawkama register check reports/register.jsonl
    """
    from hawkama.report.register import read
    from hawkama.terminal import terminal_text

    reg = read(file)
    if reg.problems:
        for p in reg.problems:
            click.echo(terminal_text(str(p)))
        click.echo(f"BROKEN  {file}: {len(reg.problems)} problem(s) in {len(reg.entries)} line(s)")
        raise SystemExit(1)
    click.echo(f"OK  {file}: {len(reg.entries)} report(s), the chain holds; head {reg.head}")

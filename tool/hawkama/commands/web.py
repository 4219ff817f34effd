"""serve, users, invite: the web desk and its accounts (issue 17).

Starlette and uvicorn are imported inside the commands only, so `hawkama --help`,
`validate` and `score` never load them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

dir_option = click.option(
    "--dir",
    "folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The folder the desk serves (its accounts are in DIR/.hawkama).",
)


@click.command()
@click.argument(
    "folder",
    metavar="[DIR]",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port."
)
@click.option(
    "--lang",
    type=click.Choice(["ar", "en"]),
    default=None,
    help="Language of the pages until a visitor switches. Default: the policy's first language.",
)
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Mark the session cookie Secure (when a TLS proxy is in front of the desk).",
)
def serve(folder: Path, host: str, port: int, lang: str | None, secure_cookies: bool) -> None:
    """Serve the web desk for the assessments in DIR (default: the current folder).

    Committee members sign in with accounts from `hawkama users add`; proposers open
    the link that `hawkama invite` prints. Binds to 127.0.0.1 unless --host says otherwise.

    \b
    Example:
        hawkama serve assessments/
        hawkama serve assessments/ --host 0.0.0.0 --port 8080 --secure-cookies
    """
    import uvicorn

    from hawkama.web.app import create_app

    app = create_app(folder, lang=lang, secure_cookies=secure_cookies)
    click.echo(f"Hawkama desk for {folder} at http://{host}:{port}/ (Ctrl-C stops it)", err=True)
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False)


@click.group()
def users() -> None:
    """Committee accounts of the web desk (DIR/.hawkama/users.yaml)."""


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["chair", "member", "secretary"]),
    required=True,
    help="What the account may do on the desk.",
)
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of standard input instead of prompting.",
)
@dir_option
def users_add(name: str, role: str, password_stdin: bool, folder: Path) -> None:
    """Add a committee account, or give an existing one a new role and password.

    The password is asked twice (at least 10 characters) and stored only as a salted
    scrypt hash, in a file readable by you only.

    \b
    Example:
        hawkama users add mona --role chair --dir assessments/
        printf '%s\\n' "$PASSWORD" | hawkama users add sami --role member --password-stdin
    """
    from hawkama.web import audit
    from hawkama.web.accounts import add_user
    from hawkama.web.app import utc_now

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    now = utc_now()
    new = add_user(folder, name, role, password, now)  # type: ignore[arg-type]  # click.Choice
    audit.record(folder, "cli", f"{'added' if new else 'updated'} user {name} as {role}", now)
    click.echo(f"{'Added' if new else 'Updated'} {name} ({role}) in {folder / '.hawkama'}")


@click.command()
@click.argument("project_id", metavar="PROJECT-ID")
@click.option(
    "--expires",
    default="30d",
    show_default=True,
    help="How long the link stays open: a number and d, h or w (30d, 12h, 2w).",
)
@click.option("--revoke", is_flag=True, help="Close every open link of this project instead.")
@click.option(
    "--url",
    "base_url",
    default="http://127.0.0.1:8000",
    show_default=True,
    help="The desk's address as proposers reach it, for the printed link.",
)
@dir_option
def invite(project_id: str, expires: str, revoke: bool, base_url: str, folder: Path) -> None:
    """Print a link that opens one project's assessment, and nothing else, for its proposer.

    Only the link's SHA-256 is kept (in DIR/.hawkama/invites.yaml): print it once and
    send it to the proposer. --revoke closes the project's open links at once.

    \b
    Example:
        hawkama invite DAM-2026-004 --dir assessments/ --expires 14d
        hawkama invite DAM-2026-004 --dir assessments/ --revoke
    """
    from hawkama.web import audit, invites
    from hawkama.web.app import utc_now
    from hawkama.web.projects import assessment_files, relative

    now = utc_now()
    if revoke:
        done = invites.revoke(folder, project_id, now)
        for inv in done:
            audit.record(folder, "cli", f"revoked invitation {inv.id} for {project_id}", now)
        click.echo(f"Revoked {len(done)} open invitation(s) for {project_id}")
        return
    try:
        lifetime = invites.parse_duration(expires)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--expires") from None
    found = assessment_files(folder)
    if project_id not in found:
        invites.refuse_unknown_project(folder, project_id, list(found))
    token, inv = invites.create(
        folder, project_id, relative(folder, found[project_id]), lifetime, now
    )
    audit.record(folder, "cli", f"invitation {inv.id} for {project_id}", now)
    click.echo(f"{base_url.rstrip('/')}/i/{token}")
    click.echo(
        f"Invitation {inv.id} for {project_id} ({inv.file}), open until "
        f"{inv.expires.isoformat(timespec='minutes')}",
        err=True,
    )

"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import click

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


class PolicySpec(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.3
    """--policy: a policy file or folder, or the id of a policy (e.g. aia-canada).

    An id is looked up like the policy an assessment names: ./rubrics/, then the
    rubrics shipped with Hawkama; its newest version is taken.
    """

    name = "PATH|ID"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path:
        path = value if isinstance(value, Path) else Path(str(value))
        if path.exists():
            return path
        from hawkama.policy.find import policy_by_id

        found = policy_by_id(str(value))
        if found is None:
            self.fail(
                f"{str(value)!r} is neither a file or folder nor the id of a policy in "
                "./rubrics/ or the shipped rubrics",
                param,
                ctx,
            )
        return found


policy_option = click.option(
    "--policy",
    type=PolicySpec(),
    default=None,
    help="Policy file, a folder holding one, or a policy id (e.g. aia-canada). Default: the "
    "policy each assessment names, looked up in ./rubrics/, then in the rubrics shipped with "
    "Hawkama.",
)
LANGS = ("en", "ar", "fr")


def lang_option_for(help: str, languages: Sequence[str] = LANGS) -> Decorator:
    """--lang, for the languages an output is written in (some only in en and ar)."""
    return click.option(
        "--lang",
        type=click.Choice(list(languages)),
        default="en",
        show_default=True,
        help=help,
    )


lang_option = lang_option_for("Language of labels and texts.")


def output_option(
    help: str,
    *,
    folder: bool = False,
    default: Path | None = None,
    required: bool = False,
    name: str = "output",
) -> Decorator:
    """-o/--output: a file (or with ``folder``, a folder) to write."""
    return click.option(
        "-o",
        "--output",
        name,
        type=click.Path(file_okay=False, path_type=Path)
        if folder
        else click.Path(dir_okay=False, path_type=Path),
        default=default,
        show_default=default is not None,
        required=required,
        help=help,
    )


def date_option(help: str) -> Decorator:
    """--date YYYY-MM-DD, the date an issued document carries."""
    return click.option(
        "--date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help=help
    )


def format_option(
    choices: Sequence[str],
    help: str,
    *,
    default: str | None = None,
    multiple: bool = False,
    name: str = "fmt",
) -> Decorator:
    """--format, one of ``choices`` (repeatable with ``multiple``)."""
    return click.option(
        "--format",
        name,
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        multiple=multiple,
        help=help,
    )


any_version_option = click.option(
    "--any-version",
    is_flag=True,
    help="Score even when the assessment was answered against another version of the policy.",
)

force_option = click.option(
    "--force", is_flag=True, help="Replace output files that already exist."
)

config_option = click.option(
    "--config",
    "config",
    type=click.Path(exists=True, path_type=Path),
    envvar="HAWKAMA_CONFIG",
    default=None,
    help="Committee config file, or a folder holding hawkama.yaml. Default: ./hawkama.yaml "
    "if there is one.",
)


def date_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option as a date; a bad one is a located usage error (exit 2)."""
    if value is None:
        return None
    from hawkama.committee.dates import parse_date

    return parse_date(value, f"--{param.name}")


def progress_bar(label: str) -> Callable[[int], AbstractContextManager[Callable[[], None] | None]]:
    """A progress bar on stderr for a library loop of n steps, yielding its tick.

    Only on a terminal: click prints the bare label when it cannot draw a bar, and
    scripts' stderr should stay clean.
    """

    @contextmanager
    def bar(n: int) -> Iterator[Callable[[], None]]:
        with click.progressbar(
            length=n, label=label, file=sys.stderr, show_pos=True, show_eta=False
        ) as drawn:
            yield lambda: drawn.update(1)

    def start(n: int) -> AbstractContextManager[Callable[[], None] | None]:
        return bar(n) if sys.stderr.isatty() else nullcontext()

    return start

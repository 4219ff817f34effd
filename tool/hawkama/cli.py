"""The command line: thin click commands that parse options, call one function, print.

Commands live in hawkama.commands.* and are imported only when used, so that
`hawkama --help`, `validate` and `score` never pay for WeasyPrint.
"""

from __future__ import annotations

import gc
import importlib
import os
from typing import IO, Any

import click

from hawkama import __version__
from hawkama.errors import EXIT_FAIL_ON, EXIT_INPUT, HawkamaError

# name -> "module:attribute"; a module that is not there yet is simply not listed.
COMMANDS: dict[str, str] = {
    "validate": "hawkama.commands.core:validate",
    "score": "hawkama.commands.core:score",
    "explain": "hawkama.commands.core:explain",
    "schema": "hawkama.commands.core:schema",
    "rubric": "hawkama.commands.rubric:rubric",
    "report": "hawkama.commands.report:report",
    "verify": "hawkama.commands.report:verify",
    "register": "hawkama.commands.register:register",
    "keys": "hawkama.commands.keys:keys",
    "import": "hawkama.commands.importing:import_group",
    "export": "hawkama.commands.importing:export_group",
    "new": "hawkama.commands.questionnaire:new",
    "assess": "hawkama.commands.questionnaire:assess",
    "review": "hawkama.commands.review:review",
    "portfolio": "hawkama.commands.committee:portfolio",
    "diff": "hawkama.commands.committee:diff",
    "migrate": "hawkama.commands.committee:migrate",
    "draft": "hawkama.commands.draft:draft",
    "serve": "hawkama.commands.web:serve",
    "users": "hawkama.commands.web:users",
    "invite": "hawkama.commands.web:invite",
}


class _Shown(click.ClickException):
    """A HawkamaError as click prints it: its message on stderr, its exit code."""

    exit_code = EXIT_INPUT

    def __init__(self, error: HawkamaError) -> None:
        super().__init__(error.format_message())
        self.error = error

    def show(self, file: IO[Any] | None = None) -> None:
        if self.error.labelled:
            super().show(file)
        else:
            click.echo(self.format_message(), err=True)


class _ShownFailOn(_Shown):
    exit_code = EXIT_FAIL_ON


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HawkamaError as exc:
            shown = _ShownFailOn if exc.exit_code == EXIT_FAIL_ON else _Shown
            raise shown(exc) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        command = getattr(module, attr, None)
        return command if isinstance(command, click.Command) else None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="hawkama")
def cli() -> None:
    """Review smart-city projects for ethics, privacy, equity and risk.

    \b
    Exit codes: 0 ok, 1 a verdict met --fail-on, 2 bad input or usage.

    \b
    Example:
        hawkama score assessments/*.yaml
        hawkama explain assessments/dam-2026-004.yaml
    """
    # We use no pydantic plugins; looking for them (importlib.metadata's scan of every
    # installed package) costs 12 ms of a one-file `hawkama score`. A user's own setting
    # is kept. (pypdf's logging is silenced where it is used: report/verify.py.)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A command's start-up (imports, model classes, the policy) makes many objects that
    # live until it exits and few cycles: collecting every 700 allocations cost 14 ms of
    # a one-file `hawkama score`. The thresholds batches use (parallel.py), from here on.
    gc.set_threshold(50_000, 50, 100)

"""One table of output writers: what a command prints, by format, and how it goes out.

Each writer turns a command's result into text (``lang`` for the formats people read).
Text for a terminal has its control characters escaped (answers and notes are
untrusted); machine formats go out as they are. The writers' modules are imported only
when used, so that `hawkama --help` and `score` stay light.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

Writer = Callable[[Any, str], str]


def _lazy(target: str, lang: bool = False) -> Writer:
    module, attr = target.split(":")

    def write(value: Any, language: str) -> str:
        fn = getattr(importlib.import_module(module), attr)
        return str(fn(value, language) if lang else fn(value))

    return write


def _lines(outcome: Any, _lang: str) -> str:
    return "".join(f"{line}\n" for line in outcome.lines())


def _json(outcome: Any, _lang: str) -> str:
    return json.dumps(outcome.to_json(), ensure_ascii=False, indent=2) + "\n"


# command -> format -> writer. `score` writes each file's piece as it is scored
# (hawkama.score_stream); its formats are listed here with the others.
WRITERS: dict[str, dict[str, Writer]] = {
    "portfolio": {
        "text": _lazy("hawkama.committee.portfolio_out:to_text", lang=True),
        "json": _lazy("hawkama.committee.portfolio_out:to_json"),
        "csv": _lazy("hawkama.committee.portfolio_out:to_csv"),
    },
    "diff": {
        "text": _lazy("hawkama.committee.diff_out:to_text"),
        "json": _lazy("hawkama.committee.diff_out:to_json"),
    },
    "verify": {"text": _lines, "json": _json},
}
STREAMED = {"score": ("text", "json", "jsonl", "csv")}


def formats(command: str) -> tuple[str, ...]:
    """The --format choices of ``command``."""
    return STREAMED.get(command) or tuple(WRITERS[command])


def emit(command: str, fmt: str, value: Any, lang: str = "en", output: Path | None = None) -> None:
    """Write ``value`` in ``fmt`` to ``output`` (atomically), else to standard output."""
    text = WRITERS[command][fmt](value, lang)
    if output is not None:
        from hawkama.yamlio import write_atomic

        write_atomic(output, text)
        return
    if fmt == "text":
        from hawkama.terminal import terminal_text

        text = terminal_text(text)
    click.echo(text, nl=False)

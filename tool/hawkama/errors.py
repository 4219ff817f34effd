"""One exception hierarchy for errors a user can fix, with fixed exit codes.

Exit codes: 0 ok, 1 a verdict met the ``--fail-on`` threshold, 2 bad input or usage.
Library code raises these; only the CLI turns them into exit codes and messages, so
that nothing below the commands needs click.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

EXIT_OK = 0
EXIT_FAIL_ON = 1
EXIT_INPUT = 2


@dataclass(frozen=True)
class Problem:
    """One located problem: ``file:line:col: key.path: message``."""

    file: str
    line: int | None
    col: int | None
    path: str
    message: str

    def __str__(self) -> str:
        if not self.file:
            return f"{self.path}: {self.message}" if self.path else self.message
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        key = f" {self.path}:" if self.path else ""
        return f"{where}:{key} {self.message}"

    @classmethod
    def unlocated(cls, file: str | Path, path: str, message: str) -> Problem:
        """A problem with a whole file (or a key of it) that no line can point at."""
        return cls(str(file), None, None, path, message)

    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line or 0, self.col or 0)


class HawkamaError(Exception):
    """An error the user can fix; the CLI prints it without a traceback."""

    exit_code = EXIT_INPUT
    labelled = True  # the CLI prints "Error: " before the message

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        return self.message

    def __str__(self) -> str:
        return self.format_message()


@dataclass
class ProblemCollector:
    """Gathers every problem found in a pass so the user sees them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str | Path,
        line: int | None,
        col: int | None,
        path: str,
        message: str,
    ) -> None:
        self.problems.append(Problem(str(file), line, col, path, message))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


class InputError(HawkamaError):
    """Bad input: one or more located problems."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", None, None, "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = sorted(dict.fromkeys(problems), key=Problem.sort_key)
        super().__init__(self.render())

    def render(self) -> str:
        from hawkama.terminal import terminal_text

        lines = [terminal_text(str(p).rstrip(": ")) for p in self.problems]
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} problems:\n" + "\n".join(f"  {line}" for line in lines)

    def format_message(self) -> str:
        return self.render()


class UsageProblem(HawkamaError):
    """A command was called in a way that cannot work (exit code 2)."""


class FailOn(HawkamaError):
    """A verdict met the ``--fail-on`` threshold: not bad input, but exit code 1."""

    exit_code = EXIT_FAIL_ON
    labelled = False  # "--fail-on X: file: VERDICT" is the whole message

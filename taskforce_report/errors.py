"""User errors: a mistake in the input, told as file, place, what was expected and what was found.

Everything raised from here is printed by click as one message and exits 1, without a
traceback. Any other exception is a bug in the tool and may show one.
"""

from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input."""

    file: str
    place: str  # a key path such as "temaer.underretninger.styrker", "række 14", "C14"
    message: str
    line: str = ""  # "linje 12" or "linje 12, kolonne 3", where the file has lines

    def __str__(self) -> str:
        where = f"{self.file}, {self.line}" if self.line else self.file
        if self.place:
            where += f": {self.place}"
        return f"{where}: {self.message}"


class InputError(click.ClickException):
    """The bundle is wrong; nothing is written."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def show(self, file=None) -> None:
        click.echo(f"Fejl: {self.format_message()}", err=True)

    def format_message(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} fejl i input:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


def input_error(file: str, place: str, message: str, line: str = "") -> InputError:
    return InputError(Problem(file, place, message, line))

"""The command line: a thin click layer over the library. Exit 0 success, 1 invalid input,
2 wrong usage (click's own).

This module holds only the group `main` (the entry point `taskforce-report`, and
`python -m taskforce_report`) and the mapping of the library's user errors to a message and an
exit code; the commands live beside it by what they do: build.py (build, validate), bundles.py
(new, tekster), archive.py (regenerate, verify, lock), imports.py (import-legacy, import-docx,
import-dst), serve.py (preview, batch). Each parses its options, calls the library and prints.
"""

from __future__ import annotations

import click

from taskforce_report import __version__
from taskforce_report.cli import archive, build, bundles, imports, serve
from taskforce_report.core.errors import InputError


class UserError(click.ClickException):
    """A user error of the library (core/errors.py) as click shows it: `Fejl: ` and the
    message on stderr, its exit code, no traceback."""

    def __init__(self, error: InputError):
        super().__init__(error.format_message())
        self.exit_code = error.exit_code

    def show(self, file=None) -> None:
        click.echo(f"Fejl: {self.format_message()}", err=True)


class Commands(click.Group):
    """The group whose every command's InputError becomes a UserError: the library knows
    nothing of click, the command line alone decides how an error is told."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as error:
            raise UserError(error) from error


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="taskforce-report")
def main() -> None:
    """Typesets the Task Force's reports on child-welfare casework from an input bundle."""


for command in (build.build, build.validate, bundles.new, bundles.tekster,
                imports.import_legacy, imports.import_docx, imports.import_dst,
                archive.regenerate, archive.verify, archive.lock,
                serve.batch, serve.preview):
    main.add_command(command)

"""What the commands' options share: the bundle folder argument and the messages on stderr."""

from __future__ import annotations

from pathlib import Path

import click

BUNDLE = click.Path(file_okay=False, path_type=Path)


def fail(message: str, code: int = 1) -> None:
    """Ends the command with `Fejl: message` on stderr and exit code `code`."""
    click.echo(f"Fejl: {message}", err=True)
    raise SystemExit(code)

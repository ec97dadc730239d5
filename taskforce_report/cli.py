"""The command line: a thin click layer over the library. Exit 0 success, 1 invalid input,
2 wrong usage (click's own)."""

from __future__ import annotations

from pathlib import Path

import click

from taskforce_report import __version__

BUNDLE = click.Path(file_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="taskforce-report")
def main() -> None:
    """Typesets the Task Force's reports on child-welfare casework from an input bundle."""


@main.command()
@click.argument("bundle", type=BUNDLE)
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: output/<bundle folder name>/).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf",
              show_default=True, help="PDF for print and archive, HTML for the screen.")
def build(bundle: Path, outdir: Path | None, fmt: str) -> None:
    """Build the document of BUNDLE (analyserapport.pdf, statusrapport.pdf, ...)."""
    from taskforce_report.build import build as run_build

    target = run_build(bundle, outdir, fmt)
    click.echo(f"Skrev {target}")


@main.command()
@click.argument("bundle", type=BUNDLE)
def validate(bundle: Path) -> None:
    """Check BUNDLE as build would, write nothing, and print what was found."""
    from taskforce_report.build import prepare

    prepared = prepare(bundle)
    report = prepared.bundle.report
    click.echo(f"{bundle}: gyldigt bundt")
    click.echo(f"  dokument: {report.dokument}, kommune: {report.kommune}, dato: {report.dato}")
    click.echo(f"  tema: {prepared.theme.name}")
    for chapter in prepared.document.chapters:
        click.echo(f"  {chapter.heading}")
        for section in chapter.sections:
            click.echo(f"    {section.number} {section.title}")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--kommune", required=True, help='The municipality, e.g. "Randers Kommune".')
@click.option("--dokument", type=click.Choice(["analyserapport"]), default="analyserapport",
              show_default=True, help="Which document the bundle is for.")
def new(directory: Path, kommune: str, dokument: str) -> None:
    """Scaffold a bundle in DIRECTORY with every required key and the themes stubbed."""
    from taskforce_report.scaffold import scaffold

    written = scaffold(directory, kommune, dokument)
    for path in written:
        click.echo(f"Skrev {path}")

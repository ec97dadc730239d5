"""`new` and `tekster`: making a bundle, and moving its texts between rapport.yaml and
tekster/."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--kommune", help='The municipality, e.g. "Randers Kommune" (required unless '
              "--fra-ansoegning gives it).")
@click.option("--dokument", type=click.Choice(["analyserapport", "statusrapport"]),
              default="analyserapport",
              show_default=True, help="Which document the bundle is for.")
@click.option("--fra-ansoegning", "application", type=click.Path(path_type=Path),
              metavar="BUNDLE",
              help="An application bundle (dokument: ansoegning): the analysis bundle starts "
                   "with its municipality, contact, organisation and motivation filled in.")
@click.option("--fra-analyse", "analysis", type=click.Path(path_type=Path), metavar="BUNDLE",
              help="An analysis bundle (dokument: analyserapport): a development plan "
                   "(dokument: udviklingsplan) with one activity per recommendation, each naming "
                   "it by theme and number, so nothing is typed twice.")
@click.option("--projektmappe", "workbook_only", is_flag=True,
              help="Write only data.xlsx for the existing bundle DIR, from its rapport.yaml: "
                   "the sheets its document reads, drop-downs with its own audit criteria.")
@click.option("--tekster", "texts", type=click.Choice(["yaml", "markdown"]), default="yaml",
              show_default=True,
              help="Where the texts are written: in rapport.yaml, or as Markdown files in "
                   "tekster/ (one per theme, with a ## heading per section).")
def new(directory: Path, kommune: str | None, dokument: str, application: Path | None,
        analysis: Path | None, workbook_only: bool, texts: str) -> None:
    """Scaffold a bundle in DIRECTORY with every required key and the themes stubbed."""
    from taskforce_report.tools.scaffold import from_application, scaffold, workbook_for
    from taskforce_report.tools.textconvert import scaffold_markdown

    if analysis is not None:
        if application is not None or workbook_only or kommune:
            raise click.UsageError("--fra-analyse laver en udviklingsplan ud fra analysebundtet "
                                   "og bruges alene (uden --kommune, --fra-ansoegning og "
                                   "--projektmappe)")
        from taskforce_report.tools.planscaffold import from_analysis

        for path in from_analysis(directory, analysis):
            click.echo(f"Skrev {path}")
        return
    if workbook_only:
        if application is not None or kommune:
            raise click.UsageError("--projektmappe skriver kun data.xlsx til et bundt, der "
                                   "findes; brug den uden --kommune og --fra-ansoegning")
        written = [workbook_for(directory)]
    elif application is not None:
        if dokument != "analyserapport":
            raise click.UsageError("--fra-ansoegning laver et analysebundt og kan ikke bruges "
                                   f"med --dokument {dokument}")
        written = from_application(directory, application, kommune)
    elif not kommune:
        raise click.UsageError("mangler --kommune (eller --fra-ansoegning BUNDLE)")
    else:
        written = scaffold(directory, kommune, dokument)
    if texts == "markdown" and not workbook_only:
        written += scaffold_markdown(directory)
    for path in written:
        click.echo(f"Skrev {path}")


@click.command()
@click.argument("bundle", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--til", "target", type=click.Choice(["markdown", "yaml"]), required=True,
              help="markdown: every text to tekster/<id>.md; yaml: every text back into "
                   "rapport.yaml.")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Write a converted copy of the bundle here instead of converting it in "
                   "place.")
def tekster(bundle: Path, target: str, outdir: Path | None) -> None:
    """Move a bundle's texts between rapport.yaml and Markdown files in tekster/.

    The document built from the bundle is the same either way."""
    from taskforce_report.tools.textconvert import apply

    for path in apply(bundle, target, outdir):
        click.echo(f"Skrev {path}")

"""`import-legacy`, `import-docx` and `import-dst`: bundles and key figures made from
what the consultants already have (an older report, a Word draft, a StatBank CSV)."""

from __future__ import annotations

from pathlib import Path

import click

from taskforce_report.cli.options import BUNDLE


@click.command("import-legacy")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "bundle", type=BUNDLE, required=True,
              help="The new bundle folder; its rapport.yaml must not exist yet.")
def import_legacy(source: Path, bundle: Path) -> None:
    """Read an older analysis report (text extracted from its PDF) into a new bundle.

    Writes BUNDLE/rapport.yaml and BUNDLE/import-rapport.md: what was found, what was
    assumed, what is missing, and every span of SOURCE that was not placed, with its page."""
    from taskforce_report.tools.legacy import import_legacy as run_import

    result = run_import(source, bundle)
    for path in result.written:
        click.echo(f"Skrev {path}")
    report = result.report
    click.echo(f"  kommune: {report.kommune or '(ikke fundet)'}, dato: "
               f"{report.dato or '(ikke fundet)'}, temaer: {len(report.temaer)}, "
               f"centrale anbefalinger: {len(report.anbefalinger)}")
    for theme_id, theme in report.temaer.items():
        click.echo(f"  {theme_id}: {len(theme.styrker)} styrker, {len(theme.udfordringer)} "
                   f"udfordringer, {len(theme.anbefalinger)} anbefalinger")
    click.echo(f"  se {result.written[1]} for det, der mangler eller ikke er placeret")


@click.command("import-docx")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "bundle", type=BUNDLE, required=True,
              help="The new bundle folder; its rapport.yaml must not exist yet.")
@click.option("--accepter-aendringer", "accept_changes", is_flag=True,
              help="Take the draft's tracked changes as accepted (otherwise a draft with "
                   "tracked changes is refused).")
@click.option("--koncept", type=click.Choice(["klassisk", "pejlemaerker"]),
              help="The report concept; by default the one whose theme names the draft's "
                   "headings match.")
def import_docx(source: Path, bundle: Path, accept_changes: bool, koncept: str | None) -> None:
    """Read the consultants' Word draft (.docx) into a new bundle's texts.

    Writes BUNDLE/tekster/<tema>.md (one per theme found by its heading), BUNDLE/rapport.yaml
    and BUNDLE/import-rapport.md: what was found, the comments, and every paragraph that
    was not placed."""
    from taskforce_report.tools.docximport import import_docx as run_import

    found = run_import(source, bundle, accept_changes, koncept)
    for path in found.written:
        click.echo(f"Skrev {path}")
    result = found.result
    click.echo(f"  koncept: {result.koncept}, kommune: {result.kommune or '(ikke fundet)'}, "
               f"temaer: {len(result.themes)}, kommentarer: {len(result.comments)}, ikke "
               f"placeret: {len(result.unplaced)}")
    click.echo(f"  se {found.written[-2]} for det, der mangler eller ikke er placeret")


@click.command("import-dst")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--indikator", required=True,
              help="The indicator id the figures are, e.g. underretninger, befolkning_0_17.")
@click.option("-o", "--output", "target", type=click.Path(dir_okay=False, path_type=Path),
              help="Write noegletal.csv rows here (default: print them).")
@click.option("--filter", "filters", multiple=True, metavar="VAR=VÆRDI",
              help="Keep only rows where the variable has this label (repeatable).")
@click.option("--summer", "sum_over", multiple=True, metavar="VAR",
              help="Add up the values of this variable (e.g. ALDER for ages 0-17).")
@click.option("--periode", help="For quarterly or monthly data: the period that stands for the "
                                "year, e.g. K4 or M12.")
@click.option("--omraade", "areas", multiple=True,
              help="Keep only this area (repeatable), e.g. the municipality, its reference "
                   "group and 'Hele landet'.")
@click.option("--kilde", help="The source line (default: Danmarks Statistik, <table>).")
def import_dst(file: Path, indikator: str, target: Path | None, filters: tuple[str, ...],
               sum_over: tuple[str, ...], periode: str | None, areas: tuple[str, ...],
               kilde: str | None) -> None:
    """Convert a CSV from Danmarks Statistik's StatBank (API or web download) into rows of
    noegletal.csv for the indicator ID. `..` becomes an empty value: missing, not 0."""
    from taskforce_report.core.errors import input_error
    from taskforce_report.tools import dst

    chosen: dict[str, list[str]] = {}
    for item in filters:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise input_error("--filter", "", f"forventede VARIABEL=VÆRDI, fandt '{item}'")
        chosen.setdefault(name.strip(), []).append(value.strip())
    note = dst.check_indicator(indikator)
    if note:
        click.echo(f"Bemærk: {note}", err=True)
    result = dst.convert(file, indikator, filters=chosen, sum_over=sum_over, period=periode,
                         source=kilde, areas=areas)
    for line in result.notes:
        click.echo(f"Bemærk: {line}", err=True)
    text = dst.write(result.rows, target)
    if target is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"Skrev {len(result.rows)} rækker til {target}", err=True)

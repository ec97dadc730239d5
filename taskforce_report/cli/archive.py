"""`regenerate`, `verify` and `lock`: what a report's PDF carries, rebuilt, compared and told
(the work is in tools/rebuild.py and output/archive.py)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import click

from taskforce_report.cli.options import BUNDLE, fail


@contextmanager
def _not_ours_exits():
    """A PDF that is not a report of this tool, or whose attachments do not make a bundle
    (archive.NotOurReport, wherever it is found), ends the command with `Fejl: …` and exit 2."""
    from taskforce_report.output import archive

    try:
        yield
    except archive.NotOurReport as exc:
        from taskforce_report.core.errors import one_line
        from taskforce_report.core.redact import mask

        fail(one_line(mask(str(exc))), 2)


def _embedded_or_exit(report: Path):
    """REPORT's embedded bundle and manifest, or exit 2."""
    from taskforce_report.output import archive

    with _not_ours_exits():
        return archive.read_embedded(report)


def _not_alone(report: Path, embedded, command: str) -> None:
    from taskforce_report.tools.rebuild import shares_course_data

    problem = shares_course_data(report, embedded, command)
    if problem:
        fail(problem)


@click.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: ./output/<report name>-regenereret/).")
def regenerate(report: Path, outdir: Path | None) -> None:
    """Extract the bundle embedded in REPORT.pdf and build it again.

    The bundle is written to OUTDIR/bundt/ (a document of a course: the course, laid out again,
    to OUTDIR/forloeb/<course>/) and the document to OUTDIR/."""
    from taskforce_report.tools import rebuild

    embedded = _embedded_or_exit(report)  # the manifest and the file names checked
    _not_alone(report, embedded, "regenerate")
    with _not_ours_exits():
        done = rebuild.regenerate(report, embedded, outdir)
    if done.course is None:
        click.echo(f"Udpakkede bundtet til {done.bundle}")
    else:
        click.echo(f"Udpakkede forløbet til {done.course} (dokumentet i {done.course_folder}/)")
    click.echo(f"Skrev {done.target}")


@click.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("bundle", type=BUNDLE, required=False)
def verify(report: Path, bundle: Path | None) -> None:
    """Rebuild REPORT.pdf from its embedded bundle (or from BUNDLE) and compare.

    Exit 0 identical, 1 different, 2 not a report of this tool."""
    from taskforce_report.tools import rebuild

    embedded = _embedded_or_exit(report)
    if bundle is None:
        _not_alone(report, embedded, "verify")
    with _not_ours_exits():
        verdict = rebuild.verify(report, embedded, bundle)
    if verdict.identical:
        click.echo(f"{report}: identisk med en ny kørsel af bundtet")
        return
    click.echo(f"{report}: AFVIGER fra en ny kørsel af bundtet")
    old, new = verdict.page_counts
    if old != new:
        click.echo(f"  sidetal: {old} i rapporten, {new} i den nye kørsel")
    if verdict.pages_differing:
        pages = ", ".join(str(p) for p in verdict.pages_differing)
        click.echo(f"  teksten afviger på side {pages}")
    else:
        click.echo("  teksten er den samme på alle sider; forskellen er i layout eller bytes")
    for note in verdict.version_note:
        click.echo(f"  {note}")
    raise SystemExit(1)


@click.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lock(report: Path) -> None:
    """Print the exact package versions REPORT.pdf was made with, as a pip lock.

    `pip install -r` of it (and the tool's version it names) recreates the environment."""
    from taskforce_report.output import archive

    embedded = _embedded_or_exit(report)
    text = archive.lock_text(embedded.manifest)
    if not text:
        fail(f"{report}: manifestet nævner ikke pakkernes versioner (lavet før "
             "taskforce-report begyndte at gemme dem)")
    click.echo(text, nl=False)

"""`build` and `validate`: a bundle (or a course) through the pipeline, told on the terminal."""

from __future__ import annotations

from pathlib import Path

import click

from taskforce_report.cli.options import BUNDLE


class StageReporter:
    """Tells the stages of a build on stderr, but only once it has taken more than a moment:
    a quick build stays silent."""

    def __init__(self, after: float | None = None):
        import os
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        # TASKFORCE_REPORT_PROGRESS_AFTER=0 tells every stage at once (the crash tests use it)
        self._after = after if after is not None else float(
            os.environ.get("TASKFORCE_REPORT_PROGRESS_AFTER", "0.8"))
        self._pending: list[str] = []

    def __call__(self, stage: str) -> None:
        self._pending.append(stage)
        if self._clock() - self._start >= self._after:
            for name in self._pending:
                click.echo(f"  … {name}", err=True)
            self._pending.clear()


def _quiet(stage: str) -> None:
    pass


def _warn(message: str) -> None:
    click.echo(f"Advarsel: personoplysninger: {message}", err=True)


def _note(message: str) -> None:
    click.echo(f"Bemærk: {message}", err=True)


def _told(folder: str) -> None:
    click.echo(f"  … {folder}", err=True)


@click.command()
@click.argument("bundle", type=BUNDLE)
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: ./output/<bundle folder name>/ in the current folder).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "notat", "slides", "docx"]),
              default="pdf", show_default=True,
              help="PDF for print and archive, HTML for the screen; notat: a status report's "
              "committee memo as <dokument>-notat.pdf; slides: its committee slide deck as "
              "<dokument>-slides.pdf (16:9) and <dokument>-slides.html.")
@click.option("-q", "--quiet", is_flag=True, help="Do not report the stages of a long build.")
@click.option("--allow-personal-data", is_flag=True,
              help="Build even if CPR numbers, e-mails, phone numbers or hidden names are found "
                   "(internal drafts only); prints a warning for each.")
@click.option("--pdf-ua", is_flag=True,
              help="Write PDF/UA-1 instead of the default tagged PDF/A-3a.")
@click.option("--udkast", "draft", is_flag=True,
              help="The draft for factual hearing: a diagonal UDKAST with the date on every "
                   "page, numbered paragraphs, written as <dokument>-udkast.pdf and never "
                   "marked PDF/A (tagged PDF/UA-1).")
def build(bundle: Path, outdir: Path | None, fmt: str, quiet: bool,
          allow_personal_data: bool, pdf_ua: bool, draft: bool) -> None:
    """Build the document of BUNDLE (analyserapport.pdf, statusrapport.pdf, ...), or every
    document of a course (a folder with forloeb.yaml) into OUTDIR/<subfolder>/."""
    from contextlib import nullcontext

    from taskforce_report.load import course

    if course.is_course(bundle):
        if fmt != "pdf" or pdf_ua or allow_personal_data or draft:
            raise click.UsageError("et forløb bygges med standardvalgene; byg et enkelt "
                                   "dokument (FORLØB/<mappe>) for --format, --pdf-ua, "
                                   "--udkast eller --allow-personal-data")
        _build_course(bundle, outdir, quiet)
        return

    from taskforce_report.output.pdf import LayoutProcess

    if draft and fmt not in ("pdf", "notat"):
        raise click.UsageError("--udkast laver et udkast som PDF; brug det med --format pdf "
                               "eller notat")
    # started before anything else is imported, so WeasyPrint loads on the other core meanwhile
    with LayoutProcess() if fmt != "html" else nullcontext() as layout:
        from taskforce_report.build import build as run_build

        target = run_build(bundle, outdir, fmt, progress=_quiet if quiet else StageReporter(),
                           allow_personal_data=allow_personal_data, warn=_warn, pdf_ua=pdf_ua,
                           layout=layout, draft=draft, note=_note)
    if fmt == "slides":
        from taskforce_report.build import slides_html_path

        click.echo(f"Skrev {slides_html_path(target)}")
    memo = target.with_name(f"{target.stem}-notat.docx")
    if fmt == "docx" and memo.is_file() and memo.stat().st_mtime >= target.stat().st_mtime:
        click.echo(f"Skrev {memo}")  # a status report's memo beside it
    click.echo(f"Skrev {target}")


def _build_course(root: Path, outdir: Path | None, quiet: bool) -> None:
    """build COURSE: the summary, and exit 1 if any document failed."""
    from taskforce_report import coursebuild

    outdir, done = coursebuild.build_course(root, outdir, progress=None if quiet else _told)
    click.echo(coursebuild.summary(done))
    failed = [d for d in done if not d.ok]
    click.echo(f"{len(done) - len(failed)} bygget, {len(failed)} fejlede → {outdir}")
    if failed:
        raise SystemExit(1)


def _validate_course(root: Path) -> None:
    from taskforce_report import coursebuild

    check = coursebuild.validate_course(root)
    click.echo(f"{root}: forløb for {check.course.settings.kommune}, {len(check.done)} "
               "dokumenter")
    click.echo(coursebuild.summary(check.done))
    if check.trace:
        click.echo("")
        click.echo(check.trace)
    if any(not d.ok for d in check.done):
        raise SystemExit(1)


@click.command()
@click.argument("bundle", type=BUNDLE)
def validate(bundle: Path) -> None:
    """Check BUNDLE as build would, write nothing, and print what was found; for a course
    (a folder with forloeb.yaml) every document and the trace from recommendation to status."""
    from taskforce_report.build import check_formats, prepare
    from taskforce_report.coursebuild import formats_of
    from taskforce_report.load import course

    if course.is_course(bundle):
        _validate_course(bundle)
        return

    prepared = prepare(bundle)
    report = prepared.bundle.report
    deck = prepared.results.facts.get("dias")
    # every format rapport.yaml asks for, checked as build checks it before the layout: the
    # memo's text through the guard, the deck laid out, so a slide that runs over fails here too
    check_formats(prepared, formats_of(prepared))
    click.echo(f"{bundle}: gyldigt bundt")
    click.echo(f"  dokument: {report.dokument}, kommune: {report.kommune}, "
               f"dato: {report.dato or '–'}")
    click.echo(f"  tema: {prepared.theme.name}")
    for table in prepared.bundle.tables.values():  # e.g. which encoding was assumed
        for note in getattr(table, "notes", ()):
            click.echo(f"  bemærk: {note}")
    if deck:
        click.echo(f"  dias: {len(deck.slides)}, lagt op: hvert dias fylder én side "
                   "(build --format slides)")
    for chapter in prepared.document.chapters:
        click.echo(f"  {chapter.heading}")
        for section in chapter.sections:
            if section.heading:
                click.echo(f"    {section.shown} {section.title}".replace("     ", "    "))
    for line in prepared.notes:  # figures that read as contradicting (consistency.py), last
        click.echo(f"  bemærk: {line}")

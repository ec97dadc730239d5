"""The command line: a thin click layer over the library. Exit 0 success, 1 invalid input,
2 wrong usage (click's own)."""

from __future__ import annotations

from pathlib import Path

import click

from taskforce_report import __version__

BUNDLE = click.Path(file_okay=False, path_type=Path)


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="taskforce-report")
def main() -> None:
    """Typesets the Task Force's reports on child-welfare casework from an input bundle."""


@main.command()
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
    """build COURSE: every document, failures told in the summary and not stopping the rest."""
    from taskforce_report import coursebuild
    from taskforce_report.core.paths import default_output_root
    from taskforce_report.load import course

    found = course.read(root)  # the course's own errors: nothing is written
    outdir = outdir or default_output_root() / found.name
    done = coursebuild.build_all(found, outdir, progress=None if quiet else _told)
    click.echo(coursebuild.summary(done))
    failed = [d for d in done if not d.ok]
    click.echo(f"{len(done) - len(failed)} bygget, {len(failed)} fejlede → {outdir}")
    if failed:
        raise SystemExit(1)


def _told(folder: str) -> None:
    click.echo(f"  … {folder}", err=True)


def _validate_course(root: Path) -> None:
    from taskforce_report import coursebuild
    from taskforce_report.load import course

    found = course.read(root)
    done = coursebuild.build_all(found, Path(), write=False)
    click.echo(f"{root}: forløb for {found.settings.kommune}, {len(done)} dokumenter")
    click.echo(coursebuild.summary(done))
    from taskforce_report.analyse import trace

    table = trace.terminal_table(found, [d.prepared for d in done if d.ok])
    if table:
        click.echo("")
        click.echo(table)
    if any(not d.ok for d in done):
        raise SystemExit(1)


@main.command()
@click.argument("bundle", type=BUNDLE)
def validate(bundle: Path) -> None:
    """Check BUNDLE as build would, write nothing, and print what was found; for a course
    (a folder with forloeb.yaml) every document and the trace from recommendation to status."""
    from taskforce_report.build import prepare
    from taskforce_report.load import course

    if course.is_course(bundle):
        _validate_course(bundle)
        return

    prepared = prepare(bundle)
    report = prepared.bundle.report
    deck = prepared.results.facts.get("dias")
    if deck:  # laid out as --format slides would, so a slide that runs over fails here too
        from taskforce_report.build import check_slide_layout

        check_slide_layout(prepared)
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


@main.command()
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


@main.command()
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


@main.command("import-legacy")
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


@main.command("import-docx")
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


@main.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: ./output/<report name>-regenereret/).")
def regenerate(report: Path, outdir: Path | None) -> None:
    """Extract the bundle embedded in REPORT.pdf and build it again.

    The bundle is written to OUTDIR/bundt/ (a document of a course: the course, laid out again,
    to OUTDIR/forloeb/<course>/) and the document to OUTDIR/."""
    from taskforce_report.build import PDF_UA_VARIANT
    from taskforce_report.build import build as run_build
    from taskforce_report.core.paths import default_output_root
    from taskforce_report.output import archive

    embedded = _embedded_or_exit(report)  # the manifest and the file names checked
    _not_alone(report, embedded, "regenerate")
    outdir = outdir or default_output_root() / f"{report.stem}-regenereret"
    pdf_ua = embedded.manifest.get("pdf_variant") == PDF_UA_VARIANT
    fmt = embedded.manifest.get("format", "pdf")  # "notat" for a committee memo
    # extracted into a fresh folder and built from there; only a bundle that builds replaces
    # OUTDIR/bundt/, and it replaces it whole
    with archive.extracted(embedded, outdir) as fresh:
        target = run_build(fresh, outdir, fmt, pdf_ua=pdf_ua,
                           draft=embedded.manifest.get("udkast") is True)
        course = archive.course_of(embedded.manifest)
        if course is None:
            bundle = archive.replace_bundle(fresh, outdir / "bundt")
            click.echo(f"Udpakkede bundtet til {bundle}")
        else:  # the whole course, extracted around its document: fresh/../.. holds it
            where = archive.replace_bundle(fresh.parent.parent, outdir / "forloeb")
            click.echo(f"Udpakkede forløbet til {where / course[0]} (dokumentet i "
                       f"{course[1]}/)")
    click.echo(f"Skrev {target}")


@main.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("bundle", type=BUNDLE, required=False)
def verify(report: Path, bundle: Path | None) -> None:
    """Rebuild REPORT.pdf from its embedded bundle (or from BUNDLE) and compare.

    Exit 0 identical, 1 different, 2 not a report of this tool."""
    import tempfile

    from taskforce_report.build import PDF_VARIANT, current_manifest, pdf_bytes, prepare
    from taskforce_report.output import archive

    embedded = _embedded_or_exit(report)
    if bundle is None:
        _not_alone(report, embedded, "verify")
    with tempfile.TemporaryDirectory(prefix="taskforce-verify-") as tmp:
        source = bundle or archive.extract_bundle(embedded, Path(tmp) / "bundt")
        prepared = prepare(source)
        variant = embedded.manifest.get("pdf_variant", PDF_VARIANT)
        fmt = embedded.manifest.get("format", "pdf")  # "notat" for a committee memo
        rebuilt = pdf_bytes(prepared, variant=variant, fmt=fmt,
                            draft=embedded.manifest.get("udkast") is True)
        # the new run's own manifest, completed by its layout (fonts, Pango, HarfBuzz)
        again = Path(tmp) / "ny.pdf"
        again.write_bytes(rebuilt)
        try:
            current = archive.read_embedded(again).manifest
        except archive.NotOurReport:
            current = current_manifest(prepared, variant, fmt,
                                       draft=embedded.manifest.get("udkast") is True)
        verdict = archive.compare(report, rebuilt, embedded, current)
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


@main.command()
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def lock(report: Path) -> None:
    """Print the exact package versions REPORT.pdf was made with, as a pip lock.

    `pip install -r` of it (and the tool's version it names) recreates the environment."""
    from taskforce_report.output import archive

    embedded = _embedded_or_exit(report)
    text = archive.lock_text(embedded.manifest)
    if not text:
        click.echo(f"Fejl: {report}: manifestet nævner ikke pakkernes versioner (lavet før "
                   "taskforce-report begyndte at gemme dem)", err=True)
        raise SystemExit(1)
    click.echo(text, nl=False)


def _not_alone(report: Path, embedded, command: str) -> None:
    """A document of a course made before its PDF carried the course's files (coursefiles.py)
    shares data (the baseline, the audit log, the recommendations) that stayed in the course's
    folders: it cannot be rebuilt from its own bundle alone."""
    from taskforce_report.output import archive

    course = embedded.manifest.get("forloeb")
    if not isinstance(course, dict) or archive.carries_course(embedded):
        return
    folder = f"{course.get('mappe', 'FORLØB')}/{course.get('dokument', 'MAPPE')}"
    hint = (f"taskforce-report verify {report} {folder}" if command == "verify" else
            f"taskforce-report build {folder}")
    click.echo(f"Fejl: {report}: rapporten er et dokument i forløbet {course.get('mappe', '')} "
               "og deler data med forløbets andre dokumenter (baselinemåling, ledelsestilsyn, "
               f"anbefalinger), som ikke ligger i PDF'en; brug forløbets mappe: {hint}", err=True)
    raise SystemExit(1)


def _embedded_or_exit(report: Path):
    from taskforce_report.output import archive

    try:
        return archive.read_embedded(report)
    except archive.NotOurReport as exc:
        from taskforce_report.core.errors import one_line
        from taskforce_report.core.redact import mask

        click.echo(f"Fejl: {one_line(mask(str(exc)))}", err=True)
        raise SystemExit(2) from None


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: ./output/); each bundle gets its own subfolder.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--timeout", type=click.FloatRange(min=1), default=600, show_default=True,
              help="Seconds a bundle may take before its build is stopped and it is reported "
                   "as failed.")
def batch(directory: Path, jobs: int | None, outdir: Path | None, quiet: bool,
          timeout: float) -> None:
    """Build every bundle under DIRECTORY, carrying on past failures."""
    from taskforce_report.core.paths import default_output_root
    from taskforce_report.tools.batch import find_bundles, run_batch, summary_table

    bundles = find_bundles(directory)
    if not bundles:
        raise click.UsageError(f"ingen bundter (mapper med rapport.yaml) under {directory}")
    outdir = outdir or default_output_root()
    results = run_batch(bundles, directory, outdir, jobs, progress=not quiet, timeout=timeout)
    click.echo(summary_table(results))
    failed = [r for r in results if not r.ok]
    click.echo(f"{len(results) - len(failed)} bygget, {len(failed)} fejlede")
    if failed:
        raise SystemExit(1)


@main.command()
@click.argument("bundle", type=BUNDLE)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
def preview(bundle: Path, port: int) -> None:
    """Serve BUNDLE's document as a web page on localhost, rebuilt on every change."""
    from taskforce_report.tools.preview import serve

    def ready(actual_port: int, state) -> None:
        click.echo(f"Forhåndsvisning på http://127.0.0.1:{actual_port}/ (Ctrl+C stopper)")
        if state.error:
            click.echo(f"Fejl: {state.error}", err=True)

    serve(bundle, port, ready=ready)


@main.command("import-dst")
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

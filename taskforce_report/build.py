"""The pipeline, chained: load → normalise → analyse → chart → structure → render → PDF.

Everything is read and checked before anything is written; the output appears whole or not
at all. Usable without the CLI: `build(Path("input/eksempel-kommune"))`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from taskforce_report import documents
from taskforce_report.analyse import consistency
from taskforce_report.analyse.analysis import Results
from taskforce_report.charts import chartcache
from taskforce_report.charts.chartcache import draw_all
from taskforce_report.core import language
from taskforce_report.core.errors import InputError, input_error
from taskforce_report.core.paths import TEMPLATES_DIR, default_output_root
from taskforce_report.documents.formats import FORMATS, Format, Run, format_named, register_format
from taskforce_report.guard import privacy
from taskforce_report.load.bundle import Bundle, concept_of
from taskforce_report.load.course import load_bundle
from taskforce_report.load.themes import Theme, load_theme, with_overrides
from taskforce_report.models import document_date
from taskforce_report.output import coursefiles, manifest
from taskforce_report.output.pdf import LayoutProcess, render_pdf, write_atomic
from taskforce_report.render.document import Document, structure
from taskforce_report.render.render import chart_references, render_html, template_exists

# --format docx: the document as Word (wordfile.py), and a status report's memo beside it
DOCX_FORMAT = "docx"
# --format notat: the committee memo of a status report (templates/<dokument>/notat.html), a PDF
# from the same pipeline, written as <dokument>-notat.pdf.
MEMO_FORMAT = "notat"
# --format slides: the committee slide deck of a status report (templates/<dokument>/dias.html),
# a 16:9 PDF written as <dokument>-slides.pdf and the same deck for the screen beside it,
# <dokument>-slides.html.
SLIDES_FORMAT = "slides"
# PDF/A-3a: archive grade and accessible at once. PDF/A-3 lets the bundle's files travel inside
# the PDF; level "a" makes it tagged (structure tree, reading order, alt texts, language), as
# Danish public bodies must publish (webtilgængelighedsloven, EN 301 549), and keeps the text
# extractable as "u" did.
PDF_VARIANT = "pdf/a-3a"
# PDF/UA-1 for those who ask for that standard by name (--pdf-ua): tagged too, with the
# attachments, but not PDF/A.
PDF_UA_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class Prepared:
    """Everything a document needs, checked, before any layout or writing."""

    bundle: Bundle
    theme: Theme
    results: Results
    document: Document
    warnings: tuple[str, ...] = ()  # personal data let through with --allow-personal-data
    allow_personal_data: bool = False
    # figures that can both be true but read as contradicting (consistency.py); the method text
    # says so too
    notes: tuple[str, ...] = ()
    # the bundle's input files as the PDF carries them (privacy.published_files), read once:
    # the guard checked these very bytes, and these are attached
    published: dict[str, bytes] | None = None


def _quiet(stage: str) -> None:
    pass


def prepare(bundle_path: Path, progress: Callable[[str], None] = _quiet,
            allow_personal_data: bool = False) -> Prepared:
    """Load and check everything `build` would check; writes nothing."""
    progress("indlæser bundtet")
    bundle = load_bundle(bundle_path)
    # read once: what the guard checks is what the PDF carries (archived_files)
    published = privacy.published_files(bundle)
    # the course's files travel in the PDF too (coursefiles.py): the guard reads them as well
    found = privacy.check(bundle, published) + coursefiles.problems(bundle)
    if found and not allow_personal_data:
        # the guard's finds and the tables' own errors together: a CPR number in one row must
        # not hide an unknown criterion in the next
        try:
            documents.normalise(bundle)
        except InputError as exc:
            raise InputError(with_others(found, exc.problems)) from None
        raise InputError(found)
    tables = documents.normalise(bundle)
    progress("analyserer")
    results = documents.analyse(bundle, tables, prepare)
    theme = load_theme(bundle.report.tema)
    if hasattr(bundle.report, "theme_overrides"):  # the municipality's own name, logo, colours
        theme = with_overrides(theme, bundle.report.theme_overrides(), bundle.path)
    # the bundle's own concept as the analysis cited its free texts, or the packaged one
    concept = results.facts.get("bundtkoncept") or concept_of(bundle)
    document = structure(concept, results.facts)
    prepared = Prepared(bundle, theme, results, document, (), allow_personal_data,
                        published=published)
    # the guard again on what the document prints: Markdown, entities and markup resolved
    progress("kontrollerer den trykte tekst for personoplysninger")
    html, _ = render_html(document, bundle.report, results.facts, theme, flavour="pdf",
                          charts=chart_references(list(results.charts)))
    printed = privacy.check_rendered(html, bundle.report)
    if printed and not allow_personal_data:
        raise InputError(printed)
    warnings = [str(p) for p in found]
    warnings += [str(p) for p in printed if not found]  # the same finds, seen again printed
    notes = consistency.warnings(results.facts.get("uoverensstemmelser", ()))
    return replace(prepared, warnings=tuple(warnings), notes=notes)


def with_others(guard: list, others: list) -> list:
    """The guard's problems, then the others, each file's together; a cell the guard already
    names (a case named by a CPR number) is not named twice."""
    named = {(p.file, p.place.lower()) for p in guard}
    rest = [p for p in others if (p.file, p.place.lower()) not in named]
    order = list(dict.fromkeys(p.file for p in [*guard, *rest]))
    return sorted([*guard, *rest], key=lambda p: order.index(p.file))


def default_outdir(bundle_path: Path) -> Path:
    return default_output_root() / Path(bundle_path).resolve().name


def output_name(prepared: Prepared, fmt: str, draft: bool = False) -> str:
    """A draft is named as one (`analyserapport-udkast.pdf`), so it is never taken for the
    final report."""
    return format_named(fmt).file_name(kind_of(prepared).stem, draft)


def kind_of(prepared: Prepared) -> documents.DocumentType:
    return documents.document_type(prepared.bundle.document)


def slides_html_path(target: Path) -> Path:
    """The screen deck written beside the slides' PDF."""
    return target.with_suffix(".html")


def build(bundle_path: Path, outdir: Path | None = None, fmt: str = "pdf",
          progress: Callable[[str], None] = _quiet, allow_personal_data: bool = False,
          warn: Callable[[str], None] = _quiet, pdf_ua: bool = False,
          layout: LayoutProcess | None = None, draft: bool = False,
          note: Callable[[str], None] = _quiet) -> Path:
    """Builds the bundle's document; `progress` hears the name of each stage as it starts.
    `layout`, a LayoutProcess started beforehand, lays out the PDF in its own process.
    `draft`: the draft for factual hearing (--udkast), a PDF of the document or the memo."""
    form = format_named(fmt)
    if draft and not form.drafts:
        raise input_error("--udkast", fmt, "et udkast til faktuel høring laves som PDF af "
                          "rapporten eller notatet (--format pdf eller notat)")
    prepared = prepare(bundle_path, progress, allow_personal_data)
    for warning in prepared.warnings:
        warn(warning)
    for line in prepared.notes:
        note(line)
    outdir = Path(outdir) if outdir else default_outdir(bundle_path)
    target = outdir / output_name(prepared, fmt, draft)
    check_format(prepared, fmt)
    form.write(prepared, target, outdir, Run(fmt, progress, pdf_ua, layout, draft))
    return target


def wants_memo(prepared: Prepared) -> bool:
    """rapport.yaml has `notat:`: the committee memo is asked for."""
    return getattr(prepared.bundle.report, "notat", None) is not None


def wants_slides(prepared: Prepared) -> bool:
    """rapport.yaml has `dias:`: the committee deck is asked for."""
    return prepared.results.facts.get("dias") is not None


def _offered_by(fmt: str) -> str:
    """The document types that offer `fmt`, as the error says it: "statusrapport"."""
    return language.join([k.dokument for k in documents.document_types() if fmt in k.formats])


def check_memo(prepared: Prepared) -> None:
    """--format notat needs a document type that offers the memo, its template and `notat:` in
    rapport.yaml."""
    kind = prepared.bundle.document
    if (MEMO_FORMAT not in kind_of(prepared).formats
            or not template_exists(prepared.theme, f"{kind}/notat.html")):
        raise input_error("--format", "notat", f"dokumenttypen {kind} har intet notat; "
                          f"notatet findes til {_offered_by(MEMO_FORMAT)}")
    if not wants_memo(prepared):
        raise input_error("rapport.yaml", "notat", "mangler: notatet til udvalget kræver "
                          "nøglen notat med mindst moede og punkt (se docs/bundle-format.md)")


def check_slides(prepared: Prepared) -> None:
    """--format slides needs a document type that offers the deck, its template and `dias:` in
    rapport.yaml."""
    kind = prepared.bundle.document
    if (SLIDES_FORMAT not in kind_of(prepared).formats
            or not template_exists(prepared.theme, f"{kind}/dias.html")):
        raise input_error("--format", "slides", f"dokumenttypen {kind} har ingen dias; "
                          f"dias findes til {_offered_by(SLIDES_FORMAT)}")
    if not wants_slides(prepared):
        raise input_error("rapport.yaml", "dias", "mangler: diasene til udvalget kræver "
                          "nøglen dias med mindst én side under sider (se docs/bundle-format.md)")


def check_format(prepared: Prepared, fmt: str) -> None:
    """What `build --format fmt` checks of the prepared document before its writer runs: the
    format's own errors (check_memo, check_slides)."""
    form = format_named(fmt)
    if form.check is not None:
        form.check(prepared)


def check_formats(prepared: Prepared, formats: Iterable[str]) -> None:
    """Every check `build` makes of each of `formats` before it writes, writing nothing, so
    `validate` fails where `build` would and with the same message: the format's own
    (check_format), the guard on the text a memo or a deck prints (render, as the writer calls
    it), and a deck laid out and thrown away (pdf_bytes, as the writer calls it), because a
    slide that runs over its page or is too wide is an input error only the layout finds.
    The document's own PDF needs nothing beyond `prepare`."""
    for fmt in formats:
        check_format(prepared, fmt)
        form = format_named(fmt)
        if form.laid_out:
            pdf_bytes(prepared, fmt=fmt)
        elif form.top != FORMATS["pdf"].top:  # another template prints other texts
            render(prepared, "pdf", fmt=fmt,
                   charts=chart_references(list(prepared.results.charts)))


def render(prepared: Prepared, flavour: str, progress: Callable[[str], None] = _quiet,
           fmt: str = "pdf", charts: dict[str, Any] | None = None, draft: bool = False):
    """The HTML; `charts` what stands for each chart, by default its SVG (drawn if need be)."""
    if charts is None:
        progress("tegner figurer")
        charts = draw_all(list(prepared.results.charts), prepared.theme)
    progress("sætter HTML")
    html, assets = render_html(prepared.document, prepared.bundle.report,
                               prepared.results.facts, prepared.theme, flavour=flavour,
                               charts=charts, top=format_named(fmt).top, draft=draft,
                               images={name: prepared.bundle.path / name
                                       for name in prepared.bundle.images})
    if fmt != "pdf" and not prepared.allow_personal_data:
        # the memo and the slides print other texts than the document prepare checked
        printed = privacy.check_rendered(html, prepared.bundle.report)
        if printed:
            raise InputError(printed)
    return html, assets


def docx_bytes(prepared: Prepared, progress: Callable[[str], None] = _quiet,
               fmt: str = "pdf") -> bytes:
    """The document (or with `fmt` "notat" the memo) as a Word file, from the print HTML: the
    same words, tables and charts as the PDF, the charts as PNG with their alt text."""
    from taskforce_report.charts.draw import draw_png
    from taskforce_report.charts.spec import chart_url
    from taskforce_report.core.safeio import read_input
    from taskforce_report.output import wordfile
    from taskforce_report.render.render import (
        document_author,
        document_subject,
        document_title,
        environment,
    )

    specs = list(prepared.results.charts)
    html, _ = render(prepared, "pdf", progress, fmt, charts=chart_references(specs))
    progress("tegner figurer og skriver Word-dokumentet")
    images = {chart_url(spec.id): wordfile.Image(draw_png(spec, prepared.theme),
                                                 spec.width_cm, spec.alt)
              for spec in specs if chart_url(spec.id) in html}
    for name in prepared.bundle.images:
        path = (prepared.bundle.path / name).resolve()
        if path.suffix.lower() == ".png":  # an SVG of the bundle is told by its alt text
            # read as every bundle file is: a regular file inside the bundle, no link
            data = read_input(prepared.bundle.path / name, name, root=prepared.bundle.path)
            images[path.as_uri()] = wordfile.Image(data, wordfile.png_width_cm(data), "")
    report = prepared.bundle.report
    theme = prepared.theme
    return wordfile.docx_bytes(html, images, theme, document_title(report),
                               document_subject(report, environment(theme)),
                               str(document_author(report, theme)), document_date(report))


def pdf_bytes(prepared: Prepared, progress: Callable[[str], None] = _quiet,
              variant: str = PDF_VARIANT, fmt: str = "pdf",
              layout: LayoutProcess | None = None, draft: bool = False) -> bytes:
    """The finished PDF/A-3: the layout, the metadata, the bundle and its manifest attached.
    `fmt` "notat" lays out the committee memo instead of the document; `draft` the draft for
    factual hearing (watermark, numbered paragraphs; the manifest says so).

    The HTML names its charts (`figur:<id>`) rather than holding them, so the layout can start
    at once: charts from the cache go with it, and the charts still to draw follow as each is
    drawn, while WeasyPrint parses the HTML and computes its styles (docs/performance.md)."""
    specs = list(prepared.results.charts)
    found, missing = chartcache.lookup(specs, prepared.theme)
    # the charts still to draw are started first: drawn while the HTML is rendered and sent
    with chartcache.Drawing(missing, prepared.theme) as more:
        html, _ = render(prepared, "pdf", progress, fmt, charts=chart_references(specs),
                         draft=draft)
        progress("tegner figurer, sætter siderne og skriver PDF")
        bundle = prepared.bundle.path
        roots = [bundle, *prepared.theme.folders, TEMPLATES_DIR]
        files = archived_files(prepared.bundle, prepared.published)
        record = current_manifest(prepared, variant, fmt, files, draft)
        options = {
            "pdf_variant": variant,
            "attachments": manifest.attachments(files, record,
                                                document_date(prepared.bundle.report)),
        }
        if fmt == SLIDES_FORMAT:  # a slide that runs over its page is an error (render_pdf)
            options["one_page_each"] = prepared.results.facts["dias"].one_page_each()
        if layout is not None:
            return layout.render(html, base_url=bundle.resolve(), roots=roots, options=options,
                                 charts=found, more_charts=more)
        return render_pdf(html, base_url=bundle.resolve(), roots=roots, options=options,
                          charts={**found, **dict(more)})


def current_manifest(prepared: Prepared, variant: str = PDF_VARIANT, fmt: str = "pdf",
                     files: dict[str, bytes] | None = None,
                     draft: bool = False) -> dict[str, Any]:
    if files is None:
        files = archived_files(prepared.bundle, prepared.published)
    record = manifest.manifest(files, prepared.bundle.document,
                               prepared.theme.name, prepared.theme.digest(), variant)
    record.update(manifest.causes(concept_of(prepared.bundle), prepared.theme))
    if fmt != "pdf":  # so verify and regenerate lay out the memo or the slides again
        record["format"] = fmt
    if draft:  # so verify and regenerate make the draft again, not the final report
        record["udkast"] = True
    course = getattr(prepared.bundle, "course", None)
    if course is not None:  # regenerate and verify rebuild the course around its folder
        record["forloeb"] = {"mappe": course.name, "dokument": prepared.bundle.path.name}
    return record


def archived_files(bundle: Bundle,
                   published: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """The input files the PDF carries: the bundle's own as published (`published`, as prepare
    read them for the guard, or read now), and inside a course the course's files it reads,
    under `forloeb/` (coursefiles.py)."""
    if published is None:
        published = privacy.published_files(bundle)
    return {**published, **coursefiles.files(bundle)}


def _copy_assets(files: dict[str, Path], folder: Path) -> None:
    """The rendition's files (the theme's CSS and fonts, the charts), each written atomically
    inside `folder`."""
    from taskforce_report.core.safeio import read_input

    for name, source in sorted(files.items()):
        write_atomic(folder / name, read_input(Path(source)), folder)


def _write_pdf(prepared: Prepared, target: Path, outdir: Path, run: Run) -> None:
    """The document (or the memo) as one PDF."""
    # a draft is never marked as the archived final report (PDF/A): tagged PDF/UA instead
    variant = PDF_UA_VARIANT if run.pdf_ua or run.draft else PDF_VARIANT
    write_atomic(target, pdf_bytes(prepared, run.progress, variant, run.fmt, run.layout,
                                   run.draft), outdir)


def _write_slides(prepared: Prepared, target: Path, outdir: Path, run: Run) -> None:
    """The deck as a 16:9 PDF, and for the screen beside it."""
    variant = PDF_UA_VARIANT if run.pdf_ua else PDF_VARIANT
    data = pdf_bytes(prepared, run.progress, variant, run.fmt, run.layout)  # every slide fits
    html, assets = render(prepared, flavour="html", progress=run.progress, fmt=run.fmt)
    _copy_assets(assets.files, outdir / "assets")
    write_atomic(slides_html_path(target), html, outdir)
    write_atomic(target, data, outdir)


def _write_html(prepared: Prepared, target: Path, outdir: Path, run: Run) -> None:
    html, assets = render(prepared, flavour=run.fmt, progress=run.progress)
    _copy_assets(assets.files, outdir / "assets")
    write_atomic(target, html, outdir)


def _write_docx(prepared: Prepared, target: Path, outdir: Path, run: Run) -> None:
    """The document as Word, and the memo beside it when rapport.yaml asks for one."""
    outputs = {target: docx_bytes(prepared, run.progress)}
    if wants_memo(prepared):
        memo = f"{kind_of(prepared).stem}-{MEMO_FORMAT}{FORMATS[DOCX_FORMAT].suffix}"
        outputs[outdir / memo] = docx_bytes(prepared, run.progress, MEMO_FORMAT)
    for path, data in outputs.items():
        write_atomic(path, data, outdir)


# The formats build writes, in the order `build --format` lists them (cli/).
register_format(Format("pdf", _write_pdf, ".pdf", drafts=True))
register_format(Format("html", _write_html, ".html"))
register_format(Format(MEMO_FORMAT, _write_pdf, ".pdf", own_name=True, top="notat",
                       drafts=True, check=check_memo, asked=wants_memo))
register_format(Format(SLIDES_FORMAT, _write_slides, ".pdf", own_name=True, top="dias",
                       check=check_slides, asked=wants_slides, laid_out=True))
register_format(Format(DOCX_FORMAT, _write_docx, ".docx"))

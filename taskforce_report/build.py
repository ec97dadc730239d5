"""The pipeline, chained: load → normalise → analyse → chart → structure → render → PDF.

Everything is read and checked before anything is written; the output appears whole or not
at all. Usable without the CLI: `build(Path("input/eksempel-kommune"))`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taskforce_report import catalogues
from taskforce_report.analysis import Results, analyse
from taskforce_report.bundle import Bundle, load
from taskforce_report.charts import draw_all
from taskforce_report.document import Document, structure
from taskforce_report.normalise import normalise
from taskforce_report.paths import PROJECT_DIR, TEMPLATES_DIR
from taskforce_report.pdf import render_pdf, write_atomic
from taskforce_report.render import render_html
from taskforce_report.themes import Theme, load_theme

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Prepared:
    """Everything a document needs, checked, before any layout or writing."""

    bundle: Bundle
    theme: Theme
    results: Results
    document: Document


def prepare(bundle_path: Path) -> Prepared:
    """Load and check everything `build` would check; writes nothing."""
    bundle = load(bundle_path)
    tables = normalise(bundle)
    results = analyse(bundle, tables)
    theme = load_theme(bundle.report.tema)
    concept = catalogues.concepts()[getattr(bundle.report, "koncept", "klassisk")]
    document = structure(concept, results.facts)
    return Prepared(bundle, theme, results, document)


def default_outdir(bundle_path: Path) -> Path:
    return PROJECT_DIR / "output" / Path(bundle_path).resolve().name


def output_name(prepared: Prepared, fmt: str) -> str:
    return f"{prepared.bundle.document}.{fmt}"


def build(bundle_path: Path, outdir: Path | None = None, fmt: str = "pdf") -> Path:
    prepared = prepare(bundle_path)
    outdir = Path(outdir) if outdir else default_outdir(bundle_path)
    target = outdir / output_name(prepared, fmt)
    charts = draw_all(list(prepared.results.charts), prepared.theme)
    html, assets = render_html(prepared.document, prepared.bundle.report,
                               prepared.results.facts, prepared.theme, flavour=fmt, charts=charts)
    if fmt == "pdf":
        roots = [prepared.bundle.path, *prepared.theme.folders, TEMPLATES_DIR]
        data = render_pdf(html, base_url=prepared.bundle.path.resolve(), roots=roots,
                          metadata=pdf_metadata(prepared))
        write_atomic(target, data)
    else:
        _copy_assets(assets.files, outdir / "assets")
        write_atomic(target, html)
    return target


def pdf_metadata(prepared: Prepared) -> dict[str, Any]:
    return {}


def _copy_assets(files: dict[str, Path], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in sorted(files.items()):
        tmp = folder / f".{name}.tmp"
        shutil.copyfile(source, tmp)
        tmp.replace(folder / name)

"""`regenerate` and `verify`: a report built again from the bundle embedded in its PDF.

Above the pipeline, not in output/: output/archive.py reads the attachments back and
output/verify.py compares two PDFs, while building again needs `build`, which sits above
output/. The CLI only prints what these return.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from taskforce_report.build import (
    PDF_UA_VARIANT,
    PDF_VARIANT,
    build,
    current_manifest,
    pdf_bytes,
    prepare,
)
from taskforce_report.core.paths import default_output_root
from taskforce_report.output import archive
from taskforce_report.output.verify import compare


def shares_course_data(report: Path, embedded, command: str) -> str | None:
    """Why REPORT cannot be rebuilt from its own bundle alone, or None if it can.

    A document of a course made before its PDF carried the course's files (coursefiles.py)
    shares data (the baseline, the audit log, the recommendations) that stayed in the course's
    folders: it cannot be rebuilt from its own bundle alone."""
    course = embedded.manifest.get("forloeb")
    if not isinstance(course, dict) or archive.carries_course(embedded):
        return None
    folder = f"{course.get('mappe', 'FORLØB')}/{course.get('dokument', 'MAPPE')}"
    hint = (f"taskforce-report verify {report} {folder}" if command == "verify" else
            f"taskforce-report build {folder}")
    return (f"{report}: rapporten er et dokument i forløbet {course.get('mappe', '')} "
            "og deler data med forløbets andre dokumenter (baselinemåling, ledelsestilsyn, "
            f"anbefalinger), som ikke ligger i PDF'en; brug forløbets mappe: {hint}")


@dataclass(frozen=True)
class Regenerated:
    target: Path  # the document written
    bundle: Path | None  # OUTDIR/bundt/, for a lone document
    course: Path | None = None  # OUTDIR/forloeb/<course>/, for a document of a course
    course_folder: str = ""  # the document's subfolder in it


def regenerate(report: Path, embedded, outdir: Path | None) -> Regenerated:
    """Extracts the bundle embedded in REPORT and builds it again into OUTDIR (default
    ./output/<report name>-regenereret/), in the format and PDF variant the manifest names."""
    outdir = outdir or default_output_root() / f"{report.stem}-regenereret"
    pdf_ua = embedded.manifest.get("pdf_variant") == PDF_UA_VARIANT
    fmt = embedded.manifest.get("format", "pdf")  # "notat" for a committee memo
    # extracted into a fresh folder and built from there; only a bundle that builds replaces
    # OUTDIR/bundt/, and it replaces it whole
    with archive.extracted(embedded, outdir) as fresh:
        target = build(fresh, outdir, fmt, pdf_ua=pdf_ua,
                       draft=embedded.manifest.get("udkast") is True)
        course = archive.course_of(embedded.manifest)
        if course is None:
            return Regenerated(target, archive.replace_bundle(fresh, outdir / "bundt"))
        # the whole course, extracted around its document: fresh/../.. holds it
        where = archive.replace_bundle(fresh.parent.parent, outdir / "forloeb")
        return Regenerated(target, None, where / course[0], course[1])


def verify(report: Path, embedded, bundle: Path | None):
    """REPORT compared with a new run of its embedded bundle (or of BUNDLE): the verdict of
    verify.compare."""
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
        return compare(report, rebuilt, embedded, current)

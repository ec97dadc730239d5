"""Building and validating a whole course (`build COURSE`, `validate COURSE`): each document
of the course through the pipeline in the course's order, the failures told and the rest built.

Above the pipeline, not in course.py: course.py reads forloeb.yaml and joins the documents'
data while a bundle loads, so it sits below `build` and must not call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taskforce_report import documents
from taskforce_report.build import build, check_formats, prepare
from taskforce_report.core.errors import InputError
from taskforce_report.documents.formats import FORMATS  # registered by build
from taskforce_report.load.course import Course


@dataclass(frozen=True)
class Built:
    """One document of a course after `build COURSE` or `validate COURSE`."""

    folder: str
    dokument: str
    ok: bool
    message: str  # what was written, or the error in one line
    outputs: tuple[Path, ...] = ()
    prepared: Any = None  # build.Prepared, for validate's trace


def formats_of(prepared) -> list[str]:
    """What `build COURSE` writes of a document: its PDF, and of the formats its type offers
    those rapport.yaml asks for (a status report's committee memo and slides)."""
    offered = documents.document_type(prepared.bundle.document).formats
    return ["pdf"] + [name for name in offered
                      if FORMATS[name].asked is not None and FORMATS[name].asked(prepared)]


def _one_line(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return " / ".join(exc.format_message().splitlines())
    return f"intern fejl: {type(exc).__name__}: {exc}"


def build_all(course: Course, outdir: Path, write: bool = True, progress=None) -> list[Built]:
    """Every document of the course, in the course's order, each into OUTDIR/<subfolder>/; a
    document that fails is told and the others are built all the same. `write` False checks
    only (validate)."""
    done = []
    for member in course.ordered():
        if progress is not None:
            progress(member.folder)
        try:
            prepared = prepare(member.path)
            outputs = []
            if write:
                for fmt in formats_of(prepared):
                    outputs.append(build(member.path, outdir / member.folder, fmt))
            else:  # what build checks of each format before its layout, the deck laid out
                check_formats(prepared, formats_of(prepared))
            message = ", ".join(str(p) for p in outputs) or "gyldigt"
            done.append(Built(member.folder, member.dokument, True, message, tuple(outputs),
                              prepared))
        except Exception as exc:  # noqa: BLE001 - one document must not stop the course
            done.append(Built(member.folder, member.dokument, False, _one_line(exc)))
    return done


def summary(done: list[Built]) -> str:
    rows = [("dokument", "mappe", "resultat")]
    for d in done:
        result = (f"ok ({len(d.outputs)} fil{'er' if len(d.outputs) != 1 else ''})"
                  if d.ok and d.outputs else "ok" if d.ok else f"FEJL: {d.message}")
        rows.append((d.dokument, d.folder, result))
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    return "\n".join(f"{r[0].ljust(widths[0])}  {r[1].ljust(widths[1])}  {r[2]}" for r in rows)


def build_course(root: Path, outdir: Path | None, progress=None) -> tuple[Path, list[Built]]:
    """`build COURSE`: every document, failures told in the summary and not stopping the rest;
    the folder written to (./output/<course>/ unless `outdir` is given) and what was built.
    The course's own errors (forloeb.yaml) raise before anything is written."""
    from taskforce_report.core.paths import default_output_root
    from taskforce_report.load import course

    found = course.read(root)  # the course's own errors: nothing is written
    outdir = outdir or default_output_root() / found.name
    return outdir, build_all(found, outdir, progress=progress)


@dataclass(frozen=True)
class CourseCheck:
    """`validate COURSE`: the course, each document checked, and the trace from recommendation
    to status as a terminal table ("" when there is nothing to trace)."""

    course: Course
    done: list[Built]
    trace: str


def validate_course(root: Path) -> CourseCheck:
    from taskforce_report.analyse import trace
    from taskforce_report.load import course

    found = course.read(root)
    done = build_all(found, Path(), write=False)
    table = trace.terminal_table(found, [d.prepared for d in done if d.ok])
    return CourseCheck(found, done, table)

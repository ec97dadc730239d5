"""The registry of output formats: what `build --format NAME` may name, and for each the file
it writes, the template it starts from, what it checks before any layout and its writer, as
Sphinx registers its builders by name.

The formats are registered by the pipeline (build.py), which holds the writers (they lay out
and write through output/, stages above this one); which document types offer a format is
each type's `DocumentType.formats` (registry.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """What one `build` asks of a format's writer beside the prepared document."""

    fmt: str
    progress: Callable[[str], None]
    pdf_ua: bool = False
    layout: Any = None  # output.pdf.LayoutProcess, started beforehand, or None
    draft: bool = False


@dataclass(frozen=True)
class Format:
    """One output format. `write(prepared, target, outdir, run)` writes it (build.Prepared);
    `check(prepared)` raises the input errors it alone can have; `asked(prepared)` tells
    whether rapport.yaml asks for it (what `build COURSE` makes beside the PDF)."""

    name: str
    write: Callable[[Any, Path, Path, Run], None]
    suffix: str  # the file's: ".pdf"
    own_name: bool = False  # a document beside the report's: <dokument>-<name>.pdf
    top: str = "dokument"  # the top template, templates/<dokument>/<top>.html
    drafts: bool = False  # --udkast makes a draft for factual hearing of it
    check: Callable[[Any], None] | None = None
    asked: Callable[[Any], bool] | None = None
    # its layout raises input errors (a slide that runs over its page): `validate` lays it out
    laid_out: bool = False

    def file_name(self, stem: str, draft: bool = False) -> str:
        """`analyserapport.pdf`, `statusrapport-notat-udkast.pdf`: a draft is named as one, so
        it is never taken for the final report."""
        mark = "-udkast" if draft else ""
        if self.own_name:
            return f"{stem}-{self.name}{mark}{self.suffix}"
        return f"{stem}{mark}{self.suffix}"


# The formats by name, in the order registered (the order `build --format` lists them).
FORMATS: dict[str, Format] = {}


def register_format(form: Format) -> Format:
    """Adds a format; a second one under the same name is a programming error."""
    if form.name in FORMATS:
        raise ValueError(f"format {form.name!r} registered twice")
    FORMATS[form.name] = form
    return form


def format_named(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(FORMATS)}") from None

"""The manifest: what a PDF was made from, embedded in it beside the bundle's files.

Every PDF carries its bundle's input files and a `manifest.json` as PDF/A-3 attachments: the
files the tool reads, as the personal-data guard has passed them (privacy.published_files),
and nothing else in the folder. The manifest records everything that shapes the bytes: the
SHA-256 of each input file, the tool's version and a hash of its code (`kode`), the exact
version of every package the tool ran on (`pakker`: the runtime part of the lock, as
installed; WeasyPrint, Matplotlib and fontTools among them), a hash of the catalogues
(`kataloger`), of the report's concept (`koncept`, a bundle's own included), of the templates
and of the theme, the font files the charts are measured with and the font files the PDF
embeds (`skrifter`), and the versions of Pango and HarfBuzz (`biblioteker`). The last two are
known only once the pages are laid out: the layout completes the manifest (`complete`) just
before it is written into the PDF. Reading it back is archive.py's; comparing, verify.py's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from taskforce_report import __version__
from taskforce_report.core.paths import PACKAGE_DIR, TEMPLATES_DIR


@dataclass(frozen=True)
class Attachment:
    """A file the PDF carries, as plain data (it may cross to the layout process)."""

    name: str
    data: bytes
    description: str
    relationship: str  # PDF/A-3's AFRelationship: "Source", "Data"
    date: dt.datetime  # created and modified
    # the manifest: completed by the layout with the fonts it embeds (complete)
    complete: bool = False


MANIFEST = "manifest.json"


def tree_digest(folder: Path, pattern: str = "*") -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode())
        sha.update(b"\0")
        sha.update(path.read_bytes())
    return sha.hexdigest()


@cache
def code_digest() -> str:
    """The package's own Python code: a changed line shows even where the version did not."""
    return tree_digest(PACKAGE_DIR, "*.py")


@cache
def catalogues_digest() -> str:
    """The catalogues: criteria, themes, indicators, questions, concepts."""
    return tree_digest(PACKAGE_DIR / "catalogues", "*.yaml")


def concept_digest(concept: Any) -> str:
    """The report's concept as used, a bundle's own changes included (its dataclass's repr is
    its every field, in order)."""
    return hashlib.sha256(repr(concept).encode("utf-8")).hexdigest()


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def chart_fonts(theme: Any) -> dict[str, str]:
    """The font files the charts are set and measured in: the theme's files of its body text
    family (charts.style.register_fonts); Matplotlib's own DejaVu Sans, the fallback, goes with
    Matplotlib's version."""
    family = theme.fonts.get("broedtekst", "")
    return {path.name: _sha(path) for face, path in theme.font_faces()
            if face.get("familie") == family}


def causes(concept: Any, theme: Any) -> dict[str, Any]:
    """What shapes the bytes besides the inputs, the packages and the templates."""
    return {
        "kode": {"sha256": code_digest()},
        "kataloger": {"sha256": catalogues_digest()},
        "koncept": {"id": getattr(concept, "id", ""), "sha256": concept_digest(concept)},
        "skrifter": {"diagrammer": chart_fonts(theme)},
    }


def _library_version(names: tuple[str, ...], function: str) -> str:
    """A C library's own version string, from the first of `names` that loads (the one
    WeasyPrint loaded: the process has it already)."""
    import ctypes
    import ctypes.util

    for name in names:
        try:
            library = ctypes.CDLL(ctypes.util.find_library(name) or name)
        except OSError:
            continue
        version = getattr(library, function)
        version.restype = ctypes.c_char_p
        return version().decode()
    return ""


def libraries() -> dict[str, Any]:
    """Pango and HarfBuzz as WeasyPrint loaded them (they set every line), and whether
    HarfBuzz's subsetter is there (without it fontTools subsets, with other bytes)."""
    from weasyprint.text import ffi as loaded

    return {
        "pango": _library_version(("pango-1.0", "libpango-1.0.so.0", "libpango-1.0-0",
                                   "libpango-1.0.dylib"), "pango_version_string"),
        "harfbuzz": _library_version(("harfbuzz", "libharfbuzz.so.0", "libharfbuzz-0",
                                      "libharfbuzz.0.dylib"), "hb_version_string"),
        "harfbuzz_subset": loaded.harfbuzz_subset is not None,
    }


def embedded_fonts(document: Any) -> dict[str, str]:
    """The font files WeasyPrint embeds, by the name the PDF gives them (without the subset
    prefix), each the SHA-256 of the whole file it was cut from. `document.fonts` is filled
    while the pages are drawn, before the attachments are written (and before subsetting)."""
    found = {}
    for font in document.fonts.values():
        name = font.name.decode("latin-1").lstrip("/").split("+", 1)[-1]
        found[name] = hashlib.sha256(bytes(font.file_content)).hexdigest()
    return dict(sorted(found.items()))


def complete(manifest_json: bytes, document: Any) -> bytes:
    """The manifest with what only the layout knows: the embedded fonts and the libraries."""
    data = json.loads(manifest_json.decode("utf-8"))
    data.setdefault("skrifter", {})["pdf"] = embedded_fonts(document)
    data["biblioteker"] = libraries()
    return manifest_bytes(data)


@cache
def runtime_packages() -> dict[str, str]:
    """Name → installed version of every package taskforce-report needs at run time, direct and
    transitive (its requirements without extras, followed through the installed metadata):
    the environment a PDF was made in, to recreate it from `taskforce-report lock`."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, str] = {}
    todo = ["taskforce-report"]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        found[name] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    found.pop("taskforce-report", None)
    return dict(sorted(found.items()))


def manifest(files: dict[str, bytes], document: str, theme_name: str, theme_digest: str,
             variant: str) -> dict[str, Any]:
    """`files`: the published input files, by their path in the bundle."""
    from importlib.metadata import version  # not `import weasyprint`: that may run elsewhere

    return {
        "tool": "taskforce-report",
        "version": __version__,
        "weasyprint": version("weasyprint"),
        "pakker": runtime_packages(),
        "document": document,
        "pdf_variant": variant,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
        "theme": {"name": theme_name, "sha256": theme_digest},
        "templates": {"sha256": tree_digest(TEMPLATES_DIR)},
    }


def manifest_bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def attachments(files: dict[str, bytes], manifest_data: dict[str, Any],
                when: dt.date) -> list[Attachment]:
    """The published input files and the manifest as attachments, dated by the report's date so
    the bytes do not depend on the clock or on the files' mtimes."""
    stamp = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
    items = [Attachment(name, data, "Inddata", "Source", stamp)
             for name, data in sorted(files.items())]
    items.append(Attachment(MANIFEST, manifest_bytes(manifest_data),
                            "Manifest: hvad rapporten er lavet af", "Data", stamp,
                            complete=True))
    return items

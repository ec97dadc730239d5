"""Archive: what a PDF was made from, embedded in it, and the means to make it again.

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
before it is written into the PDF.
`regenerate` extracts the bundle and builds it again; `verify` rebuilds and compares, byte for
byte and then page by page. A document of a course also carries the course's files, under
`forloeb/` (coursefiles.py), and is extracted into its course laid out again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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
    # the manifest: completed by the layout with the fonts it embeds (archive.complete)
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


def lock_text(manifest_data: dict[str, Any]) -> str:
    """The packages a report was made with, as a pip requirements lock."""
    packages = manifest_data.get("pakker")
    if not isinstance(packages, dict) or not packages:
        return ""
    lines = [f"# the packages {manifest_data.get('tool')} {manifest_data.get('version')} ran on "
             "when it made the report"]
    lines += [f"{name}=={version}" for name, version in sorted(packages.items())]
    return "\n".join(lines) + "\n"


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


# --- reading a report back: nothing in it is trusted ----------------------------------------

# Bounds on what a PDF may carry back: a real bundle is a few megabytes.
# a document of a course carries the course's documents too (coursefiles.py)
MAX_ATTACHMENTS = 256
MAX_ATTACHMENT_BYTES = 60_000_000
MAX_NAME = 200
MAX_REPORT_BYTES = 500_000_000  # a report with its bundle is a few megabytes


def _known_names() -> frozenset[str]:
    from taskforce_report.load.bundle import known_files

    return frozenset(known_files())


_PLAIN_PART = re.compile(r"^[A-Za-z0-9ÆØÅæøå_][A-Za-z0-9ÆØÅæøå_ .-]*$")


# A course's folder or one of its documents' subfolders, as a PDF names it (the manifest's
# `forloeb`, the attachments under `forloeb/`): one plain name, no dot or _ first (course.read
# skips those), never `.` or `..`.
_FOLDER = re.compile(r"^[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå_ .-]{0,99}$")


def plain_folder(name: Any) -> bool:
    return isinstance(name, str) and bool(_FOLDER.match(name)) and not name.endswith(".")


def plain_name(name: str) -> bool:
    """Whether `name` may be written into the extracted bundle: a bundle's own file
    (`bundle_name`), or a file of its course (`course_name`)."""
    return bundle_name(name) or course_name(name)


def course_name(name: str) -> bool:
    """A file of the course a document reads, under `forloeb/` (coursefiles.py): the course
    root's forloeb.yaml, ledelsestilsyn.csv or data.xlsx, or `forloeb/<subfolder>/<a bundle's
    own file>` with a plain subfolder name."""
    from taskforce_report.output.coursefiles import COURSE_DIR

    if not isinstance(name, str) or len(name) > MAX_NAME:
        return False
    prefix, _, rest = name.partition("/")
    if prefix != COURSE_DIR or not rest:
        return False
    if rest in _course_root_names():
        return True
    folder, _, inner = rest.partition("/")
    return plain_folder(folder) and bool(inner) and bundle_name(inner)


def _course_root_names() -> frozenset[str]:
    from taskforce_report.load.course import AUDIT_FILE, COURSE_FILE
    from taskforce_report.load.workbook import WORKBOOK

    return frozenset({COURSE_FILE, AUDIT_FILE, WORKBOOK})


def bundle_name(name: str) -> bool:
    """Whether `name` may be written into the extracted bundle: one of the files the tool
    reads, a text file of tekster/ (a theme's id), or a logo (rapport.yaml's
    `udseende.logo`): a relative path of plain names ending in
    .svg, .png or .jpg. Never empty, `.`, `..`, absolute, with NUL or a control character, nor
    longer than MAX_NAME."""
    from taskforce_report.models import LOGO_SUFFIXES

    if name in _known_names():
        return True
    from taskforce_report.load.textfiles import TEXTS_DIR

    folder, _, file = name.partition("/")
    if folder == TEXTS_DIR and file.endswith(".md") and len(name) <= MAX_NAME:
        return bool(_PLAIN_PART.match(file)) and "/" not in file  # tekster/<id>.md
    if re.fullmatch(r"tekster/[a-z0-9_]{1,100}\.md", name):  # textfiles.TEXTS_DIR
        return True
    if not name or len(name) > MAX_NAME or not name.lower().endswith(LOGO_SUFFIXES):
        return False
    parts = name.split("/")
    return len(parts) <= 4 and all(
        part not in ("", ".", "..") and _PLAIN_PART.match(part) and not part.endswith(".")
        for part in parts)


def _variants() -> tuple[str, ...]:
    from weasyprint.pdf import VARIANTS

    return tuple(VARIANTS)


class CourseRecord(BaseModel):
    """The manifest's `forloeb`: the course's folder and the document's subfolder in it."""

    model_config = ConfigDict(extra="allow")

    mappe: str
    dokument: str

    @field_validator("mappe", "dokument")
    @classmethod
    def _folder(cls, value: str, info) -> str:
        # the course's own folder may begin with _ (course.read skips only such subfolders)
        plain = value.removeprefix("_") if info.field_name == "mappe" else value
        if not plain_folder(plain):
            raise ValueError(f"ugyldigt mappenavn {_shown(value)}")
        return value


class Manifest(BaseModel):
    """manifest.json as `regenerate` and `verify` use it: what decides a path or an option is
    checked before it is used. Keys this version does not know are kept (a newer tool may add
    some)."""

    model_config = ConfigDict(extra="allow")

    tool: Literal["taskforce-report"]
    version: str = Field(default="", max_length=100)
    document: str = Field(default="", max_length=100)
    pdf_variant: str = "pdf/a-3a"
    format: Literal["pdf", "notat", "slides"] = "pdf"
    files: dict[str, str] = Field(default_factory=dict)
    forloeb: CourseRecord | None = None

    @field_validator("pdf_variant")
    @classmethod
    def _variant(cls, value: str) -> str:
        if value not in _variants():
            raise ValueError(f"'{value}' er ikke en af WeasyPrints PDF-varianter")
        return value

    @field_validator("files")
    @classmethod
    def _files(cls, value: dict[str, str]) -> dict[str, str]:
        bad = next((name for name in value if not plain_name(name)), None)
        if bad is not None:
            raise ValueError(f"ugyldigt filnavn {_shown(bad)}")
        return value


def _shown(name: str) -> str:
    """A name from a PDF, fit for a one-line message."""
    from taskforce_report.core.errors import one_line

    return f"'{one_line(name, 80)}'"


def check_manifest(data: Any, pdf: Path) -> dict[str, Any]:
    """The manifest's data, checked by Manifest; NotOurReport (exit 2) names the first thing
    wrong."""
    if not isinstance(data, dict):
        raise NotOurReport(f"{pdf}: {MANIFEST} er ikke et JSON-objekt")
    if data.get("tool") != "taskforce-report":
        raise NotOurReport(f"{pdf}: ikke en rapport fra taskforce-report")
    try:
        Manifest.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or MANIFEST
        if error["type"] == "literal_error":
            expected = error["ctx"]["expected"].replace(" or ", " eller ")
            message = f"forventede {expected}; fandt {_shown(str(error['input']))}"
        elif error["type"] == "value_error":
            message = error["msg"].removeprefix("Value error, ")
        else:
            message = f"ugyldig værdi {_shown(str(error['input']))} ({error['type']})"
        raise NotOurReport(f"{pdf}: {MANIFEST}: {where}: {message}") from None
    return data


@dataclass(frozen=True)
class Embedded:
    manifest: dict[str, Any]
    files: dict[str, bytes]  # bundle path → bytes


class NotOurReport(Exception):
    """The PDF has no manifest of this tool."""


def read_embedded(pdf: Path) -> Embedded:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    from taskforce_report.core.errors import InputError
    from taskforce_report.core.safeio import read_input

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # our own message says it
    try:  # a file named on the command line: a link is followed, a FIFO or a device refused
        raw = read_input(Path(pdf), str(pdf), limit=MAX_REPORT_BYTES, follow=True)
    except InputError as exc:
        raise NotOurReport(str(exc)) from None
    try:
        reader = PdfReader(io.BytesIO(raw))
        found = _attachments(reader, pdf)
    except NotOurReport:
        raise
    except LimitReachedError:
        raise NotOurReport(f"{pdf}: en vedhæftet fil fylder for meget udpakket; ikke en "
                           "rapport fra taskforce-report") from None
    except (PdfReadError, OSError, ValueError) as exc:
        raise NotOurReport(f"{pdf}: kan ikke læses som PDF ({_shown(str(exc))})") from None
    except Exception as exc:  # noqa: BLE001 (a crafted PDF reaches any corner of pypdf)
        raise NotOurReport(f"{pdf}: kan ikke læses som PDF ({type(exc).__name__})") from None
    if MANIFEST not in found:
        raise NotOurReport(f"{pdf}: har intet {MANIFEST}; ikke en rapport fra taskforce-report")
    try:
        data = json.loads(found.pop(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise NotOurReport(f"{pdf}: {MANIFEST} kan ikke læses") from None
    data = check_manifest(data, pdf)
    bad = next((name for name in found if not plain_name(name)), None)
    if bad is not None:
        raise NotOurReport(f"{pdf}: vedhæftet fil med ugyldigt navn {_shown(bad)}; forventede "
                           "et af bundtets filnavne")
    course = course_of(data)
    own = f"{COURSE_PREFIX}{course[1]}/" if course else None
    for name in found:
        # a course's file in a report of no course, or in the document's own subfolder (its
        # own files travel by their plain names)
        if (course is None and not bundle_name(name)) or (
                course is not None and course_name(name) and name.startswith(own)):
            raise NotOurReport(f"{pdf}: vedhæftet fil med ugyldigt navn {_shown(name)}; "
                               + ("rapporten er ikke et dokument i et forløb" if course is None
                                  else "dokumentets egne filer ligger ikke under forloeb/"))
    return Embedded(manifest=data, files=found)


COURSE_PREFIX = "forloeb/"


def course_of(manifest_data: dict[str, Any]) -> tuple[str, str] | None:
    """The course's folder and the document's subfolder the manifest records, or None."""
    record = manifest_data.get("forloeb")
    if not isinstance(record, dict):
        return None
    return str(record.get("mappe")), str(record.get("dokument"))


def carries_course(embedded: Embedded) -> bool:
    """Whether the report carries its course's files (made since reports of a course do)."""
    return any(name.startswith(COURSE_PREFIX) for name in embedded.files)


def _attachments(reader, pdf: Path) -> dict[str, bytes]:
    """The embedded files, by name, at most MAX_ATTACHMENT_BYTES each (pypdf's own bound on
    a decompressed stream, 75 MB, stops a bomb before memory does: LimitReachedError)."""
    names = list(reader.attachment_list) if hasattr(reader, "attachment_list") else None
    if names is not None and len(names) > MAX_ATTACHMENTS:
        raise NotOurReport(f"{pdf}: har {len(names)} vedhæftede filer; en rapport har højst "
                           f"{MAX_ATTACHMENTS}")
    found: dict[str, bytes] = {}
    for name, contents in reader.attachments.items():
        if not contents:
            continue
        if len(found) >= MAX_ATTACHMENTS:
            raise NotOurReport(f"{pdf}: har mere end {MAX_ATTACHMENTS} vedhæftede filer")
        data = contents[0]
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise NotOurReport(f"{pdf}: den vedhæftede fil {_shown(name)} er for stor")
        found[name] = data
    return found


def extract_bundle(embedded: Embedded, target: Path) -> Path:
    """Writes the embedded files into the folder `target` (the names were checked by
    read_embedded; safeio refuses any path that would still leave the folder) and returns the
    folder of the bundle to build: `target` itself, or for a document of a course the course
    laid out again, `target/<course>/<subfolder>/` beside `target/<course>/forloeb.yaml` and
    the other documents' subfolders."""
    from taskforce_report.core.safeio import write_output

    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    course = course_of(embedded.manifest) if carries_course(embedded) else None
    if course is not None and not (plain_folder(course[0].removeprefix("_"))
                                   and plain_folder(course[1])):
        raise NotOurReport(f"ugyldigt forløb i {MANIFEST}")
    root = target / course[0] if course else target
    bundle = root / course[1] if course else target
    for name, data in sorted(embedded.files.items()):
        if course is not None and course_name(name):
            write_output(root / name.removeprefix(COURSE_PREFIX), data, target)
        elif bundle_name(name):
            write_output(bundle / name, data, target)
        else:
            raise NotOurReport(f"vedhæftet fil med ugyldigt navn {_shown(name)}")
    bundle.mkdir(parents=True, exist_ok=True)
    return bundle


@contextmanager
def extracted(embedded: Embedded, outdir: Path) -> Iterator[Path]:
    """The embedded bundle extracted into a fresh folder inside `outdir`, to validate and
    build from; removed again on every way out. `replace_bundle` then moves it into place."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".bundt.", suffix=".tmp", dir=outdir))
    try:
        yield extract_bundle(embedded, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def replace_bundle(fresh: Path, target: Path) -> Path:
    """Puts the folder `fresh` in place of `target` whole: the files of an earlier bundle
    there never stay beside the new one's."""
    target = Path(target)
    old = None
    if os.path.lexists(target):
        old = Path(tempfile.mkdtemp(prefix=".bundt.gammel.", suffix=".tmp", dir=target.parent))
        os.replace(target, old / "bundt")
    os.replace(fresh, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def page_texts(pdf: Path | bytes) -> list[str]:
    from pypdf import PdfReader

    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return [(page.extract_text() or "") for page in PdfReader(source).pages]


@dataclass(frozen=True)
class Verdict:
    identical: bool
    pages_differing: list[int]  # 1-based, in the given report
    page_counts: tuple[int, int]
    version_note: list[str]


def package_differences(was: Any, now: Any) -> list[str]:
    """One line per package whose version differs between the report's manifest and now."""
    if not isinstance(was, dict) or not isinstance(now, dict):
        return [] if was == now else ["rapportens manifest nævner ikke pakkernes versioner"]
    changed = []
    for name in sorted(set(was) | set(now)):
        old, new = was.get(name), now.get(name)
        if old != new:
            changed.append(f"{name} {new or 'mangler'} (rapporten: {old or 'fandtes ikke'})")
    if not changed:
        return []
    return [f"pakker med en anden version end da rapporten blev lavet: {', '.join(changed)}"]


def compare(original: Path, rebuilt: bytes, embedded: Embedded, current: dict[str, Any]) -> Verdict:
    if original.read_bytes() == rebuilt:
        return Verdict(True, [], (0, 0), [])
    old, new = page_texts(original), page_texts(rebuilt)
    differing = [i + 1 for i in range(max(len(old), len(new)))
                 if (old[i] if i < len(old) else None) != (new[i] if i < len(new) else None)]
    notes = []
    was = embedded.manifest
    if was.get("version") != current.get("version"):
        notes.append(f"værktøjets version er {current.get('version')}, rapporten blev lavet med "
                     f"{was.get('version')}")
    if was.get("weasyprint") != current.get("weasyprint") and "pakker" not in was:
        notes.append(f"WeasyPrint er {current.get('weasyprint')}, rapporten blev lavet med "
                     f"{was.get('weasyprint')}")
    notes += package_differences(was.get("pakker"), current.get("pakker"))
    notes += cause_differences(was, current)
    if was.get("theme") != current.get("theme"):
        notes.append(f"temaet '{current['theme']['name']}' er ændret siden rapporten blev lavet")
    if was.get("templates") != current.get("templates"):
        notes.append("skabelonerne er ændret siden rapporten blev lavet")
    if was.get("files") != current.get("files"):
        changed = sorted(set(was.get("files", {}).items()) ^ set(current.get("files", {}).items()))
        names = sorted({name for name, _ in changed})
        notes.append(f"inddata afviger fra de indlejrede: {', '.join(names)}")
    if (not differing and len(old) == len(new) and _same_making(was, current)
            and _files_as_recorded(embedded)):
        notes.append("PDF'en er gemt igen af et andet program, efter at taskforce-report lavede "
                     "den: de indlejrede inddata, manifestet og teksten på alle sider er "
                     "uændrede, kun filens bytes er andre")
    return Verdict(False, differing, (len(old), len(new)), notes)


# Keys of the manifest that name a cause; anything else in it (such as `format`) is an option.
_CAUSES = ("version", "weasyprint", "pakker", "kode", "kataloger", "koncept", "templates",
           "theme", "skrifter", "biblioteker", "files", "pdf_variant", "document")


def _files_as_recorded(embedded: Embedded) -> bool:
    """Whether the files the PDF carries are those its manifest records."""
    recorded = embedded.manifest.get("files") or {}
    return ({name: hashlib.sha256(data).hexdigest() for name, data in embedded.files.items()}
            == recorded)


def _same_making(was: dict[str, Any], now: dict[str, Any]) -> bool:
    """Whether the report and the new run were made of exactly the same things."""
    return all(was.get(key) == now.get(key) for key in _CAUSES)


def _font_changes(was: Any, now: Any) -> list[str]:
    was, now = (value if isinstance(value, dict) else {} for value in (was, now))
    changed = []
    for name in sorted(set(was) | set(now)):
        if name not in now:
            changed.append(f"{name} (bruges ikke længere)")
        elif name not in was:
            changed.append(f"{name} (ny)")
        elif was[name] != now[name]:
            changed.append(f"{name} (en anden fil)")
    return changed


def cause_differences(was: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """One line per cause beyond versions, theme, templates and inputs that differs: the
    package's code, the catalogues, the concept, the fonts, Pango and HarfBuzz. A manifest
    from before a key was recorded says nothing about it."""
    notes = []
    if "kode" in was and was.get("kode") != now.get("kode"):
        notes.append("programkoden (taskforce_report) er ændret siden rapporten blev lavet")
    if "kataloger" in was and was.get("kataloger") != now.get("kataloger"):
        notes.append("katalogerne (kriterier, temaer, indikatorer, spørgsmål, koncepter) er "
                     "ændret siden rapporten blev lavet")
    if "koncept" in was and was.get("koncept") != now.get("koncept"):
        name = (now.get("koncept") or {}).get("id", "")
        notes.append(f"konceptet '{name}' (kapitler, afsnit og overskrifter) er ændret siden "
                     "rapporten blev lavet")
    fonts_was, fonts_now = was.get("skrifter") or {}, now.get("skrifter") or {}
    for key, what in (("pdf", "skrifterne i PDF'en"), ("diagrammer", "diagrammernes skrifter")):
        if key in fonts_was:
            changed = _font_changes(fonts_was.get(key), fonts_now.get(key))
            if changed:
                notes.append(f"{what} afviger: {', '.join(changed)}")
    libs_was, libs_now = was.get("biblioteker") or {}, now.get("biblioteker") or {}
    for key, name in (("pango", "Pango"), ("harfbuzz", "HarfBuzz")):
        if key in libs_was and libs_was.get(key) != libs_now.get(key):
            notes.append(f"{name} er {libs_now.get(key) or 'ukendt'}, rapporten blev lavet med "
                         f"{libs_was.get(key)}")
    if "harfbuzz_subset" in libs_was and (libs_was.get("harfbuzz_subset")
                                          != libs_now.get("harfbuzz_subset")):
        there = "findes" if libs_now.get("harfbuzz_subset") else "mangler"
        notes.append(f"HarfBuzz' subsetter (libharfbuzz-subset0) {there} nu, men ikke da "
                     "rapporten blev lavet" if there == "findes" else
                     "HarfBuzz' subsetter (libharfbuzz-subset0) mangler nu; rapporten blev "
                     "lavet med den")
    return notes

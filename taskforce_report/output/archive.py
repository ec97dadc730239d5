"""Archive: a report read back, to make it again. Nothing in the PDF is trusted.

`read_embedded` takes a PDF's attachments and its `manifest.json` (manifest.py: what the PDF
was made from), each name and the manifest checked before use; `extract_bundle` writes the
bundle out for `regenerate` and `verify` (verify.py compares the rebuilt PDF), `lock_text` the
packages it was made with. A document of a course also carries the course's files, under
`forloeb/` (coursefiles.py), and is extracted into its course laid out again.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from taskforce_report.output.manifest import MANIFEST

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



def lock_text(manifest_data: dict[str, Any]) -> str:
    """The packages a report was made with, as a pip requirements lock."""
    packages = manifest_data.get("pakker")
    if not isinstance(packages, dict) or not packages:
        return ""
    lines = [f"# the packages {manifest_data.get('tool')} {manifest_data.get('version')} ran on "
             "when it made the report"]
    lines += [f"{name}=={version}" for name, version in sorted(packages.items())]
    return "\n".join(lines) + "\n"

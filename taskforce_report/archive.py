"""Archive: what a PDF was made from, embedded in it, and the means to make it again.

Every PDF carries its bundle's input files and a `manifest.json` as PDF/A-3 attachments: the
files the tool reads, as the personal-data guard has passed them (privacy.published_files),
and nothing else in the folder. The manifest records the SHA-256 of each input file, the
tool's version, the exact version of every package the tool ran on (`pakker`: the runtime
part of the lock, as installed), the theme's name and a hash of its files, and a hash of the
templates.
`regenerate` extracts the bundle and builds it again; `verify` rebuilds and compares, byte for
byte and then page by page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from taskforce_report import __version__
from taskforce_report.paths import TEMPLATES_DIR
from taskforce_report.pdf import Attachment

MANIFEST = "manifest.json"


def tree_digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode())
        sha.update(b"\0")
        sha.update(path.read_bytes())
    return sha.hexdigest()


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
                            "Manifest: hvad rapporten er lavet af", "Data", stamp))
    return items


@dataclass(frozen=True)
class Embedded:
    manifest: dict[str, Any]
    files: dict[str, bytes]  # bundle path → bytes


class NotOurReport(Exception):
    """The PDF has no manifest of this tool."""


def read_embedded(pdf: Path) -> Embedded:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # our own message says it
    try:
        reader = PdfReader(pdf)
        found = {name: contents[0] for name, contents in reader.attachments.items() if contents}
    except (PdfReadError, OSError, ValueError) as exc:
        raise NotOurReport(f"{pdf}: kan ikke læses som PDF ({exc})") from None
    if MANIFEST not in found:
        raise NotOurReport(f"{pdf}: har intet {MANIFEST}; ikke en rapport fra taskforce-report")
    try:
        data = json.loads(found.pop(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NotOurReport(f"{pdf}: {MANIFEST} kan ikke læses") from None
    if data.get("tool") != "taskforce-report":
        raise NotOurReport(f"{pdf}: ikke en rapport fra taskforce-report")
    return Embedded(manifest=data, files=found)


def extract_bundle(embedded: Embedded, target: Path) -> Path:
    """Writes the embedded files to `target` (refusing paths that would leave it)."""
    from taskforce_report.pdf import write_atomic

    target = Path(target)
    for name, data in sorted(embedded.files.items()):
        path = (target / name).resolve()
        if not path.is_relative_to(target.resolve()):
            raise NotOurReport(f"vedhæftet fil med ugyldigt navn: {name}")
        write_atomic(path, data)
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
    if was.get("theme") != current.get("theme"):
        notes.append(f"temaet '{current['theme']['name']}' er ændret siden rapporten blev lavet")
    if was.get("templates") != current.get("templates"):
        notes.append("skabelonerne er ændret siden rapporten blev lavet")
    if was.get("files") != current.get("files"):
        changed = sorted(set(was.get("files", {}).items()) ^ set(current.get("files", {}).items()))
        names = sorted({name for name, _ in changed})
        notes.append(f"inddata afviger fra de indlejrede: {', '.join(names)}")
    return Verdict(False, differing, (len(old), len(new)), notes)

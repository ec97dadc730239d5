"""Verify: a rebuilt PDF compared with the report it was rebuilt from, byte for byte and then
page by page, and each difference in what the two were made from (their manifests) told."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taskforce_report.output.archive import Embedded


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

"""Theme lookup: a theme is a folder under `themes/` with a `theme.yaml`; `extends:` names its
parent. Child values win key by key; templates and stylesheets are searched child first.

Modelled on MkDocs' theme: one small YAML file of defaults, a search path for templates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from taskforce_report.core.errors import input_error
from taskforce_report.core.paths import THEMES_DIR


@dataclass(frozen=True)
class Theme:
    name: str
    folders: tuple[Path, ...]  # the theme first, then its parents
    settings: dict[str, Any]
    logo_file: Path | None = None  # a logo from the bundle (with_overrides), before the theme's

    @property
    def colours(self) -> dict[str, str]:
        return dict(self.settings.get("farver", {}))

    @property
    def fonts(self) -> dict[str, str]:
        return dict(self.settings.get("skrifter", {}))

    @property
    def publisher(self) -> str:
        return str(self.settings.get("udgiver", ""))

    def template_dirs(self) -> list[Path]:
        return [f / "templates" for f in self.folders if (f / "templates").is_dir()]

    def stylesheets(self) -> list[Path]:
        """Parents' stylesheets first, so the child's rules come later and win."""
        sheets = []
        for folder in reversed(self.folders):
            own = _read_settings(folder)
            sheets += [folder / name for name in own.get("css", [])]
        return sheets

    def find(self, name: str) -> Path | None:
        """A theme file (logo, font), looked up child first."""
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        return None

    def font_faces(self) -> list[tuple[dict[str, Any], Path]]:
        """The font files of `skrifter.filer` that exist, each with its declaration, so the CSS
        and the charts set and measure text in the same files."""
        faces = []
        for face in self.settings.get("skrifter", {}).get("filer", []):
            path = self.find(face["fil"])
            if path is not None:
                faces.append((face, path))
        return faces

    @property
    def logo(self) -> Path | None:
        if self.logo_file is not None:
            return self.logo_file
        logo = self.settings.get("logo")
        return self.find(logo) if logo else None

    def digest(self) -> str:
        """SHA-256 over every file of the theme and its parents, for the manifest and caches."""
        sha = hashlib.sha256()
        for folder in self.folders:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                sha.update(str(path.relative_to(folder.parent)).encode())
                sha.update(path.read_bytes())
        return sha.hexdigest()


def _read_settings(folder: Path) -> dict[str, Any]:
    with (folder / "theme.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _merge(parent: dict, child: dict) -> dict:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_theme(name: str, source: str = "rapport.yaml", search: Path = THEMES_DIR) -> Theme:
    folders: list[Path] = []
    chain: list[dict] = []
    current: str | None = name
    while current:
        folder = search / current
        if not (folder / "theme.yaml").is_file():
            known = sorted(p.name for p in search.iterdir() if (p / "theme.yaml").is_file())
            raise input_error(source, "tema",
                              f"ukendt tema '{current}'; kendte temaer: {', '.join(known)}")
        if folder in folders:
            raise input_error(source, "tema", f"temaet '{current}' arver fra sig selv")
        folders.append(folder)
        settings = _read_settings(folder)
        chain.append(settings)
        current = settings.get("extends")
    settings: dict[str, Any] = {}
    for own in reversed(chain):
        settings = _merge(settings, {k: v for k, v in own.items() if k != "css"})
    return Theme(name=name, folders=tuple(folders), settings=settings)


# The settings a bundle may set for a theme that takes the municipality's own look.
BUNDLE_KEYS = ("udgiver", "forfatter", "logo_alt", "farver", "logo")


def with_overrides(theme: Theme, overrides: dict[str, Any], bundle: Path,
                   source: str = "rapport.yaml") -> Theme:
    """The theme with a bundle's own values on top (the status report's `udseende:` and
    `kommune`), for a theme whose theme.yaml says `bundtets_udseende: true` (themes/kommune):
    the publisher's name, colours the theme already has, and a logo that is a file inside the
    bundle. Another theme keeps its own look; asking it for colours or a logo is an error."""
    if not theme.settings.get("bundtets_udseende"):
        asked = [key for key in ("farver", "logo") if overrides.get(key)]
        if asked:
            raise input_error(source, f"udseende.{asked[0]}",
                              f"temaet '{theme.name}' tager ikke kommunens eget udseende; "
                              "brug tema: kommune")
        return theme
    known = list(theme.colours)
    for name in overrides.get("farver", {}):
        if name not in known:
            from taskforce_report.core.errors import suggest

            raise input_error(source, f"udseende.farver.{name}",
                              f"ukendt farve{suggest(name, known)}; temaets farver: "
                              f"{', '.join(known)}")
    logo_file = theme.logo_file
    if overrides.get("logo"):
        from taskforce_report.core.safeio import present, read_input

        name = overrides["logo"].replace("\\", "/")
        logo_file = Path(bundle) / name
        if not present(logo_file):
            raise input_error(source, "udseende.logo",
                              f"filen '{overrides['logo']}' findes ikke i bundtet")
        check_logo(read_input(logo_file, name, root=bundle, limit=MAX_LOGO_BYTES), name)
    own = {key: value for key, value in overrides.items() if key in BUNDLE_KEYS and key != "logo"}
    return Theme(name=theme.name, folders=theme.folders, settings=_merge(theme.settings, own),
                 logo_file=logo_file)


MAX_LOGO_BYTES = 5_000_000


def check_logo(raw: bytes, name: str, noun: str = "logo") -> None:
    """The logo is what its name says and refers to nothing: checked by `validate` as by
    `build`, before any layout. An SVG is well-formed XML with no DOCTYPE (so no entities, no
    XXE) and no reference but to itself (`href="#…"`, `url(#…)`); a PNG or JPEG starts as one.
    `noun` names the file in messages: "logo", or "billede" for an image of the text."""
    lower = name.lower()
    if not raw.strip():
        raise input_error(name, "", f"{noun}et er en tom fil")
    if lower.endswith(".png"):
        if not raw.startswith(b"\x89PNG\r\n\x1a\n"):
            raise input_error(name, "", "er ikke en PNG-fil (den begynder ikke som en)")
        return
    if lower.endswith((".jpg", ".jpeg")):
        if not raw.startswith(b"\xff\xd8\xff"):
            raise input_error(name, "", "er ikke en JPEG-fil (den begynder ikke som en)")
        return
    _check_svg(raw, name, noun)


def _check_svg(raw: bytes, name: str, noun: str = "logo") -> None:
    import re
    import xml.etree.ElementTree as ET

    from taskforce_report.core.svgtext import svg_root

    if re.search(rb"<!\s*(?:DOCTYPE|ENTITY)", raw.replace(b"\x00", b""), re.IGNORECASE):
        raise input_error(name, "", f"SVG-filen har en DOCTYPE eller ENTITY; et {noun} må ikke "
                          "hente eller definere noget udefra: fjern den")
    try:
        root = svg_root(raw)
    except (ET.ParseError, ValueError, LookupError):
        raise input_error(name, "", "er ikke en gyldig SVG-fil (ikke velformet XML)") from None
    if root.tag.rsplit("}", 1)[-1] != "svg":
        raise input_error(name, "", "er ikke en SVG-fil (rodelementet er ikke <svg>)")
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        texts = list(element.attrib.items())
        if tag == "style" and element.text:
            texts.append(("style", element.text))
        for key, value in texts:
            key = key.rsplit("}", 1)[-1]
            if key == "href" and not value.strip().startswith("#"):
                raise input_error(name, "", f"<{tag}> henviser til '{value[:80]}'; et {noun} må "
                                  "kun henvise til sig selv (href=\"#…\")")
            for target in re.findall(r"url\(\s*['\"]?([^)'\"]*)", value):
                if not target.strip().startswith("#"):
                    raise input_error(name, "", f"<{tag}> henter '{target[:80]}'; et {noun} må "
                                      "kun henvise til sig selv (url(#…))")
            if "@import" in value:
                raise input_error(name, "", f"<{tag}> har @import; et {noun} må ikke hente "
                                  "stilark")

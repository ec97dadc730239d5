"""Images in the bundle's Markdown: `![what it shows](anciennitet.png "Figur 1. Caption")`.

An image is a PNG or SVG file inside the bundle, under the same rules as the logo: a relative
path of plain names, never outside the bundle, checked to be what its name says and, for an
SVG, to refer to nothing but itself (themes.check_logo); it travels inside the PDF and its text
passes the personal-data guard like every input file. The alt text is required: it is what a
screen reader says, and the PDF/UA tag. Every image of rapport.yaml is checked when the bundle
is loaded, and every problem is reported together.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from taskforce_report.core.errors import InputError, Problem

IMAGE_SUFFIXES = (".png", ".svg")
MAX_IMAGE_BYTES = 5_000_000


def found(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """(key path, src, alt) of every Markdown image in the strings of `data`."""
    from taskforce_report.core import text

    if isinstance(data, str):
        if "![" in data:
            for src, alt, _ in text.images(data):
                yield path, src, alt
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from found(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from found(value, (*path, index))


def _name_problem(src: str) -> str | None:
    parts = src.replace("\\", "/").split("/")
    if not src or src.startswith(("/", "\\")) or ".." in parts or ":" in src:
        return (f"'{src}' skal være en fil i bundtet, skrevet som en sti inde i det, fx "
                "figurer/anciennitet.png")
    if not src.lower().endswith(IMAGE_SUFFIXES):
        return f"'{src}': et billede skal være en PNG- eller SVG-fil"
    return None


def check(doc: Any, bundle: Path, report_file: str = "rapport.yaml") -> tuple[str, ...]:
    """The images rapport.yaml's Markdown shows, by their path in the bundle, each checked;
    `doc` is rapport.yaml's YamlDocument. Raises one InputError with every problem."""
    from taskforce_report.core.safeio import present, read_input
    from taskforce_report.load.textfiles import where
    from taskforce_report.load.themes import check_logo
    from taskforce_report.load.validation import dotted

    problems: list[Problem] = []
    names: list[str] = []
    for path, src, alt in found(doc.data):
        place = dotted(path)
        file, line = where(doc, path, report_file)  # rapport.yaml, or the tekster/*.md it came from
        wrong = _name_problem(src)
        if wrong is None and not alt.strip():
            wrong = (f"billedet '{src}' mangler en alternativ tekst, der siger, hvad det viser: "
                     f"skriv ![Hvad billedet viser]({src})")
        if wrong is None:
            name = src.replace("\\", "/")
            if not present(bundle / name):
                wrong = f"billedet '{src}' findes ikke i bundtet"
            else:
                try:
                    check_logo(read_input(bundle / name, name, root=bundle,
                                          limit=MAX_IMAGE_BYTES), name, noun="billede")
                except InputError as exc:
                    problems += exc.problems
                    continue
                if name not in names:
                    names.append(name)
                continue
        problems.append(Problem(file, place, wrong, line))
    if problems:
        raise InputError(problems)
    return tuple(names)

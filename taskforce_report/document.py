"""The report's structure: which chapters and sections, in what order, with which numbers.

Built from a report concept (catalogue data) and the facts the analysis found. A chapter or
section whose required facts are all empty is left out, and the numbering closes up. The
templates then only walk this structure; none of them decides what is present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from taskforce_report import catalogues
from taskforce_report.catalogues import ChapterSpec, Concept


@dataclass(frozen=True)
class Section:
    number: str  # "3.2"
    id: str
    title: str
    anchor: str
    theme: catalogues.Theme | None = None
    content: Any = None


@dataclass(frozen=True)
class Chapter:
    label: str  # "3" or "Bilag 1"
    id: str
    title: str
    anchor: str
    sections: tuple[Section, ...] = ()
    appendix: bool = False

    @property
    def heading(self) -> str:
        return f"{self.label} {self.title}"


@dataclass(frozen=True)
class Document:
    kind: str
    concept: str
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)

    def chapter(self, chapter_id: str) -> Chapter | None:
        return next((c for c in self.chapters if c.id == chapter_id), None)


def _present(value: Any) -> bool:
    if value is None:
        return False
    if hasattr(value, "is_empty"):
        return not value.is_empty()
    if hasattr(value, "__len__"):
        return len(value) > 0
    return bool(value)


def _has(facts: dict[str, Any], names: tuple[str, ...]) -> bool:
    return not names or any(_present(facts.get(name)) for name in names)


class _Titles(dict):
    """Fills `{name}` in a catalogue title from the facts; an unknown name stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _chapter(spec: ChapterSpec, label: str, facts: dict[str, Any],
             all_themes: dict[str, catalogues.Theme] | None = None) -> Chapter | None:
    if not _has(facts, spec.kraever):
        return None
    sections: list[Section] = []
    if spec.temaer:
        texts = facts.get("temaer", {})
        all_themes = all_themes if all_themes is not None else catalogues.themes()
        for theme_id in spec.temaer:
            content = texts.get(theme_id)
            if spec.temafelt:  # the chapter prints one field of the theme's text
                content = getattr(content, spec.temafelt, None)
            if not _present(content):
                continue
            number = f"{label}.{len(sections) + 1}"
            theme = all_themes[theme_id]
            anchor = f"tema-{theme_id}" + (f"-{spec.id}" if spec.temafelt else "")
            sections.append(Section(number, theme_id, theme.overskrift, anchor,
                                    theme=theme, content=content))
    if spec.afsnit_fra:
        for item in facts.get(spec.afsnit_fra) or ():
            number = f"{label}.{len(sections) + 1}"
            sections.append(Section(number, item.id, item.titel,
                                    f"afsnit-{spec.id}-{item.id}", content=item))
    for sub in spec.afsnit:
        if not _has(facts, sub.kraever):
            continue
        number = f"{label}.{len(sections) + 1}"
        sections.append(Section(number, sub.id, sub.titel.format_map(_Titles(facts)),
                                f"afsnit-{spec.id}-{sub.id}"))
    # a chapter of themes or items that has no section is left out, unless it names facts it
    # requires (`kraever`, checked above): then its introduction carries it
    if (spec.temaer or spec.afsnit_fra) and not sections and not spec.kraever:
        return None
    return Chapter(label=label, id=spec.id, title=spec.titel.format_map(_Titles(facts)),
                   anchor=f"kapitel-{spec.id}", sections=tuple(sections), appendix=spec.bilag)


def structure(concept: Concept, facts: dict[str, Any]) -> Document:
    chapters: list[Chapter] = []
    numbered = appendices = 0
    for spec in concept.kapitler:
        label = f"Bilag {appendices + 1}" if spec.bilag else str(numbered + 1)
        chapter = _chapter(spec, label, facts, concept.themes)
        if chapter is None:
            continue
        chapters.append(chapter)
        if spec.bilag:
            appendices += 1
        else:
            numbered += 1
    return Document(kind=concept.dokument, concept=concept.id, chapters=tuple(chapters))

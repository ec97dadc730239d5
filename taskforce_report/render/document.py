"""The report's structure: which chapters and sections, in what order, with which numbers.

Built from a report concept (catalogue data) and the facts the analysis found. A chapter or
section whose required facts are all empty is left out, and the numbering closes up. The
templates then only walk this structure; none of them decides what is present.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from taskforce_report import catalogues
from taskforce_report.catalogues import ChapterSpec, Concept


@dataclass(frozen=True)
class Section:
    number: str  # "3.2": what cross-references and figure numbers use
    id: str
    title: str
    anchor: str
    theme: catalogues.Theme | None = None
    content: Any = None
    mark: str | None = None  # the number printed in the heading; None: `number`, "": none
    text: str | None = None  # a free section's own Markdown (a bundle's concept)
    source: str = ""  # the chapter whose template the section takes; "": its own
    heading: bool = True  # False: a theme printed in its chapter without a heading

    @property
    def shown(self) -> str:
        return self.number if self.mark is None else self.mark


@dataclass(frozen=True)
class Chapter:
    label: str  # "3" or "Bilag 1"
    id: str
    title: str
    anchor: str
    sections: tuple[Section, ...] = ()
    appendix: bool = False
    mark: str | None = None  # the label printed in the heading; None: `label`, "": none
    text: str | None = None  # a free chapter's own Markdown (a bundle's concept)

    @property
    def shown(self) -> str:
        return self.label if self.mark is None else self.mark

    @property
    def heading(self) -> str:
        return f"{self.shown} {self.title}".strip()


@dataclass(frozen=True)
class Document:
    kind: str
    concept: str  # the packaged concept whose templates are used
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)
    themes: tuple[catalogues.Theme, ...] = ()  # the concept's themes in report order

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
             all_themes: dict[str, catalogues.Theme] | None = None,
             numbered: bool = True) -> Chapter | None:
    """`numbered`: whether the sections' headings print their numbers."""
    if not spec.behold and not _has(facts, spec.kraever):
        return None
    sections: list[Section] = []

    def add(section_id: str, title: str, anchor: str, **more: Any) -> None:
        number = f"{label}.{len(sections) + 1}"
        sections.append(Section(number, section_id, title, anchor,
                                mark=None if numbered else "", **more))

    if spec.temaer:
        texts = facts.get("temaer", {})
        all_themes = all_themes if all_themes is not None else catalogues.themes()
        for theme_id in spec.temaer:
            content = texts.get(theme_id)
            if spec.temafelt:  # the chapter prints one field of the theme's text
                content = getattr(content, spec.temafelt, None)
            if not _present(content):
                continue
            theme = all_themes[theme_id]
            anchor = f"tema-{theme_id}" + (f"-{spec.id}" if spec.temafelt else "")
            if spec.temaafsnit:
                add(theme_id, theme.overskrift, anchor, theme=theme, content=content)
            else:  # printed in the chapter's body: no heading, no number, not counted
                sections.append(Section("", theme_id, theme.overskrift, anchor, theme=theme,
                                        content=content, mark="", heading=False))
    if spec.afsnit_fra:
        for item in facts.get(spec.afsnit_fra) or ():
            add(item.id, item.titel, f"afsnit-{spec.id}-{item.id}", content=item)
    for sub in spec.afsnit:
        if sub.tekst is None and not _has(facts, sub.kraever):
            continue
        add(sub.id, sub.titel.format_map(_Titles(facts)), f"afsnit-{spec.id}-{sub.id}",
            text=sub.tekst, source=sub.kapitel)
    # a chapter of themes or items that has no section is left out, unless it names facts it
    # requires (`kraever`, checked above) or the concept keeps it: then its introduction
    # carries it
    if ((spec.temaer or spec.afsnit_fra) and not sections and not spec.kraever
            and not spec.behold and spec.tekst is None):
        return None
    return Chapter(label=label, id=spec.id, title=spec.titel.format_map(_Titles(facts)),
                   anchor=f"kapitel-{spec.id}", sections=tuple(sections), appendix=spec.bilag,
                   text=spec.tekst)


def _mark(concept: Concept, appendix: bool, number: int) -> str | None:
    """The label a heading prints, when it differs from the label cross-references use."""
    if appendix:
        if not concept.nummerering_bilag:
            return ""
        return concept.bilagsmaerke.replace("{nr}", str(number))
    return None if concept.nummerering_kapitler else ""


def structure(concept: Concept, facts: dict[str, Any]) -> Document:
    chapters: list[Chapter] = []
    numbered = appendices = 0
    all_themes = concept.themes
    for spec in concept.kapitler:
        label = f"Bilag {appendices + 1}" if spec.bilag else str(numbered + 1)
        chapter = _chapter(spec, label, facts, all_themes, concept.nummerering_afsnit)
        if chapter is None:
            continue
        mark = _mark(concept, spec.bilag, appendices + 1)
        if mark is not None and mark != chapter.label:
            chapter = replace(chapter, mark=mark)
        chapters.append(chapter)
        if spec.bilag:
            appendices += 1
        else:
            numbered += 1
    themes = tuple(all_themes[t] for t in concept.theme_ids if t in all_themes)
    return Document(kind=concept.dokument, concept=concept.base, chapters=tuple(chapters),
                    themes=themes)

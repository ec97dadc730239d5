"""A bundle's own concept: `koncept:` as a mapping in rapport.yaml, or `koncept.yaml` beside it.

It `extends` a packaged concept (catalogues/koncepter/*.yaml) and says only what differs: the
chapters in their order (an id alone keeps the packaged chapter as it is), each chapter's
title, sections, themes and whether it is an appendix, free chapters and sections with their
own Markdown text, the numbering of each level, the appendix label, and the headings of themes.
The result is a `catalogues.Concept` whose templates are the packaged concept's: a historical
outline comes out of the bundle alone, and travels inside the PDF with it (rapport.yaml or
koncept.yaml are input files), so `regenerate` and `verify` work on any install.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import Field, field_validator, model_validator

from taskforce_report import catalogues
from taskforce_report.catalogues import ChapterSpec, Concept, SectionSpec
from taskforce_report.core.errors import InputError, Problem, suggest
from taskforce_report.load.yamlfile import YamlDocument
from taskforce_report.models import Markdown, Strict
from taskforce_report.models.common import snake_id

CONCEPT_FILE = "koncept.yaml"
BUNDLE_CONCEPT_ID = "bundt"  # the id of a bundle's own concept; its templates are `extends`'


def _id_only(data: Any) -> Any:
    """`- resume` is short for `- {id: resume}`: the packaged chapter or section, unchanged."""
    return {"id": data} if isinstance(data, str) else data


class SectionEntry(Strict):
    id: str
    titel: str | None = Field(default=None, min_length=1)
    tekst: Markdown | None = None  # a free section: its own text instead of a template
    fra: str | None = None  # the packaged chapter the section is moved from

    _id = field_validator("id")(snake_id)

    @model_validator(mode="before")
    @classmethod
    def _short(cls, data: Any) -> Any:
        return _id_only(data)


class ChapterEntry(Strict):
    id: str
    titel: str | None = Field(default=None, min_length=1)
    tekst: Markdown | None = None  # a free chapter: its own text instead of a template
    bilag: bool | None = None
    behold: bool = False  # printed even when the facts it requires are absent
    afsnit: list[SectionEntry] | None = None
    temaer: list[str] | None = None
    temaafsnit: bool | None = None  # False: the themes print without heading and number

    _id = field_validator("id")(snake_id)

    @model_validator(mode="before")
    @classmethod
    def _short(cls, data: Any) -> Any:
        return _id_only(data)


class Numbering(Strict):
    kapitler: bool = True
    afsnit: bool = True
    bilag: bool = True


class BundleConcept(Strict):
    extends: str = Field(min_length=1)
    navn: str | None = None
    nummerering: Numbering = Field(default_factory=Numbering)
    bilagsmaerke: str | None = None  # "Bilag {nr}:"
    temaoverskrifter: dict[str, str] = Field(default_factory=dict)
    kapitler: list[ChapterEntry] | None = None

    @field_validator("bilagsmaerke")
    @classmethod
    def _has_number(cls, value: str | None) -> str | None:
        if value is not None and "{nr}" not in value:
            raise ValueError(f"forventede en tekst med {{nr}} for bilagets nummer, fx "
                             f"'Bilag {{nr}}:'; fandt '{value}'")
        return value


class _Problems:
    """Problems of one concept, each located in its file."""

    def __init__(self, doc: YamlDocument, prefix: tuple):
        self.doc, self.prefix, self.found = doc, prefix, []

    def add(self, path: tuple, message: str) -> None:
        from taskforce_report.load.validation import dotted

        full = self.prefix + path
        self.found.append(Problem(self.doc.file, dotted(full), message, self.doc.locate(full)))


def _known(names: list[str]) -> str:
    return ", ".join(names) if names else "ingen"


def resolve(entry: BundleConcept, parent: Concept, doc: YamlDocument,
            prefix: tuple = ()) -> Concept:
    """The packaged concept `parent` changed by the bundle's `entry`; every unknown chapter,
    section or theme is an error naming its place, what is known and the nearest match."""
    problems = _Problems(doc, prefix)
    theme_catalogue = parent.themes
    for key in entry.temaoverskrifter:
        if key not in theme_catalogue:
            problems.add(("temaoverskrifter", key),
                         f"ukendt tema{suggest(key, list(theme_catalogue))} (kendte temaer: "
                         f"{_known(list(theme_catalogue))})")
    chapters = parent.kapitler
    if entry.kapitler is not None:
        chapters = tuple(_chapters(entry.kapitler, parent, problems))
    if problems.found:
        raise InputError(problems.found)
    numbering = entry.nummerering
    return replace(
        parent, id=BUNDLE_CONCEPT_ID, navn=entry.navn or parent.navn, kapitler=chapters,
        grundlag=parent.base, nummerering_kapitler=numbering.kapitler,
        nummerering_afsnit=numbering.afsnit, nummerering_bilag=numbering.bilag,
        bilagsmaerke=entry.bilagsmaerke or parent.bilagsmaerke,
        temaoverskrifter=tuple(entry.temaoverskrifter.items()))


def _chapters(entries: list[ChapterEntry], parent: Concept, problems: _Problems):
    packaged = {c.id: c for c in parent.kapitler}
    seen: set[str] = set()
    for index, chapter in enumerate(entries):
        place = ("kapitler", index)
        if chapter.id in seen:
            problems.add((*place, "id"), f"kapitlet '{chapter.id}' står to gange")
            continue
        seen.add(chapter.id)
        base = packaged.get(chapter.id)
        if base is None:
            if chapter.tekst is None or chapter.titel is None:
                problems.add((*place, "id"),
                             f"ukendt kapitel '{chapter.id}'{suggest(chapter.id, list(packaged))}"
                             f" (kapitlerne i koncept '{parent.id}': {_known(list(packaged))}); "
                             "et frit kapitel skal have både titel og tekst")
                continue
            base = ChapterSpec(id=chapter.id, titel=chapter.titel, tekst=chapter.tekst,
                               behold=True)
        themes = base.temaer
        if chapter.temaer is not None:
            for number, theme in enumerate(chapter.temaer):
                if theme not in parent.themes:
                    known = list(parent.themes)
                    problems.add((*place, "temaer", number),
                                 f"ukendt tema '{theme}'{suggest(theme, known)} (kendte temaer: "
                                 f"{_known(known)})")
            themes = tuple(chapter.temaer)
        sections = base.afsnit
        if chapter.afsnit is not None:
            sections = tuple(_sections(chapter, place, parent, problems))
        yield replace(
            base,
            titel=chapter.titel or base.titel,
            tekst=chapter.tekst if chapter.tekst is not None else base.tekst,
            bilag=base.bilag if chapter.bilag is None else chapter.bilag,
            behold=chapter.behold or base.behold,
            temaer=themes,
            temaafsnit=base.temaafsnit if chapter.temaafsnit is None else chapter.temaafsnit,
            afsnit=sections,
        )


def _sections(chapter: ChapterEntry, place: tuple, parent: Concept, problems: _Problems):
    packaged = {c.id: c for c in parent.kapitler}
    seen: set[str] = set()
    for index, section in enumerate(chapter.afsnit or ()):
        where = (*place, "afsnit", index)
        if section.id in seen:
            problems.add((*where, "id"), f"afsnittet '{section.id}' står to gange i kapitlet")
            continue
        seen.add(section.id)
        origin = section.fra or chapter.id
        if origin not in packaged:
            problems.add((*where, "fra"),
                         f"ukendt kapitel '{origin}'{suggest(origin, list(packaged))} "
                         f"(kapitlerne i koncept '{parent.id}': {_known(list(packaged))})")
            continue
        known = {s.id: s for s in packaged[origin].afsnit}
        base = known.get(section.id)
        if base is None:
            if section.tekst is None or section.titel is None or section.fra:
                elsewhere = [c.id for c in parent.kapitler
                             if any(s.id == section.id for s in c.afsnit)]
                hint = (f"; afsnittet findes i kapitlet '{elsewhere[0]}' (skriv fra: "
                        f"{elsewhere[0]})" if elsewhere and not section.fra else "")
                problems.add((*where, "id"),
                             f"ukendt afsnit '{section.id}' i kapitlet '{origin}'"
                             f"{suggest(section.id, list(known))} (kendte afsnit: "
                             f"{_known(list(known))}){hint}; et frit afsnit skal have både "
                             "titel og tekst")
                continue
            yield SectionSpec(id=section.id, titel=section.titel, tekst=section.tekst)
            continue
        yield replace(base, titel=section.titel or base.titel,
                      tekst=section.tekst if section.tekst is not None else base.tekst,
                      kapitel=origin if origin != chapter.id else base.kapitel)


def packaged(concept_id: str) -> Concept | None:
    return catalogues.concepts().get(concept_id)

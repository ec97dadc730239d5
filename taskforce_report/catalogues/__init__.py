"""Data, not code: report concepts (chapter lists), themes, and later indicators and criteria.

Each catalogue is a YAML file shipped with the package; a bundle may add entries of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Theme:
    """A theme of a concept: a classic theme (temaer.yaml) or a section of another concept's
    theme catalogue (e.g. pejlemaerker.yaml)."""

    id: str
    overskrift: str
    genstand: str = ""
    analyse: str = ""
    kort: str = ""
    fokus: str = ""
    # where the case review's criteria go (casereview_criteria.group_of): the classic themes whose
    # criteria this theme takes, and criteria it takes whatever their theme. A classic theme
    # takes the criteria tagged with its own id.
    klassiske_temaer: tuple[str, ...] = ()
    kriterier: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    id: str
    titel: str
    kraever: tuple[str, ...] = ()
    # a bundle's concept (bundleconcept.py): a free section's own Markdown text, printed in
    # place of a template; and the chapter whose template it takes when moved from there
    tekst: str | None = None
    kapitel: str = ""


@dataclass(frozen=True)
class ChapterSpec:
    id: str
    titel: str
    kraever: tuple[str, ...] = ()
    afsnit: tuple[SectionSpec, ...] = ()
    temaer: tuple[str, ...] = ()
    bilag: bool = False
    # the name of a fact holding a list of items with `id` and `titel`: one section each
    # (the status report's development points); the chapter is left out when it is empty
    afsnit_fra: str = ""
    # with `temaer`: the field of each theme's text that this chapter prints (the status
    # report's `vurdering`, `bemaerkninger`); empty: the whole theme text
    temafelt: str = ""
    # a bundle's concept (bundleconcept.py): kept even when the facts it requires are absent;
    # a free chapter's own Markdown text; the themes printed in the chapter without a heading
    # and number of their own (a pejlemærke chapter of one theme)
    behold: bool = False
    tekst: str | None = None
    temaafsnit: bool = True


@dataclass(frozen=True)
class Concept:
    id: str
    navn: str
    dokument: str
    kapitler: tuple[ChapterSpec, ...] = field(default_factory=tuple)
    temakatalog: str = "temaer.yaml"  # the catalogue its `temaer` ids come from
    # The packaged concept a bundle's concept extends (bundleconcept.py), whose templates it
    # uses; a packaged concept is its own.
    grundlag: str = ""
    # How headings are numbered: chapters ("3"), sections ("3.2"), appendices ("Bilag 1"), and
    # the appendix label, `{nr}` its number ("Bilag {nr}:" prints "Bilag 1:")
    nummerering_kapitler: bool = True
    nummerering_afsnit: bool = True
    nummerering_bilag: bool = True
    bilagsmaerke: str = "Bilag {nr}"
    # a bundle's own headings for themes of the catalogue, by theme id
    temaoverskrifter: tuple[tuple[str, str], ...] = ()

    @property
    def base(self) -> str:
        """The packaged concept whose templates the document takes."""
        return self.grundlag or self.id

    @property
    def theme_ids(self) -> list[str]:
        return list(dict.fromkeys(t for chapter in self.kapitler for t in chapter.temaer))

    @property
    def themes(self) -> dict[str, Theme]:
        """The concept's theme catalogue, by id, in catalogue order, with the bundle's own
        headings where it gives them."""
        found = themes(self.temakatalog)
        if not self.temaoverskrifter:
            return found
        titles = dict(self.temaoverskrifter)
        return {key: replace(theme, overskrift=titles[key]) if key in titles else theme
                for key, theme in found.items()}


# libyaml's loader where PyYAML was built with it: the catalogues are read on every run, and
# the pure-Python parser spent a tenth of a second or more on them (docs/performance.md)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)  # noqa: S506 (a safe loader)


@cache
def themes(catalogue: str = "temaer.yaml") -> dict[str, Theme]:
    """A theme catalogue by id; the default is the classic concept's ten themes."""
    found = {}
    for entry in _load(HERE / catalogue):
        entry = dict(entry)
        for key in ("klassiske_temaer", "kriterier"):
            entry[key] = tuple(entry.get(key, ()))
        found[entry["id"]] = Theme(**entry)
    return found


def _chapter(raw: dict) -> ChapterSpec:
    return ChapterSpec(
        id=raw["id"],
        titel=raw["titel"],
        kraever=tuple(raw.get("kraever", ())),
        afsnit=tuple(
            SectionSpec(s["id"], s["titel"], tuple(s.get("kraever", ())))
            for s in raw.get("afsnit", ())
        ),
        temaer=tuple(raw.get("temaer", ())),
        bilag=bool(raw.get("bilag", False)),
        afsnit_fra=str(raw.get("afsnit_fra", "")),
        temafelt=str(raw.get("temafelt", "")),
    )


@cache
def concepts() -> dict[str, Concept]:
    found = {}
    for path in sorted((HERE / "koncepter").glob("*.yaml")):
        raw = _load(path)
        found[raw["id"]] = Concept(
            id=raw["id"],
            navn=raw["navn"],
            dokument=raw["dokument"],
            kapitler=tuple(_chapter(c) for c in raw["kapitler"]),
            temakatalog=str(raw.get("temakatalog", "temaer.yaml")),
        )
    return found


@cache
def every_theme() -> dict[str, Theme]:
    """Every theme of every concept by id, the classic ten first: what a recommendation's
    `tema` may name (a pejlemærker analysis report's recommendations sit under its sections)."""
    found = dict(themes())
    for concept in concepts().values():
        for theme_id, theme in concept.themes.items():
            found.setdefault(theme_id, theme)
    return found

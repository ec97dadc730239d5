"""Data, not code: report concepts (chapter lists), themes, and later indicators and criteria.

Each catalogue is a YAML file shipped with the package; a bundle may add entries of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Theme:
    id: str
    overskrift: str
    genstand: str
    analyse: str
    kort: str
    fokus: str


@dataclass(frozen=True)
class SectionSpec:
    id: str
    titel: str
    kraever: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class Concept:
    id: str
    navn: str
    dokument: str
    kapitler: tuple[ChapterSpec, ...] = field(default_factory=tuple)

    @property
    def theme_ids(self) -> list[str]:
        return [t for chapter in self.kapitler for t in chapter.temaer]


def _load(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def themes() -> dict[str, Theme]:
    return {entry["id"]: Theme(**entry) for entry in _load(HERE / "temaer.yaml")}


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
        )
    return found

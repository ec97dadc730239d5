"""The typed results of the key figures: per indicator and per distribution, per section of
chapter 4, and for the chapter as a whole. Plain data, no prose beyond what was computed; the
words (words/sentences.py) and the templates build on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from taskforce_report.charts.spec import ChartSpec
from taskforce_report.load.indicators import SECTIONS, Distribution, Indicator


@dataclass(frozen=True)
class Change:
    fra: int
    til: int
    andel: float | None  # None: could not be computed
    mangler: int | None = None  # the year whose figure is missing, when andel is None


@dataclass(frozen=True)
class Comparison:
    aar: int
    kommune: float | None
    referencegruppe: float | None
    landsgennemsnit: float | None
    mod_land: float | None
    mod_reference: float | None
    reference_mangler: tuple[str, ...] = ()  # members lacking a figure in `aar`
    maal: float | None = None
    mod_maal: float | None = None


@dataclass(frozen=True)
class Gap:
    """A figure that could not be had or computed, for words/ to say (`what`):
    `kommune`: the municipality has no figure in `years`; `naevner`: its denominator (`names`,
    the denominator's title) is missing in `years`, so there is no rate; `referencegruppe`: the
    reference group's value in `years` lacks the members `names`; `fordeling_aar`: the
    municipality has no year with every part of a distribution; `fordeling_referencegruppe`: the
    group's distribution in `years` lacks the members `names`; `land`: no national figure;
    `lille_grundlag`: in `years` the municipality's share rests on fewer than
    language.SMALL_BASE of its base (`names`: the base's plural noun), so a count is shown;
    `lille_fordeling`: a distribution of fewer than language.SMALL_BASE persons in `years`
    (`names`: what it counts), told in counts."""

    what: Literal["kommune", "naevner", "referencegruppe", "fordeling_aar",
                  "fordeling_referencegruppe", "land", "lille_grundlag", "lille_fordeling"]
    years: tuple[int, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    unit_text: str  # of the values shown: "pr. 1.000 0–17-årige", "procent", ""
    table: pd.DataFrame  # index years; columns kommune, referencegruppe, landsgennemsnit
    counts: pd.Series | None  # the municipality's counts, when `table` holds rates
    periode: Change | None
    seneste: Change | None
    sammenligning: Comparison | None
    kilde: str
    noter: tuple[str, ...]  # reservations from the csv's note column
    gaps: tuple[Gap, ...]  # what could not be computed
    mangler: tuple[str, ...] = ()  # the same in words (words/gapnotes.py, set by analyse)
    saetninger: tuple[str, ...] = ()
    diagram: ChartSpec | None = None
    figur: int | None = None
    grundlag: Indicator | None = None  # the count a share is a share of (catalogue: grundlag)
    # (year, count, base) where the share rests on fewer than language.SMALL_BASE cases of
    # `grundlag`: there the count is told, never the share
    smaa_grundlag: tuple[tuple[int, int, int], ...] = ()

    kind = "indikator"

    def small_base(self, year: int) -> tuple[int, int] | None:
        """(count, base) when the share of `year` is to be told as a count, else None."""
        return next(((c, b) for y, c, b in self.smaa_grundlag if y == year), None)

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def titel(self) -> str:
        return self.indicator.titel


@dataclass(frozen=True)
class DistributionResult:
    distribution: Distribution
    parts: tuple[Indicator, ...]
    aar: int | None  # the latest year the municipality has every part
    shares: pd.DataFrame  # index part ids; columns kommune, referencegruppe, landsgennemsnit
    kilde: str
    noter: tuple[str, ...]
    gaps: tuple[Gap, ...]
    mangler: tuple[str, ...] = ()
    saetninger: tuple[str, ...] = ()
    diagram: ChartSpec | None = None
    figur: int | None = None
    # the municipality's count per part (in the order of `parts`) when it counts fewer than
    # language.SMALL_BASE persons in all: its shares are then told as counts ("4 af 7")
    smaa_grundlag: tuple[int, ...] = ()

    kind = "fordeling"

    @property
    def id(self) -> str:
        return self.distribution.id

    @property
    def titel(self) -> str:
        return self.distribution.titel


@dataclass(frozen=True)
class SectionResult:
    id: str
    titel: str
    tekst: str = ""  # the consultant's Markdown, before the generated sentences
    punkter: tuple[IndicatorResult | DistributionResult, ...] = ()

    def is_empty(self) -> bool:
        return not (self.tekst or self.punkter)


@dataclass(frozen=True)
class Missing:
    """Figures that could not be had: the consultant's list and the gaps found in the data."""

    tekst: str = ""
    konsulent: tuple[str, ...] = ()  # Markdown lines from rapport.yaml
    huller: tuple[tuple[str, str], ...] = ()  # (indicator title, the years missing)

    def is_empty(self) -> bool:
        return not (self.tekst or self.konsulent or self.huller)


@dataclass(frozen=True)
class KeyFigures:
    kommune: str
    referencegruppe: tuple[str, ...]
    inkluderer_kommunen: bool
    udvaelgelse: str
    intro: str
    afsnit: tuple[SectionResult, ...]
    manglende: Missing
    aar: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (any(not s.is_empty() for s in self.afsnit) or self.intro
                    or not self.manglende.is_empty())

    def section(self, section_id: str) -> SectionResult | None:
        return next((s for s in self.afsnit if s.id == section_id), None)

    @property
    def charts(self) -> tuple[ChartSpec, ...]:
        return tuple(item.diagram for s in self.afsnit for item in s.punkter
                     if item.diagram is not None)

    def facts(self) -> dict[str, Any]:
        """The facts the concept's chapter 4 requires, by name."""
        out: dict[str, Any] = {"noegletal": self, "noegletal_manglende": self.manglende}
        for section_id in SECTIONS:
            out[f"noegletal_{section_id}"] = self.section(section_id)
        return out

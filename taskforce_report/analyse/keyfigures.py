"""Key figures (nøgletal, chapter 4): noegletal.csv in; rates, reference-group values, changes,
comparisons, charts and sentences out.

Three steps, each a plain function:
- `catalogue()` reads the indicator catalogue shipped with the package, plus a bundle's own
  `indikatorer.yaml`;
- `normalise()` turns the bundle's table into tidy observations (one row per indicator, area
  and year; `vaerdi` NaN where a value is missing, never 0), naming file and row for every
  mistake;
- `analyse()` computes, per indicator, the municipality, the reference group and the national
  figure over the years, the changes and the comparisons, and what could not be computed and
  why. The pure helpers (`rate`, `pooled_rate`, `weighted_mean`, `change`, `relative`) work on
  pandas objects and are what the tests check against figures worked out by hand.

The reference group's value per unit (see docs/bundle-format.md): counts with a denominator
(antal, årsværk, kr.) are summed numerators over summed denominators, never a mean of rates;
procent, indeks, gennemsnit and rates given directly are a mean weighted by the catalogue's
`vaegt` indicator, or an unweighted mean when it names none; counts without a denominator get no
group value, since areas of different size cannot be compared on counts. A year in which any
member lacks a value has no group value: it is reported, not guessed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import Field, field_validator, model_validator

from taskforce_report import catalogues
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.core.errors import MAX_ROW_PROBLEMS, InputError, Problem, raise_row_problems
from taskforce_report.core.safeio import present
from taskforce_report.load.bundle import INDICATORS_FILE as BUNDLE_CATALOGUE
from taskforce_report.load.tables import Table, parse_number
from taskforce_report.load.validation import suggest, validate
from taskforce_report.load.yamlfile import YamlDocument, read_yaml
from taskforce_report.models import KeyFigureSettings, Strict

CATALOGUE_FILE = Path(catalogues.__file__).parent / "indikatorer.yaml"
TABLE_FILE = "noegletal.csv"

# The sections of chapter 4 with data, in the seed's order.
SECTIONS: dict[str, str] = {
    "socioekonomi": "Socioøkonomiske nøgletal",
    "sagsbehandling": "Sagsbehandling",
    "forebyggelse": "Forebyggelse og tidlig indsats",
    "anbringelse": "Anbringelse",
    "oekonomi": "Økonomi",
}

LAND = "Hele landet"
_LAND_NAMES = {"hele landet", "landsgennemsnit", "landsgennemsnittet", "landsplan", "danmark",
               "landet"}

# The three series of every comparison, as columns and as legend labels.
KOMMUNE, REFERENCE, NATIONAL = "kommune", "referencegruppe", "landsgennemsnit"

Unit = Literal["antal", "aarsvaerk", "pr_1000_0_17", "procent", "kr", "indeks", "gennemsnit"]
COUNTS = {"antal", "aarsvaerk", "kr"}  # summed over areas; a denominator makes them rates
UNIT_WORDS = {
    "antal": "antal", "aarsvaerk": "årsværk", "pr_1000_0_17": "pr. 1.000 0–17-årige",
    "procent": "procent", "kr": "kr.", "indeks": "indeks", "gennemsnit": "gennemsnit",
}
# A value within this share of the other is "på niveau med" it (see sentences.py).
LEVEL_TOLERANCE = 0.03

_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


class IncompatibleUnits(ValueError):
    """Two figures in different units (persons against årsværk, say) were to be compared."""


# ---------------------------------------------------------------------------------------------
# The catalogue


class Indicator(Strict):
    id: str
    titel: str = Field(min_length=1)
    kort: str = ""
    navn: str = Field(min_length=1)
    enhed: Unit
    afsnit: Literal["socioekonomi", "sagsbehandling", "forebyggelse", "anbringelse", "oekonomi"]
    diagram: Literal["linje", "ingen"] = "linje"
    naevner: str | None = None
    pr: int = Field(default=1000, ge=1)
    vaegt: str | None = None
    decimaler: int = Field(default=0, ge=0, le=3)
    enhedstekst: str = ""
    flertal: str = ""
    ental: str = ""
    i_saetning: str = ""
    vis: bool = True

    @field_validator("id")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not _SNAKE.match(value):
            raise ValueError(f"'{value}' er ikke et gyldigt id; brug små bogstaver a-z, tal og _")
        return value

    @model_validator(mode="after")
    def _fit(self) -> Indicator:
        if self.naevner and self.enhed not in COUNTS:
            raise ValueError(f"en nævner giver kun mening for antal, årsværk og kr., ikke for "
                             f"{UNIT_WORDS[self.enhed]}")
        if self.vaegt and self.enhed in COUNTS:
            raise ValueError("en vægt bruges kun til procent, indeks, gennemsnit og rater; "
                             "antal lægges sammen")
        return self

    @property
    def label(self) -> str:
        return self.kort or self.titel

    @property
    def is_rate(self) -> bool:
        return self.naevner is not None


class Distribution(Strict):
    id: str
    titel: str = Field(min_length=1)
    navn: str = Field(min_length=1)
    verbum: str = Field(min_length=1)
    tillaeg: str = ""
    afsnit: Literal["socioekonomi", "sagsbehandling", "forebyggelse", "anbringelse", "oekonomi"]
    dele: list[str] = Field(min_length=2)


class CatalogueFile(Strict):
    indikatorer: list[Indicator] = Field(default_factory=list)
    fordelinger: list[Distribution] = Field(default_factory=list)


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]
    distributions: dict[str, Distribution]

    def ids(self) -> list[str]:
        return [*self.indicators, *self.distributions]


def _read_catalogue(path: Path, display: str) -> tuple[CatalogueFile, YamlDocument]:
    doc = read_yaml(path, display)
    data = doc.data if doc.data is not None else {}
    return validate(CatalogueFile, data, doc), doc


@cache
def _package_catalogue() -> CatalogueFile:
    return _read_catalogue(CATALOGUE_FILE, "indikatorer.yaml (pakkens katalog)")[0]


def catalogue(bundle_path: Path | None = None) -> Catalogue:
    """The package's indicators, plus the bundle's own `indikatorer.yaml` if it has one."""
    files: list[tuple[CatalogueFile, YamlDocument | None]] = [(_package_catalogue(), None)]
    extra = Path(bundle_path) / BUNDLE_CATALOGUE if bundle_path else None
    if extra is not None and present(extra):
        files.append(_read_catalogue(extra, BUNDLE_CATALOGUE))
    indicators: dict[str, Indicator] = {}
    distributions: dict[str, Distribution] = {}
    problems: list[Problem] = []
    for content, doc in files:
        for i, entry in enumerate(content.indikatorer):
            if entry.id in indicators or entry.id in distributions:
                problems.append(_catalogue_problem(doc, ("indikatorer", i, "id"),
                                                   f"'{entry.id}' findes allerede i kataloget"))
                continue
            if entry.enhed == "pr_1000_0_17" and entry.vaegt is None:
                entry = entry.model_copy(update={"vaegt": "befolkning_0_17"})
            indicators[entry.id] = entry
        for i, entry in enumerate(content.fordelinger):
            if entry.id in indicators or entry.id in distributions:
                problems.append(_catalogue_problem(doc, ("fordelinger", i, "id"),
                                                   f"'{entry.id}' findes allerede i kataloget"))
                continue
            distributions[entry.id] = entry
    result = Catalogue(indicators, distributions)
    problems += _check_references(result, files)
    if problems:
        raise InputError(problems)
    return result


def _catalogue_problem(doc: YamlDocument | None, path: tuple, message: str) -> Problem:
    from taskforce_report.load.validation import dotted

    if doc is None:  # the package's own catalogue: a bug, but told the same way
        return Problem("indikatorer.yaml (pakkens katalog)", dotted(path), message)
    return Problem(doc.file, dotted(path), message, doc.locate(path))


def _check_references(cat: Catalogue, files) -> list[Problem]:
    """Denominators, weights and distribution parts must exist and fit: a rate's denominator
    is a count of persons, and the parts of one distribution share one unit."""
    problems = []
    known = list(cat.indicators)
    for content, doc in files:
        for i, entry in enumerate(content.indikatorer):
            for key in ("naevner", "vaegt"):
                ref = getattr(entry, key)
                if ref is None:
                    continue
                if ref not in cat.indicators:
                    problems.append(_catalogue_problem(
                        doc, ("indikatorer", i, key),
                        f"ukendt indikator '{ref}'{suggest(ref, known)}"))
                elif key == "naevner" and cat.indicators[ref].enhed != "antal":
                    problems.append(_catalogue_problem(
                        doc, ("indikatorer", i, key),
                        f"nævneren '{ref}' skal være et antal personer, ikke "
                        f"{UNIT_WORDS[cat.indicators[ref].enhed]}"))
        for i, entry in enumerate(content.fordelinger):
            for j, part in enumerate(entry.dele):
                if part not in cat.indicators:
                    problems.append(_catalogue_problem(
                        doc, ("fordelinger", i, "dele", j),
                        f"ukendt indikator '{part}'{suggest(part, known)}"))
            parts = [cat.indicators[p] for p in entry.dele if p in cat.indicators]
            try:
                comparable(*parts)
            except IncompatibleUnits as exc:
                problems.append(_catalogue_problem(doc, ("fordelinger", i, "dele"), str(exc)))
    return problems


def comparable(*indicators: Indicator) -> None:
    """Raises IncompatibleUnits unless all the indicators are in one unit. Persons and årsværk,
    counts and kroner, rates and shares are never compared."""
    units = {ind.enhed for ind in indicators}
    if len(units) > 1:
        described = ", ".join(f"{ind.id} i {UNIT_WORDS[ind.enhed]}" for ind in indicators)
        raise IncompatibleUnits(f"kan ikke sammenlignes, fordi enhederne er forskellige: "
                                f"{described}")


def compare(value: float | None, other: float | None, unit: str, other_unit: str) -> float | None:
    """`value` relative to `other`, as a share (0.12 = 12 % higher); refuses mixed units."""
    if unit != other_unit:
        raise IncompatibleUnits(f"kan ikke sammenligne {UNIT_WORDS.get(unit, unit)} med "
                                f"{UNIT_WORDS.get(other_unit, other_unit)}")
    return relative(value, other)


# ---------------------------------------------------------------------------------------------
# Normalise: the table → tidy observations


@dataclass(frozen=True)
class Areas:
    """The municipality, its reference group and the country, matched leniently: `Thisted`
    and `Thisted Kommune` are one area, as are `Hele landet` and `Landsgennemsnit`."""

    kommune: str
    members: tuple[str, ...]  # the reference group as rapport.yaml names it (kommune excluded)

    def _keys(self) -> dict[str, tuple[str, str]]:
        keys: dict[str, tuple[str, str]] = {}
        for name in self.members:
            for key in _name_keys(name):
                keys[key] = (name, REFERENCE)
        for key in _name_keys(self.kommune):
            keys[key] = (self.kommune, KOMMUNE)
        return keys

    def match(self, text: str) -> tuple[str, str] | None:
        """(canonical name, role) or None."""
        squeezed = " ".join(text.split()).casefold()
        if squeezed in _LAND_NAMES:
            return LAND, NATIONAL
        keys = self._keys()
        for key in _name_keys(text):
            if key in keys:
                return keys[key]
        return None

    def names(self) -> list[str]:
        return [self.kommune, *self.members, LAND]


def _name_keys(name: str) -> list[str]:
    base = " ".join(name.split()).casefold()
    base = base.removesuffix(" kommune")
    keys = [base]
    if base.endswith("s"):  # Københavns Kommune ↔ København
        keys.append(base[:-1])
    return keys


def areas_of(report: Any) -> Areas:
    own = _name_keys(report.kommune)
    members = tuple(m for m in report.referencegruppe if _name_keys(m) != own)
    return Areas(report.kommune, members)


_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")


def parse_decimal(text: str) -> Decimal | None:
    """A figure as Danish Excel writes it: `1.142` (a point before exactly three digits, after
    a first group not starting with 0, is a thousands separator), `11,6`, `1.142,5`, `0.125`;
    empty or `..` is missing. Raises ValueError."""
    value = text.strip()
    if _THOUSANDS.match(value.replace("\u00a0", "").replace(" ", "")):
        value = value.replace(".", "")
    return parse_number(value)


def _float(number: Decimal | None) -> float | None:
    return None if number is None else float(number)


def parse_value(text: str) -> float | None:
    number = parse_decimal(text)
    return None if number is None else float(number)


COLUMNS = ["indikator", "omraade", "rolle", "aar", "vaerdi", "kilde", "note", "raekke"]


def normalise(table: Table, cat: Catalogue, areas: Areas) -> pd.DataFrame:
    """noegletal.csv → one row per indicator, area and year: `vaerdi` a float, NaN where the
    value is missing (an empty cell or `..`). Every mistake is collected and raised at once."""
    problems: list[Problem] = []
    records = []
    seen: dict[tuple[str, str, int], int] = {}
    known = cat.ids()
    frame = table.frame
    for row, cells in zip(frame.index, frame.to_dict("records"), strict=True):
        if len(problems) > MAX_ROW_PROBLEMS:
            break
        row = int(row)
        ind_id = cells["indikator"].strip()
        if not ind_id:
            problems.append(table.problem(row, "indikator", "indikator mangler"))
            continue
        if ind_id not in cat.indicators:
            hint = suggest(ind_id, list(cat.indicators))
            what = ("er en fordeling; angiv tallene for dens dele"
                    if ind_id in cat.distributions else "ukendt indikator")
            problems.append(table.problem(
                row, "indikator", f"{what} '{ind_id}'{hint}" + (
                    "" if hint else f" (se docs/bundle-format.md; kendte: {len(known)} id'er, "
                    f"fx {', '.join(list(cat.indicators)[:3])})")))
            continue
        indicator = cat.indicators[ind_id]
        area_text = cells["omraade"].strip()
        area = areas.match(area_text) if area_text else None
        if area is None:
            if not area_text:
                problems.append(table.problem(row, "omraade", "område mangler"))
            else:
                problems.append(table.problem(
                    row, "omraade",
                    f"ukendt område '{area_text}'{suggest(area_text, areas.names())}; forventede "
                    f"kommunen, en kommune i referencegruppen eller {LAND} "
                    f"({', '.join(areas.names())})"))
            continue
        year_text = cells["aar"].strip()
        if not re.fullmatch(r"(19|20)\d\d", year_text):
            problems.append(table.problem(row, "aar", f"forventede et årstal som 2014, fandt "
                                          f"'{year_text}'" if year_text else "årstal mangler"))
            continue
        year = int(year_text)
        raw = cells["vaerdi"]
        try:
            # a sheet of data.xlsx holds real numbers, written with a point: 1.042 is 1,042
            value = _float(parse_number(raw)) if table.columns_letter else parse_value(raw)
        except ValueError:
            problems.append(table.problem(row, "vaerdi", f"forventede et tal som 1.142 eller "
                                          f"11,6 (tom eller .. for mangler), fandt '{raw}'"))
            continue
        if value is not None:
            complaint = _implausible(indicator, value)
            if complaint:
                problems.append(table.problem(row, "vaerdi", complaint))
                continue
        source = cells["kilde"].strip()
        if value is not None and not source:
            problems.append(table.problem(row, "kilde", "kilde mangler (fx Danmarks Statistik)"))
            continue
        key = (ind_id, area[0], year)
        if key in seen:
            problems.append(table.problem(
                row, None, f"{ind_id} for {area[0]} i {year} står også i række {seen[key]}"))
            continue
        seen[key] = row
        records.append((ind_id, area[0], area[1], year,
                        math.nan if value is None else value, source,
                        cells.get("note", "").strip(), row))
    raise_row_problems(table.source, problems)
    obs = pd.DataFrame.from_records(records, columns=COLUMNS)
    obs["aar"] = obs["aar"].astype("int64")
    obs["vaerdi"] = obs["vaerdi"].astype("float64")
    obs["raekke"] = obs["raekke"].astype("int64")
    return obs


def _implausible(indicator: Indicator, value: float) -> str:
    if not math.isfinite(value):  # 1e400, or 400 digits: a float cannot hold it
        return "tallet er for stort til at regne med"
    if value < 0 and indicator.enhed not in ("kr", "indeks"):
        return f"negativt tal ({language.number(value, 2)}) for {UNIT_WORDS[indicator.enhed]}"
    if indicator.enhed == "procent" and value > 100:
        return (f"{language.number(value, 2)} er over 100; procent skrives som 12,5 "
                "(ikke som andel)")
    return ""


def check_settings(settings: KeyFigureSettings, cat: Catalogue, doc: YamlDocument | None,
                   file: str = "rapport.yaml") -> None:
    """The indicator ids in rapport.yaml's `noegletal:` must be in the catalogue."""
    problems = []
    known = cat.ids()
    for i, ind_id in enumerate(settings.uden_saetninger):
        if ind_id not in known:
            path = ("noegletal", "uden_saetninger", i)
            problems.append(Problem(file, f"noegletal.uden_saetninger[{i}]",
                                    f"ukendt indikator '{ind_id}'{suggest(ind_id, known)}",
                                    doc.locate(path) if doc else ""))
    for ind_id in settings.maal:
        if ind_id not in cat.indicators:
            path = ("noegletal", "maal", ind_id)
            problems.append(Problem(file, f"noegletal.maal.{ind_id}",
                                    f"ukendt indikator '{ind_id}'"
                                    f"{suggest(ind_id, list(cat.indicators))}",
                                    doc.locate(path) if doc else ""))
    if problems:
        raise InputError(problems)


@dataclass(frozen=True)
class KeyFigureData:
    """What normalise hands to analyse: the observations and the catalogue they refer to."""

    observations: pd.DataFrame
    catalogue: Catalogue
    areas: Areas
    notes: tuple[str, ...] = ()  # e.g. "noegletal.csv: læst som Windows-1252 (ikke UTF-8)"


def prepare(bundle: Any) -> KeyFigureData | None:
    """The normalise step for a bundle: catalogue, settings check and observations."""
    report = bundle.report
    settings: KeyFigureSettings | None = getattr(report, "noegletal", None)
    table = bundle.tables.get("noegletal")
    if table is None and (settings is None or settings == KeyFigureSettings()):
        return None
    cat = catalogue(bundle.path)
    if settings is not None:
        doc = None
        report_file = Path(bundle.path) / "rapport.yaml"
        if present(report_file):
            doc = read_yaml(report_file, "rapport.yaml")
        check_settings(settings, cat, doc)
    areas = areas_of(report)
    if table is None:
        return KeyFigureData(pd.DataFrame(columns=COLUMNS), cat, areas)
    return KeyFigureData(normalise(table, cat, areas), cat, areas, tuple(table.notes))


# ---------------------------------------------------------------------------------------------
# The arithmetic: pure functions over pandas objects


class Observations:
    """The observations split by indicator once, so each indicator's table costs a lookup, not
    a scan of every row: with hundreds of indicators a scan per lookup grows quadratically."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._rows = dict(tuple(frame.groupby("indikator", sort=False))) if len(frame) else {}
        self._tables: dict[str, pd.DataFrame] = {}

    def rows(self, indicator: str) -> pd.DataFrame:
        return self._rows.get(indicator, self.frame.iloc[0:0])

    def values(self, indicator: str) -> pd.DataFrame:
        if indicator not in self._tables:
            self._tables[indicator] = values(self.rows(indicator), indicator)
        return self._tables[indicator]


def rows_of(obs: pd.DataFrame | Observations, *indicators: str) -> pd.DataFrame:
    """The observation rows of these indicators, from either form of the observations."""
    if isinstance(obs, Observations):
        parts = [obs.rows(i) for i in indicators]
        return pd.concat(parts) if len(parts) > 1 else parts[0]
    return obs[obs["indikator"].isin(indicators)]


def values(obs: pd.DataFrame | Observations, indicator: str) -> pd.DataFrame:
    """One indicator as a table: index year, one column per area; NaN where missing."""
    if isinstance(obs, Observations):
        return obs.values(indicator)
    rows = obs[obs["indikator"] == indicator]
    if rows.empty:
        return pd.DataFrame(dtype="float64")
    table = rows.pivot(index="aar", columns="omraade", values="vaerdi")
    table.columns.name = None
    return table.astype("float64")


def rate(numerator: pd.DataFrame | pd.Series, denominator: pd.DataFrame | pd.Series,
         per: float = 1000) -> pd.DataFrame | pd.Series:
    """numerator / denominator × per, aligned on year and area. A missing part or a denominator
    of 0 gives NaN: missing, not 0 and not infinity."""
    num, den = numerator.align(denominator, join="outer")
    den = den.where(den > 0)
    return num / den * per


def pooled_rate(numerator: pd.DataFrame, denominator: pd.DataFrame, members: list[str],
                per: float = 1000) -> tuple[pd.Series, dict[int, tuple[str, ...]]]:
    """The reference group's rate: Σ numerators / Σ denominators × per over `members`, per
    year. A year in which a member lacks either figure gets NaN, and the members lacking it are
    returned by year."""
    num = numerator.reindex(columns=members)
    den = denominator.reindex(columns=members)
    num, den = num.align(den, join="outer")
    lacking = num.isna() | den.isna()
    total_den = den.sum(axis=1, min_count=1)
    result = num.sum(axis=1, min_count=1) / total_den.where(total_den > 0) * per
    result = result.where(~lacking.any(axis=1))
    return result, _lacking_by_year(lacking)


def weighted_mean(value: pd.DataFrame, weight: pd.DataFrame | None, members: list[str]
                  ) -> tuple[pd.Series, dict[int, tuple[str, ...]]]:
    """The reference group's mean of a share, an index or an average: Σ value × weight / Σ
    weight, or the plain mean when there is no weight. NaN in a year a member lacks a figure."""
    val = value.reindex(columns=members)
    if weight is None:
        lacking = val.isna()
        result = val.mean(axis=1)
    else:
        w = weight.reindex(columns=members)
        val, w = val.align(w, join="outer")
        lacking = val.isna() | w.isna()
        total = w.sum(axis=1, min_count=1)
        result = (val * w).sum(axis=1, min_count=1) / total.where(total > 0)
    result = result.where(~lacking.any(axis=1))
    return result, _lacking_by_year(lacking)


def _lacking_by_year(lacking: pd.DataFrame) -> dict[int, tuple[str, ...]]:
    out = {}
    for year, row in lacking.iterrows():
        names = tuple(str(c) for c in row.index[row.to_numpy(dtype=bool)])
        if names:
            out[int(year)] = names
    return out


def relative(value: float | None, other: float | None) -> float | None:
    """How much `value` is above (+) or below (−) `other`, as a share of `other`; None when
    either is missing or `other` is 0."""
    if value is None or other is None or _nan(value) or _nan(other) or other == 0:
        return None
    return (value - other) / other


def change(series: pd.Series, start: int, end: int) -> float | None:
    """The change from `start` to `end` as a share of the value in `start` (0.4 = +40 %)."""
    return relative(_at(series, end), _at(series, start))


def _at(series: pd.Series | None, year: int) -> float | None:
    if series is None or year not in series.index:
        return None
    value = series.loc[year]
    return None if _nan(value) else float(value)


def _present_years(series: pd.Series) -> list[int]:
    return [int(y) for y in series.index[series.notna().to_numpy(dtype=bool)]]


def _nan(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# ---------------------------------------------------------------------------------------------
# Results


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
    mangler: tuple[str, ...]  # what could not be computed, in words
    saetninger: tuple[str, ...] = ()
    diagram: ChartSpec | None = None
    figur: int | None = None

    kind = "indikator"

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
    mangler: tuple[str, ...]
    saetninger: tuple[str, ...] = ()
    diagram: ChartSpec | None = None
    figur: int | None = None

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


# ---------------------------------------------------------------------------------------------
# Analyse


def unit_text(indicator: Indicator, cat: Catalogue) -> str:
    """The unit of the values shown for an indicator: `pr. 1.000 0–17-årige`, `kr. pr.
    0–17-årig`, `procent`, or the catalogue's own words."""
    if indicator.is_rate:
        den = cat.indicators[indicator.naevner]
        prefix = {"kr": "kr. ", "aarsvaerk": "årsværk "}.get(indicator.enhed, "")
        if indicator.pr == 1:
            return f"{prefix}pr. {den.ental or den.titel.lower()}"
        return f"{prefix}pr. {language.number(indicator.pr)} {den.flertal or den.titel.lower()}"
    if indicator.enhedstekst:
        return indicator.enhedstekst
    return {"procent": "procent", "kr": "kr.", "pr_1000_0_17": UNIT_WORDS["pr_1000_0_17"],
            "aarsvaerk": "årsværk"}.get(indicator.enhed, "")


def _years(frames: list[pd.DataFrame | pd.Series]) -> list[int]:
    found: set[int] = set()
    for f in frames:
        if f is None or len(f) == 0:
            continue
        present = f.notna().any(axis=1) if isinstance(f, pd.DataFrame) else f.notna()
        found |= {int(y) for y in f.index[present.to_numpy(dtype=bool)]}
    return list(range(min(found), max(found) + 1)) if found else []


def _column(frame: pd.DataFrame, name: str) -> pd.Series | None:
    return frame[name] if name in frame.columns else None


def indicator_series(obs: pd.DataFrame, indicator: Indicator, cat: Catalogue, areas: Areas,
                     pool_kommune: bool = True):
    """The three series of one indicator (in the unit shown), the municipality's counts when
    they are turned into rates, and the members lacking a figure by year."""
    raw = values(obs, indicator.id)
    members = list(areas.members) + ([areas.kommune] if pool_kommune else [])
    if not any(m in raw.columns and raw[m].notna().any() for m in areas.members):
        members = []  # no member has this figure at all: no group, and nothing to report
    lacking: dict[int, tuple[str, ...]] = {}
    counts = None
    if indicator.is_rate:
        den = values(obs, indicator.naevner)
        shown = rate(raw, den, indicator.pr) if not raw.empty else raw
        counts = _column(raw, areas.kommune)
        if members and not raw.empty:
            group, lacking = pooled_rate(raw, den, members, indicator.pr)
        else:
            group = None
    elif indicator.enhed in COUNTS:  # counts without a denominator: no comparison
        shown, group = raw, None
    else:
        weight = values(obs, indicator.vaegt) if indicator.vaegt else None
        shown = raw
        if members and not raw.empty:
            group, lacking = weighted_mean(raw, weight, members)
        else:
            group = None
    kommune = _column(shown, areas.kommune)
    comparable_group = indicator.is_rate or indicator.enhed not in COUNTS
    national = _column(shown, LAND) if comparable_group else None
    years = _years([s for s in (kommune, group, national) if s is not None])
    table = pd.DataFrame(index=pd.Index(years, name="aar"), columns=[KOMMUNE, REFERENCE, NATIONAL],
                         dtype="float64")
    for name, series in ((KOMMUNE, kommune), (REFERENCE, group), (NATIONAL, national)):
        if series is not None:
            table[name] = series.reindex(years).astype("float64")
    if counts is not None:
        counts = counts.reindex(years)
    return table, counts, lacking


def analyse_indicator(obs: pd.DataFrame, indicator: Indicator, cat: Catalogue, areas: Areas,
                      settings: KeyFigureSettings) -> IndicatorResult | None:
    table, counts, lacking = indicator_series(obs, indicator, cat, areas,
                                              settings.referencegruppe_inkluderer_kommunen)
    kommune = table[KOMMUNE] if len(table) else pd.Series(dtype="float64")
    basis = counts if counts is not None else kommune
    present = [int(y) for y in basis.index[basis.notna().to_numpy(dtype=bool)]]
    if not present:
        return None
    first, last = present[0], present[-1]
    # Years after the municipality's last figure are not its data: the table, the chart's axis
    # and its title end there, and no note has to explain a year nobody shows.
    table = table.loc[:last]
    if counts is not None:
        counts = counts.loc[:last]
    periode = Change(first, last, change(basis, first, last)) if last > first else None
    seneste = None
    if last > first:
        prev = last - 1
        missing_year = prev if _at(basis, prev) is None else None
        seneste = Change(prev, last, change(basis, prev, last), missing_year)
    elif last - 1 in table.index:  # one year only, though others have the year before
        seneste = Change(last - 1, last, None, last - 1)
    group_values = table[REFERENCE]
    comparable_group = indicator.is_rate or indicator.enhed not in COUNTS
    goal = settings.maal.get(indicator.id)
    k_now = _at(kommune, last)
    comparison = None
    if comparable_group or goal is not None:
        ref_now = _at(group_values, last) if areas.members else None
        land_now = _at(table[NATIONAL], last)
        comparison = Comparison(
            aar=last, kommune=k_now, referencegruppe=ref_now, landsgennemsnit=land_now,
            mod_land=relative(k_now, land_now), mod_reference=relative(k_now, ref_now),
            reference_mangler=lacking.get(last, ()) if areas.members else (),
            maal=goal, mod_maal=relative(k_now, goal))
    rows = rows_of(obs, indicator.id, *([indicator.naevner] if indicator.is_rate else []))
    own = rows_of(obs, indicator.id)
    missing = _missing_notes(indicator, table, counts, lacking, areas, cat, obs)
    return IndicatorResult(
        indicator=indicator, unit_text=unit_text(indicator, cat), table=table, counts=counts,
        periode=periode, seneste=seneste, sammenligning=comparison,
        kilde=_sources(own if not own["kilde"].eq("").all() else rows), noter=_notes(own),
        mangler=missing)


def _missing_notes(indicator: Indicator, table: pd.DataFrame, counts, lacking, areas: Areas,
                   cat: Catalogue, obs: pd.DataFrame) -> tuple[str, ...]:
    notes = []
    kommune = table[KOMMUNE]
    gaps = [int(y) for y in table.index[kommune.isna().to_numpy(dtype=bool)]]
    if gaps:
        if counts is not None:
            have_count = [y for y in gaps if _at(counts, y) is not None]
            no_count = [y for y in gaps if y not in have_count]
            if no_count:
                notes.append(f"Der er ingen tal for {areas.kommune} i "
                             f"{language.years(no_count)}.")
            if have_count:
                den = cat.indicators[indicator.naevner].titel.lower()
                notes.append(f"{language.capitalize_first(den)} mangler for {areas.kommune} i "
                             f"{language.years(have_count)}, så raten kan ikke beregnes.")
        else:
            notes.append(f"Der er ingen tal for {areas.kommune} i {language.years(gaps)}.")
    comparable_group = indicator.is_rate or indicator.enhed not in COUNTS
    if comparable_group and areas.members:
        by_members: dict[tuple[str, ...], list[int]] = {}
        for year in table.index:
            if int(year) in lacking:
                by_members.setdefault(lacking[int(year)], []).append(int(year))
        for names, years in by_members.items():
            notes.append(f"Referencegruppens værdi kan ikke beregnes for "
                         f"{language.years(years)}, fordi tallene for "
                         f"{language.join(list(names))} mangler.")
    return tuple(notes)


def _sources(rows: pd.DataFrame) -> str:
    found: list[str] = []
    for text in rows.sort_values("raekke")["kilde"]:
        for part in re.split(r"\s*;\s*", text):
            if part and part not in found:
                found.append(part)
    return language.join(found)


def _notes(rows: pd.DataFrame) -> tuple[str, ...]:
    found: list[str] = []
    for text in rows.sort_values("raekke")["note"]:
        if text and text not in found:
            found.append(text)
    return tuple(found)


def analyse_distribution(obs: pd.DataFrame, dist: Distribution, cat: Catalogue, areas: Areas,
                         settings: KeyFigureSettings) -> DistributionResult | None:
    parts = tuple(cat.indicators[p] for p in dist.dele)
    tables = {p.id: values(obs, p.id) for p in parts}
    if all(t.empty or areas.kommune not in t.columns for t in tables.values()):
        return None
    # the latest year in which the municipality has every part
    years = None
    for t in tables.values():
        col = _column(t, areas.kommune)
        have = set() if col is None else {int(y) for y in _present_years(col)}
        years = have if years is None else years & have
    year = max(years) if years else None
    members = list(areas.members) + ([areas.kommune]
                                     if settings.referencegruppe_inkluderer_kommunen else [])
    shares = pd.DataFrame(index=pd.Index([p.id for p in parts]),
                          columns=[KOMMUNE, REFERENCE, NATIONAL], dtype="float64")
    missing: list[str] = []
    if year is None:
        missing.append(f"{areas.kommune} har ikke tal for alle dele af fordelingen i samme år.")
    else:
        def total_of(names: list[str]) -> tuple[pd.Series, list[str]]:
            amounts = pd.Series({p.id: _sum_at(tables[p.id], names, year) for p in parts},
                                dtype="float64")
            lacking = sorted({n for p in parts for n in names
                              if _at(_column(tables[p.id], n), year) is None})
            return amounts, lacking

        for column, names in ((KOMMUNE, [areas.kommune]), (REFERENCE, members),
                              (NATIONAL, [LAND])):
            if column == REFERENCE and not areas.members:
                continue
            amounts, lacking = total_of(names)
            total = amounts.sum(min_count=1)
            if lacking or _nan(total) or total <= 0:
                if column == REFERENCE and lacking:
                    missing.append(f"Referencegruppens fordeling kan ikke beregnes for {year}, "
                                   f"fordi tallene for {language.join(lacking)} mangler.")
                elif column == NATIONAL:
                    missing.append(f"Der er ingen tal for hele landet i {year}.")
                continue
            shares[column] = amounts / total
    rows = rows_of(obs, *dist.dele)
    if year is not None:
        rows = rows[rows["aar"] == year]
    return DistributionResult(distribution=dist, parts=parts, aar=year, shares=shares,
                              kilde=_sources(rows), noter=_notes(rows), mangler=tuple(missing))


def _sum_at(table: pd.DataFrame, names: list[str], year: int) -> float:
    total = 0.0
    for name in names:
        value = _at(_column(table, name), year)
        if value is None:
            return math.nan
        total += value
    return total


def gaps(obs: pd.DataFrame, cat: Catalogue, areas: Areas) -> tuple[tuple[str, str], ...]:
    """Indicators whose figures for the municipality are missing in years that other areas
    have: (title, years)."""
    out = []
    split = obs if isinstance(obs, Observations) else Observations(obs)
    for indicator in cat.indicators.values():
        rows = split.rows(indicator.id)
        if rows.empty or not indicator.vis:
            continue
        span = rows.loc[rows["vaerdi"].notna(), "aar"]
        own = rows[(rows["omraade"] == areas.kommune) & rows["vaerdi"].notna()]["aar"]
        if span.empty:
            continue
        years = range(int(span.min()), int(span.max()) + 1)
        missing = [y for y in years if y not in set(own.astype(int))]
        if not missing:
            continue
        out.append((indicator.titel, "alle år" if own.empty else language.years(missing)))
    return tuple(out)


# what writes an item's sentences: (result, the municipality, which variant) → sentences
Wording = Callable[[Any, str, int], list[str]]


def analyse(data: KeyFigureData | None, report: Any, wording: Wording) -> KeyFigures | None:
    """All of chapter 4 from the normalised data and the report's settings; `wording` writes an
    item's sentences (sentences.for_result, passed in by analysis.py: the words build on these
    results, so this module cannot import them)."""
    if data is None:
        return None
    settings: KeyFigureSettings = getattr(report, "noegletal", None) or KeyFigureSettings()
    obs, cat, areas = Observations(data.observations), data.catalogue, data.areas
    silent = set(settings.uden_saetninger)
    in_distribution = {p for d in cat.distributions.values() for p in d.dele}
    first_part = {d.dele[0]: d for d in cat.distributions.values()}
    figure = 0
    variant = 0
    sections = []
    for section_id, title in SECTIONS.items():
        items: list[IndicatorResult | DistributionResult] = []
        for indicator in cat.indicators.values():
            if indicator.afsnit != section_id:
                continue
            if indicator.id in first_part and first_part[indicator.id].afsnit == section_id:
                dist = first_part[indicator.id]
                result = analyse_distribution(obs, dist, cat, areas, settings)
                if result is not None:
                    items.append(result)
            if not indicator.vis or indicator.id in in_distribution:
                continue
            result = analyse_indicator(obs, indicator, cat, areas, settings)
            if result is not None:
                items.append(result)
        finished = []
        for item in items:
            words = () if item.id in silent else tuple(
                wording(item, areas.kommune, variant))
            variant += 1  # the leading sentence's form takes turns down the chapter
            spec = chart_for(item, areas.kommune)
            if not words and spec is None:
                continue  # sentences switched off and nothing to draw: the text says it
            if spec is not None:
                figure += 1
            finished.append(replace(item, saetninger=words, diagram=spec,
                                    figur=figure if spec is not None else None))
        sections.append(SectionResult(section_id, title, settings.tekster.get(section_id, ""),
                                      tuple(finished)))
    years = obs.frame.loc[obs.frame["vaerdi"].notna(), "aar"]
    return KeyFigures(
        kommune=areas.kommune, referencegruppe=areas.members,
        inkluderer_kommunen=settings.referencegruppe_inkluderer_kommunen,
        udvaelgelse=settings.udvaelgelse, intro=settings.tekster.get("introduktion", ""),
        afsnit=tuple(sections),
        manglende=Missing(settings.tekster.get("manglende", ""), tuple(settings.manglende),
                          gaps(obs, cat, areas)),
        aar=(int(years.min()), int(years.max())) if not years.empty else None,
        notes=data.notes)


# ---------------------------------------------------------------------------------------------
# Charts: what to draw (charts.py decides how)

SERIES_NAMES = {REFERENCE: "Referencegruppe", NATIONAL: "Landsgennemsnit"}


def chart_for(item: IndicatorResult | DistributionResult, kommune: str) -> ChartSpec | None:
    if isinstance(item, DistributionResult):
        return _bars_spec(item, kommune)
    if item.indicator.diagram == "ingen" or item.table[KOMMUNE].notna().sum() == 0:
        return None
    if len(item.table.dropna(how="all")) < MIN_CHART_POINTS:
        return None  # one or two years are said in the sentences; two points are no trend
    return _line_spec(item, kommune)


# A line chart needs a table of this many years; fewer are told in words.
MIN_CHART_POINTS = 3


def _line_spec(result: IndicatorResult, kommune: str) -> ChartSpec:
    ind = result.indicator
    # The axis and the title's period run from the first to the last year with any figure.
    table = result.table.dropna(how="all")
    years = [int(y) for y in table.index]
    share = ind.enhed == "procent" and not ind.is_rate
    series = []
    for column in (KOMMUNE, REFERENCE, NATIONAL):
        column_values = table[column]
        if not column_values.notna().any():
            continue
        points = [None if _nan(v) else (float(v) / 100 if share else float(v))
                  for v in column_values]
        series.append({"navn": kommune if column == KOMMUNE else SERIES_NAMES[column],
                       "farve": column, "vaerdier": points})
    unit = result.unit_text
    title = ind.titel
    if ind.is_rate:
        title += f" {unit}" if unit.startswith("pr.") else f", {unit}"
    title += f", {years[0]}–{years[-1]}" if len(years) > 1 else f", {years[0]}"
    goal = result.sammenligning.maal if result.sammenligning else None
    data = {
        "aar": years, "serier": series, "procent": share,
        "enhed": "" if share else unit, "decimaler": ind.decimaler,
        "maal": (goal / 100 if share else goal) if goal is not None else None,
        "maal_navn": f"Kommunens mål ({_plain_value(ind, goal)})" if goal is not None else "",
    }
    return ChartSpec(id=f"noegletal-{ind.id}", kind="line", title=title,
                     alt=_line_alt(title, ind, series, years, share), data=data, height_cm=6.2)


def _plain_value(ind: Indicator, value: float) -> str:
    if ind.enhed == "procent" and not ind.is_rate:
        return language.percent_points(value, ind.decimaler)
    return language.number(value, ind.decimaler)


def _line_alt(title: str, ind: Indicator, series: list[dict], years: list[int],
              share: bool) -> str:
    said = [f"Linjediagram: {title}."]
    for serie in series:
        points = [(y, v) for y, v in zip(years, serie["vaerdier"], strict=True) if v is not None]
        fmt = (lambda v: language.percent(v, ind.decimaler)) if share else (
            lambda v: language.number(v, ind.decimaler))
        if len(points) == 1:
            text = f"{fmt(points[0][1])} i {points[0][0]}"
        else:
            text = f"fra {fmt(points[0][1])} i {points[0][0]} til {fmt(points[-1][1])} i " \
                   f"{points[-1][0]}"
        gaps = [y for y, v in zip(years, serie["vaerdier"], strict=True) if v is None]
        if gaps:
            text += f"; ingen tal for {language.years(gaps)}"
        said.append(f"{serie['navn']}: {text}.")
    return " ".join(said)


def _bars_spec(result: DistributionResult, kommune: str) -> ChartSpec | None:
    if result.aar is None or result.shares[KOMMUNE].isna().all():
        return None
    dist = result.distribution
    categories = [p.label for p in result.parts]
    series = []
    for column in (KOMMUNE, REFERENCE, NATIONAL):
        column_values = result.shares[column]
        if column_values.isna().all():
            continue
        series.append({"navn": kommune if column == KOMMUNE else SERIES_NAMES[column],
                       "farve": column,
                       "vaerdier": [None if _nan(v) else float(v) for v in column_values]})
    title = f"{dist.titel}, {result.aar}"
    said = [f"Søjlediagram: {title}, i procent."]
    for serie in series:
        pairs = [f"{c.lower()} {language.percent(v) if v is not None else 'mangler'}"
                 for c, v in zip(categories, serie["vaerdier"], strict=True)]
        said.append(f"{serie['navn']}: {', '.join(pairs)}.")
    return ChartSpec(id=f"noegletal-{dist.id}", kind="bars", title=title, alt=" ".join(said),
                     data={"kategorier": categories, "serier": series, "procent": True,
                           "enhed": f"procent af {dist.navn}", "decimaler": 0},
                     height_cm=1.8 + 0.45 * len(categories) * len(series))


def facts(data: KeyFigureData | None, report: Any, wording: Wording) -> dict[str, Any]:
    """The facts of chapter 4 for analysis.py; empty when the bundle has no key figures."""
    result = analyse(data, report, wording)
    if result is None:
        return {}
    return result.facts()

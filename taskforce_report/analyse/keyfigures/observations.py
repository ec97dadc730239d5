"""NORMALISE for the key figures: noegletal.csv (or data.xlsx's sheet) → tidy observations, one
row per indicator, area and year, `vaerdi` NaN where a value is missing (never 0), naming file
and row for every mistake; and the check of rapport.yaml's `noegletal:` settings against the
catalogue the bundle was loaded with (`Bundle.indicators`). Nothing here reads a file: the
bundle's loader has read them all."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from taskforce_report.analyse.keyfigures.areas import LAND, Areas, areas_of
from taskforce_report.analyse.keyfigures.arithmetic import count_behind
from taskforce_report.core import language
from taskforce_report.core.errors import (
    MAX_ROW_PROBLEMS,
    InputError,
    Problem,
    raise_row_problems,
    suggest,
)
from taskforce_report.load.indicators import UNIT_WORDS, Catalogue, Indicator, catalogue
from taskforce_report.load.tables import Table, parse_number
from taskforce_report.load.yamlfile import YamlDocument
from taskforce_report.models.evidence import KeyFigureSettings

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


def check_bases(obs: pd.DataFrame, table: Table, cat: Catalogue, areas: Areas) -> None:
    """A share whose catalogue entry names its base (`grundlag`: omgoerelser of klagesager) is
    printed as a count in a year the municipality has fewer than language.SMALL_BASE cases of
    that base ("2 af 4 klagesager"), so there its share must be a whole count of the base."""
    problems: list[Problem] = []
    own = obs[obs["omraade"] == areas.kommune]
    for indicator in cat.indicators.values():
        if not indicator.grundlag:
            continue
        base_ind = cat.indicators[indicator.grundlag]
        noun = base_ind.flertal or base_ind.titel.lower()
        bases = own[own["indikator"] == base_ind.id].set_index("aar")
        for year, share, row in own.loc[own["indikator"] == indicator.id,
                                         ["aar", "vaerdi", "raekke"]].itertuples(index=False):
            if year not in bases.index or share != share:
                continue
            base, base_row = bases.loc[year, "vaerdi"], int(bases.loc[year, "raekke"])
            if not language.is_small_base(base):
                continue
            if not float(base).is_integer():
                problems.append(table.problem(base_row, "vaerdi", (
                    f"{base_ind.id} for {areas.kommune} i {year}: forventede et helt antal "
                    f"{noun}, fandt {_as_typed(base)}")))
            elif count_behind(share, base) is None:
                whole = language.join([language.percent(k / base, indicator.decimaler)
                                       for k in range(int(base) + 1)], "eller")
                problems.append(table.problem(int(row), "vaerdi", (
                    f"{indicator.id} for {areas.kommune} i {year} er en andel af "
                    f"{language.number(base)} {noun} (række {base_row}) og skal svare til et "
                    f"helt antal af dem; forventede {whole}, fandt {_as_typed(share)}")))
    raise_row_problems(table.source, problems)


def _as_typed(value: float) -> str:
    """A figure of the csv in an error as it was written: `23`, `33,3`, `4,5`."""
    text = language.number(value, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


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
    """The normalise step for a bundle: settings check and observations, against the catalogue
    the bundle was loaded with (the package's alone for a bundle made without one)."""
    report = bundle.report
    settings: KeyFigureSettings | None = getattr(report, "noegletal", None)
    table = bundle.tables.get("noegletal")
    if table is None and (settings is None or settings == KeyFigureSettings()):
        return None
    cat = bundle.indicators if bundle.indicators is not None else catalogue()
    if settings is not None:
        check_settings(settings, cat, bundle.report_doc)
    areas = areas_of(report)
    if table is None:
        return KeyFigureData(pd.DataFrame(columns=COLUMNS), cat, areas)
    obs = normalise(table, cat, areas)
    check_bases(obs, table, cat, areas)
    return KeyFigureData(obs, cat, areas, tuple(table.notes))

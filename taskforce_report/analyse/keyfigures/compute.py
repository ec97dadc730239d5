"""ANALYSE for the key figures, item by item: per indicator the municipality, the reference
group and the national figure over the years, the changes and the comparisons, and what could
not be computed and why; per distribution the shares of its parts in one year; and the gaps in
the municipality's figures. Built on the pure arithmetic in arithmetic.py.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from taskforce_report.analyse.keyfigures.areas import KOMMUNE, LAND, NATIONAL, REFERENCE, Areas
from taskforce_report.analyse.keyfigures.arithmetic import (
    Observations,
    change,
    count_behind,
    is_nan,
    pooled_rate,
    present_years,
    rate,
    relative,
    rows_of,
    value_at,
    values,
    weighted_mean,
)
from taskforce_report.analyse.keyfigures.results import (
    Change,
    Comparison,
    DistributionResult,
    Gap,
    IndicatorResult,
)
from taskforce_report.core import language
from taskforce_report.load.indicators import (
    COUNTS,
    Catalogue,
    Distribution,
    Indicator,
)
from taskforce_report.models.evidence import KeyFigureSettings


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
                      settings: KeyFigureSettings, unit: str) -> IndicatorResult | None:
    """One indicator's result; `unit` is the unit of its shown values in words (words/ writes
    it: `pr. 1.000 0–17-årige`), carried for the sentences and the chart's title."""
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
        missing_year = prev if value_at(basis, prev) is None else None
        seneste = Change(prev, last, change(basis, prev, last), missing_year)
    elif last - 1 in table.index:  # one year only, though others have the year before
        seneste = Change(last - 1, last, None, last - 1)
    group_values = table[REFERENCE]
    comparable_group = indicator.is_rate or indicator.enhed not in COUNTS
    goal = settings.maal.get(indicator.id)
    k_now = value_at(kommune, last)
    comparison = None
    if comparable_group or goal is not None:
        ref_now = value_at(group_values, last) if areas.members else None
        land_now = value_at(table[NATIONAL], last)
        comparison = Comparison(
            aar=last, kommune=k_now, referencegruppe=ref_now, landsgennemsnit=land_now,
            mod_land=relative(k_now, land_now), mod_reference=relative(k_now, ref_now),
            reference_mangler=lacking.get(last, ()) if areas.members else (),
            maal=goal, mod_maal=relative(k_now, goal))
    rows = rows_of(obs, indicator.id, *([indicator.naevner] if indicator.is_rate else []))
    own = rows_of(obs, indicator.id)
    small = _small_bases(obs, indicator, table, areas)
    base = cat.indicators[indicator.grundlag] if indicator.grundlag else None
    gap = (Gap("lille_grundlag", tuple(y for y, _, _ in small),
               (base.flertal or base.titel.lower(),)),) if base and small else ()
    return IndicatorResult(
        indicator=indicator, unit_text=unit, table=table, counts=counts,
        periode=periode, seneste=seneste, sammenligning=comparison,
        kilde=_sources(own if not own["kilde"].eq("").all() else rows), noter=_notes(own),
        gaps=_gaps_of(indicator, table, counts, lacking, areas, cat) + gap,
        grundlag=base, smaa_grundlag=small)


def _small_bases(obs: pd.DataFrame, indicator: Indicator, table: pd.DataFrame,
                 areas: Areas) -> tuple[tuple[int, int, int], ...]:
    """(year, count, base) for each year in which the municipality's share rests on fewer than
    language.SMALL_BASE cases of its base (the catalogue's `grundlag`): one case moves such a
    share by ten points or more, so the report tells the count."""
    if not indicator.grundlag:
        return ()
    bases = _column(values(obs, indicator.grundlag), areas.kommune)
    found = []
    for year in table.index:
        share, base = value_at(table[KOMMUNE], int(year)), value_at(bases, int(year))
        if share is None or base is None or not language.is_small_base(base):
            continue
        count = count_behind(share, base)
        if count is not None:  # observations.check_bases refuses a share that fits no count
            found.append((int(year), count, int(base)))
    return tuple(found)


def _gaps_of(indicator: Indicator, table: pd.DataFrame, counts, lacking, areas: Areas,
             cat: Catalogue) -> tuple[Gap, ...]:
    found = []
    kommune = table[KOMMUNE]
    gaps = [int(y) for y in table.index[kommune.isna().to_numpy(dtype=bool)]]
    if gaps:
        if counts is not None:
            have_count = [y for y in gaps if value_at(counts, y) is not None]
            no_count = [y for y in gaps if y not in have_count]
            if no_count:
                found.append(Gap("kommune", tuple(no_count)))
            if have_count:
                found.append(Gap("naevner", tuple(have_count),
                                 (cat.indicators[indicator.naevner].titel,)))
        else:
            found.append(Gap("kommune", tuple(gaps)))
    comparable_group = indicator.is_rate or indicator.enhed not in COUNTS
    if comparable_group and areas.members:
        by_members: dict[tuple[str, ...], list[int]] = {}
        for year in table.index:
            if int(year) in lacking:
                by_members.setdefault(lacking[int(year)], []).append(int(year))
        for names, years in by_members.items():
            found.append(Gap("referencegruppe", tuple(years), names))
    return tuple(found)


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
        have = set() if col is None else {int(y) for y in present_years(col)}
        years = have if years is None else years & have
    year = max(years) if years else None
    members = list(areas.members) + ([areas.kommune]
                                     if settings.referencegruppe_inkluderer_kommunen else [])
    shares = pd.DataFrame(index=pd.Index([p.id for p in parts]),
                          columns=[KOMMUNE, REFERENCE, NATIONAL], dtype="float64")
    missing: list[Gap] = []
    if year is None:
        missing.append(Gap("fordeling_aar"))
    else:
        def total_of(names: list[str]) -> tuple[pd.Series, list[str]]:
            amounts = pd.Series({p.id: _sum_at(tables[p.id], names, year) for p in parts},
                                dtype="float64")
            lacking = sorted({n for p in parts for n in names
                              if value_at(_column(tables[p.id], n), year) is None})
            return amounts, lacking

        for column, names in ((KOMMUNE, [areas.kommune]), (REFERENCE, members),
                              (NATIONAL, [LAND])):
            if column == REFERENCE and not areas.members:
                continue
            amounts, lacking = total_of(names)
            total = amounts.sum(min_count=1)
            if lacking or is_nan(total) or total <= 0:
                if column == REFERENCE and lacking:
                    missing.append(Gap("fordeling_referencegruppe", (year,), tuple(lacking)))
                elif column == NATIONAL:
                    missing.append(Gap("land", (year,)))
                continue
            shares[column] = amounts / total
    rows = rows_of(obs, *dist.dele)
    if year is not None:
        rows = rows[rows["aar"] == year]
    small = _small_distribution(tables, parts, areas, year)
    if small:
        missing.append(Gap("lille_fordeling", (year,), (dist.navn.removeprefix("de "),)))
    return DistributionResult(distribution=dist, parts=parts, aar=year, shares=shares,
                              kilde=_sources(rows), noter=_notes(rows), gaps=tuple(missing),
                              smaa_grundlag=small)


def _small_distribution(tables: dict[str, pd.DataFrame], parts: tuple[Indicator, ...],
                        areas: Areas, year: int | None) -> tuple[int, ...]:
    """The municipality's count per part when a distribution of persons counts fewer than
    language.SMALL_BASE in all: one person moves a share by ten points or more, so the
    report tells the counts; () otherwise (and for amounts, which are no cases)."""
    if year is None or any(p.enhed != "antal" for p in parts):
        return ()
    counts = [value_at(_column(tables[p.id], areas.kommune), year) for p in parts]
    if any(c is None or not float(c).is_integer() for c in counts):
        return ()
    return tuple(int(c) for c in counts) if language.is_small_base(sum(counts)) else ()


def _sum_at(table: pd.DataFrame, names: list[str], year: int) -> float:
    total = 0.0
    for name in names:
        value = value_at(_column(table, name), year)
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


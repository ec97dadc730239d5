"""Key figures (nøgletal, chapter 4): noegletal.csv in; rates, reference-group values, changes,
comparisons, charts and sentences out.

The steps, each a plain function in its own module:
- the indicator catalogue (the package's, plus a bundle's own `indikatorer.yaml`) is read by
  the bundle's loader, load/indicators.py, and held by the bundle;
- `observations.prepare()` checks rapport.yaml's `noegletal:` settings against it and turns
  the bundle's table into tidy observations (one row per indicator, area and year; `vaerdi` NaN
  where a value is missing, never 0), naming file and row for every mistake; areas.py matches
  the area names;
- `analyse()` (here) computes, per indicator, the municipality, the reference group and the
  national figure over the years, the changes and the comparisons, and what could not be
  computed and why (compute.py), into the typed results of results.py. The pure helpers of
  arithmetic.py (`rate`, `pooled_rate`, `weighted_mean`, `change`, `relative`) work on pandas
  objects and are what the tests check against figures worked out by hand;
- what to draw (`chart_for`, here, as charts/spec.py's plain data); the words (sentences, alt
  texts and the units' wording) are written by words/, passed in as a `Wording`.

The reference group's value per unit (see docs/bundle-format.md): counts with a denominator
(antal, årsværk, kr.) are summed numerators over summed denominators, never a mean of rates;
procent, indeks, gennemsnit and rates given directly are a mean weighted by the catalogue's
`vaegt` indicator, or an unweighted mean when it names none; counts without a denominator get no
group value, since areas of different size cannot be compared on counts. A year in which any
member lacks a value has no group value: it is reported, not guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, NamedTuple

from taskforce_report.analyse.keyfigures.areas import KOMMUNE, NATIONAL, REFERENCE
from taskforce_report.analyse.keyfigures.arithmetic import Observations, is_nan
from taskforce_report.analyse.keyfigures.compute import (
    analyse_distribution,
    analyse_indicator,
    gaps,
)
from taskforce_report.analyse.keyfigures.observations import KeyFigureData
from taskforce_report.analyse.keyfigures.results import (
    DistributionResult,
    IndicatorResult,
    KeyFigures,
    Missing,
    SectionResult,
)
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.load.indicators import SECTIONS, Catalogue, Indicator
from taskforce_report.models.evidence import KeyFigureSettings

# what writes a chart's alt text: (kind, title, the chart's data) → text
AltText = Callable[[str, str, dict[str, Any]], str]


class Wording(NamedTuple):
    """What writes chapter 4's words: words/sentences.WORDING, passed in by analysis.py (the
    words build on these results, so this package cannot import them)."""

    # an item's sentences: (result, the municipality, which variant) → sentences
    sentences: Callable[[Any, str, int], list[str]]
    alt: AltText  # a chart's alt text
    # an item's notes on what could not be computed (its `gaps`): (result, municipality) → notes
    missing: Callable[[Any, str], list[str]]
    # the unit of an indicator's shown values in words: (indicator, catalogue) → "pr. 1.000
    # 0–17-årige", "procent", "" (carried by the result for the sentences and chart titles)
    unit: Callable[[Indicator, Catalogue], str]


def analyse(data: KeyFigureData | None, report: Any, wording: Wording) -> KeyFigures | None:
    """All of chapter 4 from the normalised data and the report's settings; `wording` writes an
    item's sentences, its notes on what could not be computed and its chart's alt text."""
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
            result = analyse_indicator(obs, indicator, cat, areas, settings,
                                       wording.unit(indicator, cat))
            if result is not None:
                items.append(result)
        finished = []
        for item in items:
            words = () if item.id in silent else tuple(
                wording.sentences(item, areas.kommune, variant))
            variant += 1  # the leading sentence's form takes turns down the chapter
            spec = chart_for(item, areas.kommune, wording.alt)
            if not words and spec is None:
                continue  # sentences switched off and nothing to draw: the text says it
            if spec is not None:
                figure += 1
            finished.append(replace(item, saetninger=words, diagram=spec,
                                    mangler=tuple(wording.missing(item, areas.kommune)),
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
# Charts: what to draw (charts.py decides how; words/charttexts.py says it)

SERIES_NAMES = {REFERENCE: "Referencegruppe", NATIONAL: "Landsgennemsnit"}


def chart_for(item: IndicatorResult | DistributionResult, kommune: str,
              alt: AltText) -> ChartSpec | None:
    if isinstance(item, DistributionResult):
        return _bars_spec(item, kommune, alt)
    if item.indicator.diagram == "ingen" or item.table[KOMMUNE].notna().sum() == 0:
        return None
    if len(item.table.dropna(how="all")) < MIN_CHART_POINTS:
        return None  # one or two years are said in the sentences; two points are no trend
    return _line_spec(item, kommune, alt)


# A line chart needs a table of this many years; fewer are told in words.
MIN_CHART_POINTS = 3


def _line_spec(result: IndicatorResult, kommune: str, alt: AltText) -> ChartSpec:
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
        points = [None if is_nan(v) else (float(v) / 100 if share else float(v))
                  for v in column_values]
        serie = {"navn": kommune if column == KOMMUNE else SERIES_NAMES[column],
                 "farve": column, "vaerdier": points}
        if column == KOMMUNE and result.smaa_grundlag:
            # a share on a small base is not drawn as a share: its year is labelled with the
            # count ("2 af 4"), as the sentences tell it
            small = [result.small_base(y) for y in years]
            serie["vaerdier"] = [None if c else v for v, c in zip(points, small, strict=True)]
            serie["antal"] = [list(c) if c else None for c in small]
        series.append(serie)
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
    if result.smaa_grundlag and result.grundlag is not None:
        data["grundlag"] = result.grundlag.flertal or result.grundlag.titel.lower()
    return ChartSpec(id=f"noegletal-{ind.id}", kind="line", title=title,
                     alt=alt("line", title, data), data=data, height_cm=6.2)


def _plain_value(ind: Indicator, value: float) -> str:
    if ind.enhed == "procent" and not ind.is_rate:
        return language.percent_points(value, ind.decimaler)
    return language.number(value, ind.decimaler)


def _bars_spec(result: DistributionResult, kommune: str, alt: AltText) -> ChartSpec | None:
    if result.aar is None or result.shares[KOMMUNE].isna().all():
        return None
    dist = result.distribution
    categories = [p.label for p in result.parts]
    series = []
    for column in (KOMMUNE, REFERENCE, NATIONAL):
        column_values = result.shares[column]
        if column_values.isna().all():
            continue
        serie = {"navn": kommune if column == KOMMUNE else SERIES_NAMES[column],
                 "farve": column,
                 "vaerdier": [None if is_nan(v) else float(v) for v in column_values]}
        if column == KOMMUNE and result.smaa_grundlag:
            # fewer than language.SMALL_BASE persons: bars labelled with counts, not drawn
            total = sum(result.smaa_grundlag)
            serie["vaerdier"] = [None] * len(categories)
            serie["antal"] = [[c, total] for c in result.smaa_grundlag]
        series.append(serie)
    title = f"{dist.titel}, {result.aar}"
    data = {"kategorier": categories, "serier": series, "procent": True,
            "enhed": f"procent af {dist.navn}", "decimaler": 0}
    return ChartSpec(id=f"noegletal-{dist.id}", kind="bars", title=title,
                     alt=alt("bars", title, data), data=data,
                     height_cm=1.8 + 0.45 * len(categories) * len(series))


def facts(data: KeyFigureData | None, report: Any, wording: Wording) -> dict[str, Any]:
    """The facts of chapter 4 for analysis.py; empty when the bundle has no key figures."""
    result = analyse(data, report, wording)
    if result is None:
        return {}
    return result.facts()


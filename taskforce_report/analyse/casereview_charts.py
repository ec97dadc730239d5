"""The case review's chart specs (plain data for the chart stage): per theme the assessments
per criterion, the municipality's shares beside the national results, and the status round
beside the baseline. A share on a small base is never drawn where its table withholds it. The
titles, series names, bar labels and alt texts come from the `ChartWording` handed in
(words/casereview_charts.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from taskforce_report.analyse.casereview import CaseReview, ThemeReview
from taskforce_report.analyse.casereview_rounds import RoundComparison
from taskforce_report.analyse.casereview_wording import ChartWording
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language


def charts(result: CaseReview, wording: ChartWording) -> list[ChartSpec]:
    """One bar chart per theme: ja, delvist and nej per criterion, in cases."""
    specs = []
    for theme in result.temaer.values():
        if not theme.chart:
            continue
        rows = [(r.kort, r.ja, r.delvist, r.nej) for r in theme.kriterier if r.relevante]
        title, alt = wording.theme(theme.overskrift, rows)
        specs.append(ChartSpec(
            id=theme.chart, kind="criteria_bars", title=title, alt=alt,
            data={"rows": tuple(rows), "x_label": wording.cases_axis,
                  "serier": wording.assessments},
            height_cm=round(1.9 + 0.85 * len(rows), 2)))
        if theme.chart_land:
            specs.append(national_chart(theme, wording))
    return specs


@dataclass(frozen=True)
class Bar:
    """One bar of a share chart: the share drawn (None: no share bar), and the count met of
    the base (None: not measured), for a chart that shows counts; its label is the
    wording's (`ChartWording.bar_label`)."""

    andel: float | None
    opfyldt: int | None = None
    grundlag: int = 0


def chart_bar(share: float | None, met: int, base: int, small: bool) -> Bar:
    """One bar of a share chart. On a small base (`small`, decided by language.is_small_base
    as the tables decide it) no share is drawn and the bar keeps the count its label says
    ("3 af 4"), so a chart never shows a percentage its table withholds."""
    if share is None:
        return Bar(None)
    if small:
        return Bar(None, met, base)
    return Bar(share, met, base)


def _bars_data(rows: list[tuple[str, Bar, Bar]], serier: tuple[str, str],
               label: Callable[[Bar], str]) -> dict[str, Any]:
    """The round_bars chart's data: per row the two values drawn and their labels. While any
    share is drawn, the chart is of shares (a small base is labelled with its count and has no
    bar); when none is, it is a chart of counts: bars of the cases met, labelled "4 af 10" on
    an axis of cases, and `procent` False, so no percentage is shown anywhere."""
    shares = any(bar.andel is not None for _, a, b in rows for bar in (a, b))
    return {"rows": tuple((label, *((bar.andel if shares else bar.opfyldt) for bar in (a, b)))
                          for label, a, b in rows),
            "etiketter": tuple((label(a), label(b)) for _, a, b in rows),
            "serier": serier,
            "procent": shares,
            "grundlag": max((bar.grundlag for _, a, b in rows for bar in (a, b)), default=0)}


def with_axis(data: dict[str, Any], wording: ChartWording) -> dict[str, Any]:
    """A round chart's data with the words under its axis: of shares, or of cases."""
    return {**data, "x_label": wording.share_axis if data["procent"] else wording.count_axis}


def national_chart(theme: ThemeReview, wording: ChartWording) -> ChartSpec:
    """Per criterion with a national result: the municipality's share counted as the
    barometer counts, beside the national share; the municipality's as a count where its
    table shows no share (fewer than language.SMALL_BASE relevant cases)."""
    found = theme.landsresultater
    years = sorted({r.landsresultat.aar for r in found})
    rows = [(r.kort,
             chart_bar(r.andel_som_landet, r.opfyldt, r.relevante,
                       language.is_small_base(r.relevante)),
             chart_bar(r.landsresultat.andel / 100, 0, 0, False)) for r in found]
    title, alt = wording.national(theme.overskrift, rows)
    return ChartSpec(
        id=theme.chart_land, kind="round_bars", title=title, alt=alt,
        data=with_axis(_bars_data(rows, wording.national_series(years), wording.bar_label),
                       wording),
        height_cm=round(2.2 + 1.05 * len(found), 2))


def comparison_charts(result: RoundComparison, labels: tuple[str, str],
                      wording: ChartWording) -> list[ChartSpec]:
    """One chart per theme: per criterion the share met in each round, side by side.
    `labels` names the rounds in the legend ("Baselinemåling, april 2019", …)."""
    specs = []
    for group in result.grupper:
        if not group.chart:
            continue
        # as the table: a criterion with a small base in either round shows counts in both
        rows = [(c.kort, *(chart_bar(r.andel, r.opfyldt, r.relevante, c.lille_grundlag)
                           for r in (c.baseline, c.status))) for c in group.kriterier]
        data = with_axis(_bars_data(rows, tuple(labels), wording.bar_label), wording)
        title, alt = wording.rounds(group.overskrift, rows, labels, data["procent"])
        specs.append(ChartSpec(
            id=group.chart, kind="round_bars", title=title, alt=alt, data=data,
            height_cm=round(2.2 + 1.05 * len(rows), 2)))
    return specs

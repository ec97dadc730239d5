"""The case review's chart specs (plain data for the chart stage): per theme the assessments
per criterion, the municipality's shares beside the national results, and the status round
beside the baseline. A share on a small base is never drawn where its table withholds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from taskforce_report.analyse.casereview import CaseReview, ThemeReview
from taskforce_report.analyse.casereview_rounds import RoundComparison
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language


def charts(result: CaseReview) -> list[ChartSpec]:
    """One bar chart per theme: ja, delvist and nej per criterion, in cases."""
    specs = []
    for theme in result.temaer.values():
        if not theme.chart:
            continue
        rows = [(r.kort, r.ja, r.delvist, r.nej) for r in theme.kriterier if r.relevante]
        parts = [f"{label}: {language.number(ja)} ja, {language.number(partly)} delvist og "
                 f"{language.number(no)} nej" for label, ja, partly, no in rows]
        specs.append(ChartSpec(
            id=theme.chart, kind="criteria_bars",
            title=f"Sagsgennemgangen: {theme.overskrift.lower()}",
            alt=(f"Vandret søjlediagram over Ankestyrelsens vurderinger i sagsgennemgangen "
                 f"for temaet {theme.overskrift.lower()}, i antal sager, hvor kravet er "
                 f"relevant. " + "; ".join(parts) + "."),
            data={"rows": tuple(rows), "x_label": "Antal sager"},
            height_cm=round(1.9 + 0.85 * len(rows), 2)))
        if theme.chart_land:
            specs.append(national_chart(theme))
    return specs


@dataclass(frozen=True)
class Bar:
    """One bar of a share chart: the share drawn (None: no share bar), its label, and the
    count met of the base, for a chart that shows counts."""

    andel: float | None
    tekst: str
    opfyldt: int | None = None
    grundlag: int = 0


def chart_bar(share: float | None, met: int, base: int, small: bool) -> Bar:
    """One bar of a share chart and its label. On a small base (`small`, decided by
    language.is_small_base as the tables decide it) no share is drawn and the label is the
    count ("3 af 4"), so a chart never shows a percentage its table withholds."""
    if share is None:
        return Bar(None, "ikke målt")
    if small:
        return Bar(None, f"{language.number(met)} af {language.number(base)}", met, base)
    return Bar(share, language.percent(share), met, base)


def _bars_data(rows: list[tuple[str, Bar, Bar]], serier: tuple[str, str]) -> dict[str, Any]:
    """The round_bars chart's data: per row the two values drawn and their labels. While any
    share is drawn, the chart is of shares (a small base is labelled with its count and has no
    bar); when none is, it is a chart of counts: bars of the cases met, labelled "4 af 10" on
    an axis of cases, and `procent` False, so no percentage is shown anywhere."""
    shares = any(bar.andel is not None for _, a, b in rows for bar in (a, b))
    return {"rows": tuple((label, *((bar.andel if shares else bar.opfyldt) for bar in (a, b)))
                          for label, a, b in rows),
            "etiketter": tuple((a.tekst, b.tekst) for _, a, b in rows),
            "serier": serier,
            "procent": shares,
            "grundlag": max((bar.grundlag for _, a, b in rows for bar in (a, b)), default=0)}


def national_chart(theme: ThemeReview) -> ChartSpec:
    """Per criterion with a national result: the municipality's share counted as the
    barometer counts, beside the national share; the municipality's as a count where its
    table shows no share (fewer than language.SMALL_BASE relevant cases)."""
    found = theme.landsresultater
    years = sorted({r.landsresultat.aar for r in found})
    label = f"Landsresultat {years[0]}" if len(years) == 1 else "Landsresultat"
    rows = [(r.kort,
             chart_bar(r.andel_som_landet, r.opfyldt, r.relevante,
                       language.is_small_base(r.relevante)),
             chart_bar(r.landsresultat.andel / 100, 0, 0, False)) for r in found]
    parts = [f"{kort}: {a.tekst} i kommunen og {b.tekst} i landet" for kort, a, b in rows]
    return ChartSpec(
        id=theme.chart_land, kind="round_bars",
        title=f"Sagsgennemgangen og landsresultatet: {theme.overskrift.lower()}",
        alt=(f"Vandret søjlediagram over andelen af sager, hvor kravet er opfyldt eller "
             f"lovligt undladt, i kommunen og i landet, for {theme.overskrift.lower()}. "
             + "; ".join(parts) + "."),
        data=_bars_data(rows, ("Kommunen", label)),
        height_cm=round(2.2 + 1.05 * len(found), 2))


def comparison_charts(result: RoundComparison, labels: tuple[str, str]) -> list[ChartSpec]:
    """One chart per theme: per criterion the share met in each round, side by side.
    `labels` names the rounds in the legend ("Baselinemåling, april 2019", …)."""
    specs = []
    for group in result.grupper:
        if not group.chart:
            continue
        # as the table: a criterion with a small base in either round shows counts in both
        rows = [(c.kort, *(chart_bar(r.andel, r.opfyldt, r.relevante, c.lille_grundlag)
                           for r in (c.baseline, c.status))) for c in group.kriterier]
        parts = [f"{kort}: {a.tekst} i {labels[0].lower()} og {b.tekst} i {labels[1].lower()}"
                 for kort, a, b in rows]
        data = _bars_data(rows, tuple(labels))
        what = ("andelen af sager" if data["procent"]
                else "antallet af sager ud af de relevante")
        specs.append(ChartSpec(
            id=group.chart, kind="round_bars",
            title=f"Statusmåling: {group.overskrift.lower()}",
            alt=(f"Vandret søjlediagram over {what}, hvor kravet er opfyldt, i de to "
                 f"målinger for {group.overskrift.lower()}. " + "; ".join(parts) + "."),
            data=data,
            height_cm=round(2.2 + 1.05 * len(rows), 2)))
    return specs

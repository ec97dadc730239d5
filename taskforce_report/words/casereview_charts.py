"""The words of the case review's charts, fed what each chart draws (analyse/casereview_charts.py
builds the specs): the titles, the axis of counts, the legend's series names, the labels of a
share chart's bars ("75 %", "3 af 4", "ikke målt") and the Danish alt texts, which say every
bar's figure so that a screen reader hears what the chart shows."""

from __future__ import annotations

from collections.abc import Sequence

from taskforce_report.analyse.casereview_charts import Bar
from taskforce_report.analyse.casereview_wording import ChartWording
from taskforce_report.core import language


def _assessments(rows: Sequence[tuple[str, int, int, int]]) -> str:
    parts = [f"{label}: {language.number(ja)} ja, {language.number(partly)} delvist og "
             f"{language.number(no)} nej" for label, ja, partly, no in rows]
    return "; ".join(parts) + "."


def theme_chart(overskrift: str, rows: Sequence[tuple[str, int, int, int]]) -> tuple[str, str]:
    """A theme's bar chart: ja, delvist and nej per criterion, in cases."""
    return (f"Sagsgennemgangen: {overskrift.lower()}",
            f"Vandret søjlediagram over Ankestyrelsens vurderinger i sagsgennemgangen "
            f"for temaet {overskrift.lower()}, i antal sager, hvor kravet er "
            f"relevant. " + _assessments(rows))


def social_chart(rows: Sequence[tuple[str, int, int, int]]) -> tuple[str, str]:
    """The social-work review's bar chart: ja, delvist and nej per dimension, in cases."""
    return ("Den socialfaglige sagsgennemgang",
            "Vandret søjlediagram over vurderingerne i den socialfaglige sagsgennemgang, i "
            "antal sager, hvor dimensionen er relevant. " + _assessments(rows))


def bar_label(bar: Bar) -> str:
    """A share chart's bar label: the share drawn; on a small base (no share drawn) the count
    ("3 af 4"), as its table shows it; "ikke målt" when the round did not measure it."""
    if bar.andel is not None:
        return language.percent(bar.andel)
    if bar.opfyldt is None:
        return "ikke målt"
    return f"{language.number(bar.opfyldt)} af {language.number(bar.grundlag)}"


def national_series(years: Sequence[int]) -> tuple[str, str]:
    """The legend: the municipality, and the national result with its year when there is one."""
    return ("Kommunen", f"Landsresultat {years[0]}" if len(years) == 1 else "Landsresultat")


def national_chart(overskrift: str, rows: Sequence[tuple[str, Bar, Bar]]) -> tuple[str, str]:
    """A theme's shares beside the national results."""
    parts = [f"{kort}: {bar_label(a)} i kommunen og {bar_label(b)} i landet"
             for kort, a, b in rows]
    return (f"Sagsgennemgangen og landsresultatet: {overskrift.lower()}",
            f"Vandret søjlediagram over andelen af sager, hvor kravet er opfyldt eller "
            f"lovligt undladt, i kommunen og i landet, for {overskrift.lower()}. "
            + "; ".join(parts) + ".")


def rounds_chart(overskrift: str, rows: Sequence[tuple[str, Bar, Bar]], labels: Sequence[str],
                 shares: bool) -> tuple[str, str]:
    """A theme's criteria in the two rounds side by side; `labels` name the rounds
    ("Baselinemåling, april 2019", …); `shares` False: the chart is of counts."""
    parts = [f"{kort}: {bar_label(a)} i {labels[0].lower()} og {bar_label(b)} i "
             f"{labels[1].lower()}" for kort, a, b in rows]
    what = "andelen af sager" if shares else "antallet af sager ud af de relevante"
    return (f"Statusmåling: {overskrift.lower()}",
            f"Vandret søjlediagram over {what}, hvor kravet er opfyldt, i de to "
            f"målinger for {overskrift.lower()}. " + "; ".join(parts) + ".")


# what analyse/casereview_charts.py and the social-work review are given to word their charts
WORDING = ChartWording(cases_axis="Antal sager",
                       assessments=("Opfyldt (ja)", "Delvist opfyldt", "Ikke opfyldt (nej)"),
                       share_axis="Andel af sagerne, hvor kravet er opfyldt",
                       count_axis="Antal sager, hvor kravet er opfyldt, ud af de relevante",
                       theme=theme_chart, social=social_chart,
                       bar_label=bar_label, national_series=national_series,
                       national=national_chart, rounds=rounds_chart)

"""What words the case review: the contract that words/casereview.py fills (`WORDING`) and
documents/ hands to the review, the round comparison, the social-work review and their chart
specs. ANALYSE computes the counts and may not import words/, a stage above it; so the
sentences, the counting rules' texts and the charts' titles, series names, labels and alt
texts are passed in, as the key figures' and the management audit's are.

`words` (a bool beside it) is rapport.yaml's `tal: ord`: numbers under ten in words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from taskforce_report.analyse.counting import RoundCount, Rule
from taskforce_report.models import CriterionEntry, NationalResult

# (subject, rows of (label, ja, delvist, nej)) → (title, alt text)
CriteriaChart = Callable[[str, Sequence[tuple[str, int, int, int]]], tuple[str, str]]


@dataclass(frozen=True)
class ChartWording:
    """The words of the case review's charts; the rows are what the chart draws."""

    cases_axis: str  # the axis of a chart of assessments in cases ("Antal sager")
    # the legend of a chart of assessments: ja, delvist, nej ("Opfyldt (ja)", …)
    assessments: tuple[str, str, str]
    share_axis: str  # the axis of a round chart of shares ("Andel af sagerne, hvor …")
    count_axis: str  # the axis of a round chart of counts, every base small ("Antal sager, …")
    theme: CriteriaChart  # a theme's assessments per criterion
    social: Callable[[Sequence[tuple[str, int, int, int]]], tuple[str, str]]  # per dimension
    # a share chart's bar (casereview_charts.Bar) → its label ("75 %", "3 af 4", "ikke målt")
    bar_label: Callable[[Any], str]
    # the national results' years → the legend's two series ("Kommunen", "Landsresultat 2020")
    national_series: Callable[[Sequence[int]], tuple[str, str]]
    # (theme heading, rows of (label, Bar, Bar)) → (title, alt text)
    national: Callable[[str, Sequence[tuple[str, Any, Any]]], tuple[str, str]]
    # (theme heading, rows of (label, Bar, Bar), the rounds' labels, whether shares are
    # drawn) → (title, alt text)
    rounds: Callable[[str, Sequence[tuple[str, Any, Any]], Sequence[str], bool],
                     tuple[str, str]]


@dataclass(frozen=True)
class Wording:
    """The case review's words, fed its typed counts (words/casereview.py `WORDING`)."""

    # (criterion, cases failed, cases relevant, words) → the finding ("I 5 ud af de 12 sager …")
    finding: Callable[[CriterionEntry, int, int, bool], str]
    # (cases criticised, cases failed, words) → "Ankestyrelsen udtaler kritik i …", or ""
    criticism: Callable[[int, int, bool], str]
    # (criteria criticised, cases criticised, cases relevant, words) → a theme's criticism
    theme_criticism: Callable[[int, int, int, bool], str]
    # (criterion, baseline, status, words) → the development between the two rounds
    change: Callable[[CriterionEntry, RoundCount, RoundCount, bool], str]
    rules: Callable[[Sequence[Rule]], str]  # how the rules used count, for the method text
    shares: Callable[[Sequence[Rule]], str]  # what "Andel opfyldt" is, for a table's note
    counted: Callable[[Rule], str]  # what a share counts under a rule, for a label
    describe: Callable[[Rule], str]  # how one rule counts, as sentences
    # a criterion's national result → the table's column ("2020: 55 %"), "" without one
    national: Callable[[NationalResult | None], str]
    # a theme's results with a national result → the note on them under its table
    national_note: Callable[[Sequence[Any]], str]
    # a round (counting.BASELINE, STATUS) → its title, the status measurement's column head
    # and the start of its chart legend ("Baselinemåling")
    round_titles: Mapping[str, str]
    charts: ChartWording

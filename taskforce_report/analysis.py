"""ANALYSE: derived figures and the facts that decide which chapters a report has.

Pure functions from the loaded bundle and its normalised tables to plain data. Later chapters
(key figures, case review, interviews) add their results here under their own fact names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from taskforce_report.bundle import Bundle
from taskforce_report.charts import ChartSpec
from taskforce_report.models import AnalysisReport


@dataclass(frozen=True)
class Basis:
    """What the analysis rests on, for section 1.5: only what the bundle actually has."""

    sager: int | None = None
    sagsudvaelgelse: Any = None
    selvevaluering: bool = False
    noegletal: bool = False
    interviewgrupper: tuple = ()
    boern: int | None = None
    boern_ord: str = ""


@dataclass(frozen=True)
class Results:
    facts: dict[str, Any] = field(default_factory=dict)  # by name, as concepts' `kraever` use
    charts: tuple[ChartSpec, ...] = ()  # what to draw; the chart stage draws them


def analyse(bundle: Bundle, tables: dict[str, Any]) -> Results:
    report = bundle.report
    if isinstance(report, AnalysisReport):
        return Results(facts=_analysis_report_facts(report, tables))
    return Results(facts={})


def _analysis_report_facts(report: AnalysisReport, tables: dict[str, Any]) -> dict[str, Any]:
    return {
        "resume": report.resume,
        "anbefalinger": report.anbefalinger,
        "temaer": report.temaer,
        "grundlag": Basis(),
    }

"""ANALYSE: the result every document type's analysis returns (`Results`: the facts that decide
which chapters a document has, and the charts to draw) and the analysis report's `Basis`.

Each document type assembles its facts from the analysis modules in its own module of
documents/ (documents/analyserapport.py, …), looked up by `dokument`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from taskforce_report.charts.spec import ChartSpec


@dataclass(frozen=True)
class Basis:
    """What the analysis rests on, for section 1.5: only what the bundle actually has."""

    sager: int | None = None
    sagsudvaelgelse: Any = None
    selvevaluering: bool = False
    noegletal: bool = False
    socialfaglig: int | None = None  # cases in the social-work review
    socialfaglig_af: str = ""  # who did it: "VISO"
    interviewgrupper: tuple = ()
    boern: int | None = None
    boern_ord: str = ""


@dataclass(frozen=True)
class Results:
    facts: dict[str, Any] = field(default_factory=dict)  # by name, as concepts' `kraever` use
    charts: tuple[ChartSpec, ...] = ()  # what to draw; the chart stage draws them

"""The drawers: one function per kind of chart (`ChartSpec.kind`), each drawing a spec's data
onto a Matplotlib Figure in the theme's colours, under the rc settings charts.style gives.
One module per document family; `DRAWERS` names them all, so a new kind is a function in its
module and a line here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskforce_report.charts.drawers import application, casereview, keyfigures, status
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.load.themes import Theme

DRAWERS: dict[str, Callable[[Any, ChartSpec, Theme], None]] = {
    "criteria_bars": casereview.criteria_bars,
    "line": keyfigures.key_figure_line,
    "bars": keyfigures.key_figure_bars,
    "goal_trend": status.goal_trend,
    "round_bars": casereview.round_bars,
    "month_bars": application.month_bars,
}

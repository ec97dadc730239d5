"""CHART: chart specs → deterministic SVG text, drawn with Matplotlib in the theme's style.

A `ChartSpec` is plain data made by the analysis (what to draw); this module decides how.
Chart text stays text (`svg.fonttype = none`), so WeasyPrint sets it in the document's font
and it can be searched and extracted. No timestamps, no random ids: the same spec and theme
give the same bytes. Drawing functions register themselves by kind in `DRAWERS`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from taskforce_report import language
from taskforce_report.themes import Theme


@dataclass(frozen=True)
class ChartSpec:
    id: str  # unique in the document, stable: "noegletal-underretninger"
    kind: str  # a key of DRAWERS: "line", "bars", ...
    title: str
    alt: str  # alt text, said in words from the data it shows
    data: dict[str, Any] = field(default_factory=dict)
    width_cm: float = 15.5
    height_cm: float = 7.0


DRAWERS: dict[str, Callable[[Any, ChartSpec, Theme], None]] = {}


def drawer(kind: str):
    def register(function):
        DRAWERS[kind] = function
        return function
    return register


def _rc(theme: Theme) -> dict[str, Any]:
    colours = theme.colours
    font = theme.fonts.get("broedtekst", "DejaVu Sans")
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "taskforce-report",
        "font.family": [font, "DejaVu Sans"],
        "font.size": 8.5,
        "axes.edgecolor": colours.get("linje", "#999999"),
        "axes.labelcolor": colours.get("tekst", "#222222"),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "grid.color": colours.get("linje", "#dddddd"),
        "grid.linewidth": 0.5,
        "xtick.color": colours.get("daempet", "#555555"),
        "ytick.color": colours.get("daempet", "#555555"),
        "legend.frameon": False,
        "path.simplify": True,
    }


def danish_axis(axis, decimals: int = 0, percent: bool = False) -> None:
    """Tick labels in Danish formats: 1.500, 0,5, 54 %."""
    from matplotlib.ticker import FuncFormatter

    if percent:
        axis.set_major_formatter(FuncFormatter(lambda v, _: language.percent(v, decimals)))
    else:
        axis.set_major_formatter(FuncFormatter(lambda v, _: language.number(v, decimals)))


_ID = re.compile(r'id="([^"]+)"')


def _clean_svg(svg: str, chart_id: str) -> str:
    """Drops the XML prolog (the SVG is inlined in HTML) and prefixes ids so several charts
    in one page cannot clash."""
    svg = svg[svg.index("<svg"):]
    svg = _ID.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r'(url\(#|xlink:href="#|href="#)([^")]+)',
                 lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", svg)
    return svg


def draw(spec: ChartSpec, theme: Theme) -> str:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(_rc(theme)):
        figure = Figure(figsize=(spec.width_cm / 2.54, spec.height_cm / 2.54))
        DRAWERS[spec.kind](figure, spec, theme)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None},
                       bbox_inches="tight", pad_inches=0.05)
    return _clean_svg(buffer.getvalue(), spec.id)


def draw_all(specs: list[ChartSpec], theme: Theme) -> dict[str, str]:
    return {spec.id: draw(spec, theme) for spec in specs}


@drawer("criteria_bars")
def criteria_bars(figure, spec: ChartSpec, theme: Theme) -> None:
    """The case review: one horizontal bar per criterion, stacked ja / delvist / nej in cases.

    data: rows = ((label, ja, delvist, nej), ...) top to bottom; x_label.
    """
    from matplotlib.ticker import MaxNLocator

    rows = list(spec.data["rows"])[::-1]  # barh draws bottom-up
    colours = theme.colours
    series = (("Opfyldt (ja)", 1, colours.get("opfyldt", "#2F6F4E")),
              ("Delvist opfyldt", 2, colours.get("naesten", "#C08A1E")),
              ("Ikke opfyldt (nej)", 3, colours.get("ikke_opfyldt", "#A33A2A")))
    ax = figure.add_subplot()
    positions = list(range(len(rows)))
    left = [0] * len(rows)
    for name, column, colour in series:
        values = [row[column] for row in rows]
        ax.barh(positions, values, left=left, height=0.62, color=colour, label=name,
                edgecolor="white", linewidth=0.6)
        for y, (start, value) in enumerate(zip(left, values, strict=True)):
            if value:
                ax.text(start + value / 2, y, language.number(value), ha="center", va="center",
                        color="white", fontsize=8, fontweight="bold")
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(positions, [row[0] for row in rows])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_axisbelow(True)
    ax.set_xlim(0, max(max(left), 1) * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    danish_axis(ax.xaxis)
    ax.set_xlabel(spec.data.get("x_label", ""))
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, borderaxespad=0.3,
              handlelength=1.2, columnspacing=1.4)

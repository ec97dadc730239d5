"""The theme's look in Matplotlib: the one text size, the theme's fonts made known to
Matplotlib, the rc settings every chart is drawn under, and Danish tick labels."""

from __future__ import annotations

from typing import Any

from taskforce_report.core import language
from taskforce_report.load.themes import Theme

# One text size for every chart: ticks, labels, legends and notes alike, never under 8 pt
# (the charts are placed at their drawn size, so a point here is a point on the page).
TEXT_SIZE = 8


_REGISTERED_FONTS: set[str] = set()


def register_fonts(theme: Theme) -> None:
    """Makes the theme's font files known to Matplotlib in this process. Without it Matplotlib
    looks the family up among the system's fonts, warns `findfont: … not found` for every text
    and measures the labels in its fallback, so their boxes are the wrong size in the PDF."""
    from matplotlib import font_manager

    for _face, path in theme.font_faces():
        key = str(path)
        if key not in _REGISTERED_FONTS:
            font_manager.fontManager.addfont(key)
            _REGISTERED_FONTS.add(key)


def rc_params(theme: Theme) -> dict[str, Any]:
    colours = theme.colours
    font = theme.fonts.get("broedtekst", "DejaVu Sans")
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "taskforce-report",
        "font.family": [font, "DejaVu Sans"],
        "font.size": TEXT_SIZE,
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

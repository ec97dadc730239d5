"""CHART: a chart spec → deterministic SVG text, drawn with Matplotlib in the theme's style (or
PNG, for Word).

A `ChartSpec` is plain data made by the analysis (what to draw, charts/spec.py); the drawer of
its kind (charts/drawers/) decides how. Chart text stays text (`svg.fonttype = none`), so
WeasyPrint sets it in the document's font and it can be searched and extracted. No timestamps,
no random ids: the same spec and theme give the same bytes.
"""

from __future__ import annotations

import io

from taskforce_report.charts.drawers import DRAWERS
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.charts.style import rc_params, register_fonts
from taskforce_report.charts.svg import clean_svg, with_alt
from taskforce_report.load.themes import Theme


def draw(spec: ChartSpec, theme: Theme) -> str:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import RendererSVG
    from matplotlib.figure import Figure

    register_fonts(theme)
    with rc_context(rc_params(theme)):
        figure = Figure(figsize=(spec.width_cm / 2.54, spec.height_cm / 2.54))
        DRAWERS[spec.kind](figure, spec, theme)
        # The tight box measured directly, in SVG's 72 units per inch: `bbox_inches="tight"`
        # would draw the whole figure once more to find it. Same numbers, a fifth less time.
        figure.set_dpi(72)
        width, height = figure.get_size_inches() * 72
        box = figure.get_tightbbox(RendererSVG(width, height, io.StringIO(), image_dpi=72))
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None},
                       bbox_inches=box.padded(0.05))
    return with_alt(clean_svg(buffer.getvalue(), spec.id), spec.alt)


def draw_png(spec: ChartSpec, theme: Theme) -> bytes:
    """A chart as PNG, in the theme's fonts and colours, without a timestamp (the Word file's
    pictures, output/wordfile.py)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    register_fonts(theme)
    with rc_context(rc_params(theme)):
        figure = Figure(figsize=(spec.width_cm / 2.54, spec.height_cm / 2.54))
        DRAWERS[spec.kind](figure, spec, theme)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=200, metadata={"Software": None},
                       bbox_inches="tight", pad_inches=0.05)
    return buffer.getvalue()

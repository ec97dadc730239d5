"""Chart text as the reader sees it: one size of at least 8 pt everywhere, no two labels on top
of each other, and no data above the highest tick. Every chart of every example document is
drawn as charts.draw.draw draws it, and the text boxes Matplotlib lays out are measured."""

from __future__ import annotations

import itertools

import pytest
from conftest import ROOT

from taskforce_report.build import prepare
from taskforce_report.charts import style
from taskforce_report.charts.drawers import DRAWERS

EXAMPLES = ["eksempel-kommune", "eksempel-pejlemaerker", "eksempel-tf-status",
            "eksempel-status", "eksempel-ansoegning"]


def laid_out(spec, theme):
    """The figure of `spec` drawn, with the renderer that measured it."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    style.register_fonts(theme)
    with rc_context(style.rc_params(theme)):
        figure = Figure(figsize=(spec.width_cm / 2.54, spec.height_cm / 2.54), dpi=72)
        DRAWERS[spec.kind](figure, spec, theme)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        return figure, canvas.get_renderer()


def texts(figure):
    from matplotlib.text import Text

    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def all_specs():
    found = []
    for name in EXAMPLES:
        prepared = prepare(ROOT / "input" / name)
        found += [(name, spec, prepared.theme) for spec in prepared.results.charts]
    return found


SPECS = all_specs()


@pytest.mark.parametrize(("example", "spec", "theme"), SPECS,
                         ids=[f"{e}:{s.id}" for e, s, _ in SPECS])
def test_chart_text_is_one_size_and_never_collides(example, spec, theme):
    figure, renderer = laid_out(spec, theme)
    shown = texts(figure)
    assert shown
    sizes = {round(t.get_fontsize(), 1) for t in shown}
    assert sizes == {style.TEXT_SIZE}, sizes
    assert style.TEXT_SIZE >= 8
    boxes = [(t.get_text(), t.get_window_extent(renderer).shrunk(0.97, 0.9)) for t in shown]
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"{spec.id}: «{a}» collides with «{b}»"
    for ax in figure.axes:
        # the month or year labels under the axis stand a space apart, never run together
        ticks = sorted((t.get_window_extent(renderer) for t in ax.get_xticklabels()
                        if t.get_visible() and t.get_text().strip()), key=lambda box: box.x0)
        for left, right in itertools.pairwise(ticks):
            assert right.x0 - left.x1 >= 2, f"{spec.id}: the axis labels run together"
        # a label on the data keeps two points clear of the axes: on one it runs into the ticks
        frame = ax.get_window_extent(renderer)
        for label in ax.texts:
            if label.get_visible() and label.get_text().strip():
                box = label.get_window_extent(renderer)
                assert frame.x0 + 2 <= box.x0 and box.x1 <= frame.x1 - 2, (
                    f"{spec.id}: «{label.get_text()}» runs over the axis")
    for ax in figure.axes:
        for line in ax.get_lines():
            ys = [y for y in line.get_ydata() if y == y]
            if ys and line.get_label() and not line.get_label().startswith("_"):
                top = max(t for t in ax.get_yticks() if t <= ax.get_ylim()[1] + 1e-9)
                assert max(ys) <= top + 1e-9, f"{spec.id}: data above the top tick"


def test_the_measure_sees_a_collision():
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(3, 2), dpi=72)
    ax = figure.add_subplot()
    ax.text(0.5, 0.5, "12 %", fontsize=8)
    ax.text(0.52, 0.5, "13 %", fontsize=8)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    a, b = [t.get_window_extent(canvas.get_renderer()).shrunk(0.97, 0.9) for t in ax.texts]
    assert a.overlaps(b)

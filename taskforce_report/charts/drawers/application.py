"""The application's chart: the notifications per month (month_bars)."""

from __future__ import annotations

from taskforce_report.charts.spec import ChartSpec
from taskforce_report.charts.style import TEXT_SIZE, danish_axis
from taskforce_report.core import language
from taskforce_report.load.themes import Theme


def month_bars(figure, spec: ChartSpec, theme: Theme) -> None:
    """A count per month as upright bars, each labelled with its count, and the monthly average
    as a dashed line; a month without a figure is labelled "mangler", never drawn as 0.

    data: labels ((month, year or ""), ...) left to right, values (count or None), gennemsnit
    and gennemsnit_navn (the average and its legend entry), hoejeste (the largest count).
    """
    import math

    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    colours = theme.colours
    bar_colour = colours.get("primaer", "#00385F")
    muted = colours.get("daempet", "#5A6670")
    values = list(spec.data["values"])
    labels = list(spec.data["labels"])
    top = max(spec.data.get("hoejeste") or 1, 1)
    ax = figure.add_subplot()
    xs = list(range(len(values)))
    bars = ax.bar(xs, [math.nan if v is None else v for v in values], 0.66, color=bar_colour,
                  zorder=2)
    # on a white ground, so the average's line never runs through a count
    ax.bar_label(bars, labels=["" if v is None else language.number(v) for v in values],
                 padding=2, fontsize=TEXT_SIZE,
                 color=colours.get("tekst", "#222222"), zorder=5,
                 bbox={"boxstyle": "square,pad=0.12", "facecolor": "white",
                       "edgecolor": "none"})
    for x, value in zip(xs, values, strict=True):
        if value is None:
            ax.text(x, top * 0.02, "mangler", rotation=90, ha="center", va="bottom",
                    fontsize=TEXT_SIZE, color=muted)
    average = spec.data.get("gennemsnit")
    handles = [Patch(color=bar_colour, label="Underretninger")]
    if average is not None:
        ax.axhline(average, color=colours.get("accent", "#B5523B"), linestyle=(0, (4, 2.5)),
                   linewidth=1.3, zorder=3)
        handles.append(Line2D([], [], color=colours.get("accent", "#B5523B"),
                              linestyle=(0, (4, 2.5)), linewidth=1.3,
                              label=spec.data.get("gennemsnit_navn") or "Gennemsnit"))
    step = max(1, math.ceil(len(values) / 18))  # at most 18 month labels
    ax.set_xticks(xs[::step], [f"{m}\n{y}" if y else m for m, y in labels[::step]])
    ax.tick_params(axis="x", length=0, labelsize=TEXT_SIZE)
    ax.set_xlim(-0.6, len(values) - 0.4)
    ax.set_ylim(0, top * 1.16)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True, steps=[1, 2, 5, 10]))
    danish_axis(ax.yaxis)
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2,
              borderaxespad=0.3, handlelength=1.8, columnspacing=1.4)

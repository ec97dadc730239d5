"""The status report's chart: one small chart per goal of the development plan (goal_trend)."""

from __future__ import annotations

import itertools

from taskforce_report.charts.spec import ChartSpec
from taskforce_report.charts.style import TEXT_SIZE, danish_axis
from taskforce_report.core import language
from taskforce_report.load.themes import Theme

# a character's width in points at the chart's text size, as an estimate before drawing
_CHAR_WIDTH = 0.55 * TEXT_SIZE


def goal_trend(figure, spec: ChartSpec, theme: Theme) -> None:
    """A goal across the audit rounds: the measured share as a line with its value at each point
    (a gap where a round measured nothing, never 0), each milestone as a hollow diamond at its
    month, the target as a dashed line. The x axis is time, in months.

    data: runder ((month number, label, share or None), ...), milepaele ((month number, share,
    label), ...), maal (the target share), maal_navn (its legend entry, "Mål 100 %"). A
    milestone's month is labelled on the axis, muted, where it does not crowd a round's label.
    """
    import math

    from matplotlib.lines import Line2D

    colours = theme.colours
    line_colour = colours.get("primaer", "#00385F")
    mark_colour = colours.get("accent", "#B5523B")
    muted = colours.get("daempet", "#5A6670")
    rounds = list(spec.data["runder"])
    milestones = list(spec.data.get("milepaele", ()))
    ax = figure.add_subplot()
    xs = [r[0] for r in rounds]
    shares = [math.nan if r[2] is None else r[2] for r in rounds]
    ax.plot(xs, shares, color=line_colour, linewidth=1.8, marker="o", markersize=4, zorder=3)
    for x, share in zip(xs, shares, strict=True):
        if share == share:
            # below the point when a milestone sits just above it, so the two stay readable
            crowded = any(abs(m[0] - x) <= 1.5 and -0.02 <= m[1] - share <= 0.16
                          for m in milestones)
            ax.annotate(language.percent(share), (x, share), textcoords="offset points",
                        xytext=(0, -6 if crowded else 5), ha="center",
                        va="top" if crowded else "bottom", fontsize=TEXT_SIZE,
                        color=colours.get("tekst"), zorder=5,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white",
                              "edgecolor": "none"})
        else:
            ax.text(x, 0.04, "ikke\nmålt", ha="center", va="bottom", fontsize=TEXT_SIZE,
                    color=muted)
    if milestones:
        ax.scatter([m[0] for m in milestones], [m[1] for m in milestones], marker="D", s=26,
                   facecolor="white", edgecolor=mark_colour, linewidth=1.3, zorder=4)
    goal = spec.data.get("maal")
    if goal is not None:
        ax.axhline(goal, color=muted, linestyle=(0, (4, 2.5)), linewidth=1.2, zorder=2)
    every = xs + [m[0] for m in milestones]
    # room beside the first and last month for a centred label ("100 %") and some air, so that
    # no label runs into the y axis and its ticks: half a label in points, as months
    half = 0.5 * _CHAR_WIDTH * 5 + 3
    width = ax.get_position().width * figure.get_figwidth() * 72
    span = max(every) - min(every)
    pad = max(0.7, half * span / max(width - 2 * half, 1.0))
    ax.set_xlim(min(every) - pad, max(every) + pad)
    step = max(1, math.ceil(len(rounds) / 4))  # at most four month labels
    ticks = [(r[0], r[1], False) for r in rounds[::-1][::step][::-1]]
    room = max(2, (max(every) - min(every)) / 6)  # months between two labels
    for x, _, label in milestones:
        if all(abs(x - t[0]) >= room for t in ticks):
            ticks.append((x, label, True))
    ticks.sort()
    labels = [t[1] for t in ticks]
    if _crowded(ticks, (width - 2 * half) / max(span, 1.0)):
        labels = [language.abbreviate_month(label) for label in labels]
    ax.set_xticks([t[0] for t in ticks], labels)
    for tick, (_, _, muted_label) in zip(ax.get_xticklabels(), ticks, strict=True):
        if muted_label:
            tick.set_color(mark_colour)
    ax.tick_params(axis="x", length=0, labelsize=TEXT_SIZE)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", labelsize=TEXT_SIZE)
    ax.set_ylim(0, 1.12)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    danish_axis(ax.yaxis, percent=True)
    handles = [Line2D([], [], color=line_colour, marker="o", markersize=4, linewidth=1.8,
                      label="Status")]
    if milestones:
        handles.append(Line2D([], [], color=mark_colour, marker="D", markersize=4.5,
                              markerfacecolor="white", linewidth=0, label="Milepæl"))
    if goal is not None:
        handles.append(Line2D([], [], color=muted, linestyle=(0, (4, 2.5)), linewidth=1.1,
                              label=spec.data.get("maal_navn") or "Mål"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.28),
              ncol=len(handles), fontsize=TEXT_SIZE, handlelength=1.6, columnspacing=1.2,
              borderaxespad=0.2)


def _crowded(ticks: list[tuple], points_per_month: float) -> bool:
    """Whether two neighbouring month labels, written out, would stand closer than a space:
    their widths estimated from the longest line at the chart's text size."""
    def width(label: str) -> float:
        return _CHAR_WIDTH * max(len(line) for line in label.split("\n"))

    return any((b[0] - a[0]) * points_per_month < (width(a[1]) + width(b[1])) / 2 + 4
               for a, b in itertools.pairwise(ticks))

"""The case review's charts: the criteria met per case (criteria_bars), and two rounds of
the review side by side, the baseline against the status measurement (round_bars)."""

from __future__ import annotations

from taskforce_report.charts.spec import ChartSpec
from taskforce_report.charts.style import TEXT_SIZE, danish_axis
from taskforce_report.core import colours as colours_
from taskforce_report.core import language
from taskforce_report.load.themes import Theme


def criteria_bars(figure, spec: ChartSpec, theme: Theme) -> None:
    """The case review: one horizontal bar per criterion, stacked ja / delvist / nej in cases.

    data: rows = ((label, ja, delvist, nej), ...) top to bottom; x_label; serier = the
    legend's names of ja, delvist and nej.
    """
    from matplotlib.ticker import MaxNLocator

    rows = list(spec.data["rows"])[::-1]  # barh draws bottom-up
    colours = theme.colours
    names = spec.data["serier"]
    series = ((names[0], 1, colours.get("opfyldt", "#2A7A66")),
              (names[1], 2, colours.get("naesten", "#B5821A")),
              (names[2], 3, colours.get("ikke_opfyldt", "#6E1C1C")))
    ax = figure.add_subplot()
    positions = list(range(len(rows)))
    left = [0] * len(rows)
    # A second cue beside colour: "ikke opfyldt" is hatched, "delvist" dotted, so the three
    # parts stay apart in grey print and for a reader who cannot tell red from green.
    hatches = {1: "", 2: "..", 3: "////"}
    for name, column, colour in series:
        values = [row[column] for row in rows]
        label_colour = colours_.text_on(colour, colours.get("tekst", "#1E1E1E"))
        ax.barh(positions, values, left=left, height=0.62, color=colour, label=name,
                       edgecolor="white", linewidth=0.6, hatch=hatches[column])
        for y, (start, value) in enumerate(zip(left, values, strict=True)):
            if value:
                ax.text(start + value / 2, y, language.number(value), ha="center", va="center",
                        color=label_colour, fontsize=TEXT_SIZE, fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.3", "facecolor": colour,
                              "edgecolor": "none"} if hatches[column] else None)
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


# ---- the Task Force's status report: the status measurement against the baseline ---------

def round_bars(figure, spec: ChartSpec, theme: Theme) -> None:
    """Two rounds of the case review: per criterion (top to bottom) the share met in the
    baseline (light) and in the status measurement (dark), each labelled with its percent; a
    round that measured nothing is labelled "ikke målt", never drawn as 0 %.

    data: rows = ((label, baseline share or None, status share or None), ...); serier = the
    two rounds' names for the legend; etiketter = per row the two labels, when the spec says
    them (a count such as "3 af 4" where the share stands on too small a base: no bar then);
    procent = False: the values are counts of cases (every base small), drawn on an axis of
    cases up to `grundlag`, the largest base, with no percentage anywhere; x_label = the words
    under the axis.
    """
    colours = theme.colours
    rows = list(spec.data["rows"])
    names = list(spec.data["serier"])
    series = ((names[0], 1, colours.get("referencegruppe", "#6A8FB0")),
              (names[1], 2, colours.get("primaer", "#00385F")))
    ax = figure.add_subplot()
    height = 0.36
    said = spec.data.get("etiketter") or tuple(
        tuple("ikke målt" if v is None else language.percent(v) for v in row[1:])
        for row in rows)
    shares = spec.data.get("procent", True)
    # the axis: shares to 100 % with room for a label; counts to the largest base likewise
    end = 1.0 if shares else max(spec.data.get("grundlag", 0), 1)
    for offset, (name, column, colour) in zip((height / 2, -height / 2), series, strict=True):
        ys = [len(rows) - 1 - i + offset for i in range(len(rows))]
        values = [row[column] for row in rows]
        ax.barh(ys, [0 if v is None else v for v in values], height * 0.9, color=colour,
                label=name, zorder=2)
        for y, value, labels in zip(ys, values, said, strict=True):
            ax.text((value or 0) + 0.012 * end, y, labels[column - 1], va="center",
                    fontsize=TEXT_SIZE,
                    color=colours.get("daempet" if value is None else "tekst", "#222222"))
    ax.set_yticks(range(len(rows)), [row[0] for row in rows][::-1])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_axisbelow(True)
    ax.set_xlim(0, end * 1.1 if shares else end * 1.25)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    if shares:
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        danish_axis(ax.xaxis, percent=True)
    else:  # every base small (language.SMALL_BASE): cases, as the table counts them
        from matplotlib.ticker import FixedLocator, MaxNLocator

        ticks = [t for t in MaxNLocator(nbins=5, integer=True).tick_values(0, end)
                 if 0 <= t <= end]
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        danish_axis(ax.xaxis)
    ax.set_xlabel(spec.data["x_label"])
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, borderaxespad=0.3,
              handlelength=1.2, columnspacing=1.4)

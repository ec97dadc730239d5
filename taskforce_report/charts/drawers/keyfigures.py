"""The key figures' charts (chapter 4 of the analysis report): lines over the years (line),
bars for distributions (bars)."""

from __future__ import annotations

from taskforce_report.charts.spec import ChartSpec
from taskforce_report.charts.style import TEXT_SIZE, danish_axis
from taskforce_report.core import language
from taskforce_report.load.themes import Theme

_SERIES_STYLE = {  # by series colour key: line width, marker, z-order (the municipality on top)
    "kommune": (2.2, "o", 3),
    "referencegruppe": (1.6, "s", 2),
    "landsgennemsnit": (1.6, "D", 1),
}


def _tick_decimals(step: float) -> int:
    """The decimals a tick step needs: 5 → 0, 2.5 → 1, 0.25 → 2 (never rounding 2.5 to 3)."""
    for decimals in range(4):
        scaled = step * 10**decimals
        if abs(scaled - round(scaled)) < 1e-6 * max(1.0, scaled):
            return decimals
    return 3


def _value_axis(axis, spec: ChartSpec) -> None:
    """Danish tick labels with as many decimals as the tick step needs; shares as percent."""
    ticks = [t for t in axis.get_majorticklocs() if t >= 0]
    step = (ticks[1] - ticks[0]) if len(ticks) > 1 else 1
    if spec.data.get("procent"):
        step *= 100
    danish_axis(axis, _tick_decimals(step), percent=bool(spec.data.get("procent")))


def _line_limits(ax, high: float) -> None:
    """From 0, always: levels are compared between areas, and a cut axis would make a 10 %
    difference look like a doubling. The sentences give the exact figures.

    The axis ends at the first tick at or above the highest value, so no point lies above the
    top tick where the reader cannot read it off."""
    from matplotlib.ticker import FixedLocator, MaxNLocator

    ticks = [t for t in MaxNLocator(nbins=5, steps=[1, 2, 5, 10]).tick_values(
        0, high * 1.04 if high > 0 else 1) if t >= 0]
    top = next((t for t in ticks if t >= high and t > 0), ticks[-1])
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(FixedLocator([t for t in ticks if t <= top]))


def _legend_below(ax, handles: int, offset: float = -0.1) -> None:
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, offset), ncol=min(handles, 4),
              handlelength=1.8, columnspacing=1.6, borderaxespad=0.2)


def key_figure_line(figure, spec: ChartSpec, theme: Theme) -> None:
    """One indicator over the years: the municipality, the reference group and the country.

    data: aar (years, consecutive), serier ({navn, farve, vaerdier} with None where missing:
    the line breaks there, it never drops to 0; `antal`: [count, base] per year where a share
    rests on a small base and is labelled with its count instead of drawn), enhed (the axis
    unit), procent (values are shares), maal/maal_navn (the municipality's own target, a
    dashed line).
    """
    import math

    colours = theme.colours
    years = list(spec.data["aar"])
    ax = figure.add_subplot()
    seen: list[float] = []
    for serie in spec.data["serier"]:
        width, marker, order = _SERIES_STYLE.get(serie["farve"], (1.6, "o", 1))
        points = [math.nan if v is None else v for v in serie["vaerdier"]]
        seen += [v for v in points if v == v]
        ax.plot(years, points, color=colours.get(serie["farve"], "#555555"), linewidth=width,
                marker=marker, markersize=4 if marker == "o" else 3.4, label=serie["navn"],
                zorder=order + 2, solid_capstyle="round")
        for year, counted in zip(years, serie.get("antal") or [None] * len(years), strict=True):
            if counted:  # a share on a small base: its count at the foot of the year, no point
                ax.text(year, 0.04, f"{language.number(counted[0])} af "
                        f"{language.number(counted[1])}", transform=ax.get_xaxis_transform(),
                        ha="center", va="bottom", fontsize=TEXT_SIZE, zorder=order + 2,
                        color=colours.get(serie["farve"], "#555555"))
    goal = spec.data.get("maal")
    if goal is not None:
        ax.axhline(goal, color=colours.get("accent", "#B5523B"), linestyle=(0, (4, 2.5)),
                   linewidth=1.5, label=spec.data.get("maal_navn") or "Mål", zorder=1)
        seen.append(goal)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    _line_limits(ax, max(seen, default=0))
    _value_axis(ax.yaxis, spec)
    if spec.data.get("enhed"):
        ax.set_title(spec.data["enhed"], loc="left", fontsize=TEXT_SIZE,
                     color=colours.get("daempet", "#555555"), pad=4)
    ax.tick_params(axis="x", length=0)
    _legend_below(ax, len(spec.data["serier"]) + (goal is not None))


def key_figure_bars(figure, spec: ChartSpec, theme: Theme) -> None:
    """A distribution, as horizontal bars: per category (top to bottom) one bar each for the
    municipality, the reference group and the country, labelled with its value at its end. A
    missing value is labelled "mangler", never drawn as 0.

    data: kategorier, serier ({navn, farve, vaerdier}; `antal`: [count, total] per category
    where a small base is labelled with its count instead of drawn), procent (values are
    shares), decimaler.
    """
    import math

    from matplotlib.ticker import MaxNLocator

    colours = theme.colours
    categories = list(spec.data["kategorier"])
    series = list(spec.data["serier"])
    share = bool(spec.data.get("procent"))
    decimals = int(spec.data.get("decimaler", 0))
    ax = figure.add_subplot()
    height = 0.8 / max(len(series), 1)
    top = max([v for s in series for v in s["vaerdier"] if v is not None] or [1])
    for i, serie in enumerate(series):
        # the first series on top within its category; categories run top to bottom
        ys = [len(categories) - 1 - c + (len(series) - 1) / 2 * height - i * height
              for c in range(len(categories))]
        values = [math.nan if v is None else v for v in serie["vaerdier"]]
        bars = ax.barh(ys, values, height * 0.88, color=colours.get(serie["farve"], "#555555"),
                       label=serie["navn"], zorder=2)
        labels = ["" if v is None else
                  (language.percent(v, decimals) if share else language.number(v, decimals))
                  for v in serie["vaerdier"]]
        ax.bar_label(bars, labels=labels, padding=2, fontsize=TEXT_SIZE,
                     color=colours.get("tekst", "#222222"))
        counted = serie.get("antal") or [None] * len(categories)
        for y, v, count in zip(ys, serie["vaerdier"], counted, strict=True):
            if v is None:  # missing, or a count on a small base (`antal`: [count, total])
                said = (f"{language.number(count[0])} af {language.number(count[1])}"
                        if count else "mangler")
                ax.text(top * 0.01, y, said, va="center", fontsize=TEXT_SIZE,
                        color=colours.get("tekst" if count else "daempet", "#555555"))
    ax.set_yticks(range(len(categories)), categories[::-1])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_axisbelow(True)
    ax.set_xlim(0, top * 1.14)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    _value_axis(ax.xaxis, spec)
    offset = -0.12 if len(categories) > 3 else -0.22
    _legend_below(ax, len(series), offset)

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

from taskforce_report.core import colours as colours_
from taskforce_report.core import language
from taskforce_report.load.themes import Theme

# One text size for every chart: ticks, labels, legends and notes alike, never under 8 pt
# (the charts are placed at their drawn size, so a point here is a point on the page).
TEXT_SIZE = 8


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


def _rc(theme: Theme) -> dict[str, Any]:
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


_ID = re.compile(r'id="([^"]+)"')


_SVG = "http://www.w3.org/2000/svg"


def _slim_svg(svg: str) -> str:
    """Matplotlib's SVG with what costs WeasyPrint time and memory but draws nothing taken out:
    the metadata, the wrapper groups that carry only an id (most of the elements), and the
    `style` attributes, which WeasyPrint parses as CSS one by one, written as the presentation
    attributes they are. Pages render pixel-identical; a chart costs WeasyPrint about a fifth
    less time (docs/performance.md)."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)

    def unwrap(parent) -> None:
        kept = []
        for child in list(parent):
            unwrap(child)
            if child.tag == f"{{{_SVG}}}metadata":
                continue
            if child.tag == f"{{{_SVG}}}g" and set(child.attrib) <= {"id"}:
                kept.extend(child)
            else:
                kept.append(child)
        parent[:] = kept

    unwrap(root)
    for element in root.iter():
        for declaration in element.attrib.pop("style", "").split(";"):
            name, _, value = (part.strip() for part in declaration.partition(":"))
            if name and name not in element.attrib:
                element.set(name, value)
        if element.get("transform", "").startswith("rotate(-0 "):
            del element.attrib["transform"]
    # Matplotlib's one stylesheet rule, `*{stroke-linejoin: round; stroke-linecap: butt}`, as
    # inherited attributes of the root: an element's own attribute still wins, as it did.
    for defs in root.findall(f"{{{_SVG}}}defs"):
        for sheet in defs.findall(f"{{{_SVG}}}style"):
            defs.remove(sheet)
        if not len(defs):
            root.remove(defs)
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    return ET.tostring(root, encoding="unicode")


def _clean_svg(svg: str, chart_id: str) -> str:
    """Drops the XML prolog (the SVG is inlined in HTML), slims it, and prefixes ids so several
    charts in one page cannot clash."""
    svg = _slim_svg(svg[svg.index("<svg"):])
    svg = _ID.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r'(url\(#|xlink:href="#|href="#)([^")]+)',
                 lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", svg)
    return svg


def _with_alt(svg: str, alt: str) -> str:
    """The chart's alt text as the SVG's accessible name (role, aria-label and <title>)."""
    if not alt:
        return svg
    from markupsafe import escape

    text = str(escape(alt))
    head_end = svg.index(">")
    return (f'{svg[:head_end]} role="img" aria-label="{text}">'
            f"<title>{text}</title>{svg[head_end + 1:]}")


def draw(spec: ChartSpec, theme: Theme) -> str:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import RendererSVG
    from matplotlib.figure import Figure

    register_fonts(theme)
    with rc_context(_rc(theme)):
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
    return _with_alt(_clean_svg(buffer.getvalue(), spec.id), spec.alt)


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
    series = (("Opfyldt (ja)", 1, colours.get("opfyldt", "#2A7A66")),
              ("Delvist opfyldt", 2, colours.get("naesten", "#B5821A")),
              ("Ikke opfyldt (nej)", 3, colours.get("ikke_opfyldt", "#6E1C1C")))
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


# ---- key figures (chapter 4): lines over the years, bars for distributions ----------------

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


@drawer("line")
def key_figure_line(figure, spec: ChartSpec, theme: Theme) -> None:
    """One indicator over the years: the municipality, the reference group and the country.

    data: aar (years, consecutive), serier ({navn, farve, vaerdier} with None where missing:
    the line breaks there, it never drops to 0), enhed (the axis unit), procent (values are
    shares), maal/maal_navn (the municipality's own target, a dashed line).
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


@drawer("bars")
def key_figure_bars(figure, spec: ChartSpec, theme: Theme) -> None:
    """A distribution, as horizontal bars: per category (top to bottom) one bar each for the
    municipality, the reference group and the country, labelled with its value at its end. A
    missing value is labelled "mangler", never drawn as 0.

    data: kategorier, serier ({navn, farve, vaerdier}), procent (values are shares), decimaler.
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
        for y, v in zip(ys, serie["vaerdier"], strict=True):
            if v is None:
                ax.text(top * 0.01, y, "mangler", va="center", fontsize=TEXT_SIZE,
                        color=colours.get("daempet", "#555555"))
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


# ---- the status report: one small chart per goal of the development plan -----------------

@drawer("goal_trend")
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
    ax.set_xlim(min(every) - 0.7, max(every) + 0.7)
    step = max(1, math.ceil(len(rounds) / 4))  # at most four month labels
    ticks = [(r[0], r[1], False) for r in rounds[::-1][::step][::-1]]
    room = max(2, (max(every) - min(every)) / 6)  # months between two labels
    for x, _, label in milestones:
        if all(abs(x - t[0]) >= room for t in ticks):
            ticks.append((x, label, True))
    ticks.sort()
    ax.set_xticks([t[0] for t in ticks], [t[1] for t in ticks])
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


# ---- the Task Force's status report: the status measurement against the baseline ---------

@drawer("round_bars")
def round_bars(figure, spec: ChartSpec, theme: Theme) -> None:
    """Two rounds of the case review: per criterion (top to bottom) the share met in the
    baseline (light) and in the status measurement (dark), each labelled with its percent; a
    round that measured nothing is labelled "ikke målt", never drawn as 0 %.

    data: rows = ((label, baseline share or None, status share or None), ...); serier = the
    two rounds' names for the legend; etiketter = per row the two labels, when the spec says
    them (a count such as "3 af 4" where the share stands on too small a base: no bar then);
    procent = False: the values are counts of cases (every base small), drawn on an axis of
    cases up to `grundlag`, the largest base, with no percentage anywhere.
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
        ax.set_xlabel("Andel af sagerne, hvor kravet er opfyldt")
    else:  # every base small (language.SMALL_BASE): cases, as the table counts them
        from matplotlib.ticker import FixedLocator, MaxNLocator

        ticks = [t for t in MaxNLocator(nbins=5, integer=True).tick_values(0, end)
                 if 0 <= t <= end]
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        danish_axis(ax.xaxis)
        ax.set_xlabel("Antal sager, hvor kravet er opfyldt, ud af de relevante")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, borderaxespad=0.3,
              handlelength=1.2, columnspacing=1.4)


# ---- the application: the notifications per month -----------------------------------------

@drawer("month_bars")
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

"""The Danish alt texts of chapter 4's charts, read from what the chart draws (its kind, title
and data as analyse/keyfigures builds them), so that a screen reader hears every series'
first and last figure and the years without one."""

from __future__ import annotations

from typing import Any

from taskforce_report.core import language


def alt_text(kind: str, title: str, data: dict[str, Any]) -> str:
    """The alt text of a key-figure chart: `line` over the years, `bars` of a distribution."""
    if kind == "bars":
        return _bars_alt(title, data["kategorier"], data["serier"])
    return _line_alt(title, data["decimaler"], data["serier"], data["aar"], data["procent"],
                     data.get("grundlag", ""))


def _line_alt(title: str, decimals: int, series: list[dict], years: list[int],
              share: bool, noun: str = "") -> str:
    said = [f"Linjediagram: {title}."]
    for serie in series:
        points = [(y, v) for y, v in zip(years, serie["vaerdier"], strict=True) if v is not None]
        counted = [(y, c) for y, c in zip(years, serie.get("antal") or [None] * len(years),
                                          strict=True) if c]
        fmt = (lambda v: language.percent(v, decimals)) if share else (
            lambda v: language.number(v, decimals))
        if not points:
            text = ""
        elif len(points) == 1:
            text = f"{fmt(points[0][1])} i {points[0][0]}"
        else:
            text = f"fra {fmt(points[0][1])} i {points[0][0]} til {fmt(points[-1][1])} i " \
                   f"{points[-1][0]}"
        if counted:  # a small base: the count, as the chart labels it
            told = language.join([f"{language.number(c)} af {language.number(b)} {noun} i {y}"
                                  for y, (c, b) in counted])
            text = f"{text}; {told}" if text else told
        gaps = [y for y, v in zip(years, serie["vaerdier"], strict=True)
                if v is None and y not in dict(counted)]
        if gaps:
            text += f"; ingen tal for {language.years(gaps)}"
        said.append(f"{serie['navn']}: {text}.")
    return " ".join(said)


def _bars_alt(title: str, categories: list[str], series: list[dict]) -> str:
    said = [f"Søjlediagram: {title}, i procent."]
    for serie in series:
        counted = serie.get("antal") or [None] * len(categories)
        pairs = [f"{c.lower()} {_bar_value(v, n)}"
                 for c, v, n in zip(categories, serie["vaerdier"], counted, strict=True)]
        said.append(f"{serie['navn']}: {', '.join(pairs)}.")
    return " ".join(said)


def _bar_value(value: float | None, counted: list[int] | None) -> str:
    """A bar as the chart labels it: `54 %`, `4 af 7` on a small base, or `mangler`."""
    if counted:
        return f"{language.number(counted[0])} af {language.number(counted[1])}"
    return language.percent(value) if value is not None else "mangler"

"""The arithmetic of the key figures: pure functions over pandas objects (rates, the reference
group's pooled rate or weighted mean, changes and relative differences), and the observations
split by indicator. What the tests check against figures worked out by hand.

The reference group's value per unit (see docs/bundle-format.md): counts with a denominator
(antal, årsværk, kr.) are summed numerators over summed denominators, never a mean of rates;
procent, indeks, gennemsnit and rates given directly are a mean weighted by the catalogue's
`vaegt` indicator, or an unweighted mean when it names none. A year in which any member lacks a
value has no group value: it is reported, not guessed.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from taskforce_report.load.indicators import UNIT_WORDS, IncompatibleUnits


class Observations:
    """The observations split by indicator once, so each indicator's table costs a lookup, not
    a scan of every row: with hundreds of indicators a scan per lookup grows quadratically."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._rows = dict(tuple(frame.groupby("indikator", sort=False))) if len(frame) else {}
        self._tables: dict[str, pd.DataFrame] = {}

    def rows(self, indicator: str) -> pd.DataFrame:
        return self._rows.get(indicator, self.frame.iloc[0:0])

    def values(self, indicator: str) -> pd.DataFrame:
        if indicator not in self._tables:
            self._tables[indicator] = values(self.rows(indicator), indicator)
        return self._tables[indicator]


def rows_of(obs: pd.DataFrame | Observations, *indicators: str) -> pd.DataFrame:
    """The observation rows of these indicators, from either form of the observations."""
    if isinstance(obs, Observations):
        parts = [obs.rows(i) for i in indicators]
        return pd.concat(parts) if len(parts) > 1 else parts[0]
    return obs[obs["indikator"].isin(indicators)]


def values(obs: pd.DataFrame | Observations, indicator: str) -> pd.DataFrame:
    """One indicator as a table: index year, one column per area; NaN where missing."""
    if isinstance(obs, Observations):
        return obs.values(indicator)
    rows = obs[obs["indikator"] == indicator]
    if rows.empty:
        return pd.DataFrame(dtype="float64")
    table = rows.pivot(index="aar", columns="omraade", values="vaerdi")
    table.columns.name = None
    return table.astype("float64")


def rate(numerator: pd.DataFrame | pd.Series, denominator: pd.DataFrame | pd.Series,
         per: float = 1000) -> pd.DataFrame | pd.Series:
    """numerator / denominator × per, aligned on year and area. A missing part or a denominator
    of 0 gives NaN: missing, not 0 and not infinity."""
    num, den = numerator.align(denominator, join="outer")
    den = den.where(den > 0)
    return num / den * per


def pooled_rate(numerator: pd.DataFrame, denominator: pd.DataFrame, members: list[str],
                per: float = 1000) -> tuple[pd.Series, dict[int, tuple[str, ...]]]:
    """The reference group's rate: Σ numerators / Σ denominators × per over `members`, per
    year. A year in which a member lacks either figure gets NaN, and the members lacking it are
    returned by year."""
    num = numerator.reindex(columns=members)
    den = denominator.reindex(columns=members)
    num, den = num.align(den, join="outer")
    lacking = num.isna() | den.isna()
    total_den = den.sum(axis=1, min_count=1)
    result = num.sum(axis=1, min_count=1) / total_den.where(total_den > 0) * per
    result = result.where(~lacking.any(axis=1))
    return result, _lacking_by_year(lacking)


def weighted_mean(value: pd.DataFrame, weight: pd.DataFrame | None, members: list[str]
                  ) -> tuple[pd.Series, dict[int, tuple[str, ...]]]:
    """The reference group's mean of a share, an index or an average: Σ value × weight / Σ
    weight, or the plain mean when there is no weight. NaN in a year a member lacks a figure."""
    val = value.reindex(columns=members)
    if weight is None:
        lacking = val.isna()
        result = val.mean(axis=1)
    else:
        w = weight.reindex(columns=members)
        val, w = val.align(w, join="outer")
        lacking = val.isna() | w.isna()
        total = w.sum(axis=1, min_count=1)
        result = (val * w).sum(axis=1, min_count=1) / total.where(total > 0)
    result = result.where(~lacking.any(axis=1))
    return result, _lacking_by_year(lacking)


def _lacking_by_year(lacking: pd.DataFrame) -> dict[int, tuple[str, ...]]:
    out = {}
    for year, row in lacking.iterrows():
        names = tuple(str(c) for c in row.index[row.to_numpy(dtype=bool)])
        if names:
            out[int(year)] = names
    return out


def relative(value: float | None, other: float | None) -> float | None:
    """How much `value` is above (+) or below (−) `other`, as a share of `other`; None when
    either is missing or `other` is 0."""
    if value is None or other is None or is_nan(value) or is_nan(other) or other == 0:
        return None
    return (value - other) / other


def change(series: pd.Series, start: int, end: int) -> float | None:
    """The change from `start` to `end` as a share of the value in `start` (0.4 = +40 %)."""
    return relative(value_at(series, end), value_at(series, start))


def value_at(series: pd.Series | None, year: int) -> float | None:
    if series is None or year not in series.index:
        return None
    value = series.loc[year]
    return None if is_nan(value) else float(value)


# A share in whole percent is off by at most half a point. Below language.SMALL_BASE cases the
# shares of two neighbouring counts lie more than ten points apart, so the count behind such a
# share is found exactly; a share further than this from every whole count is a mistake.
SHARE_TOLERANCE = 0.5


def count_behind(share: float, base: float) -> int | None:
    """The whole number of the `base` cases that a share in percent stands for (50 of 4 → 2,
    33 of 3 → 1); None when no whole count lies within SHARE_TOLERANCE points of it."""
    if base <= 0 or not float(base).is_integer():
        return None
    count = round(share * base / 100)
    if abs(share - 100 * count / base) > SHARE_TOLERANCE + 1e-9:
        return None
    return int(count)


def present_years(series: pd.Series) -> list[int]:
    return [int(y) for y in series.index[series.notna().to_numpy(dtype=bool)]]


def is_nan(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def compare(value: float | None, other: float | None, unit: str, other_unit: str) -> float | None:
    """`value` relative to `other`, as a share (0.12 = 12 % higher); refuses mixed units."""
    if unit != other_unit:
        raise IncompatibleUnits(f"kan ikke sammenligne {UNIT_WORDS.get(unit, unit)} med "
                                f"{UNIT_WORDS.get(other_unit, other_unit)}")
    return relative(value, other)


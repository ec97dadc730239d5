"""Danish: numbers, percentages, dates, number words and genitives. The one home of these formats.

Babel gives the Danish symbols (`1.500`, `0,98`, `54 %`, `12. november 2015`) but rounds half
to even; Danish reports and Excel round half up, so values are quantised here first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "da_DK"
NBSP = "\u00a0"

_WORDS = [
    "nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti",
    "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten",
    "tyve",
]


# Room for every digit of a float (1e308 to three decimals): the default 28 digits make
# quantize fail on a figure such as -1e26, which a bundle's table may hold.
_WIDE = Context(prec=400)


def _round_half_up(value: float | Decimal, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP, context=_WIDE)


def number(value: float | int | Decimal | None, decimals: int = 0, missing: str = "–") -> str:
    """`1500` → `1.500`, `0.98` with 2 decimals → `0,98`."""
    if value is None or value != value or value in (math.inf, -math.inf):  # None, NaN, ±inf
        return missing
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with localcontext(_WIDE):  # Babel quantises again, in the current context
        rounded = _round_half_up(value, decimals)
        return format_decimal(rounded, format=pattern, locale=LOCALE, decimal_quantization=False)


def amount(value: float | int | Decimal | None, decimals: int = 0, missing: str = "–") -> str:
    """A figure of a table that may be negative, with a true minus sign: `−5.300`."""
    return number(value, decimals, missing).replace("-", "\u2212")


def percent(share: float | None, decimals: int = 0, missing: str = "–") -> str:
    """A share (0.54) as Danish percent with a no-break space: `54 %`."""
    if share is None or share != share:
        return missing
    return f"{number(Decimal(str(share)) * 100, decimals)}{NBSP}%"


def percent_points(value: float | None, decimals: int = 0) -> str:
    """A value already in percent (40.0) → `40 %`."""
    if value is None or value != value:
        return "–"
    return f"{number(value, decimals)}{NBSP}%"


# ---- statistics language -------------------------------------------------------------------
# A difference between two shares is a difference in procentpoint (20,3 % against 18,1 % is
# 2,2 procentpoint, never "12 % højere"); a relative change ("steg 25 %") is said only of counts
# and amounts. Below SMALL_BASE cases a share is not printed at all: one case moves it by ten
# points or more, so the count is given instead ("3 af 4"), as Ankestyrelsen does in its
# statistics on few cases.
SMALL_BASE = 10


def points(difference: float | None, decimals: int = 0, missing: str = "–") -> str:
    """A difference of two values in percent (2.2) → `2,2 procentpoint` (sign dropped: the
    sentence says which way); 1 → `1 procentpoint` (the word does not inflect)."""
    if difference is None or difference != difference:
        return missing
    return f"{number(abs(difference), decimals)}{NBSP}procentpoint"


def is_small_base(base: int | float | None) -> bool:
    """True when a share of `base` cases should be told as a count (see SMALL_BASE)."""
    return base is not None and base == base and 0 < base < SMALL_BASE


def share_of(count: int, base: int, decimals: int = 0) -> str:
    """`count` of `base` as the reader should see it: `54 %` of a base of at least SMALL_BASE,
    `3 af 4` below it, `0 af 0` when nothing was counted."""
    if base <= 0:
        return f"{number(count)} af {number(base)}"
    if is_small_base(base):
        return f"{number(count)} af {number(base)}"
    return percent(count / base, decimals)


def count_phrase(count: int, start: bool = False, neuter: bool = False) -> str:
    """A count in running text: under ten in words (`fire`), larger as a number (`12`), and in
    words at the start of a sentence (`Fire`, `Tolv`) where Danish will not open with digits.
    `neuter` for a noun that takes et (`et mål`, not `en mål`)."""
    text = number_word(count) if (count < 10 or (start and count <= 20)) else number(count)
    if neuter and count == 1:
        text = "et"
    return capitalize_first(text) if start else text


# A number and its unit stay on one line: `100 %` must not break into `100` and `%`.
_UNIT_SPACE = re.compile(r"(?<=\d) (?=(?:%|‰|kr\.|mio\.|mia\.|procentpoint|pct\.)(?!\w))")
_SECTION_SPACE = re.compile(r"(?<=§) (?=\d)")
_DAY_SPACE = re.compile(r"(?<=\b\d\.) (?=(?:januar|februar|marts|april|maj|juni|juli|august|"
                        r"september|oktober|november|december)\b)|(?<=\b\d\d\.) (?=(?:januar|"
                        r"februar|marts|april|maj|juni|juli|august|september|oktober|november|"
                        r"december)\b)")


def bind_units(text: str) -> str:
    """Ties a number to its unit with a no-break space (`54 %`, `312 mio. kr.`, `§ 50`) and a
    day to its month (`22. november`), wherever a text comes from: the bundle's own texts as
    well as ours."""
    return _DAY_SPACE.sub(NBSP, _SECTION_SPACE.sub(NBSP, _UNIT_SPACE.sub(NBSP, text)))


def date(value: dt.date | None, missing: str = "") -> str:
    """`2015-11-12` → `12. november 2015`."""
    if value is None:
        return missing
    return format_date(value, "d. MMMM y", locale=LOCALE)


def date_time(value: dt.date | None) -> str:
    """A date, with its time of day when it has one: `22. november 2019 kl. 12.00`."""
    if isinstance(value, dt.datetime):
        return f"{date(value.date())} kl. {value:%H.%M}"
    return date(value)


def number_range(low: int, high: int) -> str:
    """`1.500–1.600` (an en dash, no spaces), or one number when the two are the same."""
    if low == high:
        return number(low)
    return f"{number(low)}–{number(high)}"


def month(value: dt.date | str) -> str:
    """`2021-08` → `august 2021`."""
    if isinstance(value, str):
        year, mon = value.split("-")[:2]
        value = dt.date(int(year), int(mon), 1)
    return format_date(value, "MMMM y", locale=LOCALE)


def month_short(value: dt.date | str) -> str:
    """`2021-08` → `aug.` (`maj` has no point), for a chart's axis."""
    if isinstance(value, str):
        year, mon = value.split("-")[:2]
        value = dt.date(int(year), int(mon), 1)
    return format_date(value, "MMM", locale=LOCALE)


def abbreviate_month(label: str) -> str:
    """A label that begins with a month's name, with the name shortened: `september\n2021` →
    `sep.\n2021`, for an axis too narrow for the whole names."""
    from babel.dates import get_month_names

    wide = get_month_names("wide", locale=LOCALE)
    short = get_month_names("abbreviated", locale=LOCALE)
    first, _, rest = label.partition("\n")
    for number, name in wide.items():
        if first == name:
            return short[number] + ("\n" + rest if rest else "")
    return label


def month_year_short(value: dt.date | str) -> str:
    """`2021-09` → `sep. 2021`, for a table's narrow date column."""
    if isinstance(value, str):
        year, mon = value.split("-")[:2]
        value = dt.date(int(year), int(mon), 1)
    return f"{month_short(value)} {value.year}"


def months(values: list[str]) -> str:
    """Months as the year runs: `[2020-01, 2020-03, 2021-01]` → `januar og marts 2020 og
    januar 2021`; within one year the year is said once: `januar, marts og august 2020`."""
    by_year: dict[str, list[str]] = {}
    for value in sorted(set(values)):
        by_year.setdefault(value[:4], []).append(month(value).rsplit(" ", 1)[0])
    return join([f"{join(names)} {year}" for year, names in by_year.items()])


def number_word(n: int, neuter: bool = False) -> str:
    """Small counts in words, as the reports write them in titles: 6 → `seks`. `neuter` for a
    noun that takes et (`et bilag`, not `en bilag`)."""
    if neuter and n == 1:
        return "et"
    if 0 <= n < len(_WORDS):
        return _WORDS[n]
    return number(n)


def plural(count: int | float, singular: str, plural_form: str) -> str:
    """The form that agrees with `count`: `sag` for one, `sager` for every other count (none,
    two, 1.500). The templates print the count themselves and ask this for the noun, so no
    template decides a plural (`{{ n|tal }} {{ n|flertal("sag", "sager") }}`)."""
    return singular if count == 1 else plural_form


def genitive(name: str) -> str:
    """`Randers Kommune` → `Randers Kommunes`; names ending in s, x or z take an apostrophe."""
    if not name:
        return name
    if name[-1].lower() in "sxz":
        return name + "'"
    return name + "s"


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def kroner(value: float | int | Decimal | None, missing: str = "–") -> str:
    """An amount in Danish: `18.750 kr.`, `312,0 mio. kr.`, `22,1 mia. kr.`."""
    if value is None or value != value:
        return missing
    size = abs(float(value))
    if size >= 1e9:
        return f"{number(Decimal(str(value)) / Decimal(10**9), 1)} mia. kr."
    if size >= 1e6:
        return f"{number(Decimal(str(value)) / Decimal(10**6), 1)} mio. kr."
    return f"{number(value)} kr."


def join(items: list[str], word: str = "og") -> str:
    """`["a", "b", "c"]` → `a, b og c` (no comma before og, as Danish writes it)."""
    items = [str(i) for i in items if str(i)]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def years(values: list[int]) -> str:
    """Years as runs: `[2008, 2009, 2010, 2012]` → `2008–2010 og 2012`."""
    runs: list[list[int]] = []
    for year in sorted(set(int(v) for v in values)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return join([str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs])


FILTERS = {
    "tal": number,
    "procent": percent,
    "procentpoint": percent_points,
    "point": points,
    "andel_af": share_of,
    "antal": count_phrase,
    "lille_grundlag": is_small_base,
    "dato": date,
    "maaned": month,
    "talord": number_word,
    "flertal": plural,
    "genitiv": genitive,
    "stort": capitalize_first,
}

"""The phrases chapter 4's sentences are made of (words/sentences.py): how a figure moved
(`steg 40 %`, `faldt 2,1 procentpoint`), how it stands against another (`12 % over
landsgennemsnittet`, `på niveau med både …`) and a figure with its unit, and the words that name
an indicator, refer back to it and say the unit of its values (`unit_text`, handed to the
analysis through `keyfigures.Wording`). Shares are compared in procentpoint, everything else in
relative terms; every number is formatted by `language`.
"""

from __future__ import annotations

from taskforce_report.analyse.keyfigures.results import IndicatorResult
from taskforce_report.core import language
from taskforce_report.load.indicators import UNIT_WORDS, Catalogue, Indicator

# A value within this share of the other is "på niveau med" it.
LEVEL_TOLERANCE = 0.03
# Two shares closer than this (in procentpoint) are "på niveau med" each other.
LEVEL_POINTS = 0.5


def is_share(result: IndicatorResult) -> bool:
    """A share in percent (not a rate): compared and followed in procentpoint."""
    return result.indicator.enhed == "procent" and not result.indicator.is_rate


def change_phrase(share: float) -> str:
    """A relative change of a count or amount: +0.40 → `steg 40 %`, −0.03 → `faldt 3 %`, a
    change that rounds to 0 → `var uændret`."""
    if round(abs(share) * 100) == 0:
        return "var uændret"
    return f"{'steg' if share > 0 else 'faldt'} {language.percent(abs(share))}"


def points_change_phrase(difference: float, decimals: int = 0) -> str:
    """A change of a share, in procentpoint: +2.1 → `steg 2,1 procentpoint`."""
    if language.number(abs(difference), decimals) in ("0", "0,0", "0,00", "0,000"):
        return "var uændret"
    return f"{'steg' if difference > 0 else 'faldt'} {language.points(difference, decimals)}"


def _direction(share: float) -> str:
    if abs(share) < LEVEL_TOLERANCE:
        return "niveau"
    return "over" if share > 0 else "under"


def _points_direction(difference: float) -> str:
    if abs(difference) < LEVEL_POINTS:
        return "niveau"
    return "over" if difference > 0 else "under"


def difference_phrase(share: float, other: str, points: bool = False, decimals: int = 0) -> str:
    """+0.12 → `12 % over <other>`; with `points` +2.2 → `2,2 procentpoint over <other>`;
    within the tolerance → `på niveau med <other>`."""
    direction = _points_direction(share) if points else _direction(share)
    if direction == "niveau":
        return f"på niveau med {other}"
    size = language.points(share, decimals) if points else language.percent(abs(share))
    return f"{size} {direction} {other}"


def comparison_phrase(pairs: list[tuple[float, str]], points: bool = False,
                      decimals: int = 0) -> str:
    """One or two comparisons as one predicate, with `både` and `men` where Danish wants them:
    `10 % over landsgennemsnittet og 18 % over referencegruppen`,
    `på niveau med både landsgennemsnittet og referencegruppen`,
    `5 % under landsgennemsnittet, men 18 % over referencegruppen`."""
    if len(pairs) == 1:
        return difference_phrase(*pairs[0], points=points, decimals=decimals)
    (a, first), (b, second) = pairs
    direction = _points_direction if points else _direction

    def size(v: float) -> str:
        return language.points(v, decimals) if points else language.percent(abs(v))

    da, db = direction(a), direction(b)
    if da == db == "niveau":
        return f"på niveau med både {first} og {second}"
    if da == db and size(a) == size(b):
        return f"{size(a)} {da} både {first} og {second}"
    one = difference_phrase(a, first, points, decimals)
    two = difference_phrase(b, second, points, decimals)
    return f"{one} og {two}" if da == db else f"{one}, men {two}"


# ---- figures in words -----------------------------------------------------------------------


def unit_text(indicator: Indicator, cat: Catalogue) -> str:
    """The unit of the values shown for an indicator: `pr. 1.000 0–17-årige`, `kr. pr.
    0–17-årig`, `procent`, or the catalogue's own words."""
    if indicator.is_rate:
        den = cat.indicators[indicator.naevner]
        prefix = {"kr": "kr. ", "aarsvaerk": "årsværk "}.get(indicator.enhed, "")
        if indicator.pr == 1:
            return f"{prefix}pr. {den.ental or den.titel.lower()}"
        return f"{prefix}pr. {language.number(indicator.pr)} {den.flertal or den.titel.lower()}"
    if indicator.enhedstekst:
        return indicator.enhedstekst
    return {"procent": "procent", "kr": "kr.", "pr_1000_0_17": UNIT_WORDS["pr_1000_0_17"],
            "aarsvaerk": "årsværk"}.get(indicator.enhed, "")


def value_text(result: IndicatorResult, value: float, short: bool = False) -> str:
    """A shown value with its unit: `78 pr. 1.000 0–17-årige`, `19,8 %`, `18.750 kr. pr.
    0–17-årig`; `short` keeps only what a comparison needs (`66`, `18,1 %`, `17.900 kr.`)."""
    ind = result.indicator
    number = language.number(value, ind.decimaler)
    if ind.is_rate:
        if short:
            return f"{number} kr." if ind.enhed == "kr" else number
        return f"{number} {result.unit_text}"
    if ind.enhed == "procent":
        return language.percent_points(value, ind.decimaler)
    if ind.enhed == "kr":
        return language.kroner(value)
    return number


def count_text(value: float) -> str:
    """A count in running text: under ten in words (`fire klagesager`), as Danish writes it;
    larger counts and fractions (årsværk) in digits (`1.142`, `12,5`)."""
    if float(value).is_integer() and 0 <= value < 10:
        return language.count_phrase(int(value))
    return language.number(value, 0 if float(value).is_integer() else 1)


def subject(result: IndicatorResult) -> str:
    """The indicator's name as a sentence's subject; a name that closes a relative clause with
    a comma (`andelen af børn, der bor hos en enlig forsørger,`) keeps it only mid-sentence."""
    return result.indicator.navn


def back_reference(result: IndicatorResult) -> str:
    """The word that refers back to the subject once it has been named: `antallet`,
    `andelen`, `udgifterne`, else `tallet`."""
    first = result.indicator.navn.split()[0].lower()
    if first in ("antallet", "andelen"):
        return first
    if "udgift" in first:
        return "udgifterne"
    return "tallet"


def counted_noun(result: IndicatorResult) -> str:
    """What a count counts, from the name: `antallet af underretninger` → `underretninger`;
    empty when the name does not say."""
    name = result.indicator.navn.rstrip(",")
    prefix = "antallet af "
    return name[len(prefix):] if name.lower().startswith(prefix) else ""



def counted_share(result: IndicatorResult, year: int) -> str | None:
    """A share told as the count it stands for on a small base (language.SMALL_BASE): `to af
    fire klagesager`; None when the share of `year` is to be given in percent."""
    small = result.small_base(year)
    if small is None or result.grundlag is None:
        return None
    count, base = small
    noun = language.plural(base, result.grundlag.ental or result.grundlag.titel.lower(),
                           result.grundlag.flertal or result.grundlag.titel.lower())
    return f"{language.count_phrase(count)} af {language.count_phrase(base)} {noun}"

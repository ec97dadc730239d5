"""The generated Danish sentences of chapter 4, from the computed key figures.

Rise and fall ("steg 40 %", "faldt 3 %", "var uændret"), level ("I 2014 var antallet af
underretninger i Fjordlund Kommune 1.142, svarende til 78 pr. 1.000 0–17-årige, mod 66 i
referencegruppen og 71 på landsplan.") and comparison ("Kommunen lå dermed 10 % højere end
landsgennemsnittet og 18 % højere end referencegruppen."). Every number is formatted by
`language`; nothing is said about a figure that could not be computed except that it could not.
"""

from __future__ import annotations

from taskforce_report import language
from taskforce_report.keyfigures import (
    LEVEL_TOLERANCE,
    NATIONAL,
    REFERENCE,
    Change,
    Comparison,
    DistributionResult,
    IndicatorResult,
)

# In a distribution, a part is mentioned on its own when it differs this much (in shares)
# from the reference group or the country.
PART_DIFFERENCE = 0.05


def for_result(item: IndicatorResult | DistributionResult, kommune: str) -> list[str]:
    if isinstance(item, DistributionResult):
        return distribution_sentences(item, kommune)
    return indicator_sentences(item, kommune)


# ---- words ----------------------------------------------------------------------------------


def change_phrase(share: float) -> str:
    """+0.40 → `steg 40 %`, −0.03 → `faldt 3 %`, a change that rounds to 0 → `var uændret`."""
    if round(abs(share) * 100) == 0:
        return "var uændret"
    return f"{'steg' if share > 0 else 'faldt'} {language.percent(abs(share))}"


def _direction(share: float) -> str:
    if abs(share) < LEVEL_TOLERANCE:
        return "niveau"
    return "højere" if share > 0 else "lavere"


def difference_phrase(share: float, other: str) -> str:
    """+0.12 → `12 % højere end <other>`; within the tolerance → `på niveau med <other>`."""
    direction = _direction(share)
    if direction == "niveau":
        return f"på niveau med {other}"
    return f"{language.percent(abs(share))} {direction} end {other}"


def comparison_phrase(pairs: list[tuple[float, str]]) -> str:
    """One or two comparisons as one predicate, with `både` and `men` where Danish wants them:
    `10 % højere end landsgennemsnittet og 18 % højere end referencegruppen`,
    `på niveau med både landsgennemsnittet og referencegruppen`,
    `5 % lavere end landsgennemsnittet, men 18 % højere end referencegruppen`."""
    if len(pairs) == 1:
        return difference_phrase(*pairs[0])
    (a, first), (b, second) = pairs
    da, db = _direction(a), _direction(b)
    same_words = language.percent(abs(a)) == language.percent(abs(b))
    if da == db and (da == "niveau" or same_words):
        if da == "niveau":
            return f"på niveau med både {first} og {second}"
        return f"{language.percent(abs(a))} {da} end både {first} og {second}"
    if da == db:
        return f"{difference_phrase(a, first)} og {difference_phrase(b, second)}"
    return f"{difference_phrase(a, first)}, men {difference_phrase(b, second)}"


# ---- figures in words -----------------------------------------------------------------------


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
    return language.number(value, 0 if float(value).is_integer() else 1)


# ---- an indicator ---------------------------------------------------------------------------


def indicator_sentences(result: IndicatorResult, kommune: str) -> list[str]:
    out = []
    development = change_sentences(result)
    if development:
        out.append(development)
    comparison = result.sammenligning
    level = level_sentence(result, kommune)
    if level:
        out.append(level)
    if comparison is not None:
        compared = comparison_sentence(result, comparison)
        if compared:
            out.append(compared)
        out += missing_comparisons(result, comparison)
        goal = goal_sentence(result, comparison)
        if goal:
            out.append(goal)
    return out


def change_sentences(result: IndicatorResult) -> str:
    """`Antallet af underretninger steg 25 % fra 2008 til 2014 og 12 % fra 2013 til 2014.`"""
    subject = language.capitalize_first(result.indicator.navn)
    period, latest = result.periode, result.seneste
    if period is None:
        return _cannot(latest) if latest is not None else ""
    if latest is None or latest.fra == period.fra:
        return _one_change(subject, period)
    if period.andel is None:
        return _one_change(subject, period) + " " + _one_change(subject, latest)
    first = f"{subject} {change_phrase(period.andel)} fra {period.fra} til {period.til}"
    if latest.andel is None:
        return f"{first}. {_cannot(latest)}"
    same = change_phrase(period.andel).split()[0] == change_phrase(latest.andel).split()[0]
    if same and change_phrase(latest.andel) != "var uændret":
        tail = f"{language.percent(abs(latest.andel))} fra {latest.fra} til {latest.til}"
        return f"{first} og {tail}."
    joiner = " og" if same else ", men"
    return f"{first}{joiner} {change_phrase(latest.andel)} fra {latest.fra} til {latest.til}."


def _one_change(subject: str, change: Change) -> str:
    if change.andel is None:
        return _cannot(change)
    return f"{subject} {change_phrase(change.andel)} fra {change.fra} til {change.til}."


def _cannot(change: Change) -> str:
    if change.mangler is not None:
        return (f"Udviklingen fra {change.fra} til {change.til} kan ikke beregnes, fordi tallet "
                f"for {change.mangler} mangler.")
    return (f"Udviklingen fra {change.fra} til {change.til} kan ikke beregnes, fordi tallet "
            f"for {change.fra} er 0.")


def level_sentence(result: IndicatorResult, kommune: str) -> str:
    """`I 2014 var antallet af underretninger i Fjordlund Kommune 1.142, svarende til 78 pr.
    1.000 0–17-årige, mod 66 i referencegruppen og 71 på landsplan.`"""
    ind = result.indicator
    year = result.periode.til if result.periode else None
    comparison = result.sammenligning
    if comparison is not None:
        year = comparison.aar
    if year is None:  # a single year
        year = int(result.table.index[result.table["kommune"].notna()].max()) \
            if result.table["kommune"].notna().any() else None
        if year is None and result.counts is not None and result.counts.notna().any():
            year = int(result.counts.index[result.counts.notna()].max())
    if year is None:
        return ""
    shown = _value(result.table["kommune"], year)
    head = f"I {year} var {ind.navn} i {kommune}"
    if result.counts is not None:
        count = _value(result.counts, year)
        if count is None:
            return ""
        amount = language.kroner(count) if ind.enhed == "kr" else count_text(count)
        if shown is None:
            return f"{head} {amount}."
        text = f"{head} {amount}, svarende til {value_text(result, shown)}"
        others = _others(result, comparison)
        return f"{text}, {others}." if others else f"{text}."
    if shown is None:
        return ""
    text = f"{head} {value_text(result, shown)}"
    others = _others(result, comparison)
    return f"{text} {others}." if others else f"{text}."


def _others(result: IndicatorResult, comparison: Comparison | None) -> str:
    if comparison is None:
        return ""
    parts = []
    if comparison.referencegruppe is not None:
        parts.append(f"{value_text(result, comparison.referencegruppe, short=True)} i "
                     "referencegruppen")
    if comparison.landsgennemsnit is not None:
        parts.append(f"{value_text(result, comparison.landsgennemsnit, short=True)} på "
                     "landsplan")
    return f"mod {language.join(parts)}" if parts else ""


def comparison_sentence(result: IndicatorResult, comparison: Comparison) -> str:
    """`Kommunen lå dermed 10 % højere end landsgennemsnittet og 18 % højere end
    referencegruppen.`"""
    pairs = []
    if comparison.mod_land is not None:
        pairs.append((comparison.mod_land, "landsgennemsnittet"))
    if comparison.mod_reference is not None:
        pairs.append((comparison.mod_reference, "referencegruppen"))
    if not pairs:
        return ""
    return f"Kommunen lå dermed {comparison_phrase(pairs)}."


def missing_comparisons(result: IndicatorResult, comparison: Comparison) -> list[str]:
    """Says so when a comparison the data otherwise supports cannot be made in the year."""
    out = []
    if comparison.kommune is None:
        return out
    group = result.table[REFERENCE]
    if comparison.referencegruppe is None and group.notna().any():
        if comparison.reference_mangler:
            out.append(f"Referencegruppens værdi for {comparison.aar} kan ikke beregnes, fordi "
                       f"tallene for {language.join(list(comparison.reference_mangler))} "
                       "mangler.")
        else:
            out.append(f"Referencegruppens værdi for {comparison.aar} kan ikke beregnes.")
    national = result.table[NATIONAL]
    if comparison.landsgennemsnit is None and national.notna().any():
        out.append(f"Der er ikke tal for landsgennemsnittet i {comparison.aar}.")
    return out


def goal_sentence(result: IndicatorResult, comparison: Comparison) -> str:
    """`Tallet lå 27 % højere end kommunens eget mål på 30 sager pr. sagsbehandler.`"""
    if comparison.maal is None or comparison.mod_maal is None:
        return ""
    goal = value_text(result, comparison.maal)
    if result.indicator.enhedstekst and not result.indicator.is_rate:
        goal = f"{goal} {result.indicator.enhedstekst}"
    return f"Tallet lå {difference_phrase(comparison.mod_maal, 'kommunens eget mål')} på {goal}."


def _value(series, year: int) -> float | None:
    if series is None or year not in series.index:
        return None
    value = series.loc[year]
    return None if value != value else float(value)


# ---- a distribution -------------------------------------------------------------------------


def distribution_sentences(result: DistributionResult, kommune: str) -> list[str]:
    """`I 2014 var 51 % af de anbragte i Fjordlund Kommune anbragt i plejefamilie mod 48 % i
    referencegruppen og 45 % på landsplan.` Then each other part that differs by 5 points or
    more, unless there are only two parts (the second is the rest of the first)."""
    if result.aar is None:
        return []
    dist = result.distribution
    shares = result.shares
    own = shares["kommune"].dropna()
    if own.empty:
        return []
    parts = {p.id: p for p in result.parts}
    largest = own.idxmax()
    tillaeg = f" {dist.tillaeg}" if dist.tillaeg else ""
    out = [f"I {result.aar} {dist.verbum} {language.percent(own[largest])} af {dist.navn} i "
           f"{kommune}{tillaeg} {parts[largest].i_saetning or parts[largest].label.lower()}"
           f"{_share_others(shares, largest)}."]
    if len(result.parts) > 2:
        for part_id, share in own.items():
            if part_id == largest:
                continue
            ref, land = shares.loc[part_id, REFERENCE], shares.loc[part_id, NATIONAL]
            differs = any(other == other and abs(share - other) >= PART_DIFFERENCE
                          for other in (ref, land))
            if differs:
                part = parts[part_id]
                words = part.i_saetning or part.label.lower()
                out.append(f"Andelen{tillaeg} {words} var {language.percent(share)}"
                           f"{_share_others(shares, part_id)}.")
    return out


def _share_others(shares, part_id: str) -> str:
    parts = []
    ref, land = shares.loc[part_id, REFERENCE], shares.loc[part_id, NATIONAL]
    if ref == ref:
        parts.append(f"{language.percent(ref)} i referencegruppen")
    if land == land:
        parts.append(f"{language.percent(land)} på landsplan")
    return f" mod {language.join(parts)}" if parts else ""

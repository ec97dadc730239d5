"""The generated Danish sentences of chapter 4, from the computed key figures.

A paragraph leads with the finding, names its subject once and then refers back to it
("antallet", "andelen", "tallet"):

  "Antallet af underretninger i Fjordlund Kommune var 78 pr. 1.000 0–17-årige i 2014, 10 % over
  landsgennemsnittet og 18 % over referencegruppen (71 og 66). Det svarer til 1.142
  underretninger. Antallet steg 25 % fra 2008 til 2014 og 21 % fra 2013 til 2014."

Three forms of the leading sentence take turns down the chapter (`variant`), so fifteen
indicators do not read as one template repeated. The statistics language follows
`language`: a share is compared and followed in procentpoint, only counts, amounts, rates and
averages in relative terms. Every number is formatted by `language`; nothing is said about a
figure that could not be computed except that it could not.
"""

from __future__ import annotations

from taskforce_report.analyse.keyfigures import Wording
from taskforce_report.analyse.keyfigures.areas import NATIONAL, REFERENCE
from taskforce_report.analyse.keyfigures.results import (
    Change,
    Comparison,
    DistributionResult,
    IndicatorResult,
)
from taskforce_report.core import language
from taskforce_report.words.charttexts import alt_text
from taskforce_report.words.gapnotes import missing_notes
from taskforce_report.words.phrases import (
    back_reference,
    change_phrase,
    comparison_phrase,
    count_text,
    counted_noun,
    counted_share,
    difference_phrase,
    is_share,
    points_change_phrase,
    subject,
    unit_text,
    value_text,
)

# In a distribution, a part is mentioned on its own when it differs this much (in shares)
# from the reference group or the country.
PART_DIFFERENCE = 0.05

VARIANTS = 3


def for_result(item: IndicatorResult | DistributionResult, kommune: str,
               variant: int = 0) -> list[str]:
    if isinstance(item, DistributionResult):
        return distribution_sentences(item, kommune)
    return indicator_sentences(item, kommune, variant)


# chapter 4's words, as analysis.py hands them to keyfigures.analyse
WORDING = Wording(for_result, alt_text, missing_notes, unit_text)


# ---- an indicator ---------------------------------------------------------------------------


def indicator_sentences(result: IndicatorResult, kommune: str, variant: int = 0) -> list[str]:
    out = []
    comparison = result.sammenligning
    lead = level_sentence(result, kommune, variant)
    if lead:
        out.append(lead)
        count = count_sentence(result)
        if count:
            out.append(count)
    development = change_sentences(result, named=bool(lead))
    if development:
        out.append(development)
    if comparison is not None:
        out += missing_comparisons(result, comparison)
        goal = goal_sentence(result, comparison)
        if goal:
            out.append(goal)
    return out


def _change_phrase(result: IndicatorResult, change: Change) -> str | None:
    """How much the figure moved over `change`: procentpoint for a share, relative otherwise;
    None when it cannot be computed."""
    if is_share(result):
        column = result.table["kommune"]
        start, end = _value(column, change.fra), _value(column, change.til)
        if start is None or end is None:
            return None
        return points_change_phrase(end - start, result.indicator.decimaler)
    if change.andel is None:
        return None
    return change_phrase(change.andel)


def change_sentences(result: IndicatorResult, named: bool = True) -> str:
    """`Antallet steg 25 % fra 2008 til 2014 og 12 % fra 2013 til 2014.` (the subject named
    in full when no sentence before has named it)."""
    who = language.capitalize_first(back_reference(result) if named
                                    else subject(result).rstrip(","))
    period, latest = result.periode, result.seneste
    if period is None:
        return _cannot(latest) if latest is not None else ""
    compared = sorted({period.fra, period.til, *([latest.fra] if latest else [])})
    if any(counted_share(result, year) for year in compared):
        if named and counted_share(result, period.til):  # the lead has told the last count
            compared.remove(period.til)
        return _levels(result, who, compared)
    first_phrase = _change_phrase(result, period)
    if latest is None or latest.fra == period.fra:
        return _one_change(who, period, first_phrase)
    latest_phrase = _change_phrase(result, latest)
    if first_phrase is None:
        return _one_change(who, period, None) + " " + _one_change(who, latest, latest_phrase)
    first = f"{who} {first_phrase} fra {period.fra} til {period.til}"
    if latest_phrase is None:
        return f"{first}. {_cannot(latest)}"
    same = first_phrase.split()[0] == latest_phrase.split()[0]
    if same and latest_phrase != "var uændret":
        tail = latest_phrase.split(" ", 1)[1]
        return f"{first} og {tail} fra {latest.fra} til {latest.til}."
    joiner = " og" if same else ", men"
    return f"{first}{joiner} {latest_phrase} fra {latest.fra} til {latest.til}."


def _levels(result: IndicatorResult, who: str, years: list[int]) -> str:
    """A share that rests on a small base in a year compared: each year's figure as it stands,
    a count or a percentage, and no change in procentpoint that one case could make:
    `Andelen var tre af otte klagesager i 2010, 25 % i 2013 og 23 % i 2014.`"""
    said = []
    for year in years:
        value = _value(result.table["kommune"], year)
        shown = counted_share(result, year) or (
            value_text(result, value) if value is not None else None)
        if shown:
            said.append(f"{shown} i {year}")
    return f"{who} var {language.join(said)}." if said else ""


def _one_change(who: str, change: Change, phrase: str | None) -> str:
    if phrase is None:
        return _cannot(change)
    return f"{who} {phrase} fra {change.fra} til {change.til}."


def _cannot(change: Change) -> str:
    if change.mangler is not None:
        return (f"Udviklingen fra {change.fra} til {change.til} kan ikke beregnes, fordi tallet "
                f"for {change.mangler} mangler.")
    return (f"Udviklingen fra {change.fra} til {change.til} kan ikke beregnes, fordi tallet "
            f"for {change.fra} er 0.")


def _year(result: IndicatorResult) -> int | None:
    year = result.periode.til if result.periode else None
    if result.sammenligning is not None:
        year = result.sammenligning.aar
    if year is None:  # a single year
        kommune = result.table["kommune"]
        if kommune.notna().any():
            year = int(result.table.index[kommune.notna()].max())
        elif result.counts is not None and result.counts.notna().any():
            year = int(result.counts.index[result.counts.notna()].max())
    return year


def level_sentence(result: IndicatorResult, kommune: str, variant: int = 0) -> str:
    """The finding: the level in the latest year and how it stands against the country and the
    reference group, in one of three forms:

    0 `Antallet af underretninger i Fjordlund Kommune var 78 pr. 1.000 0–17-årige i 2014, 10 %
       over landsgennemsnittet og 18 % over referencegruppen (71 og 66).`
    1 `Målt på antallet af underretninger lå Fjordlund Kommune i 2014 10 % over …: 78 pr. 1.000
       0–17-årige mod 71 på landsplan og 66 i referencegruppen.`
    2 `Fjordlund Kommune lå i 2014 10 % over … , når det gælder antallet af underretninger: 78 …
       mod 71 på landsplan og 66 i referencegruppen.`"""
    year = _year(result)
    if year is None:
        return ""
    shown = _value(result.table["kommune"], year)
    name = subject(result)
    if shown is None:
        if result.counts is None:
            return ""
        count = _value(result.counts, year)
        if count is None:
            return ""
        amount = language.kroner(count) if result.indicator.enhed == "kr" else count_text(count)
        return f"{language.capitalize_first(name.rstrip(','))} i {kommune} var {amount} i {year}."
    counted = counted_share(result, year)
    if counted:
        return _counted_level(result, kommune, year, counted)
    level = value_text(result, shown)
    pairs, values = _comparisons(result)
    if not pairs:
        if variant % VARIANTS == 1:
            return f"I {year} var {name} i {kommune} {level}."
        return f"{language.capitalize_first(name)} i {kommune} var {level} i {year}."
    found = comparison_phrase(pairs, points=is_share(result),
                              decimals=result.indicator.decimaler)
    against = language.join([f"{v} {where}" for v, where in values])
    form = variant % VARIANTS
    if form == 1:
        return f"Målt på {name} lå {kommune} i {year} {found}: {level} mod {against}."
    if form == 2:
        return (f"{kommune} lå i {year} {found}, når det gælder {name.rstrip(',')}: {level} "
                f"mod {against}.")
    bare = language.join([v for v, _ in values])
    return (f"{language.capitalize_first(name)} i {kommune} var {level} i {year}, {found} "
            f"({bare}).")


def _counted_level(result: IndicatorResult, kommune: str, year: int, counted: str) -> str:
    """The finding on a small base: the count, and the other areas' shares (on their larger
    bases) beside it with no difference computed, since one case moves the municipality's
    share by ten points or more: `Andelen af …, i Fjordlund Kommune var to af fire klagesager i
    2014. Til sammenligning var andelen 25 % på landsplan og 25 % i referencegruppen.`"""
    lead = f"{language.capitalize_first(subject(result))} i {kommune} var {counted} i {year}."
    _, values = _comparisons(result)
    if values:
        lead += (f" Til sammenligning var {back_reference(result)} "
                 f"{language.join([f'{v} {where}' for v, where in values])}.")
    return lead


def _comparisons(result: IndicatorResult) -> tuple[list[tuple[float, str]],
                                                  list[tuple[str, str]]]:
    """The comparisons the data allow, country first, and the other values they are against:
    differences in procentpoint for a share, relative for anything else."""
    comparison = result.sammenligning
    if comparison is None or comparison.kommune is None:
        return [], []
    share = is_share(result)
    pairs, values = [], []
    for other, relative, name, where in (
            (comparison.landsgennemsnit, comparison.mod_land, "landsgennemsnittet", "på landsplan"),
            (comparison.referencegruppe, comparison.mod_reference, "referencegruppen",
             "i referencegruppen")):
        if other is None:
            continue
        difference = comparison.kommune - other if share else relative
        if difference is None:
            continue
        pairs.append((difference, name))
        values.append((value_text(result, other, short=True), where))
    return pairs, values


def count_sentence(result: IndicatorResult) -> str:
    """For a rate, the count behind it: `Det svarer til 1.142 underretninger.`"""
    if result.counts is None:
        return ""
    year = _year(result)
    if year is None or _value(result.table["kommune"], year) is None:
        return ""
    count = _value(result.counts, year)
    if count is None:
        return ""
    if result.indicator.enhed == "kr":
        return f"Det svarer til {language.kroner(count)} i alt."
    noun = counted_noun(result)
    if noun[:1].isdigit():  # "31 18–22-årige" reads as one number
        noun = ""
    if count == 1:  # "en klagesag i Ankestyrelsen": the catalogue's ental, or no noun at all
        singular, plural = result.indicator.ental, result.indicator.flertal
        noun = (singular + noun[len(plural):]
                if singular and plural and noun.startswith(plural) else "")
    return f"Det svarer til {count_text(count)} {noun}." if noun else \
        f"Det svarer til {count_text(count)} i alt."


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
    """`Det er 27 % over kommunens eget mål på 30 sager pr. sagsbehandler.` (procentpoint for
    a share)."""
    if comparison.maal is None or comparison.mod_maal is None:
        return ""
    goal = value_text(result, comparison.maal)
    if result.indicator.enhedstekst and not result.indicator.is_rate:
        goal = f"{goal} {result.indicator.enhedstekst}"
    if counted_share(result, comparison.aar):  # a small base: no difference in procentpoint
        return f"Kommunens eget mål er {goal}."
    share = is_share(result)
    difference = comparison.kommune - comparison.maal if share else comparison.mod_maal
    phrase = difference_phrase(difference, "kommunens eget mål", points=share,
                               decimals=result.indicator.decimaler)
    return f"Det er {phrase} på {goal}."


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
    if result.smaa_grundlag:
        return _counted_distribution(result, kommune, tillaeg)
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


def _counted_distribution(result: DistributionResult, kommune: str, tillaeg: str) -> list[str]:
    """A distribution of fewer than language.SMALL_BASE persons, in counts: `I 2014 var fire
    af de syv anbragte i Fjordlund Kommune anbragt i plejefamilie mod 48 % i referencegruppen
    og 45 % på landsplan. Af de øvrige var to anbragt på opholdssted og en anbragt på
    døgninstitution.` The other areas' shares rest on larger bases and stand beside it."""
    dist = result.distribution
    counts = dict(zip((p.id for p in result.parts), result.smaa_grundlag, strict=True))
    total = sum(result.smaa_grundlag)
    largest = max(counts, key=lambda part_id: counts[part_id])
    parts = {p.id: p for p in result.parts}

    def where(part_id: str) -> str:
        return parts[part_id].i_saetning or parts[part_id].label.lower()

    name = dist.navn
    of = (f"de {language.count_phrase(total)} {name.removeprefix('de ')}"
          if name.startswith("de ") else f"{name} ({language.count_phrase(total)} i alt)")
    out = [f"I {result.aar} {dist.verbum} {language.count_phrase(counts[largest])} af {of} i "
           f"{kommune}{tillaeg} {where(largest)}{_share_others(result.shares, largest)}."]
    others = [f"{language.count_phrase(c)}{tillaeg} {where(p)}" for p, c in counts.items()
              if p != largest and c > 0]
    if others and len(result.parts) > 2:  # of two parts the second is the rest of the first
        out.append(f"Af de øvrige {dist.verbum} {language.join(others)}.")
    return out


def _share_others(shares, part_id: str) -> str:
    parts = []
    ref, land = shares.loc[part_id, REFERENCE], shares.loc[part_id, NATIONAL]
    if ref == ref:
        parts.append(f"{language.percent(ref)} i referencegruppen")
    if land == land:
        parts.append(f"{language.percent(land)} på landsplan")
    return f" mod {language.join(parts)}" if parts else ""


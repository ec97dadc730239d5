"""The Danish notes on what chapter 4 could not compute (printed in a figure's "Anm.:" line),
from the gaps the key figures' analysis found (`results.Gap`): a year without the
municipality's figure, a rate without its denominator, a reference group lacking a member, a
distribution without a common year or a national figure, a share told as a count on a small
base."""

from __future__ import annotations

from taskforce_report.analyse.keyfigures.results import DistributionResult, Gap, IndicatorResult
from taskforce_report.core import language


def missing_notes(item: IndicatorResult | DistributionResult, kommune: str) -> list[str]:
    """An item's notes on what could not be computed, in the order the analysis found it."""
    return [note(gap, kommune) for gap in item.gaps]


def note(gap: Gap, kommune: str) -> str:
    years = language.years(list(gap.years)) if gap.years else ""
    if gap.what == "kommune":
        return f"Der er ingen tal for {kommune} i {years}."
    if gap.what == "naevner":
        return (f"{language.capitalize_first(gap.names[0].lower())} mangler for {kommune} i "
                f"{years}, så raten kan ikke beregnes.")
    if gap.what == "referencegruppe":
        return (f"Referencegruppens værdi kan ikke beregnes for {years}, fordi tallene for "
                f"{language.join(list(gap.names))} mangler.")
    if gap.what == "fordeling_aar":
        return f"{kommune} har ikke tal for alle dele af fordelingen i samme år."
    if gap.what == "fordeling_referencegruppe":
        return (f"Referencegruppens fordeling kan ikke beregnes for {gap.years[0]}, fordi "
                f"tallene for {language.join(list(gap.names))} mangler.")
    if gap.what == "lille_grundlag":
        return (f"{kommune} havde færre end {language.count_phrase(language.SMALL_BASE)} "
                f"{gap.names[0]} i {years}, så tallet er givet som antal og ikke som andel.")
    if gap.what == "lille_fordeling":
        return (f"{kommune} havde færre end {language.count_phrase(language.SMALL_BASE)} "
                f"{gap.names[0]} i {years}, så kommunens fordeling er givet som antal og ikke "
                "i procent.")
    return f"Der er ingen tal for hele landet i {gap.years[0]}."  # "land"

"""Two rounds of the case review: the status measurement set against the baseline, criterion by
criterion, both counted under the same rules (`compare`), with the change in percentage points
between the percents the tables print, and the values a status report's texts may cite. The
sentences come from the `casereview_wording.Wording` handed in (words/casereview.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from taskforce_report import catalogues
from taskforce_report.analyse import casereview_criteria
from taskforce_report.analyse.casereview_criteria import group_of, law_reference
from taskforce_report.analyse.casereview_wording import Wording
from taskforce_report.analyse.counting import (
    ANALYSIS_RULE,
    BASELINE,
    STATUS,
    RoundCount,
    Rule,
    Rules,
    cases,
    cases_with_criticism,
    declared_rules,
    rule_for,
    tally,
)
from taskforce_report.core import language
from taskforce_report.models import CriterionEntry


@dataclass(frozen=True)
class Comparison:
    """One criterion in both rounds: the counts, the change and the sentence."""

    id: str
    krav: str
    kort: str
    lov: str
    baseline: RoundCount
    status: RoundCount
    aendring: int | None  # percentage points between the printed percents; None if unknown
    tekst: str

    @property
    def lille_grundlag(self) -> bool:
        """A round of fewer than language.SMALL_BASE relevant cases: its share is not printed,
        and no change in procentpoint either (one case would move it ten points or more)."""
        return any(language.is_small_base(r.relevante) for r in (self.baseline, self.status))

    @property
    def aendring_tekst(self) -> str:
        """The change as the table prints it: "+35", "−10", "0", "–" (also on a small base)."""
        return "–" if self.lille_grundlag else signed_points(self.aendring)


@dataclass(frozen=True)
class ComparisonGroup:
    """The criteria of one theme of the concept (a pejlemærke, a classic theme)."""

    id: str
    overskrift: str
    kriterier: tuple[Comparison, ...]
    chart: str = ""  # the id of its chart, "" when neither round measured anything
    tabel: int = 0  # its table's number in the appendix
    figur: int = 0  # its figure's number in the appendix, 0 without a chart

    @property
    def figur_i_antal(self) -> bool:
        """Whether its chart shows counts, not shares: no criterion has a share the table
        prints (every one on a small base or unmeasured); see casereview_charts._bars_data."""
        return not any(not c.lille_grundlag and r.andel is not None
                       for c in self.kriterier for r in (c.baseline, c.status))


@dataclass(frozen=True)
class Development:
    steget: int
    faldet: int
    uaendret: int

    @property
    def sammenlignet(self) -> int:
        return self.steget + self.faldet + self.uaendret


@dataclass(frozen=True)
class RoundComparison:
    """The status measurement against the baseline (casereview_rounds.compare)."""

    regel: Rule  # the rule of the first criterion counted (all of them, as a rule)
    sager: tuple[int, int]  # cases reviewed: (baseline, status)
    kritik: tuple[int, int]  # cases with criticism: (baseline, status)
    grupper: tuple[ComparisonGroup, ...] = ()
    samlet: tuple[Comparison, ...] = ()  # criteria without a theme (samlet_vurdering)
    regler: tuple[Rule, ...] = ()  # every rule the criteria declared, in order of first use
    regel_tekst: str = ""  # how the rules count, for the method text
    andel_tekst: str = ""  # what "Andel opfyldt" is, for the notes under the tables

    def is_empty(self) -> bool:
        return not (self.sager[0] and self.sager[1])

    @property
    def udvikling(self) -> Development:
        """How many criteria rose, fell or stayed, of those both rounds measured."""
        changes = [c.aendring for c in self.samlet + tuple(c for g in self.grupper
                                                          for c in g.kriterier)
                   if c.aendring is not None]
        return Development(steget=sum(1 for x in changes if x > 0),
                           faldet=sum(1 for x in changes if x < 0),
                           uaendret=sum(1 for x in changes if x == 0))

    def criterion(self, criterion_id: str) -> Comparison | None:
        every = self.samlet + tuple(c for g in self.grupper for c in g.kriterier)
        return next((c for c in every if c.id == criterion_id), None)


def _round_count(counts: pd.DataFrame, criterion_id: str) -> RoundCount:
    if criterion_id not in counts.index:
        return RoundCount(0, 0, 0, None, 0)
    row = counts.loc[criterion_id]
    base = int(row["relevante"])
    return RoundCount(sager=int(row["sager"]), relevante=base, opfyldt=int(row["opfyldt"]),
                      andel=float(row["andel"]) if base else None, kritik=int(row["kritik"]))


def _comparison(criterion: CriterionEntry, before: pd.DataFrame, after: pd.DataFrame,
                date: dt.date, words: bool, wording: Wording) -> Comparison:
    first, last = _round_count(before, criterion.id), _round_count(after, criterion.id)
    change = (None if first.procent is None or last.procent is None
              else last.procent - first.procent)
    return Comparison(id=criterion.id, krav=criterion.krav, kort=criterion.kort,
                      lov=law_reference(criterion, date), baseline=first, status=last,
                      aendring=change,
                      tekst=wording.change(criterion, first, last, words))


def compare(frame: pd.DataFrame, known: Mapping[str, CriterionEntry], date: dt.date,
            rules: Rules | None = None, words: bool = False,
            themes: Mapping[str, catalogues.Theme] | None = None, *,
            wording: Wording) -> RoundComparison:
    """The status round set against the baseline round, criterion by criterion, both counted
    with `tally` under the same rules: per theme of `themes` (default the classic ten, placed
    by `group_of`) the criteria either round assessed, with both rounds' counts and shares,
    the change in percentage points and the sentence. `rules` default: each criterion's own
    declared rule (`declared_rules`), as the analysis report counts it. `wording` writes the
    sentences (words/casereview.py `WORDING`)."""
    rules = declared_rules(known) if rules is None else rules
    before, after = tally(frame, rules, BASELINE), tally(frame, rules, STATUS)
    used = tuple(dict.fromkeys(rule_for(rules, k)
                               for k in dict.fromkeys([*before.index, *after.index])))
    rule = used[0] if used else ANALYSIS_RULE
    themes = catalogues.themes() if themes is None else themes
    assessed = set(before.index) | set(after.index)
    grouped: dict[str | None, list[Comparison]] = {}
    for criterion in known.values():
        if criterion.id in assessed:
            grouped.setdefault(group_of(criterion, themes), []).append(
                _comparison(criterion, before, after, date, words, wording))
    groups: list[ComparisonGroup] = []
    figures = 0
    for theme_id, theme in themes.items():
        found = tuple(grouped.get(theme_id, ()))
        if not found:
            continue
        drawable = sum(1 for c in found if c.baseline.andel is not None
                       or c.status.andel is not None) >= casereview_criteria.MIN_CHART_ROWS
        figures += drawable
        groups.append(ComparisonGroup(
            id=theme_id, overskrift=theme.overskrift, kriterier=found,
            chart=f"statusmaaling-{theme_id}" if drawable else "",
            tabel=len(groups) + 1, figur=figures if drawable else 0))
    return RoundComparison(
        regel=rule, regler=used,
        sager=(cases(frame, BASELINE), cases(frame, STATUS)),
        kritik=(cases_with_criticism(frame, None, BASELINE),
                cases_with_criticism(frame, None, STATUS)),
        grupper=tuple(groups), samlet=tuple(grouped.get(None, ())),
        # the rules the criteria declared, or the one rule when none declared its own
        regel_tekst=wording.rules(used or (rule,)), andel_tekst=wording.shares(used or (rule,)))


def comparison_citation_values(result: RoundComparison) -> dict[str, Any]:
    """The names a status report's texts may cite (docs/bundle-format.md), → their values."""
    values: dict[str, Any] = {}
    for i, runde in enumerate((BASELINE, STATUS)):
        values[f"statusmaaling.{runde}.sager"] = result.sager[i]
        values[f"statusmaaling.{runde}.kritik"] = result.kritik[i]
    for c in result.samlet + tuple(c for g in result.grupper for c in g.kriterier):
        for runde in (BASELINE, STATUS):
            count: RoundCount = getattr(c, runde)
            prefix = f"statusmaaling.{c.id}.{runde}"
            values[f"{prefix}.relevante"] = count.relevante
            values[f"{prefix}.opfyldt"] = count.opfyldt
            values[f"{prefix}.andel"] = language.percent(count.andel)
        values[f"statusmaaling.{c.id}.aendring"] = signed_points(c.aendring)
        values[f"statusmaaling.{c.id}.tekst"] = c.tekst
    return values


def signed_points(points: int | None) -> str:
    """A change in percentage points as the tables print it: "+35", "−10", "0", "–"."""
    if points is None:
        return "–"
    if points > 0:
        return f"+{language.number(points)}"
    if points < 0:
        return f"\u2212{language.number(-points)}"
    return "0"

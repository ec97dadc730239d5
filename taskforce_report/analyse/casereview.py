"""The case review (sagsgennemgang): Ankestyrelsen's assessment of each case against each legal
requirement, checked, normalised and counted.

The layers, each usable alone and each in its own module:
- the criteria, the catalogue (`catalogues/kriterier.yaml`) plus the bundle's own, are data
  that load/criteria.py reads; the law each cites and the theme that reports it are
  `casereview_criteria`'s;
- the rows of `sagsgennemgang.csv` checked and in canonical form (`casereview_rows.normalise`);
- counts per criterion under a counting `Rule`, which may differ per criterion (the status
  report counts "helt eller delvist overholdt"; the analysis report counts ja only):
  `counting.tally`, the one counting rule of every document;
- `review()` here: the results of chapter 5 with the sentences in the report's idiom ("I 5 ud
  af de 12 sager …"), worded by the `casereview_wording.Wording` handed in (words/casereview.py),
  and the values texts may cite (`citation_values`);
- the status round set against the baseline (`casereview_rounds.compare`);
- the chart specs of both (`casereview_charts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from taskforce_report import catalogues
from taskforce_report.analyse import casereview_criteria
from taskforce_report.analyse.casereview_criteria import group_of, law_reference
from taskforce_report.analyse.casereview_wording import Wording
from taskforce_report.analyse.counting import (
    ANALYSIS_RULE,
    BAROMETER_RULE,
    BASELINE,
    COUNT_COLUMNS,
    Rule,
    Rules,
    cases,
    cases_failing,
    cases_relevant,
    cases_with_criticism,
    declared_rules,
    rule_for,
    tally,
)
from taskforce_report.core import language
from taskforce_report.models import CriterionEntry, NationalResult


@dataclass(frozen=True)
class CriterionResult:
    id: str
    krav: str
    kort: str
    lov: str  # "servicelovens § 50, stk. 7", or "" when the catalogue has none for the date
    sager: int
    ja: int
    delvist: int
    nej: int
    ikke_relevant: int
    relevante: int
    opfyldt: int
    ikke_opfyldt: int
    andel: float | None  # opfyldt / relevante; None when no case was relevant
    kritik: int
    tekst: str  # the finding and any criticism, as sentences
    landsresultat: NationalResult | None = None  # the barometer's share, where given
    andel_som_landet: float | None = None  # the share counted as the national result is
    landsresultat_tekst: str = ""  # "2020: 55 %" for the table's column; "" without one

    @property
    def andel_ikke_opfyldt(self) -> float | None:
        return None if self.andel is None else 1 - self.andel


@dataclass(frozen=True)
class ThemeReview:
    id: str
    overskrift: str
    kriterier: tuple[CriterionResult, ...]
    sager: int  # cases in which at least one of the theme's criteria applied
    mangler: int  # cases in which at least one of the theme's criteria was not met
    kritik: int  # cases with criticism on one of the theme's criteria
    chart: str = ""  # the id of its chart, "" when there is nothing to draw
    tabel: int = 0  # its table's number in the chapter ("Tabel 5.<tabel>")
    figur: int = 0  # its figure's number in the chapter, 0 without a chart
    tekst_kritik: str = ""  # the theme's criticism in all, when it spans several criteria
    chart_land: str = ""  # its chart against the national results, "" without any
    figur_land: int = 0
    # the note on its national results (source, how they count, the municipality's shares
    # counted the same way); "" without any
    land_tekst: str = ""

    def is_empty(self) -> bool:
        return not self.kriterier

    @property
    def landsresultater(self) -> tuple[CriterionResult, ...]:
        return tuple(r for r in self.kriterier if r.landsresultat is not None)


@dataclass(frozen=True)
class CaseReview:
    sager: int
    kritik: int
    regel: Rule  # the rule of the first criterion counted (all of them, as a rule)
    temaer: dict[str, ThemeReview] = field(default_factory=dict)  # theme id → its results
    samlet: tuple[CriterionResult, ...] = ()  # criteria without a theme (samlet_vurdering)
    udvaelgelse: str = ""  # Markdown from rapport.yaml
    afgoerelser_foer: str = ""  # "15. april 2015"
    regler: tuple[Rule, ...] = ()  # every rule the criteria declared, in order of first use
    regel_tekst: str = ""  # how the rules count, for the method text
    andel_tekst: str = ""  # what "Andel opfyldt" is, for the notes under the tables

    def is_empty(self) -> bool:
        return self.sager == 0

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        for result in self.samlet + tuple(r for t in self.temaer.values() for r in t.kriterier):
            if result.id == criterion_id:
                return result
        return None


def criterion_result(criterion: CriterionEntry, row: pd.Series, date: dt.date, words: bool,
                     wording: Wording, as_national: pd.Series | None = None) -> CriterionResult:
    """One criterion's counts (a row of `tally`) and its sentences; `as_national`: its counts
    under BAROMETER_RULE, for its national result."""
    counts = {c: int(row[c]) for c in COUNT_COLUMNS if c != "andel"}
    andel = None if counts["relevante"] == 0 else float(row["andel"])
    text = wording.finding(criterion, counts["ikke_opfyldt"], counts["relevante"], words)
    critique = wording.criticism(counts["kritik"], counts["ikke_opfyldt"], words)
    national = None
    if criterion.landsresultat is not None and as_national is not None:
        national = None if int(as_national["relevante"]) == 0 else float(as_national["andel"])
    return CriterionResult(id=criterion.id, krav=criterion.krav, kort=criterion.kort,
                           lov=law_reference(criterion, date), andel=andel,
                           tekst=f"{text} {critique}".strip(),
                           landsresultat=criterion.landsresultat, andel_som_landet=national,
                           landsresultat_tekst=wording.national(criterion.landsresultat),
                           **counts)



def review(frame: pd.DataFrame, known: Mapping[str, CriterionEntry], date: dt.date,
           rules: Rules | None = None, runde: str | None = BASELINE, words: bool = False,
           udvaelgelse: str = "", afgoerelser_foer: str = "",
           themes: Mapping[str, catalogues.Theme] | None = None, *,
           wording: Wording) -> CaseReview:
    """Chapter 5's results: per theme (catalogue order) the criteria that have rows. `themes`
    is the concept's theme catalogue (default the classic ten); criteria are placed by
    `group_of`. `rules` default: each criterion's own declared rule (`declared_rules`).
    `wording` writes the sentences (words/casereview.py `WORDING`)."""
    rules = declared_rules(known) if rules is None else rules
    counts = tally(frame, rules, runde)
    used = tuple(dict.fromkeys(rule_for(rules, k) for k in counts.index))
    rule = used[0] if used else ANALYSIS_RULE
    # the rules the criteria declared, or the one rule of the review when none declared its own
    said = {"regel_tekst": wording.rules(used or (rule,)),
            "andel_tekst": wording.shares(used or (rule,))}
    if counts.empty:
        return CaseReview(sager=0, kritik=0, regel=rule, udvaelgelse=udvaelgelse,
                          afgoerelser_foer=afgoerelser_foer, **said)
    themes = catalogues.themes() if themes is None else themes
    national = (tally(frame, BAROMETER_RULE, runde)
                if any(c.landsresultat for c in known.values()) else None)
    grouped: dict[str | None, list[CriterionResult]] = {}
    for criterion in known.values():  # catalogue order, then the bundle's
        if criterion.id in counts.index:
            as_national = None if national is None else national.loc[criterion.id]
            found = criterion_result(criterion, counts.loc[criterion.id], date, words,
                                     wording, as_national)
            grouped.setdefault(group_of(criterion, themes), []).append(found)
    by_theme = {}
    figures = 0
    min_rows = casereview_criteria.MIN_CHART_ROWS
    for theme_id, theme in themes.items():
        results = tuple(grouped.get(theme_id, ()))
        if not results:
            continue
        ids = [r.id for r in results]
        # one or two rows are read off the table; a chart of them adds nothing
        drawable = sum(1 for r in results if r.relevante) >= min_rows
        figures += drawable
        compared = sum(1 for r in results if r.landsresultat is not None) >= min_rows
        figures += compared
        by_theme[theme_id] = ThemeReview(
            id=theme_id, overskrift=theme.overskrift, kriterier=results,
            sager=cases_relevant(frame, ids, runde),
            mangler=cases_failing(frame, ids, rules, runde),
            kritik=cases_with_criticism(frame, ids, runde),
            chart=f"sagsgennemgang-{theme_id}" if drawable else "",
            tabel=len(by_theme) + 2,  # Tabel 5.1 is the overview in "Samlet resultat"
            figur=(figures - compared) if drawable else 0,
            chart_land=f"sagsgennemgang-{theme_id}-land" if compared else "",
            figur_land=figures if compared else 0,
            tekst_kritik=wording.theme_criticism(sum(1 for r in results if r.kritik),
                                                 cases_with_criticism(frame, ids, runde),
                                                 cases_relevant(frame, ids, runde), words),
            land_tekst=wording.national_note(tuple(r for r in results
                                                   if r.landsresultat is not None)))
    return CaseReview(sager=cases(frame, runde), kritik=cases_with_criticism(frame, None, runde),
                      regel=rule, temaer=by_theme, samlet=tuple(grouped.get(None, ())),
                      udvaelgelse=udvaelgelse, afgoerelser_foer=afgoerelser_foer, regler=used,
                      **said)



def citation_values(result: CaseReview) -> dict[str, Any]:
    """The names theme texts may cite (see docs/bundle-format.md), → their values."""
    values: dict[str, Any] = {"sagsgennemgang.sager": result.sager,
                              "sagsgennemgang.kritik": result.kritik}
    all_results = result.samlet + tuple(r for t in result.temaer.values() for r in t.kriterier)
    for r in all_results:
        prefix = f"sagsgennemgang.{r.id}"
        for name in ("sager", "relevante", "ja", "delvist", "nej", "ikke_relevant", "opfyldt",
                     "ikke_opfyldt", "kritik"):
            values[f"{prefix}.{name}"] = getattr(r, name)
        values[f"{prefix}.andel"] = language.percent(r.andel)
        values[f"{prefix}.andel_ikke_opfyldt"] = language.percent(r.andel_ikke_opfyldt)
        values[f"{prefix}.tekst"] = r.tekst
    for theme in result.temaer.values():
        values[f"sagsgennemgang.tema.{theme.id}.sager"] = theme.sager
        values[f"sagsgennemgang.tema.{theme.id}.kritik"] = theme.kritik
    return values

"""The case review (sagsgennemgang): Ankestyrelsen's assessment of each case against each legal
requirement, checked, normalised and counted.

Three layers, each usable alone:
- the criteria, the catalogue (`catalogues/kriterier.yaml`) plus the bundle's own, are data
  that load/criteria.py reads; here the law each cites (`law_reference()`);
- `normalise()` and `tally()`: pure pandas functions from the rows of `sagsgennemgang.csv` to
  counts per criterion under a counting `Rule`, which may differ per criterion (the status
  report counts "helt eller delvist overholdt"; the analysis report counts ja only);
- `review()`: the results of chapter 5 in the report's idiom ("I 5 ud af de 12 sager …").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from taskforce_report import catalogues
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.core.errors import MAX_ROW_PROBLEMS, Problem, raise_row_problems
from taskforce_report.load import vocabulary
from taskforce_report.load.tables import Table
from taskforce_report.load.vocabulary import Vocabulary
from taskforce_report.models import CriterionEntry, NationalResult

VURDERINGER = ("ja", "delvist", "nej", "ikke relevant")
RUNDER = ("baseline", "status")  # the first review, and the review repeated at the end
BASELINE = "baseline"
BARNETS_LOV_FROM = dt.date(2024, 1, 1)  # reports from this date cite Barnets Lov

_CPR = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")
_ALIASES = {"ikke_relevant": "ikke relevant", "ikke-relevant": "ikke relevant"}

# A chart needs this many rows (criteria); a table of one or two rows is printed without one.
MIN_CHART_ROWS = 3


# ---- the criteria -----------------------------------------------------------------------

def law_reference(criterion: CriterionEntry, date: dt.date) -> str:
    """The legal basis in force at the report's date: "servicelovens § 50, stk. 7"."""
    if date >= BARNETS_LOV_FROM:
        law, ref = "barnets lovs", criterion.lov.barnets_lov
    else:
        law, ref = "servicelovens", criterion.lov.serviceloven
    if not ref:
        return ""
    ref = re.sub(r"(§§?|stk\.|nr\.) ", "\\1" + language.NBSP, ref)  # "§ 50" never breaks
    return f"{law} {ref}"


# ---- rows → tidy frame ------------------------------------------------------------------

# sagsgennemgang.csv's closed columns beside the criterion, whose list depends on the bundle
VURDERING = Vocabulary(VURDERINGER, "en gyldig vurdering", listed=True, aliases=_ALIASES)
RUNDE = Vocabulary(RUNDER, "en gyldig runde", listed=True, default=BASELINE)
KRITIK = Vocabulary(("ja", "nej"), "en gyldig værdi", listed=True, default="nej", suggest=False)


def case_problems(table: Table, number: int, sag: str) -> list[Problem]:
    """A case is named by a pseudonym, never left blank and never by the child's CPR number;
    shared with the audit and the social-work review, whose rows name cases the same way."""
    if not sag:
        return [table.problem(number, "sag", "sagen mangler et navn (et pseudonym, fx S01)")]
    if _CPR.search(sag):
        return [table.problem(number, "sag", "værdien ligner et CPR-nummer; brug et pseudonym "
                              "for sagen (fx S01)")]
    return []


def normalise(table: Table, known: Mapping[str, CriterionEntry]) -> pd.DataFrame:
    """The rows of sagsgennemgang.csv checked and in canonical form.

    Columns: sag, kriterium, vurdering (one of VURDERINGER), runde (one of RUNDER), kritik
    (bool), bemaerkning; the index is the row number in the file. Every wrong cell is
    reported, with row, column and value, in one InputError.
    """
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[tuple[str, str, str], int] = {}
    vocabularies = {
        "kriterium": Vocabulary(known, "et kendt kriterium", empty="intet kriterium",
                                note="; kriterierne står i docs/bundle-format.md"),
        "vurdering": VURDERING,
        "runde": RUNDE,
        "kritik": KRITIK,
    }
    for number, record in table.records():
        sag = record["sag"].strip()
        values, wrong = vocabulary.read(table, number, record, vocabularies)
        wrong = case_problems(table, number, sag) + wrong
        kriterium, runde = values["kriterium"], values["runde"]
        key = (runde, sag, kriterium)
        if wrong:
            problems += wrong
        elif key in first_seen:
            problems.append(table.problem(
                number, None, f"sag {sag} er allerede vurderet på kriteriet {kriterium} "
                f"i række {first_seen[key]}"))
        else:
            first_seen[key] = number
            rows.append({"række": number, "sag": sag, "kriterium": kriterium,
                         "vurdering": values["vurdering"], "runde": runde,
                         "kritik": values["kritik"] == "ja",
                         "bemaerkning": record.get("bemaerkning", "").strip()})
        if len(problems) > MAX_ROW_PROBLEMS:
            break
    raise_row_problems(table.source, problems)
    columns = ["række", "sag", "kriterium", "vurdering", "runde", "kritik", "bemaerkning"]
    return pd.DataFrame(rows, columns=columns).set_index("række")


# ---- counting ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """How one criterion's assessments are counted. "Ikke relevant" never counts as met.

    delvist_opfyldt: a partly met requirement counts as met ("helt eller delvist overholdt");
        otherwise it counts as not met.
    ikke_relevant_i_grundlag: a case where the requirement did not apply stays in the base, as
        not met ("af alle sager"); otherwise it leaves the base ("hvor det vurderes relevant").
    lovligt_undladt: with ikke_relevant_i_grundlag, such a case is counted as lawfully omitted
        beside the met ones, as Ankestyrelsen's Børnesagsbarometer counts; the figure is then
        always labelled "opfyldt eller lovligt undladt", never "opfyldt".
    """

    delvist_opfyldt: bool = False
    ikke_relevant_i_grundlag: bool = False
    lovligt_undladt: bool = False

    @property
    def counted(self) -> str:
        """What the share counts, for a label: "opfyldt", "helt eller delvist opfyldt"."""
        met = "helt eller delvist opfyldt" if self.delvist_opfyldt else "opfyldt"
        return f"{met} eller lovligt undladt" if self.lovligt_undladt else met

    def describe(self) -> str:
        """The rule in one Danish sentence pair, for the note under a table."""
        met = ("Et krav regnes som opfyldt, når det er vurderet helt eller delvist opfyldt."
               if self.delvist_opfyldt else
               "Et krav regnes kun som opfyldt, når det er vurderet helt opfyldt; delvist "
               "opfyldte krav tælles med blandt de sager, hvor kravet ikke er opfyldt.")
        if self.lovligt_undladt:
            base = ("Sager, hvor kravet ikke er relevant, tælles som lovligt undladt og indgår "
                    "i grundlaget sammen med de opfyldte.")
        elif self.ikke_relevant_i_grundlag:
            base = ("Sager, hvor kravet ikke er relevant, indgår i grundlaget, men tælles aldrig "
                    "som opfyldt.")
        else:
            base = "Sager, hvor kravet ikke er relevant, indgår ikke i opgørelsen."
        return f"{met} {base}"

    def share_note(self) -> str:
        """What "Andel opfyldt" in a table means under this rule."""
        counted = "ja og delvist" if self.delvist_opfyldt else "ja"
        if self.lovligt_undladt:
            counted += " og ikke relevant (lovligt undladt)"
        base = ("alle vurderede sager, også dem, hvor kravet ikke er relevant"
                if self.ikke_relevant_i_grundlag else "de sager, hvor kravet er relevant")
        return f"Andel opfyldt er {counted} i procent af {base}."


# The counting rules by the name a criterion declares (`optaelling`, models.CountingRule): the
# one table every document counts by.
RULES: dict[str, Rule] = {
    "alle_sager": Rule(delvist_opfyldt=False, ikke_relevant_i_grundlag=True),
    "hvor_relevant": Rule(delvist_opfyldt=False, ikke_relevant_i_grundlag=False),
    "helt_eller_delvist": Rule(delvist_opfyldt=True, ikke_relevant_i_grundlag=True),
    "helt_eller_delvist_hvor_relevant": Rule(delvist_opfyldt=True,
                                             ikke_relevant_i_grundlag=False),
    # as Ankestyrelsen's Børnesagsbarometer counts: a lawful omission beside the met ones
    "opfyldt_eller_lovligt_undladt": Rule(delvist_opfyldt=False, ikke_relevant_i_grundlag=True,
                                          lovligt_undladt=True),
}
DEFAULT_RULE = "hvor_relevant"  # a criterion that declares no rule
ANALYSIS_RULE = RULES["hvor_relevant"]  # ja only; "ikke relevant" leaves the base
STATUS_RULE = RULES["helt_eller_delvist_hvor_relevant"]  # "helt eller delvist, hvor relevant"
# A national result (`landsresultat`) is set against the municipality's share counted this way.
BAROMETER_RULE = RULES["opfyldt_eller_lovligt_undladt"]


def declared_rules(known: Mapping[str, CriterionEntry]) -> dict[str, Rule]:
    """Each criterion's own counting rule (its `optaelling`), by id: what every document of a
    course counts it by, so the same criterion over the same rows gives the same figure."""
    return {criterion_id: RULES[entry.optaelling] for criterion_id, entry in known.items()}


def rule_name(rule: Rule) -> str:
    return next(name for name, found in RULES.items() if found == rule)


def describe_rules(rules: Iterable[Rule]) -> str:
    """The method text for the rules a table used: one rule's sentences, or each rule's with
    what it counts."""
    used = list(dict.fromkeys(rules))
    if len(used) <= 1:
        return (used[0] if used else ANALYSIS_RULE).describe()
    return " ".join(f"For krav, der tælles som »{r.counted}«: {r.describe()}" for r in used)


Rules = Rule | Mapping[str, Rule] | Callable[[str], Rule]
COUNT_COLUMNS = ("sager", "ja", "delvist", "nej", "ikke_relevant", "relevante", "opfyldt",
                 "ikke_opfyldt", "andel", "kritik")


def rule_for(rules: Rules, kriterium: str, default: Rule = ANALYSIS_RULE) -> Rule:
    if isinstance(rules, Rule):
        return rules
    if isinstance(rules, Mapping):
        return rules.get(kriterium, default)
    return rules(kriterium)


def select_round(frame: pd.DataFrame, runde: str | None = BASELINE) -> pd.DataFrame:
    return frame if runde is None else frame[frame["runde"] == runde]


def tally(frame: pd.DataFrame, rules: Rules = ANALYSIS_RULE,
          runde: str | None = BASELINE) -> pd.DataFrame:
    """Counts per criterion (index, in order of first appearance) for one round.

    sager: cases assessed on the criterion; ja/delvist/nej/ikke_relevant: per assessment;
    relevante: the base under the rule; opfyldt and ikke_opfyldt: met and not met within the
    base (they add up to relevante); andel: opfyldt / relevante (NaN when the base is 0);
    kritik: cases in which Ankestyrelsen voices criticism on the criterion.
    """
    rows = select_round(frame, runde)
    if rows.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS, index=pd.Index([], name="kriterium"))
    order = list(dict.fromkeys(rows["kriterium"]))
    counts = (pd.crosstab(rows["kriterium"], rows["vurdering"])
              .reindex(index=order, columns=list(VURDERINGER), fill_value=0)
              .rename(columns={"ikke relevant": "ikke_relevant"}))
    criticism = (rows[rows["kritik"]].groupby("kriterium")["sag"].nunique()
                 .reindex(order, fill_value=0))
    out = []
    for kriterium, row in counts.iterrows():
        rule = rule_for(rules, kriterium)
        ja, delvist, nej, ir = (int(row[c]) for c in ("ja", "delvist", "nej", "ikke_relevant"))
        opfyldt = ja + (delvist if rule.delvist_opfyldt else 0)
        ikke_opfyldt = nej + (0 if rule.delvist_opfyldt else delvist)
        if rule.lovligt_undladt:  # labelled "opfyldt eller lovligt undladt" (Rule.counted)
            opfyldt += ir
        elif rule.ikke_relevant_i_grundlag:  # in the base, never as met
            ikke_opfyldt += ir
        relevante = opfyldt + ikke_opfyldt
        out.append({"kriterium": kriterium, "sager": ja + delvist + nej + ir, "ja": ja,
                    "delvist": delvist, "nej": nej, "ikke_relevant": ir,
                    "relevante": relevante, "opfyldt": opfyldt, "ikke_opfyldt": ikke_opfyldt,
                    "andel": opfyldt / relevante if relevante else float("nan"),
                    "kritik": int(criticism[kriterium])})
    return pd.DataFrame(out, columns=("kriterium", *COUNT_COLUMNS)).set_index("kriterium")


def cases(frame: pd.DataFrame, runde: str | None = BASELINE) -> int:
    """How many cases the round reviewed."""
    return int(select_round(frame, runde)["sag"].nunique())


def cases_with_criticism(frame: pd.DataFrame, kriterier: Iterable[str] | None = None,
                         runde: str | None = BASELINE) -> int:
    """Cases with criticism on any of the criteria (all criteria when None)."""
    rows = select_round(frame, runde)
    rows = rows[rows["kritik"]]
    if kriterier is not None:
        rows = rows[rows["kriterium"].isin(list(kriterier))]
    return int(rows["sag"].nunique())


def cases_failing(frame: pd.DataFrame, kriterier: Iterable[str], rules: Rules = ANALYSIS_RULE,
                  runde: str | None = BASELINE) -> int:
    """Cases in which at least one of the criteria was not met under its rule."""
    rows = select_round(frame, runde)
    rows = rows[rows["kriterium"].isin(list(kriterier))]
    partly_fails = rows["kriterium"].map(lambda k: not rule_for(rules, k).delvist_opfyldt)
    absent_fails = rows["kriterium"].map(
        lambda k: rule_for(rules, k).ikke_relevant_i_grundlag
        and not rule_for(rules, k).lovligt_undladt)
    failed = ((rows["vurdering"] == "nej") | ((rows["vurdering"] == "delvist") & partly_fails)
              | ((rows["vurdering"] == "ikke relevant") & absent_fails))
    return int(rows[failed]["sag"].nunique())


def cases_relevant(frame: pd.DataFrame, kriterier: Iterable[str],
                   runde: str | None = BASELINE) -> int:
    """Cases in which at least one of the criteria applied."""
    rows = select_round(frame, runde)
    rows = rows[rows["kriterium"].isin(list(kriterier)) & (rows["vurdering"] != "ikke relevant")]
    return int(rows["sag"].nunique())


# ---- phrases in the report's idiom ------------------------------------------------------

def _count(n: int, words: bool) -> str:
    return language.number_word(n) if words else language.number(n)


def _singular(sager: str) -> str:
    """The base for one case: "sager med handleplan" → "sag med handleplan",
    "anbringelsessager" → "anbringelsessag"."""
    return re.sub(r"\b(\w*sag)er\b", r"\1", sager, count=1)


def phrase(criterion: CriterionEntry, failed: int, base: int, words: bool = False) -> str:
    """The finding as the reports write it, failures counted against the relevant cases:
    "I 5 ud af de 12 sager med en børnefaglig undersøgelse er firemånedersfristen
    overskredet." """
    if base == 0:
        return "Kravet har ikke været relevant i nogen af de gennemgåede sager."
    sager = criterion.sager
    if base == 1:
        head, sager = "I den ene", _singular(sager)
    else:
        head = f"I alle {_count(base, words)}"
    if failed and failed < base:
        head = f"I {_count(failed, words)} ud af de {_count(base, words)}"
    comma = "," if "," in sager else ""
    predicate = criterion.mangel if failed else (criterion.opfyldt or "er kravet opfyldt")
    return f"{head} {sager}{comma} {predicate}."


def criticism_phrase(criticised: int, failed: int, words: bool = False) -> str:
    """ "Ankestyrelsen udtaler kritik i alle 3 sager." """
    if criticised == 0:
        return ""
    if criticised == failed:
        if failed == 1:
            return "Ankestyrelsen udtaler kritik i sagen."
        return f"Ankestyrelsen udtaler kritik i alle {_count(criticised, words)} sager."
    if criticised < failed:
        return f"Ankestyrelsen udtaler kritik i {_count(criticised, words)} af disse sager."
    noun = "sag" if criticised == 1 else "sager"
    return f"Ankestyrelsen udtaler kritik i {_count(criticised, words)} {noun}."


# ---- results for the report -------------------------------------------------------------

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

    @property
    def landsresultat_tekst(self) -> str:
        """ "2020: 55 %" for the table's column; "" without a national result."""
        land = self.landsresultat
        return f"{land.aar}: {language.percent(land.andel / 100)}" if land else ""

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

    def is_empty(self) -> bool:
        return not self.kriterier

    @property
    def landsresultater(self) -> tuple[CriterionResult, ...]:
        return tuple(r for r in self.kriterier if r.landsresultat is not None)

    @property
    def land_tekst(self) -> str:
        """The note on the national results: their source, how they count, and the
        municipality's shares counted the same way."""
        found = self.landsresultater
        if not found:
            return ""
        sources = list(dict.fromkeys(f"{r.landsresultat.kilde}" for r in found))
        shares = [f"{r.kort.lower()} {language.percent(r.andel_som_landet, missing='ikke målt')}"
                  for r in found]
        return (f"Landsresultat: {'; '.join(sources)}. Landsresultatet tæller sager, hvor kravet "
                "er opfyldt eller lovligt undladt; talt på samme måde er andelen i kommunen: "
                f"{', '.join(shares)}.")


class _CountedUnderRules:
    """What a review or a comparison says of the rules it counted under: the rules the
    criteria declared, or the one rule of the whole review when none declared its own."""

    regel: Rule
    regler: tuple[Rule, ...]

    @property
    def regel_tekst(self) -> str:
        return describe_rules(self.regler or (self.regel,))

    @property
    def andel_tekst(self) -> str:
        return " ".join(r.share_note() for r in dict.fromkeys(self.regler or (self.regel,)))


@dataclass(frozen=True)
class CaseReview(_CountedUnderRules):
    sager: int
    kritik: int
    regel: Rule  # the rule of the first criterion counted (all of them, as a rule)
    temaer: dict[str, ThemeReview] = field(default_factory=dict)  # theme id → its results
    samlet: tuple[CriterionResult, ...] = ()  # criteria without a theme (samlet_vurdering)
    udvaelgelse: str = ""  # Markdown from rapport.yaml
    afgoerelser_foer: str = ""  # "15. april 2015"
    regler: tuple[Rule, ...] = ()  # every rule the criteria declared, in order of first use

    def is_empty(self) -> bool:
        return self.sager == 0

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        for result in self.samlet + tuple(r for t in self.temaer.values() for r in t.kriterier):
            if result.id == criterion_id:
                return result
        return None


def _result(criterion: CriterionEntry, row: pd.Series, date: dt.date,
            words: bool, as_national: pd.Series | None = None) -> CriterionResult:
    """`as_national`: the criterion's counts under BAROMETER_RULE, for its national result."""
    counts = {c: int(row[c]) for c in COUNT_COLUMNS if c != "andel"}
    andel = None if counts["relevante"] == 0 else float(row["andel"])
    text = phrase(criterion, counts["ikke_opfyldt"], counts["relevante"], words)
    critique = criticism_phrase(counts["kritik"], counts["ikke_opfyldt"], words)
    national = None
    if criterion.landsresultat is not None and as_national is not None:
        national = None if int(as_national["relevante"]) == 0 else float(as_national["andel"])
    return CriterionResult(id=criterion.id, krav=criterion.krav, kort=criterion.kort,
                           lov=law_reference(criterion, date), andel=andel,
                           tekst=f"{text} {critique}".strip(),
                           landsresultat=criterion.landsresultat, andel_som_landet=national,
                           **counts)


def _theme_criticism(results: tuple[CriterionResult, ...], criticised: int, relevant: int,
                     words: bool) -> str:
    if sum(1 for r in results if r.kritik) < 2:
        return ""  # the criterion's own sentence has said it
    if criticised == relevant:
        return (f"Samlet udtaler Ankestyrelsen kritik i alle {_count(relevant, words)} sager "
                "under temaet.")
    return (f"Samlet udtaler Ankestyrelsen kritik i {_count(criticised, words)} af de "
            f"{_count(relevant, words)} sager under temaet.")


def group_of(criterion: CriterionEntry, themes: Mapping[str, catalogues.Theme]) -> str | None:
    """The theme of a concept's theme catalogue that reports the criterion: the one naming it
    in `kriterier`, else the one whose id or `klassiske_temaer` holds its classic theme; None
    for an overall criterion (samlet_vurdering) or a theme the catalogue does not map."""
    for theme in themes.values():
        if criterion.id in theme.kriterier:
            return theme.id
    if criterion.tema is None:
        return None
    for theme in themes.values():
        if criterion.tema == theme.id or criterion.tema in theme.klassiske_temaer:
            return theme.id
    return None


def review(frame: pd.DataFrame, known: Mapping[str, CriterionEntry], date: dt.date,
           rules: Rules | None = None, runde: str | None = BASELINE, words: bool = False,
           udvaelgelse: str = "", afgoerelser_foer: str = "",
           themes: Mapping[str, catalogues.Theme] | None = None) -> CaseReview:
    """Chapter 5's results: per theme (catalogue order) the criteria that have rows. `themes`
    is the concept's theme catalogue (default the classic ten); criteria are placed by
    `group_of`. `rules` default: each criterion's own declared rule (`declared_rules`)."""
    rules = declared_rules(known) if rules is None else rules
    counts = tally(frame, rules, runde)
    used = tuple(dict.fromkeys(rule_for(rules, k) for k in counts.index))
    rule = used[0] if used else ANALYSIS_RULE
    if counts.empty:
        return CaseReview(sager=0, kritik=0, regel=rule, udvaelgelse=udvaelgelse,
                          afgoerelser_foer=afgoerelser_foer)
    themes = catalogues.themes() if themes is None else themes
    national = (tally(frame, BAROMETER_RULE, runde)
                if any(c.landsresultat for c in known.values()) else None)
    grouped: dict[str | None, list[CriterionResult]] = {}
    for criterion in known.values():  # catalogue order, then the bundle's
        if criterion.id in counts.index:
            result = _result(criterion, counts.loc[criterion.id], date, words,
                             None if national is None else national.loc[criterion.id])
            grouped.setdefault(group_of(criterion, themes), []).append(result)
    by_theme = {}
    figures = 0
    for theme_id, theme in themes.items():
        results = tuple(grouped.get(theme_id, ()))
        if not results:
            continue
        ids = [r.id for r in results]
        # one or two rows are read off the table; a chart of them adds nothing
        drawable = sum(1 for r in results if r.relevante) >= MIN_CHART_ROWS
        figures += drawable
        compared = sum(1 for r in results if r.landsresultat is not None) >= MIN_CHART_ROWS
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
            tekst_kritik=_theme_criticism(results, cases_with_criticism(frame, ids, runde),
                                          cases_relevant(frame, ids, runde), words))
    return CaseReview(sager=cases(frame, runde), kritik=cases_with_criticism(frame, None, runde),
                      regel=rule, temaer=by_theme, samlet=tuple(grouped.get(None, ())),
                      udvaelgelse=udvaelgelse, afgoerelser_foer=afgoerelser_foer, regler=used)


def charts(result: CaseReview) -> list[ChartSpec]:
    """One bar chart per theme: ja, delvist and nej per criterion, in cases."""
    specs = []
    for theme in result.temaer.values():
        if not theme.chart:
            continue
        rows = [(r.kort, r.ja, r.delvist, r.nej) for r in theme.kriterier if r.relevante]
        parts = [f"{label}: {language.number(ja)} ja, {language.number(partly)} delvist og "
                 f"{language.number(no)} nej" for label, ja, partly, no in rows]
        specs.append(ChartSpec(
            id=theme.chart, kind="criteria_bars",
            title=f"Sagsgennemgangen: {theme.overskrift.lower()}",
            alt=(f"Vandret søjlediagram over Ankestyrelsens vurderinger i sagsgennemgangen "
                 f"for temaet {theme.overskrift.lower()}, i antal sager, hvor kravet er "
                 f"relevant. " + "; ".join(parts) + "."),
            data={"rows": tuple(rows), "x_label": "Antal sager"},
            height_cm=round(1.9 + 0.85 * len(rows), 2)))
        if theme.chart_land:
            specs.append(national_chart(theme))
    return specs


@dataclass(frozen=True)
class Bar:
    """One bar of a share chart: the share drawn (None: no share bar), its label, and the
    count met of the base, for a chart that shows counts."""

    andel: float | None
    tekst: str
    opfyldt: int | None = None
    grundlag: int = 0


def chart_bar(share: float | None, met: int, base: int, small: bool) -> Bar:
    """One bar of a share chart and its label. On a small base (`small`, decided by
    language.is_small_base as the tables decide it) no share is drawn and the label is the
    count ("3 af 4"), so a chart never shows a percentage its table withholds."""
    if share is None:
        return Bar(None, "ikke målt")
    if small:
        return Bar(None, f"{language.number(met)} af {language.number(base)}", met, base)
    return Bar(share, language.percent(share), met, base)


def _bars_data(rows: list[tuple[str, Bar, Bar]], serier: tuple[str, str]) -> dict[str, Any]:
    """The round_bars chart's data: per row the two values drawn and their labels. While any
    share is drawn, the chart is of shares (a small base is labelled with its count and has no
    bar); when none is, it is a chart of counts: bars of the cases met, labelled "4 af 10" on
    an axis of cases, and `procent` False, so no percentage is shown anywhere."""
    shares = any(bar.andel is not None for _, a, b in rows for bar in (a, b))
    return {"rows": tuple((label, *((bar.andel if shares else bar.opfyldt) for bar in (a, b)))
                          for label, a, b in rows),
            "etiketter": tuple((a.tekst, b.tekst) for _, a, b in rows),
            "serier": serier,
            "procent": shares,
            "grundlag": max((bar.grundlag for _, a, b in rows for bar in (a, b)), default=0)}


def national_chart(theme: ThemeReview) -> ChartSpec:
    """Per criterion with a national result: the municipality's share counted as the
    barometer counts, beside the national share; the municipality's as a count where its
    table shows no share (fewer than language.SMALL_BASE relevant cases)."""
    found = theme.landsresultater
    years = sorted({r.landsresultat.aar for r in found})
    label = f"Landsresultat {years[0]}" if len(years) == 1 else "Landsresultat"
    rows = [(r.kort,
             chart_bar(r.andel_som_landet, r.opfyldt, r.relevante,
                       language.is_small_base(r.relevante)),
             chart_bar(r.landsresultat.andel / 100, 0, 0, False)) for r in found]
    parts = [f"{kort}: {a.tekst} i kommunen og {b.tekst} i landet" for kort, a, b in rows]
    return ChartSpec(
        id=theme.chart_land, kind="round_bars",
        title=f"Sagsgennemgangen og landsresultatet: {theme.overskrift.lower()}",
        alt=(f"Vandret søjlediagram over andelen af sager, hvor kravet er opfyldt eller "
             f"lovligt undladt, i kommunen og i landet, for {theme.overskrift.lower()}. "
             + "; ".join(parts) + "."),
        data=_bars_data(rows, ("Kommunen", label)),
        height_cm=round(2.2 + 1.05 * len(found), 2))


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


# ---- two rounds: the status measurement set against the baseline ------------------------

STATUS = "status"


def whole_percent(share: float | None) -> int | None:
    """A share as the whole percent the reports print (rounded half up, as language.percent
    does), so a change computed from two of them agrees with the figures the reader sees."""
    if share is None or share != share:
        return None
    return int((Decimal(str(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class RoundCount:
    """One criterion in one round, counted under the comparison's rule."""

    sager: int  # cases assessed on the criterion in the round (0: it was not part of it)
    relevante: int  # the base under the rule
    opfyldt: int
    andel: float | None  # opfyldt / relevante; None when no case was relevant or assessed
    kritik: int

    @property
    def procent(self) -> int | None:
        return whole_percent(self.andel)


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
        prints (every one on a small base or unmeasured); see _bars_data."""
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
class RoundComparison(_CountedUnderRules):
    """The status measurement against the baseline (casereview.compare)."""

    regel: Rule  # the rule of the first criterion counted (all of them, as a rule)
    sager: tuple[int, int]  # cases reviewed: (baseline, status)
    kritik: tuple[int, int]  # cases with criticism: (baseline, status)
    grupper: tuple[ComparisonGroup, ...] = ()
    samlet: tuple[Comparison, ...] = ()  # criteria without a theme (samlet_vurdering)
    regler: tuple[Rule, ...] = ()  # every rule the criteria declared, in order of first use

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


_ROUND_NAMES = {BASELINE: "baselinemålingen", STATUS: "statusmålingen"}


def _measured_in(count: RoundCount, runde: str, words: bool) -> str:
    """ "i statusmålingen er kravet opfyldt i 3 ud af 4 sager (75 %)" """
    share = "" if language.is_small_base(count.relevante) else \
        f" ({language.percent(count.andel)})"  # on a small base the count says it
    return (f"i {_ROUND_NAMES[runde]} er kravet opfyldt i {_count(count.opfyldt, words)} ud af "
            f"{_count(count.relevante, words)} {'sag' if count.relevante == 1 else 'sager'}"
            f"{share}")


def change_phrase(criterion: CriterionEntry, before: RoundCount, after: RoundCount,
                  words: bool = False) -> str:
    """The development as the status reports write it: "Andelen af sager, hvor underretningen
    er vurderet inden for 24 timer, er steget fra 40 % til 75 %.", "I begge målinger …"."""
    clause = criterion.hvor or f"kravet »{criterion.kort}« er opfyldt"
    for count, runde, other, other_runde in ((before, BASELINE, after, STATUS),
                                             (after, STATUS, before, BASELINE)):
        if count.sager == 0:
            tail = (f", og {_measured_in(other, other_runde, words)}"
                    if other.andel is not None else "")
            return f"Kravet indgik ikke i {_ROUND_NAMES[runde]}{tail}."
    for count, runde, other, other_runde in ((before, BASELINE, after, STATUS),
                                             (after, STATUS, before, BASELINE)):
        if count.andel is None:
            tail = (f"; {_measured_in(other, other_runde, words)}"
                    if other.andel is not None else "")
            return (f"Kravet var ikke relevant i nogen af sagerne i {_ROUND_NAMES[runde]}, så "
                    f"udviklingen kan ikke opgøres{tail}.")
    first, last = before.procent, after.procent
    small = language.is_small_base(before.relevante) or language.is_small_base(after.relevante)
    if small and not (first == last and first in (0, 100)):
        # fewer than SMALL_BASE cases: counts, not shares that one case moves ten points
        return (f"Kravet er opfyldt i {_count(before.opfyldt, words)} ud af "
                f"{_count(before.relevante, words)} "
                f"{'sag' if before.relevante == 1 else 'sager'} i baselinemålingen og i "
                f"{_count(after.opfyldt, words)} ud af {_count(after.relevante, words)} i "
                "statusmålingen.")
    if first == last == 100:
        if criterion.opfyldt:
            return f"I begge målinger {criterion.opfyldt} i alle sager."
        return "I begge målinger er kravet opfyldt i alle sager, hvor det er relevant."
    if first == last == 0:
        return f"I ingen af de to målinger er der sager, hvor {clause}."
    if first == last:
        return (f"Andelen af sager, hvor {clause}, er uændret "
                f"{language.percent(after.andel)} i begge målinger.")
    verb = "steget" if last > first else "faldet"
    return (f"Andelen af sager, hvor {clause}, er {verb} fra {language.percent(before.andel)} "
            f"til {language.percent(after.andel)}.")


def _comparison(criterion: CriterionEntry, before: pd.DataFrame, after: pd.DataFrame,
                date: dt.date, words: bool) -> Comparison:
    first, last = _round_count(before, criterion.id), _round_count(after, criterion.id)
    change = (None if first.procent is None or last.procent is None
              else last.procent - first.procent)
    return Comparison(id=criterion.id, krav=criterion.krav, kort=criterion.kort,
                      lov=law_reference(criterion, date), baseline=first, status=last,
                      aendring=change, tekst=change_phrase(criterion, first, last, words))


def compare(frame: pd.DataFrame, known: Mapping[str, CriterionEntry], date: dt.date,
            rules: Rules | None = None, words: bool = False,
            themes: Mapping[str, catalogues.Theme] | None = None) -> RoundComparison:
    """The status round set against the baseline round, criterion by criterion, both counted
    with `tally` under the same rules: per theme of `themes` (default the classic ten, placed
    by `group_of`) the criteria either round assessed, with both rounds' counts and shares,
    the change in percentage points and the sentence. `rules` default: each criterion's own
    declared rule (`declared_rules`), as the analysis report counts it."""
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
                _comparison(criterion, before, after, date, words))
    groups: list[ComparisonGroup] = []
    figures = 0
    for theme_id, theme in themes.items():
        found = tuple(grouped.get(theme_id, ()))
        if not found:
            continue
        drawable = sum(1 for c in found if c.baseline.andel is not None
                       or c.status.andel is not None) >= MIN_CHART_ROWS
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
        grupper=tuple(groups), samlet=tuple(grouped.get(None, ())))


def comparison_charts(result: RoundComparison, labels: tuple[str, str]) -> list[ChartSpec]:
    """One chart per theme: per criterion the share met in each round, side by side.
    `labels` names the rounds in the legend ("Baselinemåling, april 2019", …)."""
    specs = []
    for group in result.grupper:
        if not group.chart:
            continue
        # as the table: a criterion with a small base in either round shows counts in both
        rows = [(c.kort, *(chart_bar(r.andel, r.opfyldt, r.relevante, c.lille_grundlag)
                           for r in (c.baseline, c.status))) for c in group.kriterier]
        parts = [f"{kort}: {a.tekst} i {labels[0].lower()} og {b.tekst} i {labels[1].lower()}"
                 for kort, a, b in rows]
        data = _bars_data(rows, tuple(labels))
        what = ("andelen af sager" if data["procent"]
                else "antallet af sager ud af de relevante")
        specs.append(ChartSpec(
            id=group.chart, kind="round_bars",
            title=f"Statusmåling: {group.overskrift.lower()}",
            alt=(f"Vandret søjlediagram over {what}, hvor kravet er opfyldt, i de to "
                 f"målinger for {group.overskrift.lower()}. " + "; ".join(parts) + "."),
            data=data,
            height_cm=round(2.2 + 1.05 * len(rows), 2)))
    return specs


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

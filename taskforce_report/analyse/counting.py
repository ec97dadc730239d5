"""One counting rule for every document: how the assessments of a case review (ja, delvist,
nej, ikke relevant) are counted per criterion under a `Rule`, and how many cases a round holds.

The analysis report's case review, the status report's management audit, the social-work
review and the Task Force's status measurement all count with `tally` under the rule each
criterion declares (`optaelling`, `RULES`), so the same criterion over the same rows gives the
same figure in every document. A criterion counted in one round of two (`RoundCount`) is here
too, so that the review, the round comparison and their sentences share it. What a rule
counts, in words, is words/casereview.py's (`counted`, `describe`, `share_note`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from taskforce_report.models import CriterionEntry

VURDERINGER = ("ja", "delvist", "nej", "ikke relevant")
RUNDER = ("baseline", "status")  # the first review, and the review repeated at the end
BASELINE = "baseline"
STATUS = "status"


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
        if rule.lovligt_undladt:  # labelled "opfyldt eller lovligt undladt" (words.casereview)
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


# ---- one criterion in one round, as the round comparison counts it ----------------------

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

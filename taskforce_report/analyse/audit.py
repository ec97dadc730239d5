"""The management audit (ledelsestilsyn) of a status report: ledelsestilsyn.csv in; per goal and
audit round the share of cases that meet the requirement, the status against the milestone in
force, the sentence in the status reports' idiom and a chart out.

Three steps, each a plain function:
- `normalise()` checks the rows of ledelsestilsyn.csv (runde, sag, kriterium, vurdering) and
  returns a tidy frame, naming file, row and column for every mistake;
- `measure()` counts one criterion in one round with the case review's counting (`counting.
  tally` under a `counting.Rule`: whether delvist counts as met, whether ikke relevant leaves
  the base), so the two documents can never count differently;
- `analyse()` turns the plan in rapport.yaml and the counts into the facts and charts of the
  status report: goals numbered through the plan (analyse/auditgoals.py: their measurements,
  milestones and marks), their latest status, the milestones.

The counting rule of a criterion is named in rapport.yaml (`optaelling`); `RULES` maps each name
to its Rule, and words/audit.py `WORDING` to the sentence the status reports use ("54 % af
sagerne, hvor det vurderes relevant (målt på 39 sager)"); those sentences are handed to
`analyse()` as a `Wording`, so that ANALYSE imports no words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from taskforce_report.analyse import casereview_rows, counting
from taskforce_report.analyse.auditgoals import (
    STATUS_KEYS,
    CriterionStatus,
    GoalStatus,
    Measurement,
    Wording,
    goal_status,
)
from taskforce_report.analyse.counting import Rule, tally
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.core.errors import MAX_ROW_PROBLEMS, InputError, Problem, raise_row_problems
from taskforce_report.load import vocabulary
from taskforce_report.load.tables import Table
from taskforce_report.load.vocabulary import Vocabulary
from taskforce_report.models import AuditCriterion, StatusReport, month_key

TABLE_FILE = "ledelsestilsyn.csv"

# Counting rules by the name rapport.yaml gives them: the case review's one table, so an
# audit criterion and a case-review criterion of the same name count alike. "alle_sager" and
# "helt_eller_delvist" keep a case where the requirement did not apply in the base, as not
# met ("ikke relevant" never counts as met); the "hvor_relevant" rules leave it out.
RULES: dict[str, Rule] = counting.RULES

# as the case review's, and the short forms ir and i.r. for "ikke relevant" too
VURDERING = replace(casereview_rows.VURDERING, aliases={
    "ikke_relevant": "ikke relevant", "ikke-relevant": "ikke relevant",
    "ir": "ikke relevant", "i.r.": "ikke relevant"})


# ---- rows → tidy frame ------------------------------------------------------------------

def normalise(table: Table, kriterier: Mapping[str, AuditCriterion]) -> pd.DataFrame:
    """The rows of ledelsestilsyn.csv checked and in canonical form.

    Columns: runde ("2021-09"), sag, kriterium, vurdering (one of counting.VURDERINGER) and
    kritik (always False: the audit voices none; kept so counting.tally can count the frame);
    the index is the row number in the file. Every wrong cell is reported in one InputError.
    """
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[tuple[str, str, str], int] = {}
    names = list(kriterier)
    known = ", ".join(names) if names else "ingen (rapport.yaml har ingen)"
    vocabularies = {
        "kriterium": Vocabulary(kriterier, "et kriterium i rapport.yaml under "
                                "ledelsestilsyn.kriterier", empty="intet kriterium",
                                note=f"; kendte: {known}"),
        "vurdering": VURDERING,
    }
    for number, record in table.records():
        wrong: list[Problem] = []
        try:
            runde = month_key(record["runde"])
        except ValueError:
            found = f"'{record['runde'].strip()}'" if record["runde"].strip() else "en tom værdi"
            wrong.append(table.problem(number, "runde", f"{found} er ikke en måned; skriv "
                                       "runden som ÅÅÅÅ-MM, fx 2021-09"))
            runde = ""
        sag = record["sag"].strip()
        wrong += casereview_rows.case_problems(table, number, sag)
        values, wrong_values = vocabulary.read(table, number, record, vocabularies)
        wrong += wrong_values
        kriterium = values["kriterium"]
        key = (runde, sag, kriterium)
        if wrong:
            problems += wrong
        elif key in first_seen:
            problems.append(table.problem(
                number, None, f"sag {sag} er allerede vurderet på kriteriet {kriterium} i "
                f"runden {runde} (række {first_seen[key]})"))
        else:
            first_seen[key] = number
            rows.append({"række": number, "runde": runde, "sag": sag, "kriterium": kriterium,
                         "vurdering": values["vurdering"], "kritik": False})
        if len(problems) > MAX_ROW_PROBLEMS:
            break
    raise_row_problems(table.source, problems)
    columns = ["række", "runde", "sag", "kriterium", "vurdering", "kritik"]
    return pd.DataFrame(rows, columns=columns).set_index("række")


def prepare(report: StatusReport, table: Table | None) -> pd.DataFrame | None:
    """The bundle's ledelsestilsyn.csv normalised; the file is required once the plan has
    goals, since they are measured there."""
    if table is None:
        if any(point.maal for point in report.udviklingspunkter):
            raise InputError(Problem(TABLE_FILE, "", "filen mangler; udviklingsplanens mål "
                                     "måles i ledelsestilsynet (kolonner: runde, sag, "
                                     "kriterium, vurdering)"))
        return None
    return normalise(table, report.ledelsestilsyn.kriterier)


# ---- counting ---------------------------------------------------------------------------

def rounds(frame: pd.DataFrame | None) -> list[str]:
    """The audit rounds in the table, oldest first."""
    if frame is None or frame.empty:
        return []
    return sorted(set(frame["runde"]))


def measure(frame: pd.DataFrame, kriterium: str, regel: str, runde: str) -> Measurement:
    """The criterion in the round under the named counting rule (a key of RULES)."""
    rows = frame[(frame["runde"] == runde) & (frame["kriterium"] == kriterium)]
    return _measurement(tally(rows, {kriterium: RULES[regel]}, runde=None), kriterium, runde)


def measure_all(frame: pd.DataFrame | None, regler: dict[str, str],
                runder: list[str]) -> dict[tuple[str, str], Measurement]:
    """`measure` for every criterion (→ its rule) in every round, by (criterion, round): one
    tally per round rather than one per goal and round."""
    out = {}
    for runde in runder:
        rows = frame[frame["runde"] == runde] if frame is not None else None
        counts = (tally(rows, {k: RULES[r] for k, r in regler.items()}, runde=None)
                  if rows is not None else None)
        for kriterium in regler:
            out[(kriterium, runde)] = _measurement(counts, kriterium, runde)
    return out


def _measurement(counts: pd.DataFrame | None, kriterium: str, runde: str) -> Measurement:
    if counts is None or kriterium not in counts.index:
        return Measurement(runde, language.month(runde), 0, 0, 0, None)
    row = counts.loc[kriterium]
    base = int(row["relevante"])
    return Measurement(runde=runde, maaned=language.month(runde), sager=int(row["sager"]),
                       grundlag=base, opfyldt=int(row["opfyldt"]),
                       andel=float(row["andel"]) if base else None)


# ---- the facts of the status report -----------------------------------------------------

@dataclass(frozen=True)
class PointView:
    """One development point: a section of the plan chapter (document.structure reads
    `id` and `titel`)."""

    id: str
    nr: int
    titel: str
    formaal: str
    indsatser: tuple
    tekst: str
    maal: tuple[GoalStatus, ...]


@dataclass(frozen=True)
class FreeSectionView:
    id: str
    titel: str
    tekst: str
    fokuspunkt: int | None


@dataclass(frozen=True)
class FocusView:
    besluttet: str  # "30. november 2020", or ""
    punkter: tuple[str, ...]

    def is_empty(self) -> bool:
        return not self.punkter


@dataclass(frozen=True)
class RoundView:
    runde: str
    maaned: str
    sager: int  # cases audited in the round


@dataclass(frozen=True)
class AuditSummary:
    beskrivelse: str
    naesten: str  # "10 procentpoint"
    runder: tuple[RoundView, ...]
    seneste: str  # "december 2021", or ""
    regler: tuple[tuple[str, str, str], ...]  # (name, example wording, how it counts), used ones
    optalt: dict[str, int]  # status key → number of goals
    uden_vurdering: int = 0  # goals shown without a mark (no milestone passed, no target)
    milepaele: bool = True  # whether any goal has milestones

    @property
    def vurderinger(self) -> bool:
        """Whether any goal carries a mark (the overview's column, the marks' legend)."""
        return any(self.optalt.values())

    def is_empty(self) -> bool:
        return False


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-") or "afsnit"


def analyse(report: StatusReport, frame: pd.DataFrame | None,
            words: Wording) -> tuple[dict[str, Any], list[ChartSpec]]:
    """The facts and charts of the status report, worded by `words` (words/audit.py)."""
    settings = report.ledelsestilsyn
    all_rounds = rounds(frame)
    measured = measure_all(frame, {k: c.optaelling for k, c in settings.kriterier.items()},
                           all_rounds)
    points: list[PointView] = []
    goals: list[GoalStatus] = []
    openings: set[tuple[str, ...]] = set()
    for p, point in enumerate(report.udviklingspunkter, start=1):
        own = []
        for goal in point.maal:
            status = goal_status(len(goals) + 1, p, goal, settings.kriterier, measured,
                                 all_rounds, settings.naesten, words,
                                 report.visning.vurderinger, openings)
            goals.append(status)
            own.append(status)
        points.append(PointView(id=f"{p}-{_slug(point.titel)}", nr=p, titel=point.titel,
                                formaal=point.formaal, indsatser=tuple(point.indsatser),
                                tekst=point.tekst, maal=tuple(own)))
    sections = tuple(FreeSectionView(f"{i}-{_slug(s.titel)}", s.titel, s.tekst, s.fokuspunkt)
                     for i, s in enumerate(report.afsnit, start=1))
    focus = report.fokuspunkter
    used = list(dict.fromkeys(g.optaelling for g in goals))
    example = Measurement("", "", 40, 40, 30, 0.75)
    summary = AuditSummary(
        beskrivelse=settings.beskrivelse,
        naesten=f"{language.number(settings.naesten, 0 if settings.naesten % 1 == 0 else 1)} "
                "procentpoint",
        runder=tuple(RoundView(r, language.month(r), int(frame[frame["runde"] == r]["sag"]
                                                          .nunique()))
                     for r in all_rounds),
        seneste=language.month(all_rounds[-1]) if all_rounds else "",
        regler=tuple((name, words.status(name, example), words.rule(name)) for name in used),
        optalt={key: sum(g.status == key for g in goals) for key in STATUS_KEYS},
        uden_vurdering=sum(g.status is None for g in goals),
        milepaele=any(g.milepaele for g in goals))
    facts: dict[str, Any] = {
        "udviklingspunkter": tuple(points),
        "maal": tuple(goals),
        "afsnit": sections,
        "fokuspunkter": FocusView(language.date(focus.besluttet), tuple(focus.punkter))
        if focus else None,
        "tilsyn": summary,
        "overblik": tuple(goals) if report.visning.overblik else (),
        "visning": report.visning,
        "oevrige_titel": "Udvalgets øvrige fokuspunkter" if focus else "Øvrige områder",
    }
    return facts, [goal_chart(g, m, words) for g in goals for m in g.charts]


# ---- charts -----------------------------------------------------------------------------

def _month_number(runde: str) -> int:
    year, month = runde.split("-")
    return int(year) * 12 + int(month) - 1


def goal_chart(goal: GoalStatus, series: CriterionStatus, words: Wording) -> ChartSpec:
    """One measurement of a goal in each audit round, its milestones up to the first one after
    the latest round, and its target (charts.goal_trend draws it); its title and alt text in
    the words of `words.chart`."""
    last = series.maalinger[-1].runde
    shown, after = [], False
    for m in goal.milepaele:
        if m.runde > last:
            if after:
                break
            after = True
        shown.append(m)
    points = [(_month_number(m.runde), language.month(m.runde).replace(" ", "\n"), m.andel)
              for m in series.maalinger]
    title, alt = words.chart(goal, series, shown)
    return ChartSpec(
        id=series.chart, kind="goal_trend", title=title, alt=alt,
        data={"runder": tuple(points),
              "milepaele": tuple((_month_number(m.runde), m.andel,
                                  language.month(m.runde).replace(" ", "\n")) for m in shown),
              "maal": goal.maal,
              "maal_navn": f"Mål {goal.maal_tekst}" if goal.maal_tekst else ""},
        width_cm=7.4, height_cm=4.6)

"""The management audit (ledelsestilsyn) of a status report: ledelsestilsyn.csv in; per goal and
audit round the share of cases that meet the requirement, the status against the milestone in
force, the sentence in the status reports' idiom and a chart out.

Three steps, each a plain function:
- `normalise()` checks the rows of ledelsestilsyn.csv (runde, sag, kriterium, vurdering) and
  returns a tidy frame, naming file, row and column for every mistake;
- `measure()` counts one criterion in one round with the case review's counting (`casereview.
  tally` under a `casereview.Rule`: whether delvist counts as met, whether ikke relevant leaves
  the base), so the two documents can never count differently;
- `analyse()` turns the plan in rapport.yaml and the counts into the facts and charts of the
  status report: goals numbered through the plan, their latest status, the milestones.

The counting rule of a criterion is named in rapport.yaml (`optaelling`); `RULES` maps each name
to its Rule and `WORDING` to the sentence the status reports use ("54 % af sagerne, hvor det
vurderes relevant (målt på 39 sager)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from taskforce_report import catalogues
from taskforce_report.analyse import casereview
from taskforce_report.analyse.casereview import Rule, tally
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.core.errors import MAX_ROW_PROBLEMS, InputError, Problem, raise_row_problems
from taskforce_report.load import vocabulary
from taskforce_report.load.tables import Table
from taskforce_report.load.validation import unknown_goal_criteria
from taskforce_report.load.vocabulary import Vocabulary
from taskforce_report.load.yamlfile import YamlDocument
from taskforce_report.models import AuditCriterion, StatusReport, month_key

TABLE_FILE = "ledelsestilsyn.csv"

# Counting rules by the name rapport.yaml gives them: the case review's one table, so an
# audit criterion and a case-review criterion of the same name count alike. "alle_sager" and
# "helt_eller_delvist" keep a case where the requirement did not apply in the base, as not
# met ("ikke relevant" never counts as met); the "hvor_relevant" rules leave it out.
RULES: dict[str, Rule] = casereview.RULES

# The status sentence per rule: {andel} is "54 %", {grundlag} is "målt på 39 sager".
WORDING: dict[str, str] = {
    "alle_sager": "{andel} af sagerne ({grundlag})",
    "hvor_relevant": "{andel} af sagerne, hvor det vurderes relevant ({grundlag})",
    "helt_eller_delvist": "{andel} af sagerne er helt eller delvist overholdt ({grundlag})",
    "helt_eller_delvist_hvor_relevant": "{andel} af sagerne, hvor det vurderes relevant, er "
                                        "helt eller delvist overholdt ({grundlag})",
    "opfyldt_eller_lovligt_undladt": "{andel} af sagerne er opfyldt eller lovligt undladt "
                                     "({grundlag})",
}

# Status against the milestone in force: a key (also the theme's colour name) and its word.
# The word is always printed beside the colour, never the colour alone.
STATUS_WORDS: dict[str, str] = {
    "opfyldt": "Opfyldt",
    "naesten": "Tæt på",
    "ikke_opfyldt": "Ikke opfyldt",
    "ikke_maalt": "Ikke målt",
}

# as the case review's, and the short forms ir and i.r. for "ikke relevant" too
VURDERING = replace(casereview.VURDERING, aliases={
    "ikke_relevant": "ikke relevant", "ikke-relevant": "ikke relevant",
    "ir": "ikke relevant", "i.r.": "ikke relevant"})


# ---- rows → tidy frame ------------------------------------------------------------------

def normalise(table: Table, kriterier: Mapping[str, AuditCriterion]) -> pd.DataFrame:
    """The rows of ledelsestilsyn.csv checked and in canonical form.

    Columns: runde ("2021-09"), sag, kriterium, vurdering (one of casereview.VURDERINGER) and
    kritik (always False: the audit voices none; kept so casereview.tally can count the frame);
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
        wrong += casereview.case_problems(table, number, sag)
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


def check_report(report: StatusReport, doc: YamlDocument | None) -> None:
    """What pydantic cannot see alone: every goal names a criterion of ledelsestilsyn.kriterier,
    and a free section's focus point exists."""
    locate = doc.locate if doc is not None else (lambda path: "")
    file = doc.file if doc is not None else "rapport.yaml"
    problems = unknown_goal_criteria("udviklingspunkter", report.udviklingspunkter,
                                     report.ledelsestilsyn.kriterier, file, locate)
    points = len(report.fokuspunkter.punkter) if report.fokuspunkter else 0
    for s, section in enumerate(report.afsnit):
        if section.fokuspunkt is not None and section.fokuspunkt > points:
            problems.append(Problem(
                file, f"afsnit[{s}].fokuspunkt",
                f"fokuspunkt {section.fokuspunkt} findes ikke; fokuspunkter.punkter har "
                f"{points}", locate(("afsnit", s, "fokuspunkt"))))
    if problems:
        raise InputError(problems)


# ---- counting ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Measurement:
    """One criterion in one audit round, counted under its rule."""

    runde: str  # "2021-09"
    maaned: str  # "september 2021"
    sager: int  # cases audited on the criterion in the round
    grundlag: int  # the base under the rule ("målt på N sager")
    opfyldt: int  # met within the base
    andel: float | None  # opfyldt / grundlag; None when the base is 0 (not measured)

    @property
    def maalt(self) -> bool:
        return self.andel is not None


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


def _cases(n: int) -> str:
    return f"{language.number(n)} {'sag' if n == 1 else 'sager'}"


def status_text(regel: str, measurement: Measurement, wording: str | None = None) -> str:
    """The status as the reports write it: "75 % af sagerne er helt eller delvist overholdt
    (målt på 36 sager)", or in the goal's own `wording` around the same computed figures; a
    round without a measurement says so, never 0 %."""
    if measurement.sager == 0:
        return (f"Ikke målt: kriteriet indgik ikke i ledelsestilsynet i {measurement.maaned}")
    if measurement.andel is None:
        return (f"Ikke målt: kravet blev ikke vurderet relevant i nogen af de "
                f"{_cases(measurement.sager)} i ledelsestilsynet i {measurement.maaned}")
    return (wording or WORDING[regel]).format(
        andel=language.percent(measurement.andel),
        grundlag=f"målt på {_cases(measurement.grundlag)}",
        sager=language.number(measurement.grundlag))


# ---- the finding first --------------------------------------------------------------------
# A goal's paragraph opens with what the reader wants to know (met or not, and by how many
# procentpoint against the milestone in force), then gives the measurement in the status
# reports' idiom. Several forms of each finding take turns down the report (`pick_form`), so
# twenty goals do not read as one template repeated.


@dataclass(frozen=True)
class Yardstick:
    """What a measurement is held against, as the finding names it."""

    procent: float  # the milestone's or the target's percent (60.0)
    maaned: str  # "september 2021"; "" for the target itself
    kommende: bool = False  # a milestone not yet due: no mark, but the distance is told


def _points_text(difference: Decimal) -> str:
    """A distance in procentpoint: under ten in words (`syv procentpoint`, `et procentpoint`),
    larger as a number (`24 procentpoint`)."""
    whole = difference == difference.to_integral_value()
    if whole and abs(difference) < 10:
        return f"{language.count_phrase(int(abs(difference)), neuter=True)} procentpoint"
    return language.points(float(difference), 0 if whole else 1)


def finding_forms(status: str | None, share: float, yardstick: Yardstick | None) -> list[str]:
    """The ways of stating the finding that opens a goal's paragraph, without the measurement;
    the distance is between the printed whole percent and the yardstick, so it agrees with the
    figures the reader sees (67 % against 60 % is seven procentpoint)."""
    if yardstick is None:
        return ["Målt", "Seneste måling"]
    distance = _whole_percent(share) - Decimal(str(yardstick.procent))
    by = _points_text(distance)
    # the table beside names the milestone in force (in bold) or the target, so the finding
    # says only which of the two it is measured against and how far
    name = "milepælen" if yardstick.maaned else "målet"
    Name = language.capitalize_first(name)
    if yardstick.kommende or status is None:
        side = "over" if distance > 0 else "under"
        where = "på niveau med den" if distance == 0 else f"{by} {side} den"
        return [f"Endnu uden vurdering, fordi den første milepæl først gælder fra "
                f"{yardstick.maaned}; målingen ligger {where}",
                f"Vurderes først ved milepælen i {yardstick.maaned}; målingen ligger nu {where}"]
    if status == "opfyldt":
        if distance == 0:
            return [f"{Name} er nået præcis", f"Opfyldt, præcis på {name}", f"Præcis på {name}"]
        return [f"{Name} er nået med {by} til overs",
                f"Opfyldt med {by} over {name}",
                f"Over {name} med {by}",
                f"Mere end nået, {by} over {name}"]
    if status == "naesten":
        return [f"{Name} er ikke helt nået; der mangler {by}",
                f"Tæt på, {by} under {name}",
                f"Kun {by} fra {name}",
                f"Næsten nået, {by} under {name}"]
    return [f"{Name} er ikke nået; der mangler {by}",
            f"Ikke opfyldt, {by} under {name}",
            f"Under {name} med {by}"]


def _opening(text: str, words: int = 5) -> tuple[str, ...]:
    """The first words as a reader compares them: case, spaces and punctuation aside."""
    tokens = (w.strip(",;:.") for w in text.replace(language.NBSP, " ").lower().split())
    return tuple(w for w in tokens if w)[:words]


def pick_form(forms: list[str], turn: int, used: set[tuple[str, ...]]) -> str:
    """The form whose turn it is, or the next one whose first five words no paragraph before
    has opened with; the form in turn when every one has been used."""
    order = [forms[(turn + i) % len(forms)] for i in range(len(forms))]
    return next((f for f in order if _opening(f) not in used), order[0])


def finding_text(status: str | None, measurement: Measurement, phrase: str,
                 yardstick: Yardstick | None, turn: int,
                 used: set[tuple[str, ...]], navn: str = "") -> str:
    """The sentence for one measurement of a goal: the finding first, then the measurement
    ("Opfyldt med syv procentpoint over milepælen: 67 % af sagerne (målt på 45 sager).").
    `navn` names the criterion when a goal has several. A round without
    a measurement keeps its "Ikke målt: …", which already opens with the finding; `used`
    gathers the openings said so far."""
    if measurement.andel is None:
        text = phrase
    else:
        forms = finding_forms(status, measurement.andel, yardstick)
        if yardstick is None:
            forms = [f"{f} i {measurement.maaned}" for f in forms]
        lead = pick_form([f + (f" ({navn})" if navn else "") for f in forms], turn, used)
        text = f"{lead}: {phrase}"
    text = text if text.endswith(".") else text + "."
    used.add(_opening(text))
    return text


def rule_note(regel: str) -> str:
    """How a rule counts, in one sentence, for the method section."""
    rule = RULES[regel]
    met = ("helt eller delvist overholdt krav tæller som overholdt" if rule.delvist_opfyldt
           else "kun helt overholdte krav tæller som overholdt")
    if rule.lovligt_undladt:
        base = ("sager, hvor kravet ikke er relevant, tælles som lovligt undladt og indgår i "
                "grundlaget")
    elif rule.ikke_relevant_i_grundlag:
        base = ("sager, hvor kravet ikke er relevant, indgår i grundlaget, men tæller aldrig "
                "som overholdt")
    else:
        base = "sager, hvor kravet ikke er relevant, indgår ikke i grundlaget"
    return f"{met}; {base}"


# ---- goals and their status -------------------------------------------------------------

def _whole_percent(share: float) -> Decimal:
    """The share as the printed whole percent (half up), so the status agrees with the figure
    the reader sees: 74,5 % is printed 75 % and meets a milestone of 75 %."""
    return (Decimal(str(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MilestoneView:
    procent: float
    runde: str  # "2021-08"
    tekst: str  # "75 % august 2021"

    @property
    def andel(self) -> float:
        return self.procent / 100


@dataclass(frozen=True)
class RecommendationView:
    tema: str  # the theme's heading: "Underretninger"
    nr: int
    tekst: str  # Markdown, may be ""
    tema_id: str = ""  # the theme's id, as the analysis report keys it (the course's trace)

    @property
    def navn(self) -> str:
        return f"{self.tema}, anbefaling {self.nr}"


@dataclass(frozen=True)
class CriterionStatus:
    """One measurement of a goal: a criterion across the rounds, its status and its chart."""

    kriterium: str
    kriterium_navn: str
    optaelling: str
    maalinger: tuple[Measurement, ...]  # one per audit round, oldest first
    status: str | None  # a key of STATUS_WORDS; None: no mark (nothing to hold it against)
    status_tekst: str  # the measurement: "67 % af sagerne (målt på 45 sager)"
    chart: str  # the chart's id, "" unless two rounds or more measured the criterion
    fund: str = ""  # the paragraph's sentence: the finding first, then status_tekst

    @property
    def seneste(self) -> Measurement | None:
        return self.maalinger[-1] if self.maalinger else None


# The ranks of the marks, worst first: a goal of several measurements takes its worst mark.
_RANK = ("ikke_maalt", "ikke_opfyldt", "naesten", "opfyldt")


@dataclass(frozen=True)
class GoalStatus:
    nr: int  # numbered through the plan: Mål 1, Mål 2, …
    udviklingspunkt: int  # the development point's number
    tekst: str
    kort: str
    maal: float | None  # the target as a share; None when the goal states none
    maal_tekst: str  # "100 %", or ""
    milepaele: tuple[MilestoneView, ...]
    gaeldende: MilestoneView | None  # the milestone in force in the latest round
    kommende: bool  # no milestone is due yet; `gaeldende` is the first coming one
    maalte: tuple[CriterionStatus, ...]  # one per criterion, in the order the goal names them
    status: str | None  # a key of STATUS_WORDS; None: shown without a mark
    anbefalinger: tuple[RecommendationView, ...]

    # the first criterion's, for what shows one figure per goal (slides, the overview)
    @property
    def kriterium(self) -> str:
        return self.maalte[0].kriterium

    @property
    def kriterium_navn(self) -> str:
        return self.maalte[0].kriterium_navn

    @property
    def optaelling(self) -> str:
        return self.maalte[0].optaelling

    @property
    def maalinger(self) -> tuple[Measurement, ...]:
        return self.maalte[0].maalinger

    @property
    def chart(self) -> str:
        return self.maalte[0].chart

    @property
    def several(self) -> bool:
        """Whether more than one criterion measures the goal."""
        return len(self.maalte) > 1

    @property
    def charts(self) -> tuple[CriterionStatus, ...]:
        return tuple(m for m in self.maalte if m.chart)

    @property
    def status_tekst(self) -> str:
        return " ".join(m.status_tekst for m in self.maalte)

    @property
    def fund_tekst(self) -> str:
        """The goal's paragraph: each measurement's finding and figure."""
        return " ".join(m.fund for m in self.maalte)

    @property
    def seneste(self) -> Measurement | None:
        return self.maalinger[-1] if self.maalinger else None

    @property
    def status_ord(self) -> str:
        return STATUS_WORDS[self.status] if self.status else ""

    @property
    def reference(self) -> str:
        """What the status is held against: "75 % august 2021", the target, or a dash."""
        if self.gaeldende is not None:
            return self.gaeldende.tekst + (" (kommende)" if self.kommende else "")
        if self.maal_tekst:
            return f"målet {self.maal_tekst}"
        return "–"

    def measured_by(self, kriterium: str) -> CriterionStatus:
        return next(m for m in self.maalte if m.kriterium == kriterium)


def milestone_in_force(milestones: tuple[MilestoneView, ...],
                       runde: str | None) -> tuple[MilestoneView | None, bool]:
    """The latest milestone due by the round; before the first is due, the first (coming)."""
    if not milestones:
        return None, False
    due = [m for m in milestones if runde is not None and m.runde <= runde]
    if due:
        return due[-1], False
    return milestones[0], True


def classify(share: float | None, reference: float, margin_points: float) -> str:
    """opfyldt at or above the reference, naesten within `margin_points` percentage points
    below it, ikke_opfyldt further below, ikke_maalt without a measurement."""
    if share is None:
        return "ikke_maalt"
    printed = _whole_percent(share)
    target = Decimal(str(reference * 100))
    if printed >= target:
        return "opfyldt"
    if printed >= target - Decimal(str(margin_points)):
        return "naesten"
    return "ikke_opfyldt"


def _reference(goal: Any, in_force: MilestoneView | None, coming: bool) -> float | None:
    """The share a goal is judged against: the milestone that has passed, or the target when
    it has no milestones; None (no mark) before its first milestone or without any target."""
    if in_force is not None:
        return None if coming else in_force.andel
    return goal.procent / 100 if goal.procent is not None else None


def _yardstick(goal: Any, in_force: MilestoneView | None, coming: bool) -> Yardstick | None:
    """The milestone in force (or the coming first one) or, without milestones, the target."""
    if in_force is not None:
        return Yardstick(in_force.procent, language.month(in_force.runde), coming)
    return Yardstick(goal.procent, "") if goal.procent is not None else None


def goal_status(nr: int, point_nr: int, goal: Any, criteria: Mapping[str, AuditCriterion],
                measured: dict[tuple[str, str], Measurement], all_rounds: list[str],
                margin_points: float, marks: bool = True,
                used: set[tuple[str, ...]] | None = None) -> GoalStatus:
    """`marks`: False leaves every goal without a mark (visning.vurderinger); `used`: the
    openings of the goals' paragraphs before this one (see pick_form)."""
    used = set() if used is None else used
    milestones = tuple(
        MilestoneView(m.procent, m.maaned,
                      f"{language.percent(m.procent / 100)} {language.month(m.maaned)}")
        for m in goal.milepaele)
    latest_round = all_rounds[-1] if all_rounds else None
    in_force, coming = milestone_in_force(milestones, latest_round)
    reference = _reference(goal, in_force, coming) if marks else None
    yardstick = _yardstick(goal, in_force, coming) if marks else None
    parts = []
    for i, kriterium in enumerate(goal.criteria):
        criterion = criteria[kriterium]
        measurements = tuple(measured[(kriterium, r)] for r in all_rounds)
        latest = measurements[-1] if measurements else None
        status = (classify(latest.andel if latest else None, reference, margin_points)
                  if reference is not None else None)
        text = (status_text(criterion.optaelling, latest, goal.wording(i)) if latest else
                "Ikke målt: ledelsestilsynet har endnu ingen runder")
        chart = (f"maal-{nr}" if i == 0 else f"maal-{nr}-{i + 1}")
        found = (finding_text(status, latest, text, yardstick, nr - 1 + i, used,
                              criterion.navn.lower() if len(goal.criteria) > 1 else "")
                 if latest else text + ".")
        parts.append(CriterionStatus(
            kriterium=kriterium, kriterium_navn=criterion.navn,
            optaelling=criterion.optaelling, maalinger=measurements, status=status,
            status_tekst=text,
            chart=chart if sum(m.maalt for m in measurements) >= 2 else "", fund=found))
    marked = [p.status for p in parts if p.status is not None]
    themes = catalogues.every_theme()
    refs = tuple(RecommendationView(themes[r.tema].overskrift, r.nr, r.tekst, r.tema)
                 for r in goal.anbefalinger)
    target = goal.procent / 100 if goal.procent is not None else None
    return GoalStatus(
        nr=nr, udviklingspunkt=point_nr, tekst=goal.tekst,
        kort=goal.kort or parts[0].kriterium_navn,
        maal=target, maal_tekst=language.percent(target) if target is not None else "",
        milepaele=milestones, gaeldende=in_force, kommende=coming, maalte=tuple(parts),
        status=min(marked, key=_RANK.index) if marked else None, anbefalinger=refs)


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


def analyse(report: StatusReport, frame: pd.DataFrame | None) -> tuple[dict[str, Any],
                                                                         list[ChartSpec]]:
    """The facts and charts of the status report."""
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
                                 all_rounds, settings.naesten, report.visning.vurderinger,
                                 openings)
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
        regler=tuple((name, status_text(name, example), rule_note(name)) for name in used),
        optalt={key: sum(g.status == key for g in goals) for key in STATUS_WORDS},
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
    return facts, [goal_chart(g, m) for g in goals for m in g.charts]


# ---- charts -----------------------------------------------------------------------------

def _month_number(runde: str) -> int:
    year, month = runde.split("-")
    return int(year) * 12 + int(month) - 1


def goal_chart(goal: GoalStatus, series: CriterionStatus) -> ChartSpec:
    """One measurement of a goal in each audit round, its milestones up to the first one after
    the latest round, and its target (charts.goal_trend draws it)."""
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
    said = [f"{m.maaned}: {language.percent(m.andel)}" if m.maalt else
            f"{m.maaned}: ikke målt" for m in series.maalinger]
    marks = [f"{m.tekst}" for m in shown]
    several = len(goal.maalte) > 1
    what = f"{goal.kort.lower()}" + (f" ({series.kriterium_navn.lower()})" if several else "")
    alt = (f"Linjediagram over mål {goal.nr}, {what}: andelen af sagerne i "
           f"ledelsestilsynet, der opfylder kravet, pr. runde. {'; '.join(said)}. "
           + (f"Milepæle: {language.join(marks)}. " if marks else "")
           + (f"Målet er {goal.maal_tekst}." if goal.maal_tekst else
              "Målet har ingen procentsats."))
    title = f"Mål {goal.nr}: {goal.kort}" + (f" ({series.kriterium_navn})" if several else "")
    return ChartSpec(
        id=series.chart, kind="goal_trend", title=title, alt=alt,
        data={"runder": tuple(points),
              "milepaele": tuple((_month_number(m.runde), m.andel,
                                  language.month(m.runde).replace(" ", "\n")) for m in shown),
              "maal": goal.maal,
              "maal_navn": f"Mål {goal.maal_tekst}" if goal.maal_tekst else ""},
        width_cm=7.4, height_cm=4.6)

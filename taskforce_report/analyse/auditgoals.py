"""The goals of a status report and their status: each measurement of a goal (a criterion in an
audit round, counted by analyse/audit.py) held against the milestone in force or the target,
its mark, and the typed goal status the templates, the slides and the course's trace read.

The sentences (the measurement in the reports' idiom, the finding that opens a goal's paragraph,
the word beside each mark) are made in words/audit.py and handed in as a `Wording`, so that
ANALYSE imports no words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from taskforce_report import catalogues
from taskforce_report.core import language
from taskforce_report.models import AuditCriterion

# The marks of a goal against the milestone in force; each is also the theme's colour name, and
# words/audit.py gives each its word (the word is always printed beside the colour).
STATUS_KEYS = ("opfyldt", "naesten", "ikke_opfyldt", "ikke_maalt")


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


@dataclass(frozen=True)
class Wording:
    """The status reports' sentences (words/audit.py `WORDS`): passed in by the pipeline."""

    status: Callable[..., str]  # (rule, measurement, the goal's own wording) → the measurement
    finding: Callable[..., str]  # the finding first, then the measurement (words.audit)
    rule: Callable[[str], str]  # how a counting rule counts, in one sentence
    status_words: Mapping[str, str]  # a mark's key → the word printed beside its colour
    chart: Callable[..., tuple[str, str]]  # (goal, criterion, milestones shown) → title, alt


# ---- what a measurement is held against ---------------------------------------------------

def whole_percent(share: float) -> Decimal:
    """The share as the printed whole percent (half up), so the status agrees with the figure
    the reader sees: 74,5 % is printed 75 % and meets a milestone of 75 %."""
    return (Decimal(str(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Yardstick:
    """What a measurement is held against, as the finding names it."""

    procent: float  # the milestone's or the target's percent (60.0)
    maaned: str  # "september 2021"; "" for the target itself
    kommende: bool = False  # a milestone not yet due: no mark, but the distance is told


@dataclass(frozen=True)
class MilestoneView:
    procent: float
    runde: str  # "2021-08"
    tekst: str  # "75 % august 2021"

    @property
    def andel(self) -> float:
        return self.procent / 100


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
    printed = whole_percent(share)
    target = Decimal(str(reference * 100))
    if printed >= target:
        return "opfyldt"
    if printed >= target - Decimal(str(margin_points)):
        return "naesten"
    return "ikke_opfyldt"


# ---- goals and their status -------------------------------------------------------------

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
    status: str | None  # a key of STATUS_KEYS; None: no mark (nothing to hold it against)
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
    status: str | None  # a key of STATUS_KEYS; None: shown without a mark
    anbefalinger: tuple[RecommendationView, ...]
    status_ord: str = ""  # the word beside the mark: "Opfyldt", "Tæt på", …; "" without one

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
    def reference(self) -> str:
        """What the status is held against: "75 % august 2021", the target, or a dash."""
        if self.gaeldende is not None:
            return self.gaeldende.tekst + (" (kommende)" if self.kommende else "")
        if self.maal_tekst:
            return f"målet {self.maal_tekst}"
        return "–"

    def measured_by(self, kriterium: str) -> CriterionStatus:
        return next(m for m in self.maalte if m.kriterium == kriterium)


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
                margin_points: float, words: Wording, marks: bool = True,
                used: set[tuple[str, ...]] | None = None) -> GoalStatus:
    """`words`: the sentences (words/audit.py); `marks`: False leaves every goal without a
    mark (visning.vurderinger); `used`: the openings of the goals' paragraphs before this one
    (see words.audit.pick_form)."""
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
        text = (words.status(criterion.optaelling, latest, goal.wording(i)) if latest else
                "Ikke målt: ledelsestilsynet har endnu ingen runder")
        chart = (f"maal-{nr}" if i == 0 else f"maal-{nr}-{i + 1}")
        found = (words.finding(status, latest, text, yardstick, nr - 1 + i, used,
                               criterion.navn.lower() if len(goal.criteria) > 1 else "")
                 if latest else text + ".")
        parts.append(CriterionStatus(
            kriterium=kriterium, kriterium_navn=criterion.navn,
            optaelling=criterion.optaelling, maalinger=measurements, status=status,
            status_tekst=text,
            chart=chart if sum(m.maalt for m in measurements) >= 2 else "", fund=found))
    marked = [p.status for p in parts if p.status is not None]
    mark = min(marked, key=_RANK.index) if marked else None
    themes = catalogues.every_theme()
    refs = tuple(RecommendationView(themes[r.tema].overskrift, r.nr, r.tekst, r.tema)
                 for r in goal.anbefalinger)
    target = goal.procent / 100 if goal.procent is not None else None
    return GoalStatus(
        nr=nr, udviklingspunkt=point_nr, tekst=goal.tekst,
        kort=goal.kort or parts[0].kriterium_navn,
        maal=target, maal_tekst=language.percent(target) if target is not None else "",
        milepaele=milestones, gaeldende=in_force, kommende=coming, maalte=tuple(parts),
        status=mark, anbefalinger=refs, status_ord=words.status_words[mark] if mark else "")

"""The municipality's development plan (dokument: udviklingsplan), the document between the
analysis report and the status reports.

A plan is focus areas (indsatsområder), each with the Task Force's recommendations it answers,
a table of activities (Aktivitet | Målgruppe | Formål | Ansvarlig/leverandør | Start | Slut,
dates as months) and goals in the status report's model (criterion, target, milestones; the
criteria are the plan's `ledelsestilsyn.kriterier`, so the status reports measure them).
Recommendations are named `{tema, nr}`; inside a course their wording is taken from the
analysis report (course.py), outside one the plan may quote it in `tekst`.

Here: the facts the templates read (the model is models/plan.py, its checks load/checks.py). A
new plan with one entry per recommendation of an analysis bundle (`new DIR --fra-analyse
ANALYSE_BUNDLE`) is written by planscaffold.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from taskforce_report import catalogues
from taskforce_report.analyse.casereview_wording import Wording
from taskforce_report.core import language
from taskforce_report.core.errors import InputError, Problem
from taskforce_report.load.validation import dotted
from taskforce_report.load.yamlfile import YamlDocument
from taskforce_report.models.plan import DevelopmentPlan

# ---- the facts --------------------------------------------------------------------------

@dataclass(frozen=True)
class RecommendationLine:
    navn: str  # "Underretninger, anbefaling 1"
    tekst: str  # the wording, "" when neither the course nor `tekst` gives it


@dataclass(frozen=True)
class ActivityRow:
    aktivitet: str
    maalgruppe: str
    formaal: str
    ansvarlig: str
    start: str  # "mar. 2020", or ""
    slut: str
    anbefalinger: tuple[str, ...]  # "Underretninger 1"


@dataclass(frozen=True)
class GoalLine:
    nr: int
    tekst: str
    kriterium: str  # the audit criterion's name
    maal: str  # "100 %", or ""
    milepaele: tuple[str, ...]  # "75 % august 2021"


@dataclass(frozen=True)
class AreaView:
    """One focus area: a section of the plan's chapter (document.structure reads id, titel)."""

    id: str
    nr: int
    titel: str
    formaal: str
    anbefalinger: tuple[RecommendationLine, ...]
    aktiviteter: tuple[ActivityRow, ...]
    maal: tuple[GoalLine, ...]


def _heading(theme_id: str, course) -> str:
    if course is not None:
        return course.theme_heading(theme_id)
    return catalogues.every_theme()[theme_id].overskrift


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-") or "omraade"


def _month(value: str | None) -> str:
    return language.month_year_short(value) if value else ""


def _cited(report: DevelopmentPlan, course, doc: YamlDocument | None,
           wording: Wording) -> DevelopmentPlan:
    """The introduction and the focus areas' purposes with their citations resolved: inside a
    course the analysis report's results, `{analyse.sagsgennemgang.bfu_4_mdr.andel}`, its
    sentences worded by the case review's `wording`. (The goals' own status wordings keep their
    {andel}: the status reports fill them.)"""
    from taskforce_report.analyse import citations, coursetables

    values = coursetables.citation_values(course, wording) if course is not None else {}
    places = [(("indledning",), report.indledning)] + [
        (("indsatsomraader", i, "formaal"), area.formaal)
        for i, area in enumerate(report.indsatsomraader)]
    problems, resolved = [], {}
    for path, text in places:
        if "{" not in text and "}" not in text:
            continue
        if course is None and "{analyse." in text:
            problems.append(Problem(doc.file if doc else "rapport.yaml", dotted(path),
                                    "{analyse.…} henviser til analyserapporten i planens "
                                    "forløb, men planen ligger ikke i et forløb (ingen "
                                    "forloeb.yaml i mappen over den)",
                                    doc.locate(path) if doc else ""))
            continue
        new, errors = citations.resolve_text(text, values)
        problems += [Problem(doc.file if doc else "rapport.yaml", dotted(path), e,
                             doc.locate(path) if doc else "") for e in errors]
        resolved[path] = new
    if problems:
        raise InputError(problems)
    if not resolved:
        return report
    areas = [area.model_copy(update={"formaal": resolved.get(("indsatsomraader", i, "formaal"),
                                                             area.formaal)})
             for i, area in enumerate(report.indsatsomraader)]
    return report.model_copy(update={
        "indledning": resolved.get(("indledning",), report.indledning),
        "indsatsomraader": areas})


def analyse(bundle, wording: Wording) -> tuple[dict[str, Any], list]:
    """The plan's facts; `wording` words the analysis report's case review that its texts may
    cite inside a course (words/casereview.py)."""
    course = getattr(bundle, "course", None)
    report: DevelopmentPlan = _cited(bundle.report, course, bundle.report_doc, wording)
    criteria = report.ledelsestilsyn.kriterier
    areas, goals = [], 0
    for a, area in enumerate(report.indsatsomraader, start=1):
        own_refs = list(area.anbefalinger)
        for activity in area.aktiviteter:  # the area answers what its activities answer
            own_refs += [r for r in activity.anbefalinger
                         if (r.tema, r.nr) not in {(x.tema, x.nr) for x in own_refs}]
        recommendations = tuple(
            RecommendationLine(f"{_heading(r.tema, course)}, anbefaling {r.nr}", r.tekst)
            for r in own_refs)
        rows = tuple(ActivityRow(
            aktivitet=x.aktivitet, maalgruppe=x.maalgruppe, formaal=x.formaal,
            ansvarlig=x.ansvarlig, start=_month(x.start), slut=_month(x.slut),
            anbefalinger=tuple(f"{_heading(r.tema, course)} {r.nr}" for r in x.anbefalinger))
            for x in area.aktiviteter)
        lines = []
        for goal in area.maal:
            goals += 1
            lines.append(GoalLine(
                nr=goals, tekst=goal.tekst,
                kriterium=", ".join(criteria[k].navn for k in goal.criteria),
                maal=language.percent(goal.procent / 100) if goal.procent is not None else "",
                milepaele=tuple(f"{language.percent(m.procent / 100)} "
                                f"{language.month(m.maaned)}" for m in goal.milepaele)))
        areas.append(AreaView(id=f"{a}-{_slug(area.titel)}", nr=a, titel=area.titel,
                              formaal=area.formaal, anbefalinger=recommendations,
                              aktiviteter=rows, maal=tuple(lines)))
    period = report.periode
    facts: dict[str, Any] = {
        "kommune": report.kommune,
        "indledning": report.indledning,
        "indsatsomraader": tuple(areas),
        "periode": (language.month(period.fra), language.month(period.til)) if period else None,
        "antal_maal": goals,
        "antal_aktiviteter": sum(len(a.aktiviteter) for a in areas),
    }
    return facts, []


# ---- new DIR --fra-analyse ANALYSE_BUNDLE -----------------------------------------------

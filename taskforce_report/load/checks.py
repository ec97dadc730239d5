"""LOAD: every load-time cross check, the ones a single file's model cannot make alone: a
bundle's added criteria and questions against the packaged catalogues, a status report's and a
plan's goals against their own `ledelsestilsyn.kriterier`, and a course's documents against each
other (a status report's focus areas against the plan, a recommendation against the analysis
report, whose wording it takes). Each raises one InputError naming every problem with its file,
key and line; nothing here counts or analyses.
"""

from __future__ import annotations

import re
from typing import Any

from taskforce_report.core.errors import InputError, Problem, suggest
from taskforce_report.load import criteria, questions
from taskforce_report.load.validation import dotted
from taskforce_report.load.yamlfile import YamlDocument
from taskforce_report.models import CriteriaFile, DevelopmentPlan, QuestionsFile, StatusReport

REPORT_FILE = "rapport.yaml"  # bundle.REPORT_FILE, which imports this module


def report(report: Any, doc: YamlDocument) -> None:
    """The cross checks of rapport.yaml's model, by its document type."""
    if isinstance(report, StatusReport):
        status_report(report, doc)
    if isinstance(report, DevelopmentPlan):
        plan(report, doc)


# ---- a bundle's additions to the catalogues ----------------------------------------------

def criteria_additions(file: CriteriaFile, doc: YamlDocument) -> None:
    """A bundle's criteria may add to the catalogue but not replace or repeat an id."""
    problems, seen = [], set()
    for i, entry in enumerate(file.kriterier):
        place = ("kriterier", i, "id")
        if entry.id in criteria.RESERVED:
            problems.append(Problem(doc.file, f"kriterier[{i}].id",
                                    f"'{entry.id}' er et reserveret navn; vælg et andet id",
                                    doc.locate(place)))
        elif entry.id in criteria.catalogue():
            problems.append(Problem(doc.file, f"kriterier[{i}].id",
                                    f"kriteriet '{entry.id}' findes allerede i kataloget; "
                                    "giv bundtets kriterium et andet id", doc.locate(place)))
        elif entry.id in seen:
            problems.append(Problem(doc.file, f"kriterier[{i}].id",
                                    f"kriteriet '{entry.id}' står to gange", doc.locate(place)))
        seen.add(entry.id)
    known = [*criteria.catalogue(), *(e.id for e in file.kriterier)]
    for criterion_id in file.landsresultater:
        if criterion_id not in known:
            problems.append(Problem(doc.file, f"landsresultater.{criterion_id}",
                                    f"ukendt kriterium '{criterion_id}'"
                                    f"{suggest(criterion_id, known)}; landsresultater gælder "
                                    "kriterierne i kataloget og i denne fil",
                                    doc.locate(("landsresultater", criterion_id))))
    if problems:
        raise InputError(problems)


def question_additions(file: QuestionsFile, doc: YamlDocument) -> None:
    """A bundle's questions may add to the catalogue but not replace or repeat an id."""
    problems, seen = [], set()
    for i, entry in enumerate(file.spoergsmaal):
        place = ("spoergsmaal", i, "id")
        if entry.id in questions.catalogue():
            problems.append(Problem(doc.file, f"spoergsmaal[{i}].id",
                                    f"spørgsmålet '{entry.id}' findes allerede i kataloget; "
                                    "giv bundtets spørgsmål et andet id", doc.locate(place)))
        elif entry.id in seen:
            problems.append(Problem(doc.file, f"spoergsmaal[{i}].id",
                                    f"spørgsmålet '{entry.id}' står to gange", doc.locate(place)))
        seen.add(entry.id)
    if problems:
        raise InputError(problems)


# ---- goals against their audit criteria -------------------------------------------------

def status_report(report: StatusReport, doc: YamlDocument | None) -> None:
    """What pydantic cannot see alone: every goal names a criterion of ledelsestilsyn.kriterier,
    and a free section's focus point exists."""
    locate = doc.locate if doc is not None else (lambda path: "")
    file = doc.file if doc is not None else REPORT_FILE
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


def plan(report: DevelopmentPlan, doc: YamlDocument | None) -> None:
    """Every goal names a criterion of ledelsestilsyn.kriterier (the status reports measure it
    there)."""
    locate = doc.locate if doc is not None else (lambda path: "")
    file = doc.file if doc is not None else REPORT_FILE
    problems = unknown_goal_criteria("indsatsomraader", report.indsatsomraader,
                                     report.ledelsestilsyn.kriterier, file, locate,
                                     "; statusrapporterne måler målet dér")
    if problems:
        raise InputError(problems)


def unknown_goal_criteria(key: str, groups: list[Any], criteria: Any, file: str, locate,
                          hint: str = "") -> list[Problem]:
    """Every goal criterion that `ledelsestilsyn.kriterier` does not list, wherever a document
    keeps its goals (`key`: udviklingspunkter in a status report, indsatsomraader in a plan)."""
    known = list(criteria)
    problems = []
    for p, group in enumerate(groups):
        for g, goal in enumerate(group.maal):
            for c, criterion in enumerate(goal.criteria):
                if criterion in criteria:
                    continue
                place = ((key, p, "maal", g, "kriterium") if goal.kriterium is not None else
                         (key, p, "maal", g, "kriterier", c))
                problems.append(Problem(
                    file, dotted(place), f"'{criterion}' er ikke et kriterium under "
                    f"ledelsestilsyn.kriterier{suggest(criterion, known)} (kendte: "
                    f"{', '.join(known) or 'ingen'}){hint}", locate(place)))
    return problems


# ---- a document against its course -----------------------------------------------------
# `course` is the document's load.course.Course (which imports this module): its plan, its
# analysis report's recommendations, and `needs` for a document the reference requires.

def with_plan_goals(report, course, doc: YamlDocument | None):
    """A status report's development point that names a focus area of the plan
    (`indsatsomraade: <titel>`) reports on that area's goals, taken from the plan, with the
    plan's audit criteria beside the report's own: the goals are written once, in the plan."""
    named = [i for i, p in enumerate(report.udviklingspunkter) if p.indsatsomraade]
    if not named:
        return report
    file = doc.file if doc is not None else REPORT_FILE
    course.needs("udviklingsplan", file, "udviklingspunkternes indsatsomraade henviser til")
    plan_report = course.plan.report
    areas = {a.titel: a for a in plan_report.indsatsomraader}
    data = report.model_dump()
    problems = []
    for i in named:
        point = data["udviklingspunkter"][i]
        place = ("udviklingspunkter", i, "indsatsomraade")
        line = doc.locate(place) if doc is not None else ""
        area = areas.get(point["indsatsomraade"])
        if area is None:
            problems.append(Problem(file, dotted(place), f"udviklingsplanen har intet "
                                    f"indsatsområde '{point['indsatsomraade']}'"
                                    f"{suggest(point['indsatsomraade'], list(areas))} "
                                    f"(indsatsområder: {', '.join(areas)})", line))
        elif point["maal"]:
            problems.append(Problem(file, dotted(place), "punktet har både maal og "
                                    "indsatsomraade; målene står i udviklingsplanen, så slet "
                                    "maal her", line))
        else:
            point["maal"] = [goal.model_dump() for goal in area.maal]
    if problems:
        raise InputError(problems)
    own_criteria = data["ledelsestilsyn"]["kriterier"]
    for criterion_id, criterion in plan_report.ledelsestilsyn.kriterier.items():
        own = own_criteria.setdefault(criterion_id, criterion.model_dump())
        if own["optaelling"] != criterion.optaelling:  # one counting rule per measurement
            place = ("ledelsestilsyn", "kriterier", criterion_id, "optaelling")
            problems.append(Problem(
                file, dotted(place), f"'{own['optaelling']}' er ikke udviklingsplanens regel "
                f"for kriteriet, '{criterion.optaelling}'; et kriterium tælles på én måde i "
                "hele forløbet", doc.locate(place) if doc is not None else ""))
    if problems:
        raise InputError(problems)
    report = type(report).model_validate(data)
    status_report(report, doc)
    return report


def _references(data: Any, path: tuple = ()):
    """Every `anbefalinger: [{tema, nr, …}]` entry in rapport.yaml's data, with its key path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "anbefalinger" and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict) and "tema" in item and "nr" in item:
                        yield (*path, key, i), item
            else:
                yield from _references(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _references(item, (*path, i))


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", " ", a).strip() == re.sub(r"\s+", " ", b).strip()


def with_recommendations(report, course, doc: YamlDocument | None):
    """Every recommendation a goal or plan entry names exists in the analysis report, and its
    wording is the analysis report's (filled in where `tekst` is left out)."""
    data = report.model_dump()
    refs = list(_references(data))
    if not refs:
        return report
    file = doc.file if doc is not None else REPORT_FILE
    course.needs("analyserapport", file, "målenes anbefalinger (tema og nr) henviser til")
    known = course.recommendations()
    themes = sorted({t for t, _ in known})
    problems = []
    for path, item in refs:
        key = (item["tema"], item["nr"])
        where = dotted(path)
        line = doc.locate(path) if doc is not None else ""
        if key not in known:
            count = sum(1 for t, _ in known if t == item["tema"])
            if count:
                why = (f"analyserapporten har {count} anbefaling"
                       f"{'er' if count != 1 else ''} under temaet {item['tema']}")
            else:
                why = (f"analyserapporten har ingen anbefalinger under temaet "
                       f"'{item['tema']}'{suggest(item['tema'], themes)}")
            problems.append(Problem(file, where, f"anbefaling {item['tema']} nr. {item['nr']} "
                                    f"findes ikke: {why}", line))
            continue
        wording = known[key]
        if item.get("tekst") and not _same(item["tekst"], wording):
            problems.append(Problem(
                file, f"{where}.tekst", f"teksten afviger fra analyserapportens anbefaling "
                f"{item['tema']} nr. {item['nr']}, »{wording}«; slet tekst:, så hentes "
                "ordlyden fra analyserapporten", line))
            continue
        item["tekst"] = wording
    if problems:
        raise InputError(problems)
    return type(report).model_validate(data)

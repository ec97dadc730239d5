"""A course (forløb): the family of documents about one municipality in one folder.

    COURSE/forloeb.yaml          kommune, the course's period (shared by every document)
    COURSE/ledelsestilsyn.csv    optional: the audit log every status report counts from
    COURSE/<subfolder>/          one ordinary bundle per document (ansoegning, analyserapport,
                                 udviklingsplan, statusrapport …, taskforce-status)

What one document established is never typed again in the next: inside a course

- the Task Force's status report takes its baseline round from the analysis bundle's case review
  (its own sagsgennemgang.csv holds only the status round);
- a status report without its own ledelsestilsyn.csv counts the course's, up to its own `dato`;
- a goal's or a plan entry's recommendation (`anbefalinger: [{tema, nr}]`) is looked up in the
  analysis report, and its wording is taken from there (a retyped `tekst` that differs is an
  error);
- the Task Force's status report may cite the analysis report's results,
  `{analyse.sagsgennemgang.bfu_4_mdr.andel}`, and takes the course's period.

A bundle inside a course finds it by itself (`bundle.load` looks for forloeb.yaml beside it), so
`build COURSE/analyse` builds one document as `build COURSE` would. The course's own checks (one
line each, naming forloeb.yaml or the subfolder): forloeb.yaml exists and is valid, every
subfolder is a bundle, at most one application, analysis report, plan and Task Force status
report, the municipality is the course's everywhere, and the documents are dated in order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field

from taskforce_report.analyse import casereview
from taskforce_report.core import language
from taskforce_report.core.errors import InputError, Problem, input_error
from taskforce_report.core.safeio import present
from taskforce_report.load.bundle import concept_of, load
from taskforce_report.load.validation import dotted, suggest, validate
from taskforce_report.load.yamlfile import YamlDocument, read_yaml
from taskforce_report.models import Period, Strict, month_key

COURSE_FILE = "forloeb.yaml"
AUDIT_FILE = "ledelsestilsyn.csv"
REPORT_FILE = "rapport.yaml"
# The documents in the order a course produces them; their dates must follow it.
ORDER = ("ansoegning", "analyserapport", "udviklingsplan", "statusrapport", "taskforce-status")
ONE_EACH = ("ansoegning", "analyserapport", "udviklingsplan", "taskforce-status")
NAMES = {"ansoegning": "ansøgningen", "analyserapport": "analyserapporten",
         "udviklingsplan": "udviklingsplanen", "statusrapport": "statusrapporten",
         "taskforce-status": "Task Forcens statusrapport"}
# The prefix another document's texts cite a document's results by.
CITATION_PREFIX = "analyse"


class CourseFile(Strict):
    """forloeb.yaml: what every document of the course shares."""

    kommune: str = Field(min_length=1)
    periode: Period | None = None  # the course, from the agreement to its end
    titel: str = ""  # "Task Force-forløbet 2019–2022", for the terminal's summary


@dataclass(frozen=True)
class Member:
    """One document of the course, as its rapport.yaml names it (read, not yet loaded)."""

    folder: str
    path: Path
    dokument: str
    kommune: str
    dato: dt.date | None
    doc: YamlDocument

    @property
    def file(self) -> str:
        return f"{self.folder}/{REPORT_FILE}"


@dataclass(frozen=True)
class Course:
    root: Path
    settings: CourseFile
    members: tuple[Member, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return self.root.name

    def audit_criteria(self) -> set[str]:
        """Every audit criterion a document of the course names (`ledelsestilsyn.kriterier` of
        the plan and the status reports), as their rapport.yaml writes them."""
        found: set[str] = set()
        for m in self.members:
            data = m.doc.data if isinstance(m.doc.data, dict) else {}
            audit = data.get("ledelsestilsyn")
            criteria = audit.get("kriterier") if isinstance(audit, dict) else None
            if isinstance(criteria, dict):
                found |= {str(k) for k in criteria}
        return found

    def member(self, dokument: str) -> Member | None:
        return next((m for m in self.members if m.dokument == dokument), None)

    def ordered(self) -> list[Member]:
        """The documents in the order the course produces them (status reports by date)."""
        return sorted(self.members, key=lambda m: (ORDER.index(m.dokument),
                                                   m.dato or dt.date.min, m.folder))

    @cached_property
    def analysis(self):
        """The analysis report's bundle, loaded as an ordinary bundle; None without one."""
        member = self.member("analyserapport")
        return None if member is None else in_folder(member.folder, lambda: load(member.path))

    @cached_property
    def plan(self):
        member = self.member("udviklingsplan")
        if member is None:
            return None
        return in_folder(member.folder, lambda: load(member.path))

    @cached_property
    def analysis_review(self) -> casereview.CaseReview | None:
        """The analysis report's case review, counted as the analysis report counts it."""
        bundle = self.analysis
        frame = self.baseline_frame()
        if bundle is None or frame is None:
            return None
        known = casereview.criteria(bundle.kriterier)
        return casereview.review(frame, known, bundle.report.dato,
                                 themes=concept_of(bundle).themes)

    def baseline_frame(self, extra_criteria: tuple = ()):
        """The analysis bundle's case review, normalised, its rows the baseline round; None
        when the course has no analysis report or it has no sagsgennemgang.csv."""
        bundle = self.analysis
        if bundle is None or "sagsgennemgang" not in bundle.tables:
            return None
        member = self.member("analyserapport")
        table = bundle.tables["sagsgennemgang"]
        table = replace(table, source=f"{member.folder}/{table.source}")
        known = casereview.criteria((*bundle.kriterier, *extra_criteria))
        frame = casereview.normalise(table, known)
        return frame[frame["runde"] == casereview.BASELINE]

    def citation_values(self) -> dict[str, Any]:
        """What the other documents' texts may cite of the analysis report:
        `analyse.sagsgennemgang.bfu_4_mdr.andel`, …"""
        review = self.analysis_review
        if review is None:
            return {}
        return {f"{CITATION_PREFIX}.{k}": v
                for k, v in casereview.citation_values(review).items()}

    def recommendations(self) -> dict[tuple[str, int], str]:
        """The analysis report's recommendations by (theme, number): the one wording."""
        bundle = self.analysis
        if bundle is None:
            return {}
        found = {}
        for theme_id, text in bundle.report.temaer.items():
            for nr, wording in enumerate(text.anbefalinger, start=1):
                found[(theme_id, nr)] = wording
        return found

    def theme_heading(self, theme_id: str) -> str:
        """The heading of a theme of the analysis report's concept: "Underretninger"."""
        from taskforce_report import catalogues

        if self.analysis is not None:
            themes = concept_of(self.analysis).themes
            if theme_id in themes:
                return themes[theme_id].overskrift
        return catalogues.themes()[theme_id].overskrift if theme_id in catalogues.themes() \
            else theme_id


def in_folder(folder: str, make):
    """`make()`, with the files of its errors named inside the course (`analyse/rapport.yaml`):
    an error in a sibling bundle must not read as the built document's own."""
    try:
        return make()
    except InputError as exc:
        raise InputError([p if p.file.startswith(f"{folder}/") else
                          replace(p, file=f"{folder}/{p.file}") for p in exc.problems]) from None


# ---- reading and checking the course ----------------------------------------------------

def is_course(path: Path) -> bool:
    """A folder with forloeb.yaml, or a folder of bundles without a rapport.yaml of its own
    (a course whose forloeb.yaml is missing: `read` says so)."""
    path = Path(path)
    if present(path / COURSE_FILE):
        return True
    if not path.is_dir() or present(path / REPORT_FILE):
        return False
    return any(present(sub / REPORT_FILE) for sub in path.iterdir() if sub.is_dir())


def read(root: Path) -> Course:
    """forloeb.yaml and every subfolder's rapport.yaml, with the course's own checks; every
    problem at once, one line each."""
    root = Path(root)
    if not root.is_dir():
        raise input_error(str(root), "", "findes ikke eller er ikke en mappe med et forløb")
    if not present(root / COURSE_FILE):
        raise input_error(str(root), "", f"mappen har ingen {COURSE_FILE}; et forløb er en "
                          f"mappe med {COURSE_FILE} (kommune, periode) og en undermappe pr. "
                          "dokument (se docs/bundle-format.md); bundter, der ikke hører "
                          "sammen, bygges med taskforce-report batch")
    doc = read_yaml(root / COURSE_FILE, COURSE_FILE)
    settings = validate(CourseFile, {} if doc.data is None else doc.data, doc)
    problems: list[Problem] = []
    members: list[Member] = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir()):
        if sub.name.startswith((".", "_")):
            continue  # hidden folders and drafts
        if not present(sub / REPORT_FILE):
            problems.append(Problem(sub.name, "", f"undermappen er ikke et bundt (ingen "
                                    f"{REPORT_FILE}); hver undermappe i et forløb er ét "
                                    "dokument; flyt andet ud, eller giv mappen et navn, der "
                                    "begynder med _"))
            continue
        member_doc = read_yaml(sub / REPORT_FILE, f"{sub.name}/{REPORT_FILE}")
        data = member_doc.data if isinstance(member_doc.data, dict) else {}
        kind = data.get("dokument")
        if kind not in ORDER:
            problems.append(Problem(member_doc.file, "dokument",
                                    f"forventede en af {', '.join(ORDER)}; fandt "
                                    f"{'ingen' if kind is None else repr(kind)}"
                                    f"{suggest(str(kind), list(ORDER)) if kind else ''}",
                                    member_doc.locate(("dokument",))))
            continue
        date = data.get("dato")
        members.append(Member(sub.name, sub, kind, str(data.get("kommune", "")).strip(),
                              date if isinstance(date, dt.date) else None, member_doc))
    if not members and not problems:
        problems.append(Problem(str(root), "", "forløbet har ingen dokumenter (undermapper "
                                f"med {REPORT_FILE})"))
    for kind in ONE_EACH:
        same = [m for m in members if m.dokument == kind]
        if len(same) > 1:
            problems.append(Problem(same[1].file, "dokument", f"forløbet har allerede "
                                    f"{NAMES[kind]} i {same[0].folder}/; et forløb har én",
                                    same[1].doc.locate(("dokument",))))
    for m in members:
        if m.kommune and m.kommune != settings.kommune:
            problems.append(Problem(m.file, "kommune", f"'{m.kommune}' er ikke forløbets "
                                    f"kommune, '{settings.kommune}' ({COURSE_FILE})",
                                    m.doc.locate(("kommune",))))
    problems += _dates_in_order(members)
    problems += _one_rule_per_criterion(members)
    if problems:
        raise InputError(problems)
    return Course(root, settings, tuple(members))


def _dates_in_order(members: list[Member]) -> list[Problem]:
    """application ≤ analysis ≤ plan ≤ status reports ≤ TF status."""
    problems = []
    dated = [m for m in members if m.dato is not None]
    for later in dated:
        for earlier in dated:
            if ORDER.index(earlier.dokument) < ORDER.index(later.dokument) \
                    and later.dato < earlier.dato:
                problems.append(Problem(
                    later.file, "dato",
                    f"{NAMES[later.dokument]} er dateret {language.date(later.dato)}, før "
                    f"{NAMES[earlier.dokument]} i {earlier.folder}/ "
                    f"({language.date(earlier.dato)}); et forløbs dokumenter dateres i "
                    "rækkefølgen ansøgning, analyserapport, udviklingsplan, statusrapporter, "
                    "Task Forcens statusrapport", later.doc.locate(("dato",))))
                break
    return problems


def _one_rule_per_criterion(members: list[Member]) -> list[Problem]:
    """An audit criterion is counted by one rule in the whole course: the plan and every status
    report that names it give it the same `optaelling`."""
    problems, first = [], {}
    for m in sorted(members, key=lambda m: (ORDER.index(m.dokument), m.dato or dt.date.min)):
        data = m.doc.data if isinstance(m.doc.data, dict) else {}
        audit = data.get("ledelsestilsyn")
        criteria = audit.get("kriterier") if isinstance(audit, dict) else None
        for criterion_id, entry in (criteria or {}).items() if isinstance(criteria, dict) \
                else ():
            rule = entry.get("optaelling") if isinstance(entry, dict) else None
            if not isinstance(rule, str):
                continue
            seen = first.setdefault(criterion_id, (rule, m))
            if seen[0] != rule:
                place = ("ledelsestilsyn", "kriterier", criterion_id, "optaelling")
                problems.append(Problem(
                    m.file, dotted(place), f"'{rule}' er ikke den regel, {seen[1].folder}/ "
                    f"tæller kriteriet efter ('{seen[0]}'); et kriterium tælles på én måde i "
                    "hele forløbet", m.doc.locate(place)))
    return problems


def for_bundle(path: Path) -> Course | None:
    """The course a bundle belongs to (forloeb.yaml in the folder above it), or None."""
    parent = Path(path).resolve().parent
    return read(parent) if present(parent / COURSE_FILE) else None


def needs(course: Course, dokument: str, by: str, why: str) -> Member:
    member = course.member(dokument)
    if member is None:
        raise input_error(by, "", f"forløbet {course.name}/ har ingen {NAMES[dokument]}, som "
                          f"{why}; læg den i en undermappe af forløbet")
    return member


# ---- a bundle inside its course ---------------------------------------------------------

def load_bundle(path: Path):
    """The bundle at `path`, checked; inside a course (forloeb.yaml in the folder above) as its
    course completes it (`attach`). What the pipeline and the tools load."""
    bundle = load(path)
    found = for_bundle(bundle.path)
    return bundle if found is None else attach(bundle, found)


def attach(bundle, course: Course):
    """The bundle as its course completes it: references checked, recommendations' wording
    taken from the analysis report, the course's period and dates filled in."""
    from taskforce_report.models import StatusReport, TaskForceStatusReport

    report = bundle.report
    if isinstance(report, StatusReport):
        report = with_plan_goals(report, course, bundle.report_doc)
    if isinstance(report, StatusReport) or report.dokument == "udviklingsplan":
        report = with_recommendations(report, course, bundle.report_doc)
    if isinstance(report, TaskForceStatusReport):
        update = {}
        if report.forloeb is None and course.settings.periode is not None:
            update["forloeb"] = course.settings.periode
        analysis = course.member("analyserapport")
        if report.analyserapport is None and analysis is not None:
            update["analyserapport"] = analysis.dato
        report = report.model_copy(update=update) if update else report
    return replace(bundle, report=report, course=course)


def with_plan_goals(report, course: Course, doc: YamlDocument | None):
    """A status report's development point that names a focus area of the plan
    (`indsatsomraade: <titel>`) reports on that area's goals, taken from the plan, with the
    plan's audit criteria beside the report's own: the goals are written once, in the plan."""
    from taskforce_report.analyse import audit

    named = [i for i, p in enumerate(report.udviklingspunkter) if p.indsatsomraade]
    if not named:
        return report
    file = doc.file if doc is not None else REPORT_FILE
    needs(course, "udviklingsplan", file, "udviklingspunkternes indsatsomraade henviser til")
    plan = course.plan.report
    areas = {a.titel: a for a in plan.indsatsomraader}
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
    criteria = data["ledelsestilsyn"]["kriterier"]
    for criterion_id, criterion in plan.ledelsestilsyn.kriterier.items():
        own = criteria.setdefault(criterion_id, criterion.model_dump())
        if own["optaelling"] != criterion.optaelling:  # one counting rule per measurement
            place = ("ledelsestilsyn", "kriterier", criterion_id, "optaelling")
            problems.append(Problem(
                file, dotted(place), f"'{own['optaelling']}' er ikke udviklingsplanens regel "
                f"for kriteriet, '{criterion.optaelling}'; et kriterium tælles på én måde i "
                "hele forløbet", doc.locate(place) if doc is not None else ""))
    if problems:
        raise InputError(problems)
    report = type(report).model_validate(data)
    audit.check_report(report, doc)
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


def with_recommendations(report, course: Course, doc: YamlDocument | None):
    """Every recommendation a goal or plan entry names exists in the analysis report, and its
    wording is the analysis report's (filled in where `tekst` is left out)."""
    data = report.model_dump()
    refs = list(_references(data))
    if not refs:
        return report
    file = doc.file if doc is not None else REPORT_FILE
    needs(course, "analyserapport", file, "målenes anbefalinger (tema og nr) henviser til")
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


# ---- shared tables ----------------------------------------------------------------------

def shared_tables(bundle, tables: dict[str, Any]) -> dict[str, Any]:
    """The bundle's tables with what the course shares: the status report's audit log from the
    course folder (rounds up to its `dato`), the Task Force status report's baseline round from
    the analysis bundle (already normalised, beside its own status round)."""
    from taskforce_report.models import StatusReport, TaskForceStatusReport

    course: Course | None = getattr(bundle, "course", None)
    if course is None:
        return tables
    tables = dict(tables)
    if isinstance(bundle.report, StatusReport):
        shared = _course_audit(course)
        if shared is not None:
            if "ledelsestilsyn" in tables:
                raise input_error(tables["ledelsestilsyn"].source, "", "forløbet har sit eget "
                                  f"{AUDIT_FILE} ({course.name}/{AUDIT_FILE}); en statusrapport "
                                  "i forløbet tæller derfra; fjern bundtets kopi")
            own = set(bundle.report.ledelsestilsyn.kriterier)
            tables["ledelsestilsyn"] = _only(_up_to(shared, bundle.report.dato),
                                             course.audit_criteria() - own)
    if isinstance(bundle.report, TaskForceStatusReport):
        tables["sagsgennemgang"] = _both_rounds(bundle, course, tables.get("sagsgennemgang"))
    return tables


def _course_audit(course: Course):
    from taskforce_report.load.tables import SPECS, read_csv
    from taskforce_report.load.workbook import WORKBOOK, read_workbook

    file = course.root / AUDIT_FILE
    if present(file):
        table = read_csv(file, SPECS["ledelsestilsyn"])
        return replace(table, source=f"{course.name}/{AUDIT_FILE}")
    if present(course.root / WORKBOOK):
        return read_workbook(course.root / WORKBOOK).get("ledelsestilsyn")
    return None


def _up_to(table, date: dt.date):
    """The audit rounds up to the report's month; a round that is not a month stays, so its
    error is told."""
    last = f"{date.year:04d}-{date.month:02d}"

    def keep(value: str) -> bool:
        try:
            return month_key(value) <= last
        except ValueError:
            return True

    return replace(table, frame=table.frame[table.frame["runde"].map(keep)])


def _only(table, others: set[str]):
    """The shared log without the rows of criteria that other documents of the course measure
    (the course's log holds every status report's criteria; each counts its own). A criterion
    no document knows stays, so its error is told."""
    return replace(table, frame=table.frame[~table.frame["kriterium"].str.strip()
                                            .isin(sorted(others))])


def _both_rounds(bundle, course: Course, own):
    """The baseline from the analysis bundle, the status round from the bundle's own file (rows
    without a `runde` column are the status round)."""
    import pandas as pd

    needs(course, "analyserapport", REPORT_FILE,
          "Task Forcens statusrapport tager baselinemålingen fra")
    baseline = course.baseline_frame(bundle.kriterier)
    if baseline is None:
        member = course.member("analyserapport")
        raise input_error(f"{member.folder}/sagsgennemgang.csv", "", "filen mangler; Task "
                          "Forcens statusrapport tager baselinemålingen fra analysebundtets "
                          "sagsgennemgang")
    if own is None:
        raise input_error("sagsgennemgang.csv", "", "filen mangler; statusmålingen (de nye "
                          "sager) står i Task Forcens eget bundt, baselinemålingen hentes fra "
                          "analysebundtet")
    known = casereview.criteria((*course.analysis.kriterier, *bundle.kriterier))
    frame = casereview.normalise(own, known)
    if "runde" not in own.frame.columns:
        frame = frame.assign(runde=casereview.STATUS)
    elif (frame["runde"] == casereview.BASELINE).any():
        row = int(frame.index[frame["runde"] == casereview.BASELINE][0])
        member = course.member("analyserapport")
        raise InputError(own.problem(row, "runde", "baselinemålingen hentes fra "
                                     f"analysebundtet ({member.folder}/sagsgennemgang.csv) "
                                     "og skrives ikke igen her; bundtet har kun runden status"))
    return pd.concat([baseline, frame])

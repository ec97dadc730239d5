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
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from pydantic import Field

from taskforce_report.core import language
from taskforce_report.core.errors import InputError, Problem, input_error, suggest
from taskforce_report.core.safeio import present
from taskforce_report.load import checks
from taskforce_report.load.bundle import concept_of, load
from taskforce_report.load.validation import dotted, validate
from taskforce_report.load.yamlfile import YamlDocument, read_yaml
from taskforce_report.models import Period, Strict

COURSE_FILE = "forloeb.yaml"
AUDIT_FILE = "ledelsestilsyn.csv"
REPORT_FILE = "rapport.yaml"
# The documents in the order a course produces them; their dates must follow it.
ORDER = ("ansoegning", "analyserapport", "udviklingsplan", "statusrapport", "taskforce-status")
ONE_EACH = ("ansoegning", "analyserapport", "udviklingsplan", "taskforce-status")
NAMES = {"ansoegning": "ansøgningen", "analyserapport": "analyserapporten",
         "udviklingsplan": "udviklingsplanen", "statusrapport": "statusrapporten",
         "taskforce-status": "Task Forcens statusrapport"}


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

    def needs(self, dokument: str, by: str, why: str) -> Member:
        """The course's document `dokument`, which `by` refers to (`why`), or an error."""
        member = self.member(dokument)
        if member is None:
            raise input_error(by, "", f"forløbet {self.name}/ har ingen {NAMES[dokument]}, som "
                              f"{why}; læg den i en undermappe af forløbet")
        return member

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

    def bundle_of(self, member: Member):
        """The member's bundle, loaded as an ordinary bundle: the analysis report and the plan
        as the course holds them already, any other loaded now."""
        if member is self.member("analyserapport"):
            return self.analysis
        if member is self.member("udviklingsplan"):
            return self.plan
        return load(member.path)

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
        report = checks.with_plan_goals(report, course, bundle.report_doc)
    if isinstance(report, StatusReport) or report.dokument == "udviklingsplan":
        report = checks.with_recommendations(report, course, bundle.report_doc)
    if isinstance(report, TaskForceStatusReport):
        update = {}
        if report.forloeb is None and course.settings.periode is not None:
            update["forloeb"] = course.settings.periode
        analysis = course.member("analyserapport")
        if report.analyserapport is None and analysis is not None:
            update["analyserapport"] = analysis.dato
        report = report.model_copy(update=update) if update else report
    return replace(bundle, report=report, course=course)


def audit_log(course: Course):
    """The course's own audit log (ledelsestilsyn.csv beside forloeb.yaml, or the sheet of its
    workbook) as read, or None; analyse/coursetables.py gives each status report its rounds."""
    from taskforce_report.load.tables import SPECS, read_csv
    from taskforce_report.load.workbook import WORKBOOK, read_workbook

    file = course.root / AUDIT_FILE
    if present(file):
        table = read_csv(file, SPECS["ledelsestilsyn"])
        return replace(table, source=f"{course.name}/{AUDIT_FILE}")
    if present(course.root / WORKBOOK):
        return read_workbook(course.root / WORKBOOK).get("ledelsestilsyn")
    return None



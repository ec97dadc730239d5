"""The trace of a course: every recommendation of the analysis report → the plan's activities
that answer it → the goals that measure it → their latest measured status.

Built from the course (course.py) alone: the recommendations and their wording from the
analysis bundle, the activities from the development plan (udviklingsplan.py), the goals and
their status from a status report's computed facts (auditgoals.GoalStatus). A recommendation that
nothing answers is listed as such. The status report and the Task Force's status report end
with it as an appendix (`sporing`); `validate COURSE` prints it as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from taskforce_report.core import language


@dataclass(frozen=True)
class GoalLink:
    nr: int  # "Mål 3" in the status report
    kort: str
    status: str  # the latest status sentence: "75 % af sagerne … (målt på 12 sager)"
    status_ord: str  # "Opfyldt", "Tæt på", …, or ""
    runde: str  # the latest audit round, "december 2021"; "" when never measured
    sager: int  # the base of the latest measurement ("målt på N sager"); 0: not measured
    kilde: str  # the document the status is from: "statusrapporten af 10. januar 2022"

    @property
    def vis_ord(self) -> bool:
        """Whether to print the mark before the sentence ("Ikke målt: …" says it already)."""
        return bool(self.status_ord) and not self.status.startswith(self.status_ord)


@dataclass(frozen=True)
class Entry:
    tema_id: str
    tema: str  # the theme's heading
    nr: int
    tekst: str
    aktiviteter: tuple[str, ...]  # the plan's activities that answer it
    maal: tuple[GoalLink, ...]

    @property
    def besvaret(self) -> bool:
        return bool(self.aktiviteter or self.maal)

    @property
    def navn(self) -> str:
        return f"{self.tema}, anbefaling {self.nr}"


@dataclass(frozen=True)
class Trace:
    entries: tuple[Entry, ...]
    kilde: str  # where the goals' status is from, "" when no status report has measured

    def is_empty(self) -> bool:
        return not self.entries

    @property
    def ubesvarede(self) -> int:
        return sum(1 for e in self.entries if not e.besvaret)


def _goal_links(goals: Any, source: str) -> dict[tuple[str, int], list[GoalLink]]:
    found: dict[tuple[str, int], list[GoalLink]] = {}
    for goal in goals or ():
        latest = goal.seneste
        link = GoalLink(
            nr=goal.nr, kort=goal.kort, status=goal.status_tekst, status_ord=goal.status_ord,
            runde=latest.maaned if latest is not None and latest.sager else "",
            sager=latest.grundlag if latest is not None and latest.maalt else 0, kilde=source)
        for ref in goal.anbefalinger:
            found.setdefault((ref.tema_id, ref.nr), []).append(link)
    return found


def _activities(course) -> dict[tuple[str, int], list[str]]:
    plan = course.plan
    if plan is None:
        return {}
    found: dict[tuple[str, int], list[str]] = {}
    for area in plan.report.indsatsomraader:
        for activity in area.aktiviteter:
            for ref in activity.anbefalinger:
                found.setdefault((ref.tema, ref.nr), []).append(activity.aktivitet)
    return found


def build(course, goals: Any = None, source: str = "") -> Trace | None:
    """The trace of the course, with `goals` (a status report's GoalStatus list) measured as
    `source` says; None outside a course or without an analysis report."""
    if course is None or course.analysis is None:
        return None
    activities = _activities(course)
    measured = _goal_links(goals, source)
    entries = tuple(
        Entry(tema_id=tema, tema=course.theme_heading(tema), nr=nr, tekst=text,
              aktiviteter=tuple(activities.get((tema, nr), ())),
              maal=tuple(measured.get((tema, nr), ())))
        for (tema, nr), text in course.recommendations().items())
    return Trace(entries, source)


def latest_status(course, prepare):
    """The facts of the course's latest status report (by date) and what to call it; (None,
    "") when the course has none. `prepare` is build.prepare, passed down by the pipeline
    (this module is part of the analysis that build runs, so it cannot import build)."""
    members = [m for m in course.ordered() if m.dokument == "statusrapport"]
    if not members:
        return None, ""
    from taskforce_report.load.course import in_folder

    member = members[-1]
    prepared = in_folder(member.folder, lambda: prepare(member.path))
    return prepared.results.facts, f"statusrapporten af {language.date(member.dato)}"


def _course_of(bundle):
    """The bundle's course when it has an analysis report to trace from, else None."""
    course = getattr(bundle, "course", None)
    return None if course is None or course.analysis is None else course


def of_own_goals(bundle, facts: dict[str, Any]) -> Trace | None:
    """The appendix of a status report: its own goals (documents/statusrapport.py)."""
    course = _course_of(bundle)
    return None if course is None else build(course, facts.get("maal"), "denne statusrapport")


def of_latest_status(bundle, prepare) -> Trace | None:
    """The appendix of the Task Force's status report: the goals of the course's latest status
    report, prepared with `prepare` (documents/taskforce_status.py)."""
    course = _course_of(bundle)
    if course is None:
        return None
    status, source = latest_status(course, prepare)
    return build(course, status.get("maal") if status else None, source)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def terminal_table(course, prepared: list) -> str:
    """`validate COURSE`'s table: one line per recommendation and goal."""
    status = next((p for p in reversed(prepared)
                   if p.bundle.report.dokument == "statusrapport"), None)
    goals = status.results.facts.get("maal") if status is not None else None
    source = (f"statusrapporten af {language.date(status.bundle.report.dato)}"
              if status is not None else "")
    found = build(course, goals, source)
    if found is None:
        return ""
    rows = [("anbefaling", "aktiviteter i planen", "mål", "seneste status")]
    for e in found.entries:
        label = f"{_short(e.tema, 24)} {e.nr}: {_short(e.tekst, 30)}"
        acts = _short("; ".join(e.aktiviteter), 36) if e.aktiviteter else "–"
        if not e.maal:
            rows.append((label, acts, "–" if e.aktiviteter else "INTET BESVARER DEN", ""))
            continue
        for i, g in enumerate(e.maal):
            state = _short(f"{g.status_ord + ': ' if g.vis_ord else ''}{g.status}", 70)
            rows.append((label if i == 0 else "", acts if i == 0 else "",
                         _short(f"Mål {g.nr}: {g.kort}", 34), state))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"Sporing: anbefaling → udviklingsplan → mål → status"
             f"{' (' + source + ')' if source else ''}"]
    lines += ["  ".join([r[0].ljust(widths[0]), r[1].ljust(widths[1]), r[2].ljust(widths[2]),
                         r[3]]).rstrip() for r in rows]
    lines.append(f"{len(found.entries)} anbefalinger, {found.ubesvarede} uden aktivitet eller mål")
    return "\n".join(lines)

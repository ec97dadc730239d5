"""What a document counts from its course's other documents (load/course.py loads them): the
analysis report's case review, which the Task Force's status report takes as its baseline round
and the other documents' texts may cite (`{analyse.sagsgennemgang.bfu_4_mdr.andel}`), and the
course's audit log, which a status report counts up to its own `dato`. The review's sentences
come from the case review's wording (`casereview_wording.Wording`), handed in from documents/."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd

from taskforce_report.analyse import casereview, casereview_rows
from taskforce_report.analyse.casereview_wording import Wording
from taskforce_report.analyse.counting import BASELINE, STATUS
from taskforce_report.core.errors import InputError, input_error
from taskforce_report.load.bundle import REPORT_FILE, concept_of
from taskforce_report.load.course import AUDIT_FILE, Course, audit_log
from taskforce_report.load.criteria import criteria
from taskforce_report.models import StatusReport, TaskForceStatusReport, month_key

# The prefix another document's texts cite a document's results by.
CITATION_PREFIX = "analyse"


# ---- the analysis report's case review --------------------------------------------------

def analysis_review(course: Course, wording: Wording) -> casereview.CaseReview | None:
    """The analysis report's case review, counted as the analysis report counts it."""
    bundle = course.analysis
    frame = baseline_frame(course)
    if bundle is None or frame is None:
        return None
    known = criteria(bundle.kriterier)
    return casereview.review(frame, known, bundle.report.dato,
                             themes=concept_of(bundle).themes, wording=wording)


def baseline_frame(course: Course, extra_criteria: tuple = ()):
    """The analysis bundle's case review, normalised, its rows the baseline round; None
    when the course has no analysis report or it has no sagsgennemgang.csv."""
    bundle = course.analysis
    if bundle is None or "sagsgennemgang" not in bundle.tables:
        return None
    member = course.member("analyserapport")
    table = bundle.tables["sagsgennemgang"]
    table = replace(table, source=f"{member.folder}/{table.source}")
    known = criteria((*bundle.kriterier, *extra_criteria))
    frame = casereview_rows.normalise(table, known)
    return frame[frame["runde"] == BASELINE]


def citation_values(course: Course, wording: Wording) -> dict[str, Any]:
    """What the other documents' texts may cite of the analysis report:
    `analyse.sagsgennemgang.bfu_4_mdr.andel`, … (its sentences worded by `wording`)"""
    review = analysis_review(course, wording)
    if review is None:
        return {}
    return {f"{CITATION_PREFIX}.{k}": v
            for k, v in casereview.citation_values(review).items()}


# ---- shared tables ----------------------------------------------------------------------

def shared_tables(bundle, tables: dict[str, Any]) -> dict[str, Any]:
    """The bundle's tables with what the course shares: the status report's audit log from the
    course folder (rounds up to its `dato`), the Task Force status report's baseline round from
    the analysis bundle (already normalised, beside its own status round)."""
    course: Course | None = getattr(bundle, "course", None)
    if course is None:
        return tables
    tables = dict(tables)
    if isinstance(bundle.report, StatusReport):
        shared = audit_log(course)
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
    course.needs("analyserapport", REPORT_FILE,
                 "Task Forcens statusrapport tager baselinemålingen fra")
    baseline = baseline_frame(course, bundle.kriterier)
    if baseline is None:
        member = course.member("analyserapport")
        raise input_error(f"{member.folder}/sagsgennemgang.csv", "", "filen mangler; Task "
                          "Forcens statusrapport tager baselinemålingen fra analysebundtets "
                          "sagsgennemgang")
    if own is None:
        raise input_error("sagsgennemgang.csv", "", "filen mangler; statusmålingen (de nye "
                          "sager) står i Task Forcens eget bundt, baselinemålingen hentes fra "
                          "analysebundtet")
    known = criteria((*course.analysis.kriterier, *bundle.kriterier))
    frame = casereview_rows.normalise(own, known)
    if "runde" not in own.frame.columns:
        frame = frame.assign(runde=STATUS)
    elif (frame["runde"] == BASELINE).any():
        row = int(frame.index[frame["runde"] == BASELINE][0])
        member = course.member("analyserapport")
        raise InputError(own.problem(row, "runde", "baselinemålingen hentes fra "
                                     f"analysebundtet ({member.folder}/sagsgennemgang.csv) "
                                     "og skrives ikke igen her; bundtet har kun runden status"))
    return pd.concat([baseline, frame])

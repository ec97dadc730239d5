"""NORMALISE: the bundle's tables as tidy pandas DataFrames with the domain's column names.

Here the tables every document type tidies alike (case review, social-work review,
self-evaluation, key figures); a type's own tables (the status report's audit log, the
application's cases) are tidied by the function its module in documents/ passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskforce_report.analyse import (
    casereview_rows,
    consistency,
    coursetables,
    selfevaluation,
    socialwork,
)
from taskforce_report.analyse.keyfigures import observations as keyfigure_observations
from taskforce_report.core.errors import InputError, Problem
from taskforce_report.load.bundle import Bundle
from taskforce_report.load.criteria import criteria
from taskforce_report.load.questions import questions
from taskforce_report.load.tables import TABLES_OF, Table


def _check_tables_belong(bundle: Bundle) -> None:
    """The tables each document reads are tables.TABLES_OF. Another table in the bundle is an
    error, not a file silently ignored (or read by code that expects another document:
    noegletal.csv in a status bundle)."""
    kind = bundle.report.dokument
    problems = []
    for name, table in bundle.tables.items():
        if name in TABLES_OF.get(kind, ()):
            continue
        users = [doc for doc, names in TABLES_OF.items() if name in names]
        if users == ["ansoegning"]:
            where = "en ansøgning (dokument: ansoegning)"
        else:
            where = " og ".join(f"et {doc}-bundt" for doc in users)
        problems.append(Problem(table.source, "", f"tabellen {name} bruges kun i {where}, ikke "
                                f"i et {kind}-bundt; fjern den (eller ret dokument: i "
                                "rapport.yaml)"))
    if problems:
        raise InputError(problems)


def normalise(bundle: Bundle, own: Callable[[Bundle, dict[str, Any]], None]) -> dict[str, Any]:
    """The bundle's tables as DataFrames; `own` tidies the document type's own tables in place
    (documents.DocumentType.normalise), after the check that every table belongs to the type."""
    # inside a course: the audit log of the course folder, the baseline of the analysis bundle
    tables: dict[str, Any] = coursetables.shared_tables(bundle, dict(bundle.tables))
    if isinstance(tables.get("sagsgennemgang"), Table):
        source = tables["sagsgennemgang"].source
        tables["sagsgennemgang"] = casereview_rows.normalise(tables["sagsgennemgang"],
                                                             criteria(bundle.kriterier))
        consistency.check_rows(tables["sagsgennemgang"], source)
    if "socialfaglig" in tables:
        tables["socialfaglig"] = socialwork.normalise(tables["socialfaglig"])
    if "selvevaluering" in tables:
        tables["selvevaluering"] = selfevaluation.normalise(
            tables["selvevaluering"], questions(bundle.spoergsmaal))
    _check_tables_belong(bundle)
    own(bundle, tables)
    key_figures = keyfigure_observations.prepare(bundle)  # noegletal.csv → observations, or None
    if key_figures is not None:
        tables["noegletal"] = key_figures
    return tables

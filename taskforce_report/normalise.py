"""NORMALISE: the bundle's tables as tidy pandas DataFrames with the domain's column names.

The analysis report of the ten themes needs no table; the key-figure, case-review and audit
tables are added here as their chapters arrive.
"""

from __future__ import annotations

from typing import Any

from taskforce_report import (
    application,
    audit,
    casereview,
    keyfigures,
    selfevaluation,
    socialwork,
)
from taskforce_report.bundle import Bundle
from taskforce_report.errors import input_error
from taskforce_report.models import Application, StatusReport


def normalise(bundle: Bundle) -> dict[str, Any]:
    tables: dict[str, Any] = dict(bundle.tables)
    if "sagsgennemgang" in tables:
        tables["sagsgennemgang"] = casereview.normalise(tables["sagsgennemgang"],
                                                        casereview.criteria(bundle.kriterier))
    if "socialfaglig" in tables:
        tables["socialfaglig"] = socialwork.normalise(tables["socialfaglig"])
    if "selvevaluering" in tables:
        tables["selvevaluering"] = selfevaluation.normalise(
            tables["selvevaluering"], selfevaluation.questions(bundle.spoergsmaal))
    for name in application.TABLES:  # sager, underretninger: the application's statistics
        if name in tables and not isinstance(bundle.report, Application):
            raise input_error(tables[name].source, "", f"tabellen {name} bruges kun i en "
                              f"ansøgning (dokument: ansoegning), ikke i et "
                              f"{bundle.report.dokument}-bundt; fjern den")
    if isinstance(bundle.report, Application):
        if "sager" in tables:
            tables["sager"] = application.normalise_cases(tables["sager"])
        if "underretninger" in tables:
            tables["underretninger"] = application.normalise_notifications(
                tables["underretninger"])
    if isinstance(bundle.report, StatusReport):
        tables["ledelsestilsyn"] = audit.prepare(bundle.report, tables.get("ledelsestilsyn"))
    key_figures = keyfigures.prepare(bundle)  # noegletal.csv → observations, or None
    if key_figures is not None:
        tables["noegletal"] = key_figures
    return tables

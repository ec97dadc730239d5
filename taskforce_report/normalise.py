"""NORMALISE: the bundle's tables as tidy pandas DataFrames with the domain's column names.

The analysis report of the ten themes needs no table; the key-figure, case-review and audit
tables are added here as their chapters arrive.
"""

from __future__ import annotations

from typing import Any

from taskforce_report import audit, casereview, keyfigures, selfevaluation, socialwork
from taskforce_report.bundle import Bundle
from taskforce_report.models import StatusReport


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
    if isinstance(bundle.report, StatusReport):
        tables["ledelsestilsyn"] = audit.prepare(bundle.report, tables.get("ledelsestilsyn"))
    key_figures = keyfigures.prepare(bundle)  # noegletal.csv → observations, or None
    if key_figures is not None:
        tables["noegletal"] = key_figures
    return tables

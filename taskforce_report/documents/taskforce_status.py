"""The Task Force's own status report (dokument: taskforce-status): the case review measured
again against the analysis report's baseline round, and inside a course the trace of the
recommendations to the latest status report's goals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskforce_report.analyse import tfstatus, trace
from taskforce_report.analyse.analysis import Results
from taskforce_report.documents.registry import DocumentType, register
from taskforce_report.load.bundle import Bundle
from taskforce_report.words import casereview as casereview_words


def analyse(bundle: Bundle, tables: dict[str, Any], prepare: Callable) -> Results:
    # worded here, above ANALYSE: the case review's sentences come from words/casereview.py
    facts, charts = tfstatus.analyse(bundle, tables, casereview_words.WORDING)
    facts["sporing"] = trace.of_latest_status(bundle, prepare)  # inside a course only
    return Results(facts=facts, charts=tuple(charts))


TASK_FORCE_STATUS = register(DocumentType("taskforce-status", analyse))

"""The municipality's status report (dokument: statusrapport): the goals of its development
plan measured in the management audit (ledelsestilsyn), round by round. The one type that
also offers the committee memo (`--format notat`) and slide deck (`--format slides`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskforce_report.analyse import audit, slides, trace
from taskforce_report.analyse.analysis import Results
from taskforce_report.documents.registry import COMMON_FORMATS, DocumentType, register
from taskforce_report.load.bundle import Bundle
from taskforce_report.words import audit as audit_words


def normalise(bundle: Bundle, tables: dict[str, Any]) -> None:
    """The audit log as rounds per criterion (also when the bundle has none: no rounds yet)."""
    tables["ledelsestilsyn"] = audit.prepare(bundle.report, tables.get("ledelsestilsyn"))


def analyse(bundle: Bundle, tables: dict[str, Any], prepare: Callable) -> Results:
    report = bundle.report
    # worded here, above ANALYSE: the goals' sentences come from words/audit.py
    facts, charts = audit.analyse(report, tables.get("ledelsestilsyn"), audit_words.WORDS)
    # the committee deck (--format slides), checked with the rest so validate finds its errors
    facts["dias"] = report.dias and slides.deck(report.dias, report, facts["maal"],
                                                bundle.report_doc)
    facts["sporing"] = trace.of_own_goals(bundle, facts)  # inside a course only
    return Results(facts=facts, charts=tuple(charts))


STATUS_REPORT = register(DocumentType("statusrapport", analyse, normalise,
                                      formats=(*COMMON_FORMATS, "notat", "slides"),
                                      municipal=True))

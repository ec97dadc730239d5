"""The municipality's application for a course with the Task Force (dokument: ansoegning):
the form's answers, with the cases and notifications tables as its figures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskforce_report.analyse import application
from taskforce_report.analyse.analysis import Results
from taskforce_report.documents.registry import DocumentType, register
from taskforce_report.load import applicationform
from taskforce_report.load.bundle import Bundle


def normalise(bundle: Bundle, tables: dict[str, Any]) -> None:
    if "sager" in tables:
        tables["sager"] = application.normalise_cases(tables["sager"])
    if "underretninger" in tables:
        tables["underretninger"] = application.normalise_notifications(tables["underretninger"])


def analyse(bundle: Bundle, tables: dict[str, Any], prepare: Callable) -> Results:
    facts, charts = application.analyse(bundle.report, tables)
    facts["skema"] = applicationform.form(bundle.path)  # the form's questions, as data
    return Results(facts=facts, charts=tuple(charts))


APPLICATION = register(DocumentType("ansoegning", analyse, normalise, municipal=True))

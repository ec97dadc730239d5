"""The municipality's development plan (dokument: udviklingsplan): its model, checks and facts
live in analyse/plan.py (the model registers itself in `models.DOCUMENT_MODELS` there, so that
loading, a stage below, knows it); here the type joins the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskforce_report.analyse import plan
from taskforce_report.analyse.analysis import Results
from taskforce_report.documents.registry import DocumentType, register
from taskforce_report.load.bundle import Bundle


def analyse(bundle: Bundle, tables: dict[str, Any], prepare: Callable) -> Results:
    facts, charts = plan.analyse(bundle)
    return Results(facts=facts, charts=tuple(charts))


DEVELOPMENT_PLAN = register(DocumentType(plan.DOCUMENT, plan.DevelopmentPlan, analyse,
                                         municipal=True))

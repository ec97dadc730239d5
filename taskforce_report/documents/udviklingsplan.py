"""The municipality's development plan (dokument: udviklingsplan): its model is models/plan.py
(in `models.DOCUMENT_MODELS`, so that loading, a stage below, knows it), its checks are in
load/checks.py and its facts in analyse/plan.py; here the type joins the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskforce_report.analyse import plan
from taskforce_report.analyse.analysis import Results
from taskforce_report.documents.registry import DocumentType, register
from taskforce_report.load.bundle import Bundle
from taskforce_report.models.plan import DOCUMENT
from taskforce_report.words import casereview as casereview_words


def analyse(bundle: Bundle, tables: dict[str, Any], prepare: Callable) -> Results:
    # the analysis report's case review its texts may cite is worded by words/casereview.py
    facts, charts = plan.analyse(bundle, casereview_words.WORDING)
    return Results(facts=facts, charts=tuple(charts))


DEVELOPMENT_PLAN = register(DocumentType(DOCUMENT, analyse, municipal=True))

"""DOCUMENTS: one module per document type, each registering its `DocumentType` (model,
own tables, analysis, formats) in registry.py; the pipeline looks them up here.

    from taskforce_report import documents
    kind = documents.document_type(bundle.document)
    tables = documents.normalise(bundle)
    results = documents.analyse(bundle, tables, prepare)

Importing the package registers every type (the imports of the type modules below).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskforce_report.analyse.analysis import Results
from taskforce_report.analyse.normalise import normalise as normalise_shared
from taskforce_report.documents import (  # noqa: F401 - each registers its type
    analyserapport,
    ansoegning,
    statusrapport,
    taskforce_status,
    udviklingsplan,
)
from taskforce_report.documents.registry import (
    DocumentType,
    document_type,
    document_types,
    register,
)
from taskforce_report.load.bundle import Bundle

__all__ = ["DocumentType", "analyse", "document_type", "document_types", "normalise", "register"]


def normalise(bundle: Bundle) -> dict[str, Any]:
    """The bundle's tables, tidied: the shared ones, then the document type's own."""
    return normalise_shared(bundle, document_type(bundle.document).normalise)


def analyse(bundle: Bundle, tables: dict[str, Any], prepare: Callable) -> Results:
    """The facts and charts of the bundle's document. `prepare` is build.prepare: the Task
    Force's status report traces the goals of another document of its course, which goes
    through the pipeline first (passed in, as the analysis cannot import build)."""
    return document_type(bundle.document).analyse(bundle, tables, prepare)

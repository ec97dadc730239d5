"""The registry of document types: what `dokument:` in rapport.yaml may name, and for each its
model, the output file's stem, how its own tables are normalised, how its facts are analysed
and which formats it offers.

Each document type registers itself from its own module in this package (analyserapport.py,
statusrapport.py, …), so the pipeline (build.py) looks a type up here instead of asking
`isinstance` or comparing `dokument` strings, and a new type is one new module. Loading stays
below this stage: load/bundle.py picks the model by `models.DOCUMENT_MODELS`, and a type's
model is looked up there too (`DocumentType.model`), so the id → model table has one home; a
type registered without a model there is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from taskforce_report.analyse.analysis import Results
from taskforce_report.load.bundle import Bundle
from taskforce_report.models import DOCUMENT_MODELS

# the formats every document type can be built in; the others are offered by name (`formats`)
COMMON_FORMATS = ("pdf", "html", "docx")


def _no_tables(bundle: Bundle, tables: dict[str, Any]) -> None:
    """A document type that reads no tables of its own beyond the shared ones."""


@dataclass(frozen=True)
class DocumentType:
    """One document type. `normalise` gets the bundle and its tables, already tidied where
    every type tidies alike (analyse/normalise.py), and tidies the type's own in place;
    `analyse` gets the bundle, the tables and `build.prepare` (for a document that reads
    another document of its course) and returns the facts and charts."""

    dokument: str  # the id rapport.yaml names, and the folder of its templates
    analyse: Callable[[Bundle, dict[str, Any], Callable], Results]
    normalise: Callable[[Bundle, dict[str, Any]], None] = _no_tables
    formats: tuple[str, ...] = COMMON_FORMATS  # what `build --format` may make of it
    # the municipality writes it (the PDF's author); else the Task Force, the theme's publisher
    municipal: bool = False

    @property
    def model(self) -> type:
        """The model of its rapport.yaml: the one loading validates it with, a stage below."""
        return DOCUMENT_MODELS[self.dokument]

    @property
    def stem(self) -> str:
        """The output file's name before its suffix: `analyserapport.pdf`."""
        return self.dokument


_TYPES: dict[str, DocumentType] = {}


def register(kind: DocumentType) -> DocumentType:
    """Adds a document type; a second one under the same id is a programming error."""
    if kind.dokument in _TYPES:
        raise ValueError(f"document type {kind.dokument!r} registered twice")
    if kind.dokument not in DOCUMENT_MODELS:  # loading would never let a bundle name it
        raise ValueError(f"document type {kind.dokument!r} has no model in "
                         "models.DOCUMENT_MODELS")
    _TYPES[kind.dokument] = kind
    return kind


def document_type(dokument: str) -> DocumentType:
    """The registered type of `dokument`. A bundle's `dokument:` was checked while it loaded
    (load/bundle.py names the known ones), so an unknown id here is the code's error."""
    try:
        return _TYPES[dokument]
    except KeyError:
        raise LookupError(f"no document type {dokument!r} is registered; known: "
                          f"{', '.join(_TYPES)}") from None


def document_types() -> tuple[DocumentType, ...]:
    """Every registered type, in the order registered."""
    return tuple(_TYPES.values())

"""LOAD: a bundle folder → validated models. Nothing here formats or computes.

A bundle is a folder with `rapport.yaml` and, depending on the document, data tables.
Every problem found is an `InputError` naming the file and the place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taskforce_report import audit, casereview, catalogues, selfevaluation
from taskforce_report.errors import InputError, Problem, input_error
from taskforce_report.models import (
    DOCUMENT_MODELS,
    YEARS,
    CriteriaFile,
    Interviews,
    QuestionsFile,
    StatusReport,
)
from taskforce_report.tables import SPECS, Table, read_csv
from taskforce_report.validation import dotted, suggest, validate
from taskforce_report.workbook import WORKBOOK, merge_tables, read_workbook
from taskforce_report.yamlfile import YamlDocument, read_yaml

REPORT_FILE = "rapport.yaml"
INTERVIEWS_FILE = "interviews.yaml"
CRITERIA_FILE = "kriterier.yaml"  # criteria the bundle adds to the case-review catalogue
QUESTIONS_FILE = "spoergsmaal.yaml"  # questions it adds to the self-evaluation catalogue
INDICATORS_FILE = "indikatorer.yaml"  # indicators it adds to the key-figure catalogue


@dataclass(frozen=True)
class Bundle:
    path: Path
    report: Any  # one of the models in DOCUMENT_MODELS
    tables: dict[str, Table] = field(default_factory=dict)  # by name: "noegletal", ...
    # The evidence files beside the tables (see docs/bundle-format.md); None/() when absent.
    interviews: Any = None  # models.Interviews from interviews.yaml
    kriterier: tuple = ()  # models.CriterionEntry added by the bundle's kriterier.yaml
    spoergsmaal: tuple = ()  # models.QuestionEntry added by the bundle's spoergsmaal.yaml
    report_doc: YamlDocument | None = None  # rapport.yaml's nodes, to give later errors a line

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def document(self) -> str:
        return self.report.dokument


def input_files(bundle: Bundle) -> list[str]:
    """The bundle's input files, by their path inside it: the files this tool reads, and only
    those. They alone are checked by the personal-data guard and travel inside the PDF, so a
    note or a draft left in the folder never leaves it."""
    names = {REPORT_FILE, INTERVIEWS_FILE, CRITERIA_FILE, QUESTIONS_FILE, INDICATORS_FILE,
             WORKBOOK, *(spec.filename for spec in SPECS.values())}
    look = getattr(bundle.report, "udseende", None)
    if look is not None and look.logo:
        names.add(look.logo.replace("\\", "/"))
    return sorted(name for name in names if (bundle.path / name).is_file())


def load(path: Path) -> Bundle:
    path = Path(path)
    if not path.is_dir():
        raise input_error(str(path), "", "findes ikke eller er ikke en mappe med et rapportbundt")
    report_path = path / REPORT_FILE
    if not report_path.is_file():
        raise input_error(str(path), "", f"mappen har ingen {REPORT_FILE}")
    doc = read_yaml(report_path, REPORT_FILE)
    report = _report(doc)
    tables = {
        name: read_csv(path / spec.filename, spec)
        for name, spec in SPECS.items()
        if (path / spec.filename).is_file()
    }
    if (path / WORKBOOK).is_file():
        tables = merge_tables(tables, read_workbook(path / WORKBOOK))
    interviews, _ = _optional_yaml(path, INTERVIEWS_FILE, Interviews)
    criteria, criteria_doc = _optional_yaml(path, CRITERIA_FILE, CriteriaFile)
    questions, questions_doc = _optional_yaml(path, QUESTIONS_FILE, QuestionsFile)
    if criteria is not None:
        casereview.check_additions(criteria, criteria_doc)
    if questions is not None:
        selfevaluation.check_additions(questions, questions_doc)
    return Bundle(path=path, report=report, tables=tables, interviews=interviews,
                  kriterier=tuple(criteria.kriterier) if criteria else (),
                  spoergsmaal=tuple(questions.spoergsmaal) if questions else (),
                  report_doc=doc)


def _optional_yaml(path: Path, name: str, model):
    """An optional YAML file of the bundle, validated; (None, None) when it is not there."""
    file = path / name
    if not file.is_file():
        return None, None
    doc = read_yaml(file, name)
    return validate(model, {} if doc.data is None else doc.data, doc), doc


def _report(doc: YamlDocument):
    data = doc.data
    if not isinstance(data, dict):
        raise input_error(doc.file, "", "forventede en samling af nøgler (kommune, dato, ...)")
    kind = data.get("dokument")
    if not isinstance(kind, str) or kind not in DOCUMENT_MODELS:
        known = ", ".join(DOCUMENT_MODELS)
        found = "ingen" if kind is None else repr(kind)
        hint = suggest(str(kind), list(DOCUMENT_MODELS)) if kind else ""
        raise input_error(doc.file, "dokument", f"forventede en af {known}; fandt {found}{hint}",
                          line=doc.locate(("dokument",)))
    report = validate(DOCUMENT_MODELS[kind], data, doc)
    _check_dates(report, doc)
    _check_concept(report, doc)  # every document type names its concept (`koncept:`)
    if isinstance(report, StatusReport):
        audit.check_report(report, doc)
    return report


def _check_dates(report: Any, doc: YamlDocument) -> None:
    """Every date of rapport.yaml lies in models.YEARS: 1850 or 9999 is a typo, and printed on
    the front page it would not be caught."""
    problems = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dt.date) and value.year not in YEARS:
            problems.append(Problem(doc.file, dotted(path), f"{value.isoformat()} ligger uden "
                                    f"for årene {YEARS[0]}–{YEARS[-1]}; er årstallet skrevet "
                                    "rigtigt?", doc.locate(path)))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(report.model_dump(), ())
    if problems:
        raise InputError(problems)


def _check_concept(report: Any, doc: YamlDocument) -> None:
    known = catalogues.concepts()
    concept = known.get(report.koncept)
    if concept is None or concept.dokument != report.dokument:
        names = [c.id for c in known.values() if c.dokument == report.dokument]
        raise input_error(doc.file, "koncept",
                          f"ukendt koncept '{report.koncept}'; kendte: {', '.join(names)}"
                          f"{suggest(report.koncept, names)}", line=doc.locate(("koncept",)))
    allowed = concept.theme_ids
    problems = [
        Problem(doc.file, f"temaer.{key}",
                f"ukendt tema{suggest(key, allowed)} (kendte temaer: {', '.join(allowed)})",
                doc.locate(("temaer", key)))
        for key in getattr(report, "temaer", {})
        if key not in allowed
    ]
    if problems:
        raise InputError(problems)

"""LOAD: a bundle folder → validated models. Nothing here formats or computes.

A bundle is a folder with `rapport.yaml` and, depending on the document, data tables.
Every problem found is an `InputError` naming the file and the place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taskforce_report import catalogues
from taskforce_report.core.errors import InputError, Problem, input_error, suggest
from taskforce_report.core.safeio import present
from taskforce_report.load import bundleconcept, checks, images, indicators, textfiles
from taskforce_report.load.applicationform import FORM_FILE
from taskforce_report.load.bundleconcept import CONCEPT_FILE, BundleConcept
from taskforce_report.load.criteria import with_national_results
from taskforce_report.load.indicators import INDICATORS_FILE, Catalogue
from taskforce_report.load.tables import SPECS, Table, read_csv
from taskforce_report.load.validation import dotted, validate
from taskforce_report.load.workbook import WORKBOOK, merge_tables, read_workbook
from taskforce_report.load.yamlfile import YamlDocument, read_yaml
from taskforce_report.models import (
    DOCUMENT_MODELS,
    YEARS,
    CriteriaFile,
    Interviews,
    QuestionsFile,
)

REPORT_FILE = "rapport.yaml"
INTERVIEWS_FILE = "interviews.yaml"
CRITERIA_FILE = "kriterier.yaml"  # criteria the bundle adds to the case-review catalogue
QUESTIONS_FILE = "spoergsmaal.yaml"  # questions it adds to the self-evaluation catalogue
# the record of how import-legacy made the bundle: not read, but it travels with the report
IMPORT_REPORT_FILE = "import-rapport.md"


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
    # the report's concept: the packaged one `koncept:` names, or the bundle's own
    # (bundleconcept.py) with its entry and where it was written, for the privacy guard
    concept: catalogues.Concept | None = None
    concept_entry: BundleConcept | None = None
    concept_place: tuple[str, tuple] = (REPORT_FILE, ())
    # the file the bundle's own concept was read from, to locate its errors: koncept.yaml's
    # nodes, or report_doc for a concept inside rapport.yaml (read once, here)
    concept_doc: YamlDocument | None = None
    images: tuple[str, ...] = ()  # the images rapport.yaml's Markdown shows (images.py)
    # the course the bundle is a document of (course.py: forloeb.yaml in the folder above)
    course: Any = None
    # the key figures' indicator catalogue: the package's plus the bundle's indikatorer.yaml
    indicators: Catalogue | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def document(self) -> str:
        return self.report.dokument


def known_files() -> set[str]:
    """The names of the files a bundle may have besides its logo (archive.plain_name lets only
    these and a logo out of a PDF again)."""
    return {REPORT_FILE, CONCEPT_FILE, FORM_FILE, INTERVIEWS_FILE, CRITERIA_FILE, QUESTIONS_FILE,
            INDICATORS_FILE, IMPORT_REPORT_FILE, WORKBOOK,
            *(spec.filename for spec in SPECS.values())}


def input_files(bundle: Bundle) -> list[str]:
    """The bundle's input files, by their path inside it: the files this tool reads, and only
    those. They alone are checked by the personal-data guard and travel inside the PDF, so a
    note or a draft left in the folder never leaves it."""
    names = known_files()
    look = getattr(bundle.report, "udseende", None)
    if look is not None and look.logo:
        names.add(look.logo.replace("\\", "/"))
    names.update(bundle.images)
    found = [name for name in names if present(bundle.path / name)]
    return sorted(found + textfiles.text_files(bundle.path))


def load(path: Path) -> Bundle:
    """The bundle at `path`, checked, on its own. Inside a course (forloeb.yaml in the folder
    above) the pipeline loads it with course.load_bundle, which completes it from the course's
    other documents: a course is made of bundles, so it is course.py that imports this."""
    return _load(Path(path))


def _load(path: Path) -> Bundle:
    if not path.is_dir():
        raise input_error(str(path), "", "findes ikke eller er ikke en mappe med et rapportbundt")
    report_path = path / REPORT_FILE
    if not present(report_path):
        raise input_error(str(path), "", f"mappen har ingen {REPORT_FILE}")
    # the texts of tekster/*.md join rapport.yaml's data, each remembering its file and line
    doc = textfiles.merge(read_yaml(report_path, REPORT_FILE), path)
    report, concept, entry, place, concept_doc = _report(doc, path)
    tables = {
        name: read_csv(path / spec.filename, spec)
        for name, spec in SPECS.items()
        if present(path / spec.filename)
    }
    if present(path / WORKBOOK):
        tables = merge_tables(tables, read_workbook(path / WORKBOOK))
    interviews, _ = _optional_yaml(path, INTERVIEWS_FILE, Interviews)
    criteria, criteria_doc = _optional_yaml(path, CRITERIA_FILE, CriteriaFile)
    questions, questions_doc = _optional_yaml(path, QUESTIONS_FILE, QuestionsFile)
    if criteria is not None:
        checks.criteria_additions(criteria, criteria_doc)
    if questions is not None:
        checks.question_additions(questions, questions_doc)
    indicator_catalogue = indicators.catalogue(path)
    shown = images.check(doc, path)  # an inline koncept:'s free texts among them
    if place[0] == CONCEPT_FILE:  # the free texts of koncept.yaml show images too
        extra = images.check(concept_doc, path, CONCEPT_FILE)
        shown = tuple(dict.fromkeys((*shown, *extra)))
    return Bundle(path=path, report=report, tables=tables, interviews=interviews, images=shown,
                  kriterier=with_national_results(criteria) if criteria else (),
                  spoergsmaal=tuple(questions.spoergsmaal) if questions else (),
                  report_doc=doc, concept=concept, concept_entry=entry, concept_place=place,
                  concept_doc=concept_doc, indicators=indicator_catalogue)


def concept_of(bundle: Bundle) -> catalogues.Concept:
    """The bundle's concept: its own, or the packaged one its `koncept:` names."""
    if bundle.concept is not None:
        return bundle.concept
    return catalogues.concepts()[bundle.report.koncept]


def _optional_yaml(path: Path, name: str, model):
    """An optional YAML file of the bundle, validated; (None, None) when it is not there."""
    file = path / name
    if not present(file):
        return None, None
    doc = read_yaml(file, name)
    return validate(model, {} if doc.data is None else doc.data, doc), doc


def _report(doc: YamlDocument, path: Path | None = None):
    """rapport.yaml's model, the concept, the bundle's own concept entry, where it stands and the
    document it was read from."""
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
    entry, entry_doc, prefix = _bundle_concept(data, doc, path)
    if entry is not None:  # the report names the packaged concept the bundle's own extends
        data = {**data, "koncept": entry.extends}
    report = validate(DOCUMENT_MODELS[kind], data, doc)
    _check_dates(report, doc)
    # every document type names its concept (`koncept:`)
    concept = _check_concept(report, entry_doc if entry else doc,
                             (*prefix, "extends") if entry else ("koncept",))
    if entry is not None:
        concept = bundleconcept.resolve(entry, concept, entry_doc, prefix)
    _check_themes(report, concept, doc)
    checks.report(report, doc)
    return (report, concept, entry, (entry_doc.file if entry else REPORT_FILE, prefix),
            entry_doc if entry else None)


def _bundle_concept(data: dict, doc: YamlDocument, path: Path | None):
    """The bundle's own concept: `koncept:` as a mapping in rapport.yaml, or koncept.yaml beside
    it; (None, None, ()) when the report names a packaged concept only."""
    inline = data.get("koncept")
    file = path / CONCEPT_FILE if path is not None else None
    if file is not None and present(file):
        if isinstance(inline, dict):
            raise input_error(doc.file, "koncept", f"konceptet står både her og i {CONCEPT_FILE}; "
                              "skriv det ét sted", line=doc.locate(("koncept",)))
        concept_doc = read_yaml(file, CONCEPT_FILE)
        raw = concept_doc.data if concept_doc.data is not None else {}
        if isinstance(raw, dict) and "extends" not in raw and isinstance(inline, str):
            raw = {**raw, "extends": inline}  # koncept: in rapport.yaml names the parent
        entry = validate(BundleConcept, raw, concept_doc)
        if isinstance(inline, str) and inline != entry.extends:
            raise input_error(doc.file, "koncept",
                              f"'{inline}' passer ikke med {CONCEPT_FILE}, der bygger på "
                              f"'{entry.extends}' (extends); fjern koncept: her eller ret den",
                              line=doc.locate(("koncept",)))
        return entry, concept_doc, ()
    if isinstance(inline, dict):
        return validate(BundleConcept, inline, doc, ("koncept",)), doc, ("koncept",)
    return None, None, ()


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


def _check_concept(report: Any, doc: YamlDocument, where: tuple) -> catalogues.Concept:
    """The packaged concept `koncept:` (or a bundle concept's `extends`) names."""
    known = catalogues.concepts()
    concept = known.get(report.koncept)
    if concept is None or concept.dokument != report.dokument:
        names = [c.id for c in known.values() if c.dokument == report.dokument]
        raise input_error(doc.file, dotted(where),
                          f"ukendt koncept '{report.koncept}'; kendte: {', '.join(names)}"
                          f"{suggest(report.koncept, names)}", line=doc.locate(where))
    return concept


def _check_themes(report: Any, concept: catalogues.Concept, doc: YamlDocument) -> None:
    """Every key of `temaer:` is a theme of the concept's chapters."""
    allowed = concept.theme_ids
    problems = []
    for key in getattr(report, "temaer", {}):
        if key in allowed:
            continue
        if key in concept.themes:  # a bundle's concept left the theme out of its chapters
            message = ("temaet står ikke i nogen af konceptets kapitler; sæt det under temaer: i "
                       "et kapitel i koncept:, eller fjern teksten")
        else:
            message = (f"ukendt tema{suggest(key, allowed)} (kendte temaer: "
                       f"{', '.join(allowed)})")
        file, line = textfiles.where(doc, ("temaer", key))
        problems.append(Problem(file, f"temaer.{key}", message, line))
    if problems:
        raise InputError(problems)

"""tools/rebuild.py: when a report cannot be rebuilt from its own PDF (regenerate, verify)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from taskforce_report.output.archive import COURSE_PREFIX
from taskforce_report.tools.rebuild import shares_course_data

REPORT = Path("ud/statusrapport.pdf")
COURSE = {"forloeb": {"mappe": "randers-forloeb", "dokument": "status-1"}}


def embedded(manifest: dict, files: tuple[str, ...] = ("rapport.yaml",)) -> SimpleNamespace:
    return SimpleNamespace(manifest=manifest, files={name: b"" for name in files})


def test_a_course_document_without_its_course_files_points_to_the_course_folder():
    """Made before a course's PDFs carried the course's files: its baseline and audit log
    stayed in the course's folders, so the user is told which folder to build from."""
    message = shares_course_data(REPORT, embedded(COURSE), "regenerate")
    assert message == (
        "ud/statusrapport.pdf: rapporten er et dokument i forløbet randers-forloeb og deler "
        "data med forløbets andre dokumenter (baselinemåling, ledelsestilsyn, anbefalinger), "
        "som ikke ligger i PDF'en; brug forløbets mappe: taskforce-report build "
        "randers-forloeb/status-1")
    assert shares_course_data(REPORT, embedded(COURSE), "verify").endswith(
        "taskforce-report verify ud/statusrapport.pdf randers-forloeb/status-1")


def test_a_lone_document_or_one_carrying_its_course_rebuilds_from_its_pdf():
    assert shares_course_data(REPORT, embedded({}), "verify") is None
    carried = embedded(COURSE, ("rapport.yaml", f"{COURSE_PREFIX}forloeb.yaml"))
    assert shares_course_data(REPORT, carried, "regenerate") is None

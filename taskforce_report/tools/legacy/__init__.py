"""`taskforce-report import-legacy`: an older analysis report, as text extracted from its PDF,
read back into a bundle.

The text comes as a PDF viewer's transcript gives it: one chunk per page, each starting with the
page number ("14 beskrevet, …") and ending with a page marker ("14/72"), headings run into the
text ("3.1 Politik og strategi Politik og strategi har fokus …"), and bullet lists run together
into one paragraph ("Styrker Der er en opdateret … Der har været bred …").

The parser is pure functions, text → data: `read_pages` undoes the page chunks, `split_items`
turns a run of sentences back into list items, `parse` finds the report's standard headings and
places what stands under them. It never writes what the source does not say: a field it cannot
find stays empty, and the import report (`import-rapport.md`) says so, lists what it assumed,
and lists every span of the source it did not place, with its page.
"""


from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from taskforce_report.load.bundle import IMPORT_REPORT_FILE  # embedded in the PDF with the bundle
from taskforce_report.tools.legacy.bundlefile import bundle_yaml
from taskforce_report.tools.legacy.importreport import import_report_md
from taskforce_report.tools.legacy.model import LegacyReport
from taskforce_report.tools.legacy.parts import parse

REPORT_FILE = "rapport.yaml"


@dataclass(frozen=True)
class ImportResult:
    report: LegacyReport
    written: tuple[Path, ...]


def import_legacy(source_path: Path, bundle: Path) -> ImportResult:
    """Reads SOURCE_PATH, writes BUNDLE/rapport.yaml and BUNDLE/import-rapport.md."""
    from taskforce_report.core.errors import input_error
    from taskforce_report.output.pdf import write_atomic

    source_path, bundle = Path(source_path), Path(bundle)
    target = bundle / REPORT_FILE
    if target.exists():
        raise input_error(str(target), "", "findes allerede; vælg en ny mappe til det "
                          "importerede bundt")
    if bundle.exists() and not bundle.is_dir():
        raise input_error(str(bundle), "", "findes og er ikke en mappe")
    from taskforce_report.core.safeio import read_input

    # a file named on the command line: a link is followed, a FIFO or a device refused
    raw = read_input(source_path, str(source_path), follow=True)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise input_error(str(source_path), f"byte {exc.start}",
                          "filen er ikke UTF-8; gem teksten som UTF-8") from None
    report = parse(text)
    if not (report.temaer or report.resume or report.anbefalinger):
        raise input_error(str(source_path), "", "genkender ikke en analyserapport: hverken "
                          "temaer, resume eller anbefalinger blev fundet")
    name = source_path.name
    notes_path = bundle / IMPORT_REPORT_FILE
    write_atomic(notes_path, import_report_md(report, name))
    write_atomic(target, bundle_yaml(report, name))
    return ImportResult(report, (target, notes_path))

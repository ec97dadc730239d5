"""`taskforce-report import-docx DRAFT.docx -o BUNDLE`: the consultants' Word draft read into a
bundle's texts (Markdown files in tekster/, textfiles.py).

The draft is written the way the consultants write: a heading per theme or pejlemærke, under
it headings for Præsentation, Analyse, Styrker, Udfordringer and Anbefalinger, the lists as
bullet or numbered lists, sent round with track changes and comments. Word's structure is
read, not guessed: heading styles (Heading 1–3, or the Danish "Overskrift 1–3"), list styles
and list numbering, bold and italic, tables. Themes are found by their names (a near miss is
taken with a note), sections by their headings.

It never invents content: what it cannot place is listed in `import-rapport.md` with the
heading it stood under, as `import-legacy` does; comments are listed there too, never imported
as text; tracked changes are refused unless the user accepts them (`--accepter-aendringer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from taskforce_report import catalogues
from taskforce_report.core.errors import input_error
from taskforce_report.tools.docximport.draft import blocks, comments, open_draft, tracked_changes
from taskforce_report.tools.docximport.placing import Imported, place, theme_names
from taskforce_report.tools.docximport.writing import bundle_yaml, import_report, text_files

IMPORT_REPORT_FILE = "import-rapport.md"


@dataclass(frozen=True)
class ImportResult:
    result: Imported
    written: tuple[Path, ...]


def import_docx(source: Path, bundle: Path, accept_changes: bool = False,
                koncept: str | None = None) -> ImportResult:
    from taskforce_report.core.safeio import present, write_output

    source, bundle = Path(source), Path(bundle)
    target = bundle / "rapport.yaml"
    if present(target):
        raise input_error(str(target), "", "findes allerede; vælg en ny mappe til det "
                          "importerede bundt")
    if koncept is not None and koncept not in ("klassisk", "pejlemaerker"):
        raise input_error("--koncept", "", f"ukendt koncept '{koncept}'; kendte: klassisk, "
                          "pejlemaerker")
    document = open_draft(source)
    changes = tracked_changes(document.element.body)
    if sum(changes) and not accept_changes:
        raise input_error(str(source), "", f"udkastet har {sum(changes)} sporede ændringer "
                          f"({changes[0]} indsættelser, {changes[1]} sletninger); acceptér "
                          "eller afvis dem i Word, eller importér med --accepter-aendringer "
                          "for at tage dem alle som accepteret")
    items = blocks(document)
    if not any(b.kind == "heading" for b in items):
        raise input_error(str(source), "", "udkastet har ingen overskrifter; forventede "
                          "temaernes navne i typografien Overskrift 1, 2 eller 3 (Heading 1–3)")
    result = place(items, koncept)
    result.changes = changes if accept_changes else (0, 0)
    result.comments = comments(document)
    if not result.themes and not result.document:
        names = ", ".join(n[0] for n in theme_names(
            catalogues.concepts()[result.koncept]).values())
        raise input_error(str(source), "", "ingen overskrift i udkastet er et tema eller et "
                          f"afsnit, der kendes (kendte temaer: {names})")
    files = text_files(result)
    written = [write_output(bundle / name, text, bundle) for name, text in files.items()]
    written.append(write_output(bundle / IMPORT_REPORT_FILE, import_report(result, source.name),
                                bundle))
    written.append(write_output(target, bundle_yaml(result, source.name), bundle))
    return ImportResult(result, tuple(written))

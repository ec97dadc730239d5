"""The personal-data guard: run before rendering, so a CPR number, an e-mail address, a phone
number or a name the bundle lists under `skjul` never reaches a published document.

It looks at every text of the report (rapport.yaml and the other YAML files) and every cell of
the tables, and names the file and place of each find. The input files also travel inside the
PDF (archive.py), so it reads them as they will be published too: a comment in a YAML file, a
sheet of data.xlsx that no table uses, the workbook's author fields, the text of an SVG logo.
The one thing published differently is the `skjul` list itself: its names are left out of the
embedded rapport.yaml (`published_files`). `--allow-personal-data` turns the refusal into a
warning, for internal drafts.

One narrow exemption: an application for a course (dokument: ansoegning) prints the phone
numbers and e-mail addresses of its director and contact person, as Socialstyrelsen's form asks,
and the municipality's CVR number. Exactly those values (`Application.published_contacts`) are
let through, wherever in the bundle they stand; any other e-mail or phone number is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from taskforce_report.bundle import REPORT_FILE, input_files
from taskforce_report.errors import Problem
from taskforce_report.safeio import present
from taskforce_report.workbook import WORKBOOK
from taskforce_report.yamlfile import decode, read_yaml

_CPR = re.compile(r"(?<![\d.,])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d.,])")
# The lookbehind starts a match only where a run of address characters starts: without it, a
# long run with no @ (a 100 KB cell of letters) is scanned once from every position, O(n²).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Danish phone numbers: 8 digits, alone or in pairs/fours, optionally after +45 or 0045.
_PHONE = re.compile(r"(?<![\w.,-])(?:(?:\+|00)45 ?)?(?:\d{2} ?){3}\d{2}(?![\w,-]|\.\d)")

# Columns that hold numbers, years or months: a value there is never a phone number.
_NUMERIC_COLUMNS = {"vaerdi", "aar", "runde", "sager", "antal", "maaned"}


def _plausible_cpr(match: re.Match) -> bool:
    day, month, year = (int(g) for g in match.groups()[:3])
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def mask(text: str) -> str:
    """`text` with every plausible CPR number shown as its date part only: an error message
    may quote a wrong cell, and it must not spread the number either."""
    return _CPR.sub(lambda m: f"{m.group(0)[:6]}-XXXX" if _plausible_cpr(m) else m.group(0),
                    text)


def _phone_key(text: str) -> str:
    """A phone number as compared with an allowed one: its 8 digits, without +45 or 0045."""
    digits = re.sub(r"\D", "", text)
    return digits[-8:] if len(digits) > 8 and digits[:-8] in ("45", "0045") else digits


def allowed_values(report: Any) -> frozenset[str]:
    """The e-mail addresses (lower case) and phone numbers (8 digits) the document may print:
    an application's contacts and CVR number; nothing for any other document."""
    contacts = getattr(report, "published_contacts", None)
    if contacts is None:
        return frozenset()
    return frozenset(v.casefold() if "@" in v else _phone_key(v) for v in contacts())


def findings(text: str, hidden: list[str], allowed: frozenset[str] = frozenset()) -> list[str]:
    """What in `text` looks like personal data, described in Danish. `allowed`: the values
    `allowed_values` lets through."""
    found = []
    for match in _CPR.finditer(text):
        if _plausible_cpr(match):
            # the message itself must not spread the number: only its date part is shown
            found.append(f"ligner et CPR-nummer ('{match.group(0)[:6]}-XXXX')")
    cpr_spans = [m.span() for m in _CPR.finditer(text) if _plausible_cpr(m)]
    for match in _EMAIL.finditer(text):
        if match.group(0).casefold() in allowed:
            continue
        found.append(f"indeholder en e-mailadresse ('{match.group(0)}')")
    for match in _PHONE.finditer(text):
        inside_cpr = any(a <= match.start() < b for a, b in cpr_spans)
        if _phone_key(match.group(0)) in allowed:
            continue
        if not inside_cpr and len(re.sub(r"\D", "", match.group(0))) in (8, 10, 12):
            found.append(f"ligner et telefonnummer ('{match.group(0).strip()}')")
    lowered = text.casefold()
    for name in hidden:
        if name and re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", lowered):
            found.append(f"nævner '{name}', som bundtet har under skjul")
    return found


def _walk(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path + (str(key),), str(key)
            yield from _walk(item, path + (str(key),))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def check(bundle) -> list[Problem]:
    """Every find in the bundle, as problems naming file and place."""
    report = bundle.report
    hidden = [str(name) for name in getattr(report, "skjul", []) or []]
    allowed = allowed_values(report)
    problems: list[Problem] = []
    seen: set[tuple] = set()
    doc = getattr(bundle, "report_doc", None)
    for path, text in _walk(report, ()):
        if path and path[0] == "skjul":
            continue
        for finding in findings(text, hidden, allowed):
            key = ("rapport.yaml", path, finding)
            if key not in seen:
                seen.add(key)
                # a text from tekster/*.md is named by its file and line
                file, line = doc.where(path) if doc is not None else ("rapport.yaml", "")
                problems.append(Problem(file, _dotted(path), finding,
                                        line if file != "rapport.yaml" else ""))
    entry = getattr(bundle, "concept_entry", None)
    if entry is not None:  # a bundle's own concept: its titles and free texts are printed
        file, prefix = bundle.concept_place
        for path, text in _walk(entry, tuple(prefix)):
            for finding in findings(text, hidden, allowed):
                problems.append(Problem(file, _dotted(path), finding))
    interviews = getattr(bundle, "interviews", None)
    if interviews is not None:
        for path, text in _walk(interviews, ()):
            for finding in findings(text, hidden, allowed):
                problems.append(Problem("interviews.yaml", _dotted(path), finding))
    # the criteria, questions and indicators a bundle adds are printed too (tables, sentences,
    # chart titles)
    for file, key in (("kriterier.yaml", "kriterier"), ("spoergsmaal.yaml", "spoergsmaal")):
        for path, text in _walk(list(getattr(bundle, key, ()) or ()), (key,)):
            for finding in findings(text, hidden, allowed):
                problems.append(Problem(file, _dotted(path), finding))
    indicators = Path(getattr(bundle, "path", "")) / "indikatorer.yaml"
    if getattr(bundle, "path", None) is not None and present(indicators):
        for path, text in _walk(read_yaml(indicators, "indikatorer.yaml").data, ()):
            for finding in findings(text, hidden, allowed):
                problems.append(Problem("indikatorer.yaml", _dotted(path), finding))
    for table in bundle.tables.values():
        frame = table.frame
        for column in frame.columns:
            if column in _NUMERIC_COLUMNS:
                continue
            for row, text in frame[column].items():
                if not text:
                    continue
                for finding in findings(text, hidden, allowed):
                    problems.append(table.problem(int(row), column, finding))
    if getattr(bundle, "path", None) is not None:
        problems += _published_problems(published_files(bundle), hidden, problems, allowed)
    return problems


def published_files(bundle) -> dict[str, bytes]:
    """The input files as the PDF carries them (bundle.input_files), by their path in the
    bundle: their bytes as they are, but for rapport.yaml's `skjul` list, which is emptied so
    that the names it hides are not published with it."""
    from taskforce_report.safeio import read_input

    files = {name: read_input(bundle.path / name, name, root=bundle.path)
             for name in input_files(bundle)}
    doc = getattr(bundle, "report_doc", None)
    if REPORT_FILE in files and doc is not None:
        files[REPORT_FILE] = _without_hidden(files[REPORT_FILE], doc)
    return files


def _without_hidden(raw: bytes, doc) -> bytes:
    """rapport.yaml with the items of its `skjul` list replaced by `[]`, and nothing else
    changed: the report builds the same from it, and the guard has already done its work."""
    import yaml

    root = doc.root
    node = next((value for key, value in getattr(root, "value", ())
                 if isinstance(root, yaml.MappingNode) and key.value == "skjul"), None)
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        return raw
    text = decode(raw, REPORT_FILE)  # the text the marks count in
    end = node.end_mark.index if node.flow_style else node.value[-1].end_mark.index
    return (text[:node.start_mark.index] + "[]" + text[end:]).encode("utf-8")


def _published_problems(files: dict[str, bytes], hidden: list[str], found: list[Problem],
                        allowed: frozenset[str] = frozenset()) -> list[Problem]:
    """What the files say beyond the texts already checked: comments, unused sheets and cells,
    document properties. A find already reported for the file is not reported again."""
    reported = {(p.file, p.message) for p in found}
    reported |= {(p.file, p.place.lower(), p.message) for p in found}
    problems = []
    for name, raw in files.items():
        if name.lower().endswith((".yaml", ".svg")):
            text = decode(raw, name) if name.endswith(".yaml") else raw.decode("utf-8", "replace")
            for number, line in enumerate(text.splitlines(), start=1):
                for finding in findings(line, hidden, allowed):
                    if (name, finding) not in reported:
                        reported.add((name, finding))
                        problems.append(Problem(name, "", finding, line=f"linje {number}"))
        elif name == WORKBOOK:
            for place, text in _workbook_texts(raw):
                for finding in findings(text, hidden, allowed):
                    if (name, place.lower(), finding) not in reported:
                        reported.add((name, place.lower(), finding))
                        problems.append(Problem(name, place, finding))
    return problems


# The workbook's document properties, by their names in Excel's Danish "Egenskaber".
_PROPERTIES = {"creator": "forfatter", "lastModifiedBy": "senest gemt af", "title": "titel",
               "subject": "emne", "description": "kommentarer", "keywords": "nøgleord",
               "category": "kategori"}


def _workbook_texts(raw: bytes) -> Iterator[tuple[str, str]]:
    """Every text data.xlsx carries, by its place: the text cells of every sheet (those no
    table reads too) and the document properties."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw), read_only=True)
    try:
        for field, label in _PROPERTIES.items():
            value = getattr(book.properties, field, None)
            if isinstance(value, str) and value.strip():
                yield f"dokumentegenskaben '{label}'", value
        for sheet in book.worksheets:
            # the cells the file holds, not the dimension it declares: a stray cell in XFD1048576
            # must not make 17 billion empty ones
            sheet.reset_dimensions()
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value:
                        yield f"{sheet.title}!{cell.coordinate}", cell.value
    finally:
        book.close()

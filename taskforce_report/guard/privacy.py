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

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from taskforce_report.core.errors import Problem
from taskforce_report.core.redact import NUMERIC_COLUMNS, allowed_values, findings
from taskforce_report.load.bundle import REPORT_FILE, input_files
from taskforce_report.load.indicators import INDICATORS_FILE
from taskforce_report.load.workbook import WORKBOOK
from taskforce_report.load.yamlfile import decode


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


def check(bundle, published: dict[str, bytes] | None = None) -> list[Problem]:
    """Every find in the bundle, as problems naming file and place. `published`: the bundle's
    files as the PDF will carry them (published_files), when the caller has read them already,
    so the guard checks the very bytes that travel."""
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
    # the bundle's indikatorer.yaml as the loader read it (load/indicators.py), every text of
    # it, not only what the catalogue keeps
    indicators = getattr(getattr(bundle, "indicators", None), "bundle_file", None)
    if indicators is not None:
        for path, text in _walk(indicators.data, ()):
            for finding in findings(text, hidden, allowed):
                problems.append(Problem(INDICATORS_FILE, _dotted(path), finding))
    for table in bundle.tables.values():
        problems += table_problems(table, hidden, allowed)
    if getattr(bundle, "path", None) is not None:
        files = published if published is not None else published_files(bundle)
        problems += _published_problems(files, hidden, problems, allowed)
    return problems


def table_problems(table, hidden: list[str], allowed: frozenset[str]) -> list[Problem]:
    """Every find in the text cells of one table, named by file, row and column."""
    problems = []
    frame = table.frame
    for column in frame.columns:
        if column in NUMERIC_COLUMNS:
            continue
        for row, text in frame[column].items():
            if not text:
                continue
            for finding in findings(text, hidden, allowed):
                problems.append(table.problem(int(row), column, finding))
    return problems


def without_hidden(raw: bytes, doc) -> bytes:
    """_without_hidden, for a course's document that travels as its rapport.yaml alone."""
    return _without_hidden(raw, doc)


def published_problems(files: dict[str, bytes], hidden: list[str], found: list[Problem],
                       allowed: frozenset[str] = frozenset()) -> list[Problem]:
    """_published_problems, for the course's files (coursefiles.py)."""
    return _published_problems(files, hidden, found, allowed)


def published_files(bundle) -> dict[str, bytes]:
    """The input files as the PDF carries them (bundle.input_files), by their path in the
    bundle: their bytes as they are, but for rapport.yaml's `skjul` list, which is emptied so
    that the names it hides are not published with it."""
    from taskforce_report.core.safeio import read_input

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
    """What the files say beyond the texts already checked, read as a reader's program reads
    them: comments, the logo's every text node in any encoding, every part of the workbook's
    zip (unused sheets and cells, sheet names, headers and footers, document properties, files
    that are no part of a workbook). A find already reported for the file is not reported
    again."""
    reported = {(p.file, p.message) for p in found}
    reported |= {(p.file, p.place.lower(), p.message) for p in found}
    problems = []

    def add(name: str, place: str, text: str, line: str = "") -> None:
        for finding in findings(text, hidden, allowed):
            key = (name, place.lower(), finding) if place else (name, finding)
            if key not in reported and (name, finding) not in reported:
                reported.add(key)
                problems.append(Problem(name, place, finding, line=line))

    for name, raw in files.items():
        lower = name.lower()
        if lower.endswith((".yaml", ".md")):
            text = decode(raw, name)
            for number, line in enumerate(text.splitlines(), start=1):
                add(name, "", line, line=f"linje {number}")
        elif lower.endswith(".svg"):
            from taskforce_report.core.svgtext import svg_texts

            for text in svg_texts(raw):
                add(name, "", text)
        elif name == WORKBOOK:
            for place, text in _workbook_texts(raw):
                add(name, place, text)
            for place, text in _zip_texts(raw):
                add(name, place, text)
    return problems


# Bounds on reading the workbook's parts again (read_workbook has checked the whole zip).
_MAX_PART = 50_000_000


def _zip_texts(raw: bytes) -> Iterator[tuple[str, str]]:
    """Every text of every part of the workbook's zip, by its part name: the text of each XML
    element (rich-text runs joined) and its attribute values; from any other part, its text in
    UTF-16 or UTF-8 if it is one, else its runs of printable characters."""
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        for info in archive.infolist():
            if info.is_dir() or info.file_size > _MAX_PART:
                continue
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
                continue
            place = f"delen {info.filename}"
            cleaned = data.replace(b"\x00", b"")
            if b"<!ENTITY" in cleaned.upper():
                yield place, data.decode("utf-8", "replace")
                continue
            try:
                root = ET.fromstring(data)
            except (ET.ParseError, ValueError, LookupError):
                yield place, _plain_text(data)
                continue
            yield from ((place, text) for text in _xml_texts(root))


def _xml_texts(root) -> Iterator[str]:
    """Each element's own text and attribute values; a cell's stored number (<v>) is no text
    a reader sees as one, but a rich-text string (<si>, <is>) is joined across its runs."""
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        if tag in ("si", "is"):
            yield "".join(element.itertext())
        elif tag != "v" and element.text and element.text.strip():
            yield element.text
        yield from (value for key, value in element.attrib.items()
                    if key.rsplit("}", 1)[-1] in TEXT_ATTRIBUTES and value.strip())


# Attributes that hold words a reader's program shows (a sheet's name, a comment's author, a
# tooltip), not numbers of the format (colours, sizes, number formats, path data).
TEXT_ATTRIBUTES = frozenset({"name", "title", "tooltip", "display", "descr", "author", "label",
                             "aria-label", "alt", "description", "docname", "creator"})


def _plain_text(data: bytes) -> str:
    for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"", "utf-8")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    return "\n".join(run.decode("ascii") for run in re.findall(rb"[\x20-\x7e]{6,}", data))


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


# ---- the rendered document: what the reader gets ------------------------------------------

RENDERED = "det trykte dokument"
# Elements that flow within a line: their text joins the text around them with nothing
# between (`010203-<strong>1234</strong>` is printed as one number). Every other element is a
# block: its text is searched apart from its neighbours' (two table cells are two texts).
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
                     "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
                     "strong", "sub", "sup", "time", "u", "var", "wbr", "tspan", "font"})
_SKIPPED = frozenset({"style", "script", "template"})
# Attributes whose values a reader gets: alt texts, tooltips, the PDF's metadata (<meta
# content>), the running heads' data-*.
_SHOWN_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "content", "data-title",
                               "data-publisher", "summary", "label", "placeholder"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def rendered_blocks(html: str) -> list[tuple[str, str]]:
    """The text of the HTML as printed, block by block, each with the heading it stands under:
    Markdown already turned into markup, entities resolved, inline markup joined, `<br>` a
    space, attribute values a reader gets as blocks of their own."""
    from html.parser import HTMLParser

    blocks: list[tuple[str, str]] = []

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.text: list[str] = []
            self.heading = ""
            self.in_heading = False
            self.skipping = 0

        def flush(self):
            text = "".join(self.text)
            self.text = []
            if text.strip():
                if self.in_heading:
                    self.heading = " ".join(text.split())
                blocks.append((self.heading, text))

        def handle_starttag(self, tag, attrs):
            if tag in _SKIPPED:
                self.skipping += 1
                return
            if tag == "br":
                self.text.append(" ")
            elif tag not in _INLINE:
                self.flush()
                self.in_heading = tag in _HEADINGS
            for key, value in attrs:
                if key in _SHOWN_ATTRIBUTES and value and value.strip():
                    blocks.append((self.heading, value))

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)
            if tag in _SKIPPED:
                self.skipping -= 1

        def handle_endtag(self, tag):
            if tag in _SKIPPED:
                self.skipping = max(0, self.skipping - 1)
            elif tag not in _INLINE and tag != "br":
                self.flush()
                if tag in _HEADINGS:
                    self.in_heading = False

        def handle_data(self, data):
            if not self.skipping:
                self.text.append(data)

    reader = Reader()
    reader.feed(html)
    reader.close()
    reader.flush()
    return blocks


def _snippet(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + " …"


def check_rendered(html: str, report: Any) -> list[Problem]:
    """What the rendered document would print that the guard refuses, whatever the bundle's
    source looked like (Markdown emphasis or escapes inside a number, an entity, a soft hyphen,
    a full-width digit, a name split over two lines): each find with the heading it stands
    under and the text it stands in (masked)."""
    hidden = [str(name) for name in getattr(report, "skjul", []) or []]
    allowed = allowed_values(report)
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for heading, text in rendered_blocks(html):
        for finding in findings(text, hidden, allowed):
            if (heading, finding) in seen:
                continue
            seen.add((heading, finding))
            place = f"under overskriften '{_snippet(heading, 60)}'" if heading else "forsiden"
            problems.append(Problem(RENDERED, place, f"{finding}; i teksten "
                                    f"'{_snippet(text)}'"))
    return problems

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
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from taskforce_report.bundle import REPORT_FILE, input_files
from taskforce_report.errors import Problem
from taskforce_report.safeio import present
from taskforce_report.workbook import WORKBOOK
from taskforce_report.yamlfile import decode, read_yaml

# ---- what is looked for: on normalised text ------------------------------------------------
#
# Every text is normalised before it is searched, the way a reader sees it: NFKC (full-width
# digits and ＠ become ASCII), invisible characters (zero-width space, soft hyphen, joiners,
# bidi marks) dropped, every dash a hyphen, every kind of space one space, case folded. A line
# break is a space too; only the boundary between two blocks of the rendered document (two
# table cells, two paragraphs) is a newline, which none of the patterns crosses.

# CPR: ddmmyy-nnnn, with a hyphen, a slash, a space or nothing, the date part also in pairs.
_CPR = re.compile(r"(?<!\d)(?<!\d[.,])(\d{2})[ .]?(\d{2})[ .]?(\d{2}) ?[-/.]? ?(\d{4})"
                  r"(?!\d|[.,]\d)")
# The lookbehind starts a match only where a run of address characters starts: without it, a
# long run with no @ (a 100 KB cell of letters) is scanned once from every position, O(n²).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+ ?(?:@|\(at\)|\[at\]) ?[\w-]+(?:\.[\w-]+)+")
# Danish phone numbers: 8 digits, alone, in fours or in pairs (space, hyphen or dot between),
# optionally after +45 or 0045.
_PHONE = re.compile(r"(?<![\w.,+-])(?:(?:\+|00)45 ?)?"
                    r"(?:\d{8}|\d{4}[ .-]\d{4}|\d{2}[ .-]\d{2}[ .-]\d{2}[ .-]\d{2}"
                    r"|\d{2}[ .-]\d{2}[ .-]\d{4}|\d{4}[ .-]\d{2}[ .-]\d{2})"
                    r"(?![\w-]|[.,]\d)")
# What may follow or precede eight digits that are no phone number: an amount, a count, a
# case number (the false positives `12345678 kr.`, `10 12 14 16 sager`, `Sagsnr. 2021 0045`).
_UNIT_AFTER = re.compile(r" ?(?:kr\b|kr\.|kroner|dkk|mio|mia|%|pct|procent|sager|sag\b|børn|"
                         r"unge|familier|personer|borgere|ansatte|timer|dage|uger|måneder|år\b|"
                         r"stk|gange|underretninger|anbringelser|indbyggere)")
_NUMBER_BEFORE = re.compile(r"(?:nr|nummer|sagsnummer|journalnummer|id|kode|version|cvr)\.?:? ?$")

# Columns that hold numbers, years or months: a value there is never a phone number.
_NUMERIC_COLUMNS = {"vaerdi", "aar", "runde", "sager", "antal", "maaned"}


@cache
def _tables() -> tuple[dict[int, str | None], re.Pattern]:
    """The translation every text gets after NFKC: invisible characters (Unicode's format
    characters, the soft hyphen among them) dropped, dashes and minus signs made hyphens.
    Scanned once from Unicode's categories (the planes that have such characters)."""
    import unicodedata

    table: dict[int, str | None] = {}
    planes = [*range(0x10000), *range(0x11000, 0x11100), *range(0x1BC00, 0x1BCB0),
              *range(0x1D100, 0x1D200), *range(0xE0000, 0xE0080)]
    for code in planes:
        category = unicodedata.category(chr(code))
        if category in ("Cf", "Mn", "Me"):  # invisible, or a mark over a digit (0̲1̲)
            table[code] = None
        elif category == "Pd" or code in (0x2212, 0x2043, 0xFE63, 0xFF0D):
            table[code] = "-"
    spaces = re.compile(r"[^\S\n]+|[\x00-\x08\x0e-\x1f\x7f-\x9f]+")
    return table, spaces


def normalise(text: str) -> str:
    """`text` as the guard searches it (see above); a newline survives as a block boundary."""
    import unicodedata

    table, spaces = _tables()
    text = unicodedata.normalize("NFKC", text).translate(table)
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    text = spaces.sub(" ", text).casefold()
    # Markdown's marks left standing between digits (`00**-1234**` where they are no
    # emphasis) are printed, but read past
    return _MARKS.sub("", text) if "*" in text or "_" in text or "`" in text or "~" in text \
        else text


_MARKS = re.compile(r"(?<=[\d/ -])[*_~`]+(?=[\d/ -])|(?<=\d)[*_~`]+|[*_~`]+(?=\d)")


def normalise_blocks(text: str) -> str:
    """As `normalise`, but a newline stays: the boundary between two blocks of a document."""
    return "\n".join(normalise(block) for block in text.split("\n"))


def _plausible_cpr(match: re.Match) -> bool:
    day, month, year = (int(g) for g in match.groups()[:3])
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def _is_year(digits: str) -> bool:
    return 1900 <= int(digits) <= 2099


def _is_date(groups: list[str]) -> bool:
    """dd mm yyyy or yyyy mm dd, a real date in 1900–2099."""
    day, month, year = (groups if len(groups[2]) == 4 else groups[::-1])
    if len(year) != 4 or not _is_year(year):
        return False
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _plausible_phone(match: re.Match, text: str) -> bool:
    """Eight digits that are no phone number: two years (`2018 2019`, `2018-2019`), a case
    number (`Sagsnr. 2021 0045`), an amount or a count (`12345678 kr.`, `10 12 14 16 sager`),
    two times of day (`08 00 16 00`)."""
    number = match.group(0)
    digits = re.sub(r"\D", "", number)[-8:]
    groups = re.findall(r"\d+", number.removeprefix("+45").removeprefix("0045"))
    if len(groups) == 2 and _is_year(groups[0]) and _is_year(groups[1]):
        return False
    if len(groups) == 3 and _is_date(groups):  # 12.03.2015, 2015-11-12
        return False
    if _NUMBER_BEFORE.search(text[max(0, match.start() - 20):match.start()]):
        return False
    if _UNIT_AFTER.match(text, match.end()):
        return False
    if len(groups) == 4 and int(groups[0]) <= 23 and int(groups[2]) <= 23 \
            and groups[1] in ("00", "15", "30", "45") and groups[3] in ("00", "15", "30", "45"):
        return False
    return len(digits) == 8


def _cpr_shown(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return f"{digits[:6]}-XXXX"


def _phone_shown(number: str) -> str:
    """The number with its last four digits masked: `12 34 XX XX`."""
    digits = [i for i, c in enumerate(number) if c.isdigit()][-4:]
    return "".join("X" if i in digits else c for i, c in enumerate(number))


def _email_shown(address: str) -> str:
    local, _, domain = re.split(r" ?(@|\(at\)|\[at\]) ?", address, maxsplit=1)
    return f"{local[:1]}…@{domain}"


def _spans(text: str) -> list[tuple[int, int, str]]:
    """What the guard would refuse in normalised `text`: (start, end, masked form)."""
    spans = [(m.start(), m.end(), _cpr_shown(m.group(0)))
             for m in _CPR.finditer(text) if _plausible_cpr(m)]
    spans += [(m.start(), m.end(), _email_shown(m.group(0))) for m in _EMAIL.finditer(text)]
    spans += [(m.start(), m.end(), _phone_shown(m.group(0)))
              for m in _PHONE.finditer(text) if _plausible_phone(m, text)]
    return spans


_EXAMPLES = frozenset({"12 34 56 78", "navn@kommune.dk"})


def mask(text: str) -> str:
    """`text` with everything the guard would refuse masked, however it is written: a CPR
    number as its date part, a phone number without its last four digits, an e-mail address
    without its local part. An error message may quote a wrong cell; it must not spread what
    the cell holds."""
    import unicodedata

    table, _ = _tables()
    # normalised character by character, so that each position maps back to the original
    pieces: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        norm = unicodedata.normalize("NFKC", char).translate(table)
        if not norm or norm in "*_~`":  # read past, as normalise does between digits
            continue
        norm = " " if norm.isspace() else norm.casefold()
        if norm == " " and pieces and pieces[-1][1] == " ":
            continue
        pieces += [(index, c) for c in norm]
    flat = "".join(c for _, c in pieces)
    # the tool's own examples in its messages ("fx 12 34 56 78") are no one's data
    spans = sorted(span for span in _spans(flat) if flat[span[0]:span[1]] not in _EXAMPLES)
    if not spans:
        return text
    out, last = [], 0
    for start, end, shown in spans:
        begin, stop = pieces[start][0], pieces[end - 1][0] + 1
        if begin < last:
            continue  # overlapping finds: the first masked is enough
        out += [text[last:begin], shown]
        last = stop
    out.append(text[last:])
    return "".join(out)


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
    return frozenset(normalise(v) if "@" in v else _phone_key(v) for v in contacts())


@cache
def _name_pattern(name: str) -> re.Pattern | None:
    """A hidden name as it may be printed: its parts separated by spaces, hyphens or a line
    break, in its own order or surname first (`Holm, Mikkel`), with a possessive s (`Mikkel
    Holms`, `Jens'`)."""
    parts = [p for p in re.split(r"[ -]+", normalise(name)) if p]
    if not parts:
        return None
    between = r"[ ,-]*"  # nothing too: `Mikkel&shy;Holm` prints as one word
    forward = between.join(re.escape(p) for p in parts)
    options = [forward]
    if len(parts) > 1:
        options.append(re.escape(parts[-1]) + between + between.join(re.escape(p)
                                                                     for p in parts[:-1]))
    return re.compile(rf"(?<!\w)(?:{'|'.join(options)})(?:'s|s|')?(?!\w)")


def findings(text: str, hidden: list[str], allowed: frozenset[str] = frozenset(),
             blocks: bool = False) -> list[str]:
    """What in `text` looks like personal data, described in Danish. `allowed`: the values
    `allowed_values` lets through. `blocks`: a newline in `text` separates two blocks of a
    document, which no find spans."""
    text = normalise_blocks(text) if blocks else normalise(text)
    found = []
    cpr_spans = []
    for match in _CPR.finditer(text):
        if _plausible_cpr(match):
            cpr_spans.append(match.span())
            # the message itself must not spread the number: only its date part is shown
            found.append(f"ligner et CPR-nummer ('{_cpr_shown(match.group(0))}')")
    for match in _EMAIL.finditer(text):
        address = re.sub(r" ?(?:@|\(at\)|\[at\]) ?", "@", match.group(0))
        if address in allowed:
            continue
        found.append(f"indeholder en e-mailadresse ('{match.group(0)}')")
    for match in _PHONE.finditer(text):
        if any(a <= match.start() < b or a < match.end() <= b for a, b in cpr_spans):
            continue
        if _phone_key(match.group(0)) in allowed or not _plausible_phone(match, text):
            continue
        found.append(f"ligner et telefonnummer ('{match.group(0).strip()}')")
    for name in hidden:
        pattern = _name_pattern(name) if name else None
        if pattern is not None and pattern.search(text):
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
            from taskforce_report.svgtext import svg_texts

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

"""The bundle's data tables, read as Danish Excel writes them: `;` or `,` as separator, decimal
comma, UTF-8 with or without BOM, or Windows-1252.

A table is read as text, column by column, with the row number each value came from, so the
modules that check the values can say "sagsgennemgang.csv, række 14: ...". Turning text into
numbers, dates and vocabularies is theirs to do (see `keyfigures/`, `casereview_rows.py`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from taskforce_report.core.errors import InputError, Problem, input_error, suggest

_MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class TableSpec:
    name: str  # "noegletal": the file is noegletal.csv, the sheet is noegletal
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


@dataclass(frozen=True)
class Table:
    spec: TableSpec
    source: str  # the file name users see: "noegletal.csv"
    frame: pd.DataFrame  # text columns; index = row number in the file (header is row 1)
    notes: tuple[str, ...] = field(default_factory=tuple)
    columns_letter: dict[str, str] = field(default_factory=dict)  # Excel: column → letter

    def place(self, row: int, column: str | None = None) -> str:
        if self.columns_letter and column in self.columns_letter:
            return f"{self.columns_letter[column]}{row}"
        return f"række {row}" + (f", kolonne {column}" if column else "")

    def problem(self, row: int, column: str | None, message: str) -> Problem:
        """`sagsgennemgang.csv: række 14, kolonne vurdering: …` or, for a sheet of data.xlsx,
        `data.xlsx: sagsgennemgang!C14: …`."""
        if self.columns_letter:
            cell = self.place(row, column) if column else f"række {row}"
            return Problem(self.source, f"{self.spec.name}!{cell}", message)
        return Problem(self.source, self.place(row, column), message)

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """The rows as (row number, {column: text}), in file order."""
        # plain dicts: iterrows builds a Series per row, 20 times slower on 40.000 rows
        return zip(self.frame.index, self.frame.to_dict("records"), strict=True)


# The tables a bundle may hold, by name. Their columns are a contract with users' spreadsheets.
SPECS = {
    spec.name: spec
    for spec in (
        TableSpec("noegletal", ("indikator", "omraade", "aar", "vaerdi", "kilde"), ("note",)),
        TableSpec("sagsgennemgang", ("sag", "kriterium", "vurdering"),
                  ("runde", "kritik", "bemaerkning")),
        TableSpec("selvevaluering", ("tema", "spoergsmaal", "vurdering"),
                  ("respondent", "kommentar")),
        TableSpec("ledelsestilsyn", ("runde", "sag", "kriterium", "vurdering")),
        TableSpec("socialfaglig", ("sag", "dimension", "vurdering"), ("fund",)),
        # the application's case statistics (application.py): cases per team, notifications
        # per month
        TableSpec("sager", ("team", "sager")),
        TableSpec("underretninger", ("maaned", "antal")),
    )
}

# The tables each document reads: a bundle's other tables are an error (normalise.py), and the
# workbook `new` writes has a sheet for these only (workbook.py).
TABLES_OF: dict[str, tuple[str, ...]] = {
    "analyserapport": ("noegletal", "sagsgennemgang", "selvevaluering", "socialfaglig"),
    "taskforce-status": ("sagsgennemgang", "socialfaglig"),
    "statusrapport": ("ledelsestilsyn",),
    "ansoegning": ("sager", "underretninger"),
}


# Letters UTF-8 writes in two or three bytes (æøå, é, ½, §, –, ’, €): found beside bytes that are
# not UTF-8, they show a file saved partly in one encoding and partly in another.
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # not ESC: a cell may hold one
_UTF8_LETTERS = re.compile(rb"\xc3[\x80-\xbf]|\xc2[\xa0-\xbf]|\xe2\x80[\x90-\xbf]|\xe2\x82\xac")


def _decode(raw: bytes, file: str) -> tuple[str, tuple[str, ...]]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode-tekst"
        try:
            return raw.decode("utf-16"), ()
        except UnicodeDecodeError:
            raise input_error(file, "", "filen begynder som UTF-16, men er ikke gyldig UTF-16; "
                              "gem den som CSV (UTF-8)") from None
    if b"\x00" in raw:
        raise input_error(file, "", "filen indeholder binære data; forventede en CSV-fil")
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
    if _BINARY.search(raw):  # control characters no spreadsheet writes
        raise input_error(file, "", "filen indeholder binære data; forventede en CSV-fil")
    if _UTF8_LETTERS.search(raw):
        raise input_error(file, "", "filen blander UTF-8 og Windows-1252: linjen er ikke UTF-8, "
                          "men andre linjer er (eller filen er afkortet midt i et tegn); gem hele "
                          "filen som CSV (UTF-8)", line=f"linje {line}")
    text = raw.decode("cp1252", errors="replace")
    if "\ufffd" in text or "\x00" in text:
        raise input_error(file, "", "filen er hverken UTF-8 eller Windows-1252 tekst; "
                          "gem den som CSV (UTF-8)")
    return text, (f"{file}: læst som Windows-1252 (ikke UTF-8)",)


def _separator(header: str) -> str:
    """`;`, `,` or a tab (Excel's "Unicode-tekst"): the one the header has most of."""
    return max((";", ",", "\t"), key=header.count)


def _csv_error(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        limit = f"{csv.field_size_limit():,}".replace(",", ".")
        return f"en celle er længere end {limit} tegn; er et anførselstegn (\") ikke lukket?"
    return f"ugyldig CSV ({text})"


def read_csv(path: Path, spec: TableSpec) -> Table:
    file = path.name
    from taskforce_report.core.safeio import read_input, refuse_control

    raw = read_input(path, file, limit=_MAX_BYTES)  # never a link, a FIFO or a device
    text, notes = _decode(raw, file)
    refuse_control(text, file, "en tabel")  # a terminal escape, a bell: nothing a table needs
    if not text.strip():
        raise input_error(file, "", f"filen er tom; forventede en overskriftslinje med "
                          f"{', '.join(spec.required)}")
    first_line = text.lstrip().splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first_line))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise input_error(file, f"række {reader.line_num}", _csv_error(exc)) from None
    return frame_from_rows(rows, spec, file, notes)


def frame_from_rows(rows: list[list], spec: TableSpec, source: str,
                    notes: tuple[str, ...] = (), letters: bool = False) -> Table:
    """Rows of cells (the header first) → a Table, checking the header."""
    skipped = 0  # blank rows above the header: the row numbers still count them
    while skipped < len(rows) and not any(str(c).strip() for c in rows[skipped]):
        skipped += 1
    rows = rows[skipped:]
    if not rows:
        raise input_error(source, "", "ingen overskriftslinje")
    header_row = f"{spec.name}!række {skipped + 1}" if letters else f"række {skipped + 1}"
    header = [str(c).strip().lower() for c in rows[0]]
    known = list(spec.required + spec.optional)
    problems = []
    for column in header:
        if column and column not in known:
            problems.append(Problem(source, header_row,
                                    f"ukendt kolonne '{column}'{suggest(column, known)}; "
                                    f"kolonner: {', '.join(known)}"))
    for column in spec.required:
        if column not in header:
            problems.append(Problem(source, header_row, f"kolonnen '{column}' mangler; fandt "
                                    f"{', '.join(c for c in header if c) or 'ingen kolonner'}"))
    seen = set()
    for column in header:
        if column and column in seen:
            problems.append(Problem(source, header_row, f"kolonnen '{column}' står to gange"))
        seen.add(column)
    if problems:
        raise InputError(problems)
    width = len(header)
    unnamed = [i for i, column in enumerate(header) if not column]

    def where(number: int, i: int) -> str:
        if not letters:
            return f"række {number}"
        from openpyxl.utils import get_column_letter

        return f"{spec.name}!{get_column_letter(i + 1)}{number}"

    records, index = [], []
    for number, row in enumerate(rows[1:], start=skipped + 2):
        cells = ["" if c is None else str(c).strip() for c in row]
        if not any(cells):
            continue
        if len(cells) > width and any(cells[width:]):
            last = max(i for i, c in enumerate(cells) if c)
            raise input_error(source, where(number, last),
                              f"har {last + 1} felter, men overskriften har {width}")
        stray = next((i for i in unnamed if i < len(cells) and cells[i]), None)
        if stray is not None:
            raise input_error(source, where(number, stray),
                              f"en værdi i kolonne {stray + 1}, som ingen overskrift har; giv "
                              "kolonnen et navn (se docs/bundle-format.md), eller slet værdien")
        cells = (cells + [""] * width)[:width]
        records.append(cells)
        index.append(number)
    frame = pd.DataFrame(records, columns=header, index=pd.Index(index, name="række"), dtype=str)
    frame = frame[[c for c in header if c]]
    for column in spec.optional:
        if column not in frame.columns:
            frame[column] = ""
    column_letters = {}
    if letters:
        from openpyxl.utils import get_column_letter

        column_letters = {c: get_column_letter(i + 1) for i, c in enumerate(header) if c}
    return Table(spec, source, frame, notes, column_letters)


def parse_number(text: str) -> Decimal | None:
    """Danish or plain decimals: `1.234,5`, `1234,5`, `1234.5`, `42955,60`. Empty → None."""
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if value in ("", "..", "-", "–"):
        return None
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number

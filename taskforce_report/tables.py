"""The bundle's data tables, read as Danish Excel writes them: `;` or `,` as separator, decimal
comma, UTF-8 with or without BOM, or Windows-1252.

A table is read as text, column by column, with the row number each value came from, so the
modules that check the values can say "sagsgennemgang.csv, række 14: ...". Turning text into
numbers, dates and vocabularies is theirs to do (see `keyfigures.py`, `casereview.py`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from taskforce_report.errors import InputError, Problem, input_error
from taskforce_report.validation import suggest

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
    )
}


def _decode(raw: bytes, file: str) -> tuple[str, tuple[str, ...]]:
    try:
        return raw.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    if "\ufffd" in text or "\x00" in text:
        raise input_error(file, "", "filen er hverken UTF-8 eller Windows-1252 tekst; "
                          "gem den som CSV (UTF-8)")
    return text, (f"{file}: læst som Windows-1252 (ikke UTF-8)",)


def _separator(header: str) -> str:
    return ";" if header.count(";") >= header.count(",") else ","


def read_csv(path: Path, spec: TableSpec) -> Table:
    file = path.name
    raw = path.read_bytes()
    if len(raw) > _MAX_BYTES:
        raise input_error(file, "", f"filen er for stor ({len(raw):,} byte)")
    if b"\x00" in raw:
        raise input_error(file, "", "filen indeholder binære data; forventede en CSV-fil")
    text, notes = _decode(raw, file)
    if not text.strip():
        raise input_error(file, "", f"filen er tom; forventede en overskriftslinje med "
                          f"{', '.join(spec.required)}")
    first_line = text.lstrip().splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first_line))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise input_error(file, f"række {reader.line_num}", f"ugyldig CSV: {exc}") from None
    return frame_from_rows(rows, spec, file, notes)


def frame_from_rows(rows: list[list], spec: TableSpec, source: str,
                    notes: tuple[str, ...] = (), letters: bool = False) -> Table:
    """Rows of cells (the header first) → a Table, checking the header."""
    while rows and not any(str(c).strip() for c in rows[0]):
        rows = rows[1:]
    if not rows:
        raise input_error(source, "", "ingen overskriftslinje")
    header = [str(c).strip().lower() for c in rows[0]]
    known = list(spec.required + spec.optional)
    problems = []
    for column in header:
        if column and column not in known:
            problems.append(Problem(source, "række 1",
                                    f"ukendt kolonne '{column}'{suggest(column, known)}; "
                                    f"kolonner: {', '.join(known)}"))
    for column in spec.required:
        if column not in header:
            problems.append(Problem(source, "række 1", f"kolonnen '{column}' mangler; fandt "
                                    f"{', '.join(c for c in header if c) or 'ingen kolonner'}"))
    seen = set()
    for column in header:
        if column and column in seen:
            problems.append(Problem(source, "række 1", f"kolonnen '{column}' står to gange"))
        seen.add(column)
    if problems:
        raise InputError(problems)
    width = len(header)
    records, index = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = ["" if c is None else str(c).strip() for c in row]
        if not any(cells):
            continue
        if len(cells) > width and any(cells[width:]):
            raise input_error(source, f"række {number}",
                              f"har {len(cells)} felter, men overskriften har {width}")
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

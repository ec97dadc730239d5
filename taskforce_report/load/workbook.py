"""Excel: a bundle's `data.xlsx` holds the same tables as its CSV files, one sheet per table,
and `new` writes a template of it with drop-down lists for every closed vocabulary.

Cells Excel stores as numbers or dates are turned into the text the CSV would hold, so one set
of checks (in the modules that own each table) serves both; errors name the sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from taskforce_report import catalogues
from taskforce_report.core import language
from taskforce_report.core.errors import (
    InputError,
    Problem,
    input_error,
    raise_row_problems,
)
from taskforce_report.load.tables import SPECS, TABLES_OF, Table, frame_from_rows

WORKBOOK = "data.xlsx"

# The closed vocabularies, offered as drop-down lists in the template.
VURDERING = ["ja", "delvist", "nej", "ikke relevant"]
SELVEVALUERING = ["i høj grad", "i nogen grad", "i mindre grad", "slet ikke", "ved ikke"]
JA_NEJ = ["ja", "nej"]
RUNDE_SAGSGENNEMGANG = ["baseline", "status"]


def _cell_text(value, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        # an audit round and an application's month are months; Excel turns "2021-06" into
        # the 1st of June
        return day.strftime("%Y-%m") if column in ("runde", "maaned") else day.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Bounds for a workbook: what it may unpack to (a zip bomb stops here, not in memory), and how
# far down and across a sheet is read. Cells right of column BL are not read.
MAX_UNPACKED = 200_000_000
MAX_ROWS = 250_000
MAX_COLUMNS = 64
# What Excel shows in a cell whose formula failed; openpyxl gives it as the cell's text.
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!",
                          "#UNKNOWN!", "#CONNECT!", "#BUSY!"})


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _unreadable(reason: str) -> InputError:
    return input_error(WORKBOOK, "", f"kan ikke læses som Excel-projektmappe ({reason})")


def _check_archive(path: Path) -> tuple[bool, set[str]]:
    """The workbook is a zip that unpacks to at most MAX_UNPACKED bytes, counted while
    unpacking (a zip's own size fields may lie). Returns whether any sheet holds a formula, and
    the names of the sheets the workbook lists that are tables."""
    import zipfile
    import zlib

    total, formulas, listed = 0, False, set()
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                tail = b""
                with archive.open(info) as member:
                    while chunk := member.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_UNPACKED:
                            raise input_error(WORKBOOK, "", f"projektmappen fylder mere end "
                                              f"{_number(MAX_UNPACKED)} byte udpakket; det er "
                                              "ikke en almindelig projektmappe")
                        if info.filename.startswith("xl/worksheets/") and not formulas:
                            formulas = b"<f>" in tail + chunk or b"<f " in tail + chunk
                            tail = chunk[-3:]
                        if info.filename == "xl/workbook.xml":
                            names = re.findall(rb"<(?:\w+:)?sheet\b[^>]*\bname=\"([^\"]*)\"", chunk)
                            listed |= {n.decode("utf-8", "replace").strip().lower()
                                       for n in names} & set(SPECS)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            ValueError, RuntimeError) as exc:
        raise _unreadable(f"ikke en gyldig .xlsx-fil: {type(exc).__name__}") from None
    return formulas, listed


def _sheet_rows(sheet) -> list[list]:
    """The sheet's rows, MAX_COLUMNS wide, trailing empty cells left off; content below
    MAX_ROWS is an error, and a far-away stray cell costs no memory."""
    rows: list[list] = []
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True),
                                 start=1):
        empty = row.count(None) == len(row)
        if number > MAX_ROWS:
            if empty:
                continue
            raise input_error(WORKBOOK, f"{sheet.title}!række {number}",
                              f"arket har indhold i række {_number(number)}; højst "
                              f"{_number(MAX_ROWS)} rækker læses (er der en celle langt nede?)")
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _read_sheets(path: Path, data_only: bool) -> dict[str, list[list]]:
    """The rows of every sheet named like a table, read with openpyxl; any failure of the file
    (bad XML, a date Python cannot hold, a missing part) is an InputError."""
    import warnings

    from openpyxl import load_workbook

    found: dict[str, list[list]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles, dates it cannot read
        try:
            book = load_workbook(path, read_only=True, data_only=data_only)
        except Exception as exc:  # zipfile.BadZipFile, KeyError, XML errors from a broken file
            part = re.search(r"named '([^']+)'", str(exc)) if isinstance(exc, KeyError) else None
            raise _unreadable(f"delen {part.group(1)} mangler" if part else type(exc).__name__
                              ) from None
        try:
            for sheet in book.worksheets:
                name = str(sheet.title).strip().lower()
                if name not in SPECS:
                    continue
                try:
                    found[name] = _sheet_rows(sheet)
                except InputError:
                    raise
                except Exception as exc:
                    raise input_error(WORKBOOK, str(sheet.title), f"arket kan ikke læses "
                                      f"({type(exc).__name__}: {exc})") from None
        finally:
            book.close()
    return found


def _formula_problems(formulas: list[list], name: str, rows: list[list]) -> list[Problem]:
    """Cells with a formula but no stored result: a workbook written by a program, never
    opened and saved in Excel. Their value would silently read as empty."""
    from openpyxl.utils import get_column_letter

    problems = []
    for r, row in enumerate(formulas, start=1):
        for c, cell in enumerate(row):
            text = getattr(cell, "text", cell)  # an ArrayFormula holds its text
            stored = rows[r - 1][c] if r <= len(rows) and c < len(rows[r - 1]) else None
            if isinstance(text, str) and text.startswith("=") and stored is None:
                problems.append(Problem(WORKBOOK, f"{name}!{get_column_letter(c + 1)}{r}",
                                        f"cellen har formlen {text}, men intet gemt resultat; "
                                        "åbn og gem projektmappen i Excel, eller skriv værdien"))
    return problems


def read_workbook(path: Path) -> dict[str, Table]:
    import io

    from openpyxl.utils import get_column_letter

    from taskforce_report.core.safeio import read_input

    # read once, as a regular file inside the bundle (never a link, a FIFO or a device)
    raw = read_input(path, WORKBOOK, limit=MAX_UNPACKED // 4)
    has_formulas, listed = _check_archive(io.BytesIO(raw))
    sheets = _read_sheets(io.BytesIO(raw), data_only=True)
    lost = sorted(listed - set(sheets))
    if lost:
        raise input_error(WORKBOOK, lost[0], f"projektmappen nævner arket '{lost[0]}', men dets "
                          "indhold mangler i filen; den er beskadiget: gem den igen fra Excel")
    formulas = _read_sheets(io.BytesIO(raw), data_only=False) if has_formulas else {}
    tables = {}
    problems: list[Problem] = []
    for name, rows in sheets.items():
        spec = SPECS[name]
        if not any(c not in (None, "") for row in rows[1:] for c in row):
            continue  # an empty sheet of the template: the table is not used
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
                    problems.append(Problem(
                        WORKBOOK, f"{name}!{get_column_letter(c + 1)}{r}",
                        f"cellen viser Excel-fejlen {value.strip()}; ret formlen, eller skriv "
                        "værdien"))
        if name in formulas:
            problems += _formula_problems(formulas[name], name, rows)
        if problems:
            continue
        first = rows[0] if rows else []
        header = [str(c).strip().lower() if c is not None else "" for c in first]
        text_rows = [[str(c) if c is not None else "" for c in first]]
        for row in rows[1:]:
            text_rows.append([_cell_text(value, header[i] if i < len(header) else "")
                              for i, value in enumerate(row)])
        tables[spec.name] = frame_from_rows(text_rows, spec, WORKBOOK, letters=True)
    raise_row_problems(WORKBOOK, problems)
    return tables


def merge_tables(csv_tables: dict[str, Table], sheets: dict[str, Table]) -> dict[str, Table]:
    both = sorted(set(csv_tables) & set(sheets))
    if both:
        name = both[0]
        raise input_error(WORKBOOK, name, f"tabellen findes både som {name}.csv og som arket "
                          f"'{name}' i {WORKBOOK}; fjern den ene")
    return {**csv_tables, **sheets}


# ---- the template `new` writes ----

_COLUMN_HELP = {
    "indikator": "id fra indikatorkataloget",
    "omraade": "kommunen, en kommune i referencegruppen eller Hele landet",
    "aar": "årstal, fx 2014",
    "vaerdi": "tallet; decimalkomma er i orden",
    "kilde": "fx Danmarks Statistik",
    "note": "forbehold, der trykkes under figuren",
    "sag": "et pseudonym, aldrig et CPR-nummer",
    "kriterium": "id fra kriteriekataloget",
    "vurdering": "vælg fra listen",
    "runde": "baseline eller status (sagsgennemgang); ÅÅÅÅ-MM (ledelsestilsyn)",
    "kritik": "ja eller nej",
    "bemaerkning": "fri tekst",
    "tema": "tema-id",
    "spoergsmaal": "id fra spørgsmålskataloget",
    "respondent": "hvem der har svaret",
    "kommentar": "fri tekst",
    "dimension": "id fra dimensionskataloget (socialfaglig gennemgang)",
    "fund": "fri tekst: fundet i sagen",
    "team": "teamets navn (ansøgning)",
    "sager": "antal åbne sager i teamet",
    "maaned": "ÅÅÅÅ-MM, fx 2019-10",
    "antal": "antal underretninger i måneden",
}


def _catalogue_ids(name: str) -> list[str]:
    """Ids of a catalogue file (indikatorer.yaml, kriterier.yaml, spoergsmaal.yaml), if shipped."""
    import yaml

    path = catalogues.HERE / name
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    return [str(entry["id"]) for entry in data or [] if isinstance(entry, dict) and "id" in entry]


# The sheets each document reads, in the order the template lists them; a template holds
# only its document's (a status report reads nothing but the audit).
SHEETS = TABLES_OF
# the management audit's table (ledelsestilsyn): its rows are counted by round, and its
# criteria are the bundle's own (`ledelsestilsyn.kriterier`)
AUDIT_SHEET = "ledelsestilsyn"


def vocabularies() -> dict[tuple[str, str], list[str]]:
    """(sheet, column) → the values the packaged catalogues allow there. The audit's criteria
    are the bundle's own (`ledelsestilsyn.kriterier`), so `write_template` is given them."""
    themes = list(catalogues.themes())
    return {
        ("noegletal", "indikator"): _catalogue_ids("indikatorer.yaml"),
        ("sagsgennemgang", "kriterium"): _catalogue_ids("kriterier.yaml"),
        ("sagsgennemgang", "vurdering"): VURDERING,
        ("sagsgennemgang", "runde"): RUNDE_SAGSGENNEMGANG,
        ("sagsgennemgang", "kritik"): JA_NEJ,
        ("selvevaluering", "tema"): themes,
        ("selvevaluering", "spoergsmaal"): _catalogue_ids("spoergsmaal.yaml"),
        ("selvevaluering", "vurdering"): SELVEVALUERING,
        ("ledelsestilsyn", "vurdering"): VURDERING,
        ("socialfaglig", "dimension"): _catalogue_ids("dimensioner.yaml"),
        ("socialfaglig", "vurdering"): VURDERING,
    }


def _instructions(sheets: tuple[str, ...]) -> list[str]:
    """The instruction sheet's lines, told by the sheets the template holds, not by the document
    type's name: the audit's sheet (a status report's one table) is counted by round and its
    criteria are the bundle's own."""
    audit = AUDIT_SHEET in sheets
    named = language.join(list(sheets))
    lines = [
        "Sådan udfylder du data.xlsx",
        "",
        f"Projektmappen har ét ark pr. tabel, som rapporten læser: {named}. Tomme ark "
        "springes over.",
        "Første række er kolonnenavnene. Lad dem stå, som de er.",
        "Én række pr. værdi: fx én række pr. sag og kriterium"
        + (" og runde i ledelsestilsyn." if audit else " i sagsgennemgang."),
    ]
    if audit:
        lines.append("Rullemenuen i kolonnen kriterium viser kriterierne under "
                     "ledelsestilsyn.kriterier i rapport.yaml, som de var, da projektmappen blev "
                     "skrevet. Tilføjer du et kriterium, så skriv en ny skabelon med: "
                     "taskforce-report new <bundt> --projektmappe (når data.xlsx er flyttet)")
    return lines + _COMMON_INSTRUCTIONS


_COMMON_INSTRUCTIONS = [
    "Kolonner med en rullemenu tager kun de værdier, menuen viser.",
    "Tal må skrives med decimalkomma (0,98) og tusindtalspunktum (1.500).",
    "Skriv aldrig CPR-numre, navne eller andre personoplysninger; brug pseudonymer som 'Sag 1'.",
    "Har bundtet både en CSV-fil og et ark med samme tabel, er det en fejl: brug den ene.",
    "Kontrollér med: taskforce-report validate <bundt>",
]


def write_template(path: Path, dokument: str = "analyserapport",
                   lists: dict[tuple[str, str], list[str]] | None = None) -> None:
    """The workbook a bundle of `dokument` starts with: the sheets it reads, each column with
    a closed vocabulary a stop-style drop-down; `lists` adds or replaces vocabularies by (sheet,
    column), e.g. the audit criteria of the bundle's rapport.yaml."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    guide = book.active
    guide.title = "vejledning"
    sheets = SHEETS[dokument]
    for row, line in enumerate(_instructions(sheets), start=1):
        guide.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 100

    list_sheet = book.create_sheet("lister")
    lists_column = 0
    header_fill = PatternFill("solid", fgColor="00385F")
    header_font = Font(bold=True, color="FFFFFF")
    allowed = {**vocabularies(), **(lists or {})}
    for spec in (SPECS[name] for name in sheets):
        sheet = book.create_sheet(spec.name)
        columns = list(spec.required + spec.optional)
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column)
            cell.fill, cell.font = header_fill, header_font
            help_text = _COLUMN_HELP.get(column, "")
            width = max(len(column), min(len(help_text), 40)) + 4
            sheet.column_dimensions[get_column_letter(index)].width = width
            values = allowed.get((spec.name, column))
            if not values:
                continue
            lists_column += 1
            letter = get_column_letter(lists_column)
            list_sheet.cell(row=1, column=lists_column, value=f"{spec.name}.{column}")
            for row, value in enumerate(values, start=2):
                list_sheet.cell(row=row, column=lists_column, value=value)
            reference = f"{quote_sheetname('lister')}!${letter}$2:${letter}${len(values) + 1}"
            # errorStyle stop: Excel and Calc refuse a value off the list as it is typed
            validation = DataValidation(type="list", formula1=reference, allow_blank=True,
                                        showErrorMessage=True, errorStyle="stop",
                                        errorTitle="Ugyldig værdi",
                                        error=f"Vælg en værdi fra listen ({column}).")
            column_letter = get_column_letter(index)
            validation.add(f"{column_letter}2:{column_letter}5000")
            sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    list_sheet.sheet_state = "hidden"
    import io

    from taskforce_report.core.safeio import write_output

    buffer = io.BytesIO()
    book.save(buffer)
    write_output(path, buffer.getvalue())  # atomically, like every output

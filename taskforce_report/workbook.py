"""Excel: a bundle's `data.xlsx` holds the same tables as its CSV files, one sheet per table,
and `new` writes a template of it with drop-down lists for every closed vocabulary.

Cells Excel stores as numbers or dates are turned into the text the CSV would hold, so one set
of checks (in the modules that own each table) serves both; errors name the sheet and cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from taskforce_report import catalogues
from taskforce_report.errors import input_error
from taskforce_report.tables import SPECS, Table, frame_from_rows

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
        # an audit round is a month; Excel turns "2021-06" into the 1st of June
        return day.strftime("%Y-%m") if column == "runde" else day.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(path: Path) -> dict[str, Table]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise input_error(WORKBOOK, "", f"kan ikke læses som Excel-projektmappe ({exc})") from None
    except Exception as exc:  # zipfile.BadZipFile and friends from a broken file
        raise input_error(WORKBOOK, "", f"kan ikke læses som Excel-projektmappe "
                          f"({type(exc).__name__})") from None
    tables = {}
    try:
        for sheet in book.worksheets:
            spec = SPECS.get(sheet.title.strip().lower())
            if spec is None:
                continue
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            if not any(c not in (None, "") for row in rows[1:] for c in row):
                continue  # an empty sheet of the template: the table is not used
            first = rows[0] if rows else []
            header = [str(c).strip().lower() if c is not None else "" for c in first]
            text_rows = [[str(c) if c is not None else "" for c in first]]
            for row in rows[1:]:
                text_rows.append([_cell_text(value, header[i] if i < len(header) else "")
                                  for i, value in enumerate(row)])
            table = frame_from_rows(text_rows, spec, WORKBOOK, letters=True)
            tables[spec.name] = table
    finally:
        book.close()
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


def vocabularies() -> dict[tuple[str, str], list[str]]:
    """(sheet, column) → the values allowed there."""
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
        ("ledelsestilsyn", "kriterium"): _catalogue_ids("kriterier.yaml"),
        ("ledelsestilsyn", "vurdering"): VURDERING,
    }


INSTRUCTIONS = [
    "Sådan udfylder du data.xlsx",
    "",
    "Projektmappen har ét ark pr. tabel: noegletal, sagsgennemgang, selvevaluering og "
    "ledelsestilsyn. Udfyld kun de ark, rapporten bruger; tomme ark springes over.",
    "Første række er kolonnenavnene. Lad dem stå, som de er.",
    "Én række pr. værdi: fx én række pr. sag og kriterium i sagsgennemgang.",
    "Kolonner med en rullemenu tager kun de værdier, menuen viser.",
    "Tal må skrives med decimalkomma (0,98) og tusindtalspunktum (1.500).",
    "Skriv aldrig CPR-numre, navne eller andre personoplysninger; brug pseudonymer som 'Sag 1'.",
    "Har bundtet både en CSV-fil og et ark med samme tabel, er det en fejl: brug den ene.",
    "Kontrollér med: taskforce-report validate <bundt>",
]


def write_template(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    guide = book.active
    guide.title = "vejledning"
    for row, line in enumerate(INSTRUCTIONS, start=1):
        guide.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 100

    lists = book.create_sheet("lister")
    lists_column = 0
    header_fill = PatternFill("solid", fgColor="00385F")
    header_font = Font(bold=True, color="FFFFFF")
    allowed = vocabularies()
    for spec in SPECS.values():
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
            lists.cell(row=1, column=lists_column, value=f"{spec.name}.{column}")
            for row, value in enumerate(values, start=2):
                lists.cell(row=row, column=lists_column, value=value)
            reference = f"{quote_sheetname('lister')}!${letter}$2:${letter}${len(values) + 1}"
            validation = DataValidation(type="list", formula1=reference, allow_blank=True,
                                        showErrorMessage=True, errorTitle="Ugyldig værdi",
                                        error=f"Vælg en værdi fra listen ({column}).")
            column_letter = get_column_letter(index)
            validation.add(f"{column_letter}2:{column_letter}5000")
            sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    book.save(path)

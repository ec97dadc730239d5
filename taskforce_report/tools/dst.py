"""`import-dst`: a CSV downloaded from Danmarks Statistik's StatBank → rows of noegletal.csv.

Two layouts are read:
- the API's long format (`api.statbank.dk/v1/data/<TABEL>/CSV`): UTF-8 with BOM, `;`, a header
  of upper-case variable codes ending in `INDHOLD` (`OMRÅDE;ALDER;TID;INDHOLD`), one observation
  per row;
- the web download (statistikbanken.dk, "Gem som CSV"): title lines, then a header row whose
  cells to the right are periods (`2013;2014` or `2014K4`), stub columns to the left whose
  labels are written only where they change, values, and footnote lines after.

Either may be Windows-1252 rather than UTF-8 (the note says which was assumed). `..` is a
missing or confidential value: it becomes an empty `vaerdi`, shown as missing, never 0. The
area column is the one named OMRÅDE (or holding `Hele landet`); every other variable must have
one value, a total (`I alt`, `Alder i alt`), a value chosen with `--filter VAR=VÆRDI`, or be
summed with `--summer VAR`. Quarters and months need `--periode K4` (or `M12`) to say which one
stands for the year.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from taskforce_report.analyse.keyfigures.observations import parse_decimal
from taskforce_report.core.errors import input_error

_PERIOD = re.compile(r"^(\d{4})(?:([KQ][1-4])|(M\d{2}))?$")
_TOTAL = re.compile(r"(^|\s)(i alt|total|alle)($|\s)", re.IGNORECASE)
_AREA_CODES = {"OMRÅDE", "OMRADE", "OMR", "KOMK", "KOMMUNE", "BOPKOM", "REGION"}
_TABLE_ID = re.compile(r"^([A-Z]{2,}[0-9]+[A-Z0-9]*)(?=$|[^A-Z0-9])")
_MAX_BYTES = 100_000_000


@dataclass
class Observation:
    area: str
    period: str
    value: Decimal | None
    labels: dict[str, str]  # the other variables: name → label
    row: int


@dataclass
class Converted:
    rows: list[list[str]]  # indikator, omraade, aar, vaerdi, kilde, note
    notes: list[str] = field(default_factory=list)


def decode(raw: bytes, file: str) -> tuple[str, list[str]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        raise input_error(file, "", "filen er hverken UTF-8 eller Windows-1252 tekst")
    return text, [f"{file}: læst som Windows-1252 (ikke UTF-8)"]


def _rows(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.strip()]
    sample = "\n".join(lines[:20])
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    if sample.count("\t") > sample.count(delimiter):
        delimiter = "\t"
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _number(text: str, file: str, row: int) -> Decimal | None:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned in ("", "..", "...", "-", "–", ":"):
        return None
    try:
        return parse_decimal(cleaned)
    except ValueError:
        raise input_error(file, f"række {row}", f"forventede et tal eller .., fandt '{text}'") \
            from None


def read(path: Path) -> tuple[list[Observation], str, list[str]]:
    """The file's observations, the StatBank table id if it can be told, and notes."""
    file = path.name
    from taskforce_report.core.safeio import read_input

    # a file named on the command line: a link is followed, a FIFO or a device refused
    raw = read_input(path, file, limit=_MAX_BYTES, follow=True)
    text, notes = decode(raw, file)
    rows = _rows(text)
    first = next((i for i, r in enumerate(rows) if any(r)), None)
    if first is None:
        raise input_error(file, "", "filen er tom")
    header = [c.upper() for c in rows[first]]
    while header and not header[-1]:
        header.pop()
    table_id = _table_id(path.stem)
    if header and header[-1] == "INDHOLD":
        observations = _read_long(rows, first, header, file)
        notes.append(f"{file}: læst som StatBank-API'ets lange format")
    else:
        observations, title = _read_web(rows, file)
        table_id = table_id or _table_id(title)
        notes.append(f"{file}: læst som StatBank-webudtræk (tid i kolonnerne)")
    return observations, table_id, notes


def _table_id(text: str) -> str:
    match = _TABLE_ID.match(text.strip().upper())
    return match.group(1) if match else ""


def _read_long(rows: list[list[str]], first: int, header: list[str],
               file: str) -> list[Observation]:
    time_col = next((i for i, h in enumerate(header) if h in ("TID", "TIME")), None)
    if time_col is None:
        raise input_error(file, f"række {first + 1}", "ingen kolonne TID i overskriften; "
                          f"fandt {';'.join(header)}")
    area_col = next((i for i, h in enumerate(header) if h in _AREA_CODES), None)
    if area_col is None:
        area_col = _area_column(rows[first + 1:], [i for i in range(len(header) - 1)
                                                   if i != time_col])
    if area_col is None:
        raise input_error(file, f"række {first + 1}", "kan ikke se, hvilken kolonne der er "
                          "området (OMRÅDE); fandt " + ";".join(header))
    value_col = len(header) - 1
    others = [i for i in range(value_col) if i not in (time_col, area_col)]
    out = []
    for number, row in enumerate(rows[first + 1:], start=first + 2):
        if not any(row):
            continue
        if len(row) <= value_col:
            raise input_error(file, f"række {number}", f"har {len(row)} felter, men "
                              f"overskriften har {len(header)}")
        out.append(Observation(row[area_col], row[time_col],
                               _number(row[value_col], file, number),
                               {header[i]: row[i] for i in others}, number))
    return out


def _area_column(rows: list[list[str]], candidates: Iterable[int]) -> int | None:
    for i in candidates:
        if any(len(r) > i and r[i].casefold() == "hele landet" for r in rows):
            return i
    return None


def _read_web(rows: list[list[str]], file: str) -> tuple[list[Observation], str]:
    """Title lines, a header row of periods, stub columns, values, footnotes."""
    header_at = None
    for i, row in enumerate(rows):
        after = [c for c in row[_first_period(row):] if c]
        if after and all(_PERIOD.match(c) for c in after):
            header_at = i
            break
    if header_at is None:
        raise input_error(file, "", "fandt hverken API-formatets overskrift (…;TID;INDHOLD) "
                          "eller en overskriftslinje med perioder (fx 2013;2014 eller 2014K4); "
                          "gem tabellen fra Statistikbanken med tiden i kolonnerne, eller hent "
                          "den som CSV fra API'et")
    title = next((" ".join(c for c in r if c) for r in rows[:header_at] if any(r)), "")
    header = rows[header_at]
    stub = _first_period(header)
    periods = {j: header[j] for j in range(stub, len(header)) if _PERIOD.match(header[j])}
    names = [header[j].upper() or f"VARIABEL{j + 1}" for j in range(stub)]
    data_rows = []
    for number, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        cells = row + [""] * (len(header) - len(row))
        values = [cells[j] for j in periods]
        if not any(_looks_numeric(v) for v in values):
            if data_rows:
                break  # footnotes
            continue
        data_rows.append((number, cells))
    if not data_rows:
        raise input_error(file, f"række {header_at + 2}", "ingen tal under overskriften")
    area_col = next((j for j in range(stub) if names[j] in _AREA_CODES), None)
    if area_col is None:
        area_col = _area_column([c for _, c in data_rows], range(stub))
    if area_col is None:
        area_col = 0
    out = []
    carried = [""] * stub
    for number, cells in data_rows:
        for j in range(stub):  # a label is written only where it changes
            if cells[j]:
                carried[j] = cells[j]
        labels = {names[j]: carried[j] for j in range(stub) if j != area_col}
        for j, period in periods.items():
            out.append(Observation(carried[area_col], period, _number(cells[j], file, number),
                                   dict(labels), number))
    return out, title


def _first_period(row: list[str]) -> int:
    return next((j for j, c in enumerate(row) if _PERIOD.match(c)), len(row))


def _looks_numeric(text: str) -> bool:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    return bool(cleaned) and (cleaned in ("..", "...", "-", ":")
                              or re.fullmatch(r"-?[\d.,]+", cleaned) is not None)


def convert(path: Path, indicator: str, *, filters: dict[str, list[str]] | None = None,
            sum_over: Iterable[str] = (), period: str | None = None, source: str | None = None,
            areas: Iterable[str] = ()) -> Converted:
    """The rows of noegletal.csv for one indicator from one StatBank file."""
    file = path.name
    observations, table_id, notes = read(path)
    filters = {k.upper(): [v.casefold() for v in vs] for k, vs in (filters or {}).items()}
    summed = {s.upper() for s in sum_over}
    variables = sorted({name for o in observations for name in o.labels})
    unknown = [v for v in [*filters, *summed] if v not in variables]
    if unknown:
        raise input_error(file, "", f"ukendt variabel {', '.join(unknown)}; filen har "
                          f"{', '.join(variables) or 'ingen andre variable end område og tid'}")
    for name, wanted in filters.items():
        observations = [o for o in observations if o.labels[name].casefold() in wanted]
        if not observations:
            raise input_error(file, "", f"ingen rækker har {name} = {' eller '.join(wanted)}")
    for name in variables:
        labels = sorted({o.labels[name] for o in observations})
        if name in filters and name not in summed:
            if len(labels) > 1:
                raise input_error(file, "", f"--filter gav flere værdier af {name} "
                                  f"({', '.join(labels)}); læg dem sammen med --summer {name}")
            continue
        if name in summed:
            if len(labels) > 1:
                totals = [x for x in labels if _TOTAL.search(x)]
                if totals:  # never add a total to its parts
                    observations = [o for o in observations if o.labels[name] not in totals]
                    notes.append(f"{name}: '{totals[0]}' udeladt; de øvrige lagt sammen")
            continue
        if len(labels) <= 1:
            continue
        totals = [x for x in labels if _TOTAL.search(x)]
        if len(totals) == 1:
            observations = [o for o in observations if o.labels[name] == totals[0]]
            notes.append(f"{name}: brugte '{totals[0]}'")
            continue
        shown = ", ".join(labels[:6]) + (" …" if len(labels) > 6 else "")
        raise input_error(file, "", f"variablen {name} har flere værdier ({shown}); vælg én "
                          f"med --filter {name}=VÆRDI eller læg dem sammen med --summer {name}")
    observations = _pick_period(observations, period, file)
    wanted_areas = [a.casefold() for a in areas]
    totals: dict[tuple[str, str], list] = {}
    order: list[tuple[str, str]] = []
    for o in observations:
        area = "Hele landet" if o.area.casefold() == "hele landet" else o.area
        if wanted_areas and not _area_wanted(area, wanted_areas):
            continue
        key = (area, o.period[:4])
        if key not in totals:
            totals[key] = [Decimal(0), False, o.row]
            order.append(key)
        entry = totals[key]
        if o.value is None:
            entry[1] = True
        else:
            entry[0] += o.value
    if wanted_areas:
        found = {a.casefold() for a, _ in order}
        missing = [a for a in areas if not any(_area_wanted(f, [a.casefold()]) for f in found)]
        if missing:
            notes.append(f"ingen rækker for {', '.join(missing)}")
    kilde = source or (f"Danmarks Statistik, {table_id}" if table_id else "Danmarks Statistik")
    rows = []
    for area, year in order:
        total, missing_part, _ = totals[(area, year)]
        value = "" if missing_part else _danish(total)
        rows.append([indicator, area, year, value, kilde, ""])
    if not rows:
        raise input_error(file, "", "ingen rækker tilbage efter udvælgelsen")
    return Converted(rows, notes)


def _area_wanted(area: str, wanted: list[str]) -> bool:
    key = area.casefold().removesuffix(" kommune")
    return any(key == w.removesuffix(" kommune") for w in wanted)


def _pick_period(observations: list[Observation], period: str | None,
                 file: str) -> list[Observation]:
    kinds = {}
    for o in observations:
        match = _PERIOD.match(o.period)
        if match is None:
            raise input_error(file, f"række {o.row}", f"ukendt periode '{o.period}'; forventede "
                              "fx 2014, 2014K4 eller 2014M12")
        kinds[o.period] = (match.group(2) or match.group(3) or "").replace("Q", "K")
    sub = {k for k in kinds.values() if k}
    if not sub:
        if period:
            raise input_error(file, "", f"--periode {period} er angivet, men filen har hele år")
        return observations
    if not period:
        raise input_error(file, "", f"filen har perioder inden for året ({', '.join(sorted(sub))}"
                          "); vælg den, der skal stå for året, med --periode, fx --periode K4")
    period = period.upper().replace("Q", "K")
    chosen = [o for o in observations if kinds[o.period] == period]
    if not chosen:
        raise input_error(file, "", f"ingen rækker for perioden {period}; filen har "
                          f"{', '.join(sorted(sub))}")
    return chosen


def _danish(value: Decimal) -> str:
    """`42955.60` → `42955,6`: a decimal comma and no thousands separator, as Excel reads it."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


HEADER = ["indikator", "omraade", "aar", "vaerdi", "kilde", "note"]


def write(rows: list[list[str]], target: Path | None) -> str:
    """The rows as noegletal.csv (`;`, UTF-8 with BOM so Excel shows æøå); to `target`, or
    returned as text without the BOM when there is none."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    text = buffer.getvalue()
    if target is not None:
        from taskforce_report.output.pdf import write_atomic

        write_atomic(Path(target), ("\ufeff" + text).encode("utf-8"))
    return text


def check_indicator(indicator: str) -> str:
    """A note when the id is not in the package's catalogue (a bundle may add its own)."""
    from taskforce_report.core.errors import suggest
    from taskforce_report.load.indicators import catalogue

    if not re.fullmatch(r"[a-z][a-z0-9_]*", indicator):
        raise input_error("--indikator", "", f"'{indicator}' er ikke et gyldigt id (små "
                          "bogstaver a-z, tal og _, fx underretninger)")
    known = list(catalogue().indicators)
    if indicator in known:
        return ""
    return (f"'{indicator}' findes ikke i pakkens indikatorkatalog{suggest(indicator, known)}; "
            "tilføj den i bundtets indikatorer.yaml, hvis den er ny")

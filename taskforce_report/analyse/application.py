"""The municipality's application for a Task Force course (dokument: ansoegning, seed 000).

The form's answers are the bundle's text; what is computed here is its case statistics: the
cases per team (`sager.csv`: team, sager) as a table with a total, and the notifications per
month (`underretninger.csv`: maaned, antal) as a bar chart with its total and monthly average.
Both tables are checked row by row, every wrong cell told with file, row and column at once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.core.errors import MAX_ROW_PROBLEMS, Problem, raise_row_problems
from taskforce_report.load.tables import Table
from taskforce_report.models import Application, Contact, month_key

TABLES = ("sager", "underretninger")  # the tables only an application reads
CHART_ID = "ansoegning-underretninger"

_COUNT = re.compile(r"^(?:\d+|\d{1,3}(?:\.\d{3})+)$")  # 420, 1500, 1.500
_RANGE = re.compile(r"^(.+?)\s*[-–—]\s*(.+)$")  # 400-450, 1.500–1.600


def _count_range(text: str) -> tuple[int, int]:
    """A count, or a range as a municipality gives it when it knows no exact figure:
    `400-450`, `1.500–1.600`; (low, high), equal for a plain count."""
    value = text.strip()
    match = _RANGE.match(value) if not value.startswith(("-", "−")) else None
    if match is None:
        n = _count(value)
        return n, n
    low, high = _count(match.group(1)), _count(match.group(2))
    if low > high:
        raise ValueError(f"intervallet '{value}' går baglæns; skriv det laveste tal først")
    return low, high


def _count(text: str) -> int:
    """A count as a spreadsheet writes it: `420`, `1500` or `1.500`; a ValueError in Danish
    otherwise."""
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if not value:
        raise ValueError("mangler; skriv et antal, fx 420")
    if value.startswith(("-", "−")) and _COUNT.match(value[1:]):
        raise ValueError(f"et antal kan ikke være negativt; fandt '{text.strip()}'")
    if not _COUNT.match(value):
        raise ValueError(f"forventede et helt antal (fx 420 eller 1.500); fandt '{text.strip()}'")
    return int(value.replace(".", ""))


def normalise_cases(table: Table) -> pd.DataFrame:
    """sager.csv: one row per team, its number of open cases. Columns team, sager; the index
    is the row number."""
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[str, int] = {}
    for number, record in table.records():
        team = re.sub(r"\s+", " ", record["team"].strip())
        wrong: list[Problem] = []
        if not team:
            wrong.append(table.problem(number, "team", "mangler; skriv teamets navn"))
        try:
            cases = _count_range(record["sager"])
        except ValueError as exc:
            wrong.append(table.problem(number, "sager", str(exc)))
        if wrong:
            problems += wrong
        elif team.casefold() in first_seen:
            problems.append(table.problem(number, "team", f"teamet '{team}' står allerede i "
                                          f"række {first_seen[team.casefold()]}"))
        else:
            first_seen[team.casefold()] = number
            rows.append({"række": number, "team": team, "sager": cases[0],
                         "sager_til": cases[1]})
        if len(problems) > MAX_ROW_PROBLEMS:
            break
    raise_row_problems(table.source, problems)
    return pd.DataFrame(rows, columns=["række", "team", "sager", "sager_til"]).set_index("række")


def normalise_notifications(table: Table) -> pd.DataFrame:
    """underretninger.csv: one row per month, the notifications received. Columns maaned
    (ÅÅÅÅ-MM) and antal (empty: not known, shown as missing, never as 0); sorted by month."""
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[str, int] = {}
    for number, record in table.records():
        wrong: list[Problem] = []
        month = count = None
        try:
            month = month_key(record["maaned"])
        except ValueError as exc:
            wrong.append(table.problem(number, "maaned", str(exc)))
        text = record["antal"].strip()
        if text not in ("", ".."):
            try:
                count = _count(text)
            except ValueError as exc:
                wrong.append(table.problem(number, "antal", str(exc)))
        if wrong:
            problems += wrong
        elif month in first_seen:
            problems.append(table.problem(number, "maaned", f"måneden {month} står allerede i "
                                          f"række {first_seen[month]}"))
        else:
            first_seen[month] = number
            rows.append({"række": number, "maaned": month, "antal": count})
        if len(problems) > MAX_ROW_PROBLEMS:
            break
    raise_row_problems(table.source, problems)
    frame = pd.DataFrame(rows, columns=["række", "maaned", "antal"]).set_index("række")
    return frame.sort_values("maaned", kind="stable")


# ---- the facts of the document ----------------------------------------------------------

@dataclass(frozen=True)
class TeamCases:
    """Section 3.1's table: the cases per team, in the order of sager.csv, and their total."""

    teams: tuple[tuple[str, str], ...]  # ("Indsats Børn", "400–450"): a range stays a range
    i_alt: str  # the sum, a range when any team's is: lowest and highest sum, never a mean
    opgjort: str  # "31. oktober 2019", or ""
    kilde: str

    def is_empty(self) -> bool:
        return not self.teams


@dataclass(frozen=True)
class Notifications:
    """Section 3.1's chart: the notifications per month, every month from the first to the
    last (a month without a figure is missing, never 0)."""

    maaneder: tuple[tuple[str, int | None], ...]  # ("2019-01", 151)
    i_alt: int  # of the months with a figure
    med_tal: int  # months with a figure
    gennemsnit: float | None  # per month with a figure
    fra: str  # "november 2018"
    til: str
    mangler: tuple[str, ...]  # months without a figure, as text: "marts 2019"
    kilde: str
    chart: str  # the chart's id

    def is_empty(self) -> bool:
        return not self.med_tal


@dataclass(frozen=True)
class Person:
    """A contact as the form prints it."""

    navn: str
    titel: str
    telefon: str
    email: str


def _person(contact: Contact | None) -> Person | None:
    if contact is None:
        return None
    return Person(contact.navn, contact.titel, contact.telefon, contact.email)


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def team_cases(frame: pd.DataFrame | None, report: Application) -> TeamCases | None:
    if frame is None or frame.empty:
        return None
    rows = list(zip(frame["team"], frame["sager"], frame["sager_til"], strict=True))
    teams = tuple((str(t), language.number_range(int(lo), int(hi))) for t, lo, hi in rows)
    total = language.number_range(sum(int(lo) for _, lo, _ in rows),
                                  sum(int(hi) for _, _, hi in rows))
    return TeamCases(teams=teams, i_alt=total,
                     opgjort=language.date(report.statistik.opgjort),
                     kilde=report.statistik.kilde or report.kommune)


def notifications(frame: pd.DataFrame | None, report: Application) -> Notifications | None:
    if frame is None or frame.empty:
        return None
    known = {m: (None if pd.isna(n) else int(n))
             for m, n in zip(frame["maaned"], frame["antal"], strict=True)}
    series = tuple((m, known.get(m)) for m in _month_range(min(known), max(known)))
    counts = [n for _, n in series if n is not None]
    return Notifications(
        maaneder=series, i_alt=sum(counts), med_tal=len(counts),
        gennemsnit=sum(counts) / len(counts) if counts else None,
        fra=language.month(series[0][0]), til=language.month(series[-1][0]),
        mangler=tuple(language.month(m) for m, n in series if n is None),
        kilde=report.statistik.kilde or report.kommune, chart=CHART_ID)


def notification_chart(found: Notifications) -> ChartSpec:
    """Bars per month, each labelled with its count, and the monthly average as a line."""
    labels = []
    for i, (month, _) in enumerate(found.maaneder):
        # the year under the first month and under every January
        year = month[:4] if i == 0 or month.endswith("-01") else ""
        labels.append((language.month_short(month), year))
    counts = [n for _, n in found.maaneder if n is not None]
    low = min(found.maaneder, key=lambda item: math.inf if item[1] is None else item[1])
    high = max(found.maaneder, key=lambda item: -1 if item[1] is None else item[1])
    average = language.number(found.gennemsnit)
    alt = (f"Lodret søjlediagram over antallet af underretninger pr. måned fra {found.fra} til "
           f"{found.til}: i alt {language.number(found.i_alt)}, i gennemsnit {average} pr. "
           f"måned, færrest i {language.month(low[0])} ({language.number(low[1])}) og flest i "
           f"{language.month(high[0])} ({language.number(high[1])})")
    if found.mangler:
        alt += f"; tallet mangler for {language.join(list(found.mangler))}"
    return ChartSpec(
        id=found.chart, kind="month_bars", title="Underretninger pr. måned", alt=alt + ".",
        data={"labels": tuple(labels), "values": tuple(n for _, n in found.maaneder),
              "gennemsnit": found.gennemsnit, "gennemsnit_navn": f"Gennemsnit: {average}",
              "hoejeste": max(counts)},
        height_cm=6.2)


def sign_place(report: Application) -> str:
    """Where the director signs: `sted`, or the municipality's name without "Kommune"."""
    if report.sted:
        return report.sted
    name = re.sub(r"\s+(?:Kommune|Regionskommune)$", "", report.kommune.strip())
    return name


def analyse(report: Application, tables: dict[str, Any]) -> tuple[dict[str, Any], list[ChartSpec]]:
    cases = team_cases(tables.get("sager"), report)
    received = notifications(tables.get("underretninger"), report)
    start = report.opstart
    facts: dict[str, Any] = {
        "kommune": report.kommune,
        "adresse": tuple(line.strip() for line in report.adresse.splitlines() if line.strip()),
        "cvr": report.cvr,
        "frist": language.date_time(report.frist),
        "projektansvarlig": _person(report.projektansvarlig),
        "kontaktperson": _person(report.kontaktperson),
        "indledende_moede": report.indledende_moede,
        "indledende_moede_dato": language.date(report.indledende_moede.dato),
        "politisk_behandling": report.politisk_behandling,
        "politisk_behandling_dato": language.date(report.politisk_behandling.dato),
        "underskrift_sted": sign_place(report),
        "motivation": report.motivation,
        "sagstal": cases,
        "underretninger": received,
        "parathed": report.parathed,
        "oevrige_aktiviteter": report.oevrige_aktiviteter,
        "oensket_start": language.month(start.oensket_start) if start.oensket_start else "",
        "mulige_starter": language.months(start.mulige) if start.mulige else "",
        "opstart": start,
        "forankring": report.forankring,
        "bilag": tuple(report.bilag),
    }
    charts = [notification_chart(received)] if received and not received.is_empty() else []
    return facts, charts

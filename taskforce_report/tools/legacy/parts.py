"""Recognising the report's parts: `parse` runs the steps; here the front matter (front
page, table of contents), the municipality, the date, the collection period and the
reference group, and what a source that stops early is missing."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from taskforce_report.tools.legacy.chapters import read_chapters
from taskforce_report.tools.legacy.model import LegacyReport
from taskforce_report.tools.legacy.reading import KOMMUNE, MONTHS, NAME, UPPER, read_pages


def parse(raw: str) -> LegacyReport:
    """The text of an older analysis report → what the bundle can hold, with notes."""
    source = read_pages(raw)
    report = LegacyReport(source=source)
    body = _skip_front_matter(report)
    report.kommune = _kommune(report, body)
    report.dato = _date(report)
    read_chapters(report, body)
    report.dataindsamling = _collection_period(report)
    report.referencegruppe = _reference_group(report)
    if source.total and source.pages and source.pages[-1] < source.total:
        missing = _missing_chapters(report)
        first_missing = source.pages[-1] + 1
        missing_pages = (f"side {first_missing}" if first_missing == source.total
                         else f"side {first_missing}–{source.total}")
        report.note(
            "mangler",
            f"Kildeteksten slutter på side {source.pages[-1]} af {source.total}; "
            f"{missing_pages} er ikke med"
            + (f" ({missing})" if missing else "") + ".",
        )
    if source.header.strip() or source.trailer.strip():
        report.note(
            "advarsel",
            "Tekst uden for rapportens sider (en fremviser-sides titel før side 1 og links til "
            "andre dokumenter efter sidste side) er ikke læst som en del af rapporten.",
        )
    return report


# ---- front matter, municipality, date


def _skip_front_matter(report: LegacyReport) -> int:
    """Claims the front page and the table of contents; the offset where the body starts."""
    source, text = report.source, report.source.text
    body = 0
    for offset, number in source.starts[:4]:
        page = source.page_text(number)
        if number == 1 and len(page) < 400:
            report.claim(offset, offset + len(page), "standard", "forside")
            body = offset + len(page)
        elif page.lstrip().startswith(("Indholdsfortegnelse", "Indhold ")):
            report.claim(offset, offset + len(page), "standard", "indholdsfortegnelse")
            body = offset + len(page)
    if not source.starts:
        toc = re.search(r"Indholdsfortegnelse", text)
        if toc:
            body = toc.end()
    return body


def _kommune(report: LegacyReport, body: int) -> str | None:
    text = report.source.text[body:]
    for pattern, where in (
        (rf"Task Forcens analyse af ({NAME}) Kommune\b", "“Task Forcens analyse af … Kommune”"),
        (rf"Task Forcen anbefaler,?(?: at)? ({NAME}) Kommune", "“Task Forcen anbefaler …”"),
        (rf"Præsentation af ({NAME}) Kommunes\b", "“Præsentation af … Kommunes”"),
    ):
        match = re.search(pattern, text)
        if match:
            pages = report.pages(body + match.start(), body + match.end())
            report.found["kommune"] = f"{where}, {pages}"
            return f"{match.group(1)} Kommune"
    counts = Counter(re.findall(rf"\b({NAME}) Kommunes?\b", text))
    if counts:
        name, n = counts.most_common(1)[0]
        report.found["kommune"] = f"det hyppigste kommunenavn i teksten ({n} gange)"
        report.note("antagelse",
                    f"Kommunen er taget som det hyppigste kommunenavn: {name} Kommune.")
        return f"{name} Kommune"
    report.note("mangler", "Kommunens navn er ikke fundet; udfyld `kommune`.")
    return None


def _date(report: LegacyReport) -> dt.date | None:
    source = report.source
    first_page = source.page_text(source.pages[0]) if source.pages else source.text[:2000]
    for where, text in (("titellinjen", source.header), ("forsiden", first_page)):
        match = re.search(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b", text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                value = dt.date(year, month, day)
            except ValueError:
                continue
            report.found["dato"] = f"{where}: “{match.group(0)}”"
            return value
        match = re.search(rf"\b(\d{{1,2}})\. ({'|'.join(MONTHS)}) (\d{{4}})\b", text)
        if match:
            value = dt.date(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)))
            report.found["dato"] = f"{where}: “{match.group(0)}”"
            return value
    report.note("mangler", "Rapportens dato er ikke fundet; udfyld `dato` (ÅÅÅÅ-MM-DD).")
    return None


_PERIOD = re.compile(
    rf"Dataindsamlingen (?:er|blev) (?:sket|foregået|gennemført|foretaget) i perioden(?: fra)? "
    rf"(\d{{1,2}})\.? ({'|'.join(MONTHS)})(?: (\d{{4}}))?(?:\s*(?:til|-|–)\s*|\s+)"
    rf"(\d{{1,2}})\.? ({'|'.join(MONTHS)})(?: (\d{{4}}))?",
    re.IGNORECASE,
)


def _collection_period(report: LegacyReport) -> tuple[dt.date, dt.date] | None:
    match = _PERIOD.search(report.source.text)
    if not match:
        report.note("mangler", "Dataindsamlingens periode er ikke fundet; udfyld "
                    "`dataindsamling: {fra: ÅÅÅÅ-MM-DD, til: ÅÅÅÅ-MM-DD}`.")
        return None
    d1, m1, y1, d2, m2, y2 = match.groups()
    report.claim(match.start(), match.end(), "placeret", "dataindsamling")
    where = report.pages(match.start(), match.end())
    report.found["dataindsamling"] = f"“{match.group(0)}”, {where}"
    year_til = int(y2) if y2 else (report.dato.year if report.dato else None)
    if year_til is None:
        report.note("mangler", f"Dataindsamlingens periode står uden årstal ({where}), og "
                    "rapportens dato mangler; udfyld `dataindsamling`.", match.start())
        return None
    til = dt.date(year_til, MONTHS[m2.lower()], int(d2))
    year_fra = int(y1) if y1 else year_til
    fra = dt.date(year_fra, MONTHS[m1.lower()], int(d1))
    if fra > til and not y1:
        fra = fra.replace(year=year_til - 1)
    if not (y1 and y2):
        report.note(
            "antagelse",
            f"Dataindsamlingens periode står uden årstal i kildeteksten (“{match.group(0)}”, "
            f"{where}); årstallet er taget fra rapportens dato: {fra.isoformat()} – "
            f"{til.isoformat()}.",
            match.start(),
        )
    return fra, til


def _reference_group(report: LegacyReport) -> list[str]:
    match = re.search(
        rf"(?:sammenlignelige kommuner(?: for {KOMMUNE})?|referencegruppen? (?:består af|er))"
        rf":?\s+((?:{KOMMUNE}(?:,\s*|\s+og\s+|\s+)){{2,}})",
        report.source.text,
    )
    if not match:
        report.note("mangler", "Referencegruppen (de sammenlignelige kommuner) er ikke fundet; "
                    "`referencegruppe` er tom.")
        return []
    names = re.findall(KOMMUNE, match.group(1))
    report.claim(match.start(1), match.end(1), "placeret", "referencegruppe")
    report.found["referencegruppe"] = report.pages(match.start(1), match.end(1))
    return names


def _missing_chapters(report: LegacyReport) -> str:
    """Chapters the table of contents lists on pages the source does not have."""
    source = report.source
    toc = next((source.page_text(n) for n in source.pages[:4]
                if source.page_text(n).lstrip().startswith("Indhold")), "")
    last = source.pages[-1]
    found = []
    for match in re.finditer(rf"(?<![\d.])([1-9]) ([{UPPER}][^\d]*?) (\d{{1,3}})(?=\s|$)", toc):
        if int(match.group(3)) > last:
            found.append(f"kapitel {match.group(1)} {match.group(2).strip()}, s. {match.group(3)}")
    return "; ".join(found)

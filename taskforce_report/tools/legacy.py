"""`taskforce-report import-legacy`: an older analysis report, as text extracted from its PDF,
read back into a bundle.

The text comes as a PDF viewer's transcript gives it: one chunk per page, each starting with the
page number ("14 beskrevet, …") and ending with a page marker ("14/72"), headings run into the
text ("3.1 Politik og strategi Politik og strategi har fokus …"), and bullet lists run together
into one paragraph ("Styrker Der er en opdateret … Der har været bred …").

The parser is pure functions, text → data: `read_pages` undoes the page chunks, `split_items`
turns a run of sentences back into list items, `parse` finds the report's standard headings and
places what stands under them. It never writes what the source does not say: a field it cannot
find stays empty, and the import report (`import-rapport.md`) says so, lists what it assumed,
and lists every span of the source it did not place, with its page.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from taskforce_report import catalogues
from taskforce_report.load.bundle import IMPORT_REPORT_FILE  # embedded in the PDF with the bundle

REPORT_FILE = "rapport.yaml"

UPPER = "A-ZÆØÅÄÖÜÉ"
LOWER = "a-zæøåäöüé"
_NAME = rf"[{UPPER}][\w-]*"  # one word of a municipality's name: Randers, Lyngby-Taarbæk
_KOMMUNE = rf"{_NAME} Kommune"

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}


# --------------------------------------------------------------------------------------------
# Pages


@dataclass(frozen=True)
class Source:
    """The report's pages as one flowing text, with the page each offset came from."""

    text: str
    starts: tuple[tuple[int, int], ...]  # (offset in text, page number), ascending
    total: int | None = None  # the page count the markers name ("14/72" → 72)
    header: str = ""  # what stood before the first page (a web viewer's title lines)
    trailer: str = ""  # what stood after the last page (links to other documents)

    def page(self, offset: int) -> int:
        if not self.starts:
            return 1
        i = bisect.bisect_right([s for s, _ in self.starts], offset) - 1
        return self.starts[max(i, 0)][1]

    @property
    def pages(self) -> list[int]:
        return [n for _, n in self.starts]

    def page_text(self, number: int) -> str:
        for i, (start, n) in enumerate(self.starts):
            if n == number:
                end = self.starts[i + 1][0] if i + 1 < len(self.starts) else len(self.text)
                return self.text[start:end]
        return ""


_MARKER_END = re.compile(r"\s*(?<![\d/])(\d{0,3})/(\d{1,3})\s*$")


def strip_page_marker(chunk: str, number: int | None = None) -> str:
    """One page's text without its leading page number and its trailing "N/72" marker."""
    text = chunk.strip()
    if number is not None:
        text = re.sub(rf"^{number}(?:\s+|$)", "", text)
    match = _MARKER_END.search(text)
    if match and (not match.group(1) or number is None or int(match.group(1)) == number):
        text = text[: match.start()]
    return text.strip()


def read_pages(raw: str) -> Source:
    """The page chunks of a transcript, markers removed, joined into one text.

    A page is a line starting with the next page number; it may run over several lines until
    its "N/total" marker. The first line that does not continue the sequence ends the report:
    what follows is the viewer's list of other documents. Text split by form feeds (pdftotext)
    is read page by page; text with neither is one page.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = raw.split("\n")
    pages: list[tuple[int, str]] = []
    header: list[str] = []
    trailer: list[str] = []
    total: int | None = None
    complete = True  # the current page has reached its marker
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        expected = pages[-1][0] + 1 if pages else 1
        start = re.match(r"(\d{1,3})(?:\s|$)", stripped)
        marker = _MARKER_END.search(stripped)
        if marker and total is None and pages:
            total = int(marker.group(2))
        own_marker = bool(start and marker and marker.group(1) == start.group(1))
        if (start and expected <= int(start.group(1)) <= expected + 2
                and (complete or not pages or own_marker)):
            if not pages and not _looks_like_page(stripped):
                header.append(line)
                continue
            number = int(start.group(1))
            if marker and total is None:
                total = int(marker.group(2))
            pages.append((number, stripped))
            complete = bool(marker)
        elif pages and not complete:
            # a line of the same page: kept as a line, so _flatten can see paragraphs
            gap = "\n\n" if index > 0 and not lines[index - 1].strip() else "\n"
            pages[-1] = (pages[-1][0], pages[-1][1] + gap + stripped)
            complete = bool(marker)
        elif pages:
            trailer = lines[index:]
            break
        else:
            header.append(line)
    if not pages:
        chunks = raw.split("\f") if "\f" in raw else [raw]
        pages = [(i + 1, c.strip("\n")) for i, c in enumerate(chunks) if c.strip()]
        return _join([(n, _flatten(t)) for n, t in pages], None, "", "")
    cleaned = [(n, strip_page_marker(t, n)) for n, t in pages]
    return _join(cleaned, total, "\n".join(header), "\n".join(trailer))


def _looks_like_page(line: str) -> bool:
    """The first page: "1 Analyserapport …" or any line ending in a page marker."""
    return bool(_MARKER_END.search(line)) or len(line) > 200


# A paragraph break the source shows (a blank line, or a short line that ends a sentence in
# text of full lines) survives flattening as this character, so the writer can keep it.
PARAGRAPH = "\u2029"


def _flatten(text: str) -> str:
    """One line of text, whitespace collapsed; a paragraph break of the source kept as
    PARAGRAPH between spaces. Text already flattened loses its marks (a list item has none)."""
    if "\n" not in text:  # one line already: its marks stay
        return re.sub(r"[^\S\u2029]+", " ", text).strip()
    lines = text.split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    # the width of a full line: short lines ending a sentence end a paragraph, when the text
    # has enough lines to tell what full is
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 4 else 0
    out, current = [], []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(stripped)
        if full and len(line.rstrip()) < 0.7 * full and re.search(r"[.!?:][\"»”’)]*$", stripped):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return f" {PARAGRAPH} ".join(re.sub(r"\s+", " ", part).strip() for part in out)


def _join(pages: list[tuple[int, str]], total: int | None, header: str, trailer: str) -> Source:
    text, starts = "", []
    for number, body in pages:
        if text:
            text += " "
        starts.append((len(text), number))
        text += _flatten(body)
    return Source(text=text, starts=tuple(starts), total=total, header=header, trailer=trailer)


# --------------------------------------------------------------------------------------------
# Sentences and list items

# Abbreviations that never end a sentence: the next word belongs to the same sentence.
_NEVER_END = {
    "jf", "jvf", "f.eks", "fx", "bl.a", "pkt", "stk", "nr", "ca", "kl", "d", "dvs", "evt",
    "inkl", "ekskl", "ift", "iht", "mht", "pga", "vedr", "hhv", "ang", "tlf", "s", "p.t",
    "f.t", "o.a", "u.å", "ifm", "vha", "mf", "gl",
}
# Abbreviations that end a sentence when the next word is capitalised ("… indsatsområder mv.
# Sikrer en tydelig …"): in Danish their period doubles as the full stop.
_MAY_END = {"mv", "m.v", "mm", "m.m", "m.fl", "osv", "etc", "o.l", "o.lign"}

_BOUNDARY = re.compile(rf"([.!?])([\"»”’')\]]*)\s+(?=[\"»“‘(]?[{UPPER}])")


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end that is followed by a capitalised word."""
    ends = []
    for match in _BOUNDARY.finditer(text):
        before = text[max(0, match.start(1) - 80): match.start(1)]
        token = re.search(r"(\S*)$", before).group(1).lstrip("(\"»“'[")
        after = text[match.end():]
        word = token.lower()
        if match.group(1) == ".":
            if word in _NEVER_END or word.rstrip(".") in _NEVER_END:
                continue
            if before.endswith("§") or re.search(r"§\s*$", before):
                continue
            if re.fullmatch(rf"[{UPPER}]", token):  # an initial: "A. Jensen"
                continue
            if re.match(r"Stk\.", after):  # "§ 50. Stk. 2"
                continue
            if token.isdigit():
                # "kapitler: 1. Præsentation …" / "grundlaget. 2. Resume": a list label, not a
                # sentence ending in a number ("4 ud af 6. Derudover …").
                head = before[: len(before) - len(token)].rstrip()
                if not head or head[-1] in ":;":
                    continue
                if head[-1] == "." and not _is_abbreviation(head[:-1]):
                    continue
            # "mv.", "osv." and the like (_MAY_END) fall through: the capital letter that
            # follows makes it a new sentence.
        ends.append(match.end(2))
    return ends


def _is_abbreviation(before: str) -> bool:
    """Whether the word just before a period ("… stk" of "stk.") is an abbreviation."""
    word = re.search(r"(\S*)$", before).group(1).lstrip("(\"»“'[").lower()
    return word in _NEVER_END or word in _MAY_END


def _plain(text: str) -> str:
    """One line, every whitespace (paragraph marks too) a single space."""
    return re.sub(r"\s+", " ", text).strip()


def split_items(text: str) -> list[str]:
    """A run-together bullet list → its items, split where a sentence ends and the next begins
    with a capital letter. Abbreviations (jf., f.eks., bl.a., stk., nr., §) do not split."""
    text = _plain(text)
    if not text:
        return []
    items, start = [], 0
    for end in sentence_ends(text):
        items.append(text[start:end].strip())
        start = end
    items.append(text[start:].strip())
    return [item for item in items if item and re.search(r"\w", item)]


# --------------------------------------------------------------------------------------------
# The report


@dataclass
class Note:
    kind: str  # "antagelse", "mangler", "advarsel"
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Claim:
    """A span of the source and what became of it."""

    start: int
    end: int
    kind: str  # "placeret" (in the bundle), "overskrift", "standard" (fixed text), "udeladt"
    label: str


@dataclass
class ThemeImport:
    id: str
    heading: str  # as found in the source
    first_page: int
    last_page: int
    praesentation: str = ""
    analyse: str = ""
    styrker: list[str] = field(default_factory=list)
    udfordringer: list[str] = field(default_factory=list)
    anbefalinger: list[str] = field(default_factory=list)


@dataclass
class LegacyReport:
    source: Source
    kommune: str | None = None
    dato: dt.date | None = None
    dataindsamling: tuple[dt.date, dt.date] | None = None
    referencegruppe: list[str] = field(default_factory=list)
    resume: str = ""
    anbefalinger: list[str] = field(default_factory=list)
    temaer: dict[str, ThemeImport] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    found: dict[str, str] = field(default_factory=dict)  # field → where it was found

    def note(self, kind: str, text: str, offset: int | None = None) -> None:
        page = self.source.page(offset) if offset is not None else None
        self.notes.append(Note(kind, text, page))

    def claim(self, start: int, end: int, kind: str, label: str) -> None:
        if end > start:
            self.claims.append(Claim(start, end, kind, label))

    def pages(self, start: int, end: int) -> str:
        return page_range(self.source.page(start), self.source.page(max(start, end - 1)))

    def unplaced(self) -> list[tuple[int, int]]:
        """Spans of the source no claim covers (glue of spaces and punctuation left out)."""
        covered = sorted((c.start, c.end) for c in self.claims)
        gaps, cursor = [], 0
        for start, end in covered + [(len(self.source.text), len(self.source.text))]:
            if start > cursor and re.search(r"\w{2}", self.source.text[cursor:start]):
                gaps.append((cursor, start))
            cursor = max(cursor, end)
        return gaps


def page_range(first: int, last: int) -> str:
    return f"s. {first}" if first == last else f"s. {first}–{last}"


def parse(raw: str) -> LegacyReport:
    """The text of an older analysis report → what the bundle can hold, with notes."""
    source = read_pages(raw)
    report = LegacyReport(source=source)
    body = _skip_front_matter(report)
    report.kommune = _kommune(report, body)
    report.dato = _date(report)
    _chapters(report, body)
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
        (rf"Task Forcens analyse af ({_NAME}) Kommune\b", "“Task Forcens analyse af … Kommune”"),
        (rf"Task Forcen anbefaler,?(?: at)? ({_NAME}) Kommune", "“Task Forcen anbefaler …”"),
        (rf"Præsentation af ({_NAME}) Kommunes\b", "“Præsentation af … Kommunes”"),
    ):
        match = re.search(pattern, text)
        if match:
            pages = report.pages(body + match.start(), body + match.end())
            report.found["kommune"] = f"{where}, {pages}"
            return f"{match.group(1)} Kommune"
    counts = Counter(re.findall(rf"\b({_NAME}) Kommunes?\b", text))
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
        rf"(?:sammenlignelige kommuner(?: for {_KOMMUNE})?|referencegruppen? (?:består af|er))"
        rf":?\s+((?:{_KOMMUNE}(?:,\s*|\s+og\s+|\s+)){{2,}})",
        report.source.text,
    )
    if not match:
        report.note("mangler", "Referencegruppen (de sammenlignelige kommuner) er ikke fundet; "
                    "`referencegruppe` er tom.")
        return []
    names = re.findall(_KOMMUNE, match.group(1))
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


# ---- chapters 1 and 2


def _find(pattern: str, text: str, start: int = 0, end: int | None = None):
    return re.compile(pattern).search(text, start, len(text) if end is None else end)


def _chapters(report: LegacyReport, body: int) -> None:
    text = report.source.text
    ch1 = _find(r"(?<![\d.])1\.? Indledning\b", text, body)
    ch2 = _find(r"(?<![\d.])2\.? Resume(?:\w*)? og anbefalinger\b", text, body)
    ch3 = _find(r"(?<![\d.])3\.? Afrapportering på de enkelte temaer\b", text, body)
    start3 = ch3.start() if ch3 else None
    ch4 = _find(r"(?<![\d.])4\.? Nøgletalsanalyse\b", text, ch3.end() if ch3 else body)
    end3 = ch4.start() if ch4 else len(text)
    if ch1:
        report.claim(ch1.start(), ch2.start() if ch2 else (start3 or ch1.end()), "udeladt",
                     "kapitel 1 Indledning: fast tekst, som værktøjet selv skriver; tallene for "
                     "analysens grundlag (sager, interviews) hører hjemme i bundtets tabeller")
    if ch2:
        _chapter_two(report, ch2, start3 if start3 is not None else end3)
    else:
        report.note("mangler", "Kapitel 2 (Resume og anbefalinger) er ikke fundet; `resume` og "
                    "`anbefalinger` er tomme.")
    if ch3:
        _themes(report, ch3.end(), end3)
        report.claim(ch3.start(), ch3.end(), "overskrift", "kapitel 3")
    else:
        _themes(report, ch2.end() if ch2 else body, end3)
    if ch4:
        _later_chapters(report, ch4.start())


def _chapter_two(report: LegacyReport, heading: re.Match, end: int) -> None:
    text = report.source.text
    report.claim(heading.start(), heading.end(), "overskrift", "kapitel 2")
    resume = _find(r"(?<![\d.])2\.1\.? Resum[eé]\b", text, heading.end(), end)
    recs = _find(r"(?<![\d.])2\.2\.? (?:Centrale )?[Aa]nbefalinger\b", text, heading.end(), end)
    intro_end = resume.start() if resume else (recs.start() if recs else end)
    report.claim(heading.end(), intro_end, "standard", "kapitel 2's indledning")
    if resume:
        report.claim(resume.start(), resume.end(), "overskrift", "2.1 Resume")
        stop = recs.start() if recs else end
        report.resume = text[resume.end():stop].strip()
        report.claim(resume.end(), stop, "placeret", "resume")
        report.found["resume"] = report.pages(resume.end(), stop)
        report.note("advarsel", "Resumeet er ét afsnit: afsnitsskift kan ikke ses i den udtrukne "
                    "tekst. Del det gerne i afsnit (en tom linje) i `resume`.", resume.end())
    else:
        report.note("mangler", "Afsnit 2.1 Resume er ikke fundet; `resume` er tom.")
    if recs:
        report.claim(recs.start(), recs.end(), "overskrift", "2.2 Anbefalinger")
        lead = _anbefaler(text, recs.end(), end)
        if lead:
            report.claim(recs.end(), lead.end(), "standard", "indledning til anbefalingerne")
            report.anbefalinger = split_items(text[lead.end():end])
            report.claim(lead.end(), end, "placeret", "anbefalinger")
            report.found["anbefalinger"] = report.pages(lead.end(), end)
            if re.search(r"\bat\s*:\s*$", lead.group(0)):
                report.note(
                    "advarsel",
                    f"De centrale anbefalinger står i kilden efter “{_plain(lead.group(0))}” "
                    "(navneform: “Sikre …”); de er overtaget ordret. Rapporten indleder dem med "
                    f"“Task Forcen anbefaler, at {report.kommune or '<kommune>'}:”, så overvej "
                    "nutidsform (“Sikrer …”).",
                    lead.start(),
                )
        else:
            report.note("mangler", "Indledningen “Task Forcen anbefaler …:” til de centrale "
                        "anbefalinger er ikke fundet; `anbefalinger` er tom.", recs.start())
    else:
        report.note("mangler", "Afsnit 2.2 Anbefalinger er ikke fundet; `anbefalinger` er tom.")


_ANBEFALER = re.compile(
    rf"Task\s+Forcen\s+anbefaler(?:\s+hermed)?,?\s*(?:at\s+)?(?:{_KOMMUNE}|kommunen)?\s*"
    rf"(?:at\s*)?:"
)


def _anbefaler(text: str, start: int, end: int):
    return _ANBEFALER.search(text, start, end)


def _later_chapters(report: LegacyReport, start: int) -> None:
    text = report.source.text
    headings = [
        (r"(?<![\d.])4\.? Nøgletalsanalyse\b",
         "kapitel 4 Nøgletalsanalyse: tekst og figurer importeres ikke; nøgletallene hører "
         "hjemme i noegletal.csv"),
        (r"(?<![\d.])5\.? Resultat af sagsgennemgang\b",
         "kapitel 5 Resultat af sagsgennemgang: importeres ikke; sagerne hører hjemme i "
         "sagsgennemgang.csv"),
        (r"(?<![\d.])6\.? Resultat af interviews\b",
         "kapitel 6 Resultat af interviews med børn: importeres ikke; interviewene hører "
         "hjemme i interviews.yaml"),
    ]
    found = []
    for pattern, label in headings:
        match = _find(pattern, text, start)
        if match:
            found.append((match.start(), label))
    found.sort()
    for i, (offset, label) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(text)
        report.claim(offset, stop, "udeladt", label)


# ---- chapter 3: the themes

_EXTRA_ALIASES = {
    "boernefaglige_undersoegelser": ["Børnefaglig undersøgelse", "Børnefaglige undersøgelser"],
    "handleplan": ["Handleplaner", "Handleplan"],
    "personrettet_tilsyn": ["Det personrettede tilsyn", "Personrettet tilsyn",
                            "Personrettede tilsyn"],
    "afslutning_af_sager": ["Afslutning af sager"],
}


def theme_aliases() -> dict[str, list[str]]:
    """Each theme's headings as old reports write them, longest first."""
    aliases = {}
    for theme_id, theme in catalogues.themes().items():
        names = {theme.overskrift, *_EXTRA_ALIASES.get(theme_id, [])}
        aliases[theme_id] = sorted(names, key=len, reverse=True)
    return aliases


def _theme_headings(report: LegacyReport, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, theme id, heading as written) for each theme found, in source order."""
    text = report.source.text
    aliases = theme_aliases()
    order = list(aliases)
    found: dict[str, tuple[int, int, str]] = {}
    # 1. numbered headings: "3.4 Børnefaglige undersøgelser Temaets fokus …"
    for theme_id, names in aliases.items():
        alt = "|".join(re.escape(n) for n in names)
        match = _find(rf"(?<![\d.])3\.(\d{{1,2}})\.?\s+({alt})(?=\s+[{UPPER}\d])", text, start, end)
        if match:
            found[theme_id] = (match.start(), match.end(), match.group(0))
    # 2. a heading whose number was lost in the extraction: between its neighbours, after the
    #    previous theme's recommendations, the heading followed by a capitalised word.
    for index, theme_id in enumerate(order):
        if theme_id in found:
            continue
        before = [found[t] for t in order[:index] if t in found]
        after = [found[t] for t in order[index + 1:] if t in found]
        lo = before[-1][1] if before else start
        hi = after[0][0] if after else end
        rec = _ANBEFALER.search(text, lo, hi) if before else None
        if rec:
            lo = rec.end()
        alt = "|".join(re.escape(n) for n in aliases[theme_id])
        match = _find(rf"(?<![\w-])({alt})(?=\s+[{UPPER}])", text, lo, hi)
        if match and _find(r"Præsentation af|Task Forcens analyse|Styrker|Udfordringer",
                           text, match.end(), hi):
            found[theme_id] = (match.start(), match.end(), match.group(0))
            report.note(
                "advarsel",
                f"Temaet “{match.group(1)}” står uden afsnitsnummer i kildeteksten; temaets "
                "start er sat ved overskriften. Tjek at det foregående temas sidste punkt "
                "slutter rigtigt.",
                match.start(),
            )
    heads = sorted((s, e, t, h) for t, (s, e, h) in found.items())
    return heads


def _themes(report: LegacyReport, start: int, end: int) -> None:
    heads = _theme_headings(report, start, end)
    themes = catalogues.themes()
    if heads:
        report.claim(start, heads[0][0], "standard", "kapitel 3's indledning")
    for i, (h_start, h_end, theme_id, heading) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else end
        report.claim(h_start, h_end, "overskrift", f"tema {themes[theme_id].overskrift}")
        report.temaer[theme_id] = _theme(report, theme_id, heading, h_end, stop)
    for theme_id, theme in themes.items():
        if theme_id not in report.temaer and theme_id in _classic_ids():
            report.note("mangler", f"Temaet “{theme.overskrift}” er ikke fundet i kildeteksten; "
                        "det er ikke med i bundtet.")


def _classic_ids() -> list[str]:
    concept = catalogues.concepts().get("klassisk")
    return concept.theme_ids if concept else list(catalogues.themes())


def _subheading(text: str, match: re.Match, kommune: str | None) -> int:
    """The end of an inline subheading such as "Præsentation af Randers Kommunes arbejde med
    underretninger": after the lead words, an optional "<Kommune>s", then lowercase words up
    to the first capitalised word, where the body begins."""
    pos = match.end()
    genitive = re.compile(rf"\s*(?:{_NAME} Kommunes|kommunens)(?=\s)")
    g = genitive.match(text, pos)
    if g:
        pos = g.end()
    word = re.compile(rf"\s+[{LOWER}][\w/-]*(?=\s|$)")
    while True:
        w = word.match(text, pos)
        if not w:
            break
        pos = w.end()
    return pos


def _theme(report: LegacyReport, theme_id: str, heading: str, start: int, end: int):
    text = report.source.text
    title = catalogues.themes()[theme_id].overskrift
    item = ThemeImport(theme_id, heading, report.source.page(start),
                       report.source.page(max(start, end - 1)))
    pres = _find(r"Præsentation af\b", text, start, end)
    anal = _find(r"Task Forcens analyse af\b", text, pres.end() if pres else start, end)
    rec = _ANBEFALER.search(text, anal.end() if anal else start, end)
    lists_end = rec.start() if rec else end
    lists_from = anal.end() if anal else (pres.end() if pres else start)
    udf = _last(rf"(?<![\w-])Udfordringer(?=\s+[{UPPER}]|\s*$)", text, lists_from, lists_end)
    sty = _last(rf"(?<![\w-])Styrker(?=\s+[{UPPER}]|\s*$)", text, lists_from,
                udf.start() if udf else lists_end)
    # The text before the first subheading is the theme's fixed introduction.
    first = min((m.start() for m in (pres, anal, sty, udf, rec) if m), default=end)
    report.claim(start, first, "standard", f"{title}: fast indledning til temaet (værktøjet "
                 "skriver sin egen)")
    # Each part runs to the next subheading found.
    marks = sorted((m.start(), name, m) for name, m in
                   (("praesentation", pres), ("analyse", anal), ("styrker", sty),
                    ("udfordringer", udf), ("anbefalinger", rec)) if m)
    for j, (_, name, m) in enumerate(marks):
        part_end = marks[j + 1][0] if j + 1 < len(marks) else end
        if name in ("praesentation", "analyse"):
            body = _subheading(text, m, report.kommune)
        else:
            body = m.end()
        report.claim(m.start(), body, "overskrift", f"{title}: {name}")
        content = text[body:part_end].strip()
        report.claim(body, part_end, "placeret", f"{title}: {name}")
        if name in ("praesentation", "analyse"):
            setattr(item, name, content)
        else:
            setattr(item, name, split_items(content))
    labels = {"praesentation": "Præsentation", "analyse": "Task Forcens analyse",
              "styrker": "Styrker", "udfordringer": "Udfordringer",
              "anbefalinger": "Task Forcen anbefaler"}
    present = {name for _, name, _ in marks}
    for name, label in labels.items():
        if name not in present:
            report.note("mangler", f"{title}: overskriften “{label}” er ikke fundet; `{name}` "
                        "er tom.", start)
        elif not getattr(item, name):
            m = next(m for _, n, m in marks if n == name)
            report.note("mangler", f"{title}: overskriften “{label}” står i kilden uden tekst "
                        f"eller punkter under sig; `{name}` er tom.", m.start())
    return item


def _last(pattern: str, text: str, start: int, end: int):
    matches = list(re.compile(pattern).finditer(text, start, end))
    return matches[-1] if matches else None


# --------------------------------------------------------------------------------------------
# Writing


class _Block(str):
    """A long text, dumped as a YAML literal block (`|`)."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # list items indented under their key


def _represent_block(dumper: yaml.SafeDumper, data: _Block):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style="|")


_Dumper.add_representer(_Block, _represent_block)


def md_escape(text: str, block: bool = False) -> str:
    """Source text as Markdown that prints as written: emphasis markers escaped and, for a
    paragraph field, a leading list or heading marker ("1. ", "- ", "#") made literal."""
    text = re.sub(r"([\\`*_])", r"\\\1", text)
    if block:
        text = re.sub(r"^(\d{1,3})([.)])(?=\s)", r"\1\\\2", text)
        text = re.sub(r"^([-+>#])", r"\\\1", text)
    return text


def _block(text: str) -> str:
    text = "\n\n".join(md_escape(part, block=True) for part in paragraphs(text))
    return _Block(text) if len(text) > 60 else text


# A sentence that opens a new step of an analysis: where the source shows no paragraphs, a
# paragraph of PARAGRAPH_WORDS or more breaks before one of these.
_OPENS = re.compile(
    r"(?:Det fremgår|Det er Task Forcens|Task Forcen|Ankestyrelsens|Sagsgennemgangen|Ifølge|"
    r"I selvevalueringen|Af selvevalueringen|I interview|Af interview|Ved interview|"
    r"Derudover|Herudover|Desuden|Endelig|Samtidig|Dertil|Samlet set|Sammenfattende|"
    r"På baggrund|Socialrådgiverne|Ledelsen|Lederne|Kommunen)\b")
PARAGRAPH_WORDS = 80  # a paragraph this long may break before a sentence that opens a step
PARAGRAPH_MAX = 170  # and breaks at the next sentence end once it is this long


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an imported text. Where the source showed them (blank lines, or short
    lines ending a sentence: PARAGRAPH marks), those; otherwise the text is cut at sentence
    ends: before a sentence that opens a new step (_OPENS) once the paragraph has
    PARAGRAPH_WORDS words, and at any sentence end once it has PARAGRAPH_MAX."""
    if PARAGRAPH in text:
        return [p for p in (_plain(part) for part in text.split(PARAGRAPH)) if p]
    text = _plain(text)
    if not text:
        return []
    out, start = [], 0
    for end in [*sentence_ends(text), len(text)]:
        words = _words(text[start:end])
        following = text[end:].lstrip()
        if end == len(text) or (words >= PARAGRAPH_WORDS and _OPENS.match(following)) \
                or words >= PARAGRAPH_MAX:
            out.append(text[start:end].strip())
            start = end
    return [p for p in out if p]


def paragraph_rule(text: str) -> str:
    """How `paragraphs` found the text's paragraphs, for import-rapport.md."""
    return "som i kilden" if PARAGRAPH in text else "delt ved sætninger"


# Danish verbs whose present tense is not the infinitive + r.
_IRREGULAR = {"have": "har", "være": "er", "gøre": "gør", "se": "ser", "gå": "går", "få": "får",
              "vide": "ved", "skulle": "skal", "kunne": "kan", "ville": "vil", "burde": "bør"}
# Words ending in -e that open a recommendation without being a verb.
_NOT_VERBS = {"bedre", "flere", "større", "mindre", "øvrige", "nye", "alle", "hele", "samme",
              "egne", "andre", "fælles", "disse", "denne", "mere", "mange", "gode", "store",
              "lokale", "faglige", "tværfaglige", "både", "hvilke", "nogle", "ene", "eneste"}


def present_tense(item: str) -> str:
    """A recommendation as the tool's lead-in continues it ("Task Forcen anbefaler, at Randers
    Kommune: Sikrer …"): an opening verb in the infinitive ("Sikre", as older reports wrote
    after "anbefaler Randers Kommune at:") in the present tense; anything else unchanged."""
    match = re.match(rf"([{UPPER}][{LOWER}]+)(?=[\s,])", item)
    if match is None:
        return item
    word = match.group(1)
    low = word.lower()
    if low in _IRREGULAR:
        new = _IRREGULAR[low]
    elif low.endswith("e") and len(low) > 2 and low not in _NOT_VERBS:
        new = low + "r"
    else:
        return item
    return new[0].upper() + new[1:] + item[match.end():]


def recommendation_changes(report: LegacyReport) -> list[tuple[str, str, str]]:
    """(where, before, after) for every recommendation `present_tense` changes."""
    themes = catalogues.themes()
    lists = [("De centrale anbefalinger", report.anbefalinger)]
    lists += [(themes[t].overskrift, report.temaer[t].anbefalinger)
              for t in themes if t in report.temaer]
    return [(where, item, present_tense(item)) for where, items in lists for item in items
            if present_tense(item) != item]


def _items(items: list[str]) -> list[str]:
    return [md_escape(item) for item in items]


def _recommendations(items: list[str]) -> list[str]:
    return _items([present_tense(item) for item in items])


def bundle_data(report: LegacyReport) -> dict:
    """The rapport.yaml mapping; keys that could not be found are left out."""
    data: dict = {"dokument": "analyserapport", "koncept": "klassisk"}
    if report.kommune:
        data["kommune"] = report.kommune
    if report.dato:
        data["dato"] = report.dato
    data["referencegruppe"] = list(report.referencegruppe)
    if report.dataindsamling:
        data["dataindsamling"] = {"fra": report.dataindsamling[0],
                                  "til": report.dataindsamling[1]}
    data["resume"] = _block(report.resume)
    data["anbefalinger"] = _recommendations(report.anbefalinger)
    temaer = {}
    for theme_id in [t for t in catalogues.themes() if t in report.temaer]:
        t = report.temaer[theme_id]
        temaer[theme_id] = {
            "praesentation": _block(t.praesentation),
            "analyse": _block(t.analyse),
            "styrker": _items(t.styrker),
            "udfordringer": _items(t.udfordringer),
            "anbefalinger": _recommendations(t.anbefalinger),
        }
    data["temaer"] = temaer
    return data


def bundle_yaml(report: LegacyReport, source_name: str) -> str:
    header = [
        f"# Importeret af `taskforce-report import-legacy` fra {source_name}.",
        "# Se import-rapport.md for hvad der ikke kunne findes eller placeres, og",
        "# docs/bundle-format.md for alle nøgler.",
    ]
    if not report.kommune:
        header.append("# kommune: <Navn> Kommune      (ikke fundet i kilden; udfyld)")
    if not report.dato:
        header.append("# dato: ÅÅÅÅ-MM-DD             (ikke fundet i kilden; udfyld)")
    if not report.dataindsamling:
        header.append("# dataindsamling: {fra: ÅÅÅÅ-MM-DD, til: ÅÅÅÅ-MM-DD}   (ikke fundet)")
    body = yaml.dump(bundle_data(report), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000, default_flow_style=False)
    return "\n".join(header) + "\n" + body


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _excerpt(text: str, head: int = 90, tail: int = 50) -> str:
    text = _plain(text)
    if len(text) <= head + tail + 5:
        return text
    return f"{text[:head].rstrip()} … {text[-tail:].lstrip()}"


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _paragraph_section(report: LegacyReport) -> list[str]:
    themes = catalogues.themes()
    out = ["## Afsnit", "",
           "Den udtrukne tekst har ofte ingen tomme linjer. Hvor kilden viser afsnit (tomme "
           "linjer, eller korte linjer, der slutter en sætning, i tekst af hele linjer), er de "
           "bevaret; ellers er teksten delt, hvor en sætning slutter: før en sætning, der "
           f"indleder et nyt led (fx “Det fremgår”, “Task Forcen”, “Derudover”), når afsnittet "
           f"har mindst {PARAGRAPH_WORDS} ord, og ved første sætningsslut efter "
           f"{PARAGRAPH_MAX} ord. Læs afsnittene igennem i den byggede PDF.", "",
           "| tekst | ord | afsnit | sådan |", "|---|---|---|---|"]
    fields = [("Resume", report.resume)]
    for theme_id, theme in themes.items():
        t = report.temaer.get(theme_id)
        if t is not None:
            fields += [(f"{theme.overskrift}: præsentation", t.praesentation),
                       (f"{theme.overskrift}: analyse", t.analyse)]
    for label, text in fields:
        if text:
            out.append(f"| {label} | {_words(text)} | {len(paragraphs(text))} | "
                       f"{paragraph_rule(text)} |")
    return out + [""]


def _recommendation_section(report: LegacyReport, changes) -> list[str]:
    out = ["## Anbefalinger tilpasset værktøjets indledning", "",
           f"Værktøjet indleder anbefalingerne med “Task Forcen anbefaler, at "
           f"{report.kommune or '<kommune>'}:”, så hvert punkt skal begynde med et udsagnsord i "
           "nutid. Ændret her (ret det, der ikke passer):", ""]
    if not changes:
        return out + ["Ingen: alle anbefalinger begyndte allerede sådan.", ""]
    out += ["| hvor | i kilden | i bundtet |", "|---|---|---|"]
    for where, before, after in changes:
        first, then = before.split(" ", 1) if " " in before else (before, "")
        new = after.split(" ", 1)[0]
        rest = f" {then[:50].rstrip()}" + (" …" if len(then) > 50 else "") if then else ""
        out.append(f"| {_cell(where)} | {_cell(first)}{_cell(rest)} | {_cell(new)}{_cell(rest)} |")
    return out + [""]


# What the imported text cites, and the bundle file that makes "Analysens grundlag" (1.5) say it.
_SOURCES = (
    (r"sagsgennemgang|gennemgåede sager", "en sagsgennemgang", "sagsgennemgang.csv"),
    (r"\binterview", "interviews", "interviews.yaml"),
    (r"selvevaluering", "en selvevaluering", "selvevaluering.csv"),
    (r"nøgletal", "nøgletal", "noegletal.csv"),
)


def _basis_section(report: LegacyReport) -> list[str]:
    texts = [report.resume] + [part for t in report.temaer.values()
                               for part in (t.praesentation, t.analyse)]
    whole = " ".join(texts).lower()
    cited = [(what, file) for pattern, what, file in _SOURCES if re.search(pattern, whole)]
    out = ["## Analysens grundlag", "",
           "Afsnit 1.5 nævner kun det datamateriale, bundtet selv har; uden tabellerne nævner "
           "det alene skriftligt materiale fra kommunen.", ""]
    if cited:
        out += ["Den importerede tekst henviser til:", ""]
        out += [f"- {what}: læg `{file}` i bundtet, så grundlaget nævner den" for what, file
                in cited]
    return out + [""]


def import_report_md(report: LegacyReport, source_name: str) -> str:
    changes = recommendation_changes(report)
    source = report.source
    themes = catalogues.themes()
    out = [f"# Importrapport: {source_name}", ""]
    span = (f"side {source.pages[0]}–{source.pages[-1]}" if source.pages else "ingen sider")
    of_total = f" af {source.total}" if source.total else ""
    out += [
        f"Importeret med `taskforce-report import-legacy` fra `{source_name}` ({span}{of_total}).",
        "Intet i `rapport.yaml` er skrevet til: hvert felt er tekst fra kilden, og hvad der ikke "
        "kunne findes, er tomt eller udeladt og står nedenfor. Sidetal er kildens sidetal.",
        "",
        "## Det importerede",
        "",
        "| felt | værdi | fundet |",
        "|---|---|---|",
        f"| kommune | {report.kommune or '—'} | {report.found.get('kommune', 'ikke fundet')} |",
        f"| dato | {report.dato.isoformat() if report.dato else '—'} | "
        f"{_cell(report.found.get('dato', 'ikke fundet'))} |",
    ]
    period = (f"{report.dataindsamling[0].isoformat()} – {report.dataindsamling[1].isoformat()}"
              if report.dataindsamling else "—")
    out.append(f"| dataindsamling | {period} | "
               f"{_cell(report.found.get('dataindsamling', 'ikke fundet'))} |")
    out.append(f"| referencegruppe | {', '.join(report.referencegruppe) or '—'} | "
               f"{report.found.get('referencegruppe', 'ikke fundet')} |")
    out.append(f"| resume | {_words(report.resume)} ord | "
               f"{report.found.get('resume', 'ikke fundet')} |")
    out.append(f"| anbefalinger | {len(report.anbefalinger)} punkter | "
               f"{report.found.get('anbefalinger', 'ikke fundet')} |")
    out += [
        "",
        "### Temaer",
        "",
        "| tema | i kilden | sider | præsentation | analyse | styrker | udfordringer | "
        "anbefalinger |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for theme_id, theme in themes.items():
        t = report.temaer.get(theme_id)
        if t is None:
            out.append(f"| {theme.overskrift} | ikke fundet | | | | | | |")
            continue
        out.append(
            f"| {theme.overskrift} | “{_cell(t.heading)}” | "
            f"{page_range(t.first_page, t.last_page)} | {_words(t.praesentation)} ord | "
            f"{_words(t.analyse)} ord | {len(t.styrker)} | {len(t.udfordringer)} | "
            f"{len(t.anbefalinger)} |"
        )
    out += [
        "",
        "Punktlister står i den udtrukne tekst som ét afsnit; de er delt i punkter, hvor en "
        "sætning slutter, og den næste begynder med stort bogstav. Et punkt på flere sætninger "
        "bliver derfor til flere punkter, og punkter uden punktum til sidst hænger sammen: "
        "læs listerne igennem i den byggede PDF.",
        "",
    ]
    out += _paragraph_section(report) + _recommendation_section(report, changes)
    out += _basis_section(report)
    for kind, title in (("antagelse", "Antagelser"), ("mangler", "Ikke fundet"),
                        ("advarsel", "Tjek")):
        notes = [n for n in report.notes if n.kind == kind]
        if not notes:
            continue
        out += [f"## {title}", ""]
        for n in notes:
            where = f" (s. {n.page})" if n.page else ""
            out.append(f"- {n.text}{where}")
        out.append("")
    skipped = [c for c in report.claims if c.kind in ("standard", "udeladt")]
    out += [
        "## Tekst, der ikke er placeret i bundtet",
        "",
        "Fast tekst, som værktøjet selv skriver (indledninger, temaernes faste afsnit), og "
        "kapitler, hvis indhold hører hjemme i bundtets tabeller frem for i `rapport.yaml`:",
        "",
        "| sider | hvad | ord | begynder … slutter |",
        "|---|---|---|---|",
    ]
    for c in sorted(skipped, key=lambda c: c.start):
        chunk = source.text[c.start:c.end]
        if not re.search(r"\w{2}", chunk):
            continue
        out.append(f"| {report.pages(c.start, c.end)} | {_cell(c.label)} | {_words(chunk)} | "
                   f"{_cell(_excerpt(chunk))} |")
    gaps = report.unplaced()
    out += ["", "Tekst, som ingen overskrift kunne placere:", ""]
    if gaps:
        out += ["| sider | ord | tekst |", "|---|---|---|"]
        for start, end in gaps:
            chunk = source.text[start:end]
            out.append(f"| {report.pages(start, end)} | {_words(chunk)} | "
                       f"{_cell(_excerpt(chunk, 160, 80))} |")
    else:
        out.append("Ingen.")
    out.append("")
    return "\n".join(out)


@dataclass(frozen=True)
class ImportResult:
    report: LegacyReport
    written: tuple[Path, ...]


def import_legacy(source_path: Path, bundle: Path) -> ImportResult:
    """Reads SOURCE_PATH, writes BUNDLE/rapport.yaml and BUNDLE/import-rapport.md."""
    from taskforce_report.core.errors import input_error
    from taskforce_report.output.pdf import write_atomic

    source_path, bundle = Path(source_path), Path(bundle)
    target = bundle / REPORT_FILE
    if target.exists():
        raise input_error(str(target), "", "findes allerede; vælg en ny mappe til det "
                          "importerede bundt")
    if bundle.exists() and not bundle.is_dir():
        raise input_error(str(bundle), "", "findes og er ikke en mappe")
    from taskforce_report.core.safeio import read_input

    # a file named on the command line: a link is followed, a FIFO or a device refused
    raw = read_input(source_path, str(source_path), follow=True)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise input_error(str(source_path), f"byte {exc.start}",
                          "filen er ikke UTF-8; gem teksten som UTF-8") from None
    report = parse(text)
    if not (report.temaer or report.resume or report.anbefalinger):
        raise input_error(str(source_path), "", "genkender ikke en analyserapport: hverken "
                          "temaer, resume eller anbefalinger blev fundet")
    name = source_path.name
    notes_path = bundle / IMPORT_REPORT_FILE
    write_atomic(notes_path, import_report_md(report, name))
    write_atomic(target, bundle_yaml(report, name))
    return ImportResult(report, (target, notes_path))

"""The report as recognised: what the parser found (`LegacyReport`, its themes), each span
of the source claimed, and the notes for the import report."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from taskforce_report.tools.legacy.reading import Source


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

"""The status report on a development plan (dokument: statusrapport): the committee's focus
points, the development points with their efforts and goals, free sections, the committee
memo (--format notat) and the slide deck (--format slides, see analyse/slides.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, PlainValidator, field_validator, model_validator

from taskforce_report.models.common import Appearance, Markdown, Strict, check_isbn
from taskforce_report.models.goals import AuditSettings, Goal


class FocusPoints(Strict):
    """The committee's focus points for the reporting (seed 001 opens with four)."""

    besluttet: dt.date | None = None  # the date the committee decided them
    punkter: list[str] = Field(min_length=1)


class Effort(Strict):
    """One row of the Indsats | Status table. A row without `indsats` continues the one above
    (seed 001 lets an effort's status run over several rows); `tekst` is printed after the row,
    across the table, before the next."""

    indsats: Markdown = ""
    status: Markdown = ""
    tekst: Markdown = ""

    @model_validator(mode="after")
    def _something(self) -> Effort:
        if not (self.indsats or self.status or self.tekst):
            raise ValueError("en række skal have indsats, status eller tekst")
        return self


class DevelopmentPoint(Strict):
    titel: str = Field(min_length=1)
    formaal: Markdown = ""
    indsatser: list[Effort] = Field(default_factory=list)
    tekst: Markdown = ""  # after the Indsats | Status table
    maal: list[Goal] = Field(default_factory=list)
    # inside a course: the development plan's focus area (its titel) whose goals this point
    # reports on, instead of repeating them under maal (course.py)
    indsatsomraade: str | None = None

    @model_validator(mode="after")
    def _first_effort_named(self) -> DevelopmentPoint:
        if self.indsatser and not self.indsatser[0].indsats and self.indsatser[0].status:
            raise ValueError("indsatser[0] mangler indsats: kun en senere række kan fortsætte "
                             "rækken over sig")
        return self


class FreeSection(Strict):
    titel: str = Field(min_length=1)
    tekst: Markdown = Field(min_length=1)
    fokuspunkt: int | None = Field(default=None, ge=1)  # the focus point it answers (1, 2, …)


class Decision(Strict):
    """The end of a treated agenda item (seed 003): "Beslutning i Uddannelsesudvalget den 4.
    september 2017:", the members absent, the decision."""

    udvalg: str = ""  # default the report's udvalg
    dato: dt.date
    fravaerende: list[str] = Field(default_factory=list)  # "Anders Hansen (V)"
    tekst: Markdown = Field(min_length=1)  # "Til orientering."


class Memo(Strict):
    """rapport.yaml `notat:`: the committee memo (--format notat), in the shape of seed 003."""

    moede: dt.date  # the committee meeting
    punkt: int = Field(ge=1)  # the item's number on the agenda
    titel: str = ""  # the item's title; default the report's titel
    sagsnr: str = ""
    doknr: str = ""
    aabent: bool = True  # Åbent / Lukket
    kompetence: str = ""  # default the committee
    beslutningstema: Markdown = ""  # default: the committee takes the status for orientation
    baggrund: Markdown = ""
    retligt_grundlag: Markdown = ""
    handlemuligheder: Markdown = ""
    vurdering: Markdown = ""
    oekonomi: Markdown = "Ingen bemærkninger."  # økonomiske og personalemæssige konsekvenser
    andre_udvalg: Markdown = "Ingen bemærkninger."  # konsekvenser for andre udvalg
    indstiller: str = ""  # "Centerchefen for Børn og Familie indstiller på forvaltningens vegne,"
    indstilling: list[Markdown] = Field(default_factory=list)  # each "at …"
    statustabel: bool = True  # "Status på målene": the overview of the goals (seed 003 has none)
    beslutning: Decision | None = None  # the committee's decision, once the item was treated


# ---- the committee slide deck of a status report (--format slides, see slides.py) ----

def _amount(value: object) -> int | float | str:
    """A number, or text for slides.py to read as a Danish number; not ja/nej or a list."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        found = {bool: "ja/nej", list: "en liste", dict: "en samling af nøgler"}.get(
            type(value), type(value).__name__)
        raise ValueError(f"forventede et tal, fandt {found}")
    if isinstance(value, float) and (value != value or abs(value) == float("inf")):
        raise ValueError("forventede et endeligt tal (ikke .inf eller .nan)")
    return value


# A figure of a slide's table or headline: a number, or Danish text such as "-5.300" or
# "1.234,5" written in quotes (unquoted, YAML reads -5.300 as -5,3; slides.py refuses that).
Amount = Annotated[int | float | str, PlainValidator(_amount)]


class HeadlineFigure(Strict):
    """One large number on a slide: typed, with its source and year, or the latest audit result
    of a goal (`kriterium`), so a figure the report already has is not typed twice."""

    tal: Amount | None = None  # 2756
    tekst: str = ""  # what it counts: "underretninger i 2022"
    kilde: str = ""  # where it comes from: "DUBU", "Danmarks Statistik"
    aar: int | None = None  # the year it is from
    kriterium: str | None = None  # the goal measured by this audit criterion: its latest share

    @model_validator(mode="after")
    def _one_source(self) -> HeadlineFigure:
        if (self.tal is None) == (self.kriterium is None):
            raise ValueError("et nøgletal skal have enten tal (med tekst) eller kriterium (et "
                             "mål fra ledelsestilsynet)")
        if self.tal is not None and not self.tekst:
            raise ValueError("et tastet nøgletal skal have tekst: hvad det tæller, fx "
                             "\"underretninger i 2022\" (kilde og aar kan stå ved det)")
        return self


class TableRow(Strict):
    navn: str = Field(min_length=1)  # "Familiebehandling"
    tal: list[Amount] = Field(min_length=1)  # one per column


class SlideTable(Strict):
    """A table of figures by column, e.g. a savings plan by area and year (seed 004)."""

    overskrift: str = ""  # the first column's heading: "Børne- og ungeområdet"
    enhed: str = ""  # "1.000 kr."
    kolonner: list[str | int] = Field(min_length=1)  # 2023, 2024, …
    raekker: list[TableRow] = Field(min_length=1)
    i_alt: list[Amount] | None = None  # the sum row as the source has it; checked against rows


class Slide(Strict):
    """One slide: free text, headline figures, the goals' overview, a goal's chart or a table."""

    titel: str = ""
    tekst: Markdown = ""  # Markdown: a free slide's bullets, or a line above figures/table
    noegletal: list[HeadlineFigure] = Field(default_factory=list)
    overblik: bool = False  # the overview of goals against milestones
    maal: str | None = None  # the chart of the goal measured by this audit criterion
    tabel: SlideTable | None = None
    kolonner: list[Markdown] = Field(default_factory=list)  # two or three texts side by side

    @model_validator(mode="after")
    def _one_kind(self) -> Slide:
        kinds = [k for k, v in (("noegletal", self.noegletal), ("overblik", self.overblik),
                                ("maal", self.maal), ("tabel", self.tabel),
                                ("kolonner", self.kolonner)) if v]
        if len(kinds) > 1:
            raise ValueError(f"et dias viser én ting; fandt {' og '.join(kinds)}: del det i "
                             "flere dias")
        if self.kolonner and not 2 <= len(self.kolonner) <= 3:
            raise ValueError(f"kolonner skal have to eller tre tekster; fandt "
                             f"{len(self.kolonner)}")
        if not kinds and not (self.titel or self.tekst):
            raise ValueError("et dias skal have mindst en titel (alene er det et skilledias) "
                             "eller tekst, noegletal, overblik, maal, tabel eller kolonner")
        return self


class SlideDeck(Strict):
    """rapport.yaml `dias:`: the deck for the committee (--format slides), in the order given."""

    titel: str = ""  # the title slide; default the report's titel
    undertitel: str = ""  # e.g. "v. afdelingsleder Anne Holm"
    moede: dt.date | None = None  # the committee meeting: "Børne- og Ungeudvalget den 2. maj 2023"
    sider: list[Slide] = Field(min_length=1)


class StatusDisplay(Strict):
    """rapport.yaml `visning:`: what of the audit the status report shows (seed 001 shows
    neither an overview, marks nor charts)."""

    overblik: bool = True  # the overview chapter of every goal
    vurderinger: bool = True  # the marks Opfyldt / Tæt på / Ikke opfyldt / Ikke målt
    figurer: bool = True  # a chart per goal measured in two rounds or more


class StatusReport(Strict):
    dokument: Literal["statusrapport"]
    koncept: str = "status"
    kommune: str = Field(min_length=1)
    afdeling: str = Field(min_length=1)
    udvalg: str = Field(min_length=1)
    dato: dt.date
    tema: str = "kommune"
    titel: str = "Status på udviklingsplanen"
    isbn: str = ""  # the digital edition's ISBN-13, printed in the imprint when given
    _isbn = field_validator("isbn")(check_isbn)
    udseende: Appearance = Field(default_factory=lambda: Appearance())
    fokuspunkter: FocusPoints | None = None
    indledning: Markdown = ""
    ledelsestilsyn: AuditSettings = Field(default_factory=lambda: AuditSettings())
    visning: StatusDisplay = Field(default_factory=lambda: StatusDisplay())
    udviklingspunkter: list[DevelopmentPoint] = Field(min_length=1)
    afsnit: list[FreeSection] = Field(default_factory=list)
    notat: Memo | None = None
    dias: SlideDeck | None = None
    skjul: list[str] = Field(default_factory=list)  # names that must never appear (privacy.py)

    def theme_overrides(self) -> dict:
        """The theme settings the bundle sets (themes.with_overrides): name, logo, colours."""
        return self.udseende.theme_overrides(self.kommune)

"""The analysis report (dokument: analyserapport, the classic themes or the pejlemærker): its
themes' texts, the municipality's starting point from its application, and the settings of
its evidence."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from taskforce_report.models.common import Markdown, Period, Strict, check_isbn
from taskforce_report.models.evidence import CaseReviewText, KeyFigureSettings, SocialWorkText


class ThemeText(Strict):
    """One theme of the analysis: presentation, analysis and the three lists."""

    praesentation: Markdown = ""
    analyse: Markdown = ""
    styrker: list[Markdown] = Field(default_factory=list)
    udfordringer: list[Markdown] = Field(default_factory=list)
    anbefalinger: list[Markdown] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.praesentation or self.analyse or self.styrker or self.udfordringer
            or self.anbefalinger
        )


class AnalysisReport(Strict):
    dokument: Literal["analyserapport"]
    koncept: str = "klassisk"
    kommune: str = Field(min_length=1)
    dato: dt.date
    tema: str = "socialstyrelsen"
    titel: str = "Analyserapport"
    isbn: str = ""  # the digital edition's ISBN-13, printed in the imprint when given
    _isbn = field_validator("isbn")(check_isbn)
    referencegruppe: list[str] = Field(default_factory=list)
    dataindsamling: Period
    resume: Markdown = ""
    anbefalinger: list[Markdown] = Field(default_factory=list)
    temaer: dict[str, ThemeText] = Field(default_factory=dict)
    sagsgennemgang: CaseReviewText = Field(default_factory=lambda: CaseReviewText())
    socialfaglig: SocialWorkText = Field(default_factory=lambda: SocialWorkText())
    noegletal: KeyFigureSettings = Field(default_factory=lambda: KeyFigureSettings())
    # the municipality's own account from its application (`new --fra-ansoegning`), chapter 1
    udgangspunkt: StartingPoint | None = None
    skjul: list[str] = Field(default_factory=list)  # names that must never appear (privacy.py)


class ContactName(Strict):
    """A person by name and title only: no phone or e-mail travels into an analysis report."""

    navn: str = Field(min_length=1)
    titel: str = ""


class StartingPoint(Strict):
    """rapport.yaml `udgangspunkt:`: the municipality's starting point as its application for
    the course described it (seed 000, section 3), printed at the end of chapter 1."""

    ansoegning: dt.date | None = None  # the date of the application
    kontakt: ContactName | None = None  # the municipality's contact person in the application
    direktoer: ContactName | None = None  # the director who signed the application
    indledende_moede: dt.date | None = None  # the introductory meeting with the Task Force
    politisk_behandling: dt.date | None = None  # the political decision to apply
    status: Markdown = ""  # the overall status of the casework
    organisation: Markdown = ""  # how the municipality is organised
    oensker: Markdown = ""  # what it wants to develop and improve
    hidtidige_indsatser: Markdown = ""  # what it has done so far
    forventninger: Markdown = ""  # what it expects of the course

    def is_empty(self) -> bool:
        return not (self.status or self.organisation or self.oensker
                    or self.hidtidige_indsatser or self.forventninger)

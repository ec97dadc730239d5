"""The Task Force's own status report at the end of a course (dokument: taskforce-status): its
assessment per area, the status measurement of the case review, its services (see
analyse/tfstatus.py)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from taskforce_report.models.common import (
    CountingRule,
    Markdown,
    Period,
    Strict,
    check_isbn,
    month_key,
)
from taskforce_report.models.evidence import SocialWorkText


class StatusAreaText(Strict):
    """One pejlemærke (or classic theme) of the Task Force's status report."""

    vurdering: Markdown = ""  # the Task Force's assessment: chapter "Task Forcens vurdering"
    bemaerkninger: Markdown = ""  # its remarks on the municipality's account of the area
    redegoerelse: Markdown = ""  # the municipality's closing account of the area (appendix)

    def is_empty(self) -> bool:
        return not (self.vurdering or self.bemaerkninger or self.redegoerelse)


class StatusMeasurementText(Strict):
    """rapport.yaml `statusmaaling:`: the case review repeated on new cases (sagsgennemgang.csv,
    runde baseline and status)."""

    udvaelgelse: Markdown = ""  # how the new cases were selected
    baseline: str | None = None  # the month of the first review, ÅÅÅÅ-MM
    status: str | None = None  # the month of the status review
    # a second reading shown beside the criterion's own figures, labelled (e.g.
    # helt_eller_delvist_hvor_relevant); the figures themselves always follow the criterion's
    # declared rule (kriterier.yaml `optaelling`), so they agree with the analysis report
    anden_laesning: CountingRule | None = None
    tal: Literal["cifre", "ord"] = "cifre"  # counts in generated phrases: 8 or otte

    @model_validator(mode="before")
    @classmethod
    def _no_own_rule(cls, value: object) -> object:
        if isinstance(value, dict) and "optaelling" in value:
            raise ValueError(
                "optaelling hører ikke hjemme her: et kriterium tælles efter sin egen regel "
                "(optaelling i kriterier.yaml), så statusmålingen og analyserapporten giver "
                "samme tal; vil du vise en anden læsning ved siden af, så skriv "
                f"anden_laesning: {value['optaelling']}")
        return value

    @field_validator("baseline", "status", mode="before")
    @classmethod
    def _month(cls, value: object) -> str | None:
        return None if value is None else month_key(value)


class Service(Strict):
    """rapport.yaml `ydelser:`: one of the Task Force's services or courses during the course,
    for the appendix "Task Forcens ydelser til …"."""

    titel: str = Field(min_length=1)  # "Kursus i faglig analyse (ICS)"
    art: Literal["ydelse", "kursus"] = "ydelse"
    dato: dt.date | None = None  # when it took place (the first day of a course)
    deltagere: str = ""  # who took part: "Socialrådgivere i Team Børn og Team Unge"
    beskrivelse: Markdown = ""


class TaskForceStatusReport(Strict):
    """dokument: taskforce-status: the Task Force's own report at the end of a course."""

    dokument: Literal["taskforce-status"]
    koncept: str = "tf_pejlemaerker"  # areas: the four pejlemærker, or tf_klassisk's themes
    kommune: str = Field(min_length=1)
    dato: dt.date
    tema: str = "socialstyrelsen"
    titel: str = "Statusrapport"
    isbn: str = ""  # the digital edition's ISBN-13, printed in the imprint when given
    _isbn = field_validator("isbn")(check_isbn)
    forloeb: Period | None = None  # the course, from the cooperation agreement to its end
    analyserapport: dt.date | None = None  # the date of the analysis report that began it
    indledning: Markdown = ""  # the bundle's own opening of chapter 1
    datagrundlag: list[Markdown] = Field(default_factory=list)  # further sources, one a line
    samlet_vurdering: Markdown = ""  # the Task Force's overall assessment
    temaer: dict[str, StatusAreaText] = Field(default_factory=dict)
    redegoerelse: Markdown = ""  # the opening of the municipality's closing account
    anbefalinger: list[Markdown] = Field(default_factory=list)  # for the time after the course
    statusmaaling: StatusMeasurementText = Field(
        default_factory=lambda: StatusMeasurementText())
    # the social-work part of the status measurement (socialfaglig.csv), as in Svendborg 2019
    socialfaglig: SocialWorkText = Field(default_factory=lambda: SocialWorkText())
    ydelser: list[Service] = Field(default_factory=list)  # the appendix of services and courses
    skjul: list[str] = Field(default_factory=list)  # names that must never appear (privacy.py)

"""The municipality's application for a Task Force course (dokument: ansoegning, seed 000): its
contacts, the form's sections and the secretariat it is sent to (see analyse/application.py)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator

from taskforce_report.models.common import Markdown, Strict, month_key

_CONTACT_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# as privacy.py finds them: 8 digits, alone or in pairs/fours, optionally after +45 or 0045
_CONTACT_PHONE = re.compile(r"^(?:(?:\+|00)45 ?)?(?:\d{2} ?){3}\d{2}$")


def _as_text(value: object) -> object:
    """`telefon: 12345678` and `cvr: 11223344` are numbers to YAML; they are read as written."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Contact(Strict):
    """A person the application names, with the phone and e-mail the form asks for. The
    personal-data guard lets exactly these values through in an application (privacy.py)."""

    navn: str = Field(min_length=1)
    titel: str = ""  # "direktør for Børn og Unge"
    telefon: str = ""  # 8 digits: "12 34 56 78"
    email: str = ""

    _text = field_validator("telefon", mode="before")(_as_text)

    @field_validator("telefon")
    @classmethod
    def _phone(cls, value: str) -> str:
        if value and not _CONTACT_PHONE.match(value):
            raise ValueError(f"forventede et telefonnummer med 8 cifre, fx 12 34 56 78; "
                             f"fandt '{value}'")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not _CONTACT_EMAIL.match(value):
            raise ValueError(f"forventede en e-mailadresse som navn@kommune.dk; fandt '{value}'")
        return value


class Meeting(Strict):
    """A step before the application: the first meeting, the political decision."""

    dato: dt.date | None = None
    tekst: Markdown = ""


class ApplicationMotivation(Strict):
    """Section 3, Motivation for ansøgningen."""

    status: Markdown = ""  # the overall status of the casework (cases, notifications, …)
    organisation: Markdown = ""  # how the municipality is organised
    oensker: Markdown = ""  # what it wants to develop and improve
    hidtidige_indsatser: Markdown = ""  # what it has done so far for quality
    forventninger: Markdown = ""  # what it expects of the course


class CaseStatistics(Strict):
    """How the figures of sager.csv and underretninger.csv were counted."""

    opgjort: dt.date | None = None  # the day the cases per team were counted
    kilde: str = ""  # default: the municipality


class OtherActivities(Strict):
    """Section 5, Øvrige aktiviteter på området."""

    tiltag: Markdown = ""  # other development work under way, who, until when
    sammenhaeng: Markdown = ""  # how it fits the course; the capacity to start now
    omorganisering: Markdown = ""  # plans to reorganise


class CourseStart(Strict):
    """Section 6, Opstart og fremdrift."""

    oensket_start: str | None = None  # the month the municipality would like to start, ÅÅÅÅ-MM
    mulige: list[str] = Field(default_factory=list)  # the starts the Task Force offers, ÅÅÅÅ-MM
    begrundelse: Markdown = ""  # why then
    fremdrift: Markdown = ""  # how progress and resources are secured

    @field_validator("oensket_start", mode="before")
    @classmethod
    def _month(cls, value: object) -> str | None:
        return None if value is None else month_key(value)

    @field_validator("mulige", mode="before")
    @classmethod
    def _months(cls, value: object) -> object:
        if isinstance(value, list):
            return [month_key(v) for v in value]
        return value


class Secretariat(Strict):
    """Where the form is sent and questions go: the Task Force's secretariat."""

    navn: str = "Task Force-sekretariatet i Socialstyrelsen"
    email: str = ""  # taskforce@socialstyrelsen.dk

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not _CONTACT_EMAIL.match(value):
            raise ValueError(f"forventede en e-mailadresse som navn@styrelse.dk; fandt '{value}'")
        return value


class Application(Strict):
    """dokument: ansoegning: the municipality's application for a Task Force course, in the
    seven sections of Socialstyrelsen's form (seed 000)."""

    dokument: Literal["ansoegning"]
    koncept: str = "ansoegning"
    kommune: str = Field(min_length=1)
    adresse: str = ""  # "Torvet 1, 9999 Fjordlund"; a line break is kept
    cvr: str = ""  # the municipality's CVR number, 8 digits
    dato: dt.date | None = None  # the date of the application; the form itself has none
    tema: str = "socialstyrelsen"
    titel: str = "Ansøgning om et Task Force-forløb"
    # the deadline for applications, with its time of day when given: 2019-11-22 12:00
    frist: dt.datetime | dt.date | None = None
    sekretariat: Secretariat = Field(default_factory=lambda: Secretariat())
    sted: str = ""  # where the director signs; default the municipality's name without "Kommune"
    projektansvarlig: Contact  # the director, who signs
    kontaktperson: Contact | None = None  # the contact person while the application is handled
    indledende_moede: Meeting = Field(default_factory=lambda: Meeting())
    politisk_behandling: Meeting = Field(default_factory=lambda: Meeting())
    motivation: ApplicationMotivation = Field(default_factory=lambda: ApplicationMotivation())
    statistik: CaseStatistics = Field(default_factory=lambda: CaseStatistics())
    parathed: Markdown = ""  # section 4
    oevrige_aktiviteter: OtherActivities = Field(default_factory=lambda: OtherActivities())
    opstart: CourseStart = Field(default_factory=lambda: CourseStart())
    forankring: Markdown = ""  # section 7: where the course is anchored
    bilag: list[str] = Field(default_factory=list)  # the attachments sent with it
    skjul: list[str] = Field(default_factory=list)  # names that must never appear (privacy.py)

    _text = field_validator("cvr", mode="before")(_as_text)

    @field_validator("cvr")
    @classmethod
    def _cvr(cls, value: str) -> str:
        if value and not re.fullmatch(r"\d{8}", value.replace(" ", "")):
            raise ValueError(f"forventede et CVR-nummer med 8 cifre; fandt '{value}'")
        return value

    def published_contacts(self) -> tuple[str, ...]:
        """The phone numbers and e-mail addresses the form prints (the director's and the
        contact person's) and the CVR number: the values the personal-data guard allows."""
        people = [p for p in (self.projektansvarlig, self.kontaktperson) if p is not None]
        values = [v for p in people for v in (p.telefon, p.email) if v]
        if self.sekretariat.email:
            values.append(self.sekretariat.email)
        return tuple(values + ([self.cvr] if self.cvr else []))

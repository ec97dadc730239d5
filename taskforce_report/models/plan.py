"""The development plan (dokument: udviklingsplan): focus areas, each with the recommendations
it answers, a table of activities and goals in the status report's model (`goals`).
analyse/plan.py turns it into the plan's facts; load/checks.py checks its goals' criteria."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from taskforce_report.models.common import Appearance, Markdown, Period, Strict, month_key
from taskforce_report.models.goals import AuditSettings, Goal, RecommendationRef

DOCUMENT = "udviklingsplan"


class Activity(Strict):
    """One row of a focus area's table of activities."""

    aktivitet: Markdown = Field(min_length=1)
    maalgruppe: str = ""  # "Socialrådgivere i Modtagelsen"
    formaal: Markdown = ""
    ansvarlig: str = ""  # the one responsible, or the supplier: "Teamleder, Modtagelsen"
    start: str | None = None  # ÅÅÅÅ-MM
    slut: str | None = None
    anbefalinger: list[RecommendationRef] = Field(default_factory=list)

    @field_validator("start", "slut", mode="before")
    @classmethod
    def _month(cls, value: object) -> str | None:
        return None if value is None or value == "" else month_key(value)

    @model_validator(mode="after")
    def _ordered(self) -> Activity:
        if self.start and self.slut and self.slut < self.start:
            raise ValueError(f"slut ({self.slut}) ligger før start ({self.start})")
        return self


class FocusArea(Strict):
    titel: str = Field(min_length=1)
    formaal: Markdown = ""
    anbefalinger: list[RecommendationRef] = Field(default_factory=list)  # the area answers
    aktiviteter: list[Activity] = Field(default_factory=list)
    maal: list[Goal] = Field(default_factory=list)


class DevelopmentPlan(Strict):
    dokument: Literal["udviklingsplan"]
    koncept: str = "udviklingsplan"
    kommune: str = Field(min_length=1)
    afdeling: str = Field(min_length=1)
    udvalg: str = Field(min_length=1)  # the committee the plan is sent to
    dato: dt.date
    tema: str = "kommune"
    titel: str = "Udviklingsplan"
    periode: Period | None = None  # the plan's period
    udseende: Appearance = Field(default_factory=lambda: Appearance())
    indledning: Markdown = ""
    ledelsestilsyn: AuditSettings = Field(default_factory=lambda: AuditSettings())
    indsatsomraader: list[FocusArea] = Field(min_length=1)
    skjul: list[str] = Field(default_factory=list)  # names that must never appear (privacy.py)

    def theme_overrides(self) -> dict:
        """The theme settings the bundle sets (themes.with_overrides): name, logo, colours."""
        return self.udseende.theme_overrides(self.kommune)


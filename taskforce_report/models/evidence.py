"""The evidence files of an analysis report and what rapport.yaml says about them: the case
review's criteria (kriterier.yaml) and texts, the social-work review, the self-evaluation's
questions (spoergsmaal.yaml), the interviews (interviews.yaml) and the key figures' settings
(see analyse/casereview.py, selfevaluation.py, interviews.py, keyfigures/ and
docs/bundle-format.md)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from taskforce_report.models.common import (
    CountingRule,
    Markdown,
    Period,
    Strict,
    known_theme,
    snake_id,
)


class CaseReviewText(Strict):
    """rapport.yaml `sagsgennemgang:`: what the bundle says about the case review."""

    udvaelgelse: Markdown = ""  # how the cases were selected
    afgoerelser_foer: dt.date | None = None  # "afgørelser truffet før …"
    tal: Literal["cifre", "ord"] = "cifre"  # counts in generated phrases: 8 or otte


class SocialWorkText(Strict):
    """rapport.yaml `socialfaglig:`: the social-work case review (socialfaglig.csv)."""

    udfoert_af: str = Field(default="VISO", min_length=1)  # who reviewed: "VISO"
    udvaelgelse: Markdown = ""  # which cases, how they were read
    periode: Period | None = None  # the period the review covers


class LawReferences(Strict):
    serviceloven: str = ""  # "§ 50, stk. 7": cited in reports dated before 2024
    barnets_lov: str = ""  # cited in reports dated 2024 or later


class NationalResult(Strict):
    """The national share of cases meeting a requirement (Ankestyrelsen's Børnesagsbarometer),
    counted as the barometer counts: met, or lawfully omitted (counting.BAROMETER_RULE)."""

    andel: float = Field(ge=0, le=100)  # in percent: 55 for 55 %
    aar: int = Field(ge=1990, le=2099)  # the year the share was measured
    kilde: str = Field(min_length=1)  # "Ankestyrelsen, Børnesagsbarometer 2021"


class CriterionEntry(Strict):
    """One legal requirement of the case review (catalogues/kriterier.yaml)."""

    id: str
    tema: str | None = None  # None: an overall criterion such as samlet_vurdering
    krav: str = Field(min_length=1)  # the requirement, as a table row reads it
    kort: str = Field(min_length=1)  # a short label for charts
    sager: str = "sager, hvor kravet er relevant"  # the base, as a noun phrase
    mangel: str = Field(min_length=1)  # the failure, verb first: "er fristen overskredet"
    opfyldt: str = ""  # the success, verb first, for "I alle 9 sager …"
    # the success as a clause after "sager, hvor": "underretningen er vurderet inden for 24
    # timer" (the status measurement: "Andelen af sager, hvor …, er steget fra 40 % til 75 %")
    hvor: str = ""
    lov: LawReferences = Field(default_factory=lambda: LawReferences())
    landsresultat: NationalResult | None = None  # shown beside the municipality's share
    # the criterion's counting rule, declared once: every document counts it this way
    optaelling: CountingRule = "hvor_relevant"

    _id = field_validator("id")(snake_id)
    _tema = field_validator("tema")(known_theme)


class CriteriaFile(Strict):
    kriterier: list[CriterionEntry] = Field(default_factory=list)
    # national results for criteria of the catalogue (or of this file), by criterion id: a
    # bundle compares with the barometer of its own year
    landsresultater: dict[str, NationalResult] = Field(default_factory=dict)


class QuestionEntry(Strict):
    """One question of the self-evaluation (catalogues/spoergsmaal.yaml)."""

    id: str
    tema: str
    spoergsmaal: str = Field(min_length=1)  # the question as asked
    saetning: str = Field(min_length=1)  # the finding with {grad}: "kommunen {grad} håndterer …"

    _id = field_validator("id")(snake_id)
    _tema = field_validator("tema")(known_theme)

    @field_validator("saetning")
    @classmethod
    def _grad(cls, value: str) -> str:
        if value.count("{grad}") != 1:
            raise ValueError("sætningen skal indeholde {grad} præcis én gang, fx "
                             "'kommunen {grad} håndterer underretninger hensigtsmæssigt'")
        return value


class QuestionsFile(Strict):
    spoergsmaal: list[QuestionEntry] = Field(default_factory=list)


class InterviewGroup(Strict):
    navn: str = Field(min_length=1)  # a short name: "Socialrådgivere"
    antal: int = Field(ge=1)
    beskrivelse: str = ""  # who they were, after the number: "socialrådgivere fra …"


class ChildTopic(Strict):
    id: str
    emne: str = Field(min_length=1)  # the heading: "Skift af socialrådgiver"
    fund: Markdown = Field(min_length=1)
    antal: int | None = Field(default=None, ge=0)  # how many of the children, if counted

    _id = field_validator("id")(snake_id)


class ChildInterviews(Strict):
    antal: int = Field(ge=1)
    beskrivelse: str = "børn og unge, der modtager en foranstaltning"
    indledning: Markdown = ""
    temaer: list[ChildTopic] = Field(default_factory=list)

    @model_validator(mode="after")
    def _counts(self) -> ChildInterviews:
        seen: set[str] = set()
        for topic in self.temaer:
            if topic.id == "antal":
                raise ValueError("et emne kan ikke hedde 'antal' (navnet bruges til antallet af "
                                 "børn, {interviews.boern.antal}); vælg et andet id")
            if topic.id in seen:
                raise ValueError(f"emnet '{topic.id}' står to gange")
            seen.add(topic.id)
            if topic.antal is not None and topic.antal > self.antal:
                raise ValueError(f"emnet '{topic.id}' har antal {topic.antal}, men der er kun "
                                 f"interviewet {self.antal} børn")
        return self


class Interviews(Strict):
    """interviews.yaml: the group interviews and the interviews with children."""

    grupper: list[InterviewGroup] = Field(default_factory=list)
    boern: ChildInterviews | None = None


KeyFigureSection = Literal["introduktion", "socioekonomi", "sagsbehandling", "forebyggelse",
                           "anbringelse", "oekonomi", "manglende"]


class KeyFigureSettings(Strict):
    """rapport.yaml `noegletal:`: the consultant's text and choices for the key figures.
    Indicator ids are checked against the catalogue in analyse/keyfigures/observations.py."""

    referencegruppe_inkluderer_kommunen: bool = True  # pooled into the group, as in seed 002
    udvaelgelse: Markdown = ""  # how the reference group was chosen
    tekster: dict[KeyFigureSection, Markdown] = Field(default_factory=dict)  # before the sentences
    uden_saetninger: list[str] = Field(default_factory=list)  # indicator ids: no sentences
    maal: dict[str, float] = Field(default_factory=dict)  # the municipality's own targets
    manglende: list[Markdown] = Field(default_factory=list)  # figures it could not provide

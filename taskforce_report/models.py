"""The input models: what `rapport.yaml` may hold, per document type.

Keys are the domain's Danish words, exactly as users write them; pydantic checks them and
`validation.py` turns its errors into Danish messages with file, key path and line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Markdown = str  # a text field that may hold Markdown (paragraphs, lists, emphasis)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Period(Strict):
    fra: dt.date
    til: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.til < self.fra:
            raise ValueError("'til' ligger før 'fra'")
        return self


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
    referencegruppe: list[str] = Field(default_factory=list)
    dataindsamling: Period
    resume: Markdown = ""
    anbefalinger: list[Markdown] = Field(default_factory=list)
    temaer: dict[str, ThemeText] = Field(default_factory=dict)
    sagsgennemgang: CaseReviewText = Field(default_factory=lambda: CaseReviewText())
    noegletal: KeyFigureSettings = Field(default_factory=lambda: KeyFigureSettings())
    skjul: list[str] = Field(default_factory=list)  # names that must never appear (privacy.py)

    @field_validator("kommune")
    @classmethod
    def _kommune(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("kommunens navn mangler")
        return value


# ---- the evidence: case review, self-evaluation, interviews (see casereview.py, ----
# ---- selfevaluation.py, interviews.py and docs/bundle-format.md)                ----

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _snake_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' er ikke et gyldigt id; brug små bogstaver a-z, tal og _ "
                         "(fx bfu_4_mdr)")
    return value


def _known_theme(value: str | None) -> str | None:
    if value is None:
        return value
    from taskforce_report import catalogues
    from taskforce_report.validation import suggest

    known = list(catalogues.themes())
    if value not in known:
        raise ValueError(f"ukendt tema '{value}'{suggest(value, known)} "
                         f"(kendte temaer: {', '.join(known)})")
    return value


class CaseReviewText(Strict):
    """rapport.yaml `sagsgennemgang:`: what the bundle says about the case review."""

    udvaelgelse: Markdown = ""  # how the cases were selected
    afgoerelser_foer: dt.date | None = None  # "afgørelser truffet før …"
    tal: Literal["cifre", "ord"] = "cifre"  # counts in generated phrases: 8 or otte


class LawReferences(Strict):
    serviceloven: str = ""  # "§ 50, stk. 7": cited in reports dated before 2024
    barnets_lov: str = ""  # cited in reports dated 2024 or later


class CriterionEntry(Strict):
    """One legal requirement of the case review (catalogues/kriterier.yaml)."""

    id: str
    tema: str | None = None  # None: an overall criterion such as samlet_vurdering
    krav: str = Field(min_length=1)  # the requirement, as a table row reads it
    kort: str = Field(min_length=1)  # a short label for charts
    sager: str = "sager, hvor kravet er relevant"  # the base, as a noun phrase
    mangel: str = Field(min_length=1)  # the failure, verb first: "er fristen overskredet"
    opfyldt: str = ""  # the success, verb first, for "I alle 9 sager …"
    lov: LawReferences = Field(default_factory=lambda: LawReferences())

    _id = field_validator("id")(_snake_id)
    _tema = field_validator("tema")(_known_theme)


class CriteriaFile(Strict):
    kriterier: list[CriterionEntry] = Field(default_factory=list)


class QuestionEntry(Strict):
    """One question of the self-evaluation (catalogues/spoergsmaal.yaml)."""

    id: str
    tema: str
    spoergsmaal: str = Field(min_length=1)  # the question as asked
    saetning: str = Field(min_length=1)  # the finding with {grad}: "kommunen {grad} håndterer …"

    _id = field_validator("id")(_snake_id)
    _tema = field_validator("tema")(_known_theme)

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

    _id = field_validator("id")(_snake_id)


class ChildInterviews(Strict):
    antal: int = Field(ge=1)
    beskrivelse: str = "børn og unge, der modtager en foranstaltning"
    indledning: Markdown = ""
    temaer: list[ChildTopic] = Field(default_factory=list)

    @model_validator(mode="after")
    def _counts(self) -> ChildInterviews:
        seen: set[str] = set()
        for topic in self.temaer:
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


# ---- the key figures of chapter 4 (see keyfigures.py and docs/bundle-format.md) ----

KeyFigureSection = Literal["introduktion", "socioekonomi", "sagsbehandling", "forebyggelse",
                           "anbringelse", "oekonomi", "manglende"]


class KeyFigureSettings(Strict):
    """rapport.yaml `noegletal:`: the consultant's text and choices for the key figures.
    Indicator ids are checked against the catalogue in keyfigures.py."""

    referencegruppe_inkluderer_kommunen: bool = True  # pooled into the group, as in seed 002
    udvaelgelse: Markdown = ""  # how the reference group was chosen
    tekster: dict[KeyFigureSection, Markdown] = Field(default_factory=dict)  # before the sentences
    uden_saetninger: list[str] = Field(default_factory=list)  # indicator ids: no sentences
    maal: dict[str, float] = Field(default_factory=dict)  # the municipality's own targets
    manglende: list[Markdown] = Field(default_factory=list)  # figures it could not provide


# The document types and their models; `dokument:` in rapport.yaml picks one.
DOCUMENT_MODELS: dict[str, type[Strict]] = {
    "analyserapport": AnalysisReport,
}

"""The input models: what `rapport.yaml` may hold, per document type.

Keys are the domain's Danish words, exactly as users write them; pydantic checks them and
`validation.py` turns its errors into Danish messages with file, key path and line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    field_validator,
    model_validator,
)

Markdown = str  # a text field that may hold Markdown (paragraphs, lists, emphasis)


class Strict(BaseModel):
    # allow_inf_nan: `.inf` and `.nan` are floats to YAML, but no figure of a report
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              allow_inf_nan=False)


def _isbn(value: str) -> str:
    """An ISBN-13 of the digital edition, as printed in the imprint (`978-87-93676-12-1`):
    hyphens and spaces allowed, the check digit must be right."""
    if not value:
        return value
    digits = value.replace("-", "").replace(" ", "")
    if len(digits) != 13 or not digits.isdigit():
        raise ValueError(f"'{value}' er ikke et ISBN-13 (13 cifre, fx 978-87-93676-12-1)")
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12])) % 10) % 10
    if check != int(digits[12]):
        raise ValueError(f"'{value}' har forkert kontrolciffer; det sidste ciffer skulle være "
                         f"{check}")
    return value


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
    isbn: str = ""  # the digital edition's ISBN-13, printed in the imprint when given
    _isbn = field_validator("isbn")(_isbn)
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
    from taskforce_report.load.validation import suggest

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


class SocialWorkText(Strict):
    """rapport.yaml `socialfaglig:`: the social-work case review (socialfaglig.csv)."""

    udfoert_af: str = Field(default="VISO", min_length=1)  # who reviewed: "VISO"
    udvaelgelse: Markdown = ""  # which cases, how they were read
    periode: Period | None = None  # the period the review covers


class LawReferences(Strict):
    serviceloven: str = ""  # "§ 50, stk. 7": cited in reports dated before 2024
    barnets_lov: str = ""  # cited in reports dated 2024 or later


# How a criterion is counted (what counts as met, what leaves the base), by name; the one
# table of names is casereview.RULES. "Ikke relevant" never counts as met: it leaves the base,
# or stays in it as not met; only opfyldt_eller_lovligt_undladt counts it, as "lovligt
# undladt", and says so wherever its figure is printed.
CountingRule = Literal["alle_sager", "hvor_relevant", "helt_eller_delvist",
                       "helt_eller_delvist_hvor_relevant", "opfyldt_eller_lovligt_undladt"]


class NationalResult(Strict):
    """The national share of cases meeting a requirement (Ankestyrelsen's Børnesagsbarometer),
    counted as the barometer counts: met, or lawfully omitted (casereview.BAROMETER_RULE)."""

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

    _id = field_validator("id")(_snake_id)
    _tema = field_validator("tema")(_known_theme)


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


# ---- the status report on a development plan (see audit.py and docs/bundle-format.md) ----

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2}(?:[ T][\d:.]*)?)?$")  # a date: its month
_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


# A date or month outside these years is a typo (1850, 9999), never a report's; bundle.py
# holds rapport.yaml's dates to them too.
YEARS = range(1990, 2100)


def month_key(value: object) -> str:
    """`2021-8`, `2021-08`, `2021-08-01` (as Excel writes a date) or a date → `2021-08`;
    anything else, or a year outside YEARS, is a ValueError."""
    if isinstance(value, dt.date):
        key = f"{value.year:04d}-{value.month:02d}"
    else:
        match = _MONTH.match(str(value).strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"forventede en måned som ÅÅÅÅ-MM (fx 2021-08), fandt '{value}'")
        key = f"{match.group(1)}-{int(match.group(2)):02d}"
    if int(key[:4]) not in YEARS:
        raise ValueError(f"{key} ligger uden for årene {YEARS[0]}–{YEARS[-1]}; er årstallet "
                         "skrevet rigtigt?")
    return key


class Appearance(Strict):
    """rapport.yaml `udseende:`: the municipality's own look, for themes that take it."""

    logo: str | None = None  # a file in the bundle: logo.svg
    logo_alt: str = ""  # the logo's alt text; default "<kommune>s logo"
    farver: dict[str, str] = Field(default_factory=dict)  # theme colour name → #RRGGBB

    def theme_overrides(self, kommune: str) -> dict:
        """The theme settings the bundle sets (themes.with_overrides): name, logo, colours."""
        out: dict = {"udgiver": kommune, "forfatter": kommune,
                     "logo_alt": self.logo_alt or f"{kommune}s logo"}
        if self.farver:
            out["farver"] = dict(self.farver)
        if self.logo:
            out["logo"] = self.logo
        return out

    @field_validator("logo")
    @classmethod
    def _logo(cls, value: str | None) -> str | None:
        if value is None:
            return value
        parts = value.replace("\\", "/").split("/")
        if value.startswith("/") or ".." in parts or ":" in value:
            raise ValueError(f"'{value}' skal være en fil i bundtet, fx logo.svg")
        if not value.lower().endswith(LOGO_SUFFIXES):
            raise ValueError(f"'{value}': logoet skal være en SVG-, PNG- eller JPEG-fil")
        return value

    @field_validator("farver")
    @classmethod
    def _colours(cls, value: dict[str, str]) -> dict[str, str]:
        for name, colour in value.items():
            if not _HEX_COLOUR.match(str(colour)):
                raise ValueError(f"farven '{name}' skal skrives som #RRGGBB, fx \"#0B5563\"; "
                                 f"fandt '{colour}'")
        return value


class FocusPoints(Strict):
    """The committee's focus points for the reporting (seed 001 opens with four)."""

    besluttet: dt.date | None = None  # the date the committee decided them
    punkter: list[str] = Field(min_length=1)


class AuditCriterion(Strict):
    """One question of the management audit (ledelsestilsyn), as ledelsestilsyn.csv names it."""

    navn: str = Field(min_length=1)  # a short label: "Børnesamtale afholdt"
    optaelling: CountingRule  # how its ja/delvist/nej/ikke relevant are counted


class AuditSettings(Strict):
    beskrivelse: Markdown = ""  # how the audit is done: cases per month, who audits
    naesten: float = Field(default=10, ge=0, le=100)  # points below a milestone still "tæt på"
    kriterier: dict[str, AuditCriterion] = Field(default_factory=dict)

    @field_validator("kriterier")
    @classmethod
    def _ids(cls, value: dict[str, AuditCriterion]) -> dict[str, AuditCriterion]:
        for key in value:
            _snake_id(key)
        return value


class Milestone(Strict):
    procent: float = Field(ge=0, le=100)
    maaned: str

    _maaned = field_validator("maaned", mode="before")(month_key)


class RecommendationRef(Strict):
    """A recommendation of the analysis report that a goal answers: theme and number."""

    tema: str
    nr: int = Field(ge=1)
    tekst: Markdown = ""  # the recommendation's wording, when the plan quotes it

    @field_validator("tema")
    @classmethod
    def _tema(cls, value: str) -> str:
        # any concept's theme: a pejlemærker analysis report's recommendations sit under its
        # sections; inside a course, course.py checks that the recommendation exists
        from taskforce_report import catalogues
        from taskforce_report.load.validation import suggest

        known = list(catalogues.every_theme())
        if value not in known:
            raise ValueError(f"ukendt tema '{value}'{suggest(value, known)}")
        return value


# The placeholders a goal's own status wording may use (audit.status_text fills them).
STATUS_PLACEHOLDERS = {"andel": "andelen, fx 54 %", "grundlag": "målt på 39 sager",
                       "sager": "antal sager i grundlaget, fx 39"}
_TYPED_SHARE = re.compile(r"\d\s*(%|procent)")


def _status_wording(value: object) -> str:
    """A goal's own status wording: a template around the computed share, never a typed one."""
    import string

    if not isinstance(value, str):
        raise ValueError("forventede en tekst, fx \"{andel} af sagerne ({grundlag})\"")
    value = value.strip()

    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
    except ValueError:
        raise ValueError(f"'{value}': en krøllet parentes skal omslutte en pladsholder, fx "
                         "{andel}") from None
    known = ", ".join("{" + k + "}" for k in STATUS_PLACEHOLDERS)
    for name in fields:
        if name not in STATUS_PLACEHOLDERS:
            raise ValueError(f"'{{{name}}}' er ikke en pladsholder; kendte: {known}")
    if "andel" not in fields:
        raise ValueError(f"'{value}' mangler {{andel}}: andelen regnes ud fra "
                         f"ledelsestilsynet og sættes ind der (pladsholdere: {known})")
    if _TYPED_SHARE.search(string.Formatter().vformat(
            value, (), {k: "" for k in STATUS_PLACEHOLDERS})):
        raise ValueError(f"'{value}' har en tastet procentsats; skriv {{andel}}, så tallet "
                         "regnes ud fra ledelsestilsynet")
    return value


StatusWording = Annotated[str, PlainValidator(_status_wording)]


class Goal(Strict):
    tekst: Markdown = Field(min_length=1)  # "At børnesamtalen afholdes i 100 % af sagerne."
    kort: str = ""  # a short label for the overview and the chart; default the criterion's navn
    procent: float | None = Field(default=None, ge=0, le=100)  # the target; None: none stated
    milepaele: list[Milestone] = Field(default_factory=list)
    kriterium: str | None = None  # the audit criterion that measures it (ledelsestilsyn.kriterier)
    kriterier: list[str] = Field(default_factory=list)  # or several, each its own measurement
    # the goal's own status wording around the computed share, one for all its criteria or one
    # per criterion: "{andel}, hvor det vurderes relevant ({grundlag})"
    status: StatusWording | list[StatusWording] | None = None
    anbefalinger: list[RecommendationRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _milestones_in_order(self) -> Goal:
        months = [m.maaned for m in self.milepaele]
        if months != sorted(months) or len(set(months)) != len(months):
            raise ValueError("milepælene skal stå i rækkefølge efter måned, én pr. måned")
        if (self.kriterium is None) == (not self.kriterier):
            raise ValueError("et mål skal have enten kriterium (ét kriterium) eller kriterier "
                             "(en liste), ikke begge og ikke ingen")
        if len(set(self.criteria)) != len(self.criteria):
            raise ValueError("kriterier nævner det samme kriterium to gange")
        if isinstance(self.status, list) and len(self.status) != len(self.criteria):
            raise ValueError(f"status har {len(self.status)} formuleringer, men målet har "
                             f"{len(self.criteria)} kriterier; skriv én pr. kriterium eller "
                             "én for dem alle")
        return self

    @property
    def criteria(self) -> list[str]:
        """The criteria that measure the goal, in the order given."""
        return [self.kriterium] if self.kriterium is not None else list(self.kriterier)

    def wording(self, index: int) -> str | None:
        """The goal's own status wording for its `index`th criterion, or None."""
        if isinstance(self.status, list):
            return self.status[index]
        return self.status


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
    _isbn = field_validator("isbn")(_isbn)
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


# ---- the Task Force's own status report at the end of a course (see tfstatus.py) ----

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
    _isbn = field_validator("isbn")(_isbn)
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


# ---- the municipality's application for a Task Force course (seed 000, application.py) ----

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


def document_date(report: Strict) -> dt.date:
    """The date a document is stamped with (the PDF's attachments, the Word file): its `dato`;
    an application without one takes its deadline's day, else the first day of YEARS, so the
    bytes stay the same from build to build."""
    found = getattr(report, "dato", None)
    if found is None:
        found = getattr(report, "frist", None)
    if isinstance(found, dt.datetime):
        return found.date()
    return found if found is not None else dt.date(YEARS[0], 1, 1)


# The document types and their models; `dokument:` in rapport.yaml picks one.
DOCUMENT_MODELS: dict[str, type[Strict]] = {
    "analyserapport": AnalysisReport,
    "statusrapport": StatusReport,
    "taskforce-status": TaskForceStatusReport,
    "ansoegning": Application,
}

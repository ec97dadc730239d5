"""The goals of a development plan and how the management audit measures them, shared by the
development plan and the status report on it: the audit's criteria and counting rules, the
milestones, the recommendations a goal answers and a goal's own status wording (see
analyse/audit.py and docs/bundle-format.md)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, PlainValidator, field_validator, model_validator

from taskforce_report.models.common import CountingRule, Markdown, Strict, month_key, snake_id


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
            snake_id(key)
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
        from taskforce_report.core.errors import suggest

        known = list(catalogues.every_theme())
        if value not in known:
            raise ValueError(f"ukendt tema '{value}'{suggest(value, known)}")
        return value


# The placeholders a goal's own status wording may use (words/audit.py status_text fills them).
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

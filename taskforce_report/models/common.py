"""What every input model builds on: the strict base model, Markdown text, periods, ids, themes,
months and years, the ISBN check, the counting rules' names, a municipality's look, and the
date a document is stamped with."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Markdown = str  # a text field that may hold Markdown (paragraphs, lists, emphasis)


class Strict(BaseModel):
    # allow_inf_nan: `.inf` and `.nan` are floats to YAML, but no figure of a report
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              allow_inf_nan=False)


def check_isbn(value: str) -> str:
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


_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def snake_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"'{value}' er ikke et gyldigt id; brug små bogstaver a-z, tal og _ "
                         "(fx bfu_4_mdr)")
    return value


def known_theme(value: str | None) -> str | None:
    if value is None:
        return value
    from taskforce_report import catalogues
    from taskforce_report.core.errors import suggest

    known = list(catalogues.themes())
    if value not in known:
        raise ValueError(f"ukendt tema '{value}'{suggest(value, known)} "
                         f"(kendte temaer: {', '.join(known)})")
    return value


# How a criterion is counted (what counts as met, what leaves the base), by name; the one
# table of names is RULES in analyse/counting.py. "Ikke relevant" never counts as met: it
# leaves the base, or stays in it as not met; only opfyldt_eller_lovligt_undladt counts it, as
# "lovligt undladt", and says so wherever its figure is printed.
CountingRule = Literal["alle_sager", "hvor_relevant", "helt_eller_delvist",
                       "helt_eller_delvist_hvor_relevant", "opfyldt_eller_lovligt_undladt"]


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

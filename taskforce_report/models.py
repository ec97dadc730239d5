"""The input models: what `rapport.yaml` may hold, per document type.

Keys are the domain's Danish words, exactly as users write them; pydantic checks them and
`validation.py` turns its errors into Danish messages with file, key path and line.
"""

from __future__ import annotations

import datetime as dt
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

    @field_validator("kommune")
    @classmethod
    def _kommune(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("kommunens navn mangler")
        return value


# The document types and their models; `dokument:` in rapport.yaml picks one.
DOCUMENT_MODELS: dict[str, type[Strict]] = {
    "analyserapport": AnalysisReport,
}

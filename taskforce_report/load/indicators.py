"""LOAD: the indicator catalogue of the key figures (chapter 4): the one shipped with the
package (catalogues/indikatorer.yaml) plus a bundle's own `indikatorer.yaml`, read once when
the bundle is loaded and held by it (`Bundle.indicators`).

The catalogue says what each indicator is (its unit, its denominator or weight, its section and
the words sentences are built from) and which indicators form a distribution; the checks here
are those a catalogue can fail on its own: duplicate ids, unknown or unfit denominators and
weights, distributions whose parts are not in one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from taskforce_report import catalogues
from taskforce_report.core.errors import InputError, Problem, suggest
from taskforce_report.core.safeio import present
from taskforce_report.load.validation import validate
from taskforce_report.load.yamlfile import YamlDocument, read_yaml
from taskforce_report.models.common import Strict

CATALOGUE_FILE = Path(catalogues.__file__).parent / "indikatorer.yaml"
INDICATORS_FILE = "indikatorer.yaml"  # indicators a bundle adds to the catalogue

# The sections of chapter 4 with data, in the seed's order.
SECTIONS: dict[str, str] = {
    "socioekonomi": "Socioøkonomiske nøgletal",
    "sagsbehandling": "Sagsbehandling",
    "forebyggelse": "Forebyggelse og tidlig indsats",
    "anbringelse": "Anbringelse",
    "oekonomi": "Økonomi",
}

Unit = Literal["antal", "aarsvaerk", "pr_1000_0_17", "procent", "kr", "indeks", "gennemsnit"]
COUNTS = {"antal", "aarsvaerk", "kr"}  # summed over areas; a denominator makes them rates
UNIT_WORDS = {
    "antal": "antal", "aarsvaerk": "årsværk", "pr_1000_0_17": "pr. 1.000 0–17-årige",
    "procent": "procent", "kr": "kr.", "indeks": "indeks", "gennemsnit": "gennemsnit",
}

_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


class IncompatibleUnits(ValueError):
    """Two figures in different units (persons against årsværk, say) were to be compared."""


# ---------------------------------------------------------------------------------------------
# The catalogue


class Indicator(Strict):
    id: str
    titel: str = Field(min_length=1)
    kort: str = ""
    navn: str = Field(min_length=1)
    enhed: Unit
    afsnit: Literal["socioekonomi", "sagsbehandling", "forebyggelse", "anbringelse", "oekonomi"]
    diagram: Literal["linje", "ingen"] = "linje"
    naevner: str | None = None
    pr: int = Field(default=1000, ge=1)
    vaegt: str | None = None
    # for a share of cases: the count indicator that is its base (omgørelser of klagesager),
    # so that a share of fewer than language.SMALL_BASE cases is told as a count
    grundlag: str | None = None
    decimaler: int = Field(default=0, ge=0, le=3)
    enhedstekst: str = ""
    flertal: str = ""
    ental: str = ""
    i_saetning: str = ""
    vis: bool = True

    @field_validator("id")
    @classmethod
    def _snake(cls, value: str) -> str:
        if not _SNAKE.match(value):
            raise ValueError(f"'{value}' er ikke et gyldigt id; brug små bogstaver a-z, tal og _")
        return value

    @model_validator(mode="after")
    def _fit(self) -> Indicator:
        if self.naevner and self.enhed not in COUNTS:
            raise ValueError(f"en nævner giver kun mening for antal, årsværk og kr., ikke for "
                             f"{UNIT_WORDS[self.enhed]}")
        if self.vaegt and self.enhed in COUNTS:
            raise ValueError("en vægt bruges kun til procent, indeks, gennemsnit og rater; "
                             "antal lægges sammen")
        if self.grundlag and self.enhed != "procent":
            raise ValueError(f"et grundlag giver kun mening for procent (en andel af et antal "
                             f"sager), ikke for {UNIT_WORDS[self.enhed]}")
        return self

    @property
    def label(self) -> str:
        return self.kort or self.titel

    @property
    def is_rate(self) -> bool:
        return self.naevner is not None


class Distribution(Strict):
    id: str
    titel: str = Field(min_length=1)
    navn: str = Field(min_length=1)
    verbum: str = Field(min_length=1)
    tillaeg: str = ""
    afsnit: Literal["socioekonomi", "sagsbehandling", "forebyggelse", "anbringelse", "oekonomi"]
    dele: list[str] = Field(min_length=2)


class CatalogueFile(Strict):
    indikatorer: list[Indicator] = Field(default_factory=list)
    fordelinger: list[Distribution] = Field(default_factory=list)


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, Indicator]
    distributions: dict[str, Distribution]
    # the bundle's indikatorer.yaml as read (None without one): the privacy guard walks its
    # every text, its comments' and unused keys' too, without reading the file again
    bundle_file: YamlDocument | None = field(default=None, compare=False)

    def ids(self) -> list[str]:
        return [*self.indicators, *self.distributions]


def _read_catalogue(path: Path, display: str) -> tuple[CatalogueFile, YamlDocument]:
    doc = read_yaml(path, display)
    data = doc.data if doc.data is not None else {}
    return validate(CatalogueFile, data, doc), doc


@cache
def _package_catalogue() -> CatalogueFile:
    return _read_catalogue(CATALOGUE_FILE, "indikatorer.yaml (pakkens katalog)")[0]


def catalogue(bundle_path: Path | None = None) -> Catalogue:
    """The package's indicators, plus the bundle's own `indikatorer.yaml` if it has one (read
    here, by the bundle's loader, and nowhere else)."""
    files: list[tuple[CatalogueFile, YamlDocument | None]] = [(_package_catalogue(), None)]
    extra = Path(bundle_path) / INDICATORS_FILE if bundle_path else None
    bundle_file = None
    if extra is not None and present(extra):
        files.append(_read_catalogue(extra, INDICATORS_FILE))
        bundle_file = files[-1][1]
    indicators: dict[str, Indicator] = {}
    distributions: dict[str, Distribution] = {}
    problems: list[Problem] = []
    for content, doc in files:
        for i, entry in enumerate(content.indikatorer):
            if entry.id in indicators or entry.id in distributions:
                problems.append(_catalogue_problem(doc, ("indikatorer", i, "id"),
                                                   f"'{entry.id}' findes allerede i kataloget"))
                continue
            if entry.enhed == "pr_1000_0_17" and entry.vaegt is None:
                entry = entry.model_copy(update={"vaegt": "befolkning_0_17"})
            indicators[entry.id] = entry
        for i, entry in enumerate(content.fordelinger):
            if entry.id in indicators or entry.id in distributions:
                problems.append(_catalogue_problem(doc, ("fordelinger", i, "id"),
                                                   f"'{entry.id}' findes allerede i kataloget"))
                continue
            distributions[entry.id] = entry
    result = Catalogue(indicators, distributions, bundle_file)
    problems += _check_references(result, files)
    if problems:
        raise InputError(problems)
    return result


def _catalogue_problem(doc: YamlDocument | None, path: tuple, message: str) -> Problem:
    from taskforce_report.load.validation import dotted

    if doc is None:  # the package's own catalogue: a bug, but told the same way
        return Problem("indikatorer.yaml (pakkens katalog)", dotted(path), message)
    return Problem(doc.file, dotted(path), message, doc.locate(path))


def _check_references(cat: Catalogue, files) -> list[Problem]:
    """Denominators, weights, bases and distribution parts must exist and fit: a rate's
    denominator is a count of persons, a share's base a count, and the parts of one
    distribution share one unit."""
    problems = []
    known = list(cat.indicators)
    for content, doc in files:
        for i, entry in enumerate(content.indikatorer):
            for key in ("naevner", "vaegt", "grundlag"):
                ref = getattr(entry, key)
                if ref is None:
                    continue
                if ref not in cat.indicators:
                    problems.append(_catalogue_problem(
                        doc, ("indikatorer", i, key),
                        f"ukendt indikator '{ref}'{suggest(ref, known)}"))
                elif key == "naevner" and cat.indicators[ref].enhed != "antal":
                    problems.append(_catalogue_problem(
                        doc, ("indikatorer", i, key),
                        f"nævneren '{ref}' skal være et antal personer, ikke "
                        f"{UNIT_WORDS[cat.indicators[ref].enhed]}"))
                elif key == "grundlag" and cat.indicators[ref].enhed != "antal":
                    problems.append(_catalogue_problem(
                        doc, ("indikatorer", i, key),
                        f"grundlaget '{ref}' skal være et antal (fx klagesager), ikke "
                        f"{UNIT_WORDS[cat.indicators[ref].enhed]}"))
        for i, entry in enumerate(content.fordelinger):
            for j, part in enumerate(entry.dele):
                if part not in cat.indicators:
                    problems.append(_catalogue_problem(
                        doc, ("fordelinger", i, "dele", j),
                        f"ukendt indikator '{part}'{suggest(part, known)}"))
            parts = [cat.indicators[p] for p in entry.dele if p in cat.indicators]
            try:
                comparable(*parts)
            except IncompatibleUnits as exc:
                problems.append(_catalogue_problem(doc, ("fordelinger", i, "dele"), str(exc)))
    return problems


def comparable(*indicators: Indicator) -> None:
    """Raises IncompatibleUnits unless all the indicators are in one unit. Persons and årsværk,
    counts and kroner, rates and shares are never compared."""
    units = {ind.enhed for ind in indicators}
    if len(units) > 1:
        described = ", ".join(f"{ind.id} i {UNIT_WORDS[ind.enhed]}" for ind in indicators)
        raise IncompatibleUnits(f"kan ikke sammenlignes, fordi enhederne er forskellige: "
                                f"{described}")


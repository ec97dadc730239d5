"""The numbers of tables and figures that the templates do not count themselves.

Most tables and figures are numbered where their results are made (a case review's themes
carry `tabel` and `figur`). The social-work review printed after a legal review in the same
appendix continues that review's numbering: its table and its figure take the next numbers.
That is decided here, from the facts, so that no template adds up another template's tables
or counts its loop into a caption.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Next:
    """The next free numbers within a chapter: "Tabel B1.<tabel>", "Figur B1.<figur>"."""

    tabel: int = 1
    figur: int = 1


def following(parts: Iterable[Any]) -> Next:
    """The numbers after those of `parts` (each with `tabel` and `figur`; figure 0: none)."""
    parts = list(parts)
    return Next(tabel=max((p.tabel for p in parts), default=0) + 1,
                figur=max((p.figur for p in parts), default=0) + 1)


def _legal_review_parts(facts: dict[str, Any]) -> list[Any]:
    """The numbered parts of the legal review the social-work review follows: the themes of an
    analysis report's case review (Tabel B1.1 is its overview, each theme's table after it),
    or the groups of a TF status report's status measurement."""
    if "statusmaaling" in facts:  # a TF status report: its baseline is no part of the appendix
        measurement = facts["statusmaaling"]
        return list(measurement.sammenligning.grupper) if measurement else []
    review = facts.get("sagsgennemgang")
    return list(review.temaer.values()) if review and review.temaer else []


def _service_tables(facts: dict[str, Any]) -> dict[str, int]:
    """The TF status report's appendix of services has a table of courses and one of the other
    services, each only when it has rows: numbered in that order over those printed."""
    services = facts.get("ydelser") or ()
    groups = {"kurser": any(s.art == "kursus" for s in services),
              "andre": any(s.art != "kursus" for s in services)}
    printed = [name for name, rows in groups.items() if rows]
    return {name: number for number, name in enumerate(printed, start=1)}


def numbers(facts: dict[str, Any]) -> dict[str, Any]:
    """What the templates print: `numre.socialfaglig.tabel` and `.figur`, and the services'
    tables by group (`numre.ydelser.kurser`, `numre.ydelser.andre`)."""
    return {"socialfaglig": following(_legal_review_parts(facts)),
            "ydelser": _service_tables(facts)}

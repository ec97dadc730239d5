"""The interviews (interviews.yaml): the group interviews that section 1.5 lists and the
interviews with children that chapter 6 reports. Loaded and checked in bundle.py
(models.Interviews); here they become facts and citable numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from taskforce_report.core import language
from taskforce_report.models import ChildTopic, Interviews


@dataclass(frozen=True)
class Group:
    navn: str
    antal: int
    beskrivelse: str  # printed after the number in section 1.5: "11 socialrådgivere fra …"


@dataclass(frozen=True)
class Children:
    antal: int
    antal_ord: str  # "seks", as the chapter title writes it
    beskrivelse: str
    indledning: str  # Markdown
    temaer: tuple[ChildTopic, ...]

    def is_empty(self) -> bool:
        return self.antal == 0


def groups(interviews: Interviews | None) -> tuple[Group, ...]:
    if interviews is None:
        return ()
    return tuple(Group(g.navn, g.antal, g.beskrivelse or g.navn.lower())
                 for g in interviews.grupper)


def children(interviews: Interviews | None) -> Children | None:
    if interviews is None or interviews.boern is None:
        return None
    b = interviews.boern
    return Children(antal=b.antal, antal_ord=language.number_word(b.antal),
                    beskrivelse=b.beskrivelse, indledning=b.indledning, temaer=tuple(b.temaer))


def citation_values(interviews: Interviews | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if interviews is None:
        return values
    if interviews.grupper:
        values["interviews.grupper.antal"] = len(interviews.grupper)
        values["interviews.grupper.deltagere"] = sum(g.antal for g in interviews.grupper)
    if interviews.boern is not None:
        values["interviews.boern.antal"] = interviews.boern.antal
        for topic in interviews.boern.temaer:
            if topic.antal is not None:
                values[f"interviews.boern.{topic.id}"] = topic.antal
    return values

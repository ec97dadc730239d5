"""Closed vocabularies in the bundle's tables: the values a column may hold (an assessment, a
criterion, a theme, a round), how a cell is read into one of them, and the one-line problem a
cell outside them gives.

The case review, the social-work review, the self-evaluation and the management audit all check
their rows this way, so a wrong cell is told alike in every table: what was found, what was
expected, the nearest valid value, and where the valid values are listed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from taskforce_report.core.errors import Problem, suggest
from taskforce_report.load.tables import Table


def word(text: str) -> str:
    """A cell as vocabularies compare it: trimmed, lower case, inner spaces collapsed."""
    return re.sub(r"\s+", " ", str(text).strip().lower())


@dataclass(frozen=True)
class Vocabulary:
    """The values one column may hold, and the message a value outside them gives:
    "{found} er ikke {noun}[; gyldige værdier: …][ — mente du '…'?]{note}"."""

    values: Collection[str]  # canonical values; for a Mapping, its keys
    noun: str  # "en gyldig vurdering", "et kendt kriterium"
    listed: bool = False  # name the valid values after the noun (for a short, fixed list)
    empty: str = "en tom værdi"  # what a blank cell is called in the message
    default: str = ""  # what a blank cell means; without one a blank cell is wrong
    aliases: Mapping[str, str] = field(default_factory=dict)  # spellings users write
    suggest: bool = True  # add the nearest valid value ("mente du …?")
    note: str = ""  # after the suggestion: where the valid values are listed

    def canonical(self, text: str) -> str:
        value = word(text)
        return self.aliases.get(value, value) or self.default

    def message(self, text: str, value: str) -> str:
        found = f"'{str(text).strip()}'" if value else self.empty
        listing = ""
        if self.listed:
            listing = f"; gyldige værdier: {', '.join(self.values)}"
            if self.default:
                listing += f" (tom betyder {self.default})"
        hint = suggest(value, list(self.values)) if self.suggest else ""
        return f"{found} er ikke {self.noun}{listing}{hint}{self.note}"


def read(table: Table, number: int, record: Mapping[str, str],
         columns: Mapping[str, Vocabulary]) -> tuple[dict[str, str], list[Problem]]:
    """One row's cells in `columns` in canonical form, and a problem for each cell outside its
    vocabulary, in the order of `columns` (the order the user reads the row in)."""
    values: dict[str, str] = {}
    problems: list[Problem] = []
    for column, vocabulary in columns.items():
        text = record.get(column, "")
        value = vocabulary.canonical(text)
        if value not in vocabulary.values:
            problems.append(table.problem(number, column, vocabulary.message(text, value)))
        values[column] = value
    return values, problems

"""The rows of sagsgennemgang.csv checked and put in canonical form: one row per case, criterion
and round, each wrong cell reported with file, row, column and value. The case's name and the
assessment's vocabulary are shared with the audit and the social-work review."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from taskforce_report.analyse.counting import BASELINE, RUNDER, VURDERINGER
from taskforce_report.core.errors import MAX_ROW_PROBLEMS, Problem, raise_row_problems
from taskforce_report.load import vocabulary
from taskforce_report.load.tables import Table
from taskforce_report.load.vocabulary import Vocabulary
from taskforce_report.models import CriterionEntry

_CPR = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")
_ALIASES = {"ikke_relevant": "ikke relevant", "ikke-relevant": "ikke relevant"}


# sagsgennemgang.csv's closed columns beside the criterion, whose list depends on the bundle
VURDERING = Vocabulary(VURDERINGER, "en gyldig vurdering", listed=True, aliases=_ALIASES)
RUNDE = Vocabulary(RUNDER, "en gyldig runde", listed=True, default=BASELINE)
KRITIK = Vocabulary(("ja", "nej"), "en gyldig værdi", listed=True, default="nej", suggest=False)


def case_problems(table: Table, number: int, sag: str) -> list[Problem]:
    """A case is named by a pseudonym, never left blank and never by the child's CPR number;
    shared with the audit and the social-work review, whose rows name cases the same way."""
    if not sag:
        return [table.problem(number, "sag", "sagen mangler et navn (et pseudonym, fx S01)")]
    if _CPR.search(sag):
        return [table.problem(number, "sag", "værdien ligner et CPR-nummer; brug et pseudonym "
                              "for sagen (fx S01)")]
    return []


def normalise(table: Table, known: Mapping[str, CriterionEntry]) -> pd.DataFrame:
    """The rows of sagsgennemgang.csv checked and in canonical form.

    Columns: sag, kriterium, vurdering (one of VURDERINGER), runde (one of RUNDER), kritik
    (bool), bemaerkning; the index is the row number in the file. Every wrong cell is
    reported, with row, column and value, in one InputError.
    """
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[tuple[str, str, str], int] = {}
    vocabularies = {
        "kriterium": Vocabulary(known, "et kendt kriterium", empty="intet kriterium",
                                note="; kriterierne står i docs/bundle-format.md"),
        "vurdering": VURDERING,
        "runde": RUNDE,
        "kritik": KRITIK,
    }
    for number, record in table.records():
        sag = record["sag"].strip()
        values, wrong = vocabulary.read(table, number, record, vocabularies)
        wrong = case_problems(table, number, sag) + wrong
        kriterium, runde = values["kriterium"], values["runde"]
        key = (runde, sag, kriterium)
        if wrong:
            problems += wrong
        elif key in first_seen:
            problems.append(table.problem(
                number, None, f"sag {sag} er allerede vurderet på kriteriet {kriterium} "
                f"i række {first_seen[key]}"))
        else:
            first_seen[key] = number
            rows.append({"række": number, "sag": sag, "kriterium": kriterium,
                         "vurdering": values["vurdering"], "runde": runde,
                         "kritik": values["kritik"] == "ja",
                         "bemaerkning": record.get("bemaerkning", "").strip()})
        if len(problems) > MAX_ROW_PROBLEMS:
            break
    raise_row_problems(table.source, problems)
    columns = ["række", "sag", "kriterium", "vurdering", "runde", "kritik", "bemaerkning"]
    return pd.DataFrame(rows, columns=columns).set_index("række")

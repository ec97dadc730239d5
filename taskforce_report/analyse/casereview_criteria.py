"""The case review's criteria as the reports cite and group them: the legal basis in force at a
report's date (`law_reference`), the theme of a concept that reports a criterion (`group_of`),
and how many criteria a theme needs for a chart (`MIN_CHART_ROWS`). The criteria themselves,
the catalogue plus a bundle's own, are data that load/criteria.py reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from taskforce_report import catalogues
from taskforce_report.core import language
from taskforce_report.models import CriterionEntry

BARNETS_LOV_FROM = dt.date(2024, 1, 1)  # reports from this date cite Barnets Lov

# A chart needs this many rows (criteria); a table of one or two rows is printed without one.
MIN_CHART_ROWS = 3


def law_reference(criterion: CriterionEntry, date: dt.date) -> str:
    """The legal basis in force at the report's date: "servicelovens § 50, stk. 7"."""
    if date >= BARNETS_LOV_FROM:
        law, ref = "barnets lovs", criterion.lov.barnets_lov
    else:
        law, ref = "servicelovens", criterion.lov.serviceloven
    if not ref:
        return ""
    ref = re.sub(r"(§§?|stk\.|nr\.) ", "\\1" + language.NBSP, ref)  # "§ 50" never breaks
    return f"{law} {ref}"


def group_of(criterion: CriterionEntry, themes: Mapping[str, catalogues.Theme]) -> str | None:
    """The theme of a concept's theme catalogue that reports the criterion: the one naming it
    in `kriterier`, else the one whose id or `klassiske_temaer` holds its classic theme; None
    for an overall criterion (samlet_vurdering) or a theme the catalogue does not map."""
    for theme in themes.values():
        if criterion.id in theme.kriterier:
            return theme.id
    if criterion.tema is None:
        return None
    for theme in themes.values():
        if criterion.tema == theme.id or criterion.tema in theme.klassiske_temaer:
            return theme.id
    return None

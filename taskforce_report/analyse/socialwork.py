"""The social-work case review (den socialfaglige sagsgennemgang): VISO's reading of the cases
beside Ankestyrelsen's legal review. `socialfaglig.csv` holds one row per case and dimension:
an assessment (ja, delvist, nej, ikke relevant) and a free-text finding.

The dimensions are a catalogue (`catalogues/dimensioner.yaml`) in the criteria catalogue's
format, so the rows are counted by `counting.tally` under a `counting.Rule` and phrased by the
case review's wording (`casereview_wording.Wording`, handed in), exactly as the legal review;
only the checking of the rows and the findings per dimension are this module's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from taskforce_report import catalogues
from taskforce_report.analyse import casereview, casereview_rows, counting
from taskforce_report.analyse.casereview import CriterionResult
from taskforce_report.analyse.casereview_wording import ChartWording, Wording
from taskforce_report.analyse.counting import ANALYSIS_RULE, BASELINE, Rule
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.core.errors import MAX_ROW_PROBLEMS, Problem, raise_row_problems
from taskforce_report.load import vocabulary
from taskforce_report.load.tables import Table
from taskforce_report.load.vocabulary import Vocabulary
from taskforce_report.load.yamlfile import read_yaml
from taskforce_report.models import CriterionEntry

CATALOGUE = Path(catalogues.__file__).parent / "dimensioner.yaml"
TABLE_FILE = "socialfaglig.csv"
CHART_ID = "socialfaglig"


@cache
def dimensions() -> dict[str, CriterionEntry]:
    """The dimensions shipped with the package, in catalogue order."""
    doc = read_yaml(CATALOGUE, "dimensioner.yaml")
    return {entry["id"]: CriterionEntry.model_validate(entry)
            for entry in doc.data["dimensioner"]}


def normalise(table: Table, known: Mapping[str, CriterionEntry] | None = None) -> pd.DataFrame:
    """The rows of socialfaglig.csv checked, in the case review's canonical columns (sag,
    kriterium = the dimension, vurdering, runde = baseline, kritik = False) plus fund; the index
    is the row number. Every wrong cell is reported, with row, column and value, at once."""
    known = dimensions() if known is None else known
    names = list(known)
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[tuple[str, str], int] = {}
    vocabularies = {
        "dimension": Vocabulary(known, "en kendt dimension", empty="ingen dimension",
                                note=f"; kendte: {', '.join(names)}"),
        "vurdering": casereview_rows.VURDERING,
    }
    for number, record in table.records():
        sag = record["sag"].strip()
        values, wrong = vocabulary.read(table, number, record, vocabularies)
        wrong = casereview_rows.case_problems(table, number, sag) + wrong
        dimension = values["dimension"]
        key = (sag, dimension)
        if wrong:
            problems += wrong
        elif key in first_seen:
            problems.append(table.problem(
                number, None, f"sag {sag} er allerede vurderet på dimensionen {dimension} "
                f"i række {first_seen[key]}"))
        else:
            first_seen[key] = number
            rows.append({"række": number, "sag": sag, "kriterium": dimension,
                         "vurdering": values["vurdering"], "runde": BASELINE,
                         "kritik": False, "fund": record.get("fund", "").strip()})
        if len(problems) > MAX_ROW_PROBLEMS:
            break
    raise_row_problems(table.source, problems)
    columns = ["række", "sag", "kriterium", "vurdering", "runde", "kritik", "fund"]
    return pd.DataFrame(rows, columns=columns).set_index("række")


@dataclass(frozen=True)
class Finding:
    sag: str
    vurdering: str
    fund: str  # the consultant's free text for this case and dimension


@dataclass(frozen=True)
class SocialWorkReview:
    sager: int  # cases read
    regel: Rule
    dimensioner: tuple[CriterionResult, ...] = ()  # counts and the phrase, catalogue order
    fund: dict[str, tuple[Finding, ...]] = field(default_factory=dict)  # dimension → findings
    udfoert_af: str = "VISO"
    udvaelgelse: str = ""  # Markdown from rapport.yaml
    periode: tuple[str, str] | None = None  # ("1. marts 2019", "30. april 2019")
    chart: str = ""

    def is_empty(self) -> bool:
        return self.sager == 0


def review(frame: pd.DataFrame, known: Mapping[str, CriterionEntry] | None = None,
           rule: Rule = ANALYSIS_RULE, words: bool = False, udfoert_af: str = "VISO",
           udvaelgelse: str = "", periode: tuple[str, str] | None = None, *,
           wording: Wording) -> SocialWorkReview:
    """The counts per dimension (counting.tally), the sentence per dimension (`wording`, the
    case review's: words/casereview.py `WORDING`) and the findings per dimension, in case
    order."""
    known = dimensions() if known is None else known
    counts = counting.tally(frame, rule)
    results = []
    for dimension in known.values():
        if dimension.id not in counts.index:
            continue
        row = counts.loc[dimension.id]
        # dimensions cite no law, so the date that picks the law does not matter
        results.append(casereview.criterion_result(dimension, row, dt.date(2000, 1, 1), words,
                                                   wording))
    findings: dict[str, tuple[Finding, ...]] = {}
    with_text = frame[frame["fund"] != ""].sort_values(["kriterium", "sag"], kind="stable")
    for dimension_id, rows in with_text.groupby("kriterium", sort=False):
        findings[dimension_id] = tuple(Finding(r.sag, r.vurdering, r.fund)
                                       for r in rows.itertuples())
    drawable = any(r.relevante for r in results)
    return SocialWorkReview(sager=counting.cases(frame), regel=rule,
                            dimensioner=tuple(results), fund=findings, udfoert_af=udfoert_af,
                            udvaelgelse=udvaelgelse, periode=periode,
                            chart=CHART_ID if drawable else "")


def charts(result: SocialWorkReview, wording: ChartWording) -> list[ChartSpec]:
    """One bar chart: ja, delvist and nej per dimension, in cases (as the legal review's)."""
    if not result.chart:
        return []
    rows = [(r.kort, r.ja, r.delvist, r.nej) for r in result.dimensioner if r.relevante]
    title, alt = wording.social(rows)
    return [ChartSpec(
        id=result.chart, kind="criteria_bars", title=title, alt=alt,
        data={"rows": tuple(rows), "x_label": wording.cases_axis,
              "serier": wording.assessments},
        height_cm=round(1.9 + 0.85 * len(rows), 2))]


def citation_values(result: SocialWorkReview) -> dict[str, Any]:
    """The names texts may cite: socialfaglig.sager, socialfaglig.<dimension>.<count>."""
    values: dict[str, Any] = {"socialfaglig.sager": result.sager}
    for r in result.dimensioner:
        prefix = f"socialfaglig.{r.id}"
        for name in ("sager", "relevante", "ja", "delvist", "nej", "ikke_relevant", "opfyldt",
                     "ikke_opfyldt"):
            values[f"{prefix}.{name}"] = getattr(r, name)
        values[f"{prefix}.andel"] = language.percent(r.andel)
        values[f"{prefix}.tekst"] = r.tekst
    return values

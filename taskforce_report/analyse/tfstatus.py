"""ANALYSE for the Task Force's own status report at the end of a course (dokument:
taskforce-status): the Task Force's assessment and remarks per pejlemærke (or classic theme),
its recommendations, the municipality's closing account, and the case review repeated on new
cases set against the first one ("Statusmåling af konkrete sager").

The two rounds come from the `runde` column of sagsgennemgang.csv (baseline, status) and are
counted and compared by `casereview_rounds.compare`, each criterion under its own declared
counting rule (`optaelling` in the criteria catalogue), exactly as the analysis report counts
it; a second reading (`statusmaaling.anden_laesning`, a name of `counting.RULES`) is shown
beside it, labelled. The areas are the theme catalogue of the report's concept, so the comparison is
grouped the way the report is. The case review's words (`casereview_wording.Wording`) are
handed in by documents/taskforce_status.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from taskforce_report.analyse import (
    casereview_charts,
    casereview_rounds,
    citations,
    consistency,
    coursetables,
    socialwork,
)
from taskforce_report.analyse.casereview_wording import Wording
from taskforce_report.analyse.counting import BASELINE, RULES, STATUS
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.core.errors import InputError, Problem
from taskforce_report.load.bundle import Bundle, concept_of
from taskforce_report.load.criteria import criteria
from taskforce_report.models import TaskForceStatusReport


@dataclass(frozen=True)
class Course:
    """The course the report closes, with dates as the text prints them."""

    fra: str = ""  # "1. juni 2019"
    til: str = ""
    analyserapport: str = ""  # the date of the analysis report that began it


@dataclass(frozen=True)
class StatusMeasurement:
    """The appendix: the comparison and what the text around it needs."""

    sammenligning: casereview_rounds.RoundComparison
    runder: tuple[str, str]  # column heads: "Baselinemåling", "Statusmåling"
    maaneder: tuple[str, str]  # "april 2019", "" when rapport.yaml does not say
    udvaelgelse: str  # Markdown from rapport.yaml
    regel_tekst: str  # how the rule counts, as a sentence
    andel_tekst: str  # what the share is, for the notes under the tables
    delvist_opfyldt: bool
    # the second reading, counted over the same rows under another rule, and its label
    anden: casereview_rounds.RoundComparison | None = None
    anden_navn: str = ""  # "helt eller delvist opfyldt"
    anden_tekst: str = ""  # how it counts, as sentences

    def anden_for(self, criterion_id: str) -> casereview_rounds.Comparison | None:
        return self.anden.criterion(criterion_id) if self.anden is not None else None

    def is_empty(self) -> bool:
        return self.sammenligning.is_empty()


def _check_rounds(frame) -> None:
    present = set(frame["runde"])
    missing = [r for r in (BASELINE, STATUS) if r not in present]
    if missing:
        runde = missing[0]
        raise InputError(Problem(
            "sagsgennemgang.csv", "runde",
            f"ingen rækker med runde {runde}; statusrapporten sætter statusmålingen (runde "
            "status) over for den første sagsgennemgang (runde baseline), så filen skal have "
            "begge runder"))


def measurement(report: TaskForceStatusReport, frame, known, themes,
                wording: Wording) -> StatusMeasurement:
    """The status round against the baseline, grouped by the concept's areas."""
    text = report.statusmaaling
    words = text.tal == "ord"
    # the criteria's own rules, as the analysis report counts them: one figure per criterion
    compared = casereview_rounds.compare(frame, known, report.dato, words=words,
                                         themes=themes, wording=wording)
    second = None
    if text.anden_laesning is not None:
        rule = RULES[text.anden_laesning]
        second = casereview_rounds.compare(frame, known, report.dato, rule, words=words,
                                           themes=themes, wording=wording)
    months = tuple(language.month(m) if m else "" for m in (text.baseline, text.status))
    return StatusMeasurement(
        sammenligning=compared,
        runder=(wording.round_titles[BASELINE], wording.round_titles[STATUS]),
        maaneder=months, udvaelgelse=text.udvaelgelse, regel_tekst=compared.regel_tekst,
        andel_tekst=compared.andel_tekst, delvist_opfyldt=compared.regel.delvist_opfyldt,
        anden=second, anden_navn=wording.counted(second.regel) if second else "",
        anden_tekst=wording.describe(second.regel) if second else "")


def chart_labels(found: StatusMeasurement) -> tuple[str, str]:
    return tuple(f"{title}, {month}" if month else title
                 for title, month in zip(found.runder, found.maaneder, strict=True))


def analyse(bundle: Bundle, tables: dict[str, Any],
            wording: Wording) -> tuple[dict[str, Any], list[ChartSpec]]:
    """The report's facts and charts; `wording` words the case review (words/casereview.py)."""
    report: TaskForceStatusReport = bundle.report
    themes = concept_of(bundle).themes
    frame = tables.get("sagsgennemgang")
    found = None
    charts: list[ChartSpec] = []
    values: dict[str, Any] = {}
    if frame is not None and not frame.empty:
        _check_rounds(frame)
        found = measurement(report, frame, criteria(bundle.kriterier), themes, wording)
        charts = casereview_charts.comparison_charts(found.sammenligning, chart_labels(found),
                                                     wording.charts)
        values = casereview_rounds.comparison_citation_values(found.sammenligning)
    if bundle.course is not None:  # the analysis report's results: {analyse.sagsgennemgang.…}
        values = {**coursetables.citation_values(bundle.course, wording), **values}
    where = bundle.report_doc.where if bundle.report_doc else None  # rapport.yaml or tekster/
    report = citations.resolve_report(report, values, where=where)
    course = Course(
        fra=language.date(report.forloeb.fra) if report.forloeb else "",
        til=language.date(report.forloeb.til) if report.forloeb else "",
        analyserapport=language.date(report.analyserapport))
    areas = report.temaer
    facts: dict[str, Any] = {
        "kommune": report.kommune,
        "indledning": report.indledning,
        "forloeb": course,
        "datagrundlag": tuple(report.datagrundlag),
        "temaer": areas,
        "samlet_vurdering": report.samlet_vurdering,
        "vurdering_temaer": tuple(k for k, a in areas.items() if a.vurdering),
        "bemaerkning_temaer": tuple(k for k, a in areas.items() if a.bemaerkninger),
        "redegoerelse": report.redegoerelse,
        "redegoerelse_temaer": tuple(k for k, a in areas.items() if a.redegoerelse),
        "anbefalinger": tuple(report.anbefalinger),
        "statusmaaling": found,
        # cases in accordance overall and yet criticised: said in the text, warned in the build
        "uoverensstemmelser": consistency.overall_but_criticised(frame),
        "ydelser": tuple(report.ydelser),
        # the bundle's own concept, its free texts cited like the report's (build.prepare)
        "bundtkoncept": citations.resolve_concept(bundle, values),
    }
    social = tables.get("socialfaglig")
    facts["socialfaglig"] = None
    if social is not None:  # the social-work part of the status measurement (VISO)
        text = report.socialfaglig
        period = text.periode and (language.date(text.periode.fra),
                                   language.date(text.periode.til))
        facts["socialfaglig"] = socialwork.review(
            social, words=report.statusmaaling.tal == "ord", udfoert_af=text.udfoert_af,
            udvaelgelse=text.udvaelgelse, periode=period or None, wording=wording)
        charts = [*charts, *socialwork.charts(facts["socialfaglig"], wording.charts)]
    return facts, charts

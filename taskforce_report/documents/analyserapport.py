"""The Task Force's analysis report (dokument: analyserapport): the ten themes, the key figures
of chapter 4 and the evidence of chapters 5 and 6 (case review, social-work review,
self-evaluation, interviews), its free texts citing the evidence's numbers.

Here the facts are assembled from the analysis modules' typed results, and the key figures and
the case reviews get their Danish words (`sentences.WORDING`, `casereview_words.WORDING`:
sentences and alt texts) passed in, as the analysis stage sits below the words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from taskforce_report import catalogues
from taskforce_report.analyse import (
    casereview,
    casereview_charts,
    citations,
    interviews,
    keyfigures,
    selfevaluation,
    socialwork,
)
from taskforce_report.analyse.analysis import Basis, Results
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import language
from taskforce_report.documents.registry import DocumentType, register
from taskforce_report.load.bundle import Bundle, concept_of
from taskforce_report.load.criteria import criteria
from taskforce_report.load.questions import questions
from taskforce_report.models import AnalysisReport
from taskforce_report.words import casereview as casereview_words
from taskforce_report.words import selfevaluation as selfevaluation_words
from taskforce_report.words import sentences


def analyse(bundle: Bundle, tables: dict[str, Any], prepare: Callable) -> Results:
    report = bundle.report
    evidence, charts, values = _evidence(bundle, report, tables)
    where = bundle.report_doc.where if bundle.report_doc else None  # rapport.yaml, tekster/
    report = citations.resolve_report(report, values, where=where)
    facts = _analysis_report_facts(report, tables)
    _add_evidence(facts, evidence, report, tables)
    # the bundle's own concept, its free texts cited like the report's (build.prepare)
    facts["bundtkoncept"] = citations.resolve_concept(bundle, values)
    key_figures = facts.get("noegletal")
    charts += key_figures.charts if key_figures is not None else ()
    return Results(facts=facts, charts=tuple(charts))


def _evidence(bundle: Bundle, report: AnalysisReport,
              tables: dict[str, Any]) -> tuple[dict[str, Any], list[ChartSpec], dict[str, Any]]:
    """Case review, self-evaluation and interviews: their results, charts and the values
    theme texts may cite (citations.py)."""
    found: dict[str, Any] = {}
    charts: list[ChartSpec] = []
    values: dict[str, Any] = {}
    if tables.get("sagsgennemgang") is not None:
        text = report.sagsgennemgang
        # grouped by the concept's own themes (its catalogue says where each criterion goes)
        review = casereview.review(tables["sagsgennemgang"], criteria(bundle.kriterier),
                                   report.dato, words=text.tal == "ord",
                                   afgoerelser_foer=language.date(text.afgoerelser_foer),
                                   themes=concept_of(bundle).themes,
                                   wording=casereview_words.WORDING)
        found["sagsgennemgang"] = review
        charts += casereview_charts.charts(review, casereview_words.WORDING.charts)
        values.update(casereview.citation_values(review))
    if tables.get("socialfaglig") is not None:
        text = report.socialfaglig
        period = text.periode and (language.date(text.periode.fra),
                                   language.date(text.periode.til))
        social = socialwork.review(tables["socialfaglig"], words=report.sagsgennemgang.tal == "ord",
                                   udfoert_af=text.udfoert_af, udvaelgelse=text.udvaelgelse,
                                   periode=period or None, wording=casereview_words.WORDING)
        found["socialfaglig"] = social
        charts += socialwork.charts(social, casereview_words.WORDING.charts)
        values.update(socialwork.citation_values(social))
    if tables.get("selvevaluering") is not None:
        evaluation = selfevaluation.evaluate(tables["selvevaluering"],
                                             questions(bundle.spoergsmaal),
                                             report.kommune, selfevaluation_words.sentence)
        found["selvevaluering"] = evaluation
        values.update(selfevaluation.citation_values(evaluation))
    values.update(interviews.citation_values(bundle.interviews))
    # interviews.yaml's own texts may cite too ("{interviews.boern.sagsbehandlerskift} ud af …")
    told = bundle.interviews and citations.resolve_report(bundle.interviews, values,
                                                          file="interviews.yaml")
    found["interviewgrupper"] = interviews.groups(told)
    found["boerneinterviews"] = interviews.children(told)
    return found, charts, values


def _add_evidence(facts: dict[str, Any], evidence: dict[str, Any], report: AnalysisReport,
                  tables: dict[str, Any]) -> None:
    """The facts chapters 1.5, 5, 6 and the self-evaluation appendix require."""
    review = evidence.get("sagsgennemgang")
    if review is not None:
        review = replace(review, udvaelgelse=report.sagsgennemgang.udvaelgelse)
        facts["sagsgennemgang"] = review
        for theme_id in catalogues.concepts()[report.koncept].themes:
            facts[f"sagsgennemgang_{theme_id}"] = review.temaer.get(theme_id)
    social = evidence.get("socialfaglig")
    facts["socialfaglig"] = social
    facts["selvevaluering"] = evidence.get("selvevaluering")
    children = evidence["boerneinterviews"]
    facts["boerneinterviews"] = children
    facts["boerneinterviews_fund"] = children.temaer if children else ()
    facts["boern_ord"] = children.antal_ord if children else ""
    has_review = review is not None and not review.is_empty()
    facts["grundlag"] = replace(
        facts.get("grundlag") or Basis(),
        sager=review.sager if has_review else None,
        sagsudvaelgelse=review.afgoerelser_foer if has_review else None,
        socialfaglig=social.sager if social is not None and social.sager else None,
        socialfaglig_af=social.udfoert_af if social is not None else "",
        selvevaluering=bool(evidence.get("selvevaluering")
                            and not evidence["selvevaluering"].is_empty()),
        interviewgrupper=evidence["interviewgrupper"],
        boern=children.antal if children else None,
        boern_ord=children.antal_ord if children else "")


def _analysis_report_facts(report: AnalysisReport, tables: dict[str, Any]) -> dict[str, Any]:
    # chapter 4, or {}
    key_figures = keyfigures.facts(tables.get("noegletal"), report, sentences.WORDING)
    data = tables.get("noegletal")
    has_key_figures = (bool(key_figures) and not key_figures["noegletal"].is_empty()
                       and data is not None and not data.observations.empty)
    return {
        # the key figures themselves: without them chapter 4 is left out with its texts, which
        # speak of figures collected, unless the bundle's concept keeps it (`behold`)
        "noegletal_tal": data is not None and not data.observations.empty,
        "resume": report.resume,
        "anbefalinger": report.anbefalinger,
        "temaer": report.temaer,
        "grundlag": Basis(noegletal=has_key_figures),
        "udgangspunkt": report.udgangspunkt,  # from the application, the end of chapter 1
        **key_figures,
    }


ANALYSIS_REPORT = register(DocumentType("analyserapport", analyse))

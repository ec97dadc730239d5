"""The self-evaluation: ratings become the report's sentences; the appendix lists them all;
wrong themes, questions and ratings are input errors with file, row and value."""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLE, squeeze

from taskforce_report.build import prepare, render
from taskforce_report.cli import main
from taskforce_report.load import questions

SAMPLE = """tema;spoergsmaal;vurdering;respondent;kommentar
underretninger;underretninger_haandtering;I nogen grad;;Screeningsmødet virker.
underretninger;underretninger_tilbagemelding;ved ikke;;
eftervaern;eftervaern_anvendelse;i mindre grad;Teamleder;For sent.
eftervaern;eftervaern_anvendelse;i nogen grad;Socialrådgiver;
eftervaern;eftervaern_anvendelse;i nogen grad;Afdelingsleder;
"""


def with_sample(mini: Path, text: str = SAMPLE) -> Path:
    (mini / "selvevaluering.csv").write_text(text, encoding="utf-8")
    return mini


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_ratings_become_the_reports_sentences(mini):
    prepared = prepare(with_sample(mini))
    evaluation = prepared.results.facts["selvevaluering"]
    questions = {q.id: q for t in evaluation.temaer.values() for q in t.spoergsmaal}
    assert questions["underretninger_haandtering"].tekst == (
        "Åby Kommune vurderer i selvevalueringen, at kommunen i nogen grad håndterer "
        "underretninger hensigtsmæssigt.")
    assert questions["underretninger_tilbagemelding"].tekst == (
        "Åby Kommune har i selvevalueringen ikke vurderet, om kommunen giver kvittering og "
        "tilbagemelding til fagpersoner, der har underrettet.")
    split = questions["eftervaern_anvendelse"]
    assert split.vurdering == "forskellig"
    assert split.tekst == (
        "Besvarelserne af Åby Kommunes selvevaluering er delte i spørgsmålet om, hvorvidt "
        "kommunen anvender mulighederne for efterværn hensigtsmæssigt: to svarer i nogen grad "
        "og en svarer i mindre grad.")
    assert evaluation.respondenter == ("Teamleder", "Socialrådgiver", "Afdelingsleder")
    assert prepared.results.facts["grundlag"].selvevaluering is True


def test_appendix_lists_every_question_and_rating(mini):
    prepared = prepare(with_sample(mini))
    appendix = prepared.document.chapter("selvevaluering")
    assert appendix is not None and appendix.appendix and appendix.label == "Bilag 1"
    page, _ = render(prepared, flavour="html")
    text = squeeze(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    for question in ("I hvilken grad håndterer kommunen underretninger hensigtsmæssigt?",
                     "I hvilken grad anvender kommunen mulighederne for efterværn "
                     "hensigtsmæssigt?"):
        assert question in text
    assert "Teamleder: I mindre grad" in text and "Screeningsmødet virker." in text
    assert "Rapporten har desuden et bilag: Bilag 1, Selvevaluering." in text


def test_theme_text_cites_a_rating(mini):
    with_sample(mini)
    rapport = mini / "rapport.yaml"
    rapport.write_text(rapport.read_text(encoding="utf-8").replace(
        "praesentation: Kommunen har en modtagelse med fire rådgivere.",
        "praesentation: \"{selvevaluering.underretninger_haandtering.tekst} Graden er "
        "{selvevaluering.underretninger_haandtering}.\""), encoding="utf-8")
    prepared = prepare(mini)
    assert prepared.results.facts["temaer"]["underretninger"].praesentation == (
        "Åby Kommune vurderer i selvevalueringen, at kommunen i nogen grad håndterer "
        "underretninger hensigtsmæssigt. Graden er i nogen grad.")


def test_without_a_self_evaluation_nothing_is_said(mini):
    prepared = prepare(mini)
    assert prepared.document.chapter("selvevaluering") is None
    assert prepared.results.facts["grundlag"].selvevaluering is False


def test_unknown_theme_question_and_rating_name_file_row_and_value(mini):
    text = (SAMPLE.replace("underretninger;underretninger_haandtering",
                           "underretning;underretninger_haandtering")
            .replace("eftervaern;eftervaern_anvendelse;i mindre grad",
                     "eftervaern;eftervaern_brug;i mindre grad")
            .replace("i nogen grad;Socialrådgiver", "i nogen grader;Socialrådgiver"))
    result = run("validate", str(with_sample(mini, text)))
    assert result.exit_code == 1
    out = result.output
    assert ("selvevaluering.csv: række 2, kolonne tema: 'underretning' er ikke et kendt tema "
            "— mente du 'underretninger'?") in out
    assert "selvevaluering.csv: række 4, kolonne spoergsmaal: 'eftervaern_brug' er ikke et " \
           "kendt spørgsmål" in out
    assert ("selvevaluering.csv: række 5, kolonne vurdering: 'i nogen grader' er ikke en gyldig "
            "vurdering; gyldige værdier: i høj grad, i nogen grad, i mindre grad, slet ikke, "
            "ved ikke — mente du 'i nogen grad'?") in out


def test_question_under_the_wrong_theme(mini):
    text = SAMPLE.replace("underretninger;underretninger_haandtering",
                          "eftervaern;underretninger_haandtering")
    result = run("validate", str(with_sample(mini, text)))
    assert "række 2, kolonne tema: spørgsmålet 'underretninger_haandtering' hører til temaet " \
           "'underretninger', ikke 'eftervaern'" in result.output


def test_catalogue_sentences_carry_the_grade_once_and_are_documented():
    docs = (EXAMPLE.parent.parent / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    for question in questions.catalogue().values():
        assert question.saetning.count("{grad}") == 1
        assert f"`{question.id}`" in docs, question.id


def test_example_sentences_match_the_themes_texts():
    prepared = prepare(EXAMPLE)
    analysis = prepared.results.facts["temaer"]["underretninger"].analyse
    assert analysis.startswith("Fjordlund Kommune vurderer i selvevalueringen, at kommunen i "
                               "nogen grad håndterer underretninger hensigtsmæssigt.")
    assert prepared.document.chapter("selvevaluering").label == "Bilag 1"

"""Key figures (chapter 4): figures worked out by hand, missing data kept missing, errors that
name the file and the row, and the sentences that state the figures."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from conftest import pdf_pages

from taskforce_report.analyse import keyfigures
from taskforce_report.analyse.keyfigures import arithmetic, observations, results
from taskforce_report.build import prepare
from taskforce_report.core.errors import InputError
from taskforce_report.load import indicators
from taskforce_report.load.bundle import load
from taskforce_report.words import phrases, sentences

HEADER = "indikator;omraade;aar;vaerdi;kilde;note\n"

# The mini bundle: Åby Kommune, its reference group Bøgeby Kommune, and the country.
#                       2013                 2014
# befolkning_0_17   Åby 10.000, Bøgeby 5.000, land 1.000.000 (both years)
# underretninger    Åby 500 → 700 (+40 %), Bøgeby 200 → 125, land 55.000 → 60.000
#   2014 rates: Åby 700/10.000 = 70; land 60.000/1.000.000 = 60
#   reference group, Åby pooled in: (700 + 125) / (10.000 + 5.000) × 1.000 = 55
#   (a mean of the rates would be (70 + 25) / 2 = 47,5: wrong)
#   Åby against land: 70 / 60 − 1 = 16,7 % → "17 % højere"; against the group 70/55 − 1 = 27,3 %
# boernefaglige_undersoegelser  Åby 300 → 291 (−3 %), Bøgeby 100 → 100, land 29.000 → 29.500
#   2014: Åby 29,1; land 29,5 (−1,4 %: på niveau); group 391/15.000 × 1.000 = 26,07 (+11,6 %)
# anbragte  Åby 2013 missing (..), 2014 120; Bøgeby 50 and 52; land 10.000 and 9.900
ROWS = """\
befolkning_0_17;Åby Kommune;2013;10.000;Danmarks Statistik, FOLK1A;
befolkning_0_17;Åby Kommune;2014;10.000;Danmarks Statistik, FOLK1A;
befolkning_0_17;Bøgeby Kommune;2013;5000;Danmarks Statistik, FOLK1A;
befolkning_0_17;Bøgeby Kommune;2014;5000;Danmarks Statistik, FOLK1A;
befolkning_0_17;Hele landet;2013;1.000.000;Danmarks Statistik, FOLK1A;
befolkning_0_17;Hele landet;2014;1000000;Danmarks Statistik, FOLK1A;
underretninger;Åby Kommune;2013;500;Åby Kommune;
underretninger;Åby Kommune;2014;700;Åby Kommune;
underretninger;Bøgeby Kommune;2013;200;Kommunale nøgletal;
underretninger;Bøgeby Kommune;2014;125;Kommunale nøgletal;
underretninger;Hele landet;2013;55000;Kommunale nøgletal;
underretninger;Hele landet;2014;60000;Kommunale nøgletal;
boernefaglige_undersoegelser;Åby Kommune;2013;300;Ankestyrelsen;
boernefaglige_undersoegelser;Åby Kommune;2014;291;Ankestyrelsen;
boernefaglige_undersoegelser;Bøgeby Kommune;2013;100;Ankestyrelsen;
boernefaglige_undersoegelser;Bøgeby Kommune;2014;100;Ankestyrelsen;
boernefaglige_undersoegelser;Hele landet;2013;29000;Ankestyrelsen;
boernefaglige_undersoegelser;Hele landet;2014;29500;Ankestyrelsen;
anbragte;Åby Kommune;2013;..;Ankestyrelsen;Kommunen kan ikke opgøre tallet for 2013.
anbragte;Åby Kommune;2014;120;Ankestyrelsen;
anbragte;Bøgeby Kommune;2013;50;Ankestyrelsen;
anbragte;Bøgeby Kommune;2014;52;Ankestyrelsen;
anbragte;Hele landet;2013;10000;Ankestyrelsen;
anbragte;Hele landet;2014;9900;Ankestyrelsen;
"""


@pytest.fixture
def two_year_charts(monkeypatch):
    """The mini bundle has two years; these tests are about what its charts show, so they let
    a two-year table have a chart (the example report does not: see the test below)."""
    monkeypatch.setattr(keyfigures, "MIN_CHART_POINTS", 2)


def test_no_chart_for_a_table_of_one_or_two_years(mini):
    figures = key_figures(with_figures(mini))
    for section in figures.afsnit:
        for point in section.punkter:
            assert point.diagram is None, point.id  # two years: said in words, not drawn
    assert "Det svarer til 700 underretninger." in " ".join(
        item(figures, "underretninger").saetninger)


def with_figures(bundle: Path, rows: str = ROWS, settings: str = "", encoding="utf-8") -> Path:
    (bundle / "noegletal.csv").write_bytes((HEADER + rows).encode(encoding))
    if settings:
        path = bundle / "rapport.yaml"
        path.write_text(path.read_text(encoding="utf-8") + settings, encoding="utf-8")
    return bundle


def key_figures(bundle: Path) -> results.KeyFigures:
    return prepare(bundle).results.facts["noegletal"]


def item(figures: results.KeyFigures, item_id: str):
    return next(p for s in figures.afsnit for p in s.punkter if p.id == item_id)


# ---- the arithmetic, by hand --------------------------------------------------------------


def test_rate_pooled_reference_group_change_and_comparison_by_hand():
    counts = pd.DataFrame({"Åby": [500.0, 700.0], "Bøgeby": [200.0, 125.0]}, index=[2013, 2014])
    people = pd.DataFrame({"Åby": [10000.0, 10000.0], "Bøgeby": [5000.0, 5000.0]},
                          index=[2013, 2014])
    rates = arithmetic.rate(counts, people, 1000)
    assert rates.loc[2014, "Åby"] == pytest.approx(70.0)
    assert rates.loc[2014, "Bøgeby"] == pytest.approx(25.0)
    group, lacking = arithmetic.pooled_rate(counts, people, ["Åby", "Bøgeby"], 1000)
    assert group.loc[2014] == pytest.approx(55.0)  # 825 / 15.000, not (70 + 25) / 2 = 47,5
    assert group.loc[2013] == pytest.approx(700 / 15000 * 1000)
    assert lacking == {}
    assert arithmetic.change(counts["Åby"], 2013, 2014) == pytest.approx(0.40)
    assert arithmetic.relative(70.0, 60.0) == pytest.approx(1 / 6)
    assert arithmetic.relative(70.0, 55.0) == pytest.approx(15 / 55)


def test_missing_member_or_zero_denominator_gives_no_value_not_zero():
    counts = pd.DataFrame({"A": [10.0, 12.0], "B": [math.nan, 5.0]}, index=[2013, 2014])
    people = pd.DataFrame({"A": [100.0, 0.0], "B": [100.0, 100.0]}, index=[2013, 2014])
    rates = arithmetic.rate(counts, people, 1000)
    assert math.isnan(rates.loc[2014, "A"])  # a denominator of 0: missing, not infinity
    assert math.isnan(rates.loc[2013, "B"])
    group, lacking = arithmetic.pooled_rate(counts, people, ["A", "B"], 1000)
    assert math.isnan(group.loc[2013]) and lacking[2013] == ("B",)
    assert group.loc[2014] == pytest.approx(17 / 100 * 1000)  # Σ 17 / Σ 100 (A's 0 adds none)
    assert arithmetic.change(counts["B"], 2013, 2014) is None


def test_weighted_mean_of_shares_and_plain_mean_without_weight():
    shares = pd.DataFrame({"A": [20.0], "B": [10.0]}, index=[2014])
    weights = pd.DataFrame({"A": [300.0], "B": [100.0]}, index=[2014])
    weighted, _ = arithmetic.weighted_mean(shares, weights, ["A", "B"])
    assert weighted.loc[2014] == pytest.approx(17.5)  # (20·300 + 10·100) / 400
    plain, _ = arithmetic.weighted_mean(shares, None, ["A", "B"])
    assert plain.loc[2014] == pytest.approx(15.0)


def test_danish_figures_are_read_as_excel_writes_them():
    assert observations.parse_value("1.142") == 1142
    assert observations.parse_value("1.000.000") == 1_000_000
    assert observations.parse_value("11,6") == pytest.approx(11.6)
    assert observations.parse_value("1.142,5") == pytest.approx(1142.5)
    assert observations.parse_value("0.125") == pytest.approx(0.125)
    assert observations.parse_value("..") is None and observations.parse_value("") is None


def test_incompatible_units_are_never_compared():
    cat = indicators.catalogue()
    with pytest.raises(indicators.IncompatibleUnits):
        indicators.comparable(cat.indicators["anbragte"], cat.indicators["anbringelser_aarsvaerk"])
    with pytest.raises(indicators.IncompatibleUnits):
        arithmetic.compare(10.0, 9.0, "antal", "aarsvaerk")
    assert arithmetic.compare(10.0, 8.0, "antal", "antal") == pytest.approx(0.25)


# ---- the sentences -----------------------------------------------------------------------


@pytest.mark.parametrize(("share", "words"), [
    (0.40, "steg 40 %"), (-0.03, "faldt 3 %"), (0.004, "var uændret"), (0.2097, "steg 21 %"),
])
def test_change_phrase(share, words):
    assert phrases.change_phrase(share).replace("\u00a0", " ") == words


@pytest.mark.parametrize(("pairs", "words"), [
    ([(0.12, "landsgennemsnittet")], "12 % over landsgennemsnittet"),
    ([(-0.014, "landsgennemsnittet"), (0.116, "referencegruppen")],
     "på niveau med landsgennemsnittet, men 12 % over referencegruppen"),
    ([(0.01, "landsgennemsnittet"), (-0.02, "referencegruppen")],
     "på niveau med både landsgennemsnittet og referencegruppen"),
    ([(-0.05, "landsgennemsnittet"), (0.18, "referencegruppen")],
     "5 % under landsgennemsnittet, men 18 % over referencegruppen"),
])
def test_comparison_phrase(pairs, words):
    assert phrases.comparison_phrase(pairs).replace("\u00a0", " ") == words


@pytest.mark.parametrize(("pairs", "words"), [
    # 20,3 % against 18,1 % and 18,6 %: differences of shares, in procentpoint
    ([(2.2, "landsgennemsnittet"), (1.7, "referencegruppen")],
     "2,2 procentpoint over landsgennemsnittet og 1,7 procentpoint over referencegruppen"),
    # 23 % against 25 % twice
    ([(-2.0, "landsgennemsnittet"), (-2.0, "referencegruppen")],
     "2,0 procentpoint under både landsgennemsnittet og referencegruppen"),
    ([(0.3, "landsgennemsnittet")], "på niveau med landsgennemsnittet"),
])
def test_comparison_of_shares_is_in_procentpoint(pairs, words):
    said = phrases.comparison_phrase(pairs, points=True, decimals=1).replace("\u00a0", " ")
    assert said == words
    assert "%" not in said


@pytest.mark.parametrize(("difference", "decimals", "words"), [
    (1.3, 1, "steg 1,3 procentpoint"), (-4, 0, "faldt 4 procentpoint"),
    (0.04, 1, "var uændret"),
])
def test_change_of_a_share_is_in_procentpoint(difference, decimals, words):
    assert phrases.points_change_phrase(difference, decimals).replace("\u00a0", " ") == words


def test_bundle_figures_rate_group_change_comparison_and_sentence(mini):
    figures = key_figures(with_figures(mini))
    result = item(figures, "underretninger")
    table = result.table
    assert table.loc[2014, "kommune"] == pytest.approx(70.0)
    assert table.loc[2014, "referencegruppe"] == pytest.approx(55.0)
    assert table.loc[2014, "landsgennemsnit"] == pytest.approx(60.0)
    assert result.seneste.andel == pytest.approx(0.40)
    assert result.sammenligning.mod_land == pytest.approx(1 / 6)
    assert result.sammenligning.mod_reference == pytest.approx(15 / 55)
    said = " ".join(sentences.indicator_sentences(result, "Åby Kommune", 0)).replace(
        "\u00a0", " ")
    # the form of the leading sentence takes turns down the chapter; the rest is the same
    assert result.saetninger[1:] == tuple(
        sentences.indicator_sentences(result, "Åby Kommune", 0))[1:]
    # the finding first, the subject named once, then "antallet" refers back to it
    assert said == (
        "Antallet af underretninger i Åby Kommune var 70 pr. 1.000 0–17-årige i 2014, 17 % over "
        "landsgennemsnittet og 27 % over referencegruppen (60 og 55). "
        "Det svarer til 700 underretninger. "
        "Antallet steg 40 % fra 2013 til 2014.")
    assert said.count("underretninger i Åby Kommune") == 1
    assert sentences.indicator_sentences(result, "Åby Kommune", 1)[0].replace("\xa0", " ") == (
        "Målt på antallet af underretninger lå Åby Kommune i 2014 17 % over landsgennemsnittet "
        "og 27 % over referencegruppen: 70 pr. 1.000 0–17-årige mod 60 på landsplan og 55 i "
        "referencegruppen.")
    assert sentences.indicator_sentences(result, "Åby Kommune", 2)[0].replace("\xa0", " ") == (
        "Åby Kommune lå i 2014 17 % over landsgennemsnittet og 27 % over referencegruppen, når "
        "det gælder antallet af underretninger: 70 pr. 1.000 0–17-årige mod 60 på landsplan og "
        "55 i referencegruppen.")
    assert result.kilde == "Åby Kommune og Kommunale nøgletal"


def test_fall_and_level_with_the_country_in_words(mini):
    said = " ".join(item(key_figures(with_figures(mini)),
                         "boernefaglige_undersoegelser").saetninger).replace("\u00a0", " ")
    assert "Antallet faldt 3 % fra 2013 til 2014." in said
    assert "29,1 pr. 1.000 0–17-årige mod 29,5 på landsplan og 26,1 i referencegruppen." in said
    assert "på niveau med landsgennemsnittet, men 12 % over referencegruppen" in said


def test_reference_group_without_the_municipality_when_switched_off(mini):
    figures = key_figures(with_figures(
        mini, settings="noegletal:\n  referencegruppe_inkluderer_kommunen: false\n"))
    result = item(figures, "underretninger")
    assert result.table.loc[2014, "referencegruppe"] == pytest.approx(25.0)  # 125 / 5.000
    assert "180 % over referencegruppen" in " ".join(result.saetninger).replace("\xa0", " ")


def test_missing_value_is_shown_as_missing_not_zero(mini, two_year_charts):
    figures = key_figures(with_figures(mini))
    result = item(figures, "anbragte")
    assert math.isnan(result.table.loc[2013, "kommune"])
    assert result.table.loc[2014, "kommune"] == pytest.approx(12.0)
    kommune = result.diagram.data["serier"][0]
    assert kommune["navn"] == "Åby Kommune" and kommune["vaerdier"] == [None, 12.0]
    said = " ".join(result.saetninger)
    assert "kan ikke beregnes, fordi tallet for 2013 mangler" in said
    assert " 0 " not in said
    assert "Der er ingen tal for Åby Kommune i 2013." in result.mangler
    assert "Referencegruppens værdi kan ikke beregnes for 2013, fordi tallene for Åby Kommune " \
           "mangler." in result.mangler
    assert ("Anbragte børn og unge", "2013") in figures.manglende.huller
    assert "ingen tal for 2013" in result.diagram.alt


def test_consultant_text_goal_and_sentences_switched_off(mini, two_year_charts):
    settings = (
        "noegletal:\n"
        "  maal: {underretninger: 50}\n"
        "  uden_saetninger: [boernefaglige_undersoegelser]\n"
        "  tekster:\n"
        "    sagsbehandling: Afdelingen har **fire** rådgivere.\n"
        "  manglende: [Sagstal før 2014]\n")
    figures = key_figures(with_figures(mini, settings=settings))
    section = figures.section("sagsbehandling")
    assert section.tekst.startswith("Afdelingen har")
    assert item(figures, "boernefaglige_undersoegelser").saetninger == ()
    assert item(figures, "boernefaglige_undersoegelser").diagram is not None
    said = " ".join(item(figures, "underretninger").saetninger).replace("\xa0", " ")
    assert said.endswith("Det er 40 % over kommunens eget mål på 50 pr. 1.000 0–17-årige.")
    assert figures.manglende.konsulent == ("Sagstal før 2014",)


def test_chapter_structure_numbers_and_sections(mini, two_year_charts):
    prepared = prepare(with_figures(mini))
    chapter = prepared.document.chapter("noegletal")
    # befolkning_0_17 is in socioekonomi; no prevention or economy figures: no such sections
    assert [s.id for s in chapter.sections] == ["introduktion", "socioekonomi", "sagsbehandling",
                                               "anbringelse", "manglende"]
    assert [s.number for s in chapter.sections][-1] == f"{chapter.label}.5"
    figures = prepared.results.facts["noegletal"]
    numbers = [p.figur for s in figures.afsnit for p in s.punkter if p.diagram]
    assert numbers == list(range(1, len(numbers) + 1))
    ids = {spec.id for spec in prepared.results.charts}
    assert "noegletal-underretninger" in ids


def test_no_key_figures_no_chapter(mini):
    assert prepare(mini).document.chapter("noegletal") is None


# ---- errors that name file and row --------------------------------------------------------


def test_errors_name_file_row_and_column(mini):
    rows = ("underretninger;Bøgbye Kommune;2014;10;X;\n"
            "underretningr;Åby Kommune;2014;10;X;\n"
            "underretninger;Åby Kommune;14;10;X;\n"
            "underretninger;Åby Kommune;2013;mange;X;\n"
            "underretninger;Åby Kommune;2012;-4;X;\n"
            "underretninger;Åby Kommune;2011;4;X;\n"
            "underretninger;Åby;2011;5;X;\n")
    with pytest.raises(InputError) as caught:
        prepare(with_figures(mini, rows))
    message = caught.value.format_message()
    assert "noegletal.csv: række 2, kolonne omraade: ukendt område 'Bøgbye Kommune' — mente du " \
           "'Bøgeby Kommune'?" in message
    assert "række 3, kolonne indikator: ukendt indikator 'underretningr' — mente du " \
           "'underretninger'?" in message
    assert "række 4, kolonne aar: forventede et årstal som 2014, fandt '14'" in message
    assert "række 5, kolonne vaerdi: forventede et tal" in message and "'mange'" in message
    assert "række 6, kolonne vaerdi: negativt tal" in message
    assert "række 8: underretninger for Åby Kommune i 2011 står også i række 7" in message


def test_unknown_indicator_in_rapport_yaml_names_line(mini):
    with pytest.raises(InputError) as caught:
        prepare(with_figures(mini, settings="noegletal:\n  uden_saetninger: [underretning]\n"))
    message = caught.value.format_message()
    assert "rapport.yaml" in message and "linje" in message
    assert "ukendt indikator 'underretning' — mente du 'underretninger'?" in message


def test_bundle_indicator_catalogue_refuses_mixed_units(mini):
    (mini / "indikatorer.yaml").write_text(
        "indikatorer:\n"
        "  - {id: plejefamilie_aarsvaerk, titel: Plejefamilie (årsværk), navn: antallet,\n"
        "     enhed: aarsvaerk, afsnit: anbringelse, diagram: ingen}\n"
        "fordelinger:\n"
        "  - {id: blandet, titel: Blandet, navn: de anbragte, verbum: var, afsnit: anbringelse,\n"
        "     dele: [anbringelser_plejefamilie, plejefamilie_aarsvaerk]}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        prepare(with_figures(mini))
    message = caught.value.format_message()
    assert "indikatorer.yaml" in message and "fordelinger[0].dele" in message
    assert "kan ikke sammenlignes" in message and "årsværk" in message


def test_bundle_may_add_its_own_indicator(mini):
    (mini / "indikatorer.yaml").write_text(
        "indikatorer:\n"
        "  - id: familieraadslagning\n"
        "    titel: Sager med familierådslagning\n"
        "    navn: antallet af sager med familierådslagning\n"
        "    enhed: antal\n"
        "    afsnit: forebyggelse\n"
        "    naevner: befolkning_0_17\n", encoding="utf-8")
    rows = ROWS + ("familieraadslagning;Åby Kommune;2013;20;Åby Kommune;\n"
                   "familieraadslagning;Åby Kommune;2014;30;Åby Kommune;\n")
    result = item(key_figures(with_figures(mini, rows)), "familieraadslagning")
    assert result.table.loc[2014, "kommune"] == pytest.approx(3.0)
    assert result.seneste.andel == pytest.approx(0.5)


def test_the_loader_reads_the_catalogue_and_normalising_reads_no_file(mini):
    """The bundle's indikatorer.yaml is read once, by the loader, and held by the bundle; the
    key figures' normalising reads neither it nor rapport.yaml again (issue 18): with both files
    gone after loading, the own indicator is still known and a settings error still names its
    line in rapport.yaml."""
    (mini / "indikatorer.yaml").write_text(
        "indikatorer:\n"
        "  - {id: familieraadslagning, titel: Sager med familierådslagning,\n"
        "     navn: antallet af sager med familierådslagning, enhed: antal,\n"
        "     afsnit: forebyggelse}\n", encoding="utf-8")
    rows = ROWS + "familieraadslagning;Åby Kommune;2014;30;Åby Kommune;\n"
    report_lines = len((mini / "rapport.yaml").read_text(encoding="utf-8").splitlines())
    bundle = load(with_figures(mini, rows, settings="noegletal:\n  maal: {underretning: 5}\n"))
    assert "familieraadslagning" in bundle.indicators.indicators
    assert "underretninger" in bundle.indicators.indicators  # the package's too
    (mini / "indikatorer.yaml").unlink()
    (mini / "rapport.yaml").unlink()
    with pytest.raises(InputError) as caught:
        observations.prepare(bundle)
    message = caught.value.format_message()
    assert f"rapport.yaml, linje {report_lines + 2}: noegletal.maal.underretning: ukendt " \
           "indikator 'underretning'" in message
    fixed = replace(bundle, report=bundle.report.model_copy(update={
        "noegletal": bundle.report.noegletal.model_copy(update={"maal": {}})}))
    data = observations.prepare(fixed)
    assert set(data.observations["indikator"]) >= {"familieraadslagning", "underretninger"}


def test_windows_1252_and_comma_separator_are_read(mini):
    rows = ROWS.replace(";", ",").replace("Danmarks Statistik, FOLK1A", "Danmarks Statistik")
    rows = rows.replace(",..,", ",,").replace("10.000", "10000").replace("1.000.000", "1000000")
    with_figures(mini, rows.replace("Kommunen kan ikke opgøre tallet for 2013.", ""),
                 encoding="cp1252")
    (mini / "noegletal.csv").write_bytes(
        (HEADER.replace(";", ",") + rows).encode("cp1252"))
    prepared = prepare(mini)
    assert any("Windows-1252" in note for note in prepared.bundle.tables["noegletal"].notes)
    result = item(prepared.results.facts["noegletal"], "underretninger")
    assert result.table.loc[2014, "referencegruppe"] == pytest.approx(55.0)


# ---- the example report ---------------------------------------------------------------------


def test_example_report_has_chapter_4_with_charts_and_sentences(example_pdf):
    pages = pdf_pages(example_pdf)
    text = " ".join(pages)
    assert "4 Nøgletalsanalyse" in text and "4.1 Introduktion" in text
    assert "Antallet steg 21 % fra 2013 til 2014." in text
    assert "78 pr. 1.000 0–17-årige mod 71 på landsplan og 66 i referencegruppen" in text
    assert "Det svarer til 1.142 underretninger." in text
    assert "11,6 pr. 1.000 0–17-årige i 2014, 17 % over landsgennemsnittet og 12 % over " \
           "referencegruppen (9,9 og 10,4)" in text
    assert "kommunens eget mål på 30 sager pr. sagsbehandler" in text
    # shares are compared and followed in procentpoint (20,3 % against 18,1 % and 18,6 %)
    assert "2,2 procentpoint over landsgennemsnittet og 1,7 procentpoint over " \
           "referencegruppen" in text
    assert "Andelen steg 1,3 procentpoint fra 2008 til 2014" in text
    assert "2 procentpoint under både landsgennemsnittet og referencegruppen" in text
    assert "12 % højere" not in text and "lå dermed" not in text
    # no line chart of two points; the period in a title is one the municipality has data for
    assert "antal sager pr. sagsbehandler, 2014–2015" not in text
    assert "ulovligt fravær, 2010–2013" in text
    assert "Figur 4.1" in text and "Kilde: Ankestyrelsen" in text
    # chart text is real text in Danish
    assert "Landsgennemsnit" in text and "Referencegruppe" in text and "Plejefamilie" in text
    assert "Underretninger (2008–2012)" in text


def test_chart_svg_is_deterministic_and_has_alt_text(mini, two_year_charts):
    from taskforce_report.charts.draw import draw
    from taskforce_report.load.themes import load_theme

    prepared = prepare(with_figures(mini))
    spec = next(s for s in prepared.results.charts if s.id == "noegletal-anbragte")
    theme = load_theme("socialstyrelsen")
    first, second = draw(spec, theme), draw(spec, theme)
    assert first == second
    assert 'role="img"' in first and "Linjediagram" in first
    assert "Åby Kommune" in first


def test_workbook_sheet_numbers_are_real_numbers(mini):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "noegletal"
    sheet.append(HEADER.strip().split(";"))
    for line in ROWS.splitlines():
        cells = line.split(";")
        value = cells[3].replace(".", "")
        cells[3] = None if value == "" or value == ".." else int(value)
        sheet.append(cells)
    for area, index in (("Åby Kommune", 1.042), ("Bøgeby Kommune", 0.9), ("Hele landet", 1)):
        sheet.append(["socioekonomisk_indeks", area, 2014, index, "Kommunale nøgletal", None])
    book.save(mini / "data.xlsx")
    figures = key_figures(mini)
    result = item(figures, "socioekonomisk_indeks")
    assert result.table.loc[2014, "kommune"] == pytest.approx(1.042)  # not 1.042 thousands
    assert item(figures, "underretninger").table.loc[2014, "referencegruppe"] == \
        pytest.approx(55.0)

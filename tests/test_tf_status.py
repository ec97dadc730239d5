"""The Task Force's status report at the end of a course (issue 6): the status measurement
counted by hand against the code (both rounds, the change, the phrases, the table), the chapter
list of the example, the checks on the rounds, and one build of the example."""

from __future__ import annotations

import datetime as dt
import html
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, pdf_pages, squeeze

from taskforce_report import catalogues
from taskforce_report.analyse import casereview_rounds, casereview_rows, counting
from taskforce_report.build import build, prepare, render
from taskforce_report.cli import main
from taskforce_report.core import language
from taskforce_report.core.errors import InputError
from taskforce_report.load import criteria
from taskforce_report.load.tables import SPECS, read_csv
from taskforce_report.words.casereview import WORDING

EXAMPLE_TF = ROOT / "input" / "eksempel-tf-status"

# Two rounds, counted by hand below. (runde, case, criterion, assessment, criticism)
ROWS = [
    # underretning_24t: baseline 4 ja + 6 nej = 4/10 = 40 %; status 6 ja + 2 nej = 6/8 = 75 %
    *[("baseline", f"B{i:02d}", "underretning_24t", "ja", "nej") for i in range(1, 5)],
    *[("baseline", f"B{i:02d}", "underretning_24t", "nej", "ja" if i < 8 else "nej")
      for i in range(5, 11)],
    *[("status", f"S{i:02d}", "underretning_24t", "ja", "nej") for i in range(1, 7)],
    *[("status", f"S{i:02d}", "underretning_24t", "nej", "nej") for i in range(7, 9)],
    # bfu_4_mdr: baseline ja, ja, delvist, nej; status ja, delvist, nej, nej
    ("baseline", "B01", "bfu_4_mdr", "ja", "nej"), ("baseline", "B02", "bfu_4_mdr", "ja", "nej"),
    ("baseline", "B03", "bfu_4_mdr", "delvist", "nej"),
    ("baseline", "B04", "bfu_4_mdr", "nej", "ja"),
    ("status", "S01", "bfu_4_mdr", "ja", "nej"), ("status", "S02", "bfu_4_mdr", "delvist", "nej"),
    ("status", "S03", "bfu_4_mdr", "nej", "nej"), ("status", "S04", "bfu_4_mdr", "nej", "nej"),
    # boernesamtale: baseline 3 ja, 1 delvist, 1 ikke relevant; status 5 ja
    *[("baseline", f"B{i:02d}", "boernesamtale", "ja", "nej") for i in range(1, 4)],
    ("baseline", "B04", "boernesamtale", "delvist", "nej"),
    ("baseline", "B05", "boernesamtale", "ikke relevant", "nej"),
    *[("status", f"S{i:02d}", "boernesamtale", "ja", "nej") for i in range(1, 6)],
    # handleplan_indhold: 1 of 2 and 2 of 4: unchanged 50 %
    ("baseline", "B01", "handleplan_indhold", "ja", "nej"),
    ("baseline", "B02", "handleplan_indhold", "nej", "nej"),
    *[("status", f"S{i:02d}", "handleplan_indhold", v, "nej")
      for i, v in enumerate(["ja", "ja", "nej", "nej"], 1)],
    # underretning_tilbagemelding: never met
    ("baseline", "B01", "underretning_tilbagemelding", "nej", "nej"),
    ("baseline", "B02", "underretning_tilbagemelding", "nej", "nej"),
    *[("status", f"S{i:02d}", "underretning_tilbagemelding", "nej", "nej") for i in (1, 2, 3)],
    # tidlig_11_3: only in the status round
    ("status", "S01", "tidlig_11_3", "ja", "nej"),
    # eftervaern_17_5: not relevant in any baseline case
    ("baseline", "B01", "eftervaern_17_5", "ikke relevant", "nej"),
    ("baseline", "B02", "eftervaern_17_5", "ikke relevant", "nej"),
    ("status", "S01", "eftervaern_17_5", "ja", "nej"),
    ("status", "S02", "eftervaern_17_5", "nej", "nej"),
]
SAMPLE = "runde;sag;kriterium;vurdering;kritik\n" + "".join(";".join(r) + "\n" for r in ROWS)
DATE = dt.date(2022, 3, 15)


def sample_frame(tmp_path: Path):
    path = tmp_path / "sagsgennemgang.csv"
    path.write_text(SAMPLE, encoding="utf-8")
    return casereview_rows.normalise(read_csv(path, SPECS["sagsgennemgang"]), criteria.criteria())


def compared(tmp_path: Path, rule=counting.STATUS_RULE, concept="tf_pejlemaerker"):
    return casereview_rounds.compare(sample_frame(tmp_path), criteria.criteria(), DATE, rule,
                                     themes=catalogues.concepts()[concept].themes,
                                     wording=WORDING)


def counts(c: casereview_rounds.Comparison):
    return ((c.baseline.opfyldt, c.baseline.relevante, c.baseline.procent),
            (c.status.opfyldt, c.status.relevante, c.status.procent), c.aendring)


@pytest.fixture
def any_base(monkeypatch):
    """The hand-counted sample has four to ten cases a criterion; these tests are about the
    shares and their wording, so they let shares be printed on any base (the report's rule,
    counts below language.SMALL_BASE, is tested in test_small_bases_are_told_as_counts)."""
    monkeypatch.setattr(language, "SMALL_BASE", 1)


def test_small_bases_are_told_as_counts(tmp_path):
    c = compared(tmp_path).criterion
    # 4 of 10 against 6 of 8: the status round has fewer than ten cases
    assert squeeze(c("underretning_24t").tekst) == (
        "Kravet er opfyldt i 4 ud af 10 sager i baselinemålingen og i 6 ud af 8 i "
        "statusmålingen.")
    assert c("underretning_24t").aendring_tekst == "–"
    assert squeeze(c("tidlig_11_3").tekst) == ("Kravet indgik ikke i baselinemålingen, og i "
                                               "statusmålingen er kravet opfyldt i 1 ud af 1 sag.")
    assert "%" not in " ".join(c(k).tekst for k in ("underretning_24t", "bfu_4_mdr"))
    (tmp_path / "b").mkdir()
    page, _ = render(prepare(tf_bundle(tmp_path / "b")), flavour="html")
    text = squeeze(re.sub(r"<[^>]+>", " ", html.unescape(page)))
    assert ("(servicelovens § 155, stk. 2) 4 af 10 – 6 af 8 – –") in text
    assert "Andele og ændringer vises ikke, når en måling har færre end 10 relevante sager" in text


def test_both_rounds_counted_by_hand_under_the_status_rule(tmp_path, any_base):
    result = compared(tmp_path)
    assert result.sager == (10, 8)
    # criticism: B05, B06, B07 on underretning_24t and B04 on bfu_4_mdr; none in status
    assert result.kritik == (4, 0)
    c = result.criterion
    assert counts(c("underretning_24t")) == ((4, 10, 40), (6, 8, 75), 35)
    # delvist counts as met: 3 of 4, then 2 of 4
    assert counts(c("bfu_4_mdr")) == ((3, 4, 75), (2, 4, 50), -25)
    # ikke relevant leaves the base: 4 of 4, then 5 of 5
    assert counts(c("boernesamtale")) == ((4, 4, 100), (5, 5, 100), 0)
    assert counts(c("handleplan_indhold")) == ((1, 2, 50), (2, 4, 50), 0)
    assert counts(c("underretning_tilbagemelding")) == ((0, 2, 0), (0, 3, 0), 0)
    assert counts(c("tidlig_11_3")) == ((0, 0, None), (1, 1, 100), None)
    assert c("tidlig_11_3").baseline.sager == 0
    assert counts(c("eftervaern_17_5")) == ((0, 0, None), (1, 2, 50), None)
    assert c("eftervaern_17_5").baseline.sager == 2
    assert [c(k).aendring_tekst for k in ("underretning_24t", "bfu_4_mdr", "boernesamtale",
                                          "tidlig_11_3")] == ["+35", "\u221225", "0", "–"]
    development = result.udvikling
    assert (development.steget, development.faldet, development.uaendret) == (1, 1, 3)


def test_the_analysis_rule_counts_delvist_as_not_met(tmp_path, any_base):
    bfu = compared(tmp_path, counting.ANALYSIS_RULE).criterion("bfu_4_mdr")
    assert counts(bfu) == ((2, 4, 50), (1, 4, 25), -25)
    assert squeeze(bfu.tekst) == ("Andelen af sager, hvor undersøgelsen er afsluttet inden for "
                                  "fire måneder, er faldet fra 50 % til 25 %.")


def test_phrases_in_the_status_reports_idiom(tmp_path, any_base):
    c = compared(tmp_path).criterion
    text = {k: squeeze(c(k).tekst) for k in ("underretning_24t", "bfu_4_mdr", "boernesamtale",
                                             "handleplan_indhold", "underretning_tilbagemelding",
                                             "tidlig_11_3", "eftervaern_17_5")}
    assert text == {
        "underretning_24t": "Andelen af sager, hvor underretningen er vurderet inden for 24 "
                            "timer, er steget fra 40 % til 75 %.",
        "bfu_4_mdr": "Andelen af sager, hvor undersøgelsen er afsluttet inden for fire "
                     "måneder, er faldet fra 75 % til 50 %.",
        "boernesamtale": "I begge målinger er der afholdt en børnesamtale forud for afgørelsen "
                         "i alle sager.",
        "handleplan_indhold": "Andelen af sager, hvor handleplanen beskriver formål, mål og "
                              "forventet varighed, er uændret 50 % i begge målinger.",
        "underretning_tilbagemelding": "I ingen af de to målinger er der sager, hvor der er "
                                       "givet tilbagemelding til underretteren.",
        "tidlig_11_3": "Kravet indgik ikke i baselinemålingen, og i statusmålingen er kravet "
                       "opfyldt i 1 ud af 1 sag (100 %).",
        "eftervaern_17_5": "Kravet var ikke relevant i nogen af sagerne i baselinemålingen, så "
                           "udviklingen kan ikke opgøres; i statusmålingen er kravet opfyldt i 1 "
                           "ud af 2 sager (50 %).",
    }


def test_grouped_by_the_concepts_areas_in_their_order(tmp_path):
    result = compared(tmp_path)
    groups = [(g.id, [c.id for c in g.kriterier], g.tabel, g.figur) for g in result.grupper]
    # every area has its table; only an area of three or more criteria has a chart (figur)
    assert groups == [
        ("styring", ["tidlig_11_3"], 1, 0),
        ("udredning", ["underretning_24t", "underretning_tilbagemelding", "bfu_4_mdr"], 2, 1),
        ("indsats", ["handleplan_indhold", "eftervaern_17_5"], 3, 0),
        ("inddragelse", ["boernesamtale"], 4, 0),  # the child conversation is inddragelse
    ]
    classic = compared(tmp_path, concept="tf_klassisk")
    assert [g.id for g in classic.grupper] == ["tidlig_indsats", "underretninger",
                                               "boernefaglige_undersoegelser", "handleplan",
                                               "eftervaern"]
    assert "boernesamtale" in [c.id for c in classic.grupper[2].kriterier]


def tf_bundle(tmp_path: Path, koncept: str = "tf_pejlemaerker", rows: str = SAMPLE,
              reading: str = "") -> Path:
    bundle = tmp_path / "tf"
    bundle.mkdir()
    (bundle / "sagsgennemgang.csv").write_text(rows, encoding="utf-8")
    area = "styring" if koncept == "tf_pejlemaerker" else "politik_og_strategi"
    (bundle / "rapport.yaml").write_text(textwrap.dedent(f"""\
        dokument: taskforce-status
        koncept: {koncept}
        kommune: Åby Kommune
        dato: 2022-03-15
        statusmaaling: {{baseline: 2019-05, status: 2021-11{reading}}}
        samlet_vurdering: "Børnesamtalen: {{statusmaaling.boernesamtale.tekst}}"
        temaer:
          {area}:
            vurdering: Ledelsestilsynet er nu fast.
            redegoerelse: Vi har indført ledelsestilsyn hver måned.
        anbefalinger: [Fastholder ledelsestilsynet.]
        """), encoding="utf-8")
    return bundle


def test_the_table_row_and_the_citation_in_the_html(tmp_path, any_base):
    prepared = prepare(tf_bundle(tmp_path))
    page, _ = render(prepared, flavour="html")
    text = squeeze(re.sub(r"<[^>]+>", " ", html.unescape(page)))
    assert ("Underretningen er vurderet inden for 24 timer efter modtagelsen (servicelovens "
            "§ 155, stk. 2) 4 af 10 40 % 6 af 8 75 % +35") in text
    assert "Den børnefaglige undersøgelse er afsluttet inden for fire måneder" in text
    # the criterion's own rule, as the analysis report counts: delvist is not met
    assert "2 af 4 50 % 1 af 4 25 % \u221225" in text
    assert "Reglen er den samme som i analyserapporten" in text
    assert "Baselinemåling maj 2019 Statusmåling november 2021" in text
    # boernesamtale: 3 ja of 4 relevant (the delvist is not met), then 5 of 5
    assert ("Børnesamtalen: Andelen af sager, hvor der er afholdt en børnesamtale forud for "
            "afgørelsen, er steget fra 75 % til 100 %.") in text
    assert "steget for 2 af de 5 krav, der kan sammenlignes, faldet for 1 og uændret for 2" in text
    assert "kritik i 4 af de 10 sager i baselinemålingen og i 0 af de 8 sager" in text
    # a chart for the area of three criteria only (one or two are read off the table), both
    # rounds named in its legend
    assert [c.id for c in prepared.results.charts] == ["statusmaaling-udredning"]
    assert prepared.results.charts[0].data["serier"] == ("Baselinemåling, maj 2019",
                                                         "Statusmåling, november 2021")


def test_a_second_reading_is_shown_beside_and_labelled(tmp_path, any_base):
    prepared = prepare(tf_bundle(tmp_path, reading=", anden_laesning: "
                                 "helt_eller_delvist_hvor_relevant"))
    page, _ = render(prepared, flavour="html")
    text = squeeze(re.sub(r"<[^>]+>", " ", html.unescape(page)))
    # bfu_4_mdr: 2 of 4 (ja only) with 3 of 4 = 75 % beside it; then 1 of 4 with 50 %
    assert "2 af 4 50 % 75 % 1 af 4 25 % 50 % \u221225" in text
    assert "Opfyldt Andel Helt eller delvist opfyldt Opfyldt Andel Helt eller delvist" in text
    assert "Som en anden læsning viser tabellerne også andelen af sager, hvor kravet er helt " \
           "eller delvist opfyldt" in text


def test_a_report_wide_counting_rule_is_refused_with_the_way_to_a_second_reading(tmp_path):
    bundle = tf_bundle(tmp_path, reading=", optaelling: helt_eller_delvist")
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    assert result.exit_code == 1
    assert "anden_laesning: helt_eller_delvist" in result.output
    assert "Traceback" not in result.output


def test_a_missing_round_is_an_error(tmp_path):
    only_baseline = "\n".join(line for line in SAMPLE.splitlines()
                              if not line.startswith("status")) + "\n"
    with pytest.raises(InputError) as error:
        prepare(tf_bundle(tmp_path, rows=only_baseline))
    assert "ingen rækker med runde status" in str(error.value)


def test_area_keys_are_checked_against_the_concept(tmp_path):
    bundle = tf_bundle(tmp_path)
    rapport = bundle / "rapport.yaml"
    rapport.write_text(rapport.read_text(encoding="utf-8").replace("  styring:", "  styrng:"),
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    assert result.exit_code == 1
    assert "temaer.styrng: ukendt tema — mente du 'styring'?" in result.output


def chapter_lines(bundle: Path) -> list[str]:
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.output.splitlines()[3:]
            if not line.strip().startswith("bemærk:")]  # consistency notes follow the outline


def test_example_chapter_list_matches_the_outline():
    assert chapter_lines(EXAMPLE_TF) == [
        "1 Indledning",
        "1.1 Task Forcens forløb med Skovbæk Kommune",
        "1.2 Rapportens datagrundlag",
        "1.3 Læsevejledning",
        "2 Task Forcens vurdering",
        "2.1 Overordnet styring og faglig ledelse",
        "2.2 Faglig udredning",
        "2.3 Valg af indsats og opfølgning",
        "2.4 Inddragelse",
        "3 Task Forcens bemærkninger til kommunens afsluttende redegørelse",
        "3.1 Overordnet styring og faglig ledelse",
        "3.2 Faglig udredning",
        "3.3 Valg af indsats og opfølgning",
        "3.4 Inddragelse",
        "4 Task Forcens anbefalinger",
        "Bilag 1 Statusmåling af konkrete sager",
        "Bilag 2 Kommunens afsluttende redegørelse",
        "Bilag 2.1 Overordnet styring og faglig ledelse",
        "Bilag 2.2 Faglig udredning",
        "Bilag 2.3 Valg af indsats og opfølgning",
        "Bilag 2.4 Inddragelse",
    ]


def test_classic_areas_leave_out_chapters_without_text(tmp_path):
    lines = chapter_lines(tf_bundle(tmp_path, koncept="tf_klassisk"))
    assert lines == ["1 Indledning", "1.1 Task Forcens forløb med Åby Kommune",
                     "1.2 Rapportens datagrundlag", "1.3 Læsevejledning",
                     "2 Task Forcens vurdering", "2.1 Politik og strategi",
                     "3 Task Forcens anbefalinger", "Bilag 1 Statusmåling af konkrete sager",
                     "Bilag 2 Kommunens afsluttende redegørelse", "Bilag 2.1 Politik og strategi"]


def test_example_pdf(tmp_path):
    prepared = prepare(EXAMPLE_TF)
    found = prepared.results.facts["statusmaaling"].sammenligning
    target = build(EXAMPLE_TF, tmp_path)
    assert target.name == "taskforce-status.pdf"
    pages = pdf_pages(target)
    text = " ".join(pages)
    assert "Statusrapport" in pages[0] and "Skovbæk Kommune" in pages[0]
    for heading in ("Task Forcens vurdering", "Task Forcens anbefalinger",
                    "Bilag 1 Statusmåling af konkrete sager",
                    "Bilag 2 Kommunens afsluttende redegørelse"):
        assert heading in text
    # every criterion's sentence and the figure legends are in the PDF, whatever the data says
    for group in found.grupper:
        for c in group.kriterier:
            assert squeeze(c.tekst) in text, c.id
    assert "Baselinemåling, maj 2019" in text and "Statusmåling, november 2021" in text
    assert f"Side 3 af {len(pages)}" in pages[2]

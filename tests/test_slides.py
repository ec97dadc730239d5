"""The committee slide deck (--format slides): every slide on its own 16:9 page, figures from the
bundle and the audit, a table's sums checked, and an overfull slide refused by name."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, pdf_pages
from pypdf import PdfReader

from taskforce_report.analyse import slides
from taskforce_report.cli import main
from taskforce_report.core.errors import InputError

EXAMPLE_STATUS = ROOT / "input" / "eksempel-status"
MINUS = "\u2212"

# A small deck for the mini status bundle (goals measured by samtale, frist and plan).
MINI_DECK = """
dias:
  moede: 2021-10-20
  sider:
    - titel: Status
      noegletal:
        - {tal: 2756, tekst: underretninger i 2022, kilde: DUBU, aar: 2022}
        - {kriterium: samtale}
    - titel: Budget
      tabel:
        overskrift: Område
        enhed: 1.000 kr.
        kolonner: [2023, 2024]
        raekker:
          - {navn: Forebyggelse, tal: ['-5.300', -5300]}
          - {navn: Anbringelser, tal: [-7000, '-14.500']}
        i_alt: ['-12.300', '-19.800']
    - titel: Stolte
      tekst: |
        - Grøn smiley
"""


@pytest.fixture
def deck_mini(tmp_path: Path) -> Path:
    target = tmp_path / "status-mini"
    shutil.copytree(FIXTURES / "status-mini", target)
    path = target / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8") + MINI_DECK, encoding="utf-8")
    return target


def _edit(bundle: Path, old: str, new: str) -> None:
    path = bundle / "rapport.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _build(bundle: Path, out: Path):
    return CliRunner().invoke(main, ["build", "-q", str(bundle), "-o", str(out),
                                     "--format", "slides"])


@pytest.fixture(scope="session")
def example_deck(tmp_path_factory):
    from taskforce_report.build import build, prepare

    out = tmp_path_factory.mktemp("dias")
    pdf = build(EXAMPLE_STATUS, out, "slides")
    return pdf, prepare(EXAMPLE_STATUS).results.facts


# ---- the example deck ---------------------------------------------------------------------

def test_every_slide_is_one_16_9_page_with_its_title(example_deck):
    pdf, facts = example_deck
    deck = facts["dias"]
    reader = PdfReader(pdf)
    assert pdf.name == "statusrapport-slides.pdf"
    assert len(reader.pages) == len(deck.slides) == 10
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width / height == pytest.approx(16 / 9, abs=0.01)
    pages = pdf_pages(pdf)
    for slide, text in zip(deck.slides, pages, strict=True):
        assert slide.titel in text, (slide.nr, slide.titel)
    kinds = [s.kind for s in deck.slides]
    assert kinds == ["titel", "tekst", "noegletal", "overblik", "overblik", "overblik", "maal",
                     "maal", "tabel", "tekst"]
    assert "Børne- og Ungeudvalget den 24. januar 2022" in pages[0]
    assert pages[1].rstrip().endswith("2 / 10")


def test_headline_figures_typed_and_from_the_audit(example_deck):
    pdf, facts = example_deck
    # the large number is a line of its own; pypdf does not always put a space after it
    text = pdf_pages(pdf)[2].replace("1.184underretninger", "1.184 underretninger")
    assert "1.184 underretninger i 2021 Kilde: DUBU, 2021" in text
    goal = next(g for g in facts["maal"] if g.kriterium == "boernesamtale")
    latest = goal.seneste
    share = f"{round(latest.andel * 100)} %"
    text = text.replace(f"{share}af", f"{share} af")
    assert (f"{share} af de relevante sager har en børnesamtale målt på {latest.grundlag} sager "
            "Kilde: Ledelsestilsynet, december 2021") in text


def test_overview_shows_every_goal_once_in_order(example_deck):
    pdf, facts = example_deck
    overview = [s for s in facts["dias"].slides if s.kind == "overblik"]
    shown = [g.nr for s in overview for g in s.goals]
    assert shown == [g.nr for g in facts["maal"]] == list(range(1, 22))
    assert [s.del_af for s in overview] == ["1 af 3", "2 af 3", "3 af 3"]
    text = " ".join(pdf_pages(pdf)[3:6])
    for goal in facts["maal"]:
        assert goal.kort in text


def test_goal_slide_has_chart_and_status(example_deck):
    pdf, facts = example_deck
    goal = next(g for g in facts["maal"] if g.kriterium == "bfu_4_maaneder")
    text = pdf_pages(pdf)[7]
    assert f"Mål {goal.nr}: {goal.kort}" in text
    assert f"Vurdering {goal.status_ord}" in text
    # the chart's axis is text; the month shortened where the labels would run together
    assert "Milepæl" in text and re.search(r"\bsep(tember|\.) 2021", text), text


def test_budget_table_in_danish_with_minus_signs_and_checked_sum(example_deck):
    pdf, _ = example_deck
    text = pdf_pages(pdf)[8]
    assert "Børne- og ungeområdet (1.000 kr.) 2022 2023 2024 2025" in text
    assert (f"Anbringelse på opholdssted og døgninstitution {MINUS}2.500 {MINUS}5.000 "
            f"{MINUS}7.500 {MINUS}10.000") in text
    assert f"I alt {MINUS}9.900 {MINUS}12.400 {MINUS}15.250 {MINUS}17.750" in text


def test_html_deck_beside_the_pdf(example_deck):
    pdf, facts = example_deck
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert html.count('<section class="dias') == len(facts["dias"].slides)
    assert html.count("<svg") >= 2  # the goal charts, inline for the screen
    assert 'lang="da"' in html and "width: 338.67mm; height: 190.5mm" in html
    assert (pdf.parent / "assets" / "logo.svg").is_file()


def test_manifest_records_slides_and_verify_rebuilds_them(example_deck):
    pdf, _ = example_deck
    manifest = json.loads(PdfReader(pdf).attachments["manifest.json"][0])
    assert manifest["format"] == "slides"
    result = CliRunner().invoke(main, ["verify", str(pdf)])
    assert result.exit_code == 0, result.output


# ---- errors -------------------------------------------------------------------------------

def test_mini_deck_builds_with_pdf_and_html(deck_mini, tmp_path):
    result = _build(deck_mini, tmp_path / "ud")
    assert result.exit_code == 0, result.output
    assert "statusrapport-slides.html" in result.output
    pages = pdf_pages(tmp_path / "ud" / "statusrapport-slides.pdf")
    assert len(pages) == 4
    assert re.search(r"2\.756 ?underretninger i 2022 Kilde: DUBU, 2022", pages[1])
    assert f"I alt {MINUS}12.300 {MINUS}19.800" in pages[2]


def test_a_sum_that_does_not_add_up_is_an_input_error(deck_mini, tmp_path):
    _edit(deck_mini, "i_alt: ['-12.300', '-19.800']", "i_alt: ['-12.300', '-18.800']")
    result = _build(deck_mini, tmp_path / "ud")
    assert result.exit_code == 1
    assert ("dias.sider[1].tabel.i_alt[1]: summen af rækkerne i kolonnen 2024 er -19.800, men "
            "i_alt siger -18.800 (forskel 1.000)") in result.output
    assert "linje" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "ud").exists()


SEED_004_BUDGET = """
    - titel: Budget og forbrug
      tabel:
        overskrift: Børne- og ungeområdet
        kolonner: [2023, 2024, 2025, 2026]
        raekker:
          - {navn: Den tidlige forebyggende indsats, tal: ['-5.300', '-5.300', '-5.300', '-5.300']}
          - {navn: Kontaktpersoner, tal: ['-2.700', '-3.691', '-3.691', '-3.691']}
          - {navn: Familiebehandling, tal: ['-6.000', '-6.000', '-6.000', '-6.000']}
          - {navn: Anbringelse, tal: [-7000, '-14.500', '-22.000', '-29.500']}
          - {navn: Dagbehandling, tal: ['-1.300', '-2.350', '-3.400', '-3.400']}
          - {navn: Familieanbringelse, tal: [-1000, -1000, -1000, -1000]}
          - {navn: Sommerlejre, tal: [-250, -250, -250, -250]}
          - {navn: Familiekoordinatorer, tal: [-250, -250, -250, -250]}
          - {navn: Egenbetaling, tal: ['-1.000', '-1.000', '-1.000', '-1.000']}
          - {navn: Økonomisk Støtte, tal: [-250, -250, -250, -250]}
        i_alt: ['-26.050', '-35.591', '-44.141', '-51.641']
"""


def test_seed_004s_budget_table_does_not_add_up(deck_mini, tmp_path):
    """The seed's table, typed as it stands: every year's rows are 1.000 short of its I alt."""
    stolte = "    - titel: Stolte\n"
    _edit(deck_mini, stolte, SEED_004_BUDGET.lstrip("\n") + stolte)
    result = CliRunner().invoke(main, ["validate", str(deck_mini)])
    assert result.exit_code == 1
    for column, (rows, stated) in enumerate([("-25.050", "-26.050"), ("-34.591", "-35.591"),
                                             ("-43.141", "-44.141"), ("-50.641", "-51.641")]):
        assert (f"dias.sider[2].tabel.i_alt[{column}]: summen af rækkerne i kolonnen "
                f"{2023 + column} er {rows}, men i_alt siger {stated} (forskel -1.000)") \
            in result.output


def test_unquoted_thousands_are_refused(deck_mini, tmp_path):
    _edit(deck_mini, "tal: [-7000, '-14.500']", "tal: [-7.000, '-14.500']")
    result = _build(deck_mini, tmp_path / "ud")
    assert result.exit_code == 1
    assert ("dias.sider[1].tabel.raekker[1].tal[0]: '-7.000' læses som -7,0, ikke som tusinder; "
            "skriv -7000 eller '-7.000' i anførselstegn") in result.output


def test_a_row_with_too_few_figures(deck_mini, tmp_path):
    _edit(deck_mini, "tal: [-7000, '-14.500']", "tal: [-7000]")
    result = _build(deck_mini, tmp_path / "ud")
    assert result.exit_code == 1
    assert ("dias.sider[1].tabel.raekker[1].tal: rækken 'Anbringelser' har 1 tal, men tabellen "
            "har 2 kolonner (2023, 2024)") in result.output


def test_a_slide_that_runs_over_is_named(deck_mini, tmp_path):
    bullets = "".join(f"        - Punkt {i}, som fylder en hel linje på diasset.\n"
                      for i in range(20))
    _edit(deck_mini, "        - Grøn smiley\n", "        - Grøn smiley\n" + bullets)
    result = _build(deck_mini, tmp_path / "ud")
    assert result.exit_code == 1, result.output
    assert "dias.sider[2]: dias 4 ('Stolte') fylder 2 sider, men et dias er én side" \
        in result.output
    assert not (tmp_path / "ud").exists()  # neither the PDF nor the HTML


def test_a_table_too_wide_for_its_slide_is_named(deck_mini, tmp_path):
    years = list(range(2010, 2030))
    row = ", ".join(["-1234567"] * len(years))
    _edit(deck_mini, "    - titel: Stolte\n",
          f"    - titel: Bred\n      tabel:\n        kolonner: {years}\n"
          f"        raekker: [{{navn: Alt, tal: [{row}]}}]\n    - titel: Stolte\n")
    result = _build(deck_mini, tmp_path / "ud")
    assert result.exit_code == 1, result.output
    assert "dias.sider[2]: dias 4 ('Bred') er bredere end siden" in result.output


def test_a_goal_the_plan_does_not_have(deck_mini, tmp_path):
    _edit(deck_mini, "{kriterium: samtale}", "{kriterium: samtal}")
    result = _build(deck_mini, tmp_path / "ud")
    assert result.exit_code == 1
    assert ("dias.sider[0].noegletal[1].kriterium: intet mål i udviklingsplanen måles med "
            "kriteriet 'samtal' — mente du 'samtale'?") in result.output


@pytest.mark.parametrize("slide, expected", [
    ("{titel: X, overblik: true, maal: samtale}", "et dias viser én ting; fandt overblik og maal"),
    ("{tekst: ''}", "et dias skal have mindst en titel"),  # a title alone is a divider
    ("{noegletal: [{tal: 5}]}", "et tastet nøgletal skal have tekst"),
    ("{noegletal: [{tal: 5, kriterium: samtale}]}", "enten tal"),
    ("{noegletal: [{tal: true, tekst: a, kilde: b, aar: 2021}]}",
     "noegletal[0].tal: forventede et tal, fandt ja/nej"),
    ("{noegletal: [{tal: .inf, tekst: a, kilde: b, aar: 2021}]}",
     "noegletal[0].tal: forventede et endeligt tal (ikke .inf eller .nan)"),
    ("{tabel: {kolonner: [2023], raekker: [{navn: A, tal: [[1]]}]}}",
     "raekker[0].tal[0]: forventede et tal, fandt en liste"),
    ("{tabel: {kolonner: [2023], raekker: [{navn: A, tal: [abc]}]}}",
     "forventede et tal som -5300, '-5.300' eller '1.234,5'; fandt 'abc'"),
])
def test_slide_keys_are_checked(deck_mini, tmp_path, slide, expected):
    _edit(deck_mini, "    - titel: Stolte\n", f"    - {slide}\n    - titel: Stolte\n")
    result = CliRunner().invoke(main, ["validate", str(deck_mini)])
    assert result.exit_code == 1
    assert "dias.sider[2]" in result.output and expected in result.output, result.output


def test_slides_need_a_status_bundle_with_dias(tmp_path, deck_mini):
    result = _build(FIXTURES / "mini", tmp_path / "a")
    assert result.exit_code == 1 and "dokumenttypen analyserapport har ingen dias" in result.output
    _edit(deck_mini, MINI_DECK, "")
    result = _build(deck_mini, tmp_path / "b")
    assert result.exit_code == 1 and "rapport.yaml: dias: mangler" in result.output
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


# ---- units ------------------------------------------------------------------------------

def test_danish_amounts_and_decimals():
    problems: list = []
    assert slides._amount("1.234,5", (), None, problems) == Decimal("1234.5")
    assert slides._amount(f"{MINUS}250", (), None, problems) == Decimal(-250)
    assert slides._amount(-0.5, (), None, problems) == Decimal("-0.5")
    assert not problems
    assert slides._amount("12,34,5", (), None, problems) is None and problems


def test_overview_chunks_keep_a_point_heading_with_its_goals():
    from types import SimpleNamespace as Goal

    goals = tuple(Goal(nr=n, udviklingspunkt=p) for n, p in
                  enumerate([1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 4, 4, 5], start=1))
    chunks = slides._overview_chunks(goals)
    assert [g for c in chunks for g in c] == list(goals)
    for chunk in chunks:
        headings = len({g.udviklingspunkt for g in chunk})
        assert len(chunk) + headings <= slides.OVERVIEW_ROWS


def test_check_one_page_each_names_every_overfull_slide():
    from taskforce_report.output.pdf import check_one_page_each

    pages = {"dias-1": ("rapport.yaml", "dias.sider[0]", "linje 3", "dias 1 ('A')"),
             "dias-2": ("rapport.yaml", "dias.sider[1]", "linje 9", "dias 2 ('B')")}
    check_one_page_each([(["dias-1"], False), (["dias-2", "x"], False)], pages)  # fits
    with pytest.raises(InputError) as caught:
        check_one_page_each([(["dias-1"], True), (["dias-2"], False), (["dias-2"], False),
                             (["dias-2"], False)], pages)
    assert [str(p) for p in caught.value.problems] == [
        "rapport.yaml, linje 3: dias.sider[0]: dias 1 ('A') er bredere end siden; brug færre "
        "kolonner eller kortere ord",
        "rapport.yaml, linje 9: dias.sider[1]: dias 2 ('B') fylder 3 sider, men et dias er én "
        "side; forkort teksten eller del indholdet på flere dias"]

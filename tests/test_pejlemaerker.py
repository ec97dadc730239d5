"""The four-pejlemærker analysis report (issue 6): the concept as data (its chapters, where the
classic themes and the case review's criteria go), the case review as an appendix in two parts
(the social-work review counted by hand), the theme keys checked against the concept, a fourth
concept added as a data file only, and one build of the example."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, pdf_pages, squeeze

from taskforce_report import catalogues
from taskforce_report.analyse import casereview_criteria, socialwork
from taskforce_report.build import build, prepare, render
from taskforce_report.cli import main
from taskforce_report.core.errors import InputError
from taskforce_report.load import criteria
from taskforce_report.load.tables import SPECS, read_csv
from taskforce_report.words.casereview import WORDING

EXAMPLE_PM = ROOT / "input" / "eksempel-pejlemaerker"


def chapter_lines(bundle: Path) -> list[str]:
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.output.splitlines()[3:]]


def test_example_chapter_list_matches_the_outline():
    assert chapter_lines(EXAMPLE_PM) == [
        "1 Sammenfatning, baggrund og indhold",
        "1.1 Task Forcens konklusioner",
        "1.2 Task Forcens anbefalinger",
        "1.3 Baggrund",
        "1.4 Kvalitet i sagsbehandlingen",
        "1.5 Task Forcens tilgang",
        "1.6 Rapportens struktur og datagrundlag",
        "2 Overordnet styring og faglig ledelse",
        "2.1 Politik, strategi og styring",
        "2.2 Ledelsesinformation, ledelsestilsyn og sagssparring",
        "2.3 Tværfagligt samarbejde i det forebyggende arbejde",
        "3 Faglig udredning",
        "3.1 Underretninger",
        "3.2 Børnefaglige undersøgelser",
        "4 Valg af indsats og opfølgning",
        "4.1 Valg af indsats",
        "4.2 Opfølgning",
        "5 Inddragelse",
        "5.1 Inddragelse af børn, unge og familier",
        "5.2 Interviews med seks børn og unge",
        "Bilag 1 Resultat af sagsgennemgang",
        "Bilag 1.1 Ankestyrelsens juridiske sagsgennemgang",
        "Bilag 1.2 Den socialfaglige sagsgennemgang",
        "Bilag 2 Datakilder og metode",
    ]


def test_every_classic_theme_and_criterion_has_one_place():
    sections = catalogues.concepts()["pejlemaerker"].themes
    owners = {theme: [s.id for s in sections.values() if theme in s.klassiske_temaer]
              for theme in catalogues.themes()}
    assert all(len(found) == 1 for found in owners.values()), owners
    assert owners["handleplan"] == ["valg_af_indsats"]
    assert owners["tidlig_indsats"] == ["tvaerfagligt_samarbejde"]
    placed = {c.id: casereview_criteria.group_of(c, sections)
              for c in criteria.catalogue().values()}
    assert [c for c, section in placed.items() if section is None] == ["samlet_vurdering"]
    # named criteria go where the pejlemærker put them, whatever their classic theme
    assert placed["boernesamtale"] == "inddragelse"
    assert placed["opfoelgning_3_mdr"] == placed["personrettet_tilsyn"] == "opfoelgning"
    assert placed["handleplan_indhold"] == "valg_af_indsats"
    # the classic concept still groups by its own themes
    assert casereview_criteria.group_of(criteria.catalogue()["boernesamtale"],
                               catalogues.themes()) == "boernefaglige_undersoegelser"


def test_the_legal_review_is_grouped_by_the_pejlemaerker_sections():
    review = prepare(EXAMPLE_PM).results.facts["sagsgennemgang"]
    assert list(review.temaer) == ["tvaerfagligt_samarbejde", "underretninger",
                                   "boernefaglige_undersoegelser", "valg_af_indsats",
                                   "opfoelgning", "inddragelse"]
    assert [r.id for r in review.temaer["inddragelse"].kriterier] == ["boernesamtale"]
    assert [t.tabel for t in review.temaer.values()] == [2, 3, 4, 5, 6, 7]


# Three cases read on two dimensions, counted by hand: (case, dimension, assessment, finding)
SOCIAL = """sag;dimension;vurdering;fund
A1;behov_belyst;ja;Alle seks områder er belyst.
A2;behov_belyst;delvist;Skolen er ikke hørt.
A3;behov_belyst;nej;
A1;barnets_perspektiv;Ikke relevant;Barnet er to år.
A2;barnets_perspektiv;ja;
A3;barnets_perspektiv;ja;Barnets ord er citeret.
"""


def social_frame(tmp_path: Path, text: str = SOCIAL):
    path = tmp_path / "socialfaglig.csv"
    path.write_text(text, encoding="utf-8")
    return socialwork.normalise(read_csv(path, SPECS["socialfaglig"]))


def test_social_work_review_counted_by_hand(tmp_path):
    result = socialwork.review(social_frame(tmp_path), wording=WORDING)
    assert result.sager == 3
    need, child = result.dimensioner  # catalogue order
    assert (need.id, need.relevante, need.ja, need.delvist, need.nej, need.opfyldt) == \
        ("behov_belyst", 3, 1, 1, 1, 1)
    assert (child.id, child.relevante, child.ja, child.ikke_relevant, child.andel) == \
        ("barnets_perspektiv", 2, 2, 1, 1.0)
    assert squeeze(need.tekst) == ("I 2 ud af de 3 sager, hvor det var relevant, er barnets "
                                   "behov ikke belyst bredt nok.")
    assert squeeze(child.tekst) == ("I alle 2 sager, hvor det var relevant, fremgår barnets "
                                    "eget perspektiv af vurderingerne.")
    assert [(f.sag, f.vurdering) for f in result.fund["behov_belyst"]] == \
        [("A1", "ja"), ("A2", "delvist")]
    assert result.fund["barnets_perspektiv"][0].fund == "Barnet er to år."
    values = socialwork.citation_values(result)
    assert values["socialfaglig.behov_belyst.ikke_opfyldt"] == 2
    assert [s.kind for s in socialwork.charts(result, WORDING.charts)] == ["criteria_bars"]


def test_social_work_rows_are_checked(tmp_path):
    bad = ("sag;dimension;vurdering;fund\nA1;behov_belyt;ja;\nA2;behov_belyst;måske;\n"
           "A3;behov_belyst;ja;\nA3;behov_belyst;nej;\n")
    with pytest.raises(InputError) as error:
        social_frame(tmp_path, bad)
    message = str(error.value)
    assert ("socialfaglig.csv: række 2, kolonne dimension: 'behov_belyt' er ikke en kendt "
            "dimension — mente du 'behov_belyst'?") in message
    assert "række 3, kolonne vurdering: 'måske' er ikke en gyldig vurdering" in message
    assert "sag A3 er allerede vurderet på dimensionen behov_belyst i række 4" in message


def test_theme_keys_are_the_concepts_sections(tmp_path):
    bundle = tmp_path / "b"
    shutil.copytree(FIXTURES / "mini", bundle)
    rapport = bundle / "rapport.yaml"
    text = rapport.read_text(encoding="utf-8").replace(
        "dokument: analyserapport\n", "dokument: analyserapport\nkoncept: pejlemaerker\n")
    rapport.write_text(text.replace("  eftervaern:", "  opfolgning:"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    assert result.exit_code == 1
    assert "temaer.opfolgning: ukendt tema — mente du 'opfoelgning'?" in result.output
    # underretninger is both a classic theme and a pejlemærker section: accepted
    assert "temaer.underretninger" not in result.output


FOURTH = """\
id: kort
navn: Kort analyserapport med udvalgte temaer
dokument: analyserapport
kapitler:
  - id: resume
    titel: Resume og anbefalinger
    kraever: [resume, anbefalinger]
    afsnit:
      - {id: resume, titel: Resume, kraever: [resume]}
      - {id: anbefalinger, titel: Anbefalinger, kraever: [anbefalinger]}
  - id: temaer
    titel: Udvalgte temaer
    temaer: [underretninger, eftervaern]
"""


@pytest.fixture
def fourth_concept(tmp_path, monkeypatch):
    """The package's catalogues with one more concept file, as docs/bundle-format.md tells."""
    folder = tmp_path / "catalogues"
    shutil.copytree(catalogues.HERE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (folder / "koncepter" / "kort.yaml").write_text(FOURTH, encoding="utf-8")
    monkeypatch.setattr(catalogues, "HERE", folder)
    catalogues.concepts.cache_clear()
    catalogues.themes.cache_clear()
    yield
    monkeypatch.undo()
    catalogues.concepts.cache_clear()
    catalogues.themes.cache_clear()


def test_a_fourth_concept_is_a_data_file(tmp_path, fourth_concept):
    bundle = tmp_path / "b"
    shutil.copytree(FIXTURES / "mini", bundle)
    rapport = bundle / "rapport.yaml"
    rapport.write_text(rapport.read_text(encoding="utf-8").replace(
        "dokument: analyserapport\n", "dokument: analyserapport\nkoncept: kort\n"),
        encoding="utf-8")
    assert chapter_lines(bundle) == ["1 Resume og anbefalinger", "1.1 Resume", "1.2 Anbefalinger",
                                     "2 Udvalgte temaer", "2.1 Underretninger", "2.2 Efterværn"]
    page, _ = render(prepare(bundle), flavour="html")
    text = squeeze(re.sub(r"<[^>]+>", " ", html.unescape(page)))
    assert "2.1 Underretninger" in text and "Hurtig vurdering af underretninger." in text


def test_example_pdf(tmp_path):
    target = build(EXAMPLE_PM, tmp_path)
    pages = pdf_pages(target)
    text = " ".join(pages)
    for heading in ("1 Sammenfatning, baggrund og indhold", "2 Overordnet styring og faglig "
                    "ledelse", "3 Faglig udredning", "4 Valg af indsats og opfølgning",
                    "5 Inddragelse", "Bilag 1 Resultat af sagsgennemgang",
                    "Bilag 1.1 Ankestyrelsens juridiske sagsgennemgang",
                    "Bilag 1.2 Den socialfaglige sagsgennemgang", "Bilag 2 Datakilder og metode",
                    "Kvalitet i sagsbehandlingen", "Task Forcen anbefaler, at Skovbæk Kommune:"):
        assert heading in text, heading
    assert "Nøgletalsanalyse" not in text  # no key-figure chapter in this concept
    assert "Tabel B1.1" in text and "Figur B1.1" in text
    assert "VISO har gennemgået otte sager" in text  # under ten in words (language.count_phrase)
    assert "En socialfaglig gennemgang af otte sager" in text  # the sources, likewise
    # the sources as one Danish list: no comma before the last og, whichever sources there are
    assert ("fire gruppeinterviews, interviews med seks børn og unge og skriftligt materiale fra "
            "Skovbæk Kommune.") in squeeze(text)
    assert "S02 (ja): Undersøgelsen belyser alle seks områder" in text
    assert f"Side 2 af {len(pages)}" in pages[1]

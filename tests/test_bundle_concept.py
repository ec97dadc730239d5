"""A bundle's own concept (`koncept:` inline or koncept.yaml): what it changes, how it travels in
the PDF, and the errors that name what is unknown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from pypdf import PdfReader

from taskforce_report.build import build, prepare
from taskforce_report.cli import main
from taskforce_report.core.errors import InputError

LILLE = FIXTURES / "lille"

OWN = """
koncept:
  extends: klassisk
  nummerering: {afsnit: false}
  bilagsmaerke: "Bilag {nr}:"
  temaoverskrifter: {underretninger: Underretninger – i Åby}
  kapitler:
    - id: indledning
      afsnit:
        - laesevejledning
        - {id: formaal, titel: Analysens formål, tekst: "Analysen skal give **et samlet billede**."}
        - grundlag
    - resume
    - temaer
    - {id: metode, titel: Metode, bilag: true, tekst: "Task Forcen læste kommunens sager."}
"""


def bookmarks(pdf: Path) -> list[str]:
    """The PDF's outline, a level's titles indented by two spaces each."""
    found: list[str] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append("  " * depth + item.title)

    walk(PdfReader(pdf).outline, 0)
    return found


def outline(bundle: Path) -> list[str]:
    """The chapters and sections `prepare` finds, as the bookmarks print them."""
    lines = []
    for chapter in prepare(bundle).document.chapters:
        lines.append(chapter.heading)
        lines += [f"  {s.shown} {s.title}".replace("   ", "  ") for s in chapter.sections
                  if s.heading]
    return lines


def with_concept(tmp_path: Path, source: Path, concept: str, name: str = "bundt") -> Path:
    target = tmp_path / name
    shutil.copytree(source, target)
    report = target / "rapport.yaml"
    text = report.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("koncept:"))
    report.write_text(text + "\n" + concept, encoding="utf-8")
    return target


def error_of(bundle: Path) -> str:
    with pytest.raises(InputError) as caught:
        prepare(bundle)
    return str(caught.value)


def test_inline_concept_changes_only_what_it_names(tmp_path):
    bundle = with_concept(tmp_path, FIXTURES / "mini", OWN)
    assert outline(bundle) == [
        "1 Indledning", "  Læsevejledning", "  Analysens formål", "  Analysens grundlag",
        "2 Resume og anbefalinger", "  Resume", "  Anbefalinger",
        "3 Afrapportering på de enkelte temaer", "  Underretninger – i Åby", "  Efterværn",
        "Bilag 1: Metode",
    ]


def test_inline_concept_in_the_pdf_bookmarks_text_and_verify(tmp_path):
    bundle = with_concept(tmp_path, FIXTURES / "mini", OWN)
    pdf = build(bundle, tmp_path / "ud")
    assert bookmarks(pdf) == ["Indhold", *outline(bundle)]
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Analysen skal give et samlet billede." in text
    assert "Bilag 1: Metode" in text
    # the concept is in rapport.yaml, which travels in the PDF: verify rebuilds it elsewhere
    shutil.rmtree(bundle)
    result = CliRunner().invoke(main, ["verify", str(pdf)])
    assert result.exit_code == 0, result.output
    assert "identisk" in result.output


def test_koncept_yaml_beside_rapport_yaml_travels_and_regenerates(tmp_path):
    bundle = tmp_path / "bundt"
    shutil.copytree(FIXTURES / "mini", bundle)
    concept = OWN.replace("\n  ", "\n").replace("koncept:\n", "")
    (bundle / "koncept.yaml").write_text(concept, encoding="utf-8")
    assert outline(bundle)[-1] == "Bilag 1: Metode"
    pdf = build(bundle, tmp_path / "ud")
    assert "koncept.yaml" in PdfReader(pdf).attachments
    result = CliRunner().invoke(main, ["regenerate", str(pdf), "-o", str(tmp_path / "igen")])
    assert result.exit_code == 0, result.output
    again = tmp_path / "igen" / "analyserapport.pdf"
    assert again.read_bytes() == pdf.read_bytes()
    assert (tmp_path / "igen" / "bundt" / "koncept.yaml").read_text(encoding="utf-8") == concept


def test_numbering_of_chapters_can_be_turned_off(tmp_path):
    bundle = with_concept(tmp_path, FIXTURES / "mini", """
koncept:
  extends: klassisk
  nummerering: {kapitler: false}
  kapitler: [indledning, temaer]
""")
    lines = outline(bundle)
    assert lines[0] == "Indledning"
    assert "Afrapportering på de enkelte temaer" in lines
    assert "  3.1 Underretninger" not in lines and "  2.1 Underretninger" in lines


def test_koncept_both_inline_and_in_a_file_is_refused(tmp_path):
    bundle = with_concept(tmp_path, FIXTURES / "mini", OWN)
    (bundle / "koncept.yaml").write_text("extends: klassisk\n", encoding="utf-8")
    assert "konceptet står både her og i koncept.yaml" in error_of(bundle)


def test_koncept_yaml_must_extend_what_rapport_yaml_names(tmp_path):
    bundle = with_concept(tmp_path, FIXTURES / "mini", "koncept: klassisk\n")
    (bundle / "koncept.yaml").write_text("extends: pejlemaerker\n", encoding="utf-8")
    message = error_of(bundle)
    assert "rapport.yaml" in message and "'klassisk' passer ikke med koncept.yaml" in message


@pytest.mark.parametrize(("concept", "expected"), [
    ("extends: klasisk", "koncept.extends: ukendt koncept 'klasisk'; kendte: klassisk, "
     "pejlemaerker — mente du 'klassisk'?"),
    ("extends: klassisk\n  kapitler: [indledning, resumee]",
     "koncept.kapitler[1].id: ukendt kapitel 'resumee' — mente du 'resume'?"),
    ("extends: klassisk\n  kapitler: [{id: indledning, afsnit: [laesevejledning, udvaelgelse]}]",
     "ukendt afsnit 'udvaelgelse' i kapitlet 'indledning'"),
    ("extends: klassisk\n  kapitler: [{id: indledning, afsnit: [laesevejledning, udvaelgelse]}]",
     "afsnittet findes i kapitlet 'sagsgennemgang' (skriv fra: sagsgennemgang)"),
    ("extends: klassisk\n  kapitler: [{id: temaer, temaer: [underretning]}]",
     "koncept.kapitler[0].temaer[0]: ukendt tema 'underretning' — mente du 'underretninger'?"),
    ("extends: klassisk\n  bilagsmaerke: 'Bilag:'",
     "koncept.bilagsmaerke: forventede en tekst med {nr}"),
    ("extends: klassisk\n  kapitler: [indledning, indledning]",
     "kapitlet 'indledning' står to gange"),
    ("extends: klassisk\n  kapitler: [{id: ekstra, titel: Ekstra}]",
     "et frit kapitel skal have både titel og tekst"),
    ("extends: klassisk\n  nummerering: {kapitel: false}",
     "koncept.nummerering.kapitel: ukendt nøgle — mente du 'kapitler'?"),
])
def test_unknown_parts_are_named_with_a_suggestion(tmp_path, concept, expected):
    bundle = with_concept(tmp_path, FIXTURES / "mini", f"koncept:\n  {concept}\n")
    message = error_of(bundle)
    assert "rapport.yaml, linje" in message
    assert expected in message


def test_cli_validate_names_the_error_and_exits_1(tmp_path):
    bundle = with_concept(tmp_path, FIXTURES / "mini",
                          "koncept:\n  extends: klassisk\n  kapitler: [indledning, resumee]\n")
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    assert result.exit_code == 1
    assert "ukendt kapitel 'resumee'" in result.output
    assert "Traceback" not in result.output


def test_key_figure_texts_without_figures_leave_chapter_4_out_unless_kept(tmp_path):
    bundle = tmp_path / "uden-tal"
    shutil.copytree(LILLE, bundle)
    (bundle / "noegletal.csv").unlink()
    report = bundle / "rapport.yaml"
    report.write_text(report.read_text(encoding="utf-8") + """
noegletal:
  tekster:
    introduktion: Kommunen har leveret tal for underretninger.
""", encoding="utf-8")
    assert not [line for line in outline(bundle) if "Nøgletalsanalyse" in line]
    kept = with_concept(tmp_path, bundle, """
koncept:
  extends: klassisk
  kapitler: [indledning, resume, temaer, {id: noegletal, behold: true}, sagsgennemgang]
""", name="behold")
    lines = outline(kept)
    assert "4 Nøgletalsanalyse" in lines and "  4.1 Introduktion" in lines


def test_personal_data_in_a_free_text_is_named_by_its_key(tmp_path):
    bundle = with_concept(tmp_path, FIXTURES / "mini", OWN.replace(
        "Task Forcen læste kommunens sager.", "Sagen 010203-1234 er læst."))
    message = error_of(bundle)
    assert "rapport.yaml: koncept.kapitler[3].tekst" in message


def test_free_sections_in_koncept_yaml_show_markdown_tables_and_the_bundles_images(tmp_path):
    bundle = tmp_path / "bundt"
    shutil.copytree(FIXTURES / "mini", bundle)
    shutil.copyfile(FIXTURES / "seed-001" / "anciennitet.svg", bundle / "anciennitet.svg")
    (bundle / "koncept.yaml").write_text("""extends: klassisk
kapitler:
  - indledning
  - id: medarbejdere
    titel: Medarbejderne
    tekst: |
      | Team | Socialrådgivere |
      |---|---:|
      | Modtagelsen | 6 |

      ![Søjlediagram over anciennitet](anciennitet.svg "Anciennitet pr. 1. juni 2021")
  - temaer
""", encoding="utf-8")
    pdf = build(bundle, tmp_path / "ud")
    assert "anciennitet.svg" in PdfReader(pdf).attachments  # the image travels with the report
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "2 Medarbejderne" in text and "Modtagelsen 6" in text
    assert "Anciennitet pr. 1. juni 2021" in text  # the caption
    assert "0–1 år" in text  # the SVG's own text, set in the page


def test_an_image_missing_from_koncept_yaml_is_named_there(tmp_path):
    bundle = tmp_path / "bundt"
    shutil.copytree(FIXTURES / "mini", bundle)
    (bundle / "koncept.yaml").write_text("""extends: klassisk
kapitler:
  - {id: bilag, titel: Bilag, bilag: true, tekst: "![Et diagram](mangler.png)"}
  - temaer
""", encoding="utf-8")
    message = error_of(bundle)
    assert "koncept.yaml" in message and "billedet 'mangler.png' findes ikke i bundtet" in message


def test_free_texts_cite_the_evidence_and_an_unknown_name_is_named(tmp_path):
    concept = """
koncept:
  extends: klassisk
  kapitler:
    - indledning
    - id: omfang
      titel: Sagernes omfang
      tekst: Ankestyrelsen har gennemgået {sagsgennemgang.sager} sager.
    - temaer
    - sagsgennemgang
"""
    bundle = with_concept(tmp_path, LILLE, concept)
    free = prepare(bundle).document.chapter("omfang")
    assert free.text == "Ankestyrelsen har gennemgået 3 sager."  # sagsgennemgang.csv's 3 cases
    wrong = with_concept(tmp_path, LILLE, concept.replace("sagsgennemgang.sager",
                                                          "sagsgennemgang.sagr"), name="fejl")
    message = error_of(wrong)
    assert "rapport.yaml, linje" in message and "koncept.kapitler[1].tekst" in message
    assert "ukendt henvisning {sagsgennemgang.sagr} — mente du {sagsgennemgang.sager}?" in message

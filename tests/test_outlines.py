"""The outlines of real Task Force documents, each from a bundle alone: one bundle-level concept
per outline (headings and numbering as the real document prints them), checked on the PDF's
bookmarks, and each PDF verified from its embedded bundle with the source folder gone.

The outlines are the real documents'; the texts are the example bundles' own."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from pypdf import PdfReader
from test_bundle_concept import bookmarks

from taskforce_report.build import build
from taskforce_report.cli import main

LILLE = FIXTURES / "lille"
PEJLEMAERKER = ROOT / "input" / "eksempel-pejlemaerker"
TF_STATUS = ROOT / "input" / "eksempel-tf-status"


def bundle_with(tmp_path: Path, source: Path, concept: str, extra: str = "") -> Path:
    """A copy of `source` whose rapport.yaml carries `concept` (and `extra` keys)."""
    target = tmp_path / "bundt"
    shutil.copytree(source, target)
    report = target / "rapport.yaml"
    lines = [line for line in report.read_text(encoding="utf-8").splitlines()
             if not line.startswith("koncept:")]
    report.write_text("\n".join(lines) + "\n" + extra + concept, encoding="utf-8")
    return target


def built_and_verified(tmp_path: Path, bundle: Path) -> Path:
    """The PDF, after `verify` has rebuilt it from its embedded files alone."""
    pdf = build(bundle, tmp_path / "ud")
    shutil.rmtree(bundle)  # nothing but the PDF and the installed package
    result = CliRunner().invoke(main, ["verify", str(pdf)])
    assert result.exit_code == 0, result.output
    return pdf


def test_2016_the_case_review_as_chapter_4(tmp_path):
    bundle = bundle_with(tmp_path, LILLE, """
koncept:
  extends: klassisk
  kapitler: [indledning, resume, temaer, sagsgennemgang, noegletal, boerneinterviews]
""")
    assert bookmarks(built_and_verified(tmp_path, bundle)) == [
        "Indhold",
        "1 Indledning", "  1.1 Læsevejledning", "  1.2 Præsentation af Task Forcen",
        "  1.3 Analysens temaer", "  1.4 Det videre forløb", "  1.5 Analysens grundlag",
        "2 Resume og anbefalinger", "  2.1 Resume", "  2.2 Anbefalinger",
        "3 Afrapportering på de enkelte temaer", "  3.1 Underretninger", "  3.2 Efterværn",
        "4 Resultat af sagsgennemgang", "  4.1 Udvælgelse af sager og metode",
        "  4.2 Samlet resultat", "  4.3 Underretninger", "  4.4 Børnefaglige undersøgelser",
        "5 Nøgletalsanalyse", "  5.1 Introduktion", "  5.2 Socioøkonomiske nøgletal",
        "  5.3 Sagsbehandling",
    ]


def test_esbjerg_2012_with_the_purpose_of_the_analysis_as_1_3(tmp_path):
    bundle = bundle_with(tmp_path, LILLE, """
koncept:
  extends: klassisk
  navn: Analyserapport, Esbjerg 2012
  kapitler:
    - id: indledning
      afsnit:
        - {id: task_forcen, titel: Task Forcens baggrund}
        - temaer
        - id: formaal
          titel: Analysens formål
          tekst: |
            Analysen skal give kommunen et fælles billede af, hvor sagsbehandlingen er stærk,
            og hvor den kan udvikles.
        - grundlag
        - videre_forloeb
    - resume
    - temaer
    - noegletal
    - sagsgennemgang
""")
    pdf = built_and_verified(tmp_path, bundle)
    assert bookmarks(pdf)[:7] == [
        "Indhold", "1 Indledning", "  1.1 Task Forcens baggrund", "  1.2 Analysens temaer",
        "  1.3 Analysens formål", "  1.4 Analysens grundlag", "  1.5 Det videre forløb"]
    assert bookmarks(pdf)[-5:] == [
        "5 Resultat af sagsgennemgang", "  5.1 Udvælgelse af sager og metode",
        "  5.2 Samlet resultat", "  5.3 Underretninger", "  5.4 Børnefaglige undersøgelser"]


def test_frederikssund_2019_unnumbered_sections_and_appendix_2_in_four_parts(tmp_path):
    bundle = bundle_with(tmp_path, PEJLEMAERKER, """
koncept:
  extends: pejlemaerker
  navn: Analyserapport, Frederikssund 2019
  nummerering: {afsnit: false}
  bilagsmaerke: "Bilag {nr}:"
  kapitler:
    - sammenfatning
    - styring
    - udredning
    - indsats
    - {id: inddragelse, temaafsnit: false, afsnit: []}
    - id: anbefalingsoversigt
      titel: Oversigt over Task Forcens anbefalinger
      bilag: true
      tekst: Anbefalingerne står samlet i kapitel 1 og ved hvert pejlemærke.
    - id: datakilder
      titel: Analysens datagrundlag og metode
      tekst: Analysen bygger på fire kilder, som afsnittene nedenfor beskriver hver for sig.
      afsnit:
        - id: skriftligt
          titel: Skriftligt materiale
          tekst: Kommunen har sendt politikker, retningslinjer og ledelsesinformation.
        - id: interview
          titel: Interview
          tekst: Task Forcen har interviewet ledere, medarbejdere og samarbejdspartnere.
        - {id: juridisk, fra: sagsgennemgang}
        - {id: socialfaglig, fra: sagsgennemgang}
""")
    assert bookmarks(built_and_verified(tmp_path, bundle)) == [
        "Indhold",
        "1 Sammenfatning, baggrund og indhold", "  Task Forcens konklusioner",
        "  Task Forcens anbefalinger", "  Baggrund", "  Kvalitet i sagsbehandlingen",
        "  Task Forcens tilgang", "  Rapportens struktur og datagrundlag",
        "2 Overordnet styring og faglig ledelse", "  Politik, strategi og styring",
        "  Ledelsesinformation, ledelsestilsyn og sagssparring",
        "  Tværfagligt samarbejde i det forebyggende arbejde",
        "3 Faglig udredning", "  Underretninger", "  Børnefaglige undersøgelser",
        "4 Valg af indsats og opfølgning", "  Valg af indsats", "  Opfølgning",
        "5 Inddragelse",  # no 5.1/5.2: the theme is the chapter's body
        "Bilag 1: Oversigt over Task Forcens anbefalinger",
        "Bilag 2: Analysens datagrundlag og metode", "  Skriftligt materiale", "  Interview",
        "  Ankestyrelsens juridiske sagsgennemgang", "  Den socialfaglige sagsgennemgang",
    ]


def test_stevns_2018_presentation_of_the_report_and_its_own_theme_heading(tmp_path):
    bundle = bundle_with(tmp_path, PEJLEMAERKER, """
koncept:
  extends: pejlemaerker
  navn: Analyserapport, Stevns 2018
  temaoverskrifter:
    tvaerfagligt_samarbejde: Tværfagligt samarbejde – i det forebyggende arbejde i Skovbæk
  kapitler:
    - id: sammenfatning
      afsnit:
        - baggrund
        - {id: struktur, titel: Præsentation af analyserapporten}
        - konklusioner
        - anbefalinger
    - styring
    - udredning
    - indsats
    - inddragelse
    - sagsgennemgang
""")
    found = bookmarks(built_and_verified(tmp_path, bundle))
    assert found[:6] == [
        "Indhold", "1 Sammenfatning, baggrund og indhold", "  1.1 Baggrund",
        "  1.2 Præsentation af analyserapporten", "  1.3 Task Forcens konklusioner",
        "  1.4 Task Forcens anbefalinger"]
    assert "  2.3 Tværfagligt samarbejde – i det forebyggende arbejde i Skovbæk" in found
    assert found[-3:] == ["Bilag 1 Resultat af sagsgennemgang",
                          "  Bilag 1.1 Ankestyrelsens juridiske sagsgennemgang",
                          "  Bilag 1.2 Den socialfaglige sagsgennemgang"]


SERVICES = """socialfaglig:
  udfoert_af: VISO
  periode: {fra: 2021-10-01, til: 2021-11-30}
ydelser:
  - titel: Kursus i faglig analyse (ICS)
    art: kursus
    dato: 2020-09-14
    deltagere: Socialrådgivere i Team Børn og Team Unge
  - titel: Sparring med ledelsen om ledelsestilsyn
    dato: 2020-05-12
    deltagere: Afdelingsleder og teamledere
    beskrivelse: Fire møder om at bygge et fast **ledelsestilsyn** op.
"""


def test_nordfyns_2022_services_appendix_and_svendborg_2019_social_work_part(tmp_path):
    source = tmp_path / "kilde"
    shutil.copytree(TF_STATUS, source)
    shutil.copyfile(PEJLEMAERKER / "socialfaglig.csv", source / "socialfaglig.csv")
    bundle = bundle_with(tmp_path, source, """
koncept:
  extends: tf_pejlemaerker
  navn: Statusrapport, Nordfyns 2022
  bilagsmaerke: "Bilag {nr}:"
  kapitler: [indledning, vurdering, bemaerkninger, anbefalinger, statusmaaling, redegoerelse,
             ydelser]
""", extra=SERVICES)
    pdf = built_and_verified(tmp_path, bundle)
    found = bookmarks(pdf)
    assert found[found.index("Bilag 1: Statusmåling af konkrete sager") + 1:][:6] == [
        "  Samlet resultat", "  Overordnet styring og faglig ledelse", "  Faglig udredning",
        "  Valg af indsats og opfølgning", "  Inddragelse", "  Den socialfaglige statusmåling"]
    assert found[-1] == "Bilag 3: Task Forcens ydelser til Skovbæk Kommune"
    # the last page before the back page with the imprint
    last = " ".join(PdfReader(pdf).pages[-2].extract_text().split())
    assert "Tabel B3.1 Kurser og undervisning" in last
    assert "14. september 2020 Kursus i faglig analyse (ICS)" in last
    assert "Tabel B3.2 Øvrige ydelser" in last

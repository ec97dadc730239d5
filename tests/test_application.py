"""The municipality's application for a Task Force course (issue 11, seed 000): the example
application as a PDF with the form's seven sections, the case statistics and their errors, the
personal-data guard's exemption for the form's contacts, and `new --fra-ansoegning`, which
starts the analysis bundle from the application."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, pdf_pages, squeeze

from taskforce_report.cli import main

EXAMPLE_APP = ROOT / "input" / "eksempel-ansoegning"
EXAMPLE_PM = ROOT / "input" / "eksempel-pejlemaerker"

SECTIONS = ["1 Generelle oplysninger", "2 Minimumsbetingelser for ansøgningen",
            "3 Motivation for ansøgningen", "4 Parathed til deltagelse",
            "5 Øvrige aktiviteter på området", "6 Opstart og fremdrift",
            "7 Organisatorisk tilhørsforhold"]


def _application() -> dict:
    return yaml.safe_load((EXAMPLE_APP / "rapport.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A copy of the example application, free to break."""
    target = tmp_path / "ansoegning"
    shutil.copytree(EXAMPLE_APP, target)
    return target


def edit(bundle: Path, old: str, new: str, name: str = "rapport.yaml") -> None:
    path = bundle / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(bundle: Path):
    return CliRunner().invoke(main, ["validate", str(bundle)])


@pytest.fixture(scope="session")
def application_pdf(tmp_path_factory) -> Path:
    from taskforce_report.build import build

    return build(EXAMPLE_APP, tmp_path_factory.mktemp("ansoegning"))


@pytest.fixture(scope="session")
def application_text(application_pdf) -> str:
    return " ".join(pdf_pages(application_pdf))


@pytest.fixture(scope="session")
def scaffolded(tmp_path_factory) -> Path:
    """`new DIR --fra-ansoegning` on the example application, once."""
    target = tmp_path_factory.mktemp("fra-ansoegning") / "analyse"
    result = CliRunner().invoke(main, ["new", str(target), "--fra-ansoegning", str(EXAMPLE_APP)])
    assert result.exit_code == 0, result.output
    return target


# ---- the example application as a PDF -------------------------------------------------------

def test_the_example_has_the_forms_seven_sections_in_order(application_pdf, application_text):
    pages = pdf_pages(application_pdf)
    assert 3 <= len(pages) <= 10
    places = [application_text.find(title) for title in SECTIONS]
    assert all(p >= 0 for p in places), dict(zip(SECTIONS, places, strict=True))
    assert places == sorted(places)
    # the form's head on the first page, the questions from the form catalogue (own wording)
    first = pages[0]
    assert "Den Permanente Task Force på området udsatte børn og unge" in first
    assert "ansøgning om et forløb med task forcen" in first.lower()
    assert "Fjordlund Kommune" in first and "22. november 2019" in first
    assert "Projektansvarlig direktør med telefon og e-mail" in application_text
    assert ("Hvornår vil kommunen helst begynde forløbet? Forløb forventes at kunne begynde i "
            "januar, marts, august og oktober 2020.") in application_text
    assert "Ønsket start: marts 2020." in application_text


def test_the_directors_signature_line(application_text):
    signature = application_text[application_text.find("2.1 Direktørens underskrift"):]
    assert signature.startswith("2.1 Direktørens underskrift Med sin underskrift lover "
                                "direktøren, at kommunen sætter de ressourcer af")
    assert "Fjordlund, 18. november 2019 Sted og dato Hanne Vestergaard Direktør for Børn, Unge " \
           "og Familie" in squeeze(signature[:600])


def test_the_case_statistics_in_danish_numbers(application_text):
    assert "Tabel 3.1 Sager pr. team" in application_text
    for row in ("Modtagelse og Visitation 185", "Børneteamet (0–13 år) 420",
                "Familieplejeteamet 80", "I alt 1.340"):
        assert row in application_text
    # the notifications: the sentence from the figures, and the chart's caption
    assert ("Fra november 2018 til oktober 2019 fik Fjordlund Kommune 1.768 underretninger, "
            "gennemsnitligt 147 om måneden.") in application_text
    assert "Figur 3.1 Underretninger pr. måned, november 2018 – oktober 2019" in application_text


def test_the_chart_has_alt_text_from_the_data():
    from taskforce_report.build import prepare, render

    prepared = prepare(EXAMPLE_APP)
    (chart,) = prepared.results.charts
    assert chart.alt == ("Lodret søjlediagram over antallet af underretninger pr. måned fra "
                         "november 2018 til oktober 2019: i alt 1.768, i gennemsnit 147 pr. "
                         "måned, færrest i juli 2019 (97) og flest i september 2019 (176).")
    html, _ = render(prepared, "html")
    assert 'role="img" aria-label="Lodret søjlediagram over antallet af underretninger' in html
    assert '<html lang="da">' in html


def test_the_contacts_are_printed_and_the_bundle_travels_in_the_pdf(application_pdf,
                                                                     application_text):
    from pypdf import PdfReader

    for value in ("Telefon 12 34 56 78", "E-mail hanve@fjordlund.dk", "Telefon 87 65 43 21",
                  "E-mail jokm@fjordlund.dk", "CVR: 11223344",
                  "Kontaktperson, mens ansøgningen behandles"):
        assert value in application_text
    reader = PdfReader(application_pdf)
    attached = set(reader.attachments)
    assert {"rapport.yaml", "sager.csv", "underretninger.csv", "manifest.json"} <= attached
    # the municipality writes it: author, and a subject that says what it is
    assert reader.metadata.author == "Fjordlund Kommune"
    assert reader.metadata.subject == ("Fjordlund Kommunes ansøgning om et forløb med Den "
                                       "Permanente Task Force på området udsatte børn og unge")


def test_an_unanswered_question_keeps_the_forms_shape(app):
    from taskforce_report.build import prepare, render

    data = _application()
    del data["parathed"]
    (app / "rapport.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    prepared = prepare(app)
    assert [c.title for c in prepared.document.chapters] == [s[2:] for s in SECTIONS]
    html, _ = render(prepared, "html")
    part = html[html.find("Parathed til deltagelse"):]
    assert "Ikke besvaret." in part[:1500]


# ---- errors in the bundle -------------------------------------------------------------------

def test_bad_cases_name_file_row_and_column(app):
    (app / "sager.csv").write_text(
        "team;sager\nModtagelse;12,5\nBørneteamet;-4\n;7\nUngeteamet;mange\nModtagelse;3\n"
        "Handicapteamet;1.500\n", encoding="utf-8")
    result = validate(app)
    assert result.exit_code == 1
    lines = [line.strip(" -") for line in result.output.splitlines()]
    assert "sager.csv: række 2, kolonne sager: forventede et helt antal (fx 420 eller 1.500); " \
           "fandt '12,5'" in lines
    assert "sager.csv: række 3, kolonne sager: et antal kan ikke være negativt; fandt '-4'" in lines
    assert "sager.csv: række 4, kolonne team: mangler; skriv teamets navn" in lines
    assert "sager.csv: række 5, kolonne sager: forventede et helt antal (fx 420 eller 1.500); " \
           "fandt 'mange'" in lines
    # Modtagelse in row 6 repeats row 2, which was wrong itself: told once, for its value
    assert not any("række 6" in line for line in lines)
    assert not any("række 7" in line for line in lines)  # 1.500 is a count


def test_a_team_twice_is_an_error(app):
    edit(app, "Familieplejeteamet;80", "Familieplejeteamet;80\nfamilieplejeteamet;12",
         "sager.csv")
    result = validate(app)
    assert result.exit_code == 1
    assert "sager.csv: række 7, kolonne team: teamet 'familieplejeteamet' står allerede i " \
           "række 6" in result.output


def test_bad_notifications_name_file_row_and_column(app):
    (app / "underretninger.csv").write_text(
        "maaned;antal\n2019-13;4\noktober 2019;5\n2019-01;1.5\n2019-02;-3\n2019-03;8\n"
        "2019-03;9\n", encoding="utf-8")
    result = validate(app)
    assert result.exit_code == 1
    lines = [line.strip(" -") for line in result.output.splitlines()]
    assert "underretninger.csv: række 2, kolonne maaned: forventede en måned som ÅÅÅÅ-MM " \
           "(fx 2021-08), fandt '2019-13'" in lines
    assert "underretninger.csv: række 3, kolonne maaned: forventede en måned som ÅÅÅÅ-MM " \
           "(fx 2021-08), fandt 'oktober 2019'" in lines
    assert "underretninger.csv: række 4, kolonne antal: forventede et helt antal (fx 420 eller " \
           "1.500); fandt '1.5'" in lines
    assert "underretninger.csv: række 5, kolonne antal: et antal kan ikke være negativt; " \
           "fandt '-3'" in lines
    assert "underretninger.csv: række 7, kolonne maaned: måneden 2019-03 står allerede i " \
           "række 6" in lines


def test_a_missing_month_is_missing_not_zero(app):
    from taskforce_report.build import prepare

    edit(app, "2019-03;163\n", "", "underretninger.csv")  # March left out
    edit(app, "2019-04;147\n", "2019-04;\n", "underretninger.csv")  # April empty
    prepared = prepare(app)
    found = prepared.results.facts["underretninger"]
    assert dict(found.maaneder)["2019-03"] is None and dict(found.maaneder)["2019-04"] is None
    assert found.med_tal == 10 and found.i_alt == 1768 - 163 - 147
    assert found.mangler == ("marts 2019", "april 2019")
    assert prepared.results.charts[0].alt.endswith("tallet mangler for marts 2019 og april "
                                                   "2019.")


def test_a_wrong_key_and_a_bad_contact(app):
    edit(app, "parathed: |", "parathet: |")
    result = validate(app)
    assert result.exit_code == 1
    assert "rapport.yaml, linje" in result.output
    assert "parathet: ukendt nøgle — mente du 'parathed'?" in result.output
    edit(app, "parathet: |", "parathed: |")
    edit(app, "telefon: 87 65 43 21", "telefon: 8765")
    result = validate(app)
    assert result.exit_code == 1
    assert "kontaktperson.telefon: forventede et telefonnummer med 8 cifre, fx 12 34 56 78; " \
           "fandt '8765'" in result.output


def test_the_applications_tables_belong_to_an_application(mini):
    shutil.copy(EXAMPLE_APP / "sager.csv", mini / "sager.csv")
    result = validate(mini)
    assert result.exit_code == 1
    assert "sager.csv: tabellen sager bruges kun i en ansøgning (dokument: ansoegning)" in \
        result.output


def test_the_tables_read_alike_from_data_xlsx(app):
    import datetime as dt

    from openpyxl import Workbook

    from taskforce_report.build import prepare, render

    book = Workbook()
    book.remove(book.active)
    for name in ("sager", "underretninger"):
        lines = (app / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        sheet = book.create_sheet(name)
        sheet.append(lines[0].split(";"))
        for line in lines[1:]:
            first, second = line.split(";")
            if name == "underretninger":  # Excel turns 2019-01 into a date
                first = dt.datetime(int(first[:4]), int(first[5:]), 1)
            sheet.append([first, int(second)])
        (app / f"{name}.csv").unlink()
    book.save(app / "data.xlsx")
    html_xlsx, _ = render(prepare(app), "html")
    html_csv, _ = render(prepare(EXAMPLE_APP), "html")
    assert html_xlsx == html_csv


# ---- the personal-data guard: the form's contacts, and nothing else -------------------------

def test_the_forms_contacts_are_allowed_wherever_they_stand(app):
    # the director's number in another spelling, and the contact's e-mail in a comment
    edit(app, "forankring: |\n  Task Force-forløbet forankres",
         "forankring: |  # spørgsmål til jokm@fjordlund.dk\n  Ring på +45 12345678. Task "
         "Force-forløbet forankres")
    result = validate(app)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("old, new, expected", [
    # another e-mail in a text
    ("forankring: |\n  Task Force-forløbet forankres",
     "forankring: |\n  Skriv til lise.dam@fjordlund.dk. Task Force-forløbet forankres",
     # (an error message masks what it quotes: issue 17)
     "rapport.yaml: forankring: indeholder en e-mailadresse ('l…@fjordlund.dk')"),
    # another phone number in a comment
    ("dokument: ansoegning", "dokument: ansoegning  # sekretariatet: 55 66 77 88",
     "rapport.yaml, linje 8: ligner et telefonnummer ('55 66 XX XX')"),
    # a phone number in a table's cell
    (None, None, "sager.csv: række 2, kolonne team: ligner et telefonnummer ('11 99 XX XX')"),
])
def test_any_other_phone_or_email_is_refused(app, old, new, expected):
    if old is None:
        edit(app, "Modtagelse og Visitation;185", "Modtagelse 11 99 22 88;185", "sager.csv")
    else:
        edit(app, old, new)
    result = validate(app)
    assert result.exit_code == 1
    assert expected in result.output


def test_the_exemption_is_the_applications_alone(mini):
    # the director's number from the example application, in an analysis report: refused
    edit(mini, "Hurtig vurdering af underretninger.", "Ring til direktøren på 12 34 56 78.")
    result = validate(mini)
    assert result.exit_code == 1
    assert "ligner et telefonnummer ('12 34 56 78')" in result.output


# ---- new --fra-ansoegning -------------------------------------------------------------------

def test_new_from_the_application_validates_and_carries_its_facts(scaffolded):
    result = validate(scaffolded)
    assert result.exit_code == 0, result.output
    assert "dokument: analyserapport, kommune: Fjordlund Kommune" in result.output
    # the last section of chapter 1, after the basis of the analysis
    lines = [line.strip() for line in result.output.splitlines()]
    at = lines.index("1.6 Kommunens udgangspunkt")
    assert lines[at - 1] == "1.5 Analysens grundlag"
    assert at == len(lines) - 1 or not lines[at + 1].startswith("1.")
    text = (scaffolded / "rapport.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    source = _application()
    assert data["dokument"] == "analyserapport" and data["kommune"] == "Fjordlund Kommune"
    start = data["udgangspunkt"]
    assert start["ansoegning"].isoformat() == "2019-11-18"
    assert start["kontakt"] == {"navn": "Jonas Kjær Mikkelsen",
                                "titel": "udviklingskonsulent i Afdeling Børn og Familie"}
    for key in ("status", "organisation", "oensker", "hidtidige_indsatser", "forventninger"):
        assert start[key].strip() == source["motivation"][key].strip()
    # commented like the other scaffolds, the texts as blocks, and no phone or e-mail
    assert "  organisation: |  # Markdown: kommunens organisering\n" in text
    assert "# Kommunens udgangspunkt, overført fra ansøgningen af 18. november 2019" in text
    for value in ("12 34 56 78", "87 65 43 21", "@fjordlund.dk", "telefon", "email"):
        assert value not in text
    assert (scaffolded / "data.xlsx").is_file()


def test_the_new_bundle_builds_with_the_starting_point_in_chapter_1(scaffolded, tmp_path):
    from taskforce_report.build import build

    pages = pdf_pages(build(scaffolded, tmp_path))
    text = " ".join(pages)
    section = text[text.find("1.6 Kommunens udgangspunkt Fjordlund"):]
    assert section.startswith("1.6 Kommunens udgangspunkt Fjordlund Kommune beskrev selv sit "
                              "udgangspunkt i sin ansøgning af 18. november 2019 om et Task "
                              "Force-forløb.")
    assert "kontaktperson i ansøgningsfasen var Jonas Kjær Mikkelsen" in section[:600]
    assert "Organisation Det specialiserede børne- og ungeområde er samlet i Afdeling Børn og " \
           "Familie" in section
    assert "Forventninger til forløbet Fjordlund Kommune forventer" in section


def test_texts_that_need_quoting_survive_the_scaffold(app, tmp_path):
    from taskforce_report.build import prepare

    data = _application()
    tricky = {
        "status": 'Status: "god" # ikke en kommentar\n\n- punkt: æøå ÆØÅ\n  - under {x} }\n'
                  "'citat' og \\ skråstreg",
        "organisation": "# Ikke en overskrift: men tekst",
        "oensker": '"Et citat" i starten',
        "hidtidige_indsatser": "yes",
        "forventninger": "- en liste\n-   med: kolon\n\n      indrykket kode",
    }
    data["motivation"] = tricky
    data["kontaktperson"]["titel"] = "konsulent: #1"
    (app / "rapport.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert validate(app).exit_code == 0
    target = tmp_path / "analyse"
    result = CliRunner().invoke(main, ["new", str(target), "--fra-ansoegning", str(app)])
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((target / "rapport.yaml").read_text(encoding="utf-8"))
    assert written["udgangspunkt"]["kontakt"]["titel"] == "konsulent: #1"
    prepared = prepare(target)  # validates, and resolves the texts as the report prints them
    start = prepared.results.facts["udgangspunkt"]
    for key, value in tricky.items():
        assert getattr(start, key) == value.strip()


@pytest.mark.parametrize("args, code, message", [
    (["--fra-ansoegning", "findes-ikke"], 1, "findes ikke eller er ikke en mappe"),
    (["--fra-ansoegning", str(ROOT / "input" / "eksempel-status")], 1,
     "er et statusrapport-bundt; --fra-ansoegning skal have en ansøgning (dokument: ansoegning)"),
    (["--fra-ansoegning", str(EXAMPLE_APP), "--dokument", "statusrapport"], 2,
     "--fra-ansoegning laver et analysebundt og kan ikke bruges med --dokument statusrapport"),
    (["--fra-ansoegning", str(EXAMPLE_APP), "--kommune", "Engby Kommune"], 1,
     "'Engby Kommune' er ikke ansøgningens kommune ('Fjordlund Kommune')"),
    ([], 2, "mangler --kommune (eller --fra-ansoegning BUNDLE)"),
])
def test_new_from_the_application_refuses_clearly(tmp_path, args, code, message):
    target = tmp_path / "ny"
    result = CliRunner().invoke(main, ["new", str(target), *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_a_phone_in_the_carried_text_stops_the_scaffold(app, tmp_path):
    edit(app, "  organisation: |\n    Det specialiserede",
         "  organisation: |\n    Ring på 87 65 43 21. Det specialiserede")
    assert validate(app).exit_code == 0  # the application may print it
    target = tmp_path / "ny"
    result = CliRunner().invoke(main, ["new", str(target), "--fra-ansoegning", str(app)])
    assert result.exit_code == 1
    assert "motivation.organisation: ligner et telefonnummer ('87 65 XX XX'); den kan ikke " \
           "overføres til analyserapporten" in result.output
    assert not target.exists()


def test_the_starting_point_closes_chapter_1_of_the_pejlemaerker_concept(tmp_path):
    bundle = tmp_path / "pejlemaerker"
    shutil.copytree(EXAMPLE_PM, bundle)
    with (bundle / "rapport.yaml").open("a", encoding="utf-8") as handle:
        handle.write("udgangspunkt:\n  ansoegning: 2018-11-20\n  organisation: |\n"
                     "    Myndighedsområdet har fire teams.\n")
    result = validate(bundle)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    chapter_2 = next(i for i, line in enumerate(lines) if line.startswith("2 "))
    assert lines[chapter_2 - 1] == "1.7 Kommunens udgangspunkt"


# ---- the form's questions are data: the year's official wording can replace ours ----------


def test_a_bundle_replaces_the_forms_texts_one_by_one(tmp_path):
    import shutil

    from taskforce_report.build import prepare
    from taskforce_report.load import applicationform

    bundle = tmp_path / "ansoegning"
    shutil.copytree(EXAMPLE_APP, bundle)
    (bundle / "ansoegningsskema.yaml").write_text(
        "minimum:\n  underskrift: Direktøren skriver under på årets officielle tekst.\n",
        encoding="utf-8")
    skema = prepare(bundle).results.facts["skema"]
    assert skema["minimum"]["underskrift"] == "Direktøren skriver under på årets officielle tekst."
    # the texts the bundle leaves out keep the packaged wording
    assert skema["opstart"]["start"] == applicationform.packaged()["opstart"]["start"]


@pytest.mark.parametrize(("text", "message"), [
    ("minimum:\n  underskrivt: x\n",
     "ansoegningsskema.yaml, linje 2: minimum.underskrivt: ukendt tekst; kendte i minimum:"),
    ("minimm:\n  underskrift: x\n", "ansoegningsskema.yaml, linje 1: minimm: ukendt sektion"),
    ("oevrige:\n  tiltag_punkter: en tekst\n",
     "ansoegningsskema.yaml, linje 2: oevrige.tiltag_punkter: skal være en liste af tekster"),
])
def test_a_wrong_form_file_is_named_with_its_key(tmp_path, text, message):
    import shutil

    bundle = tmp_path / "ansoegning"
    shutil.copytree(EXAMPLE_APP, bundle)
    (bundle / "ansoegningsskema.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-q", str(bundle), "-o", str(tmp_path / "ud")])
    assert result.exit_code == 1
    assert message in result.output.replace("\n", " ")
    assert not (tmp_path / "ud").exists()

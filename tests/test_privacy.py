"""The personal-data guard refuses CPR numbers, e-mails, phone numbers and hidden names."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from taskforce_report.cli import main
from taskforce_report.core.redact import findings


@pytest.mark.parametrize("text, expected", [
    ("Sag 010203-1234 er gennemgået", "CPR-nummer"),
    ("Sag 0102031234 er gennemgået", "CPR-nummer"),
    ("Skriv til rådgiver.hansen@fjordlund.dk", "e-mailadresse"),
    ("Ring på 12 34 56 78", "telefonnummer"),
    ("Ring på +45 12345678", "telefonnummer"),
])
def test_finds_personal_data(text, expected):
    assert any(expected in f for f in findings(text, []))


@pytest.mark.parametrize("text", [
    "i 8 ud af 14 sager", "1.142 underretninger i 2014", "dato 2015-11-12",
    "991399-1234 er ingen dato", "54 % (målt på 39 sager)", "§ 50, stk. 7",
])
def test_leaves_ordinary_text_alone(text):
    assert findings(text, []) == []


def edit(bundle, old, new):
    path = bundle / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_build_refuses_and_names_file_and_place(mini, tmp_path):
    edit(mini, "Hurtig vurdering af underretninger.", "Hurtig vurdering (sag 010203-1234).")
    result = CliRunner().invoke(main, ["build", str(mini), "-o", str(tmp_path / "ud")])
    assert result.exit_code == 1
    assert "rapport.yaml: temaer.underretninger.styrker[0]: ligner et CPR-nummer" in result.output
    assert not (tmp_path / "ud").exists()
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1


def test_allow_personal_data_warns_and_builds(mini, tmp_path):
    edit(mini, "Hurtig vurdering af underretninger.", "Skriv til a@b.dk")
    result = CliRunner().invoke(main, ["build", str(mini), "-o", str(tmp_path / "ud"),
                                       "--allow-personal-data"])
    assert result.exit_code == 0, result.output
    assert "Advarsel: personoplysninger" in result.output
    assert (tmp_path / "ud" / "analyserapport.pdf").is_file()


def test_hidden_names_are_refused(mini):
    edit(mini, "dokument: analyserapport", "dokument: analyserapport\nskjul: [Mikkel]")
    edit(mini, "Ikke belyst.", "Mikkel fortalte om sin sag.")
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "temaer.eftervaern.analyse: nævner 'Mikkel', som bundtet har under skjul" in \
        result.output


def test_case_ids_in_tables_are_checked(mini):
    (mini / "sagsgennemgang.csv").write_text(
        "sag;kriterium;vurdering\nSag 1;bfu_4_mdr;ja\n010203-1234;bfu_4_mdr;nej\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "sagsgennemgang.csv: række 3, kolonne sag: ligner et CPR-nummer" in result.output


# ---- what the PDF carries: only the input files, as the guard has passed them ----

def _attached(pdf):
    from taskforce_report.output.archive import read_embedded

    return read_embedded(pdf).files


def test_only_input_files_travel_in_the_pdf(mini, tmp_path):
    (mini / "noter.txt").write_text("Barnet hedder Mikkel, CPR 010203-1234\n", encoding="utf-8")
    (mini / "udkast").mkdir()
    (mini / "udkast" / "rapport.yaml").write_text("gammel: tekst\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(mini), "-o", str(tmp_path / "ud"), "-q"])
    assert result.exit_code == 0, result.output
    files = _attached(tmp_path / "ud" / "analyserapport.pdf")
    assert sorted(files) == ["rapport.yaml"]


def test_a_comment_in_a_yaml_file_is_checked(mini):
    edit(mini, "dokument: analyserapport", "# sagen om 010203-1234\ndokument: analyserapport")
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "rapport.yaml, linje 1: ligner et CPR-nummer ('010203-XXXX')" in result.output
    assert "1234" not in result.output


def test_hidden_names_are_not_published_with_the_report(mini, tmp_path):
    edit(mini, "dokument: analyserapport",
         "dokument: analyserapport\nskjul:\n  - Mikkel Ørsted  # bror\n  - Sofie\ndato_note: x")
    edit(mini, "dato_note: x", "")
    out = tmp_path / "ud"
    result = CliRunner().invoke(main, ["build", str(mini), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    published = _attached(out / "analyserapport.pdf")["rapport.yaml"].decode("utf-8")
    assert "Mikkel" not in published and "Sofie" not in published
    assert "skjul:\n  []" in published
    original = (mini / "rapport.yaml").read_text(encoding="utf-8")
    assert published == original.replace("- Mikkel Ørsted  # bror\n  - Sofie", "[]")
    # the archive still rebuilds identically, from the PDF alone and from the folder
    result = CliRunner().invoke(main, ["verify", str(out / "analyserapport.pdf")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["verify", str(out / "analyserapport.pdf"),
                                       str(mini)])
    assert result.exit_code == 0, result.output


def test_every_text_of_a_workbook_is_checked(mini):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "noter"
    book.active["B2"] = "spørg rådgiver.hansen@fjordlund.dk"
    book.properties.creator = "Mikkel"
    book.save(mini / "data.xlsx")
    edit(mini, "dokument: analyserapport", "dokument: analyserapport\nskjul: [Mikkel]")
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "data.xlsx: noter!B2: indeholder en e-mailadresse" in result.output
    assert "data.xlsx: dokumentegenskaben 'forfatter': nævner 'Mikkel'" in result.output


def test_an_error_quoting_a_wrong_cell_masks_a_cpr_number(mini):
    (mini / "noegletal.csv").write_text(
        "indikator;omraade;aar;vaerdi;kilde\nunderretninger;Åby Kommune;2014;010203-1234;DST\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "noegletal.csv" in result.output and "010203-XXXX" in result.output
    assert "1234" not in result.output


def test_the_guard_reads_indikatorer_yaml_as_the_loader_read_it(mini):
    """indikatorer.yaml is read once, by the loader (issue 18): the guard walks every text of
    the file as the bundle holds it, and finds the same with the file gone after loading."""
    from taskforce_report.guard import privacy
    from taskforce_report.load.bundle import load

    (mini / "indikatorer.yaml").write_text(
        "indikatorer:\n"
        "  - {id: egne, titel: Egne tællinger 0102031234, enhed: antal, afsnit: forebyggelse,\n"
        "     navn: tællingerne fra jens@fjordlund.dk}\n", encoding="utf-8")
    bundle = load(mini)
    (mini / "indikatorer.yaml").unlink()
    found = [(p.file, p.place, p.message) for p in privacy.check(bundle)]
    assert ("indikatorer.yaml", "indikatorer[0].titel",
            "ligner et CPR-nummer ('010203-XXXX')") in found
    assert any(f[:2] == ("indikatorer.yaml", "indikatorer[0].navn")
               and f[2].startswith("indeholder en e-mailadresse") for f in found), found


def test_the_pdf_carries_the_bytes_the_guard_checked(mini):
    """The bundle's files are read once for the guard and the attachments (issue 18): a file
    changed after the check (a CPR number added in a comment) does not travel unchecked."""
    import hashlib
    import io
    import json

    from pypdf import PdfReader

    from taskforce_report.build import pdf_bytes, prepare

    report = mini / "rapport.yaml"
    checked = report.read_bytes()
    prepared = prepare(mini)
    report.write_bytes(checked + b"# Sag 010203-1234\n")
    attached = PdfReader(io.BytesIO(pdf_bytes(prepared))).attachments
    manifest = json.loads(attached["manifest.json"][0])
    assert attached["rapport.yaml"][0] == checked
    assert manifest["files"]["rapport.yaml"] == hashlib.sha256(checked).hexdigest()

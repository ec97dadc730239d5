"""Excel in: data.xlsx sheets read like the CSV files; the template `new` writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from taskforce_report.cli import main
from taskforce_report.load.tables import SPECS
from taskforce_report.load.workbook import SHEETS, read_workbook, write_template


def test_template_has_every_sheet_header_frozen_panes_and_dropdowns(tmp_path):
    path = tmp_path / "data.xlsx"
    write_template(path)
    book = load_workbook(path)
    assert book.sheetnames == ["vejledning", "lister", "noegletal", "sagsgennemgang",
                               "selvevaluering", "socialfaglig"]
    for name, spec in ((n, SPECS[n]) for n in SHEETS["analyserapport"]):
        sheet = book[name]
        header = [c.value for c in sheet[1] if c.value]
        assert header == list(spec.required + spec.optional)
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
    validations = {name: [dv.sqref for dv in book[name].data_validations.dataValidation]
                   for name in SHEETS["analyserapport"]}
    # vurdering in sagsgennemgang is column C; its list holds the four assessments
    sag = book["sagsgennemgang"]
    vurdering = next(dv for dv in sag.data_validations.dataValidation if "C2" in str(dv.sqref))
    lists = book["lister"]
    column = vurdering.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    values = [c.value for c in lists[column][1:] if c.value]
    assert values == ["ja", "delvist", "nej", "ikke relevant"]
    assert validations["selvevaluering"] and validations["socialfaglig"]


def _sheet(path, name, rows):
    book = Workbook()
    sheet = book.active
    sheet.title = name
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_bad_cell_names_sheet_and_cell(mini):
    _sheet(mini / "data.xlsx", "ledelsestilsyn",
           [["runde", "sag", "kriterium", "vurdering"], ["2021-06", "Sag 1", "boernesamtale", "ja"],
            ["2021-06", "Sag 2", "boernesamtale", "ja"]])
    tables = read_workbook(mini / "data.xlsx")
    table = tables["ledelsestilsyn"]
    assert list(table.frame["vurdering"]) == ["ja", "ja"]
    problem = table.problem(3, "vurdering", "'måske' er ikke en gyldig vurdering")
    assert str(problem) == "data.xlsx: ledelsestilsyn!D3: 'måske' er ikke en gyldig vurdering"


def test_numbers_and_dates_are_read_as_such(tmp_path):
    import datetime as dt

    path = tmp_path / "data.xlsx"
    _sheet(path, "noegletal", [["indikator", "omraade", "aar", "vaerdi", "kilde"],
                               ["underretninger", "Hele landet", 2014, 1142.0, "DST"],
                               ["underretninger", "Hele landet", 2013, 12.5, "DST"]])
    frame = read_workbook(path)["noegletal"].frame
    assert list(frame["aar"]) == ["2014", "2013"] and list(frame["vaerdi"]) == ["1142", "12.5"]
    _sheet(path, "ledelsestilsyn", [["runde", "sag", "kriterium", "vurdering"],
                                    [dt.datetime(2021, 6, 1), "Sag 1", "x", "ja"]])
    assert list(read_workbook(path)["ledelsestilsyn"].frame["runde"]) == ["2021-06"]


def test_csv_and_sheet_for_the_same_table_is_an_error(mini):
    (mini / "ledelsestilsyn.csv").write_text("runde;sag;kriterium;vurdering\n", encoding="utf-8")
    _sheet(mini / "data.xlsx", "ledelsestilsyn",
           [["runde", "sag", "kriterium", "vurdering"],
            ["2021-06", "Sag 1", "boernesamtale", "ja"]])
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "findes både som ledelsestilsyn.csv og som arket 'ledelsestilsyn'" in result.output


def test_broken_workbook_is_an_input_error(mini):
    (mini / "data.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "data.xlsx" in result.output and "Excel" in result.output


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is not installed")
def test_template_opens_in_libreoffice(tmp_path):
    write_template(tmp_path / "data.xlsx")
    subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "data.xlsx")], check=True, capture_output=True, timeout=180)
    assert (tmp_path / "data.pdf").stat().st_size > 0


def _csvs_to_workbook(source, target):
    """A copy of the bundle whose tables are sheets of data.xlsx, numbers stored as numbers."""
    import csv

    from taskforce_report.load.tables import SPECS

    shutil.copytree(source, target)
    book = Workbook()
    book.remove(book.active)
    for name in SPECS:
        path = target / f"{name}.csv"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8-sig")
        rows = list(csv.reader(text.splitlines(), delimiter=";" if ";" in text.splitlines()[0]
                               else ","))
        sheet = book.create_sheet(name)
        header = rows[0]
        sheet.append(header)
        for row in rows[1:]:
            cells = []
            for column, value in zip(header, row, strict=False):
                if column in ("aar", "vaerdi") and value:
                    number = float(value.replace(".", "").replace(",", ".")) \
                        if "," in value else float(value)
                    cells.append(int(number) if number.is_integer() else number)
                else:
                    cells.append(value)
            sheet.append(cells)
        path.unlink()
    book.save(target / "data.xlsx")
    return target


def test_bundle_builds_from_data_xlsx_alone_with_the_same_pdf_text(tmp_path):
    from conftest import LILLE, pdf_pages

    from taskforce_report.build import build

    from_csv = build(LILLE, tmp_path / "csv")
    bundle = _csvs_to_workbook(LILLE, tmp_path / "xlsx-bundt")
    assert not list(bundle.glob("*.csv"))
    from_xlsx = build(bundle, tmp_path / "xlsx")
    assert pdf_pages(from_xlsx) == pdf_pages(from_csv)


@pytest.mark.parametrize("example", ["eksempel-kommune", "eksempel-status"])
def test_examples_render_the_same_from_data_xlsx(tmp_path, example):
    from conftest import ROOT

    from taskforce_report.build import prepare, render

    source = ROOT / "input" / example
    if not (source / "rapport.yaml").is_file():
        pytest.skip(f"{example} is not there")
    bundle = _csvs_to_workbook(source, tmp_path / example)
    html_csv, _ = render(prepare(source), "html")
    html_xlsx, _ = render(prepare(bundle), "html")
    assert html_xlsx == html_csv


# ---- the status report's workbook, as a person types into it in LibreOffice Calc -----------

CALC_VALIDITY = Path(__file__).with_name("calc_validity.py")
DEBIAN_PYTHON = Path("/usr/bin/python3")


def _calc(book: Path, tmp_path: Path, cells: dict[str, str], save: Path | None = None) -> dict:
    """Calc's verdict on each value written into the ledelsestilsyn sheet (calc_validity.py,
    run by the Python that has LibreOffice's uno module)."""
    import json
    import os

    probe = subprocess.run([str(DEBIAN_PYTHON), "-c", "import uno"], capture_output=True)
    if probe.returncode != 0:
        message = "LibreOffice's Python bridge (Debian: python3-uno) is not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    args = [str(DEBIAN_PYTHON), str(CALC_VALIDITY), str(book), str(tmp_path / "lo-profil"),
            "ledelsestilsyn", *(f"{c}={v}" for c, v in cells.items())]
    if save is not None:
        args.append(str(save))
    done = subprocess.run(args, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def status_bundle(tmp_path) -> Path:
    target = tmp_path / "status"
    result = CliRunner().invoke(main, ["new", str(target), "--kommune", "Ærø Kommune",
                                       "--dokument", "statusrapport"])
    assert result.exit_code == 0, result.output
    return target


def test_status_workbook_holds_only_the_audit_with_the_bundles_criteria(status_bundle):
    book = load_workbook(status_bundle / "data.xlsx")
    assert book.sheetnames == ["vejledning", "lister", "ledelsestilsyn"]
    sheet = book["ledelsestilsyn"]
    kriterium = next(dv for dv in sheet.data_validations.dataValidation
                     if "C2" in str(dv.sqref))
    assert kriterium.errorStyle == "stop" and kriterium.showErrorMessage
    column = kriterium.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    listed = [c.value for c in book["lister"][column][1:] if c.value]
    assert listed == ["boernesamtale", "partshoering_14_dage"]  # rapport.yaml's, in order


def test_calc_accepts_a_criterion_of_the_bundle_and_refuses_another(status_bundle, tmp_path):
    found = _calc(status_bundle / "data.xlsx", tmp_path, {
        "C2": "partshoering_14_dage",  # the bundle's criterion, refused before issue 20
        "C3": "bfu_4_mdr",  # a case-review criterion: not the bundle's
        "C4": "partshøring",  # a typo
        "D2": "delvist", "D3": "måske"})
    assert found == {"C2": True, "C3": False, "C4": False, "D2": True, "D3": False}


def test_a_workbook_typed_in_calc_validates_and_builds(status_bundle, tmp_path):
    """The rows Calc accepts, saved by Calc, are read by validate and counted in the build."""
    from taskforce_report.build import prepare

    saved = tmp_path / "saved.xlsx"
    rows = {}
    for r, (sag, kriterium, vurdering) in enumerate(
            [("S1", "boernesamtale", "ja"), ("S2", "boernesamtale", "nej"),
             ("S1", "partshoering_14_dage", "delvist")], start=2):
        rows.update({f"A{r}": "2021-09", f"B{r}": sag, f"C{r}": kriterium, f"D{r}": vurdering})
    rows["D5"] = "jaa"  # refused by Calc, so never saved
    found = _calc(status_bundle / "data.xlsx", tmp_path, rows, saved)
    assert [k for k, v in found.items() if not v] == ["D5"]
    shutil.copy(saved, status_bundle / "data.xlsx")
    report = status_bundle / "rapport.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "maal: []", "maal: [{tekst: At børnesamtalen holdes., procent: 100, "
        "kriterium: boernesamtale}]", 1), encoding="utf-8")
    goal = prepare(status_bundle).results.facts["maal"][0]
    assert goal.seneste.grundlag == 2 and goal.seneste.andel == 0.5


def test_projektmappe_writes_the_workbook_anew_from_rapport_yaml(status_bundle):
    (status_bundle / "data.xlsx").unlink()
    report = status_bundle / "rapport.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "  kriterier:\n", "  kriterier:\n    tragtmodel: {navn: Tragtmodellen brugt, "
        "optaelling: alle_sager}\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(status_bundle), "--projektmappe"])
    assert result.exit_code == 0, result.output
    lists = load_workbook(status_bundle / "data.xlsx")["lister"]
    assert [c.value for c in lists["A"][1:] if c.value] == [
        "tragtmodel", "boernesamtale", "partshoering_14_dage"]
    again = CliRunner().invoke(main, ["new", str(status_bundle), "--projektmappe"])
    assert again.exit_code == 1 and "data.xlsx: findes allerede" in again.output


def test_projektmappe_for_a_document_without_tables_is_refused(tmp_path):
    """A development plan reads no table (its goals stand in rapport.yaml): --projektmappe says
    so, naming the line, instead of failing on the missing list of sheets."""
    from conftest import ROOT

    plan = tmp_path / "udviklingsplan"
    shutil.copytree(ROOT / "input" / "eksempel-forloeb" / "udviklingsplan", plan)
    result = CliRunner().invoke(main, ["new", str(plan), "--projektmappe"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and not (plan / "data.xlsx").exists()
    assert (f"{plan / 'rapport.yaml'}, linje 6: dokument: dokumenttypen udviklingsplan læser "
            "ingen tabeller, så der er ingen projektmappe at skrive til den") in result.output


def test_one_list_of_the_tables_each_document_reads():
    from taskforce_report.analyse import application, normalise
    from taskforce_report.load import tables, workbook

    assert workbook.SHEETS is tables.TABLES_OF is normalise.TABLES_OF
    assert set(tables.TABLES_OF["ansoegning"]) == set(application.TABLES)
    assert set().union(*tables.TABLES_OF.values()) == set(SPECS)

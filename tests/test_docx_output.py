"""build --format docx: the status report, its memo and the analysis report as Word files,
opened by LibreOffice Writer (converted to PDF headless) and read back."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import LILLE, ROOT, pdf_pages, squeeze

from taskforce_report.build import build, prepare
from taskforce_report.cli import main

STATUS = ROOT / "input" / "eksempel-status"


def _writer_pdf(path: Path, tmp: Path) -> Path:
    """The Word file opened and printed to PDF by LibreOffice Writer."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed: bash scripts/setup.sh --test")
    out = tmp / f"lo-{path.stem}"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profil", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=240)
    return out / f"{path.stem}.pdf"


def _writer_text(path: Path, tmp: Path) -> str:
    return " ".join(pdf_pages(_writer_pdf(path, tmp)))


@pytest.fixture(scope="module")
def status_docx(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("docx")
    target = build(STATUS, out, fmt="docx")
    return target, out / "statusrapport-notat.docx"


def _headings(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(path).paragraphs
            if p.style.name.startswith("Heading")]


def test_the_status_report_opens_in_writer_with_headings_tables_and_charts(status_docx,
                                                                          tmp_path):
    target, _ = status_docx
    assert target.name == "statusrapport.docx"
    headings = _headings(target)
    assert ("Heading 1", "1 Indledning") in headings
    assert ("Heading 1", "2 Overblik over målene") in headings
    assert ("Heading 2", "1.1 Udvalgets fokuspunkter") in headings
    document = docx.Document(target)
    # the goal overview and an Indsats table, as Word tables with a repeated header row
    first_cells = [t.rows[0].cells[0].text for t in document.tables]
    assert "Mål" in first_cells and "Indsats" in first_cells
    prepared = prepare(STATUS)
    charts = list(prepared.results.charts)
    with zipfile.ZipFile(target) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        body = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert len(media) == len(charts) > 5
    assert 'w:val="da-DK"' in styles
    assert "<w:tblHeader/>" in body
    printed = _writer_pdf(target, tmp_path)
    images = subprocess.run(["pdfimages", "-list", str(printed)], check=True,
                            capture_output=True, text=True).stdout.strip().split("\n")[2:]
    # every chart reached Writer's page (each PNG with its transparency as a soft mask)
    assert sum(1 for line in images if line.split()[2] == "image") == len(charts)
    text = " ".join(pdf_pages(printed))
    assert "1 Indledning" in text and "2 Overblik over målene" in text
    assert "Sparring ved sagsstart dokumenteret" in text
    assert "Af udviklingsplanens 21 mål er 11 opfyldt" in text


def test_the_alt_texts_are_the_charts_own(status_docx):
    target, _ = status_docx
    document = docx.Document(target)
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    expected = [spec.alt for spec in prepare(STATUS).results.charts]
    assert alts == expected


def test_the_memo_opens_in_writer(status_docx, tmp_path):
    _, memo = status_docx
    assert memo.is_file()
    text = _writer_text(memo, tmp_path)
    for part in ("Beslutningstema", "Baggrund", "Retligt grundlag", "Status på målene"):
        assert part in text
    assert "Sparring ved sagsstart dokumenteret" in text


def test_the_analysis_report_opens_in_writer(tmp_path):
    target = build(LILLE, tmp_path / "out", fmt="docx")
    headings = _headings(target)
    assert any(text == "1 Indledning" for _, text in headings)
    assert any(style == "Heading 2" and text.startswith("3.1 ") for style, text in headings)
    document = docx.Document(target)
    assert len(document.inline_shapes) == len(prepare(LILLE).results.charts) > 0
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)
    text = _writer_text(target, tmp_path)
    assert "Resultat af sagsgennemgang" in text
    # figures numbered in their chapter (the small fixture's case review has too few criteria a
    # theme for a chart of its own: casereview_criteria.MIN_CHART_ROWS)
    assert re.search(r"Figur \d\.\d", text)


def test_same_bundle_same_bytes(tmp_path):
    first = build(LILLE, tmp_path / "a", fmt="docx").read_bytes()
    second = build(LILLE, tmp_path / "b", fmt="docx").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / "analyserapport.docx") as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2016, 3, 1)}
        core = archive.read("docProps/core.xml").decode()
    assert "2016-03-01T12:00:00Z" in core and "da-DK" in core


def test_numbered_lists_start_at_one_each(status_docx, tmp_path):
    target, _ = status_docx
    text = _writer_text(target, tmp_path)
    # the focus points (1.–4.) and no list continuing another's numbers
    assert squeeze("1. Gennemførelsen af udviklingsplanen") in text
    assert "5. Gennemførelsen" not in text


def test_the_personal_data_guard_runs_on_the_word_file(tmp_path):
    bundle = tmp_path / "status"
    shutil.copytree(STATUS, bundle)
    text = (bundle / "rapport.yaml").read_text()
    (bundle / "rapport.yaml").write_text(text.replace(
        "indledning: |\n", "indledning: |\n  Sagen om 010203-1234 er lukket.\n", 1))
    result = CliRunner().invoke(main, ["build", str(bundle), "--format", "docx", "-o",
                                       str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert "CPR" in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_the_task_force_status_report_as_word(tmp_path):
    target = build(ROOT / "input" / "eksempel-tf-status", tmp_path, fmt="docx")
    assert target.name == "taskforce-status.docx"
    headings = _headings(target)
    assert headings and headings[0][0] == "Heading 1" and headings[0][1].startswith("1 ")
    document = docx.Document(target)
    assert len(document.tables) >= 1
    assert document.core_properties.language == "da-DK"


def test_the_theme_is_on_the_styles(status_docx):
    target, _ = status_docx
    theme = prepare(STATUS).theme
    styles = docx.Document(target).styles
    assert styles["Normal"].font.name == theme.fonts["broedtekst"]
    assert styles["Heading 1"].font.name == theme.fonts["overskrift"]
    assert str(styles["Heading 1"].font.color.rgb) == theme.colours["primaer"].lstrip("#").upper()

"""import-docx: a Word draft with heading and list styles read into a bundle's texts.

The drafts are made here: one with python-docx from the example's own texts (so every item's
place can be checked against the example), the same draft opened and saved by LibreOffice
Writer (its own styles, numbering and zip), and small ones for each kind of bad input."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from taskforce_report.cli import main
from taskforce_report.core.errors import InputError
from taskforce_report.load.bundle import load
from taskforce_report.tools.docximport import import_docx
from taskforce_report.tools.textconvert import apply

_EMPHASIS = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def _runs(paragraph, text: str) -> None:
    """Markdown emphasis as Word's bold and italic runs."""
    for part in _EMPHASIS.split(text):
        if part.startswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            paragraph.add_run(part[1:-1]).italic = True
        elif part:
            paragraph.add_run(part)


def _text(document, text: str, bullet: str = "List Bullet", number: str = "List Number"):
    for chunk in text.split("\n\n"):
        for line in chunk.split("\n"):
            if line.startswith("- "):
                _runs(document.add_paragraph(style=bullet), line[2:])
            elif re.match(r"\d+\. ", line):
                _runs(document.add_paragraph(style=number), line.split(". ", 1)[1])
            else:
                _runs(document.add_paragraph(), line)


HEADINGS = {"praesentation": "Præsentation af {kommune}s {tema}",
            "analyse": "Task Forcens analyse", "styrker": "Styrker",
            "udfordringer": "Udfordringer", "anbefalinger": "Anbefalinger"}


def example_draft(path: Path, heading=lambda level: f"Heading {level}") -> Path:
    """The example analysis report's texts as consultants write them in Word."""
    report = load(EXAMPLE).report
    document = docx.Document()
    document.add_paragraph(f"Analyserapport: {report.kommune}", style="Title")
    document.add_paragraph("Udkast til faktuel høring.")  # not a text of the bundle
    document.add_paragraph("Resumé", style=heading(1))
    _text(document, report.resume)
    document.add_paragraph("Task Forcens centrale anbefalinger", style=heading(1))
    for item in report.anbefalinger:
        _runs(document.add_paragraph(style="List Number"), item)
    document.add_paragraph("Temaerne", style=heading(1))
    from taskforce_report import catalogues

    names = catalogues.themes()
    for number, (theme_id, theme) in enumerate(report.temaer.items(), start=1):
        document.add_paragraph(f"3.{number} {names[theme_id].overskrift}", style=heading(2))
        for key, title in HEADINGS.items():
            value = getattr(theme, key)
            if not value:
                continue
            document.add_paragraph(title.format(kommune=report.kommune, tema="arbejde"),
                                   style=heading(3))
            if isinstance(value, list):
                for item in value:
                    _runs(document.add_paragraph(style="List Bullet"), item)
            else:
                _text(document, value)
    document.add_paragraph("Bilag", style=heading(1))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Kilde", "Sider"
    table.cell(1, 0).text, table.cell(1, 1).text = "Sagsgennemgang", "12"
    document.save(path)
    return path


def _danish_styles(document) -> None:
    """Headings styled as a Danish Word names them: Overskrift 1–3."""
    from docx.enum.style import WD_STYLE_TYPE

    for level in (1, 2, 3):
        style = document.styles.add_style(f"Overskrift {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = None
        style.font.bold = True


def _complete(bundle: Path) -> None:
    """The keys a draft does not hold, filled in as the import report asks."""
    text = (bundle / "rapport.yaml").read_text()
    settings = (EXAMPLE / "rapport.yaml").read_text().split("\nresume:")[0]
    body = "\n".join(line for line in settings.split("\n")
                     if not line.startswith(("dokument:", "koncept:", "kommune:")))
    (bundle / "rapport.yaml").write_text(text + body + "\n")


def _assert_like_example(bundle: Path) -> None:
    _complete(bundle)
    imported, example = load(bundle).report, load(EXAMPLE).report
    assert imported.kommune == example.kommune
    assert imported.resume == example.resume
    assert imported.anbefalinger == example.anbefalinger
    assert sorted(imported.temaer) == sorted(example.temaer)
    for theme_id, theme in example.temaer.items():
        assert imported.temaer[theme_id] == theme, theme_id


def test_a_python_docx_draft_imports_every_item_in_its_place(tmp_path):
    draft = example_draft(tmp_path / "udkast.docx")
    result = import_docx(draft, tmp_path / "b")
    assert result.result.koncept == "klassisk"
    names = sorted(p.name for p in (tmp_path / "b" / "tekster").iterdir())
    assert len(names) == 11
    report = (tmp_path / "b" / "import-rapport.md").read_text()
    # what was not placed is listed, nothing of it imported
    assert "Udkast til faktuel høring." in report
    unplaced = report.split("## Tekst, der ikke er placeret")[1]
    assert "| Bilag | tabel | \\| Kilde \\| Sider \\|" in unplaced
    assert "Udkast til faktuel høring." in unplaced
    _assert_like_example(tmp_path / "b")


def test_danish_heading_styles_are_read(tmp_path):
    document = docx.Document()
    _danish_styles(document)
    document.add_paragraph("Underretninger", style="Overskrift 1")
    document.add_paragraph("Styrker", style="Overskrift 2")
    document.add_paragraph("Der er et **fælles** screeningsmøde.", style="List Bullet")
    document.add_paragraph("Analyse", style="Overskrift 2")
    paragraph = document.add_paragraph("Kommunen har ")
    paragraph.add_run("en").italic = True
    paragraph.add_run(" modtagelse.")
    document.save(tmp_path / "d.docx")
    import_docx(tmp_path / "d.docx", tmp_path / "b")
    text = (tmp_path / "b" / "tekster" / "underretninger.md").read_text()
    assert "## Styrker\n\n- Der er et \\*\\*fælles\\*\\* screeningsmøde.\n" in text
    assert "## Analyse\n\nKommunen har *en* modtagelse.\n" in text


@pytest.fixture(scope="module")
def writer_draft(tmp_path_factory) -> Path:
    """The example draft opened in LibreOffice Writer, saved as .odt and that saved as .docx:
    LibreOffice's own styles, list numbering and zip."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed: bash scripts/setup.sh --test")
    folder = tmp_path_factory.mktemp("writer")
    draft = example_draft(folder / "udkast.docx")
    profile = folder / "profil"
    for source, target in ((draft, "odt"), (folder / "odt" / "udkast.odt", "docx")):
        out = folder / target
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", target, "--outdir", str(out), str(source)],
                       check=True, capture_output=True, timeout=180)
    saved = folder / "docx" / "udkast.docx"
    with zipfile.ZipFile(saved) as archive:
        assert b"LibreOffice" in archive.read("docProps/app.xml")
    return saved


def test_a_draft_saved_by_libreoffice_writer_imports_every_item_in_its_place(
        writer_draft, tmp_path):
    import_docx(writer_draft, tmp_path / "b")
    _assert_like_example(tmp_path / "b")


def test_the_command_writes_the_bundle_and_tells_what_it_found(tmp_path):
    draft = example_draft(tmp_path / "udkast.docx")
    result = CliRunner().invoke(main, ["import-docx", str(draft), "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert "temaer: 10" in result.output
    again = CliRunner().invoke(main, ["import-docx", str(draft), "-o", str(tmp_path / "b")])
    assert again.exit_code == 1 and "findes allerede" in again.output


def _tracked(path: Path, insertions: int, deletions: int) -> Path:
    document = docx.Document()
    document.add_paragraph("Underretninger", style="Heading 1")
    document.add_paragraph("Styrker", style="Heading 2")
    xml = []
    for n in range(insertions):
        xml.append(f'<w:ins w:id="{n + 1}" w:author="A" w:date="2024-01-01T00:00:00Z">'
                   f'<w:r><w:t xml:space="preserve"> tilføjet{n}</w:t></w:r></w:ins>')
    for n in range(deletions):
        xml.append(f'<w:del w:id="{n + 100}" w:author="A" w:date="2024-01-01T00:00:00Z">'
                   f'<w:r><w:delText>slettet{n}</w:delText></w:r></w:del>')
    paragraph = document.add_paragraph("Et punkt", style="List Bullet")
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for fragment in xml:
        paragraph._p.append(parse_xml(fragment.replace("<w:ins ", f"<w:ins {ns} ")
                                      .replace("<w:del ", f"<w:del {ns} ")))
    document.save(path)
    return path


def test_tracked_changes_are_refused_with_their_count_unless_accepted(tmp_path):
    draft = _tracked(tmp_path / "d.docx", 2, 1)
    with pytest.raises(InputError) as caught:
        import_docx(draft, tmp_path / "b")
    message = caught.value.format_message()
    assert "3 sporede ændringer (2 indsættelser, 1 sletninger)" in message
    assert "--accepter-aendringer" in message
    assert not (tmp_path / "b").exists()
    import_docx(draft, tmp_path / "b", accept_changes=True)
    text = (tmp_path / "b" / "tekster" / "underretninger.md").read_text()
    assert "- Et punkt tilføjet0 tilføjet1\n" in text
    assert "slettet" not in text
    assert "2 indsættelser og 1 sletninger" in (tmp_path / "b" / "import-rapport.md").read_text()


def test_comments_are_listed_never_imported(tmp_path):
    document = docx.Document()
    document.add_paragraph("Underretninger", style="Heading 1")
    document.add_paragraph("Analyse", style="Heading 2")
    paragraph = document.add_paragraph("Screeningsmødet holdes hver dag.")
    document.add_comment(paragraph.runs, text="Er det hver dag? Tjek med teamlederen.",
                         author="Anne Holm")
    document.save(tmp_path / "d.docx")
    import_docx(tmp_path / "d.docx", tmp_path / "b")
    text = (tmp_path / "b" / "tekster" / "underretninger.md").read_text()
    assert "Tjek med teamlederen" not in text
    report = (tmp_path / "b" / "import-rapport.md").read_text()
    assert ("| Anne Holm | Er det hver dag? Tjek med teamlederen. | Screeningsmødet holdes "
            "hver dag. |") in report


def test_a_near_miss_theme_name_is_placed_with_a_note(tmp_path):
    document = docx.Document()
    document.add_paragraph("Underretning", style="Heading 1")
    document.add_paragraph("Styrker", style="Heading 2")
    document.add_paragraph("Et punkt", style="List Bullet")
    document.add_paragraph("Ledelse i al almindelighed", style="Heading 1")
    document.add_paragraph("Noget andet.")
    document.save(tmp_path / "d.docx")
    import_docx(tmp_path / "d.docx", tmp_path / "b")
    report = (tmp_path / "b" / "import-rapport.md").read_text()
    assert "“Underretning” (afsnit 1) er læst som temaet “Underretninger”" in report
    assert "Noget andet." in report.split("## Tekst, der ikke er placeret")[1]


def test_a_pejlemaerker_draft_is_recognised(tmp_path):
    document = docx.Document()
    for title in ("Valg af indsats", "Opfølgning", "Inddragelse af børn, unge og familier"):
        document.add_paragraph(title, style="Heading 1")
        document.add_paragraph("Udfordringer", style="Heading 2")
        document.add_paragraph(f"Et punkt om {title.lower()}", style="List Bullet")
    document.save(tmp_path / "d.docx")
    result = import_docx(tmp_path / "d.docx", tmp_path / "b")
    assert result.result.koncept == "pejlemaerker"
    assert sorted(p.name for p in (tmp_path / "b" / "tekster").iterdir()) == [
        "inddragelse.md", "opfoelgning.md", "valg_af_indsats.md"]


def _one_line(tmp_path, path: Path) -> str:
    result = CliRunner().invoke(main, ["import-docx", str(path), "-o", str(tmp_path / "b")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.strip().split("\n") if line]
    assert len(lines) == 1, result.output
    assert not (tmp_path / "b").exists()
    return lines[0]


def test_bad_files_are_one_line_each(tmp_path):
    text = tmp_path / "noter.docx"
    text.write_text("bare tekst")
    assert "er ikke et Word-dokument" in _one_line(tmp_path, text)
    old = tmp_path / "gammel.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "Word 97-2003-dokument (.doc)" in _one_line(tmp_path, old)
    locked = tmp_path / "laast.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
                       + "EncryptionInfo".encode("utf-16-le") + b"\0" * 600)
    assert "beskyttet med adgangskode" in _one_line(tmp_path, locked)
    odt = tmp_path / "udkast.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "OpenDocument-dokument (.odt)" in _one_line(tmp_path, odt)
    other = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("a.txt", "x")
    assert "ikke et Word-dokument (ingen word/document.xml)" in _one_line(tmp_path, other)
    flat = tmp_path / "flad.docx"
    document = docx.Document()
    document.add_paragraph("Underretninger")
    document.add_paragraph("Kun almindelige afsnit.")
    document.save(flat)
    assert "har ingen overskrifter" in _one_line(tmp_path, flat)


def test_imported_texts_convert_back_to_yaml(tmp_path):
    draft = example_draft(tmp_path / "udkast.docx")
    import_docx(draft, tmp_path / "b")
    _complete(tmp_path / "b")
    before = load(tmp_path / "b").report
    apply(tmp_path / "b", "yaml")
    assert load(tmp_path / "b").report == before


def test_a_table_in_a_text_becomes_a_markdown_table_the_report_prints(tmp_path):
    from taskforce_report.build import prepare, render

    document = docx.Document()
    document.add_paragraph("Analyserapport: Fjordlund Kommune", style="Title")
    document.add_paragraph("Underretninger", style="Heading 1")
    document.add_paragraph("Analyse", style="Heading 2")
    document.add_paragraph("Antallet af underretninger:")
    table = document.add_table(rows=3, cols=2)
    for row, (year, count) in enumerate((("År", "Underretninger"), ("2013", "944"),
                                         ("2014", "1.142"))):
        table.cell(row, 0).text, table.cell(row, 1).text = year, count
    table.cell(2, 1).paragraphs[0].runs[0].bold = True
    document.add_paragraph("Stigningen er på 21 %.")
    document.save(tmp_path / "d.docx")
    import_docx(tmp_path / "d.docx", tmp_path / "b")
    text = (tmp_path / "b" / "tekster" / "underretninger.md").read_text()
    assert ("Antallet af underretninger:\n\n| År | Underretninger |\n|---|---|\n"
            "| 2013 | 944 |\n| 2014 | **1.142** |\n\nStigningen er på 21 %.") in text
    _complete(tmp_path / "b")
    html, _ = render(prepare(tmp_path / "b"), "pdf", charts={})
    assert '<table class="md-tabel">' in html and "<strong>1.142</strong>" in html

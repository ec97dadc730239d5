"""Texts as Markdown files in tekster/: read, checked, converted both ways, same document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, FIXTURES

from taskforce_report import build as build_module
from taskforce_report.cli import main
from taskforce_report.core.errors import InputError
from taskforce_report.load.bundle import input_files, load
from taskforce_report.tools.textconvert import apply


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def _message(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load(path)
    return caught.value.format_message()


def test_the_example_from_markdown_files_builds_the_same_pdf(tmp_path, monkeypatch):
    """Converted to Markdown and back, the example builds byte for byte the same PDF. The
    attachments are left out of the comparison (they are the bundle's own files, which differ
    by construction: tekster/*.md instead of the texts in rapport.yaml), so the builds attach
    none; everything else (the pages, the metadata, the manifest's other fields) is compared."""
    markdown = tmp_path / "md"
    apply(EXAMPLE, "markdown", markdown)
    back = tmp_path / "back"
    apply(markdown, "yaml", back)
    assert sorted(p.name for p in (markdown / "tekster").iterdir()) == sorted(
        ["rapport.md", "politik_og_strategi.md", "tidlig_indsats.md", "underretninger.md",
         "boernefaglige_undersoegelser.md", "handleplan.md", "eftervaern.md",
         "personrettet_tilsyn.md", "afslutning_af_sager.md", "faglig_ledelse_og_sparring.md",
         "ledelsesinformation_og_styring.md"])
    assert "temaer:" not in (markdown / "rapport.yaml").read_text()
    assert "resume:" not in (markdown / "rapport.yaml").read_text()
    assert not (back / "tekster").exists()
    monkeypatch.setattr(build_module.privacy, "published_files", lambda bundle: {})
    pdfs = [build_module.build(source, tmp_path / f"out-{n}").read_bytes()
            for n, source in enumerate((EXAMPLE, markdown, back))]
    assert len(pdfs[0]) > 100_000
    assert pdfs[1] == pdfs[0]
    assert pdfs[2] == pdfs[0]


def test_the_markdown_files_travel_in_the_pdf(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    apply(bundle, "markdown")
    names = input_files(load(bundle))
    assert "tekster/rapport.md" in names
    assert any(n.startswith("tekster/") and n != "tekster/rapport.md" for n in names)


def test_a_theme_file_reads_sections_lists_and_citations(tmp_path):
    bundle = _copy(EXAMPLE, tmp_path / "b")
    (bundle / "tekster").mkdir()
    (bundle / "tekster" / "eftervaern.md").write_text(
        "# Efterværn\n\n## Præsentation\n\nFørste afsnit.\n\nAndet med **fed**.\n\n"
        "## styrker\n- Et punkt\n- Et andet,\n  der fortsætter\n\n"
        "## ANBEFALINGER\n1. Sikrer {sagsgennemgang.sager} ting\n", encoding="utf-8")
    text = (bundle / "rapport.yaml").read_text()
    start = text.index("  eftervaern:")
    end = text.index("\n  personrettet_tilsyn:")
    (bundle / "rapport.yaml").write_text(text[:start] + text[end + 1:])
    theme = load(bundle).report.temaer["eftervaern"]
    assert theme.praesentation == "Første afsnit.\n\nAndet med **fed**."
    assert theme.styrker == ["Et punkt", "Et andet,\nder fortsætter"]
    assert theme.anbefalinger == ["Sikrer {sagsgennemgang.sager} ting"]
    prepared = build_module.prepare(bundle)
    resolved = prepared.results.facts
    assert "{sagsgennemgang.sager}" not in repr(resolved.get("temaer", ""))


def test_a_text_in_both_places_names_both(tmp_path):
    bundle = _copy(EXAMPLE, tmp_path / "b")
    (bundle / "tekster").mkdir()
    (bundle / "tekster" / "underretninger.md").write_text("\n## Styrker\n\n- Noget\n")
    message = _message(bundle)
    assert "tekster/underretninger.md, linje 2" in message
    assert "står også i rapport.yaml" in message
    assert "temaer.underretninger.styrker" in message


def test_an_unknown_heading_names_file_line_and_a_suggestion(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    apply(bundle, "markdown")
    path = next(p for p in (bundle / "tekster").iterdir() if p.name != "rapport.md")
    path.write_text(path.read_text() + "\n## Udfordinger\n\n- x\n")
    lines = path.read_text().split("\n")
    message = _message(bundle)
    assert f"tekster/{path.name}, linje {lines.index('## Udfordinger') + 1}" in message
    assert "ukendt overskrift '## Udfordinger'" in message
    assert "Udfordringer" in message


def test_a_citation_error_names_the_markdown_file_and_line(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    apply(bundle, "markdown")
    path = bundle / "tekster" / "rapport.md"
    path.write_text("## Resumé\n\nFørst.\n\nSå {sagsgennemgang.findes_ikke}.\n")
    with pytest.raises(InputError) as caught:
        build_module.prepare(bundle)
    message = caught.value.format_message()
    assert message.startswith("tekster/rapport.md, linje 3: resume")


def test_text_outside_a_list_and_before_a_heading_are_told(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    apply(bundle, "markdown")
    path = bundle / "tekster" / "rapport.md"
    path.write_text("## Anbefalinger\n\n- Sikrer x\nikke et punkt\n")
    assert "tekster/rapport.md, linje 4: forventede et listepunkt" in _message(bundle)
    path.write_text("Løs tekst\n## Resumé\n")
    assert "tekster/rapport.md, linje 1: tekst før den første ##-overskrift" in _message(bundle)


def test_an_unknown_theme_file_gets_a_suggestion(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    (bundle / "tekster").mkdir()
    (bundle / "tekster" / "underretning.md").write_text("## Styrker\n\n- x\n")
    message = _message(bundle)
    assert message.startswith("tekster/underretning.md")
    assert "underretninger" in message


def test_the_personal_data_guard_names_the_markdown_file(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    apply(bundle, "markdown")
    (bundle / "tekster" / "rapport.md").write_text("## Resumé\n\nRing på 12 34 56 78.\n")
    with pytest.raises(InputError) as caught:
        build_module.prepare(bundle)
    assert "tekster/rapport.md, linje 3: resume" in caught.value.format_message()


@pytest.mark.parametrize("name", ["eksempel-tf-status", "eksempel-pejlemaerker",
                                  "eksempel-status"])
def test_every_kind_of_document_converts_both_ways(tmp_path, name):
    source = EXAMPLE.parent / name
    out = tmp_path / "md"
    apply(source, "markdown", out)
    assert (out / "tekster" / "rapport.md").read_text().count("\n## ") >= 1
    before = load(source).report
    assert load(out).report == before
    apply(out, "yaml", tmp_path / "back")
    assert load(tmp_path / "back").report == before


def test_an_application_has_no_text_files(tmp_path):
    bundle = _copy(EXAMPLE.parent / "eksempel-ansoegning", tmp_path / "a")
    with pytest.raises(InputError) as caught:
        apply(bundle, "markdown")
    assert "dokumenttypen ansoegning tager ikke tekster i tekster/" in \
        caught.value.format_message()
    (bundle / "tekster").mkdir()
    (bundle / "tekster" / "rapport.md").write_text("## Indledning\n\nx\n")
    assert "tager ikke tekster i tekster/" in _message(bundle)


def test_new_scaffolds_markdown_texts(tmp_path):
    target = tmp_path / "ny"
    result = CliRunner().invoke(main, ["new", str(target), "--kommune", "Ærø Kommune",
                                       "--tekster", "markdown"])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (target / "tekster").iterdir())
    assert len(files) == 11 and "rapport.md" in files
    theme = (target / "tekster" / "underretninger.md").read_text()
    assert theme.startswith("# Underretninger\n")
    assert [line for line in theme.split("\n") if line.startswith("## ")] == [
        "## Præsentation", "## Analyse", "## Styrker", "## Udfordringer", "## Anbefalinger"]
    assert "temaer:" not in (target / "rapport.yaml").read_text()
    result = CliRunner().invoke(main, ["validate", str(target)])
    assert result.exit_code == 0, result.output


def test_new_status_report_scaffolds_markdown_texts(tmp_path):
    target = tmp_path / "ny"
    result = CliRunner().invoke(main, ["new", str(target), "--kommune", "Ærø Kommune",
                                       "--dokument", "statusrapport", "--tekster", "markdown"])
    assert result.exit_code == 0, result.output
    assert (target / "tekster" / "rapport.md").read_text().endswith("## Indledning\n")
    assert CliRunner().invoke(main, ["validate", str(target)]).exit_code == 0


def test_the_command_converts_in_place_and_back(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    before = load(bundle).report
    result = CliRunner().invoke(main, ["tekster", str(bundle), "--til", "markdown"])
    assert result.exit_code == 0, result.output
    assert (bundle / "tekster" / "rapport.md").is_file()
    assert load(bundle).report == before
    result = CliRunner().invoke(main, ["tekster", str(bundle), "--til", "yaml"])
    assert result.exit_code == 0, result.output
    assert not (bundle / "tekster").exists()
    assert load(bundle).report == before


def test_a_text_markdown_cannot_hold_is_refused(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    text = (bundle / "rapport.yaml").read_text()
    assert "\nresume:" in text
    data = text.split("\nresume:")[0] + '\nresume: "Før\\n## Midt"\n'
    rest = text.split("\nresume:")[1]
    # the old resume's block ends at the next top-level key
    following = next(i for i, line in enumerate(rest.split("\n")[1:], 1)
                     if line and not line.startswith(" "))
    (bundle / "rapport.yaml").write_text(data + "\n".join(rest.split("\n")[following:]))
    assert load(bundle).report.resume == "Før\n## Midt"
    with pytest.raises(InputError) as caught:
        apply(bundle, "markdown")
    assert "kan ikke skrives som Markdown" in caught.value.format_message()
    assert not (bundle / "tekster").exists()


def test_a_linked_or_unreadable_text_file_is_told(tmp_path):
    bundle = _copy(FIXTURES / "mini", tmp_path / "mini")
    apply(bundle, "markdown")
    outside = tmp_path / "andet.md"
    outside.write_text("## Resumé\n\nHemmeligt.\n")
    (bundle / "tekster" / "rapport.md").unlink()
    (bundle / "tekster" / "rapport.md").symlink_to(outside)
    assert "tekster/rapport.md: er et symbolsk link" in _message(bundle)
    (bundle / "tekster" / "rapport.md").unlink()
    (bundle / "tekster" / "rapport.md").write_bytes("## Resumé\n\nRådgivning.\n"
                                                    .encode("latin-1"))
    message = _message(bundle)
    assert message.startswith("tekster/rapport.md, linje 1: filen er ikke UTF-8 (byte 0xE9")
    shutil.rmtree(bundle / "tekster")
    (bundle / "tekster").symlink_to(tmp_path)
    assert "tekster: er et symbolsk link" in _message(bundle)

"""The manifest names every cause of the bytes, and `verify` names the one that differs: the
package's code, the catalogues, the concept, the templates, the theme, the fonts, Pango,
HarfBuzz and the packages; a re-saved PDF is recognised; /AF lists each attachment once with
its MIME type; a legacy import carries its import-rapport.md."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from pypdf import PdfReader
from test_legacy import MINI

from taskforce_report.build import build
from taskforce_report.cli import main
from taskforce_report.output import archive, manifest, verify

LILLE = FIXTURES / "lille"


@pytest.fixture(scope="module")
def lille_pdf(tmp_path_factory) -> Path:
    return build(LILLE, tmp_path_factory.mktemp("lille"))


def manifest_of(pdf: Path) -> dict:
    return json.loads(PdfReader(pdf).attachments["manifest.json"][0])


def test_the_manifest_records_every_cause(lille_pdf):
    found = manifest_of(lille_pdf)
    for key in ("kode", "kataloger", "templates"):
        assert len(found[key]["sha256"]) == 64, key
    assert found["koncept"]["id"] == "klassisk" and len(found["koncept"]["sha256"]) == 64
    assert found["theme"]["name"] == "socialstyrelsen"
    # the fonts the PDF embeds, each the hash of the whole file it was cut from, and the ones
    # the charts are measured with
    pdf_fonts = found["skrifter"]["pdf"]
    assert "Carlito" in pdf_fonts and "Carlito-Bold" in pdf_fonts
    theme_fonts = Path(manifest.PACKAGE_DIR).parent / "themes" / "socialstyrelsen" / "fonts"
    regular = next(theme_fonts.rglob("Carlito-Regular.ttf"), None)
    if regular is not None:  # running from a checkout: the theme's own file
        assert pdf_fonts["Carlito"] == manifest._sha(regular)
        assert found["skrifter"]["diagrammer"]["Carlito-Regular.ttf"] == manifest._sha(regular)
    libraries = found["biblioteker"]
    assert libraries["pango"].count(".") == 2 and libraries["harfbuzz"].count(".") == 2
    for package in ("weasyprint", "matplotlib", "fonttools"):
        assert package in found["pakker"], package


def test_af_lists_each_attachment_once_with_its_mime_type(lille_pdf):
    with pikepdf.open(lille_pdf) as pdf:
        af = list(pdf.Root.AF)
        names = [str(item.F) for item in af]
        assert sorted(names) == sorted(set(names)) == [
            "manifest.json", "noegletal.csv", "rapport.yaml", "sagsgennemgang.csv"]
        types = {str(item.F): str(item.EF.F.Subtype) for item in af}
    assert types == {"manifest.json": "/application/json", "noegletal.csv": "/text/csv",
                     "rapport.yaml": "/application/yaml", "sagsgennemgang.csv": "/text/csv"}


def _changed(manifest: dict, path: tuple, value) -> dict:
    changed = copy.deepcopy(manifest)
    place = changed
    for key in path[:-1]:
        place = place.setdefault(key, {})
    place[path[-1]] = value
    return changed


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("kode", "sha256"), "0" * 64, "programkoden (taskforce_report) er ændret"),
    (("kataloger", "sha256"), "0" * 64, "katalogerne (kriterier, temaer, indikatorer, "
                                         "spørgsmål, koncepter) er ændret"),
    (("koncept", "sha256"), "0" * 64, "konceptet 'klassisk' (kapitler, afsnit og overskrifter) "
                                       "er ændret"),
    (("templates", "sha256"), "0" * 64, "skabelonerne er ændret"),
    (("theme", "sha256"), "0" * 64, "temaet 'socialstyrelsen' er ændret"),
    (("skrifter", "pdf", "Carlito"), "0" * 64, "skrifterne i PDF'en afviger: Carlito (en anden "
                                                "fil)"),
    (("skrifter", "pdf", "Liberation-Sans"), "0" * 64, "skrifterne i PDF'en afviger: "
                                                        "Liberation-Sans (bruges ikke længere)"),
    (("skrifter", "diagrammer", "Carlito-Regular.ttf"), "0" * 64,
     "diagrammernes skrifter afviger: Carlito-Regular.ttf (en anden fil)"),
    (("biblioteker", "pango"), "1.42.4", "Pango er "),
    (("biblioteker", "harfbuzz"), "2.6.4", "HarfBuzz er "),
    (("pakker", "matplotlib"), "3.0.0", "matplotlib "),
    (("pakker", "fonttools"), "4.0.0", "fonttools "),
    (("pakker", "weasyprint"), "60.0", "weasyprint "),
    (("version",), "0.0.1", "værktøjets version er"),
    (("files", "rapport.yaml"), "0" * 64, "inddata afviger fra de indlejrede: rapport.yaml"),
])
def test_verify_names_the_cause_that_differs(lille_pdf, path, value, expected):
    embedded = archive.read_embedded(lille_pdf)
    now = embedded.manifest
    was = archive.Embedded(_changed(now, path, value), embedded.files)
    rebuilt = lille_pdf.read_bytes() + b"\n"  # other bytes, the same pages
    verdict = verify.compare(lille_pdf, rebuilt, was, now)
    assert not verdict.identical
    found = " | ".join(verdict.version_note)
    assert expected in found
    assert "gemt igen" not in found  # a difference in the making is no re-save
    if path[0] == "biblioteker":
        assert f"rapporten blev lavet med {value}" in found


def test_a_changed_catalogue_phrase_changes_the_catalogue_hash(tmp_path):
    folder = tmp_path / "kataloger"
    shutil.copytree(Path(manifest.PACKAGE_DIR) / "catalogues", folder)
    before = manifest.tree_digest(folder, "*.yaml")
    assert before == manifest.catalogues_digest()
    criteria = folder / "kriterier.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace(
        "vurderet inden for 24 timer", "vurderet inden for et døgn", 1), encoding="utf-8")
    assert manifest.tree_digest(folder, "*.yaml") != before


def test_verify_end_to_end_names_the_catalogues(lille_pdf, monkeypatch):
    monkeypatch.setattr(manifest, "catalogues_digest", lambda: "0" * 64)
    result = CliRunner().invoke(main, ["verify", str(lille_pdf)])
    assert result.exit_code == 1
    assert "katalogerne (kriterier, temaer, indikatorer, spørgsmål, koncepter) er ændret" \
        in result.output
    assert "skabelonerne" not in result.output and "programkoden" not in result.output


def test_verify_end_to_end_names_a_changed_concept(tmp_path):
    bundle = tmp_path / "bundt"
    shutil.copytree(FIXTURES / "mini", bundle)
    pdf = build(bundle, tmp_path / "ud")
    report = bundle / "rapport.yaml"
    report.write_text(report.read_text(encoding="utf-8") + """koncept:
  extends: klassisk
  kapitler: [{id: indledning, titel: Om analysen}, resume, temaer]
""", encoding="utf-8")
    result = CliRunner().invoke(main, ["verify", str(pdf), str(bundle)])
    assert result.exit_code == 1
    assert "konceptet 'bundt' (kapitler, afsnit og overskrifter) er ændret" in result.output
    assert "inddata afviger fra de indlejrede: rapport.yaml" in result.output


def test_a_pdf_saved_again_by_another_program_is_recognised(lille_pdf, tmp_path):
    resaved = tmp_path / "gemt-igen.pdf"
    with pikepdf.open(lille_pdf) as pdf:
        pdf.docinfo["/Producer"] = "Et andet program"
        pdf.save(resaved)
    assert resaved.read_bytes() != lille_pdf.read_bytes()
    result = CliRunner().invoke(main, ["verify", str(resaved)])
    assert result.exit_code == 1
    assert "teksten er den samme på alle sider" in result.output
    assert "PDF'en er gemt igen af et andet program" in result.output


def test_a_legacy_import_carries_its_import_report(tmp_path):
    source = tmp_path / "gammel.txt"
    source.write_text(MINI, encoding="utf-8")
    bundle = tmp_path / "fjordby"
    assert CliRunner().invoke(main, ["import-legacy", str(source), "-o", str(bundle)]) \
        .exit_code == 0
    pdf = build(bundle, tmp_path / "ud")
    attached = PdfReader(pdf).attachments
    assert attached["import-rapport.md"][0] == (bundle / "import-rapport.md").read_bytes()
    with pikepdf.open(pdf) as opened:
        types = {str(item.F): str(item.EF.F.Subtype) for item in opened.Root.AF}
    assert types["import-rapport.md"] == "/text/markdown"
    result = CliRunner().invoke(main, ["regenerate", str(pdf), "-o", str(tmp_path / "igen")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "igen" / "bundt" / "import-rapport.md").read_bytes() == \
        (bundle / "import-rapport.md").read_bytes()

"""Archive-grade output: identical bytes, embedded bundle, regenerate, verify, batch."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLE, FIXTURES
from pypdf import PdfReader

from taskforce_report.cli import main


def build_in_subprocess(bundle: Path, out: Path, **env: str) -> bytes:
    environment = {**os.environ, **env}
    subprocess.run([sys.executable, "-m", "taskforce_report", "build", str(bundle), "-o", str(out)],
                   check=True, env=environment, capture_output=True)
    return (out / "analyserapport.pdf").read_bytes()


def copy_reversed(source: Path, target: Path, mtime: int) -> Path:
    """The same bundle, its files created in the opposite order and with other times."""
    target.mkdir(parents=True)
    for path in sorted(source.iterdir(), reverse=True):
        shutil.copyfile(path, target / path.name)
        os.utime(target / path.name, (mtime, mtime))
    return target


def test_same_bundle_gives_identical_bytes_whatever_clock_locale_and_file_order(tmp_path):
    first = build_in_subprocess(EXAMPLE, tmp_path / "a", TZ="America/New_York", LANG="C")
    other = copy_reversed(EXAMPLE, tmp_path / "kopi" / EXAMPLE.name, mtime=1_000_000_000)
    second = build_in_subprocess(other, tmp_path / "b", TZ="Asia/Tokyo", LANG="da_DK.UTF-8",
                                 LC_ALL="C.UTF-8")
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_pdf_a3_with_bundle_and_manifest_embedded(example_pdf):
    reader = PdfReader(example_pdf)
    attached = {name: data[0] for name, data in reader.attachments.items()}
    inputs = sorted(p.name for p in EXAMPLE.iterdir() if p.is_file())
    assert sorted(attached) == sorted([*inputs, "manifest.json"])
    for name in inputs:
        assert attached[name] == (EXAMPLE / name).read_bytes()
    manifest = json.loads(attached["manifest.json"])
    assert manifest["files"]["rapport.yaml"] == hashlib.sha256(
        (EXAMPLE / "rapport.yaml").read_bytes()).hexdigest()
    assert manifest["theme"]["name"] == "socialstyrelsen"
    assert len(manifest["theme"]["sha256"]) == 64 and len(manifest["templates"]["sha256"]) == 64
    assert manifest["version"]
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfaid:part" in raw and ">3<" in raw.replace('"3"', ">3<")
    # level A: archive grade and tagged by default (PDF/A-3a)
    assert re.search(r"pdfaid:conformance(>|=\")A", raw)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert manifest["pdf_variant"] == "pdf/a-3a"
    assert reader.metadata.author == "Socialstyrelsen"
    assert reader.metadata.subject.startswith("Analyserapport om Fjordlund Kommunes")


def test_verify_identical_then_names_the_page_of_an_edited_word(mini, tmp_path):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(mini), "-o", str(out)]).exit_code == 0
    pdf = out / "analyserapport.pdf"
    result = CliRunner().invoke(main, ["verify", str(pdf)])
    assert result.exit_code == 0, result.output
    assert "identisk" in result.output

    path = mini / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Manglende kvittering", "Sjælden kvittering"), encoding="utf-8")
    pages = [i + 1 for i, page in enumerate(PdfReader(pdf).pages)
             if "Manglende kvittering" in (page.extract_text() or "")]
    assert len(pages) == 1
    result = CliRunner().invoke(main, ["verify", str(pdf), str(mini)])
    assert result.exit_code == 1
    assert f"teksten afviger på side {pages[0]}" in result.output
    assert "inddata afviger fra de indlejrede: rapport.yaml" in result.output


def test_verify_refuses_a_pdf_of_another_tool(tmp_path):
    from weasyprint import HTML

    other = tmp_path / "andet.pdf"
    HTML(string="<p>Ikke vores</p>").write_pdf(other)
    result = CliRunner().invoke(main, ["verify", str(other)])
    assert result.exit_code == 2
    assert "ikke en rapport fra taskforce-report" in result.output


def test_regenerate_extracts_and_rebuilds_identically(mini, tmp_path):
    out = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(mini), "-o", str(out)])
    result = CliRunner().invoke(main, ["regenerate", str(out / "analyserapport.pdf"),
                                       "-o", str(tmp_path / "igen")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "igen" / "bundt" / "rapport.yaml").read_bytes() == \
        (mini / "rapport.yaml").read_bytes()
    assert (tmp_path / "igen" / "analyserapport.pdf").read_bytes() == \
        (out / "analyserapport.pdf").read_bytes()


def test_batch_builds_nine_and_names_the_broken_one(tmp_path):
    root = tmp_path / "samling"
    for i in range(10):
        shutil.copytree(FIXTURES / "mini", root / f"kommune-{i:02d}")
    broken = root / "kommune-07" / "rapport.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("styrker:", "styker:"),
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(root), "-j", "2", "-o", str(tmp_path / "ud"),
                                       "--quiet"])
    assert result.exit_code == 1
    assert "9 bygget, 1 fejlede" in result.output
    line = next(li for li in result.output.splitlines() if li.startswith("kommune-07"))
    assert "FEJL" in line and "styker" in line
    assert len(list((tmp_path / "ud").rglob("analyserapport.pdf"))) == 9

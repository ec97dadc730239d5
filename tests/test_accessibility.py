"""Tagged PDFs: a structure tree in Danish, headings in order, table header cells, alt texts;
by default as PDF/A-3a for every document type and format, and PDF/UA-1 on request.

veraPDF cannot be installed here; these checks read the structure tree with pikepdf."""

from __future__ import annotations

import io
import re
from collections import Counter

import pikepdf
import pytest
from conftest import LILLE, ROOT, check_marked_content, embedded_fonts, squeeze
from pypdf import PdfReader

from taskforce_report.build import build


@pytest.fixture(scope="module")
def ua_pdf(tmp_path_factory):
    return build(LILLE, tmp_path_factory.mktemp("ua"), pdf_ua=True)


def structure(path):
    pdf = pikepdf.open(path)
    kinds: Counter = Counter()
    order: list[str] = []
    figures: list = []
    table_cells: Counter = Counter()

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        kind = node.get("/S")
        if kind is not None:
            name = str(kind)[1:]
            kinds[name] += 1
            if name in ("H1", "H2", "H3", "H4"):
                order.append(name)
            if name == "Figure":
                figures.append(node.get("/Alt"))
            if name in ("TH", "TD"):
                table_cells[name] += 1
        if "/K" in node:
            walk(node.K)

    walk(pdf.Root.StructTreeRoot)
    return pdf, kinds, order, figures, table_cells


def test_tagged_danish_with_ordered_headings_and_alt_texts(ua_pdf):
    pdf, kinds, order, figures, cells = structure(ua_pdf)
    assert str(pdf.Root.Lang) == "da"
    assert bool(pdf.Root.MarkInfo.Marked)
    assert kinds["H1"] >= 5 and kinds["H2"] >= 10 and kinds["Table"] >= 2
    # no heading skips a level on the way down (H1 → H3 without an H2)
    levels = [int(h[1]) for h in order]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    assert figures and all(alt is not None and len(str(alt)) > 10 for alt in figures)
    if kinds["Table"]:
        assert cells["TH"] > 0
    raw = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert "pdfuaid:part" in raw
    assert any("/Footer" in kinds for kinds in check_marked_content(pdf).values())


@pytest.fixture(scope="module")
def default_pdf(tmp_path_factory):
    return build(LILLE, tmp_path_factory.mktemp("standard"))


def test_the_default_pdf_is_tagged_pdf_a_3a(default_pdf):
    pdf, kinds, order, figures, cells = structure(default_pdf)
    assert str(pdf.Root.Lang) == "da"
    assert bool(pdf.Root.MarkInfo.Marked)
    raw = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert re.search(r"pdfaid:part(>|=\")3", raw) and re.search(r"pdfaid:conformance(>|=\")A", raw)
    assert kinds["H1"] >= 5 and kinds["Table"] >= 2 and cells["TH"] > 0
    assert figures and all(alt is not None and len(str(alt)) > 10 for alt in figures)
    levels = [int(h[1]) for h in order]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


@pytest.mark.parametrize(("bundle", "fmt"), [
    ("eksempel-ansoegning", "pdf"), ("eksempel-tf-status", "pdf"), ("eksempel-status", "pdf"),
    ("eksempel-status", "notat"), ("eksempel-status", "slides"),
])
def test_every_document_type_is_tagged_pdf_a_3a_by_default(bundle, fmt, tmp_path):
    path = build(ROOT / "input" / bundle, tmp_path, fmt=fmt)
    pdf = pikepdf.open(path)
    raw = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert re.search(r"pdfaid:conformance(>|=\")A", raw), bundle
    assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "da"
    check_marked_content(pdf)
    # every glyph from the theme's fonts: no DejaVu fallback (the status example's logo named
    # DejaVu Sans until its text was set in the theme's Carlito)
    assert not [f for f in embedded_fonts(pdf) if "DejaVu" in f], (bundle, embedded_fonts(pdf))


def text_by_marking(path) -> tuple[list[str], list[str]]:
    """Each page's text drawn inside /Artifact marked content, and the rest: the page's
    content stream is copied twice, once with only the one and once with only the other text
    showing operators, and read back with pypdf."""
    readings = []
    for artifacts in (True, False):
        pdf = pikepdf.open(path)
        for page in pdf.pages:
            kept, open_tags = [], []
            for operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC"):
                    open_tags.append(str(operands[0]))
                elif name == "EMC":
                    open_tags.pop()
                elif name in ("Tj", "TJ", "'", '"') and ("/Artifact" in open_tags) != artifacts:
                    continue
                kept.append((operands, operator))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
        buffer = io.BytesIO()
        pdf.save(buffer)
        readings.append([squeeze(p.extract_text() or "") for p in PdfReader(buffer).pages])
    return readings[0], readings[1]


def test_running_heads_and_page_numbers_are_artifacts(default_pdf):
    pdf = pikepdf.open(default_pdf)
    kinds = check_marked_content(pdf)
    artifact_text, tagged_text = text_by_marking(default_pdf)
    pages = len(pdf.pages)
    numbered = [n for n, text in enumerate(artifact_text) if f"Side {n + 1} af {pages}" in text]
    assert len(numbered) >= pages - 3, artifact_text  # all but the cover and the back pages
    for n in numbered:
        assert "/Header" in kinds[n] and "/Footer" in kinds[n], (n, kinds[n])
        assert f"Side {n + 1} af" not in tagged_text[n]  # the page number is read nowhere else
    # the body text is still tagged: headings and paragraphs are outside the artifacts
    assert any(len(text) > 500 for text in tagged_text)
    assert all(len(artifact_text[n]) < 200 for n in numbered)

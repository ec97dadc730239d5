"""Tagged PDFs: a structure tree in Danish, headings in order, table header cells, alt texts;
by default as PDF/A-3a for every document type and format, and PDF/UA-1 on request.

veraPDF cannot be installed here; these checks read the structure tree with pikepdf."""

from __future__ import annotations

import re
from collections import Counter

import pikepdf
import pytest
from conftest import LILLE, ROOT

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

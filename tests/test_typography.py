"""Typography seen in the PDF: every glyph from the theme's own fonts (a hyphenation break no
longer fetches DejaVu Sans, whose taller ascent made each hyphenated line taller), numbers
bound to their units, and the other rules of issue 21 that a test can see."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pikepdf
import pytest


def font_names(path) -> set[str]:
    names = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", {})
            for font in fonts.values():
                names.add(str(font.BaseFont).split("+", 1)[-1])
    return names


def test_every_glyph_comes_from_the_theme_fonts(example_pdf):
    names = font_names(example_pdf)
    assert names, "no fonts found"
    assert all(n.startswith(("Carlito", "TF-Bindestreg")) for n in names), names
    assert any(n.startswith("TF-Bindestreg") for n in names)  # the report hyphenates


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_hyphenated_line_is_as_tall_as_its_neighbours(example_pdf, tmp_path):
    target = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-f", "8", "-l", "14", "-bbox-layout", str(example_pdf),
                    str(target)], check=True)
    lines = re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                       r"(.*?)</line>", target.read_text(encoding="utf-8"), re.S)
    plain, hyphenated = Counter(), Counter()
    for top, bottom, body in lines:
        words = re.findall(r">([^<]*)</word>", body)
        height = round(float(bottom) - float(top), 1)
        (hyphenated if words and words[-1].endswith("\u2010") else plain)[height] += 1
    assert sum(hyphenated.values()) >= 5
    body_height = plain.most_common(1)[0][0]
    # every hyphenated line of body text has the body's line height, none is taller
    assert max(hyphenated) <= body_height, (hyphenated, plain)


def test_the_table_of_contents_fits_on_one_page(example_pdf):
    from conftest import pdf_pages

    pages = pdf_pages(example_pdf)
    toc = next(i for i, text in enumerate(pages) if "Indhold 1 Indledning" in text)
    assert "Bilag 1 Selvevaluering" in pages[toc]  # the last entry on the same page
    assert ". . . . ." not in pages[toc + 1]  # and no leader dots run on to the next


def _fill_and_chapters(path):
    """Per page: how far down its body text reaches (0–1 of the page height), and the pages
    on which a chapter (a bookmark at the outline's top level) begins."""
    from pypdf import PdfReader

    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    fills = []
    for _w, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                                      out, re.S):
        h = float(height)
        bottoms = [float(b) for a, b in re.findall(
            r'<block xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', body)
            if 0.08 * h < float(a) and float(b) < 0.9 * h]  # not the running head or foot
        fills.append(max(bottoms) / h if bottoms else 0.0)
    reader = PdfReader(path)
    chapters = {reader.get_destination_page_number(item) for item in reader.outline
                if not isinstance(item, list)}  # a list holds the sections under a chapter
    return fills, chapters


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("bundle", ["eksempel-kommune", "eksempel-pejlemaerker",
                                    "eksempel-tf-status", "eksempel-status",
                                    "eksempel-forloeb/taskforce-status"])
def test_no_page_is_more_than_half_empty_except_before_a_chapter(bundle, tmp_path):
    from conftest import ROOT

    from taskforce_report.build import build

    path = build(ROOT / "input" / bundle, tmp_path)
    assert not [n for n in font_names(path) if "DejaVu" in n], bundle  # the theme's fonts only
    fills, chapters = _fill_and_chapters(path)
    last = len(fills) - 1  # the back page
    for page, fill in enumerate(fills[1:-1], start=1):
        if fill < 0.5:
            # a page may end early only where the next begins a chapter or is the back page:
            # never because a figure, a box or the next theme or section moved on
            assert page + 1 in chapters or page + 1 == last, (bundle, page + 1, round(fill, 2))
        if fill < 0.17:
            # and not with a few lines or a table row of the chapter before it, the back page's
            # included (output/pagefill.py): a page this empty is a chapter's only page
            assert page in chapters, (bundle, page + 1, round(fill, 2))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_contents_leader_dots_stand_in_columns(example_pdf):
    """Every section line's dots end at the same place and stand on the same grid."""
    page = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox", str(example_pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    dots: dict[float, list[float]] = {}
    for x_min, y_min in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" '
                                   r'yMax="[\d.]+">\.</word>', page):
        dots.setdefault(round(float(y_min), 1), []).append(float(x_min))
    lines = [sorted(xs) for xs in dots.values() if len(xs) > 5]
    assert len(lines) >= 30
    ends = [xs[-1] for xs in lines]
    assert max(ends) - min(ends) < 0.5, (min(ends), max(ends))  # they end at one place
    step = lines[0][1] - lines[0][0]
    for xs in lines:  # and every dot sits on the same grid of columns
        assert all(abs(((ends[0] - x) / step) - round((ends[0] - x) / step)) < 0.05 for x in xs)


def test_only_the_chapters_with_a_short_tail_are_set_tighter():
    from taskforce_report.output import pagefill

    html = ('<section class="kapitel kapitel-a" id="kapitel-a"><p>a</p></section>'
            '<section class="kapitel kapitel-b bilag" id="kapitel-b"><p>b</p></section>')
    assert pagefill.chapter_anchors(html) == ["kapitel-a", "kapitel-b"]
    tightened = pagefill.tighten(html, ["kapitel-b"])
    assert '<section class="kapitel kapitel-a" id="kapitel-a">' in tightened
    assert '<section class="kapitel kapitel-b bilag taet" id="kapitel-b">' in tightened

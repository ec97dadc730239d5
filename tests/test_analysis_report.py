"""The analysis report end to end: the example bundle in, a PDF with every finding out."""

from __future__ import annotations

import re

import yaml
from conftest import EXAMPLE, pdf_pages, squeeze
from pypdf import PdfReader

from taskforce_report import catalogues


def plain(markdown: str) -> str:
    return squeeze(re.sub(r"[*_`]", "", markdown))


def example_data() -> dict:
    return yaml.safe_load((EXAMPLE / "rapport.yaml").read_text(encoding="utf-8"))


def test_every_theme_heading_and_finding_is_in_the_pdf(example_pdf):
    text = " ".join(pdf_pages(example_pdf))
    data = example_data()
    for theme_id, theme in data["temaer"].items():
        heading = catalogues.themes()[theme_id].overskrift
        assert heading in text
        for key in ("styrker", "udfordringer", "anbefalinger"):
            for item in theme[key]:
                assert plain(item) in text, (theme_id, key, item)
    for item in data["anbefalinger"]:
        assert plain(item) in text


def test_table_of_contents_page_numbers_match_where_themes_start(example_pdf):
    pages = pdf_pages(example_pdf)
    toc = next(p for p in pages if p.startswith("Indhold") or " Indhold " in p[:60])
    themes = catalogues.themes()
    data = example_data()
    for number, theme_id in enumerate(data["temaer"], start=1):
        title = themes[theme_id].overskrift
        match = re.search(rf"3\.{number} {re.escape(title)}[ .]*?(\d+)", toc)
        assert match, (title, toc[:400])
        listed = int(match.group(1))
        # the theme's heading stands on the page the contents name, under its number
        assert f"3.{number} {title}" in pages[listed - 1], (title, listed)


def test_front_page_running_footer_and_chapters(example_pdf):
    pages = pdf_pages(example_pdf)
    assert "Analyserapport" in pages[0] and "Fjordlund Kommune" in pages[0]
    assert "12. november 2015" in pages[0]
    assert f"Side 3 af {len(pages)}" in pages[2]
    text = " ".join(pages)
    for heading in ("1 Indledning", "2 Resume og anbefalinger",
                    "3 Afrapportering på de enkelte temaer",
                    "Task Forcen anbefaler, at Fjordlund Kommune:"):
        assert heading in text


def test_bookmarks_for_every_chapter_and_theme(example_pdf):
    reader = PdfReader(example_pdf)

    def titles(outline):
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title

    found = list(titles(reader.outline))
    for theme in catalogues.themes().values():
        assert any(theme.overskrift in t for t in found), theme.overskrift
    assert any(t.startswith("1 Indledning") for t in found)


def test_pdf_is_danish_and_has_metadata(example_pdf):
    reader = PdfReader(example_pdf)
    assert reader.trailer["/Root"].get("/Lang") == "da"
    assert "Fjordlund Kommune" in reader.metadata.title

"""build --udkast: the draft for factual hearing."""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import LILLE, pdf_pages

from taskforce_report.build import build
from taskforce_report.cli import main
from taskforce_report.output.archive import read_embedded


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    out = tmp_path_factory.mktemp("udkast")
    return build(LILLE, out, draft=True)


def test_every_page_says_draft_with_its_date(draft):
    assert draft.name == "analyserapport-udkast.pdf"
    pages = pdf_pages(draft)
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        assert "UDKAST" in text, number
        assert "til faktuel høring · 1. marts 2016" in text, number


def _layout_lines(pdf) -> list[str]:
    """The PDF's lines as laid out (poppler's pdftotext -layout): a paragraph's number in the
    margin stands on the line of the paragraph's first words."""
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60)
    return [re.sub(r"\s+", " ", line).strip() for line in done.stdout.split("\n")]


def test_the_paragraphs_are_numbered_per_section(draft):
    lines = _layout_lines(draft)
    # chapter 1 opens with two paragraphs, 1.1 starts again at 1
    assert any(line.startswith("1 Task Forcen på området for udsatte børn og unge blev "
                               "oprettet") for line in lines)
    assert any(line.startswith("2 Et længere udviklingsforløb med Task Forcen") for line in lines)
    assert any(line.startswith("1 Rapporten består af fem kapitler") for line in lines)


def test_a_draft_is_never_marked_pdf_a(draft):
    with pikepdf.open(draft) as pdf:
        raw = bytes(pdf.Root.Metadata.read_bytes()).decode("utf-8", "replace")
    assert "pdfaid" not in raw
    assert "pdfuaid:part" in raw  # tagged for screen readers all the same
    assert read_embedded(draft).manifest["udkast"] is True


def test_the_final_report_has_no_draft_marks(tmp_path):
    final = build(LILLE, tmp_path, fmt="pdf")
    assert "UDKAST" not in " ".join(pdf_pages(final))
    assert not any(line.startswith("1 Satspuljepartierne") for line in _layout_lines(final))


def test_verify_rebuilds_the_draft(draft):
    result = CliRunner().invoke(main, ["verify", str(draft)])
    assert result.exit_code == 0, result.output
    assert "identisk" in result.output


def test_a_draft_is_a_pdf(tmp_path):
    result = CliRunner().invoke(main, ["build", str(LILLE), "--udkast", "--format", "docx",
                                       "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "--udkast" in result.output

"""The back page with the imprint: publisher and address from the theme, the year from the
report's date, the ISBN of the digital edition from rapport.yaml, how it may be quoted."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from conftest import LILLE, ROOT, pdf_pages

from taskforce_report.build import build
from taskforce_report.cli import main


def with_isbn(tmp_path, isbn: str):
    bundle = tmp_path / "lille"
    shutil.copytree(LILLE, bundle)
    report = bundle / "rapport.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.rstrip("\n") + f"\nisbn: \"{isbn}\"\n", encoding="utf-8")
    return bundle


def test_the_last_page_is_the_imprint(tmp_path):
    pages = pdf_pages(build(with_isbn(tmp_path, "978-87-93676-12-1"), tmp_path / "ud"))
    back = pages[-1]
    assert "Udgivet af Socialstyrelsen" in back
    assert "Edisonsvej 1, 5000 Odense C" in back and "www.socialstyrelsen.dk" in back
    assert "ISBN (digital udgave) 978-87-93676-12-1" in back
    assert "citeres" in back
    assert "Side" not in back  # no running heads or page number on the back page


def test_a_municipal_report_names_the_municipality_and_its_department(tmp_path):
    pages = pdf_pages(build(ROOT / "input" / "eksempel-status", tmp_path))
    assert "Udgivet af Fjordlund Kommune, Afdeling Børn og Familie" in pages[-1]
    assert "ISBN" not in pages[-1]  # none given


def test_a_wrong_isbn_is_refused_with_the_right_check_digit(tmp_path):
    bundle = with_isbn(tmp_path, "978-87-93676-12-0")
    result = CliRunner().invoke(main, ["build", "-q", str(bundle), "-o", str(tmp_path / "ud")])
    assert result.exit_code == 1
    assert "isbn" in result.output and "kontrolciffer" in result.output
    assert "skulle være 1" in result.output
    assert not (tmp_path / "ud").exists()

"""import-dst: StatBank CSV (API long format and web download) → rows of noegletal.csv."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from taskforce_report.cli import main
from taskforce_report.core.errors import InputError
from taskforce_report.load import tables
from taskforce_report.tools import dst

# The API's format: UTF-8 with BOM, CRLF, `;`, upper-case codes ending in INDHOLD.
API = ("\ufeffOMRÅDE;ALDER;TID;INDHOLD\r\n"
       "Hele landet;Alder i alt;2014K4;5659715\r\n"
       "Hele landet;0 år;2014K4;56000\r\n"
       "Hele landet;1 år;2014K4;57000\r\n"
       "Thisted;Alder i alt;2014K4;44000\r\n"
       "Thisted;0 år;2014K4;400\r\n"
       "Thisted;1 år;2014K4;..\r\n"
       "Hele landet;0 år;2015K1;56100\r\n")

# The web download: a title, periods across, labels written only where they change, a
# footnote; saved by Windows in Windows-1252.
WEB = ("UND1: Underretninger efter område, anmelder og tid\r\n"
       "Enhed: Antal\r\n"
       ';;"2015";"2016"\r\n'
       '"Hele landet";"Anmelder i alt";"120500";"131200"\r\n'
       ';"Skole";"30000";"32000"\r\n'
       '"Østervig";"Anmelder i alt";"1.142";".."\r\n'
       ';"Skole";"300";"310"\r\n'
       "\r\n"
       '"Kilde: Danmarks Statistik"\r\n')


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_api_format_sums_ages_leaves_total_out_and_keeps_missing(tmp_path):
    path = write(tmp_path, "FOLK1A.csv", API)
    result = dst.convert(path, "befolkning_0_17", sum_over=["ALDER"], period="K4")
    assert result.rows == [
        ["befolkning_0_17", "Hele landet", "2014", "113000", "Danmarks Statistik, FOLK1A", ""],
        # one age is `..`: the sum is missing, not 400
        ["befolkning_0_17", "Thisted", "2014", "", "Danmarks Statistik, FOLK1A", ""],
    ]
    assert any("Alder i alt" in note for note in result.notes)


def test_api_format_uses_the_total_when_nothing_is_chosen(tmp_path):
    path = write(tmp_path, "FOLK1A.csv", API)
    result = dst.convert(path, "befolkning", period="K4")
    assert [r[1:4] for r in result.rows] == [["Hele landet", "2014", "5659715"],
                                              ["Thisted", "2014", "44000"]]


def test_quarters_need_a_period(tmp_path):
    path = write(tmp_path, "FOLK1A.csv", API)
    with pytest.raises(InputError, match="--periode"):
        dst.convert(path, "befolkning")


def test_several_labels_without_a_choice_are_refused(tmp_path):
    text = "OMRÅDE;ANBRINGELSESSTED;TID;INDHOLD\nThisted;Plejefamilie;2014;40\n" \
           "Thisted;Opholdssted;2014;10\n"
    path = write(tmp_path, "ANBAAR12.csv", text)
    with pytest.raises(InputError) as caught:
        dst.convert(path, "anbragte")
    assert "ANBRINGELSESSTED har flere værdier" in str(caught.value)
    rows = dst.convert(path, "anbringelser_plejefamilie",
                       filters={"ANBRINGELSESSTED": ["plejefamilie"]}).rows
    assert rows == [["anbringelser_plejefamilie", "Thisted", "2014", "40",
                     "Danmarks Statistik, ANBAAR12", ""]]


def test_web_download_in_windows_1252(tmp_path):
    path = write(tmp_path, "download.csv", WEB, encoding="cp1252")
    result = dst.convert(path, "underretninger", areas=["Østervig Kommune", "Hele landet"])
    assert result.rows == [
        ["underretninger", "Hele landet", "2015", "120500", "Danmarks Statistik, UND1", ""],
        ["underretninger", "Hele landet", "2016", "131200", "Danmarks Statistik, UND1", ""],
        ["underretninger", "Østervig", "2015", "1142", "Danmarks Statistik, UND1", ""],
        ["underretninger", "Østervig", "2016", "", "Danmarks Statistik, UND1", ""],
    ]
    assert any("Windows-1252" in note for note in result.notes)


def test_decimal_comma_is_written_for_excel(tmp_path):
    path = write(tmp_path, "X1.csv", "OMRÅDE;TID;INDHOLD\nHele landet;2014;42955,60\n")
    assert dst.convert(path, "skolefravaer").rows[0][3] == "42955,6"


def test_not_a_statbank_file(tmp_path):
    path = write(tmp_path, "x.csv", "a;b\n1;2\n")
    with pytest.raises(InputError, match="x.csv"):
        dst.convert(path, "underretninger")


def test_cli_writes_a_noegletal_csv_the_bundle_can_read(tmp_path):
    source = write(tmp_path, "download.csv", WEB, encoding="cp1252")
    target = tmp_path / "noegletal.csv"
    result = CliRunner().invoke(main, ["import-dst", str(source), "--indikator",
                                       "underretninger", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"\xef\xbb\xbfindikator;omraade;aar;vaerdi;kilde;note")
    table = tables.read_csv(target, tables.SPECS["noegletal"])
    assert list(table.frame["vaerdi"]) == ["120500", "131200", "1142", ""]


def test_cli_error_exits_1_with_the_file_named(tmp_path):
    source = write(tmp_path, "FOLK1A.csv", API)
    result = CliRunner().invoke(main, ["import-dst", str(source), "--indikator",
                                       "befolkning_0_17", "--filter", "KØN=Mænd"])
    assert result.exit_code == 1
    assert "FOLK1A.csv" in result.output and "ukendt variabel KØN" in result.output
    assert "Traceback" not in result.output


def test_cli_notes_an_unknown_indicator(tmp_path):
    source = write(tmp_path, "FOLK1A.csv", API)
    result = CliRunner().invoke(main, ["import-dst", str(source), "--indikator", "befolkning_017",
                                       "--periode", "K4"])
    assert result.exit_code == 0
    assert "mente du 'befolkning_0_17'?" in result.output

"""Hardening (issue 9): a corpus of broken files for every loader, and fuzzing.

Every broken bundle must end in a document (exit 0) or in an InputError (exit 1) whose message
is one line per problem naming the file and the place: never a traceback, a hang, a crash or
unbounded memory. The corpus is generated here into tmp_path; nothing big is committed. Cases
that could hang or crash the interpreter (deep nesting, zip bombs, quadratic regular
expressions) run `validate` in a subprocess under `timeout` and a memory limit.

`python3 tests/test_broken_input.py` prints the corpus as the Markdown table of
docs/hardening.md: each case and the message a user sees.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

from taskforce_report.cli import main  # noqa: E402
from taskforce_report.core.errors import MAX_LINE, InputError  # noqa: E402
from taskforce_report.load import workbook  # noqa: E402
from taskforce_report.load.tables import SPECS, read_csv  # noqa: E402
from taskforce_report.load.yamlfile import parse_yaml, read_yaml  # noqa: E402

# ---- a small valid bundle with every file a loader reads ---------------------------------

NOEGLETAL = """\
indikator;omraade;aar;vaerdi;kilde;note
befolkning_0_17;Åby Kommune;2013;10.000;Danmarks Statistik;
befolkning_0_17;Åby Kommune;2014;10.000;Danmarks Statistik;
befolkning_0_17;Bøgeby Kommune;2013;5000;Danmarks Statistik;
befolkning_0_17;Bøgeby Kommune;2014;5000;Danmarks Statistik;
befolkning_0_17;Hele landet;2013;1.000.000;Danmarks Statistik;
befolkning_0_17;Hele landet;2014;1000000;Danmarks Statistik;
underretninger;Åby Kommune;2013;500;Åby Kommune;
underretninger;Åby Kommune;2014;700;Åby Kommune;
underretninger;Bøgeby Kommune;2013;200;Kommunale nøgletal;
underretninger;Bøgeby Kommune;2014;125;Kommunale nøgletal;
underretninger;Hele landet;2013;55000;Kommunale nøgletal;
underretninger;Hele landet;2014;60000;Kommunale nøgletal;
"""
SAGSGENNEMGANG = """\
sag;kriterium;vurdering;kritik;bemaerkning
S01;bfu_4_mdr;ja;nej;
S02;bfu_4_mdr;nej;ja;Afsluttet efter 6½ måned
S03;bfu_4_mdr;ikke relevant;nej;
S01;underretning_24t;delvist;nej;
"""
SELVEVALUERING = """\
tema;spoergsmaal;vurdering;respondent;kommentar
underretninger;underretninger_haandtering;i nogen grad;;Vi håndterer dem på én måde.
"""
INTERVIEWS = """\
grupper:
  - navn: Socialrådgivere
    antal: 12
    beskrivelse: socialrådgivere fra Modtagelsen
boern:
  antal: 6
  temaer:
    - id: skift
      emne: Skift af socialrådgiver
      antal: 5
      fund: Fem ud af seks har haft flere rådgivere.
"""
KRITERIER = """\
kriterier:
  - id: netvaerksmoede
    tema: boernefaglige_undersoegelser
    krav: Der er afholdt netværksmøde
    kort: Netværksmøde afholdt
    mangel: er der ikke afholdt netværksmøde
"""
SPOERGSMAAL = """\
spoergsmaal:
  - id: egen_sparring
    tema: faglig_ledelse_og_sparring
    spoergsmaal: I hvilken grad er der sparring på tværs?
    saetning: der {grad} er sparring på tværs
"""
INDIKATORER = """\
indikatorer:
  - id: egen_indikator
    titel: Egne tællinger
    navn: antallet af egne tællinger
    enhed: antal
    afsnit: forebyggelse
    naevner: befolkning_0_17
    pr: 1000
"""
FILES = {"noegletal.csv": NOEGLETAL, "sagsgennemgang.csv": SAGSGENNEMGANG,
         "selvevaluering.csv": SELVEVALUERING, "interviews.yaml": INTERVIEWS,
         "kriterier.yaml": KRITERIER, "spoergsmaal.yaml": SPOERGSMAAL,
         "indikatorer.yaml": INDIKATORER}
YAMLS = ["rapport.yaml", "interviews.yaml", "kriterier.yaml", "spoergsmaal.yaml",
         "indikatorer.yaml"]
CSVS = ["noegletal.csv", "sagsgennemgang.csv", "selvevaluering.csv"]


def analysis_bundle(target: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", target)
    for name, text in FILES.items():
        (target / name).write_text(text, encoding="utf-8")
    return target


def status_bundle(target: Path) -> Path:
    shutil.copytree(FIXTURES / "status-mini", target)
    return target


# ---- the ways to break a file ------------------------------------------------------------

JUNK = random.Random(9).randbytes(4096)


def put(name: str, data: bytes | str | Callable[[bytes], bytes | str]):
    def breaker(bundle: Path) -> None:
        path = bundle / name
        value = data(path.read_bytes()) if callable(data) else data
        path.write_bytes(value.encode("utf-8") if isinstance(value, str) else value)
    return breaker


def replace(name: str, old: str, new: str):
    def edit(raw: bytes) -> str:
        text = raw.decode("utf-8")
        assert old in text, (name, old)
        return text.replace(old, new, 1)
    return put(name, edit)


def append(name: str, line: str):
    return put(name, lambda raw: raw.decode("utf-8") + line + "\n")


def truncated_in_a_letter(raw: bytes) -> bytes:
    """Cut after the first byte of the last two-byte letter (æ, ø, å, ½)."""
    last = max(i for i, byte in enumerate(raw) if byte >= 0xC2)
    return raw[: last + 1]


def with_latin1_line(raw: bytes) -> bytes:
    return raw + "# Ærø og Åbenrå\n".encode("latin-1")


def without_bom(codec: str):
    return lambda raw: raw.decode("utf-8").encode(codec)


def ansi(raw: bytes) -> bytes:
    return raw.replace("Åby".encode(), b"\x1b[31mX\x1b[0m\x07", 1) if "Åby".encode() in raw \
        else raw.replace(b"\n", b"\x1b[2J\n", 1)


DEEP_FLOW = "[" * 10_000 + "]" * 10_000
DEEP_MAP = "{a: " * 10_000 + "1" + "}" * 10_000
BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi",
                                                               strict=True))


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    change(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def sheet_xml(edit: Callable[[str], str]):
    def change(files: dict[str, bytes]) -> None:
        name = "xl/worksheets/sheet1.xml"
        files[name] = edit(files[name].decode()).encode()
    return change


NT = [["indikator", "omraade", "aar", "vaerdi", "kilde"],
      ["befolkning_0_17", "Åby Kommune", 2013, 10000, "DST"],
      ["underretninger", "Åby Kommune", 2013, 500, "DST"]]
SAG = [["sag", "kriterium", "vurdering"], ["S01", "bfu_4_mdr", "ja"],
       ["S02", "bfu_4_mdr", "nej"]]


def workbook_only(data: bytes | Callable[[], bytes]):
    """The bundle's tables as data.xlsx alone (its CSV files removed)."""
    def breaker(bundle: Path) -> None:
        for name in ("noegletal.csv", "sagsgennemgang.csv"):
            (bundle / name).unlink()
        (bundle / "data.xlsx").write_bytes(data() if callable(data) else data)
    return breaker


def formulas_without_results() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "noegletal"
    for row in (NT[0], ["underretninger", "Åby Kommune", 2013, "=1/0", "DST"]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cached_errors() -> bytes:
    def edit(xml: str) -> str:
        xml = re.sub(r'<c r="D2"[^>]*>.*?</c>', '<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
                     xml)
        return re.sub(r'<c r="D3"[^>]*>.*?</c>', '<c r="D3" t="e"><v>#N/A</v></c>', xml)
    return rezip(xlsx({"noegletal": NT}), sheet_xml(edit))


def impossible_iso_date() -> bytes:
    return rezip(xlsx({"noegletal": NT}), sheet_xml(lambda xml: re.sub(
        r'<c r="C2"[^>]*>.*?</c>', '<c r="C2" t="d"><v>9999-99-99T00:00:00</v></c>', xml)))


def serial_date_out_of_range() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "noegletal"
    for row in NT:
        sheet.append(row)
    sheet["C2"].value = 1e12
    sheet["C2"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def far_away_cell() -> bytes:
    """A stray cell in the sheet's last row and column: read naively, 17 billion cells."""
    def edit(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                           "<is><t>x</t></is></c></row></sheetData>")
    return rezip(xlsx({"noegletal": NT}), sheet_xml(edit))


def zip_bomb() -> bytes:
    """A valid workbook plus a member of 210 MB of zeros (200 KB packed)."""
    out = io.BytesIO(xlsx({"noegletal": NT}))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/fyld.bin", "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(210):
                member.write(block)
    return out.getvalue()


def entity_bomb() -> bytes:
    entities = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {b} "{f"&{a};" * 10}">' for a, b in zip("abcdefghi", "bcdefghij",
                                                          strict=True)) + "]>"
    return rezip(xlsx({"noegletal": NT}), sheet_xml(
        lambda xml: xml.replace("?>", "?>" + entities, 1).replace("<t>DST</t>", "<t>&j;</t>")))


def many_unknown_keys(n: int) -> str:
    return "".join(f"k{i}: v\n" for i in range(n))


# ---- the corpus ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # the class of bad input, for docs/hardening.md
    file: str  # the file the message must name
    breaks: Callable[[Path], None]
    exit: int = 1
    says: str = ""  # a part of the message (exit 1) or of the output (exit 0)
    status: bool = False  # a status-report bundle instead of an analysis report
    isolated: bool = False  # could hang or crash: a subprocess under timeout and ulimit


def _generic() -> list[Case]:
    cases = []
    for name in YAMLS + CSVS:
        yaml_file = name.endswith(".yaml")
        empty = (Case(name + ": tom fil", "tom fil", name, put(name, b""),
                      says="forventede en samling af nøgler") if name == "rapport.yaml" else
                 Case(name + ": tom fil", "tom fil", name, put(name, b""), exit=0)
                 if yaml_file else
                 Case(name + ": tom fil", "tom fil", name, put(name, b""), says="filen er tom"))
        cases += [
            empty,
            Case(name + ": afkortet midt i et bogstav", "afkortet fil", name,
                 put(name, truncated_in_a_letter),
                 says="ikke UTF-8" if yaml_file else "blander UTF-8 og Windows-1252"),
            Case(name + ": UTF-16 med BOM", "UTF-16", name, put(name, without_bom("utf-16")),
                 exit=0),
            Case(name + ": UTF-16 uden BOM", "UTF-16", name,
                 put(name, without_bom("utf-16-le")), says="binære data"),
            Case(name + ": Latin-1 med æøå", "Latin-1", name, put(name, without_bom("latin-1")),
                 **({"says": "filen er ikke UTF-8"} if yaml_file else
                    {"exit": 0, "says": "læst som Windows-1252"})),
            Case(name + ": blandet UTF-8 og Latin-1", "blandet kodning", name,
                 put(name, with_latin1_line),
                 says="ikke UTF-8" if yaml_file else "blander UTF-8 og Windows-1252"),
            Case(name + ": binært skrald", "binære data", name, put(name, JUNK),
                 says="binære data"),
            Case(name + ": binært skrald uden NUL", "binære data", name,
                 put(name, JUNK.replace(b"\x00", b"\x01")),
                 says="ikke UTF-8" if yaml_file else "binære data"),
            Case(name + ": terminal-escape og BEL", "kontroltegn", name, put(name, ansi),
                 says="er ikke tilladt" if yaml_file else "\\x1b"),
        ]
    return cases


def _yaml() -> list[Case]:
    cases = []
    for name in YAMLS:
        mapping_error = ("forventede en samling af nøgler" if name == "rapport.yaml" else
                         "forventede en samling af nøgler, fandt")
        first_line = FILES.get(name, "dokument: analyserapport\n").splitlines()[0]
        cases += [
            Case(name + ": en liste i stedet for nøgler", "liste/skalar i stedet for nøgler",
                 name, put(name, "- a\n- b\n"), says=mapping_error),
            Case(name + ": en skalar i stedet for nøgler", "liste/skalar i stedet for nøgler",
                 name, put(name, "bare tekst\n"), says=mapping_error),
            Case(name + ": dobbelt nøgle", "dobbelte nøgler", name,
                 put(name, lambda raw, line=first_line: raw.decode() + line + "\n"),
                 says="står to gange"),
            Case(name + ": billion laughs", "YAML-bombe (aliaser)", name,
                 put(name, BILLION_LAUGHS), says="YAML-aliaser"),
            Case(name + ": [[[[ 10.000 niveauer", "dyb indlejring", name, put(name, DEEP_FLOW),
                 says="for dybt indlejret"),
            Case(name + ": {a: {a: 10.000 niveauer", "dyb indlejring", name,
                 put(name, DEEP_MAP), says="for dybt indlejret"),
            Case(name + ": 5.000 cifre", "kæmpetal", name, put(name, "a: " + "9" * 5000 + "\n"),
                 says="dokument: forventede" if name == "rapport.yaml" else "ukendt nøgle"),
            Case(name + ": Python-tag", "YAML-tags", name,
                 put(name, "!!python/object/apply:os.system ['echo hej']\n"),
                 says="er ikke tilladt; skriv værdien"),
            Case(name + ": to dokumenter", "flere YAML-dokumenter", name,
                 put(name, lambda raw: raw.decode() + "---\na: 1\n"),
                 says="flere YAML-dokumenter"),
            Case(name + ": over 5 mio. tegn", "kæmpefil", name,
                 put(name, "a: " + "x" * 5_100_000 + "\n"), says="filen er for stor"),
            Case(name + ": 120.000 nøgler", "for mange værdier", name,
                 put(name, many_unknown_keys(120_000)), says="for mange værdier"),
        ]
    return cases


def _isolated() -> list[Case]:
    """What used to crash the interpreter, hang, or grow without bound."""
    return [
        Case("rapport.yaml: [ × 1.000.000", "dyb indlejring", "rapport.yaml",
             put("rapport.yaml", "[" * 1_000_000), says="for dybt indlejret", isolated=True),
        Case("rapport.yaml: '- ' × 100.000", "dyb indlejring", "rapport.yaml",
             put("rapport.yaml", "- " * 100_000 + "x\n"), says="for dybt indlejret",
             isolated=True),
        Case("interviews.yaml: 45.000 ukendte nøgler", "for mange fejl", "interviews.yaml",
             put("interviews.yaml", many_unknown_keys(45_000)), says="fejl mere",
             isolated=True),
        Case("rapport.yaml: resume på 1 MB uden mellemrum", "kæmpecelle", "rapport.yaml",
             replace("rapport.yaml", "resume: |", "resume: " + "a" * 1_000_000 + "\nx: |"),
             says="x: ukendt nøgle", isolated=True),
        Case("noegletal.csv: note på 130.000 tegn", "kæmpecelle", "noegletal.csv",
             append("noegletal.csv", "underretninger;Åby Kommune;2012;1;k;" + "a" * 130_000),
             exit=0, isolated=True),
        Case("data.xlsx: celle i XFD1048576", "fjern celle i regnearket", "data.xlsx",
             workbook_only(far_away_cell), exit=0, isolated=True),
        Case("data.xlsx: zip-bombe (210 MB udpakket)", "zip-bombe", "data.xlsx",
             workbook_only(zip_bomb), says="udpakket", isolated=True),
    ]


def _rapport() -> list[Case]:
    r = "rapport.yaml"
    date = "dato: 2016-03-01"
    return [
        Case(r + ": dato 0000-01-01", "dato uden for området", r,
             replace(r, date, "dato: 0000-01-01"),
             says="dato: forventede en dato"),
        Case(r + ": dato 9999-99-99", "dato uden for området", r,
             replace(r, date, "dato: 9999-99-99"),
             says="dato: forventede en dato"),
        Case(r + ": dato 1850-01-01", "dato uden for området", r,
             replace(r, date, "dato: 1850-01-01"),
             says="ligger uden for årene 1990–2099"),
        Case(r + ": dato 9999-12-31", "dato uden for området", r,
             replace(r, date, "dato: 9999-12-31"),
             says="ligger uden for årene"),
        Case(r + ": klokkeslæt 25:61", "dato uden for området", r,
             replace(r, date, "dato: 2016-03-01 25:61:00"), says="dato: forventede en dato"),
        Case(r + ": dokument er en liste", "forkert type", r,
             replace(r, "dokument: analyserapport", "dokument: [analyserapport]"),
             says="dokument: forventede en af"),
        Case(r + ": kommune er en liste", "forkert type", r,
             replace(r, "kommune: Åby Kommune", "kommune: [Åby]"), says="forventede tekst"),
        Case(r + ": mål .inf", "uendelige tal", r,
             append(r, "noegletal: {maal: {underretninger: .inf}}"), says="endeligt tal"),
        Case(r + ": mål .nan", "uendelige tal", r,
             append(r, "noegletal: {maal: {underretninger: .nan}}"), says="endeligt tal"),
        Case(r + ": linjeskift og escape i en nøgle", "kontroltegn", r,
             append(r, '"ab\\ncd\\e[31m": 1'), says="værdien rummer tegnet U+001B"),
        Case(r + ": 5.000 cifre som dato", "kæmpetal", r, replace(r, date, "dato: " + "9" * 5000),
             says="dato: forventede en dato"),
    ]


def _other_yaml() -> list[Case]:
    i, k, s, n = "interviews.yaml", "kriterier.yaml", "spoergsmaal.yaml", "indikatorer.yaml"
    return [
        Case(i + ": negativt antal", "negative tal", i, replace(i, "antal: 12", "antal: -12"),
             says="skal være mindst 1"),
        Case(i + ": antal som tekst", "tekst i stedet for tal", i,
             replace(i, "antal: 12", "antal: tolv"), says="forventede et heltal"),
        Case(i + ": antal 1,5", "tekst i stedet for tal", i,
             replace(i, "antal: 12", "antal: 1.5"), says="forventede et heltal"),
        Case(i + ": antal med 5.000 cifre", "kæmpetal", i,
             replace(i, "antal: 12", "antal: " + "9" * 5000), says="forventede et heltal"),
        Case(i + ": emne to gange", "dobbelte rækker", i,
             replace(i, "  temaer:\n", "  temaer:\n    - {id: skift, emne: x, fund: y}\n"),
             says="emnet 'skift' står to gange"),
        Case(k + ": id to gange", "dobbelte rækker", k,
             put(k, KRITERIER + KRITERIER.split("\n", 1)[1]), says="står to gange"),
        Case(k + ": katalogets id", "dobbelte rækker", k,
             replace(k, "id: netvaerksmoede", "id: bfu_4_mdr"), says="findes allerede"),
        Case(s + ": id to gange", "dobbelte rækker", s,
             put(s, SPOERGSMAAL + SPOERGSMAAL.split("\n", 1)[1]), says="står to gange"),
        Case(n + ": id to gange", "dobbelte rækker", n,
             put(n, INDIKATORER + INDIKATORER.split("\n", 1)[1]), says="findes allerede"),
        Case(n + ": pr 0", "negative tal", n, replace(n, "pr: 1000", "pr: 0"),
             says="skal være mindst 1"),
        Case(i + ": e-mailadresse i et fund", "personoplysninger", i,
             replace(i, "Fem ud af seks", "Skriv til jens@fjordlund.dk. Fem ud af seks"),
             says="boern.temaer[0].fund: indeholder en e-mailadresse"),
        Case(k + ": CPR-nummer i et krav", "personoplysninger", k,
             replace(k, "krav: Der er afholdt netværksmøde", "krav: Møde med 010203-1234"),
             says="kriterier[0].krav: ligner et CPR-nummer ('010203-XXXX')"),
        Case(n + ": CPR-nummer i en titel", "personoplysninger", n,
             replace(n, "titel: Egne tællinger", "titel: Egne tællinger 0102031234"),
             says="indikatorer[0].titel: ligner et CPR-nummer"),
    ]


def _csv() -> list[Case]:
    n, s, e = "noegletal.csv", "sagsgennemgang.csv", "selvevaluering.csv"
    row = "underretninger;Åby Kommune;2012;{};Åby Kommune;"
    year = "underretninger;Åby Kommune;{};1;Åby Kommune;"

    def columns(keep: Callable[[list[str]], list[str]]):
        return put(n, lambda raw: "\n".join(";".join(keep(line.split(";")))
                                            for line in raw.decode().splitlines()) + "\n")

    return [
        Case(n + ": kolonnen vaerdi mangler", "manglende kolonne", n,
             columns(lambda c: c[:3] + c[4:]), says="kolonnen 'vaerdi' mangler"),
        Case(n + ": ekstra kolonne", "ekstra kolonner", n, columns(lambda c: c + ["x"]),
             says="ukendt kolonne 'x'"),
        Case(n + ": række med for mange felter", "ekstra kolonner", n,
             append(n, row.format(1) + ";ekstra;felter"), says="har 8 felter"),
        Case(n + ": række med for få felter", "manglende kolonne", n,
             append(n, "underretninger;Åby Kommune"), says="årstal mangler"),
        Case(n + ": samme række to gange", "dobbelte rækker", n,
             append(n, "underretninger;Åby Kommune;2014;700;Åby Kommune;"),
             says="står også i række 9"),
        Case(n + ": negativt tal", "negative tal", n, append(n, row.format(-5)),
             says="negativt tal"),
        Case(n + ": tekst som tal", "tekst i stedet for tal", n, append(n, row.format("mange")),
             says="forventede et tal"),
        Case(n + ": Infinity", "uendelige tal", n, append(n, row.format("Infinity")),
             says="forventede et tal"),
        Case(n + ": 1e400", "uendelige tal", n, append(n, row.format("1e400")),
             says="for stort til at regne med"),
        Case(n + ": år 0", "dato uden for området", n, append(n, year.format(0)),
             says="forventede et årstal"),
        Case(n + ": år 9999", "dato uden for området", n, append(n, year.format(9999)),
             says="forventede et årstal"),
        Case(n + ": år 1850", "dato uden for området", n, append(n, year.format(1850)),
             says="forventede et årstal"),
        Case(n + ": år 9999-99-99", "dato uden for området", n,
             append(n, year.format("9999-99-99")), says="forventede et årstal"),
        Case(n + ": kun overskrift", "tom tabel", n,
             put(n, "indikator;omraade;aar;vaerdi;kilde\n"), exit=0),
        Case(n + ": celle på 10 MB", "kæmpecelle", n,
             append(n, row.format(1) + "k" * 10_000_000), says="længere end 131.072 tegn"),
        Case(n + ": uafsluttet anførselstegn", "afkortet fil", n,
             append(n, 'underretninger;"Åby Kommune;2012;1;k;'), says="ukendt område"),
        Case(n + ": linjeskift i en celle", "kontroltegn", n,
             append(n, 'underretninger;"Åby\nKommune";2012;1;k;'), exit=0),
        Case(n + ": tabulator som skilletegn", "skilletegn", n,
             put(n, lambda raw: raw.replace(b";", b"\t")), exit=0),
        Case(n + ": komma som skilletegn", "skilletegn", n,
             put(n, lambda raw: raw.replace(b";", b",")), exit=0),
        Case(n + ": Excels Unicode-tekst (UTF-16, tabulator)", "UTF-16", n,
             put(n, lambda raw: raw.decode().replace(";", "\t").replace("\n", "\r\n")
                 .encode("utf-16")), exit=0),
        Case(n + ": kolonne to gange", "dobbelte rækker", n,
             put(n, lambda raw: raw.decode().replace("note", "kilde", 1)),
             says="kolonnen 'kilde' står to gange"),
        Case(n + ": 5.000 dobbelte rækker", "for mange fejl", n,
             put(n, "indikator;omraade;aar;vaerdi;kilde\n"
                 + "underretninger;Åby Kommune;2014;1;k\n" * 5000), says="… og flere"),
        Case(n + ": en værdi under en tom overskrift", "ekstra kolonner", n,
             put(n, lambda raw: raw.decode().replace("note\n", "note;\n", 1)
                 + row.format(1) + ";ekstra\n"), says="som ingen overskrift har"),
        Case(n + ": CPR-nummer i en note", "personoplysninger", n,
             append(n, row.format(1) + "Barnet 010203-1234"), says="ligner et CPR-nummer"),
        Case(s + ": kolonnen vurdering mangler", "manglende kolonne", s,
             put(s, "sag;kriterium\nS01;bfu_4_mdr\n"), says="kolonnen 'vurdering' mangler"),
        Case(s + ": samme sag og kriterium to gange", "dobbelte rækker", s,
             append(s, "S01;bfu_4_mdr;ja;nej;"), says="allerede vurderet"),
        Case(s + ": ukendte værdier", "tekst i stedet for tal", s,
             append(s, "S09;bfu_4mdr;måske;kanske;"), says="mente du 'bfu_4_mdr'"),
        Case(s + ": negative værdier", "negative tal", s, append(s, "-1;bfu_4_mdr;-1;-1;"),
             says="'-1' er ikke en gyldig vurdering"),
        Case(s + ": CPR-nummer som sag", "personoplysninger", s,
             append(s, "010203-1234;bfu_4_mdr;ja;nej;"), says="ligner et CPR-nummer"),
        Case(s + ": linjeskift i vurdering", "kontroltegn", s,
             append(s, 'S09;bfu_4_mdr;"ja\nnej";nej;'), says="'ja⏎nej'"),
        Case(s + ": kun overskrift", "tom tabel", s, put(s, "sag;kriterium;vurdering\n"),
             exit=0),
        Case(s + ": værdi på 120.000 tegn", "kæmpecelle", s,
             append(s, "S09;bfu_4_mdr;" + "j" * 120_000 + ";nej;"), says="tegn udeladt"),
        Case(s + ": 5.000 forkerte rækker", "for mange fejl", s,
             put(s, "sag;kriterium;vurdering\n" + "S;x;y\n" * 5000), says="… og flere"),
        Case(e + ": spørgsmål under forkert tema", "forkert type", e,
             append(e, "handleplan;underretninger_haandtering;i høj grad;x;"),
             says="hører til temaet"),
        Case(e + ": samme svar to gange", "dobbelte rækker", e,
             append(e, "underretninger;underretninger_haandtering;i nogen grad;;"),
             says="allerede besvaret"),
        Case(e + ": kolonnen spoergsmaal mangler", "manglende kolonne", e,
             put(e, "tema;vurdering\nunderretninger;i høj grad\n"),
             says="kolonnen 'spoergsmaal' mangler"),
    ]


def _status() -> list[Case]:
    t, r = "ledelsestilsyn.csv", "rapport.yaml"
    return [Case(f"status: {c.id}", c.kind, c.file, c.breaks, c.exit, c.says, status=True)
            for c in [
        Case(t + ": tom fil", "tom fil", t, put(t, b""), says="filen er tom"),
        Case(t + ": UTF-16 med BOM", "UTF-16", t, put(t, without_bom("utf-16")), exit=0),
        Case(t + ": binært skrald", "binære data", t, put(t, JUNK), says="binære data"),
        Case(t + ": runde 0000-01", "dato uden for området", t,
             append(t, "0000-01;A9;samtale;ja"), says="'0000-01' er ikke en måned"),
        Case(t + ": runde 9999-99", "dato uden for området", t,
             append(t, "9999-99;A9;samtale;ja"), says="'9999-99' er ikke en måned"),
        Case(t + ": runde 1850-01", "dato uden for området", t,
             append(t, "1850-01;A9;samtale;ja"), says="'1850-01' er ikke en måned"),
        Case(t + ": samme vurdering to gange", "dobbelte rækker", t,
             append(t, "2021-06;A1;samtale;ja"), says="allerede vurderet"),
        Case(t + ": kolonnen vurdering mangler", "manglende kolonne", t,
             put(t, "runde;sag;kriterium\n2021-06;A1;samtale\n"),
             says="kolonnen 'vurdering' mangler"),
        Case(t + ": række med for mange felter", "ekstra kolonner", t,
             append(t, "2021-06;A7;samtale;ja;x;y"), says="har 6 felter"),
        Case(r + ": milepæl 0000-08", "dato uden for området", r,
             replace(r, "maaned: 2021-08", "maaned: 0000-08"), says="ligger uden for årene"),
        Case(r + ": milepæl 1850-08", "dato uden for området", r,
             replace(r, "maaned: 2021-08", "maaned: 1850-08"), says="ligger uden for årene"),
        Case(r + ": negativ procent", "negative tal", r,
             replace(r, "procent: 100", "procent: -100"), says="skal være mindst 0"),
        Case(r + ": møde i år 0", "dato uden for området", r,
             replace(r, "moede: 2021-10-20", "moede: 0000-10-20"),
             says="notat.moede: forventede en dato"),
    ]]


def _workbook() -> list[Case]:
    x = "data.xlsx"
    return [
        Case(x + ": gyldig", "regneark", x, workbook_only(lambda: xlsx({"noegletal": NT,
                                                                        "sagsgennemgang": SAG})),
             exit=0),
        Case(x + ": tom fil", "tom fil", x, workbook_only(b""), says="ikke en gyldig .xlsx-fil"),
        Case(x + ": ikke en zip", "regneark der ikke er en zip", x,
             workbook_only(SAGSGENNEMGANG.encode()), says="ikke en gyldig .xlsx-fil"),
        Case(x + ": binært skrald", "binære data", x, workbook_only(JUNK),
             says="ikke en gyldig .xlsx-fil"),
        Case(x + ": afkortet", "afkortet fil", x,
             workbook_only(lambda: xlsx({"noegletal": NT})[:1500]),
             says="ikke en gyldig .xlsx-fil"),
        Case(x + ": en zip, men ingen projektmappe", "regneark der ikke er en zip", x,
             workbook_only(lambda: rezip(xlsx({"noegletal": NT}), lambda f: [
                 f.pop(k) for k in list(f) if k != "xl/workbook.xml"])),
             says="kan ikke læses som Excel-projektmappe"),
        Case(x + ": ødelagt ark-XML", "afkortet fil", x,
             workbook_only(lambda: rezip(xlsx({"noegletal": NT}), lambda f: f.__setitem__(
                 "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>"))),
             says="kan ikke læses"),
        Case(x + ": arket mangler i zip-filen", "afkortet fil", x,
             workbook_only(lambda: rezip(xlsx({"noegletal": NT}),
                                         lambda f: f.pop("xl/worksheets/sheet1.xml"))),
             says="dets indhold mangler"),
        Case(x + ": formler uden gemt resultat", "formler og Excel-fejl", x,
             workbook_only(formulas_without_results), says="intet gemt resultat"),
        Case(x + ": #DIV/0! og #N/A", "formler og Excel-fejl", x, workbook_only(cached_errors),
             says="Excel-fejlen #DIV/0!"),
        Case(x + ": dato 9999-99-99 i en celle", "dato uden for området", x,
             workbook_only(impossible_iso_date), says="arket kan ikke læses"),
        Case(x + ": datoserienummer uden for området", "dato uden for området", x,
             workbook_only(serial_date_out_of_range), says="Excel-fejlen #VALUE!"),
        Case(x + ": 1850 som år", "dato uden for området", x,
             workbook_only(lambda: xlsx({"noegletal": [
                 *NT, ["underretninger", "Åby Kommune", __import__("datetime").date(1850, 1, 1),
                       1, "k"]]})), says="forventede et årstal"),
        Case(x + ": XML-entitetsbombe", "XML-bombe (entiteter)", x, workbook_only(entity_bomb),
             says="arket kan ikke læses"),
        Case(x + ": kun overskrift", "tom tabel", x,
             workbook_only(lambda: xlsx({"noegletal": [NT[0]]})), exit=0),
        Case(x + ": kolonne mangler", "manglende kolonne", x,
             workbook_only(lambda: xlsx({"noegletal": [r[:3] for r in NT]})),
             says="kolonnen 'vaerdi' mangler"),
        Case(x + ": værdi uden overskrift", "ekstra kolonner", x,
             workbook_only(lambda: xlsx({"noegletal": [
                 *NT, ["underretninger", "Åby Kommune", 2014, 1, "k", None, "x"]]})),
             says="noegletal!G4"),
        Case(x + ": samme række to gange", "dobbelte rækker", x,
             workbook_only(lambda: xlsx({"noegletal": [*NT, NT[2]]})), says="står også i række"),
        Case(x + ": negativt tal", "negative tal", x,
             workbook_only(lambda: xlsx({"noegletal": [
                 *NT, ["underretninger", "Åby Kommune", 2014, -1, "k"]]})),
             says="noegletal!D4: negativt tal"),
        Case(x + ": samme tabel som CSV og ark", "dobbelte rækker", x,
             lambda bundle: (bundle / "data.xlsx").write_bytes(xlsx({"sagsgennemgang": SAG})),
             says="findes både som sagsgennemgang.csv"),
    ]


CASES = _generic() + _yaml() + _rapport() + _other_yaml() + _csv() + _status() + _workbook()
ISOLATED = _isolated()


# ---- the invariant -------------------------------------------------------------------------


def assert_told(exit_code: int, output: str, file: str | None = None) -> None:
    """Exit 0 with a valid bundle, or exit 1 with one line per problem naming its file."""
    assert "Traceback" not in output, output[-3000:]
    assert exit_code in (0, 1), (exit_code, output[-3000:])
    if exit_code == 0:
        return
    message = output[output.index("Fejl: "):] if "Fejl: " in output else output
    lines = message.rstrip("\n").split("\n")
    assert lines[0].startswith("Fejl: "), message[:500]
    if re.match(r"Fejl: \d+ fejl i input:$", lines[0]):
        problems = lines[1:]
        assert all(p.startswith(("  - ", "  … ")) for p in problems), message[:2000]
    else:
        problems = [lines[0]]
        assert len(lines) == 1, message[:2000]
    for problem in problems:
        assert len(problem) <= MAX_LINE + 20, problem[:200]
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", problem), repr(problem[:200])
    if file is not None:
        assert file in message, message[:1000]


def make_bundle(tmp: Path, case: Case) -> Path:
    bundle = status_bundle(tmp / "bundt") if case.status else analysis_bundle(tmp / "bundt")
    case.breaks(bundle)
    return bundle


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_file_is_told_in_one_line_per_problem(case: Case, tmp_path):
    bundle = make_bundle(tmp_path, case)
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert_told(result.exit_code, result.output, case.file)
    assert result.exit_code == case.exit, result.output[-2000:]
    if case.says:
        assert case.says in result.output, result.output[-2000:]
    if result.exit_code == 0:
        assert "gyldigt bundt" in result.output


def run_isolated(bundle: Path, *args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    """`taskforce-report validate` in its own process, killed after `timeout` seconds and
    refused more than 3 GB of address space: a hang is exit 124, a crash a signal."""
    command = (f"ulimit -v 3000000; exec timeout {timeout} {sys.executable} -m "
               f"taskforce_report {' '.join(args) or 'validate'} '{bundle}'")
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                          errors="replace", cwd=ROOT)


def test_what_could_hang_or_crash_is_told_in_time(tmp_path):
    """Run side by side (two at a time): each once crashed, hung or grew without bound."""
    bundles = []
    for i, case in enumerate(ISOLATED):
        bundles.append((case, make_bundle(tmp_path / str(i), case)))
    pending = list(bundles)
    while pending:
        batch, pending = pending[:2], pending[2:]
        running = []
        for case, bundle in batch:
            command = (f"ulimit -v 3000000; exec timeout 60 {sys.executable} -m taskforce_report "
                       f"validate '{bundle}'")
            running.append((case, subprocess.Popen(
                ["bash", "-c", command], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, errors="replace", cwd=ROOT)))
        for case, process in running:
            out, err = process.communicate()
            assert process.returncode != 124, f"{case.id}: no answer within 60 s"
            assert process.returncode >= 0, f"{case.id}: killed by signal {-process.returncode}"
            assert_told(process.returncode, out + err, case.file)
            assert process.returncode == case.exit, (case.id, (out + err)[-1500:])
            assert case.says in out + err, (case.id, (out + err)[-1500:])


def test_sheet_rows_beyond_the_limit_are_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 10)
    bundle = analysis_bundle(tmp_path / "bundt")
    workbook_only(lambda: xlsx({"noegletal": NT + [NT[2]] * 20}))(bundle)
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    assert_told(result.exit_code, result.output, "data.xlsx")
    assert "noegletal!række 11: arket har indhold i række 11; højst 10 rækker" in result.output


# ---- a few builds on tiny bundles --------------------------------------------------------


def test_odd_but_valid_encodings_build_a_pdf(tmp_path):
    """UTF-16 with tabs, Windows-1252 and UTF-8 with BOM in one bundle: a document."""
    bundle = analysis_bundle(tmp_path / "bundt")
    put("noegletal.csv", lambda raw: raw.decode().replace(";", "\t").encode("utf-16"))(bundle)
    put("sagsgennemgang.csv", without_bom("cp1252"))(bundle)
    put("interviews.yaml", without_bom("utf-8-sig"))(bundle)
    result = CliRunner().invoke(main, ["build", str(bundle), "-o", str(tmp_path / "ud"), "-q"])
    assert_told(result.exit_code, result.output)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ud" / "analyserapport.pdf").stat().st_size > 10_000


def test_build_of_a_broken_bundle_writes_nothing(tmp_path):
    bundle = analysis_bundle(tmp_path / "bundt")
    put("rapport.yaml", DEEP_FLOW)(bundle)
    result = run_isolated(bundle, "build", "-o", str(tmp_path / "ud"))
    assert_told(result.returncode, result.stdout + result.stderr, "rapport.yaml")
    assert result.returncode == 1
    assert not (tmp_path / "ud").exists() or not any((tmp_path / "ud").iterdir())


# ---- fuzzing: the loaders take any bytes ---------------------------------------------------

# TASKFORCE_FUZZ=10 runs every fuzz test ten times as long (a deeper search before a release)
DEPTH = int(os.environ.get("TASKFORCE_FUZZ", "1"))
FUZZ = settings(max_examples=80 * DEPTH, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CSV_TEXT = st.lists(st.sampled_from(list(';,\t"\n\r aæøå1.-') + ["sag", "kriterium",
                                                                    "vurdering", "ja"]),
                    max_size=150).map("".join)


def _problem_lines(error: InputError) -> None:
    assert_told(1, f"Fejl: {error.format_message()}")


@FUZZ
@given(data=st.binary(max_size=2000), name=st.sampled_from(sorted(SPECS)))
def test_csv_reader_takes_any_bytes(data, name):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.csv"
        path.write_bytes(data)
        try:
            read_csv(path, SPECS[name])
        except InputError as error:
            _problem_lines(error)
            assert all(p.file == path.name for p in error.problems)


@FUZZ
@given(text=CSV_TEXT, bom=st.sampled_from(["", "\ufeff"]),
       codec=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_csv_reader_takes_any_text(text, bom, codec):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sagsgennemgang.csv"
        path.write_bytes((bom + "sag;kriterium;vurdering\n" + text).encode(codec, "replace"))
        try:
            table = read_csv(path, SPECS["sagsgennemgang"])
        except InputError as error:
            _problem_lines(error)
        else:
            assert {"sag", "kriterium", "vurdering"} <= set(table.frame.columns)


YAML_TEXT = st.lists(st.sampled_from(list("[]{}:-,&*!?'\"\n #|>%@`\t\\") +
                                     ["a", "1", "æ", "2016-03-01", "9999-99-99", "!!binary",
                                      "<<", "~", ".inf", "\x00", "\x1b"]),
                     max_size=120).map("".join)


@FUZZ
@given(text=st.one_of(st.text(max_size=300), YAML_TEXT))
def test_yaml_parser_takes_any_text(text):
    try:
        parse_yaml(text, "rapport.yaml")
    except InputError as error:
        _problem_lines(error)
        assert all(p.file == "rapport.yaml" for p in error.problems)


@FUZZ
@given(data=st.binary(max_size=1000))
def test_yaml_reader_takes_any_bytes(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "interviews.yaml"
        path.write_bytes(data)
        try:
            read_yaml(path, "interviews.yaml")
        except InputError as error:
            _problem_lines(error)


# ---- fuzzing the whole of validate: rows that nearly make sense --------------------------

SOME = settings(max_examples=30 * DEPTH, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
JUNK_CELL = st.text(max_size=12)
NUMBER = st.one_of(st.integers(-10**6, 10**12).map(str), st.floats(allow_nan=True).map(str),
                   st.sampled_from(["", "..", "1.142", "11,6", "1.142,5", "-0", "1e400", "–"]),
                   JUNK_CELL)


def _validate_rows(header: str, rows: list[list[str]], name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "bundt"
        shutil.copytree(FIXTURES / "mini", bundle)
        (bundle / name).write_text(header + "\n" + "\n".join(
            ";".join(c.replace(";", ",").replace("\n", " ").replace('"', "'") for c in row)
            for row in rows) + "\n", encoding="utf-8", errors="replace")
        result = CliRunner().invoke(main, ["validate", str(bundle)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert_told(result.exit_code, result.output)


@SOME
@given(rows=st.lists(st.tuples(
    st.sampled_from(["befolkning_0_17", "underretninger", "anbragte", "omgoerelser",
                     "anbringelser_plejefamilie", "anbringelser_opholdssted",
                     "udgifter_udsatte_boern", "sager_pr_sagsbehandler"]) | JUNK_CELL,
    st.sampled_from(["Åby Kommune", "Bøgeby", "Hele landet", "Landsgennemsnit"]) | JUNK_CELL,
    st.integers(1895, 2105).map(str) | JUNK_CELL, NUMBER, st.sampled_from(["DST", ""])),
    max_size=25))
def test_validate_takes_any_key_figure_rows(rows):
    _validate_rows("indikator;omraade;aar;vaerdi;kilde", [list(r) for r in rows],
                   "noegletal.csv")


@SOME
@given(rows=st.lists(st.tuples(
    st.sampled_from(["S1", "S2", "S3", "010203-1234"]) | JUNK_CELL,
    st.sampled_from(["bfu_4_mdr", "underretning_24t", "samlet_vurdering"]) | JUNK_CELL,
    st.sampled_from(["ja", "nej", "delvist", "ikke relevant", "Ikke_Relevant"]) | JUNK_CELL,
    st.sampled_from(["baseline", "status", ""]) | JUNK_CELL,
    st.sampled_from(["ja", "nej", ""]) | JUNK_CELL), max_size=25))
def test_validate_takes_any_case_review_rows(rows):
    _validate_rows("sag;kriterium;vurdering;runde;kritik", [list(r) for r in rows],
                   "sagsgennemgang.csv")


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                   st.floats(allow_nan=True), st.text(max_size=20), st.dates(),
                   st.sampled_from(["2016-03-01", "9999-99-99", "1850-01-01", ".inf", "[a]"]))


@SOME
@given(values=st.dictionaries(
    st.sampled_from(["dokument", "kommune", "dato", "referencegruppe", "dataindsamling",
                     "resume", "anbefalinger", "temaer", "noegletal", "sagsgennemgang", "skjul",
                     "koncept", "tema", "titel"]),
    st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(st.sampled_from(["fra", "til", "maal", "underretninger",
                                                    "styrker", "tal", "x"]), inner,
                                   max_size=3), max_leaves=8), max_size=8))
def test_validate_takes_any_report_values(values):
    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "bundt"
        shutil.copytree(FIXTURES / "mini", bundle)
        report = yaml.safe_load((bundle / "rapport.yaml").read_text(encoding="utf-8"))
        report.update(values)
        (bundle / "rapport.yaml").write_text(yaml.safe_dump(report, allow_unicode=True),
                                             encoding="utf-8")
        result = CliRunner().invoke(main, ["validate", str(bundle)])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert_told(result.exit_code, result.output)


# ---- docs/hardening.md -----------------------------------------------------------------------


def _table() -> str:
    """The corpus as Markdown: case, exit code and what the user sees."""
    lines = ["| class | case | exit | what the user sees |", "|---|---|---|---|"]
    for case in sorted(CASES + ISOLATED, key=lambda c: c.kind):
        with tempfile.TemporaryDirectory() as tmp:
            bundle = make_bundle(Path(tmp), case)
            if case.isolated:
                done = run_isolated(bundle)
                code, output = done.returncode, done.stdout + done.stderr
            else:
                result = CliRunner().invoke(main, ["validate", str(bundle)])
                code, output = result.exit_code, result.output
        if code == 0:
            seen = next((line.strip() for line in output.splitlines() if "bemærk" in line),
                        "")
        else:
            seen = output[output.index("Fejl: "):].strip().replace(str(bundle), "BUNDT")
            seen = " / ".join(line.strip() for line in seen.splitlines()[:3])
        seen = seen.replace("|", "\\|")
        if len(seen) > 260:
            seen = seen[:240] + " …"
        shown = f"`{seen}`" if seen else "a document (gyldigt bundt)"
        lines.append(f"| {case.kind} | {case.id} | {code} | {shown} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(_table())

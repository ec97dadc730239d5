"""The personal-data guard reads what is printed (issue 17): obfuscated CPR numbers, e-mail
addresses, phone numbers and hidden names are refused wherever Markdown, entities, invisible
characters or other scripts hide them, in the text, the tables, the comments, the logo and the
workbook; the false positives of the old guard build. A hypothesis test fuzzes the rendered-
text check over combinations of the obfuscations."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taskforce_report.cli import main
from taskforce_report.core import text as markdown
from taskforce_report.core.errors import Problem
from taskforce_report.core.redact import findings, mask
from taskforce_report.guard.privacy import check_rendered


class Report:
    """What check_rendered asks of a report: its hidden names, no allowed contacts."""

    def __init__(self, skjul=()):
        self.skjul = list(skjul)


def validate(bundle):
    return CliRunner().invoke(main, ["validate", str(bundle)])


def set_resume(bundle, text: str) -> None:
    path = bundle / "rapport.yaml"
    source = path.read_text(encoding="utf-8")
    body = "".join(f"  {line}\n" for line in text.split("\n"))
    old = "resume: |\n  Åby Kommune har et **tydeligt** fokus på tidlig indsats.\n"
    assert old in source
    path.write_text(source.replace(old, "resume: |\n" + body), encoding="utf-8")


def add_hidden(bundle, name: str) -> None:
    path = bundle / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"skjul: [{name}]\n", encoding="utf-8")


def assert_refused(result, says: str, secret: str = "") -> None:
    assert result.exit_code == 1, result.output
    assert says in result.output, result.output
    assert "Traceback" not in result.output
    if secret:
        assert secret not in result.output, result.output


CPR_CASES = {
    "emphasis": "Sag 010203-**1234** er lukket.",
    "escape": "Sag 010203\\-1234 er lukket.",
    "entity": "Sag &#48;10203-1234 er lukket.",
    "en dash": "Sag 010203\u20131234 er lukket.",
    "no-break space": "Sag 010203\u00a01234 er lukket.",
    "zero-width space": "Sag 010203-\u200b1234 er lukket.",
    "soft hyphen": "Sag 0102\u00ad03-1234 er lukket.",
    "pairs": "Sag 01 02 03-1234 er lukket.",
    "slash": "Sag 010203/1234 er lukket.",
    "full-width": "Sag \uff10\uff11\uff10\uff12\uff10\uff13-\uff11\uff12\uff13\uff14 er lukket.",
    "full stop after": "Sag 010203-1234.",
    "comma after": "Sag 010203-1234, lukket.",
    "minus sign": "Sag 010203\u22121234 er lukket.",
    "code span": "Sag `010203-1234` er lukket.",
    "word joiner": "Sag 010203\u2060-1234 er lukket.",
    "dotted date": "Sag 01.02.03-1234 er lukket.",
    "line break": "Sag 010203-\n1234 er lukket.",
    "superscript": "Sag \u2070\u00b9\u2070\u00b2\u2070\u00b3-\u00b9\u00b2\u00b3\u2074 er lukket.",
    "arabic-indic": "Sag \u0660\u0661\u0660\u0662\u0660\u0663-\u0661\u0662\u0663\u0664 er lukket.",
    "combining marks": "Sag 0\u03321\u03320\u03322\u033203-1234 er lukket.",
    "mathematical bold": "Sag \U0001d7ce\U0001d7cf\U0001d7ce\U0001d7d0\U0001d7ce\U0001d7d1-1234.",
    "dot": "Sag 010203.1234 er lukket.",
}


@pytest.mark.parametrize("text", CPR_CASES.values(), ids=CPR_CASES.keys())
def test_an_obfuscated_cpr_number_is_refused(mini, text):
    set_resume(mini, text)
    assert_refused(validate(mini), "CPR-nummer", secret="1234")


EMAIL_CASES = {
    "escape": "Skriv til jens\\@fjordlund.dk.",
    "entity": "Skriv til jens&#64;fjordlund.dk.",
    "emphasis": "Skriv til jens@**fjordlund.dk**.",
    "full-width": "Skriv til jens\uff20fjordlund.dk.",
    "soft hyphen": "Skriv til jens\u00ad@fjordlund.dk.",
    "(at)": "Skriv til jens (at) fjordlund.dk.",
}


@pytest.mark.parametrize("text", EMAIL_CASES.values(), ids=EMAIL_CASES.keys())
def test_an_obfuscated_email_is_refused(mini, text):
    set_resume(mini, text)
    assert_refused(validate(mini), "e-mailadresse", secret="jens@")


PHONE_CASES = {
    "hyphens": "Ring på 12-34-56-78.",
    "dots": "Ring på 12.34.56.78.",
    "fours": "Ring på 1234-5678.",
    "emphasis": "Ring på 1234 **5678**.",
    "comma after": "Ring på 12345678, hvis sagen haster.",
    "full-width": "Ring på \uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18.",
    "+45": "Ring på +45 12 34 56 78.",
    "pairs and four": "Ring på 12 34 5678.",
    "four and pairs": "Ring på 1234 56 78.",
}


@pytest.mark.parametrize("text", PHONE_CASES.values(), ids=PHONE_CASES.keys())
def test_an_obfuscated_phone_number_is_refused(mini, text):
    set_resume(mini, text)
    assert_refused(validate(mini), "telefonnummer", secret="5678")


NAME_CASES = {
    "possessive": "Mikkel Holms sag er lukket.",
    "line break": "Sagen om Mikkel\nHolm er lukket.",
    "two spaces": "Sagen om Mikkel  Holm er lukket.",
    "split emphasis": "Sagen om **Mik**kel Holm er lukket.",
    "entity": "Sagen om Mi&#107;kel Holm er lukket.",
    "soft hyphen": "Sagen om Mik\u00adkel Holm er lukket.",
    "surname first": "Sagen om Holm, Mikkel er lukket.",
    "hyphen": "Sagen om Mikkel-Holm er lukket.",
    "upper case": "SAGEN OM MIKKEL HOLM ER LUKKET.",
    "no-break space": "Sagen om Mikkel\u00a0Holm er lukket.",
}


@pytest.mark.parametrize("text", NAME_CASES.values(), ids=NAME_CASES.keys())
def test_a_hidden_name_however_written_is_refused(mini, text):
    set_resume(mini, text)
    add_hidden(mini, "Mikkel Holm")
    assert_refused(validate(mini), "skjul")


FALSE_POSITIVES = {
    "two years": "Perioden 2018 2019 er målt.",
    "years with a hyphen": "Perioden 2018-2019 er målt.",
    "case number": "Sagsnr. 2021 0045 er gennemgået.",
    "counts": "Der var 10 12 14 16 sager i de fire år.",
    "times": "Rådgivningen har åbent 08 00 16 00.",
    "amount": "Budgettet er 12345678 kr. om året.",
    "thousands": "Der bor 1.234.567 i regionen.",
    "a date": "Mødet var 12.03.2015.",
    "ISO dates": "Perioden 2019-01-01 til 2019-12-31.",
    "a date with spaces": "Mødet var 12 03 2015.",
}


@pytest.mark.parametrize("text", FALSE_POSITIVES.values(), ids=FALSE_POSITIVES.keys())
def test_what_only_looks_like_personal_data_builds(mini, text):
    set_resume(mini, text)
    result = validate(mini)
    assert result.exit_code == 0, result.output


def test_a_cpr_number_in_a_csv_cell_with_a_full_stop_is_refused_and_masked(mini):
    (mini / "sagsgennemgang.csv").write_text(
        "sag;kriterium;vurdering\nSag 1;bfu_4_mdr;ja\nSag 010203-1234.;bfu_4_mdr;nej\n",
        encoding="utf-8")
    assert_refused(validate(mini), "CPR-nummer", secret="010203-1234")


def test_a_cpr_number_in_a_yaml_comment_with_a_full_stop_is_refused(mini):
    path = mini / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# se sag 010203-1234.\n",
                    encoding="utf-8")
    assert_refused(validate(mini), "CPR-nummer", secret="1234")


def test_an_error_echoing_a_cell_masks_every_obfuscated_form():
    for text in ["010203-1234.", "010203\u00ad-1234", "\uff10\uff11\uff10\uff12\uff10\uff13"
                 "\uff11\uff12\uff13\uff14", "01 02 03-1234"]:
        shown = str(Problem("noegletal.csv", "række 3", f"ukendt område '{text}'"))
        assert "1234" not in shown and "\uff14" not in shown, shown
        assert "XXXX" in shown
    assert "jens@" not in mask("skriv til jens@fjordlund.dk")
    assert "5678" not in mask("ring 12 34 56 78")
    assert mask("1.500 sager i 2014") == "1.500 sager i 2014"


# ---- the logo and the workbook: every byte attached ------------------------------------------

STATUS_LOGO = "logo.svg"


@pytest.fixture
def status_mini(tmp_path):
    """The example status report, which has a logo of its own."""
    import shutil

    from conftest import ROOT

    target = tmp_path / "status"
    shutil.copytree(ROOT / "input" / "eksempel-status", target)
    return target


def svg(body: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{body}</svg>'


@pytest.mark.parametrize("raw", [
    svg("<text>010203-<tspan>1234</tspan></text>").encode(),
    svg("<text>&#48;10203-1234</text>").encode(),
    svg("<text>010203-1234</text>").encode("utf-16"),
    svg("<title>Mikkel Holm</title>").encode(),
    svg('<text><tspan x="1">0102</tspan><tspan x="2">03-1234</tspan></text>').encode(),
], ids=["tspan", "entity", "utf-16", "hidden name in title", "split tspans"])
def test_text_hidden_in_the_logo_is_refused(status_mini, raw):
    (status_mini / STATUS_LOGO).write_bytes(raw)
    add_hidden(status_mini, "Mikkel Holm")
    result = validate(status_mini)
    assert result.exit_code == 1, result.output
    assert "logo.svg" in result.output and ("CPR" in result.output or "skjul" in result.output)


def rezip(raw: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


def _sheet_name(parts):
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'name="vejledning"', b'name="Sag 010203-1234"', 1)


def _header_footer(parts):
    name = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    parts[name] = parts[name].replace(
        b"</worksheet>", b"<headerFooter><oddHeader>&amp;CSag 010203-1234</oddHeader>"
        b"</headerFooter></worksheet>")


def _app_properties(parts):
    parts["docProps/app.xml"] = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.'
                                 b'openxmlformats.org/officeDocument/2006/extended-properties">'
                                 b"<Manager>010203-1234</Manager></Properties>")


def _custom_properties(parts):
    parts["docProps/custom.xml"] = (
        b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/docPropsVTypes"><property name="Sag"><vt:lpwstr>010203-1234'
        b"</vt:lpwstr></property></Properties>")


def _extra_file(parts):
    parts["xl/noter.txt"] = "Sag 010203-1234".encode("utf-16")


@pytest.mark.parametrize("change", [_sheet_name, _header_footer, _app_properties,
                                    _custom_properties, _extra_file],
                         ids=["sheet name", "header", "app.xml", "custom.xml", "extra file"])
def test_every_part_of_the_workbook_is_read(mini, change):
    from taskforce_report.load.workbook import write_template

    template = mini / "data.xlsx"
    write_template(template)
    template.write_bytes(rezip(template.read_bytes(), change))
    result = validate(mini)
    assert result.exit_code == 1, result.output
    assert "data.xlsx" in result.output and "CPR-nummer" in result.output, result.output
    assert "1234" not in result.output


# ---- fuzzing the rendered-text check ------------------------------------------------------

INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
SEPARATORS = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "/", " ",
              "\u00a0", "\u202f", "\u2009", "", "\\-"]


def _digit(draw, digit: str) -> str:
    form = draw(st.sampled_from(["plain", "full-width", "entity", "hex entity"]))
    if form == "full-width":
        return chr(0xFF10 + int(digit))
    if form == "entity":
        return f"&#{ord(digit)};"
    if form == "hex entity":
        return f"&#x{ord(digit):x};"
    return digit


@st.composite
def obfuscated_cpr(draw) -> tuple[str, str]:
    day = draw(st.integers(1, 28))
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    serial = draw(st.integers(0, 9999))
    date, tail = f"{day:02d}{month:02d}{year:02d}", f"{serial:04d}"
    pieces = []
    for index, digit in enumerate(date + tail):
        if index == 6:
            pieces.append(draw(st.sampled_from(SEPARATORS)))
        elif index in (2, 4) and draw(st.booleans()):
            pieces.append(" ")
        if draw(st.integers(0, 5)) == 0:
            pieces.append(draw(st.sampled_from(INVISIBLE)))
        pieces.append(_digit(draw, digit))
    cut = draw(st.integers(1, len(pieces) - 1))
    emphasis = draw(st.sampled_from(["", "**", "*", "_"]))
    number = "".join(pieces[:cut]) + emphasis + "".join(pieces[cut:]) + emphasis
    after = draw(st.sampled_from([".", ",", " ", ")", ":", ";", "!"]))
    return f"Sag {number}{after} er lukket.", date


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(obfuscated_cpr())
def test_the_rendered_check_sees_through_any_mix_of_obfuscations(case):
    text, date = case
    html = f"<p>{markdown.block(text)}</p>"
    problems = check_rendered(html, Report())
    assert any("CPR-nummer" in p.message for p in problems), (text, html)
    assert all(date + "-XXXX" in str(p) for p in problems if "CPR" in p.message)


@st.composite
def obfuscated_name(draw) -> str:
    first = draw(st.sampled_from(["Mikkel", "MIKKEL", "mikkel", "Mik\u00adkel", "**Mik**kel",
                                  "Mi&#107;kel", "Mikk\u200bel"]))
    last = draw(st.sampled_from(["Holm", "HOLM", "Ho\u00adlm", "*Holm*", "H&#111;lm"]))
    between = draw(st.sampled_from([" ", "  ", "\n", "\u00a0", "-", "\u2011", " \n ",
                                     "\u00ad", "&shy;", "&nbsp;"]))
    possessive = draw(st.sampled_from(["", "s", "'s", "'"]))
    if draw(st.booleans()):
        return f"{last},{between}{first}{possessive}"
    return f"{first}{between}{last}{possessive}"


@settings(max_examples=200, deadline=None)
@given(obfuscated_name())
def test_the_rendered_check_finds_a_hidden_name_however_written(name):
    html = f"<p>{markdown.block('Sagen om ' + name + ' er lukket.')}</p>"
    assert check_rendered(html, Report(["Mikkel Holm"])), html


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 99), min_size=2, max_size=8))
def test_numbers_in_separate_table_cells_are_never_joined(numbers):
    cells = "".join(f"<td>{n:02d}</td>" for n in numbers)
    assert check_rendered(f"<table><tr>{cells}</tr></table>", Report()) == []


def test_findings_leave_ordinary_danish_alone():
    for text in ["i 8 ud af 14 sager", "§ 50, stk. 7", "1.142 underretninger i 2014",
                 "54 % (målt på 39 sager)", "12. november 2015", "2012 2013 2014 2015",
                 "Sagsnr. 2021 0045", "12345678 kr.", "08 00 16 00"]:
        assert findings(text, []) == [], text

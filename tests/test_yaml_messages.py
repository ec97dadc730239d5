"""YAML syntax errors are told in Danish: what is wrong and what to do, with PyYAML's line and
column. PyYAML's English words appear only for a problem the table in yamlfile.py does not know,
and then only in parentheses after a Danish lead."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from taskforce_report.cli import main
from taskforce_report.core.errors import InputError
from taskforce_report.load import yamlfile
from taskforce_report.load.yamlfile import parse_yaml

# PyYAML's (and libyaml's) words that must not reach a user for the common mistakes
ENGLISH = ("mapping values", "could not find", "found character", "cannot start", "expected",
           "while scanning", "while parsing", "found unexpected", "end of stream", "escape",
           "block end", "node content", "not allowed", "indicator", "PyYAML")

# (broken text, a part of the Danish message, the place PyYAML's mark gives)
CASES = [
    pytest.param("titel: Status: godt\n",
                 "et kolon efterfulgt af mellemrum (': ') inde i en værdi; sæt hele værdien i "
                 "anførselstegn", "linje 1, kolonne 14", id="kolon i værdi"),
    pytest.param("a: 1\n  b: 2\n", "et kolon efterfulgt af mellemrum (': ') inde i en værdi",
                 "linje 2, kolonne 4", id="nøgle rykket for langt ind"),
    pytest.param("resume: Dette er en\nlang tekst\nb: 1\n",
                 "linje 2 mangler et kolon efter nøglen; skriv 'nøgle: værdi'",
                 "linje 3, kolonne 1", id="kolon mangler"),
    pytest.param("a:\n\tb: 1\n", "et tabulatortegn; YAML skal rykkes ind med mellemrum",
                 "linje 2, kolonne 1", id="tabulator"),
    pytest.param("a: 1\n\tb: 2\n", "et tabulatortegn; YAML skal rykkes ind med mellemrum",
                 "linje 2, kolonne 1", id="tabulator efter værdi"),
    pytest.param('a: "hej\nb: 2\n', "et anførselstegn er ikke lukket (åbnet i linje 1)",
                 "linje 3, kolonne 1", id="dobbelt anførselstegn ikke lukket"),
    pytest.param("a: 'hej\nb: 2\n", "et anførselstegn er ikke lukket (åbnet i linje 1)",
                 "linje 3, kolonne 1", id="enkelt anførselstegn ikke lukket"),
    pytest.param('sti: "C:\\mapper"\n',
                 "en omvendt skråstreg (\\) i en værdi i dobbelte anførselstegn; skriv den "
                 "dobbelt (\\\\), eller brug enkelte anførselstegn", "linje 1, kolonne 9",
                 id="omvendt skråstreg"),
    pytest.param("kommune: [Åby Kommune\ndato: 2016-03-01\n",
                 "en liste i [ ] er ikke lukket (åbnet i linje 1)", "linje 2, kolonne 5",
                 id="liste ikke lukket"),
    pytest.param("a: [1, 2\n", "en liste i [ ] er ikke lukket (åbnet i linje 1)",
                 "linje 2, kolonne 1", id="liste ikke lukket ved filens slutning"),
    pytest.param("a: {b: 1\n", "en samling i { } er ikke lukket (åbnet i linje 1)",
                 "linje 2, kolonne 1", id="samling ikke lukket"),
    pytest.param("a:\n  b: 1\n c: 2\n", "indrykningen passer ikke med linjerne over",
                 "linje 3, kolonne 2", id="indrykning af nøgle"),
    pytest.param("a:\n  - x\n - y\n", "indrykningen passer ikke med linjerne over",
                 "linje 3, kolonne 2", id="indrykning af listepunkt"),
    pytest.param("a: 1\n- b\n", "indrykningen passer ikke med linjerne over",
                 "linje 2, kolonne 1", id="liste under nøgle med værdi"),
    pytest.param("a: - b\n", "et listepunkt ('- ') på samme linje som sin nøgle",
                 "linje 1, kolonne 4", id="listepunkt på nøglens linje"),
    pytest.param('a: "x" y\n', "tekst efter et afsluttende anførselstegn",
                 "linje 1, kolonne 8", id="tekst efter anførselstegn"),
    pytest.param("a: 'Task Force's rapport'\n", "tekst efter et afsluttende anførselstegn",
                 "linje 1, kolonne 16", id="apostrof i enkelte anførselstegn"),
    pytest.param("a: [1] x\n", "tekst efter et afsluttende ] eller }", "linje 1, kolonne 8",
                 id="tekst efter liste"),
    pytest.param("a: @x\n", "en værdi kan ikke begynde med '@'; sæt værdien i anførselstegn",
                 "linje 1, kolonne 4", id="snabel-a"),
    pytest.param("a: `x`\n", "en værdi kan ikke begynde med '`'", "linje 1, kolonne 4",
                 id="backtick"),
    pytest.param("a: ]\n", "en værdi kan ikke begynde med ']'", "linje 1, kolonne 4",
                 id="lukkeparentes"),
    pytest.param("a: | x\n  b\n",
                 "efter | eller > må der kun stå +, - eller et ciffer på linjen",
                 "linje 1, kolonne 6", id="tekst efter lodret streg"),
    pytest.param("- *vigtigt* punkt\n", "en værdi, der begynder med '*', læses som et YAML-alias",
                 "linje 1, kolonne 11", id="markdown-stjerne"),
    pytest.param("a: & co\n", "en værdi, der begynder med '&', læses som et YAML-anker",
                 "linje 1, kolonne 5", id="og-tegn"),
    pytest.param("a: !x!y z\n", "en værdi, der begynder med '!', læses som et YAML-tag",
                 "linje 1, kolonne 4", id="udråbstegn"),
    pytest.param("a: 1\n...\nb: 2\n", "tekst efter dokumentets slutning", "linje 3, kolonne 1",
                 id="tekst efter dokumentets slutning"),
    pytest.param("{[a]: 1}\n", "en nøgle skal være tekst", "linje 1, kolonne 2",
                 id="liste som nøgle"),
]


def problem_of(text: str):
    with pytest.raises(InputError) as info:
        parse_yaml(text, "rapport.yaml")
    [problem] = info.value.problems
    return problem


@pytest.mark.parametrize(("text", "says", "place"), CASES)
def test_syntax_error_is_told_in_danish_with_its_place(text, says, place):
    problem = problem_of(text)
    assert problem.file == "rapport.yaml"
    assert problem.line == place
    assert problem.message.startswith("YAML-syntaksfejl: ")
    assert says in problem.message
    for phrase in ENGLISH:
        assert phrase not in problem.message
    assert "\n" not in str(problem)


def pure_python_message(text: str) -> str:
    """The message from PyYAML's pure-Python parser, whose words differ from libyaml's: the
    table must know both (the package runs without libyaml too)."""
    loader = yaml.SafeLoader(text)
    try:
        loader.construct_document(loader.get_single_node())
    except yaml.MarkedYAMLError as exc:
        return yamlfile._syntax_message(exc, text)
    finally:
        loader.dispose()
    raise AssertionError("no error")


@pytest.mark.parametrize(("text", "says", "place"), CASES)
def test_pure_python_parser_gets_the_same_danish(text, says, place):
    message = pure_python_message(text)
    assert says in message
    for phrase in ENGLISH:
        assert phrase not in message


def test_unknown_problem_keeps_pyyaml_words_in_parentheses(monkeypatch):
    monkeypatch.setattr(yamlfile, "_SYNTAX", ())
    problem = problem_of("titel: Status: godt\n")
    assert problem.line == "linje 1, kolonne 14"
    assert problem.message.startswith("YAML-syntaksfejl (PyYAML: mapping values are not "
                                      "allowed")
    assert problem.message.endswith("); se efter indrykning, kolon og anførselstegn i linjen "
                                    "og linjerne over")


def test_other_yaml_error_has_a_danish_lead(monkeypatch):
    def fails(text, file):
        raise yaml.YAMLError("something odd")

    monkeypatch.setattr(yamlfile, "_check_events", fails)
    problem = problem_of("a: 1\n")
    assert problem.message == ("ugyldig YAML (PyYAML: something odd); se efter indrykning, "
                               "kolon og anførselstegn")


def test_special_cases_stay():
    python = problem_of("!!python/object/apply:os.system ['echo hej']\n")
    assert python.line == "linje 1, kolonne 1"
    assert python.message == ("YAML-tagget 'python/object/apply:os.system' er ikke tilladt; "
                              "skriv værdien som almindelig tekst, tal eller dato")
    local = problem_of("a: !vigtigt\n")
    assert local.message.startswith("YAML-tagget '!vigtigt' er ikke tilladt")
    assert "sæt den i anførselstegn" in local.message
    documents = problem_of("a: 1\n---\nb: 2\n")
    assert documents.message.startswith("filen rummer flere YAML-dokumenter")
    assert problem_of("a: *b\n").message.startswith("YAML-aliaser (&navn og *navn)")


def test_impossible_tagged_scalar_stays_text():
    assert parse_yaml("a: !!float x\nb: !!bool y\n", "rapport.yaml").data == {"a": "x",
                                                                               "b": "y"}


def test_validate_tells_a_broken_rapport_yaml_in_danish(mini: Path):
    path = mini / "rapport.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    praesentation: Kommunen har en modtagelse med fire rådgivere."
    new = "    praesentation: Kommunen har en modtagelse: fire rådgivere."
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    column = new.index(": fire") + 1

    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    error = [row for row in result.output.splitlines() if row.startswith("Fejl: ")]
    assert error == [f"Fejl: rapport.yaml, linje {line}, kolonne {column}: YAML-syntaksfejl: "
                     "et kolon efterfulgt af mellemrum (': ') inde i en værdi; sæt hele værdien "
                     "i anførselstegn, eller ret indrykningen, hvis linjen skal være en ny nøgle"]
    for phrase in ENGLISH:
        assert phrase not in result.output

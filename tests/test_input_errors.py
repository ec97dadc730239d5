"""Bad input: a clear Danish message with file and place, exit 1, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from taskforce_report.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def edit(bundle: Path, old: str, new: str) -> None:
    path = bundle / "rapport.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_bundle_validates(mini):
    result = run("validate", str(mini))
    assert result.exit_code == 0, result.output
    assert "gyldigt bundt" in result.output
    assert "3.1 Underretninger" in result.output


def test_yaml_syntax_error_names_line_and_column(mini):
    edit(mini, "kommune: Åby Kommune", "kommune: [Åby Kommune")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "rapport.yaml, linje 3, kolonne" in result.output
    assert "YAML-syntaksfejl" in result.output
    assert "Traceback" not in result.output


def test_misspelled_key_gets_path_and_suggestion(mini):
    edit(mini, "    styrker:", "    styker:")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "temaer.underretninger.styker: ukendt nøgle — mente du 'styrker'?" in result.output
    assert "linje 17" in result.output


def test_missing_key_is_named(mini):
    edit(mini, "kommune: Åby Kommune\n", "")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "rapport.yaml, linje 1: kommune: mangler" in result.output


def test_wrong_type_says_expected_and_found(mini):
    edit(mini, "dato: 2016-03-01", "dato: første marts")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "dato" in result.output and "forventede en dato som ÅÅÅÅ-MM-DD" in result.output
    assert "'første marts'" in result.output


@pytest.mark.parametrize("bundle", ["fixtures/mini", "fixtures/status-mini",
                                    "../input/eksempel-ansoegning"])
def test_a_blank_kommune_is_refused_in_every_document_type(tmp_path, bundle):
    import shutil

    target = tmp_path / "b"
    shutil.copytree(Path(__file__).parent / bundle, target)
    text = (target / "rapport.yaml").read_text(encoding="utf-8")
    start = text.index("\nkommune: ") + 1
    end = text.index("\n", start)
    (target / "rapport.yaml").write_text(text[:start] + 'kommune: "  "' + text[end:],
                                         encoding="utf-8")
    result = run("validate", str(target))
    assert result.exit_code == 1
    assert "kommune: må ikke være tom, fandt '  '" in result.output


def test_list_expected(mini):
    edit(mini, "referencegruppe: [Bøgeby Kommune]", "referencegruppe: Bøgeby Kommune")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "referencegruppe: forventede en liste" in result.output


def test_unknown_theme_gets_suggestion(mini):
    edit(mini, "  underretninger:", "  underretning:")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "temaer.underretning: ukendt tema — mente du 'underretninger'?" in result.output


def test_duplicate_key_is_an_error(mini):
    edit(mini, "kommune: Åby Kommune", "kommune: Åby Kommune\nkommune: Bøgeby Kommune")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "nøglen 'kommune' står to gange" in result.output


def test_build_with_bad_input_writes_nothing_and_keeps_old_output(mini, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    old = out / "analyserapport.pdf"
    old.write_bytes(b"old report")
    edit(mini, "    styrker:", "    styker:")
    before = (mini / "rapport.yaml").read_bytes()
    result = run("build", str(mini), "-o", str(out))
    assert result.exit_code == 1
    assert old.read_bytes() == b"old report"
    assert sorted(p.name for p in out.iterdir()) == ["analyserapport.pdf"]
    assert (mini / "rapport.yaml").read_bytes() == before


def test_missing_bundle_and_usage_errors():
    result = run("build", "/nonexistent/bundle")
    assert result.exit_code == 1
    assert "findes ikke" in result.output
    assert run("build").exit_code == 2
    assert run("build", "x", "--format", "odt").exit_code == 2


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["validate", "--help"],
                                  ["new", "--help"]])
def test_help(args):
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage" in result.output

"""Citations in the bundle's texts: names resolve to computed results, nothing else runs, and
an unknown name is an input error with file, key path and line. Also the interviews, whose
numbers the texts cite."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from taskforce_report.analyse import citations
from taskforce_report.build import prepare
from taskforce_report.cli import main

VALUES = {"sagsgennemgang.bfu_4_mdr.ikke_opfyldt": 5, "sagsgennemgang.bfu_4_mdr.andel": "58 %",
          "interviews.boern.antal": 6, "sagsgennemgang.sager": 1500}


def test_names_resolve_with_danish_formats_and_modifiers():
    text, errors = citations.resolve_text(
        "I {sagsgennemgang.bfu_4_mdr.ikke_opfyldt} sager ({sagsgennemgang.bfu_4_mdr.andel}); "
        "{interviews.boern.antal:ord} børn; {interviews.boern.antal:ord:stort} børn; "
        "{ sagsgennemgang.sager } sager.", VALUES)
    assert errors == []
    assert text == "I 5 sager (58 %); seks børn; Seks børn; 1.500 sager."


def test_literal_braces_and_text_without_placeholders():
    assert citations.resolve_text("{{ikke en henvisning}}", VALUES) == ("{ikke en henvisning}", [])
    assert citations.resolve_text("Ingen tal her.", {}) == ("Ingen tal her.", [])


@pytest.mark.parametrize("text", [
    "{__import__('os').system('ls')}",
    "{sagsgennemgang.bfu_4_mdr.__class__}",
    "{sagsgennemgang.sager + 1}",
    "{sagsgennemgang.sager|upper}",
    "{{ sagsgennemgang.sager }}x{",
    "{Sagsgennemgang.Sager}",
])
def test_user_text_cannot_run_code(text):
    _, errors = citations.resolve_text(text, VALUES)
    assert errors, text


def test_unknown_modifier_and_words_on_text():
    _, errors = citations.resolve_text("{sagsgennemgang.sager:fed}", VALUES)
    assert "ukendt tilføjelse ':fed'" in errors[0]
    _, errors = citations.resolve_text("{sagsgennemgang.bfu_4_mdr.andel:ord}", VALUES)
    assert "kan kun bruges på et antal" in errors[0]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def cite(mini: Path, old: str, new: str) -> None:
    path = mini / "rapport.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_name_names_file_key_path_and_line(mini):
    (mini / "sagsgennemgang.csv").write_text("sag;kriterium;vurdering\nA1;bfu_4_mdr;nej\n",
                                             encoding="utf-8")
    cite(mini, "      - Hurtig vurdering af underretninger.",
         "      - Hurtig vurdering i {sagsgennemgang.bfu_4_mdr.ikke_opfyldte} sager.")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert ("rapport.yaml, linje 18: temaer.underretninger.styrker[0]: ukendt henvisning "
            "{sagsgennemgang.bfu_4_mdr.ikke_opfyldte} — mente du "
            "{sagsgennemgang.bfu_4_mdr.ikke_opfyldt}?") in result.output
    assert "Traceback" not in result.output


def test_citing_data_the_bundle_lacks_says_which_file(mini):
    cite(mini, "Underretninger vurderes inden for 24 timer i de fleste sager.",
         "Se {sagsgennemgang.sager} sager.")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert ("temaer.underretninger.analyse: ukendt henvisning {sagsgennemgang.sager}: bundtet "
            "har ingen sagsgennemgang.csv") in result.output


def test_stray_brace_is_an_error(mini):
    cite(mini, "resume: |\n  Åby Kommune", "resume: |\n  {Åby Kommune")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "rapport.yaml, linje 6: resume: enlig '{'" in result.output


INTERVIEWS = """grupper:
  - {navn: Socialrådgivere, antal: 9, beskrivelse: socialrådgivere fra Modtagelsen}
  - {navn: Ledere, antal: 3}
boern:
  antal: 4
  temaer:
    - id: skift
      emne: Skift af socialrådgiver
      antal: 3
      fund: "{interviews.boern.skift} ud af de {interviews.boern.antal} har skiftet."
"""


def test_interviews_fill_section_1_5_and_chapter_6(mini):
    (mini / "interviews.yaml").write_text(INTERVIEWS, encoding="utf-8")
    cite(mini, "analyse: Ikke belyst.",
         "analyse: Interviewene med {interviews.boern.antal:ord} børn viser, at "
         "{interviews.boern.skift} har skiftet.")
    prepared = prepare(mini)
    facts = prepared.results.facts
    basis = facts["grundlag"]
    assert [(g.antal, g.beskrivelse) for g in basis.interviewgrupper] == [
        (9, "socialrådgivere fra Modtagelsen"), (3, "ledere")]
    assert (basis.boern, basis.boern_ord) == (4, "fire")
    chapter = prepared.document.chapter("boerneinterviews")
    assert chapter.title == "Resultat af interviews med fire børn"
    # a count opening a sentence in words (citations._starts_sentence)
    assert facts["boerneinterviews"].temaer[0].fund == "Tre ud af de 4 har skiftet."
    assert facts["temaer"]["eftervaern"].analyse == "Interviewene med fire børn viser, at 3 har " \
                                                     "skiftet."


def test_interviews_without_children_leave_chapter_6_out(mini):
    (mini / "interviews.yaml").write_text(INTERVIEWS.split("boern:")[0], encoding="utf-8")
    prepared = prepare(mini)
    assert prepared.document.chapter("boerneinterviews") is None
    assert prepared.results.facts["grundlag"].boern is None


def test_interview_errors_name_file_and_key(mini):
    (mini / "interviews.yaml").write_text(INTERVIEWS.replace("antal: 3\n      fund",
                                                             "antal: 7\n      fund"),
                                          encoding="utf-8")
    result = run("validate", str(mini))
    assert result.exit_code == 1
    assert "interviews.yaml" in result.output and "boern" in result.output
    assert "har antal 7, men der er kun interviewet 4 børn" in result.output
    (mini / "interviews.yaml").write_text(INTERVIEWS.replace("antal: 9", "antal: ni"),
                                          encoding="utf-8")
    result = run("validate", str(mini))
    assert "interviews.yaml, linje 2: grupper[0].antal: forventede et heltal, fandt 'ni'" \
        in result.output


def test_example_theme_texts_cite_and_match_the_data():
    raw = (EXAMPLE / "rapport.yaml").read_text(encoding="utf-8")
    assert "{sagsgennemgang.bfu_4_mdr.ikke_opfyldt}" in raw
    assert "{interviews.boern.sagsbehandlerskift}" in raw
    prepared = prepare(EXAMPLE)
    tilsyn = prepared.results.facts["temaer"]["personrettet_tilsyn"].analyse
    assert "Interviewene med seks børn og unge viser, at 5 ud af de 6 har oplevet at skifte" \
        in tilsyn
    bfu = prepared.results.facts["temaer"]["boernefaglige_undersoegelser"].analyse
    assert "er firemånedersfristen, jf. servicelovens § 50, overskredet i 5 sager" in bfu
    assert prepared.document.chapter("boerneinterviews").title == \
        "Resultat af interviews med seks børn"


def test_a_count_opening_a_sentence_is_written_in_words():
    from taskforce_report.analyse.citations import resolve_text

    text, errors = resolve_text("Interviewene viser det. {a} ud af de {b} kan ikke huske det.",
                                {"a": 4, "b": 6})
    assert not errors
    assert text == "Interviewene viser det. Fire ud af de 6 kan ikke huske det."
    assert resolve_text("{a} sager", {"a": 12})[0] == "Tolv sager"
    assert resolve_text("I {a} sager", {"a": 12})[0] == "I 12 sager"  # mid-sentence: digits

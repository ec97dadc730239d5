"""The status report (issue 5): the management audit counted by hand against the code, the
status wording per counting rule, goals without audit rows, the municipal theme, and the example
status report and committee memo end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, pdf_pages, squeeze
from pypdf import PdfReader

from taskforce_report.analyse import audit, auditgoals
from taskforce_report.cli import main
from taskforce_report.core.errors import InputError
from taskforce_report.load.tables import SPECS, frame_from_rows
from taskforce_report.load.themes import load_theme, with_overrides
from taskforce_report.models import AuditCriterion
from taskforce_report.words import audit as audit_words

EXAMPLE_STATUS = ROOT / "input" / "eksempel-status"
HEADER = ["runde", "sag", "kriterium", "vurdering"]


def audit_frame(rows: list[list[str]], kriterier: dict[str, str]):
    table = frame_from_rows([HEADER, *rows], SPECS["ledelsestilsyn"], "ledelsestilsyn.csv")
    known = {k: AuditCriterion(navn=k, optaelling=rule) for k, rule in kriterier.items()}
    return audit.normalise(table, known)


@pytest.fixture
def status_mini(tmp_path: Path) -> Path:
    target = tmp_path / "status-mini"
    shutil.copytree(FIXTURES / "status-mini", target)
    return target


# ---- counting: a sample counted by hand ---------------------------------------------------

# Ten cases audited on one criterion in September 2021: 4 ja, 2 delvist, 3 nej, 1 ikke relevant.
SAMPLE = (["ja"] * 4 + ["delvist"] * 2 + ["nej"] * 3 + ["ikke relevant"])


@pytest.mark.parametrize("rule, met, base, wording", [
    # ja of all ten: the one ikke relevant stays in the base, never as met
    ("alle_sager", 4, 10, "40 % af sagerne (målt på 10 sager)"),
    # ja of the nine where the requirement applied: 4/9 = 44,4 %
    ("hvor_relevant", 4, 9, "44 % af sagerne, hvor det vurderes relevant (målt på 9 sager)"),
    # ja and delvist of all ten (ikke relevant in the base, not met)
    ("helt_eller_delvist", 6, 10,
     "60 % af sagerne er helt eller delvist overholdt (målt på 10 sager)"),
    # ja and delvist of the nine where it applied: 6/9 = 66,7 %
    ("helt_eller_delvist_hvor_relevant", 6, 9,
     "67 % af sagerne, hvor det vurderes relevant, er helt eller delvist overholdt "
     "(målt på 9 sager)"),
])
def test_share_base_and_wording_per_counting_rule(rule, met, base, wording):
    rows = [["2021-09", f"S{i:02d}", "krav", value] for i, value in enumerate(SAMPLE, 1)]
    rows += [["2021-06", "T01", "krav", "nej"]]  # another round must not count
    frame = audit_frame(rows, {"krav": rule})
    found = audit.measure(frame, "krav", rule, "2021-09")
    assert (found.sager, found.opfyldt, found.grundlag) == (10, met, base)
    assert found.andel == pytest.approx(met / base)
    assert squeeze(audit_words.status_text(rule, found)) == wording


def test_the_rules_are_the_case_reviews_rules():
    from taskforce_report.analyse.counting import Rule

    assert audit.RULES["hvor_relevant"] == Rule(delvist_opfyldt=False,
                                                ikke_relevant_i_grundlag=False)
    assert set(audit.RULES) == set(audit_words.WORDING)


def test_one_case_is_one_sag():
    frame = audit_frame([["2021-09", "S1", "krav", "ja"]], {"krav": "alle_sager"})
    found = audit.measure(frame, "krav", "alle_sager", "2021-09")
    assert squeeze(audit_words.status_text("alle_sager", found)) == (
        "100 % af sagerne (målt på 1 sag)")


def test_a_criterion_without_rows_in_the_round_is_not_measured_not_zero():
    frame = audit_frame([["2021-06", "S1", "krav", "ja"], ["2021-09", "S2", "andet", "nej"]],
                        {"krav": "hvor_relevant", "andet": "alle_sager"})
    found = audit.measure(frame, "krav", "hvor_relevant", "2021-09")
    assert found.andel is None and not found.maalt
    text = audit_words.status_text("hvor_relevant", found)
    assert text == "Ikke målt: kriteriet indgik ikke i ledelsestilsynet i september 2021"
    assert "0 %" not in text


def test_a_requirement_relevant_in_no_case_is_not_measured():
    rows = [["2021-09", f"S{i}", "krav", "ikke relevant"] for i in range(3)]
    frame = audit_frame(rows, {"krav": "hvor_relevant"})
    found = audit.measure(frame, "krav", "hvor_relevant", "2021-09")
    assert found.andel is None
    assert audit_words.status_text("hvor_relevant", found) == (
        "Ikke målt: kravet blev ikke vurderet relevant i nogen af de 3 sager i "
        "ledelsestilsynet i september 2021")


# ---- status against the milestone in force -----------------------------------------------

def test_milestone_in_force_is_the_latest_due_or_else_the_first_coming():
    ms = (auditgoals.MilestoneView(75, "2021-08", ""), auditgoals.MilestoneView(90, "2022-06", ""))
    assert auditgoals.milestone_in_force(ms, "2021-09") == (ms[0], False)
    assert auditgoals.milestone_in_force(ms, "2022-06") == (ms[1], False)
    assert auditgoals.milestone_in_force(ms, "2021-06") == (ms[0], True)
    assert auditgoals.milestone_in_force((), "2021-06") == (None, False)


@pytest.mark.parametrize("share, status", [
    (0.80, "opfyldt"),
    (0.745, "opfyldt"),  # printed 75 %: the status agrees with the printed figure
    (0.744, "naesten"),
    (0.65, "naesten"),  # 10 points below is still close
    (0.64, "ikke_opfyldt"),
    (None, "ikke_maalt"),
])
def test_classify(share, status):
    assert auditgoals.classify(share, 0.75, 10) == status


def test_mini_bundle_statuses(status_mini):
    from taskforce_report.build import prepare

    facts = prepare(status_mini).results.facts
    goals = {g.kriterium: g for g in facts["maal"]}
    assert [g.nr for g in facts["maal"]] == [1, 2, 3]
    samtale = goals["samtale"]  # 2 ja, 1 nej, 1 ikke relevant in 2021-09
    assert samtale.status == "naesten" and samtale.status_ord == "Tæt på"
    assert squeeze(samtale.status_tekst) == ("67 % af sagerne, hvor det vurderes relevant "
                                             "(målt på 3 sager)")
    assert [m.andel for m in samtale.maalinger] == [0.5, pytest.approx(2 / 3)]
    frist = goals["frist"]  # milestone December 2021 not yet due: shown, but no mark
    assert frist.kommende and frist.status is None and frist.status_ord == ""
    assert squeeze(frist.reference) == "50 % december 2021 (kommende)"
    assert frist.chart == "maal-2"  # measured in June and September
    plan = goals["plan"]  # rows only in June
    assert plan.status == "ikke_maalt" and plan.status_ord == "Ikke målt"
    assert plan.status_tekst.startswith("Ikke målt: kriteriet indgik ikke")
    assert squeeze(plan.reference) == "målet 100 %"
    assert plan.chart == ""  # only June was measured: one point is no trend, so no chart
    assert facts["tilsyn"].optalt == {"opfyldt": 0, "naesten": 1, "ikke_opfyldt": 0,
                                      "ikke_maalt": 1}
    assert facts["tilsyn"].uden_vurdering == 1
    assert goals["samtale"].anbefalinger[0].tema == "Handleplan"


def test_plan_chapter_has_one_section_per_development_point(status_mini):
    from taskforce_report.build import prepare

    doc = prepare(status_mini).document
    plan = doc.chapter("udviklingsplan")
    assert [s.title for s in plan.sections] == ["Inddragelse", "Underretninger"]
    assert [s.number for s in plan.sections] == ["3.1", "3.2"]
    assert doc.chapter("oevrige").title == "Udvalgets øvrige fokuspunkter"


# ---- input errors ------------------------------------------------------------------------

def test_audit_rows_are_checked_cell_by_cell():
    rows = [["sept 2021", "S1", "krav", "ja"],
            ["2021-09", "S2", "kraw", "ja"],
            ["2021-09", "S3", "krav", "måske"],
            ["2021-09", "S4", "krav", "Ikke_relevant"],
            ["2021-09", "S4", "krav", "ja"]]
    with pytest.raises(InputError) as caught:
        audit_frame(rows, {"krav": "alle_sager"})
    message = caught.value.format_message()
    assert "række 2, kolonne runde: 'sept 2021' er ikke en måned" in message
    assert "række 3, kolonne kriterium: 'kraw'" in message and "mente du 'krav'?" in message
    assert "række 4, kolonne vurdering: 'måske' er ikke en gyldig vurdering" in message
    assert "række 6: sag S4 er allerede vurderet på kriteriet krav i runden 2021-09" in message


def test_goal_naming_an_unknown_criterion(status_mini):
    from taskforce_report.build import prepare

    path = status_mini / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kriterium: frist",
                                                             "kriterium: frister"),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        prepare(status_mini)
    message = caught.value.format_message()
    assert "udviklingspunkter[1].maal[0].kriterium" in message
    assert "mente du 'frist'?" in message and "linje" in message


def test_counting_rule_must_be_one_of_the_names(status_mini):
    from taskforce_report.build import prepare

    path = status_mini / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("optaelling: alle_sager",
                                                             "optaelling: alle"),
                    encoding="utf-8")
    with pytest.raises(InputError, match="ledelsestilsyn.kriterier.plan.optaelling"):
        prepare(status_mini)


def test_missing_audit_file_is_an_error(status_mini):
    from taskforce_report.build import prepare

    (status_mini / "ledelsestilsyn.csv").unlink()
    with pytest.raises(InputError, match="ledelsestilsyn.csv: filen mangler"):
        prepare(status_mini)


# ---- the municipal theme -----------------------------------------------------------------

def test_kommune_theme_extends_socialstyrelsen_and_takes_the_bundles_look(tmp_path):
    theme = load_theme("kommune")
    assert [f.name for f in theme.folders] == ["kommune", "socialstyrelsen"]
    assert theme.logo is None  # never Socialstyrelsen's logo on a municipal document
    assert theme.colours["opfyldt"] == load_theme("socialstyrelsen").colours["opfyldt"]
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    own = with_overrides(theme, {"udgiver": "Åby Kommune", "farver": {"primaer": "#112233"},
                                 "logo": "logo.svg"}, tmp_path)
    assert own.publisher == "Åby Kommune"
    assert own.colours["primaer"] == "#112233"
    assert own.colours["accent"] == theme.colours["accent"]  # only where it differs
    assert own.logo == (tmp_path / "logo.svg").resolve()
    assert [s.name for s in own.stylesheets()] == ["rapport.css", "kommune.css"]


def test_theme_overrides_are_checked(tmp_path):
    theme = load_theme("kommune")
    with pytest.raises(InputError, match="udseende.farver.primer: ukendt farve"):
        with_overrides(theme, {"farver": {"primer": "#112233"}}, tmp_path)
    with pytest.raises(InputError, match="filen 'logo.svg' findes ikke i bundtet"):
        with_overrides(theme, {"logo": "logo.svg"}, tmp_path)
    with pytest.raises(InputError, match="brug tema: kommune"):
        with_overrides(load_theme("socialstyrelsen"), {"farver": {"primaer": "#112233"}},
                       tmp_path)


@pytest.mark.parametrize("key, value, expected", [
    ("logo", "../logo.svg", "skal være en fil i bundtet"),
    ("logo", "logo.exe", "SVG-, PNG- eller JPEG-fil"),
    ("farver", {"primaer": "red; } body { display: none"}, "#RRGGBB"),
])
def test_appearance_values_are_validated(status_mini, key, value, expected):
    import yaml

    from taskforce_report.build import prepare

    path = status_mini / "rapport.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["udseende"] = {key: value}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=expected):
        prepare(status_mini)


# ---- the example, end to end -------------------------------------------------------------

@pytest.fixture(scope="session")
def status_outputs(tmp_path_factory) -> dict[str, Path]:
    from taskforce_report.build import build

    out = tmp_path_factory.mktemp("status")
    return {"pdf": build(EXAMPLE_STATUS, out), "notat": build(EXAMPLE_STATUS, out, "notat")}


@pytest.fixture(scope="session")
def status_facts():
    from taskforce_report.build import prepare

    return prepare(EXAMPLE_STATUS).results.facts


def test_example_has_seven_points_about_twenty_goals_and_three_rounds(status_facts):
    assert len(status_facts["udviklingspunkter"]) == 7
    assert 18 <= len(status_facts["maal"]) <= 22
    assert [r.runde for r in status_facts["tilsyn"].runder] == ["2021-06", "2021-09", "2021-12"]
    statuses = {g.status for g in status_facts["maal"]}
    # None: a goal whose first milestone is still to come is shown without a mark
    assert statuses == {"opfyldt", "naesten", "ikke_opfyldt", "ikke_maalt", None}
    for goal in status_facts["maal"]:
        assert (goal.status is None) == goal.kommende, goal.kort


def test_status_report_pdf(status_outputs, status_facts):
    path = status_outputs["pdf"]
    assert path.name == "statusrapport.pdf"
    pages = pdf_pages(path)
    assert "Status på udviklingsplanen" in pages[0] and "Fjordlund Kommune" in pages[0]
    assert "AFDELING BØRN OG FAMILIE" in pages[0].upper() and "10. januar 2022" in pages[0]
    text = " ".join(pages)
    for point in status_facts["udviklingspunkter"]:
        assert point.titel in text
    assert "Mål Milepæl Status december 2021" in text
    for goal in status_facts["maal"]:
        assert squeeze(goal.status_tekst) in text, goal.status_tekst
    assert "Ikke målt: kriteriet indgik ikke i ledelsestilsynet i december 2021" in text
    assert "Svarer på Task Forcens anbefaling 1 under underretninger" in text
    for word in ("Opfyldt", "Tæt på", "Ikke opfyldt", "Ikke målt"):
        assert word in text
    assert "Udvalgets øvrige fokuspunkter" in text and "Fysiske rammer" in text
    assert f"Side 2 af {len(pages)}" in pages[1]


def test_overview_of_all_goals_is_one_page(status_outputs, status_facts):
    pages = pdf_pages(status_outputs["pdf"])
    overview = [p for p in pages if "Overblik over målene Af udviklingsplanens" in p]
    assert len(overview) == 1
    page = overview[0]
    for goal in status_facts["maal"]:
        assert goal.kort in page, goal.kort
    assert "Afsnit 1.2 forklarer optællingen" in page


def test_every_goal_has_its_chart_with_milestones_in_the_text(status_outputs, status_facts):
    text = " ".join(pdf_pages(status_outputs["pdf"]))
    for goal in status_facts["maal"]:
        assert f"Mål {goal.nr}. {goal.kort}" in text
    assert "Milepæl" in text and "Mål 100 %" in text  # chart legends are text


def test_logo_comes_from_the_bundle(status_outputs):
    from taskforce_report.build import prepare, render

    prepared = prepare(EXAMPLE_STATUS)
    html, _ = render(prepared, "pdf")
    assert (EXAMPLE_STATUS / "logo.svg").resolve().as_uri() in html
    assert 'alt="Fjordlund Kommunes logo"' in html
    assert "--farve-primaer: #1F4E5F;" in html


def test_committee_memo(status_outputs):
    path = status_outputs["notat"]
    assert path.name == "statusrapport-notat.pdf"
    pages = pdf_pages(path)
    assert len(pages) <= 4
    text = " ".join(pages)
    for heading in ("Møde i Børne- og Ungeudvalget d. 24. januar 2022",
                    "5. Status på udviklingsplanen for Afdeling Børn og Familie (O)",
                    "Sagsnr.: 27.00.00-A00-3-21", "Dok.nr.: 2022-004711", "Åbent",
                    "Kompetence: Børne- og Ungeudvalget", "Beslutningstema", "Baggrund",
                    "Retligt grundlag", "Handlemuligheder", "Status på målene", "Vurdering",
                    "Økonomiske og personalemæssige konsekvenser",
                    "Konsekvenser for andre udvalg", "Indstilling",
                    "at Børne- og Ungeudvalget tager status på udviklingsplanen til orientering"):
        assert heading in text, heading
    assert "Ikke målt" in text and "Tæt på" in text
    assert text.index("Handlemuligheder") < text.index("Status på målene") < text.index(
        "Vurdering")


def test_memo_manifest_records_the_format(status_outputs):
    import json

    attachments = PdfReader(status_outputs["notat"]).attachments
    manifest = json.loads(attachments["manifest.json"][0])
    assert manifest["format"] == "notat" and manifest["document"] == "statusrapport"
    assert "format" not in json.loads(PdfReader(status_outputs["pdf"]).attachments[
        "manifest.json"][0])


def test_cli_builds_the_memo_and_refuses_it_for_an_analysis_report(tmp_path, status_mini, mini):
    runner = CliRunner()
    result = runner.invoke(main, ["build", "-q", str(status_mini), "-o", str(tmp_path),
                                  "--format", "notat"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "statusrapport-notat.pdf").is_file()
    text = " ".join(pdf_pages(tmp_path / "statusrapport-notat.pdf"))
    assert "3. Status på udviklingsplanen" in text  # the item's title defaults to the report's
    assert "Børneudvalget skal tage status på udviklingsplanen" in text
    result = runner.invoke(main, ["build", "-q", str(mini), "-o", str(tmp_path / "a"),
                                  "--format", "notat"])
    assert result.exit_code == 1
    assert "dokumenttypen analyserapport har intet notat" in result.output
    assert not (tmp_path / "a").exists()


def test_memo_needs_the_notat_key(tmp_path, status_mini):
    path = status_mini / "rapport.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("notat:")], encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-q", str(status_mini), "-o", str(tmp_path),
                                       "--format", "notat"])
    assert result.exit_code == 1 and "rapport.yaml: notat: mangler" in result.output


def test_verify_and_regenerate_rebuild_the_memo(status_outputs, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["verify", str(status_outputs["notat"])])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["regenerate", str(status_outputs["notat"]), "-o",
                                  str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "statusrapport-notat.pdf").is_file()


def test_html_rendition_of_the_status_report(tmp_path):
    from taskforce_report.build import build

    target = build(EXAMPLE_STATUS, tmp_path, "html")
    html = target.read_text(encoding="utf-8")
    assert target.name == "statusrapport.html"
    assert 'src="assets/logo.svg"' in html and (tmp_path / "assets" / "logo.svg").is_file()
    assert 'class="status status-ikke_maalt"' in html and "Ikke målt" in html


@pytest.mark.parametrize("value, month", [("2021-9", "2021-09"), ("2021-09", "2021-09"),
                                          ("2021-09-01", "2021-09"),
                                          ("2021-09-01 00:00:00", "2021-09")])
def test_rounds_are_months_however_a_spreadsheet_writes_them(value, month):
    from taskforce_report.models import month_key

    assert month_key(value) == month

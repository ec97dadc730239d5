"""A course (issue 19): forloeb.yaml and one bundle per document; shared data never copied
(the TF status report's baseline from the analysis bundle, one audit log counted up to each
status report's date), recommendations looked up in the analysis report, the course's checks,
the trace, and `build`/`validate COURSE`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import ROOT, check_marked_content, embedded_fonts, pdf_pages, squeeze

from taskforce_report.build import prepare
from taskforce_report.cli import main
from taskforce_report.core.errors import InputError
from taskforce_report.load import course

EXAMPLE = ROOT / "input" / "eksempel-forloeb"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "forloeb"
    shutil.copytree(EXAMPLE, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# ---- shared data ------------------------------------------------------------------------

def test_the_tf_status_takes_its_baseline_from_the_analysis_bundle(copy):
    status = prepare(copy / "taskforce-status").results.facts["statusmaaling"].sammenligning
    analysis = prepare(copy / "analyse").results.facts["sagsgennemgang"]
    for group in status.grupper:
        for c in group.kriterier:
            assert c.baseline.andel == analysis.criterion(c.id).andel, c.id
    assert status.sager[0] == analysis.sager == 20
    # one row of the analysis bundle changed: the TF status's baseline follows, nothing else
    before = status.criterion("bfu_4_mdr").baseline
    csv = copy / "analyse" / "sagsgennemgang.csv"
    rows = csv.read_text(encoding="utf-8").splitlines()
    i = next(i for i, r in enumerate(rows) if ";bfu_4_mdr;nej;" in r)
    rows[i] = rows[i].replace(";bfu_4_mdr;nej;", ";bfu_4_mdr;ja;")
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    after = prepare(copy / "taskforce-status").results.facts["statusmaaling"].sammenligning
    moved = after.criterion("bfu_4_mdr").baseline
    assert (moved.opfyldt, moved.relevante) == (before.opfyldt + 1, before.relevante)


def test_the_analysis_results_can_be_cited_by_the_tf_status(copy):
    prepared = prepare(copy / "taskforce-status")
    facts = prepared.results.facts
    analysis = prepare(copy / "analyse").results.facts["sagsgennemgang"]
    share = analysis.criterion("bfu_4_mdr").andel
    from taskforce_report.core import language

    assert squeeze(f"Ved analysen i 2019 var undersøgelsen afsluttet inden for fire måneder i "
                   f"{language.percent(share)} af sagerne") in squeeze(facts["samlet_vurdering"])


def test_the_course_period_and_the_analysis_date_are_not_typed_again(copy):
    facts = prepare(copy / "taskforce-status").results.facts
    assert facts["forloeb"].fra == "15. januar 2020"
    assert facts["forloeb"].analyserapport == "20. november 2019"


def test_each_status_report_counts_the_shared_audit_up_to_its_own_date(copy):
    first = prepare(copy / "status-2021-07").results.facts["tilsyn"]
    second = prepare(copy / "status-2022-01").results.facts["tilsyn"]
    assert [r.runde for r in first.runder] == ["2021-06"]
    assert [r.runde for r in second.runder] == ["2021-06", "2021-09", "2021-12"]
    assert not (copy / "status-2021-07" / "ledelsestilsyn.csv").exists()


def test_a_copied_audit_log_beside_the_shared_one_is_an_error(copy):
    shutil.copy(copy / "ledelsestilsyn.csv", copy / "status-2022-01" / "ledelsestilsyn.csv")
    with pytest.raises(InputError, match="forløbet har sit eget ledelsestilsyn.csv"):
        prepare(copy / "status-2022-01")


def test_the_tf_status_writes_no_baseline_rows_of_its_own(copy):
    csv = copy / "taskforce-status" / "sagsgennemgang.csv"
    edit(csv, "status;", "baseline;")
    with pytest.raises(InputError) as error:
        prepare(copy / "taskforce-status")
    assert "sagsgennemgang.csv: række 2, kolonne runde: baselinemålingen hentes fra " \
           "analysebundtet (analyse/sagsgennemgang.csv)" in str(error.value)


# ---- recommendations: looked up, never retyped --------------------------------------------

def test_a_goal_takes_the_recommendations_wording_from_the_analysis_report(copy):
    rapport = copy / "analyse" / "rapport.yaml"
    edit(rapport, "Udarbejder retningslinjer for screening og dokumentation af underretninger.",
         "Udarbejder skriftlige retningslinjer for screening af underretninger.")
    for folder in ("status-2021-07", "status-2022-01"):
        goals = prepare(copy / folder).results.facts["maal"]
        texts = [r.tekst for g in goals for r in g.anbefalinger if r.tema_id == "underretninger"
                 and r.nr == 1]
        assert texts == ["Udarbejder skriftlige retningslinjer for screening af underretninger."]
    plan = prepare(copy / "udviklingsplan").results.facts["indsatsomraader"]
    quoted = [r.tekst for a in plan for r in a.anbefalinger
              if r.navn == "Underretninger, anbefaling 1"]
    assert quoted == ["Udarbejder skriftlige retningslinjer for screening af underretninger."]
    trace = prepare(copy / "taskforce-status").results.facts["sporing"]
    entry = next(e for e in trace.entries if (e.tema_id, e.nr) == ("underretninger", 1))
    assert entry.tekst.startswith("Udarbejder skriftlige retningslinjer")


def test_a_recommendation_the_analysis_report_does_not_have_is_an_error(copy):
    rapport = copy / "status-2022-01" / "rapport.yaml"
    edit(rapport, "{tema: underretninger, nr: 1}", "{tema: underretninger, nr: 7}")
    edit(rapport, "{tema: opfoelgning, nr: 1}", "{tema: tidlig_indsats, nr: 1}")
    result = run("validate", str(copy / "status-2022-01"))
    assert result.exit_code == 1
    out = squeeze(result.output)
    assert ("rapport.yaml, linje 246: udviklingspunkter[4].maal[0].anbefalinger[0]: anbefaling "
            "underretninger nr. 7 findes ikke: analyserapporten har 2 anbefalinger under temaet "
            "underretninger") in out
    # a theme of another concept: the analysis report's themes are suggested
    assert ("anbefaling tidlig_indsats nr. 1 findes ikke: analyserapporten har ingen "
            "anbefalinger under temaet 'tidlig_indsats'") in out
    edit(rapport, "{tema: inddragelse, nr: 1}", "{tema: inddragelsen, nr: 1}")
    result = run("validate", str(copy / "status-2022-01"))
    assert "tema: ukendt tema 'inddragelsen' — mente du 'inddragelse'?" in result.output
    assert "Traceback" not in result.output


def test_a_retyped_wording_that_differs_is_an_error(copy):
    rapport = copy / "status-2022-01" / "rapport.yaml"
    edit(rapport, "{tema: underretninger, nr: 1}",
         "{tema: underretninger, nr: 1, tekst: Laver retningslinjer.}")
    result = run("validate", str(copy / "status-2022-01"))
    assert result.exit_code == 1
    assert ("tekst: teksten afviger fra analyserapportens anbefaling underretninger nr. 1, "
            "»Udarbejder retningslinjer for screening") in squeeze(result.output)
    # the same wording, retyped with other line breaks, is accepted
    edit(rapport, "tekst: Laver retningslinjer.}",
         "tekst: 'Udarbejder  retningslinjer for screening og dokumentation af "
         "underretninger.'}")
    assert run("validate", str(copy / "status-2022-01")).exit_code == 0


# ---- the course's own checks: one line each, nothing written ------------------------------

@pytest.mark.parametrize("damage, expected", [
    (lambda c: (c / "forloeb.yaml").unlink(), "mappen har ingen forloeb.yaml"),
    (lambda c: (c / "noter").mkdir(), "noter: undermappen er ikke et bundt (ingen rapport.yaml)"),
    (lambda c: shutil.copytree(c / "analyse", c / "analyse-2"),
     "analyse-2/rapport.yaml, linje 1: dokument: forløbet har allerede analyserapporten i "
     "analyse/; et forløb har én"),
    (lambda c: edit(c / "status-2021-07" / "rapport.yaml", "kommune: Skovbæk Kommune",
                    "kommune: Fjordlund Kommune"),
     "status-2021-07/rapport.yaml, linje 5: kommune: 'Fjordlund Kommune' er ikke forløbets "
     "kommune, 'Skovbæk Kommune' (forloeb.yaml)"),
    (lambda c: edit(c / "status-2021-07" / "rapport.yaml", "dato: 2021-07-05",
                    "dato: 2019-07-05"),
     "status-2021-07/rapport.yaml, linje 8: dato: statusrapporten er dateret 5. juli 2019, "
     "før analyserapporten i analyse/ (20. november 2019)"),
    (lambda c: edit(c / "status-2022-01" / "rapport.yaml",
                    "boernesamtale: {navn: Børnesamtale afholdt, optaelling: hvor_relevant}",
                    "boernesamtale: {navn: Børnesamtale afholdt, optaelling: alle_sager}"),
     "status-2022-01/rapport.yaml, linje 43: ledelsestilsyn.kriterier.boernesamtale.optaelling: "
     "'alle_sager' er ikke den regel, udviklingsplan/ tæller kriteriet efter ('hvor_relevant'); "
     "et kriterium tælles på én måde i hele forløbet"),
])
def test_a_broken_course_is_one_line_each_and_nothing_is_written(copy, tmp_path, damage,
                                                                  expected):
    damage(copy)
    out = tmp_path / "ud"
    for command in (["build", str(copy), "-o", str(out)], ["validate", str(copy)]):
        result = run(*command)
        assert result.exit_code == 1, result.output
        assert expected in squeeze(result.output)
        assert "Traceback" not in result.output
    assert not out.exists()


def test_a_missing_document_a_reference_needs_is_named(copy):
    shutil.rmtree(copy / "analyse")
    result = run("validate", str(copy / "taskforce-status"))
    assert result.exit_code == 1
    assert ("forløbet forloeb/ har ingen analyserapporten, som Task Forcens statusrapport "
            "tager baselinemålingen fra") in result.output


def test_a_bundle_outside_a_course_is_as_before():
    assert course.for_bundle(ROOT / "input" / "eksempel-tf-status") is None
    facts = prepare(ROOT / "input" / "eksempel-status").results.facts
    assert facts["sporing"] is None


# ---- the trace and the whole course -------------------------------------------------------

def test_validate_course_prints_every_recommendation_in_the_trace():
    result = run("validate", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    analysis = course.read(EXAMPLE).recommendations()
    assert len(analysis) == 16
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Sporing:"))
    table = "\n".join(lines[start:])
    for tema, nr in analysis:
        heading = course.read(EXAMPLE).theme_heading(tema)
        assert f"{heading[:20]}" in table and f" {nr}: " in table
    assert "16 anbefalinger" in lines[-1]
    for folder in ("ansoegning", "analyse", "udviklingsplan", "status-2021-07",
                   "status-2022-01", "taskforce-status"):
        assert any(line.split()[1:2] == [folder] and line.rstrip().endswith("ok")
                   for line in lines), folder


def test_build_course_builds_every_document_with_the_trace(tmp_path):
    out = tmp_path / "ud"
    result = run("build", str(EXAMPLE), "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert written == [
        "analyse/analyserapport.pdf", "ansoegning/ansoegning.pdf",
        "status-2021-07/statusrapport-notat.pdf", "status-2021-07/statusrapport-slides.pdf",
        "status-2021-07/statusrapport.pdf", "status-2022-01/statusrapport-notat.pdf",
        "status-2022-01/statusrapport-slides.pdf", "status-2022-01/statusrapport.pdf",
        "taskforce-status/taskforce-status.pdf", "udviklingsplan/udviklingsplan.pdf"]
    assert "6 bygget, 0 fejlede" in result.output
    for path in written:  # each in the theme's fonts (the logos named DejaVu Sans once)
        with pikepdf.open(out / path) as pdf:
            assert not [f for f in embedded_fonts(pdf) if "DejaVu" in f], path
            check_marked_content(pdf)  # running heads as artifacts, every MCID in the tree
    plan = squeeze(" ".join(pdf_pages(out / "udviklingsplan" / "udviklingsplan.pdf")))
    # the recommendation quoted from the analysis report, the activity table's columns
    assert ("Underretninger, anbefaling 1: »Udarbejder retningslinjer for screening og "
            "dokumentation af underretninger.«") in plan
    assert "Aktivitet Målgruppe Formål Ansvarlig/ leverandør Start Slut" in plan
    assert ("Retningslinjer og screeningsskema Svarer på Underretninger 1 Modtagelse og "
            "Visitation Ens vurdering og dokumentation Teamleder, Modtagelse og Visitation "
            "mar. 2020 jun. 2020") in plan
    assert "Fjordlund" not in plan
    text = squeeze(" ".join(pdf_pages(out / "taskforce-status" / "taskforce-status.pdf")))
    assert "Fra anbefaling til status" in text
    assert "Bilaget følger hver af analyserapportens seksten anbefalinger" in text
    assert "Ingen aktivitet eller mål svarer på anbefalingen." in text
    # the plan's activities in the trace
    assert "Retningslinjer og screeningsskema" in text
    status = squeeze(" ".join(pdf_pages(out / "status-2022-01" / "statusrapport.pdf")))
    assert "Udarbejder retningslinjer for screening og dokumentation af underretninger." in status


# ---- the development plan -----------------------------------------------------------------

def test_new_fra_analyse_scaffolds_a_plan_with_one_entry_per_recommendation(tmp_path):
    target = tmp_path / "plan"
    result = run("new", str(target), "--fra-analyse", str(EXAMPLE / "analyse"))
    assert result.exit_code == 0, result.output
    text = (target / "rapport.yaml").read_text(encoding="utf-8")
    analysis = course.read(EXAMPLE).recommendations()
    for tema, nr in analysis:
        assert f"anbefalinger: [{{tema: {tema}, nr: {nr}}}]" in text
    # the wording is not copied into the plan's data (a comment to write the activity from)
    assert "tekst:" not in text
    assert "# anbefaling 1: »Udarbejder retningslinjer for screening" in text
    assert run("validate", str(target)).exit_code == 0
    # never over an existing bundle
    again = run("new", str(target), "--fra-analyse", str(EXAMPLE / "analyse"))
    assert again.exit_code == 1 and "findes allerede" in again.output
    wrong = run("new", str(tmp_path / "x"), "--fra-analyse", str(EXAMPLE / "status-2022-01"))
    assert wrong.exit_code == 1
    assert "forventede et analysebundt (dokument: analyserapport); fandt statusrapport" in \
        wrong.output


def test_the_plan_checks_its_goals_criteria_and_recommendations(copy):
    rapport = copy / "udviklingsplan" / "rapport.yaml"
    edit(rapport, "kriterium: boernesamtale", "kriterium: boernesamtal")
    edit(rapport, "anbefalinger: [{tema: opfoelgning, nr: 1}]",
         "anbefalinger: [{tema: opfoelgning, nr: 2}]")
    result = run("validate", str(copy / "udviklingsplan"))
    assert result.exit_code == 1
    assert "'boernesamtal' er ikke et kriterium under ledelsestilsyn.kriterier — mente du " \
           "'boernesamtale'?" in result.output
    edit(rapport, "kriterium: boernesamtal", "kriterium: boernesamtale")
    result = run("validate", str(copy / "udviklingsplan"))
    assert ("indsatsomraader[4].aktiviteter[1].anbefalinger[0]: anbefaling opfoelgning nr. 2 "
            "findes ikke: analyserapporten har 1 anbefaling under temaet opfoelgning") in \
        squeeze(result.output)


def test_an_activity_ending_before_it_starts_is_an_error(copy):
    rapport = copy / "udviklingsplan" / "rapport.yaml"
    edit(rapport, "start: 2020-03\n        slut: 2020-06", "start: 2020-08\n        slut: 2020-06")
    result = run("validate", str(copy / "udviklingsplan"))
    assert result.exit_code == 1
    assert "slut (2020-06) ligger før start (2020-08)" in result.output


def _status_from_plan(copy: Path, extra: str = "") -> Path:
    bundle = copy / "status-plan"
    bundle.mkdir()
    (bundle / "rapport.yaml").write_text(
        "dokument: statusrapport\nkommune: Skovbæk Kommune\nafdeling: Afdeling Børn og "
        "Familie\nudvalg: Børne- og Ungeudvalget\ndato: 2021-12-20\n" + extra +
        "udviklingspunkter:\n  - titel: Underretninger\n    indsatsomraade: Underretninger\n",
        encoding="utf-8")
    return bundle


def test_a_status_report_may_take_its_goals_from_the_plan(copy):
    facts = prepare(_status_from_plan(copy)).results.facts
    goals = facts["maal"]
    assert [g.kort for g in goals] == ["Underretning vurderet inden for 24 timer",
                                       "Tilbagemelding til fagperson"]
    # measured in the course's audit log, up to December 2021, and traced
    assert goals[0].seneste.runde == "2021-12" and goals[0].seneste.grundlag == 28
    assert goals[0].anbefalinger[0].tekst.startswith("Udarbejder retningslinjer for screening")
    entry = next(e for e in facts["sporing"].entries if (e.tema_id, e.nr) == ("underretninger",
                                                                                1))
    assert [g.nr for g in entry.maal] == [1]


def test_a_plan_area_that_does_not_exist_or_another_rule_is_an_error(copy):
    bundle = _status_from_plan(copy)
    edit(bundle / "rapport.yaml", "indsatsomraade: Underretninger",
         "indsatsomraade: Underretning")
    result = run("validate", str(bundle))
    assert result.exit_code == 1
    assert ("udviklingspunkter[0].indsatsomraade: udviklingsplanen har intet indsatsområde "
            "'Underretning' — mente du 'Underretninger'?") in result.output
    shutil.rmtree(bundle)
    bundle = _status_from_plan(copy, "ledelsestilsyn:\n  kriterier:\n    vurdering_24_timer: "
                                     "{navn: Vurderet, optaelling: hvor_relevant}\n")
    result = run("validate", str(bundle))
    assert result.exit_code == 1
    assert ("status-plan/rapport.yaml, linje 8: ledelsestilsyn.kriterier.vurdering_24_timer."
            "optaelling: 'hvor_relevant' er ikke den regel, udviklingsplan/ tæller kriteriet "
            "efter ('alle_sager'); et kriterium tælles på én måde i hele forløbet") in \
        squeeze(result.output)


@pytest.mark.parametrize("folder, name", [("taskforce-status", "taskforce-status.pdf"),
                                          ("status-2022-01", "statusrapport.pdf")])
def test_a_course_document_is_verified_and_regenerated_from_its_pdf_alone(tmp_path, folder,
                                                                         name):
    """The PDF carries the course's files it read under forloeb/ (coursefiles.py): verify and
    regenerate lay the course out again around the document and build it from there."""
    from taskforce_report.output import archive

    out = tmp_path / "ud"
    built = run("build", str(EXAMPLE / folder), "-o", str(out), "-q")
    assert built.exit_code == 0, built.output
    pdf = out / name
    embedded = archive.read_embedded(pdf)
    assert embedded.manifest["forloeb"] == {"mappe": "eksempel-forloeb", "dokument": folder}
    assert embedded.files["forloeb/forloeb.yaml"] == (EXAMPLE / "forloeb.yaml").read_bytes()
    assert embedded.files["forloeb/ledelsestilsyn.csv"] == \
        (EXAMPLE / "ledelsestilsyn.csv").read_bytes()
    assert embedded.files["forloeb/analyse/sagsgennemgang.csv"] == \
        (EXAMPLE / "analyse" / "sagsgennemgang.csv").read_bytes()
    assert "forloeb/analyse/rapport.yaml" in embedded.files
    assert "rapport.yaml" in embedded.files  # the document's own files keep their names
    assert not [n for n in embedded.files if n.startswith(f"forloeb/{folder}/")]
    assert set(embedded.manifest["files"]) == set(embedded.files)
    alone = run("verify", str(pdf))
    assert alone.exit_code == 0, alone.output
    assert "identisk" in alone.output
    again = run("regenerate", str(pdf), "-o", str(tmp_path / "r"))
    assert again.exit_code == 0, again.output
    assert (tmp_path / "r" / name).read_bytes() == pdf.read_bytes()
    course_root = tmp_path / "r" / "forloeb" / "eksempel-forloeb"
    assert (course_root / "forloeb.yaml").is_file()
    assert (course_root / folder / "rapport.yaml").is_file()
    assert (course_root / "analyse" / "sagsgennemgang.csv").read_bytes() == \
        (EXAMPLE / "analyse" / "sagsgennemgang.csv").read_bytes()


def test_the_guard_reads_the_course_files_a_document_carries(copy, tmp_path):
    """A CPR number in a comment of forloeb.yaml or in a sibling's case review would travel in
    every document's PDF: the guard refuses it there, naming the file in the course."""
    text = (copy / "forloeb.yaml").read_text(encoding="utf-8")
    (copy / "forloeb.yaml").write_text(text + "# sag 010203-1234\n", encoding="utf-8")
    result = run("build", str(copy / "udviklingsplan"), "-o", str(tmp_path / "ud"), "-q")
    assert result.exit_code == 1, result.output
    assert "forloeb/forloeb.yaml" in result.output and "CPR-nummer" in result.output
    assert not (tmp_path / "ud").exists()


def test_one_failing_document_does_not_stop_the_others(copy, tmp_path):
    # a goal naming an unknown criterion breaks status-2021-07 only
    edit(copy / "status-2021-07" / "rapport.yaml", "kriterium: tragtmodel",
         "kriterium: tragtmodellen")
    out = tmp_path / "ud"
    result = run("build", str(copy), "-o", str(out), "-q")
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "status-2021-07" in x)
    assert "FEJL: rapport.yaml, linje" in line and "'tragtmodellen' er ikke et kriterium" in line
    assert "5 bygget, 1 fejlede" in result.output
    assert not (out / "status-2021-07").exists()
    assert (out / "taskforce-status" / "taskforce-status.pdf").is_file()
    assert (out / "status-2022-01" / "statusrapport-slides.pdf").is_file()


def test_a_plan_outside_a_course_names_its_recommendations_without_their_wording(tmp_path):
    from taskforce_report.build import render

    bundle = tmp_path / "plan"
    shutil.copytree(EXAMPLE / "udviklingsplan", bundle)
    result = run("validate", str(bundle))
    assert result.exit_code == 1
    assert ("indsatsomraader[3].formaal: {analyse.…} henviser til analyserapporten i planens "
            "forløb, men planen ligger ikke i et forløb") in result.output
    rapport = bundle / "rapport.yaml"
    text = rapport.read_text(encoding="utf-8")
    rapport.write_text(text[:text.index(" I Task Forcens sagsgennemgang")]
                       + text[text.index("begrundet stillingtagen.") + 24:], encoding="utf-8")
    prepared = prepare(bundle)
    assert prepared.bundle.course is None
    page, _ = render(prepared, flavour="html")
    text = squeeze(page)
    assert "Underretninger, anbefaling 1:</span> (ordlyden står i analyserapporten)" in text


def test_an_error_in_a_sibling_bundle_names_its_folder(copy):
    edit(copy / "analyse" / "rapport.yaml", "koncept: pejlemaerker", "koncept: pejlemaerker\n"
         "ukendt_noegle: 1")
    result = run("validate", str(copy / "taskforce-status"))
    assert result.exit_code == 1
    assert "analyse/rapport.yaml, linje" in result.output and "ukendt_noegle" in result.output


def test_the_plan_cites_the_analysis_reports_results(copy):
    facts = prepare(copy / "udviklingsplan").results.facts
    area = next(a for a in facts["indsatsomraader"] if a.titel == "Børnefaglige undersøgelser")
    assert squeeze("afsluttet inden for fire måneder i 38 % af sagerne, hvor det var relevant, "
                   "og 31 % af undersøgelserne") in squeeze(area.formaal)
    edit(copy / "udviklingsplan" / "rapport.yaml", "{analyse.sagsgennemgang.bfu_4_mdr.andel}",
         "{analyse.sagsgennemgang.bfu_4mdr.andel}")
    result = run("validate", str(copy / "udviklingsplan"))
    assert result.exit_code == 1
    assert ("indsatsomraader[3].formaal: ukendt henvisning {analyse.sagsgennemgang.bfu_4mdr.andel}"
            " — mente du {analyse.sagsgennemgang.bfu_4_mdr.andel}?") in result.output

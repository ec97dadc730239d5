"""`new DIR --fra-analyse ANALYSE_BUNDLE`: a development plan's rapport.yaml scaffolded from an
analysis bundle, one focus area per theme with recommendations and one activity per
recommendation (the plan's model and facts are plan.py's).

A tool above the pipeline: it loads a bundle and writes a file, which plan.py, loaded as part
of every bundle, must not do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from taskforce_report.core import language
from taskforce_report.core.errors import input_error
from taskforce_report.core.safeio import present
from taskforce_report.documents.analyserapport import ANALYSIS_REPORT
from taskforce_report.load.bundle import REPORT_FILE, concept_of
from taskforce_report.load.course import COURSE_FILE, load_bundle
from taskforce_report.models.plan import DOCUMENT
from taskforce_report.output.pdf import write_atomic
from taskforce_report.tools.scaffold import _check_new


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plan_yaml(analysis, today: dt.date, in_course: bool) -> str:
    """rapport.yaml of a plan with one focus area per theme of the analysis report that has
    recommendations, and one activity per recommendation, naming it by {tema, nr}. The wording
    is never copied into the plan: inside a course it is looked up, outside one it stands as a
    comment to write the activity from."""
    report = analysis.report
    themes = concept_of(analysis).themes
    lines = [
        "# Udviklingsplanen: indsatsområder med aktiviteter og mål, der svarer på Task Forcens",
        "# anbefalinger. Hver aktivitet nævner den anbefaling, den svarer på, med tema og nr.;",
        "# ordlyden hentes fra analyserapporten" + (" i forløbet, så den aldrig tastes igen."
                                                    if in_course else
                                                    ", når planen ligger i et forløb."),
        "# Se docs/bundle-format.md.",
        f"dokument: {DOCUMENT}",
        f"kommune: {report.kommune}",
        "afdeling: Familieafdelingen",
        "udvalg: Børne- og Familieudvalget",
        f"dato: {today.isoformat()}",
        "tema: kommune",
        "titel: Udviklingsplan",
        "",
        "indledning: |",
        f"  Udviklingsplanen følger op på Task Forcens analyse af {report.kommune} fra "
        f"{language.date(report.dato)}.",
        "",
        "ledelsestilsyn:",
        "  # de kriterier, målene måles på i ledelsestilsynet (navn og optælling)",
        "  kriterier: {}",
        "",
        "indsatsomraader:",
    ]
    for theme_id, text in report.temaer.items():
        if not text.anbefalinger:
            continue
        heading = themes[theme_id].overskrift if theme_id in themes else theme_id
        lines += [f"  - titel: {_quoted(heading)}", "    aktiviteter:"]
        for nr, wording in enumerate(text.anbefalinger, start=1):
            comment = " ".join(wording.split())
            lines += [
                f"      # anbefaling {nr}: »{comment}«",
                f"      - aktivitet: {_quoted(f'Aktivitet til anbefaling {nr} (skriv den)')}",
                "        maalgruppe: \"\"",
                "        formaal: \"\"",
                "        ansvarlig: \"\"",
                "        start: null   # ÅÅÅÅ-MM",
                "        slut: null",
                f"        anbefalinger: [{{tema: {theme_id}, nr: {nr}}}]",
            ]
        lines.append("    maal: []")
    return "\n".join(lines) + "\n"


def from_analysis(directory: Path, analysis_path: Path, today: dt.date | None = None) -> list:
    """Scaffolds DIRECTORY/rapport.yaml for a plan from the analysis bundle, checked first as
    `validate` checks it; refuses to overwrite."""
    analysis = load_bundle(Path(analysis_path))
    if analysis.document != ANALYSIS_REPORT.dokument:
        raise input_error(str(analysis_path), "dokument", f"forventede et analysebundt "
                          f"(dokument: {ANALYSIS_REPORT.dokument}); fandt {analysis.document}")
    if not any(t.anbefalinger for t in analysis.report.temaer.values()):
        raise input_error(f"{analysis_path}/{REPORT_FILE}", "temaer", "analyserapporten har "
                          "ingen anbefalinger under temaerne; planen svarer på dem")
    directory = Path(directory)
    target = directory / REPORT_FILE
    _check_new(directory)
    in_course = present(directory.resolve().parent / COURSE_FILE)
    text = plan_yaml(analysis, today or dt.date.today(), in_course)
    write_atomic(target, text)
    return [target]

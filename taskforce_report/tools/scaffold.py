"""`taskforce-report new`: a bundle with every required key and the themes stubbed.

Written as commented YAML text rather than dumped, so the new user sees what each key is for.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import yaml

from taskforce_report import catalogues
from taskforce_report.core import language
from taskforce_report.core.errors import InputError, Problem, input_error
from taskforce_report.load.workbook import SHEETS, WORKBOOK, write_template
from taskforce_report.output.pdf import write_atomic

_THEME_STUB = """\
  {id}:   # {heading}
    praesentation: ""   # Markdown: hvad kommunen har (politikker, organisering, retningslinjer)
    analyse: ""         # Markdown: Task Forcens fund
    styrker: []         # liste af punkter
    udfordringer: []
    anbefalinger: []    # hvert punkt fortsætter "Task Forcen anbefaler, at {kommune}:"
"""


def analysis_report_yaml(kommune: str, today: dt.date, concept_id: str = "klassisk",
                         before_themes: str = "", header: str = "") -> str:
    """`before_themes`: YAML text put before `temaer:` (the application's facts); `header`:
    comment lines after the first."""
    concept = catalogues.concepts()[concept_id]
    themes = catalogues.themes()
    lines = [
        "# Rapportbundt til taskforce-report. Se docs/bundle-format.md for alle nøgler.",
        "dokument: analyserapport",
        f"koncept: {concept_id}",
        f"kommune: {_scalar(kommune)}",
        f"dato: {today.isoformat()}           # rapportens dato (ÅÅÅÅ-MM-DD)",
        "tema: socialstyrelsen",
        "referencegruppe: []         # sammenlignelige kommuner, fx [Horsens Kommune]",
        "dataindsamling:",
        f"  fra: {today.isoformat()}",
        f"  til: {today.isoformat()}",
        'resume: ""                  # Markdown: resumé af analysen (kapitel 2)',
        "anbefalinger: []            # de centrale anbefalinger (kapitel 2)",
    ]
    if header:
        lines[1:1] = header.rstrip("\n").split("\n")
    text = "\n".join(lines) + "\n" + before_themes + "temaer:\n"
    for theme_id in concept.theme_ids:
        text += _THEME_STUB.format(id=theme_id, heading=themes[theme_id].overskrift,
                                   kommune=kommune)
    return text


_STATUS_STUB = """\
# Statusbundt til taskforce-report. Se docs/bundle-format.md for alle nøgler.
dokument: statusrapport
kommune: {kommune_yaml}
afdeling: Afdeling Børn og Familie   # ret til afdelingens navn
udvalg: Børne- og Ungeudvalget       # ret til udvalgets navn
dato: {today}
tema: kommune
titel: Status på udviklingsplanen
fokuspunkter:
  besluttet: {today}         # hvornår udvalget besluttede fokuspunkterne
  punkter:                   # udvalgets fokuspunkter, ét pr. linje
    - Implementering af udviklingsplanen
indledning: ""               # Markdown
ledelsestilsyn:
  beskrivelse: ""            # Markdown: hvordan ledelsestilsynet udføres
  # kriterier: id: {{navn: ..., optaelling: alle_sager | hvor_relevant | helt_eller_delvist
  #   | helt_eller_delvist_hvor_relevant}}; de to herunder er eksempler: ret eller slet dem
  kriterier:
    boernesamtale: {{navn: Børnesamtale afholdt, optaelling: hvor_relevant}}
    partshoering_14_dage: {{navn: Partshøring inden for 14 dage, optaelling: helt_eller_delvist}}
udviklingspunkter:
  - titel: Første udviklingspunkt
    formaal: ""              # Markdown: formålet med udviklingspunktet
    indsatser: []            # - indsats: ... / status: ... (Markdown med punktlister)
    maal: []                 # - tekst, kort, procent, milepaele, kriterium (se docs)
notat:                       # dagsordenspunktet til udvalget (build --format notat)
  moede: {today}             # udvalgsmødets dato
  punkt: 1                   # punktets nummer på dagsordenen
  sagsnr: ""
  doknr: ""
  baggrund: ""               # Markdown; også retligt_grundlag, handlemuligheder, vurdering
  indstiller: ""             # fx "Centerchefen indstiller på forvaltningens vegne,"
  indstilling: []            # hvert punkt begynder med "at …"
  statustabel: true          # false: notatet viser ikke tabellen over målene
  # beslutning:              # når udvalget har behandlet punktet
  #   dato: {today}
  #   fravaerende: []        # fx "Anne Hansen (V)"
  #   tekst: Til orientering.
dias:                        # diasene til udvalgsmødet (build --format slides)
  moede: {today}             # udvalgsmødets dato
  sider:                     # i rækkefølge; hvert dias viser én ting (se docs)
    - titel: Dagsorden
      tekst: |
        - Status på udviklingsplanen
    # - titel: Status på området
    #   noegletal: [{{tal: 1184, tekst: underretninger i 2021, kilde: DUBU, aar: 2021}}]
    # - titel: Status og økonomi       # en titel alene er et skilledias
    # - {{titel: Udfordringer, kolonner: ["**Målgruppen** …", "**Økonomi** …"]}}
    # - {{titel: Målene i ledelsestilsynet, overblik: true}}
    # - {{maal: boernesamtale}}   # figuren for målet, der måles med dette kriterium
"""


def status_report_yaml(kommune: str, today: dt.date) -> str:
    return _STATUS_STUB.format(kommune_yaml=_scalar(kommune), today=today.isoformat())


# The rapport.yaml `new --dokument` writes, by document type (cli/bundles.py offers these); the
# stubs are text of this tool, so they are kept here and not in the type's registration.
STUBS = {"analyserapport": analysis_report_yaml, "statusrapport": status_report_yaml}


def scaffold(directory: Path, kommune: str, dokument: str = "analyserapport",
             today: dt.date | None = None) -> list[Path]:
    directory = Path(directory)
    target = directory / "rapport.yaml"
    _check_new(directory)
    kommune = _checked_name(kommune, "--kommune")
    today = today or dt.date.today()
    if dokument not in STUBS:
        raise ValueError(f"new makes no {dokument!r} bundle; it makes {', '.join(STUBS)}")
    text = STUBS[dokument](kommune.strip(), today)
    lists = _lists(_parsed(text))
    write_atomic(target, text)
    workbook = directory / WORKBOOK
    write_template(workbook, dokument, lists)
    return [target, workbook]


def _parsed(text: str):
    """The model of a rapport.yaml we wrote ourselves."""
    from taskforce_report.load.bundle import _report
    from taskforce_report.load.yamlfile import parse_yaml

    return _report(parse_yaml(text, "rapport.yaml"))[0]


def _lists(report) -> dict[tuple[str, str], list[str]]:
    """The drop-down lists the bundle itself decides: a status report's audit criteria."""
    from taskforce_report.models import StatusReport

    if isinstance(report, StatusReport):
        return {("ledelsestilsyn", "kriterium"): list(report.ledelsestilsyn.kriterier)}
    return {}


def workbook_for(directory: Path) -> Path:
    """`new BUNDLE --projektmappe`: data.xlsx for an existing bundle, its sheets and drop-downs
    from its rapport.yaml (a status report's list of criteria, as they are now). An existing
    data.xlsx is never overwritten: it may hold the user's data."""
    from taskforce_report.load.bundle import REPORT_FILE, _report
    from taskforce_report.load.yamlfile import read_yaml

    directory = Path(directory)
    report_path = directory / REPORT_FILE
    if not report_path.is_file():
        raise input_error(str(directory), "", f"mappen har ingen {REPORT_FILE}; lav bundtet "
                          "med taskforce-report new først")
    target = directory / WORKBOOK
    if target.exists():
        raise input_error(str(target), "", "findes allerede og kan rumme data; flyt eller "
                          "omdøb den, før en ny skabelon skrives")
    doc = read_yaml(report_path, REPORT_FILE)
    report = _report(doc, directory)[0]
    if not SHEETS.get(report.dokument):  # a development plan: its goals are in rapport.yaml
        raise input_error(str(report_path), "dokument", f"dokumenttypen {report.dokument} læser "
                          "ingen tabeller, så der er ingen projektmappe at skrive til den",
                          line=doc.locate(("dokument",)))
    write_template(target, report.dokument, _lists(report))
    return target


# ---- `new DIR --fra-ansoegning BUNDLE`: an analysis bundle from the application ----------

def _scalar(value: str) -> str:
    """`value` as a YAML scalar on one line, written by the YAML emitter (never pasted): plain
    where YAML reads it back as the same text, quoted where it would not (`a: b`, `# x`, `ja`,
    `2019-11-18`, a line break)."""
    text = yaml.safe_dump({"k": value}, allow_unicode=True, width=1_000_000,
                          default_flow_style=False)
    scalar = text.removeprefix("k: ").rstrip("\n")
    if "\n" in scalar or yaml.safe_load(f"k: {scalar}") != {"k": value}:
        scalar = json.dumps(value, ensure_ascii=False)  # JSON's quotes are YAML too
    return scalar


# A name that goes into a bundle's YAML and onto a front page: one line of text, no control
# character (a terminal escape, a bidi override), as `kommune:` in rapport.yaml is checked.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _checked_name(value: str, option: str) -> str:
    from taskforce_report.core.errors import one_line

    if _CONTROL.search(value):
        raise input_error(option, "", f"'{one_line(value, 80)}' rummer et linjeskift eller et "
                          "kontroltegn; skriv kommunens navn på én linje, fx \"Randers Kommune\"")
    if not value.strip():
        raise input_error(option, "", "kommunens navn mangler")
    return value.strip()


def _check_new(directory: Path) -> None:
    """`new` writes a new bundle: it refuses a folder that is a file (or lies under one) and
    overwrites no file at all, rapport.yaml or data.xlsx, which may hold the user's data."""
    for folder in (directory, *directory.parents):
        if os.path.lexists(folder):
            if not folder.is_dir():
                raise input_error(str(folder), "", "findes og er ikke en mappe; vælg en ny mappe "
                                  "til bundtet")
            break
    existing = [name for name in ("rapport.yaml", WORKBOOK)
                if os.path.lexists(directory / name)]
    if existing:
        raise input_error(str(directory / existing[0]), "", "findes allerede; vælg en ny mappe "
                          "(new overskriver ingen fil)")


def _text(key: str, value: str, indent: int, comment: str = "") -> str:
    """`key: value` indented, a text of several lines as a block after `|`; read back by YAML
    as exactly `value` (a text a block cannot hold is quoted instead)."""
    pad = " " * indent
    note = f"  # {comment}" if comment else ""
    if "\n" in value:
        body = "\n".join(f"  {line}" if line else "" for line in value.split("\n"))
        block = f"{key}: |{note}\n{body}\n"
        try:
            if yaml.safe_load(block) == {key: value + "\n"}:
                return "".join(f"{pad}{line}\n" if line else "\n"
                               for line in block.split("\n")[:-1])
        except yaml.YAMLError:
            pass
    return f"{pad}{key}: {_scalar(value)}{note}\n"


def _cited_literally(text: str) -> str:
    """An analysis report's texts may cite results in braces ({sagsgennemgang.sager}); a brace
    from the application is doubled, so it is printed as it was written."""
    return text.replace("{", "{{").replace("}", "}}")


# what each text of the application becomes in `udgangspunkt:`, and what it is
_CARRIED = (
    ("status", "Markdown: status på sagsbehandlingen (ansøgningens afsnit 3)"),
    ("organisation", "Markdown: kommunens organisering"),
    ("oensker", "Markdown: ønsker til udvikling og forbedring"),
    ("hidtidige_indsatser", "Markdown: hvad kommunen har gjort hidtil"),
    ("forventninger", "Markdown: kommunens forventninger til forløbet"),
)


def starting_point_yaml(application, source: str) -> str:
    """`udgangspunkt:` with the application's contact (name and title, never phone or e-mail)
    and its motivation texts, commented."""
    date = f" af {language.date(application.dato)}" if application.dato else ""
    out = [f"# Kommunens udgangspunkt, overført fra ansøgningen{date} ({source}).\n",
           "# Det trykkes sidst i kapitel 1; ret eller slet det, der ikke skal med.\n",
           "udgangspunkt:\n"]
    if application.dato:
        out.append(f"  ansoegning: {application.dato.isoformat()}   # ansøgningens dato\n")
    director = application.projektansvarlig
    out.append("  direktoer:               # den projektansvarlige direktør, der underskrev\n")
    out.append(_text("navn", director.navn, 4))
    if director.titel:
        out.append(_text("titel", director.titel, 4))
    for key, comment in (("indledende_moede", "det indledende møde med Task Forcen"),
                         ("politisk_behandling", "den politiske behandling af ansøgningen")):
        day = getattr(application, key).dato
        if day is not None:
            out.append(f"  {key}: {day.isoformat()}   # {comment}\n")
    contact = application.kontaktperson
    if contact is not None:
        out.append("  kontakt:                 # kommunens kontaktperson i ansøgningsfasen\n")
        out.append(_text("navn", contact.navn, 4))
        if contact.titel:
            out.append(_text("titel", contact.titel, 4))
    for key, comment in _CARRIED:
        value = getattr(application.motivation, key)
        if value:
            out.append(_text(key, _cited_literally(value), 2, comment))
    if application.skjul:
        out.append("# navne, der aldrig må stå i rapporten (som i ansøgningen)\n")
        out.append("skjul:\n")
        out += [f"  - {_scalar(name)}\n" for name in application.skjul]
    return "".join(out)


def _check_carried(application, source: str) -> None:
    """The texts carried over may not hold what the analysis report's personal-data guard
    refuses: the phone numbers and e-mails the application may print stay in the application."""
    from taskforce_report.core import redact

    hidden = list(application.skjul)
    problems = [
        Problem(source, f"motivation.{key}", f"{finding}; den kan ikke overføres til "
                "analyserapporten, hvor personoplysninger afvises: fjern den fra teksten")
        for key, _ in _CARRIED
        for finding in redact.findings(getattr(application.motivation, key), hidden)]
    if problems:
        raise InputError(problems)


def from_application(directory: Path, source: Path, kommune: str | None = None,
                     today: dt.date | None = None) -> list[Path]:
    """`new DIR --fra-ansoegning BUNDLE`: the application is read and checked as `validate`
    checks it, then an analysis bundle is written with the municipality, the contact, the
    organisation and the motivation facts filled in, so nothing is typed twice."""
    from taskforce_report.build import prepare

    directory = Path(directory)
    target = directory / "rapport.yaml"
    _check_new(directory)
    if kommune is not None:
        kommune = _checked_name(kommune, "--kommune")
    report_file = Path(source) / "rapport.yaml"
    if report_file.is_file():  # told before the rest of another kind of bundle is checked
        from taskforce_report.documents.ansoegning import APPLICATION
        from taskforce_report.load.yamlfile import read_yaml

        data = read_yaml(report_file, "rapport.yaml").data
        kind = data.get("dokument") if isinstance(data, dict) else None
        if kind != APPLICATION.dokument:
            found = f"er et {kind}-bundt" if isinstance(kind, str) else "er ikke en ansøgning"
            raise input_error(str(source), "dokument", f"{found}; --fra-ansoegning skal have "
                              f"en ansøgning (dokument: {APPLICATION.dokument})")
    application = prepare(Path(source)).bundle.report
    if kommune and kommune.strip() != application.kommune:
        raise input_error("--kommune", "", f"'{kommune.strip()}' er ikke ansøgningens kommune "
                          f"('{application.kommune}'); udelad --kommune")
    _check_carried(application, str(Path(source) / "rapport.yaml"))
    today = today or dt.date.today()
    header = (f"# Lavet ud fra ansøgningen i {source} (taskforce-report new --fra-ansoegning).")
    text = analysis_report_yaml(application.kommune, today, header=header,
                                before_themes=starting_point_yaml(application, str(source)))
    write_atomic(target, text)
    workbook = directory / WORKBOOK
    write_template(workbook)
    return [target, workbook]

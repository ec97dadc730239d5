"""`taskforce-report new`: a bundle with every required key and the themes stubbed.

Written as commented YAML text rather than dumped, so the new user sees what each key is for.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from taskforce_report import catalogues
from taskforce_report.errors import input_error
from taskforce_report.pdf import write_atomic
from taskforce_report.workbook import WORKBOOK, write_template

_THEME_STUB = """\
  {id}:   # {heading}
    praesentation: ""   # Markdown: hvad kommunen har (politikker, organisering, retningslinjer)
    analyse: ""         # Markdown: Task Forcens fund
    styrker: []         # liste af punkter
    udfordringer: []
    anbefalinger: []    # hvert punkt fortsætter "Task Forcen anbefaler, at {kommune}:"
"""


def analysis_report_yaml(kommune: str, today: dt.date, concept_id: str = "klassisk") -> str:
    concept = catalogues.concepts()[concept_id]
    themes = catalogues.themes()
    lines = [
        "# Rapportbundt til taskforce-report. Se docs/bundle-format.md for alle nøgler.",
        "dokument: analyserapport",
        f"koncept: {concept_id}",
        f"kommune: {kommune}",
        f"dato: {today.isoformat()}           # rapportens dato (ÅÅÅÅ-MM-DD)",
        "tema: socialstyrelsen",
        "referencegruppe: []         # sammenlignelige kommuner, fx [Horsens Kommune]",
        "dataindsamling:",
        f"  fra: {today.isoformat()}",
        f"  til: {today.isoformat()}",
        'resume: ""                  # Markdown: resumé af analysen (kapitel 2)',
        "anbefalinger: []            # de centrale anbefalinger (kapitel 2)",
        "temaer:",
    ]
    text = "\n".join(lines) + "\n"
    for theme_id in concept.theme_ids:
        text += _THEME_STUB.format(id=theme_id, heading=themes[theme_id].overskrift,
                                   kommune=kommune)
    return text


_STATUS_STUB = """\
# Statusbundt til taskforce-report. Se docs/bundle-format.md for alle nøgler.
dokument: statusrapport
kommune: {kommune}
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
  kriterier: {{}}              # id: {{navn: ..., optaelling: alle_sager | hvor_relevant | ...}}
udviklingspunkter:
  - titel: Første udviklingspunkt
    formaal: ""              # Markdown: formålet med udviklingspunktet
    indsatser: []            # - indsats: ... / status: ... (Markdown med punktlister)
    maal: []                 # - tekst, kort, procent, milepaele, kriterium (se docs)
"""


def status_report_yaml(kommune: str, today: dt.date) -> str:
    return _STATUS_STUB.format(kommune=kommune, today=today.isoformat())


def scaffold(directory: Path, kommune: str, dokument: str = "analyserapport",
             today: dt.date | None = None) -> list[Path]:
    directory = Path(directory)
    target = directory / "rapport.yaml"
    if target.exists():
        raise input_error(str(target), "", "findes allerede; vælg en ny mappe")
    if not kommune.strip():
        raise input_error("--kommune", "", "kommunens navn mangler")
    today = today or dt.date.today()
    if dokument == "statusrapport":
        text = status_report_yaml(kommune.strip(), today)
    else:
        text = analysis_report_yaml(kommune.strip(), today)
    write_atomic(target, text)
    workbook = directory / WORKBOOK
    write_template(workbook)
    return [target, workbook]

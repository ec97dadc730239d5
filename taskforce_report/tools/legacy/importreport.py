"""The import report (import-rapport.md): what was found, what was assumed, what is
missing, how the texts were cut, and every span of the source not placed, with its
page."""

from __future__ import annotations

import re

from taskforce_report import catalogues
from taskforce_report.tools.legacy.bundlefile import (
    PARAGRAPH_MAX,
    PARAGRAPH_WORDS,
    paragraph_rule,
    paragraphs,
    recommendation_changes,
)
from taskforce_report.tools.legacy.model import LegacyReport, page_range
from taskforce_report.tools.legacy.reading import count_words, plain


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _excerpt(text: str, head: int = 90, tail: int = 50) -> str:
    text = plain(text)
    if len(text) <= head + tail + 5:
        return text
    return f"{text[:head].rstrip()} … {text[-tail:].lstrip()}"



def _paragraph_section(report: LegacyReport) -> list[str]:
    themes = catalogues.themes()
    out = ["## Afsnit", "",
           "Den udtrukne tekst har ofte ingen tomme linjer. Hvor kilden viser afsnit (tomme "
           "linjer, eller korte linjer, der slutter en sætning, i tekst af hele linjer), er de "
           "bevaret; ellers er teksten delt, hvor en sætning slutter: før en sætning, der "
           f"indleder et nyt led (fx “Det fremgår”, “Task Forcen”, “Derudover”), når afsnittet "
           f"har mindst {PARAGRAPH_WORDS} ord, og ved første sætningsslut efter "
           f"{PARAGRAPH_MAX} ord. Læs afsnittene igennem i den byggede PDF.", "",
           "| tekst | ord | afsnit | sådan |", "|---|---|---|---|"]
    fields = [("Resume", report.resume)]
    for theme_id, theme in themes.items():
        t = report.temaer.get(theme_id)
        if t is not None:
            fields += [(f"{theme.overskrift}: præsentation", t.praesentation),
                       (f"{theme.overskrift}: analyse", t.analyse)]
    for label, text in fields:
        if text:
            out.append(f"| {label} | {count_words(text)} | {len(paragraphs(text))} | "
                       f"{paragraph_rule(text)} |")
    return out + [""]


def _recommendation_section(report: LegacyReport, changes) -> list[str]:
    out = ["## Anbefalinger tilpasset værktøjets indledning", "",
           f"Værktøjet indleder anbefalingerne med “Task Forcen anbefaler, at "
           f"{report.kommune or '<kommune>'}:”, så hvert punkt skal begynde med et udsagnsord i "
           "nutid. Ændret her (ret det, der ikke passer):", ""]
    if not changes:
        return out + ["Ingen: alle anbefalinger begyndte allerede sådan.", ""]
    out += ["| hvor | i kilden | i bundtet |", "|---|---|---|"]
    for where, before, after in changes:
        first, then = before.split(" ", 1) if " " in before else (before, "")
        new = after.split(" ", 1)[0]
        rest = f" {then[:50].rstrip()}" + (" …" if len(then) > 50 else "") if then else ""
        out.append(f"| {_cell(where)} | {_cell(first)}{_cell(rest)} | {_cell(new)}{_cell(rest)} |")
    return out + [""]


# What the imported text cites, and the bundle file that makes "Analysens grundlag" (1.5) say it.
_SOURCES = (
    (r"sagsgennemgang|gennemgåede sager", "en sagsgennemgang", "sagsgennemgang.csv"),
    (r"\binterview", "interviews", "interviews.yaml"),
    (r"selvevaluering", "en selvevaluering", "selvevaluering.csv"),
    (r"nøgletal", "nøgletal", "noegletal.csv"),
)


def _basis_section(report: LegacyReport) -> list[str]:
    texts = [report.resume] + [part for t in report.temaer.values()
                               for part in (t.praesentation, t.analyse)]
    whole = " ".join(texts).lower()
    cited = [(what, file) for pattern, what, file in _SOURCES if re.search(pattern, whole)]
    out = ["## Analysens grundlag", "",
           "Afsnit 1.5 nævner kun det datamateriale, bundtet selv har; uden tabellerne nævner "
           "det alene skriftligt materiale fra kommunen.", ""]
    if cited:
        out += ["Den importerede tekst henviser til:", ""]
        out += [f"- {what}: læg `{file}` i bundtet, så grundlaget nævner den" for what, file
                in cited]
    return out + [""]


def import_report_md(report: LegacyReport, source_name: str) -> str:
    changes = recommendation_changes(report)
    source = report.source
    themes = catalogues.themes()
    out = [f"# Importrapport: {source_name}", ""]
    span = (f"side {source.pages[0]}–{source.pages[-1]}" if source.pages else "ingen sider")
    of_total = f" af {source.total}" if source.total else ""
    out += [
        f"Importeret med `taskforce-report import-legacy` fra `{source_name}` ({span}{of_total}).",
        "Intet i `rapport.yaml` er skrevet til: hvert felt er tekst fra kilden, og hvad der ikke "
        "kunne findes, er tomt eller udeladt og står nedenfor. Sidetal er kildens sidetal.",
        "",
        "## Det importerede",
        "",
        "| felt | værdi | fundet |",
        "|---|---|---|",
        f"| kommune | {report.kommune or '—'} | {report.found.get('kommune', 'ikke fundet')} |",
        f"| dato | {report.dato.isoformat() if report.dato else '—'} | "
        f"{_cell(report.found.get('dato', 'ikke fundet'))} |",
    ]
    period = (f"{report.dataindsamling[0].isoformat()} – {report.dataindsamling[1].isoformat()}"
              if report.dataindsamling else "—")
    out.append(f"| dataindsamling | {period} | "
               f"{_cell(report.found.get('dataindsamling', 'ikke fundet'))} |")
    out.append(f"| referencegruppe | {', '.join(report.referencegruppe) or '—'} | "
               f"{report.found.get('referencegruppe', 'ikke fundet')} |")
    out.append(f"| resume | {count_words(report.resume)} ord | "
               f"{report.found.get('resume', 'ikke fundet')} |")
    out.append(f"| anbefalinger | {len(report.anbefalinger)} punkter | "
               f"{report.found.get('anbefalinger', 'ikke fundet')} |")
    out += [
        "",
        "### Temaer",
        "",
        "| tema | i kilden | sider | præsentation | analyse | styrker | udfordringer | "
        "anbefalinger |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for theme_id, theme in themes.items():
        t = report.temaer.get(theme_id)
        if t is None:
            out.append(f"| {theme.overskrift} | ikke fundet | | | | | | |")
            continue
        out.append(
            f"| {theme.overskrift} | “{_cell(t.heading)}” | "
            f"{page_range(t.first_page, t.last_page)} | {count_words(t.praesentation)} ord | "
            f"{count_words(t.analyse)} ord | {len(t.styrker)} | {len(t.udfordringer)} | "
            f"{len(t.anbefalinger)} |"
        )
    out += [
        "",
        "Punktlister står i den udtrukne tekst som ét afsnit; de er delt i punkter, hvor en "
        "sætning slutter, og den næste begynder med stort bogstav. Et punkt på flere sætninger "
        "bliver derfor til flere punkter, og punkter uden punktum til sidst hænger sammen: "
        "læs listerne igennem i den byggede PDF.",
        "",
    ]
    out += _paragraph_section(report) + _recommendation_section(report, changes)
    out += _basis_section(report)
    for kind, title in (("antagelse", "Antagelser"), ("mangler", "Ikke fundet"),
                        ("advarsel", "Tjek")):
        notes = [n for n in report.notes if n.kind == kind]
        if not notes:
            continue
        out += [f"## {title}", ""]
        for n in notes:
            where = f" (s. {n.page})" if n.page else ""
            out.append(f"- {n.text}{where}")
        out.append("")
    skipped = [c for c in report.claims if c.kind in ("standard", "udeladt")]
    out += [
        "## Tekst, der ikke er placeret i bundtet",
        "",
        "Fast tekst, som værktøjet selv skriver (indledninger, temaernes faste afsnit), og "
        "kapitler, hvis indhold hører hjemme i bundtets tabeller frem for i `rapport.yaml`:",
        "",
        "| sider | hvad | ord | begynder … slutter |",
        "|---|---|---|---|",
    ]
    for c in sorted(skipped, key=lambda c: c.start):
        chunk = source.text[c.start:c.end]
        if not re.search(r"\w{2}", chunk):
            continue
        out.append(f"| {report.pages(c.start, c.end)} | {_cell(c.label)} | {count_words(chunk)} | "
                   f"{_cell(_excerpt(chunk))} |")
    gaps = report.unplaced()
    out += ["", "Tekst, som ingen overskrift kunne placere:", ""]
    if gaps:
        out += ["| sider | ord | tekst |", "|---|---|---|"]
        for start, end in gaps:
            chunk = source.text[start:end]
            out.append(f"| {report.pages(start, end)} | {count_words(chunk)} | "
                       f"{_cell(_excerpt(chunk, 160, 80))} |")
    else:
        out.append("Ingen.")
    out.append("")
    return "\n".join(out)

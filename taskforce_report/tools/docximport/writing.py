"""Writing the bundle: rapport.yaml, the texts as tekster/<id>.md, and the import report
(import-rapport.md: what was found, the comments, what was not placed)."""

from __future__ import annotations

import re

from taskforce_report import catalogues
from taskforce_report.load.textfiles import (
    DOCUMENT_KEYS,
    REPORT_TEXTS,
    TEXTS_DIR,
    THEME_KEYS,
    _checked,
    markdown_text,
)
from taskforce_report.tools.docximport.placing import KIND, Imported

# ---- writing the bundle ------------------------------------------------------------------------

def bundle_yaml(result: Imported, source: str) -> str:
    lines = [f"# Importeret af `taskforce-report import-docx` fra {source}.",
             "# Teksterne står i tekster/; se import-rapport.md for det, der ikke er placeret,",
             "# og docs/bundle-format.md for alle nøgler.",
             "dokument: analyserapport",
             f"koncept: {result.koncept}"]
    from taskforce_report.tools.scaffold import _scalar

    if result.kommune:
        lines.append(f"kommune: {_scalar(result.kommune)}")
    else:
        lines.append("# kommune: <Navn> Kommune      (ikke fundet i udkastet; udfyld)")
    lines += ["# dato: ÅÅÅÅ-MM-DD             (rapportens dato; udfyld)",
              "# dataindsamling: {fra: ÅÅÅÅ-MM-DD, til: ÅÅÅÅ-MM-DD}   (udfyld)"]
    return "\n".join(lines) + "\n"


def text_files(result: Imported) -> dict[str, str]:
    concept = catalogues.concepts()[result.koncept]
    files = {}
    if result.document:
        name = f"{TEXTS_DIR}/{REPORT_TEXTS}.md"
        keys = DOCUMENT_KEYS[KIND]
        files[name] = _checked(name, markdown_text("Rapportens egne tekster", result.document,
                                                   keys), result.document, KIND, keys, False)
    for theme_id in concept.theme_ids:
        values = result.themes.get(theme_id)
        if not values:
            continue
        name = f"{TEXTS_DIR}/{theme_id}.md"
        keys = THEME_KEYS[KIND]
        files[name] = _checked(name, markdown_text(concept.themes[theme_id].overskrift, values,
                                                   keys), values, KIND, keys, True)
    return files


def _words(text: object) -> int:
    return len(re.findall(r"[^\W_]+", str(text)))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _excerpt(text: str, limit: int = 160) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[:limit - 30].rstrip() + " … " + text[-25:]


def import_report(result: Imported, source: str) -> str:
    concept = catalogues.concepts()[result.koncept]
    out = [f"# Importrapport: {source}", "",
           f"Læst af `taskforce-report import-docx` som en analyserapport i konceptet "
           f"`{result.koncept}`. Teksterne står i `tekster/`, én fil pr. tema.", ""]
    inserted, deleted = result.changes
    if inserted or deleted:
        out += [f"Sporede ændringer er taget som accepteret (--accepter-aendringer): "
                f"{inserted} indsættelser og {deleted} sletninger.", ""]
    out += ["## Fundet", "", "| tema | overskrift i udkastet | præsentation | analyse | styrker "
            "| udfordringer | anbefalinger |", "|---|---|---|---|---|---|---|"]
    for theme_id in concept.theme_ids:
        title = concept.themes[theme_id].overskrift if theme_id in concept.themes else theme_id
        values = result.themes.get(theme_id)
        if values is None:
            out.append(f"| {title} | ikke fundet | | | | | |")
            continue

        def words(key: str, values=values) -> str:
            return f"{_words(values.get(key, ''))} ord"

        def count(key: str, values=values) -> str:
            return str(len(values.get(key, [])))

        out.append(f"| {title} | “{_cell(result.found[theme_id])}” | {words('praesentation')} | "
                   f"{words('analyse')} | {count('styrker')} | {count('udfordringer')} | "
                   f"{count('anbefalinger')} |")
    out += ["", f"Resumé: {_words(result.document.get('resume', ''))} ord. Centrale "
            f"anbefalinger: {len(result.document.get('anbefalinger', []))}.", ""]
    out += ["## Udfyld", "",
            "- `dato` og `dataindsamling` i `rapport.yaml` (står ikke i udkastet)."]
    if not result.kommune:
        out.append("- `kommune` i `rapport.yaml` (ikke fundet i udkastets titel).")
    out.append("")
    if result.notes:
        out += ["## Antagelser", ""] + [f"- {n}" for n in result.notes] + [""]
    out += ["## Kommentarer", ""]
    if result.comments:
        out += ["Kommentarerne er ikke importeret som tekst.", "",
                "| forfatter | kommentar | ved teksten |", "|---|---|---|"]
        out += [f"| {_cell(a)} | {_cell(t)} | {_cell(_excerpt(w, 80))} |"
                for a, t, w in result.comments]
    else:
        out.append("Ingen.")
    out += ["", "## Tekst, der ikke er placeret", ""]
    if result.unplaced:
        out += ["| afsnit | under overskriften | hvad | tekst |", "|---|---|---|---|"]
        kinds = {"heading": "overskrift", "text": "afsnit", "item": "listepunkt",
                 "table": "tabel"}
        out += [f"| {b.number} | {_cell(_excerpt(c, 60))} | {kinds.get(b.kind, b.kind)} | "
                f"{_cell(_excerpt(b.text))} |" for c, b in result.unplaced]
    else:
        out.append("Ingen.")
    out.append("")
    return "\n".join(out)

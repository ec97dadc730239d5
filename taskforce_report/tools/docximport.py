"""`taskforce-report import-docx DRAFT.docx -o BUNDLE`: the consultants' Word draft read into a
bundle's texts (Markdown files in tekster/, textfiles.py).

The draft is written the way the consultants write: a heading per theme or pejlemærke, under
it headings for Præsentation, Analyse, Styrker, Udfordringer and Anbefalinger, the lists as
bullet or numbered lists, sent round with track changes and comments. Word's structure is
read, not guessed: heading styles (Heading 1–3, or the Danish "Overskrift 1–3"), list styles
and list numbering, bold and italic, tables. Themes are found by their names (a near miss is
taken with a note), sections by their headings.

It never invents content: what it cannot place is listed in `import-rapport.md` with the
heading it stood under, as `import-legacy` does; comments are listed there too, never imported
as text; tracked changes are refused unless the user accepts them (`--accepter-aendringer`).
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from taskforce_report import catalogues
from taskforce_report.core.errors import input_error
from taskforce_report.load.textfiles import (
    DOCUMENT_KEYS,
    REPORT_TEXTS,
    TEXTS_DIR,
    THEME_KEYS,
    _checked,
    _fold,
    markdown_text,
)

IMPORT_REPORT_FILE = "import-rapport.md"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_BYTES = 50_000_000  # a draft with its images; more is not a draft
_MAX_UNPACKED = 200_000_000  # the parts unpacked together (zipfile holds each part to its
# declared size, so the sum bounds what python-docx unpacks): a zip bomb stops here
_KIND = "analyserapport"

# Headings of the document's own sections and of a theme's, as drafts write them (folded, see
# textfiles._fold): the heading begins with one of these.
_DOCUMENT_SECTIONS = {
    "resume": ("resume", "sammenfatning", "task forcens konklusioner", "konklusioner"),
    "anbefalinger": ("anbefalinger", "task forcens anbefalinger", "centrale anbefalinger",
                     "task forcens centrale anbefalinger"),
}
_THEME_SECTIONS = {
    "praesentation": ("praesentation",),
    "analyse": ("analyse", "task forcens analyse", "task forcens vurdering", "vurdering"),
    "styrker": ("styrker",),
    "udfordringer": ("udfordringer",),
    "anbefalinger": ("anbefalinger", "task forcen anbefaler", "task forcens anbefalinger"),
}
# more names of classic themes, as reports have written them
_ALIASES = {
    "boernefaglige_undersoegelser": ["Børnefaglig undersøgelse"],
    "handleplan": ["Handleplaner"],
    "personrettet_tilsyn": ["Personrettet tilsyn", "Det personrettede tilsyn"],
}
_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.)\s+")
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(?:list|opstilling|listeafsnit|liste)", re.IGNORECASE)
_KOMMUNE = re.compile(r"\b([A-ZÆØÅ][\w-]+(?:[- ][A-ZÆØÅ][\w-]+)* Kommune)\b")


# ---- opening the file ------------------------------------------------------------------------

def open_draft(path: Path):
    """The draft as a python-docx Document; anything else is one line saying what was
    expected."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from taskforce_report.core.safeio import read_input

    display = str(path)
    expected = "forventede et Word-dokument (.docx)"
    raw = read_input(path, display, limit=_MAX_BYTES, follow=True)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE2 container: old Word, or encrypted OOXML
        if "EncryptionInfo".encode("utf-16-le") in raw:
            raise input_error(display, "", f"dokumentet er beskyttet med adgangskode; fjern "
                              f"adgangskoden i Word (Filer > Info > Beskyt dokument) og gem det "
                              f"igen; {expected}")
        raise input_error(display, "", f"er et Word 97-2003-dokument (.doc); gem det som "
                          f"Word-dokument (.docx) i Word eller LibreOffice; {expected}")
    if not raw.startswith(b"PK"):
        raise input_error(display, "", f"er ikke et Word-dokument (en .docx-fil er en zip-fil, "
                          f"denne er ikke); {expected}")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                raise input_error(display, "", "er et OpenDocument-dokument (.odt); gem det som "
                                  f"Word-dokument (.docx) i LibreOffice; {expected}")
            if "word/document.xml" not in names:
                raise input_error(display, "", f"er en zip-fil, men ikke et Word-dokument "
                                  f"(ingen word/document.xml); {expected}")
            if sum(info.file_size for info in archive.infolist()) > _MAX_UNPACKED:
                raise input_error(display, "", "dokumentet fylder mere end 200.000.000 byte "
                                  "udpakket; det er ikke et almindeligt Word-dokument")
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise input_error(display, "", f"kan ikke læses som Word-dokument ({type(exc).__name__});"
                          f" {expected}") from None
    return document


# ---- tracked changes ---------------------------------------------------------------------------

def tracked_changes(body) -> tuple[int, int]:
    """(insertions, deletions) tracked in the body, a move counted as both."""
    insertions = sum(1 for tag in ("ins", "moveTo") for el in body.iter(_W + tag)
                     if next(el.iter(_W + "r"), None) is not None)
    deletions = sum(1 for tag in ("del", "moveFrom") for el in body.iter(_W + tag)
                    if next(el.iter(_W + "r"), None) is not None)
    return insertions, deletions


# ---- the draft's blocks ------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "title", "item", "text", "table"
    text: str  # Markdown (a heading: plain text)
    number: int  # the paragraph's number in the draft, from 1, for the import report
    level: int = 0  # a heading's level (1–9), a list item's nesting (0, 1, …)
    numbered: bool = False  # a numbered list item


def _on(props, tag: str) -> bool:
    el = props.find(_W + tag) if props is not None else None
    return el is not None and el.get(_W + "val", "true") not in ("0", "false", "none")


def _escape(text: str) -> str:
    """Markdown's emphasis and code markers made literal; a citation {…} is left as written,
    so a draft may cite results as rapport.yaml does."""
    parts = re.split(r"(\{[^{}\s]*\})", text)
    return "".join(part if i % 2 else re.sub(r"([\\`*_])", r"\\\1", part)
                   for i, part in enumerate(parts))


def _runs(paragraph) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of each run, a deleted one left out (a tracked deletion is taken
    as accepted only when the user said so; the caller checks first)."""
    out = []
    for run in paragraph.iter(_W + "r"):
        parent, deleted = run.getparent(), False
        while parent is not None and parent is not paragraph:
            if parent.tag in (_W + "del", _W + "moveFrom"):
                deleted = True
                break
            parent = parent.getparent()
        if deleted:
            continue
        props = run.find(_W + "rPr")
        style = props.find(_W + "rStyle") if props is not None else None
        style_id = (style.get(_W + "val") or "").lower() if style is not None else ""
        bold = _on(props, "b") or style_id in ("strong", "fremhvning", "kraftig")
        italic = _on(props, "i") or style_id in ("emphasis", "fremhvet", "svagfremhvning")
        text = ""
        for child in run:
            if child.tag == _W + "t":
                text += child.text or ""
            elif child.tag in (_W + "tab", _W + "br", _W + "cr"):
                text += " "
            elif child.tag == _W + "noBreakHyphen":
                text += "-"
        if text:
            out.append((text, bold, italic))
    return out


def markdown_runs(runs: list[tuple[str, bool, bool]]) -> str:
    """Runs as Markdown: bold as **…**, italic as *…*, the markers inside the spaces."""
    groups: list[list] = []
    for text, bold, italic in runs:
        if groups and groups[-1][1:] == [bold, italic]:
            groups[-1][0] += text
        else:
            groups.append([text, bold, italic])
    out = ""
    for text, bold, italic in groups:
        marker = ("**" if bold else "") + ("*" if italic else "")
        core = text.strip()
        if not marker or not core:
            out += _escape(text)
            continue
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        out += f"{lead}{marker}{_escape(core)}{marker[::-1]}{trail}"
    return re.sub(r"[ \t]+", " ", out).strip()


class _Styles:
    """A paragraph's style, followed through its base styles: heading level, title, list."""

    def __init__(self, document):
        self.by_id = {}
        for style in document.styles.element.iter(_W + "style"):
            name = style.find(_W + "name")
            based = style.find(_W + "basedOn")
            num = style.find(f"{_W}pPr/{_W}numPr")
            self.by_id[style.get(_W + "styleId")] = (
                name.get(_W + "val") if name is not None else "",
                based.get(_W + "val") if based is not None else None,
                num is not None)
        self.numbering = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            formats = {}
            for abstract in root.iter(_W + "abstractNum"):
                levels = {}
                for lvl in abstract.iter(_W + "lvl"):
                    fmt = lvl.find(_W + "numFmt")
                    levels[lvl.get(_W + "ilvl")] = fmt.get(_W + "val") if fmt is not None else ""
                formats[abstract.get(_W + "abstractNumId")] = levels
            for num in root.iter(_W + "num"):
                ref = num.find(_W + "abstractNumId")
                if ref is not None:
                    self.numbering[num.get(_W + "numId")] = formats.get(ref.get(_W + "val"), {})

    def chain(self, style_id: str | None) -> list[tuple[str, str, bool]]:
        out, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id and len(out) < 10:
            seen.add(style_id)
            name, based, numbered = self.by_id[style_id]
            out.append((style_id, name, numbered))
            style_id = based
        return out

    def heading(self, style_id: str | None) -> int:
        for sid, name, _ in self.chain(style_id):
            for candidate in (name, sid):
                match = _HEADING_STYLE.match(candidate or "")
                if match:
                    return int(match.group(1))
        return 0

    def title(self, style_id: str | None) -> bool:
        return any(_TITLE_STYLE.match(name or "") or _TITLE_STYLE.match(sid or "")
                   for sid, name, _ in self.chain(style_id))

    def listed(self, style_id: str | None) -> bool:
        return any(numbered or _LIST_STYLE.match(name or "")
                   for _, name, numbered in self.chain(style_id))

    def numbered(self, num_id: str | None, level: int, style_id: str | None) -> bool:
        fmt = self.numbering.get(num_id, {}).get(str(level)) if num_id else None
        if fmt:
            return fmt not in ("bullet", "none")
        return any(re.search(r"number|tal|nummer", name or "", re.IGNORECASE)
                   for _, name, _ in self.chain(style_id))


def blocks(document) -> list[Block]:
    """The draft's body as blocks in reading order."""
    styles = _Styles(document)
    out: list[Block] = []
    number = 0
    for element in document.element.body.iterchildren():
        if element.tag == _W + "tbl":
            number += 1
            table = _table(element)
            if table:
                out.append(Block("table", table, number))
            continue
        if element.tag != _W + "p":
            continue
        number += 1
        props = element.find(_W + "pPr")
        style = props.find(_W + "pStyle") if props is not None else None
        style_id = style.get(_W + "val") if style is not None else None
        outline = props.find(_W + "outlineLvl") if props is not None else None
        runs = _runs(element)
        if not "".join(t for t, _, _ in runs).strip():
            continue
        level = styles.heading(style_id)
        if not level and outline is not None and (outline.get(_W + "val") or "").isdigit():
            level = int(outline.get(_W + "val")) + 1 if int(outline.get(_W + "val")) < 9 else 0
        if level:
            plain = re.sub(r"\s+", " ", "".join(t for t, _, _ in runs)).strip()
            out.append(Block("heading", plain, number, level))
            continue
        if styles.title(style_id):
            out.append(Block("title", re.sub(r"\s+", " ", "".join(t for t, _, _ in runs))
                             .strip(), number))
            continue
        num = props.find(f"{_W}numPr") if props is not None else None
        text = markdown_runs(runs)
        if num is not None or styles.listed(style_id):
            ilvl = num.find(_W + "ilvl") if num is not None else None
            num_id = num.find(_W + "numId") if num is not None else None
            depth = int(ilvl.get(_W + "val") or 0) if ilvl is not None else 0
            num_value = num_id.get(_W + "val") if num_id is not None else None
            if num_value != "0":  # numId 0 switches an inherited list off
                out.append(Block("item", text, number, depth,
                                 styles.numbered(num_value, depth, style_id)))
                continue
        out.append(Block("text", text, number))
    return out


def _table(element) -> str:
    """A Word table as a Markdown table, its first row as the header."""
    rows = []
    for row in element.iter(_W + "tr"):
        cells = []
        for cell in row.iter(_W + "tc"):
            texts = [markdown_runs(_runs(p)) for p in cell.iter(_W + "p")]
            cells.append(" ".join(t for t in texts if t).replace("|", "\\|"))
        if cells:
            rows.append(cells)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


# ---- placing the blocks ------------------------------------------------------------------------

@dataclass
class Imported:
    koncept: str
    kommune: str | None
    document: dict[str, object] = field(default_factory=dict)
    themes: dict[str, dict[str, object]] = field(default_factory=dict)
    found: dict[str, str] = field(default_factory=dict)  # theme id → heading as written
    unplaced: list[tuple[str, Block]] = field(default_factory=list)  # (under which heading, …)
    notes: list[str] = field(default_factory=list)
    comments: list[tuple[str, str, str]] = field(default_factory=list)  # author, text, anchor
    changes: tuple[int, int] = (0, 0)


def _bare(heading: str) -> str:
    return _NUMBER.sub("", heading).strip()


def theme_names(concept) -> dict[str, list[str]]:
    catalogue = concept.themes
    return {t: [catalogue[t].overskrift, *_ALIASES.get(t, [])] for t in concept.theme_ids
            if t in catalogue}


def find_theme(heading: str, names: dict[str, list[str]]) -> tuple[str | None, bool]:
    """The theme a heading names: (id, exact). A near miss (difflib, as validation.suggest
    finds them) is taken, with a note; nothing else is."""
    folded = _fold(_bare(heading))
    by_name = {_fold(n): t for t, ns in names.items() for n in ns}
    if folded in by_name:
        return by_name[folded], True
    close = difflib.get_close_matches(folded, list(by_name), n=1, cutoff=0.8)
    return (by_name[close[0]], False) if close else (None, False)


def _section(heading: str, table: dict[str, tuple[str, ...]]) -> str | None:
    folded = _fold(_bare(heading))
    for key, starts in table.items():
        if any(folded == s or folded.startswith(s + " ") for s in starts):
            return key
    return None


def choose_concept(headings: list[str]) -> str:
    """The concept whose theme names the draft's headings match most; classic on a tie."""
    counts = {}
    for concept_id in ("klassisk", "pejlemaerker"):
        names = theme_names(catalogues.concepts()[concept_id])
        counts[concept_id] = sum(1 for h in headings if find_theme(h, names)[1])
    return "pejlemaerker" if counts["pejlemaerker"] > counts["klassisk"] else "klassisk"


def place(items: list[Block], koncept: str | None = None) -> Imported:
    headings = [b.text for b in items if b.kind == "heading"]
    koncept = koncept or choose_concept(headings)
    names = theme_names(catalogues.concepts()[koncept])
    result = Imported(koncept, None)
    titles = [b.text for b in items if b.kind == "title"] + headings[:1]
    for title in titles:
        match = _KOMMUNE.search(title)
        if match:
            result.kommune = match.group(1)
            break
    # where text goes now: (theme id or None for the document, key), or None: not placed
    target: tuple[str | None, str] | None = None
    context = "(før første overskrift)"
    theme, theme_level, section_level = None, 0, 0
    for block in items:
        if block.kind == "title":
            continue
        if block.kind == "heading":
            found, exact = find_theme(block.text, names)
            section = _section(block.text, _THEME_SECTIONS)
            if found and (theme is None or block.level <= theme_level or not section):
                if found in result.found:
                    result.notes.append(f"Temaet “{block.text}” står to gange (afsnit "
                                        f"{block.number}); teksten under anden forekomst er "
                                        "ikke placeret.")
                    target, theme, context = None, None, block.text
                    continue
                theme, theme_level, target, context = found, block.level, None, block.text
                result.found[found] = block.text
                result.themes.setdefault(found, {})
                if not exact:
                    result.notes.append(f"Overskriften “{block.text}” (afsnit {block.number}) "
                                        f"er læst som temaet “{names[found][0]}”.")
                continue
            if theme is not None and block.level > theme_level and section:
                target, section_level, context = (theme, section), block.level, block.text
                continue
            document_section = _section(block.text, _DOCUMENT_SECTIONS)
            if document_section and (theme is None or block.level <= theme_level):
                theme, target, section_level = None, (None, document_section), block.level
                context = block.text
                continue
            if target is not None and block.level > section_level and \
                    not _is_list(target, result):
                # a sub-heading inside a text: kept as a bold line of the text, with a note
                _add(result, target, Block("text", f"**{_escape(block.text)}**", block.number))
                result.notes.append(f"Underoverskriften “{block.text}” (afsnit {block.number}) "
                                    "står som en fed linje i teksten.")
                continue
            if theme is None or block.level <= theme_level:
                theme = None
            target, context = None, block.text
            result.unplaced.append((context, block))
            continue
        if target is None:
            result.unplaced.append((context, block))
        elif _is_list(target, result) and block.kind == "table":
            result.unplaced.append((context, block))
        else:
            _add(result, target, block)
    _finish(result)
    return result


def _is_list(target: tuple[str | None, str], result: Imported) -> bool:
    from taskforce_report.load.textfiles import is_list_key

    theme, key = target
    return is_list_key(_KIND, key, theme is not None)


def _add(result: Imported, target: tuple[str | None, str], block: Block) -> None:
    theme, key = target
    values = result.document if theme is None else result.themes[theme]
    if _is_list(target, result):
        values.setdefault(key, []).append(block.text)
        return
    values.setdefault(key, []).append(block)


def _finish(result: Imported) -> None:
    """The text sections' blocks joined as Markdown: paragraphs apart, list items together."""
    for values in [result.document, *result.themes.values()]:
        for key, parts in values.items():
            if parts and isinstance(parts[0], Block):
                values[key] = _join(parts)


def _join(parts: list[Block]) -> str:
    out = ""
    previous = None
    for block in parts:
        if block.kind == "item":
            marker = "1." if block.numbered else "-"
            line = "   " * block.level + f"{marker} {block.text}"
            out += ("\n" if previous == "item" else "\n\n") + line
        else:
            text = block.text
            if block.kind == "text":  # a paragraph that begins like a list or a heading
                text = re.sub(r"^(\d{1,3})([.)])(?=\s)", r"\1\\\2", text)
                text = re.sub(r"^([-+>#])", r"\\\1", text)
            out += "\n\n" + text
        previous = block.kind
    return out.strip()


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
        keys = DOCUMENT_KEYS[_KIND]
        files[name] = _checked(name, markdown_text("Rapportens egne tekster", result.document,
                                                   keys), result.document, _KIND, keys, False)
    for theme_id in concept.theme_ids:
        values = result.themes.get(theme_id)
        if not values:
            continue
        name = f"{TEXTS_DIR}/{theme_id}.md"
        keys = THEME_KEYS[_KIND]
        files[name] = _checked(name, markdown_text(concept.themes[theme_id].overskrift, values,
                                                   keys), values, _KIND, keys, True)
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


def comments(document) -> list[tuple[str, str, str]]:
    """(author, text, the text it is anchored to) of each comment."""
    anchors: dict[str, str] = {}
    body = document.element.body
    for start in body.iter(_W + "commentRangeStart"):
        comment_id = start.get(_W + "id")
        paragraph = start.getparent()
        while paragraph is not None and paragraph.tag != _W + "p":
            paragraph = paragraph.getparent()
        if paragraph is not None:
            anchors[comment_id] = markdown_runs(_runs(paragraph))
    try:
        found = list(document.comments)
    except (KeyError, AttributeError, ValueError):
        return []
    return [(c.author or "", re.sub(r"\s+", " ", c.text or "").strip(),
             anchors.get(str(c.comment_id), "")) for c in found]


@dataclass(frozen=True)
class ImportResult:
    result: Imported
    written: tuple[Path, ...]


def import_docx(source: Path, bundle: Path, accept_changes: bool = False,
                koncept: str | None = None) -> ImportResult:
    from taskforce_report.core.safeio import present, write_output

    source, bundle = Path(source), Path(bundle)
    target = bundle / "rapport.yaml"
    if present(target):
        raise input_error(str(target), "", "findes allerede; vælg en ny mappe til det "
                          "importerede bundt")
    if koncept is not None and koncept not in ("klassisk", "pejlemaerker"):
        raise input_error("--koncept", "", f"ukendt koncept '{koncept}'; kendte: klassisk, "
                          "pejlemaerker")
    document = open_draft(source)
    changes = tracked_changes(document.element.body)
    if sum(changes) and not accept_changes:
        raise input_error(str(source), "", f"udkastet har {sum(changes)} sporede ændringer "
                          f"({changes[0]} indsættelser, {changes[1]} sletninger); acceptér "
                          "eller afvis dem i Word, eller importér med --accepter-aendringer "
                          "for at tage dem alle som accepteret")
    items = blocks(document)
    if not any(b.kind == "heading" for b in items):
        raise input_error(str(source), "", "udkastet har ingen overskrifter; forventede "
                          "temaernes navne i typografien Overskrift 1, 2 eller 3 (Heading 1–3)")
    result = place(items, koncept)
    result.changes = changes if accept_changes else (0, 0)
    result.comments = comments(document)
    if not result.themes and not result.document:
        names = ", ".join(n[0] for n in theme_names(
            catalogues.concepts()[result.koncept]).values())
        raise input_error(str(source), "", "ingen overskrift i udkastet er et tema eller et "
                          f"afsnit, der kendes (kendte temaer: {names})")
    files = text_files(result)
    written = [write_output(bundle / name, text, bundle) for name, text in files.items()]
    written.append(write_output(bundle / IMPORT_REPORT_FILE, import_report(result, source.name),
                                bundle))
    written.append(write_output(target, bundle_yaml(result, source.name), bundle))
    return ImportResult(result, tuple(written))

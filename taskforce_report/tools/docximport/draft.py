"""Reading the Word draft: the file opened within bounds, its tracked changes counted,
its body read as blocks (headings by style, paragraphs and list items as Markdown, tables),
and its comments with the text they are anchored to."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from taskforce_report.core.errors import input_error

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_BYTES = 50_000_000  # a draft with its images; more is not a draft
_MAX_UNPACKED = 200_000_000  # the parts unpacked together (zipfile holds each part to its
# declared size, so the sum bounds what python-docx unpacks): a zip bomb stops here
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titel)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(?:list|opstilling|listeafsnit|liste)", re.IGNORECASE)


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


def escape(text: str) -> str:
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
            out += escape(text)
            continue
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        out += f"{lead}{marker}{escape(core)}{marker[::-1]}{trail}"
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

"""Placing the draft's blocks: the concept chosen, each heading matched to a theme or a
section, and the blocks under it gathered as that text; what cannot be placed is kept
for the import report."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from taskforce_report import catalogues
from taskforce_report.load.textfiles import (
    _fold,
)
from taskforce_report.tools.docximport.draft import (
    Block,
    escape,
)

KIND = "analyserapport"

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
_KOMMUNE = re.compile(r"\b([A-ZÆØÅ][\w-]+(?:[- ][A-ZÆØÅ][\w-]+)* Kommune)\b")


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
    """The theme a heading names: (id, exact). A near miss (difflib, as errors.suggest
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
                _add(result, target, Block("text", f"**{escape(block.text)}**", block.number))
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
    return is_list_key(KIND, key, theme is not None)


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

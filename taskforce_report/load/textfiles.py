"""LOAD: a bundle's texts as Markdown files in `tekster/`, one per theme (or pejlemærke) and
`tekster/rapport.md` for the document's own texts.

People write prose in Markdown files, one per chapter, beside the data (as Quarto, MkDocs and
Sphinx keep it), and review each other's theme without touching the same file. A file is read
into the same keys rapport.yaml would hold, so everything after loading (validation,
citations, the personal-data guard, the layout) is the same whichever form the text is in:

    # Underretninger            (an optional title line, not printed)

    ## Præsentation
    Kommunen har en modtagelse …

    ## Styrker
    - Der er en opdateret børnepolitik.

Sections are `##` headings in the domain's words (table HEADINGS); a list key takes a Markdown
list, one item a point. Every value keeps the file and line it came from, so an error names the
Markdown file and its line (`TextsDocument.where`).
"""

from __future__ import annotations

import re
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taskforce_report.core.errors import InputError, Problem, input_error, suggest
from taskforce_report.core.safeio import present, read_input, refuse_control
from taskforce_report.load.yamlfile import YamlDocument, decode

TEXTS_DIR = "tekster"
REPORT_TEXTS = "rapport"  # tekster/rapport.md: the document's own texts (resume, indledning …)
_MAX_BYTES = 2_000_000  # one theme's text is 20–60 kB; a file of megabytes is not a text

# The Markdown heading of each text key, in the domain's words. A heading is matched without
# regard to case or accents, and the key itself (`samlet_vurdering`) is read too.
HEADINGS = {
    "resume": "Resumé",
    "anbefalinger": "Anbefalinger",
    "indledning": "Indledning",
    "datagrundlag": "Datagrundlag",
    "samlet_vurdering": "Samlet vurdering",
    "redegoerelse": "Redegørelse",
    "praesentation": "Præsentation",
    "analyse": "Analyse",
    "styrker": "Styrker",
    "udfordringer": "Udfordringer",
    "vurdering": "Vurdering",
    "bemaerkninger": "Bemærkninger",
}

# The text keys per document type: those of the document itself (tekster/rapport.md) and those
# of each theme under `temaer:` (tekster/<id>.md). A document type not named has no text files.
DOCUMENT_KEYS = {
    "analyserapport": ("resume", "anbefalinger"),
    "taskforce-status": ("indledning", "datagrundlag", "samlet_vurdering", "redegoerelse",
                         "anbefalinger"),
    "statusrapport": ("indledning",),
}
THEME_KEYS = {
    "analyserapport": ("praesentation", "analyse", "styrker", "udfordringer", "anbefalinger"),
    "taskforce-status": ("vurdering", "bemaerkninger", "redegoerelse"),
}


def is_list_key(dokument: str, key: str, theme: bool) -> bool:
    """Whether the key holds a list of points (a Markdown list) rather than one text."""
    from taskforce_report.models import DOCUMENT_MODELS

    model = DOCUMENT_MODELS[dokument]
    if theme:
        annotation = model.model_fields["temaer"].annotation
        model = typing.get_args(annotation)[1]
    return typing.get_origin(model.model_fields[key].annotation) is list


def _fold(text: str) -> str:
    """A heading compared without case, accents or spacing: 'Resumé' = 'resume' = 'RESUME'."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[\s_]+", " ", text)


def key_of(heading: str, keys: tuple[str, ...]) -> str | None:
    folded = _fold(heading)
    for key in keys:
        if folded in (_fold(HEADINGS.get(key, key)), _fold(key)):
            return key
    return None


# ---- reading ---------------------------------------------------------------------------------

@dataclass
class Section:
    heading: str
    line: int  # the heading's line, 1-based
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)


@dataclass(frozen=True)
class TextFile:
    """One Markdown file read: its sections as the keys they fill, each with its line."""

    display: str  # "tekster/underretninger.md"
    values: dict[str, Any]  # key → text, or list of texts
    lines: dict[tuple, int]  # (key,) or (key, index) → line


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ITEM = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])( +|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def sections(text: str, display: str) -> list[Section]:
    """The `##` sections of a Markdown text; a `#` title before the first is skipped, any other
    text there is an error. Headings inside a fenced code block are text."""
    found: list[Section] = []
    fenced = False
    for number, line in enumerate(text.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading and len(heading.group(1)) == 2:
            found.append(Section(heading.group(2), number))
        elif found:
            found[-1].lines.append((number, line))
        elif heading and len(heading.group(1)) == 1:
            continue  # the file's title, for the reader of the file
        elif line.strip():
            raise input_error(display, "", "tekst før den første ##-overskrift; skriv den under "
                              "en overskrift som ## Præsentation", line=f"linje {number}")
    return found


def _body(lines: list[tuple[int, str]]) -> tuple[str, int]:
    """A section's text without its leading and trailing blank lines, and its first line."""
    while lines and not lines[0][1].strip():
        lines = lines[1:]
    while lines and not lines[-1][1].strip():
        lines = lines[:-1]
    return "\n".join(line.rstrip("\r") for _, line in lines), lines[0][0] if lines else 0


def list_items(lines: list[tuple[int, str]], display: str) -> list[tuple[str, int]]:
    """The items of a Markdown list, each with its line. Lines indented under an item continue
    it (kept as its own lines); any other text is an error."""
    items: list[tuple[list[str], int, int]] = []  # (lines, first line, indent to strip)
    for number, raw in lines:
        line = raw.rstrip("\r")
        match = _ITEM.match(line)
        if match and (not items or len(match.group(1)) < items[-1][2]):
            items.append(([line[match.end():]], number, match.end()))
        elif not line.strip():
            if items:
                items[-1][0].append("")
        elif items and line.startswith(" "):
            strip = min(items[-1][2], len(line) - len(line.lstrip(" ")))
            items[-1][0].append(line[strip:])
        else:
            raise input_error(display, "", "forventede et listepunkt, der begynder med '- ', "
                              f"fandt '{line.strip()[:60]}'", line=f"linje {number}")
    out = []
    for parts, number, _ in items:
        text = "\n".join(parts).strip()
        if text:
            out.append((text, number))
    return out


def parse(text: str, display: str, dokument: str, keys: tuple[str, ...],
          theme: bool) -> TextFile:
    values: dict[str, Any] = {}
    lines: dict[tuple, int] = {}
    seen: dict[str, int] = {}
    for section in sections(text, display):
        key = key_of(section.heading, keys)
        if key is None:
            names = [HEADINGS.get(k, k) for k in keys]
            raise input_error(display, "", f"ukendt overskrift '## {section.heading}'"
                              f"{suggest(section.heading, names)} (kendte: "
                              f"{', '.join(names)})", line=f"linje {section.line}")
        if key in seen:
            raise input_error(display, "", f"## {HEADINGS.get(key, key)} står to gange (første "
                              f"gang i linje {seen[key]})", line=f"linje {section.line}")
        seen[key] = section.line
        lines[(key,)] = section.line
        if is_list_key(dokument, key, theme):
            items = list_items(section.lines, display)
            values[key] = [item for item, _ in items]
            for index, (_, number) in enumerate(items):
                lines[(key, index)] = number
        else:
            body, first = _body(section.lines)
            values[key] = body
            if first:
                lines[(key,)] = first
    return TextFile(display, values, lines)


def read_file(path: Path, display: str, root: Path) -> str:
    raw = read_input(path, display, root=root, limit=_MAX_BYTES)
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise input_error(display, "", "filen indeholder binære data (NUL-tegn); forventede en "
                          "Markdown-tekstfil i UTF-8")
    text = decode(raw, display).replace("\r\n", "\n")
    refuse_control(text, display, "en Markdown-tekst")  # an escape would reach the terminal
    return text


def text_files(bundle: Path) -> list[str]:
    """The Markdown files of `tekster/`, by their path in the bundle; other files there (notes,
    a README.txt) are not read."""
    folder = Path(bundle) / TEXTS_DIR
    if not present(folder):
        return []
    if folder.is_symlink() or not folder.is_dir():
        what = "et symbolsk link" if folder.is_symlink() else "ikke en mappe"
        raise input_error(TEXTS_DIR, "", f"er {what}; forventede en mappe i bundtet med "
                          "teksterne som Markdown-filer (et link kan pege uden for bundtet)")
    return sorted(f"{TEXTS_DIR}/{p.name}" for p in folder.iterdir() if p.name.endswith(".md")
                  and not p.name.startswith("."))


# ---- merging into rapport.yaml's data ----------------------------------------------------------

@dataclass(frozen=True)
class TextsDocument(YamlDocument):
    """rapport.yaml with the texts of `tekster/` merged into its data. `origins` maps a key path
    to the Markdown file and line it came from; `where` answers for both kinds of place."""

    origins: dict[tuple, tuple[str, int]] = field(default_factory=dict)

    def where(self, path: tuple) -> tuple[str, str]:
        path = tuple(path)
        for length in range(len(path), 0, -1):
            found = self.origins.get(path[:length])
            if found is not None:
                return found[0], f"linje {found[1]}"
        return self.file, self.locate(path)


def _has_text(value: Any) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def merge(doc: YamlDocument, bundle: Path) -> YamlDocument:
    """rapport.yaml's document with `tekster/*.md` merged in; `doc` itself when there are none.
    A text written in both places is an error naming both."""
    names = text_files(bundle)
    if not names:
        return doc
    data = doc.data if isinstance(doc.data, dict) else None
    kind = data.get("dokument") if data else None
    if data is None or not isinstance(kind, str):
        return doc  # rapport.yaml's own error is told first
    if kind not in DOCUMENT_KEYS:
        raise input_error(names[0], "", f"dokumenttypen {kind} tager ikke tekster i "
                          f"{TEXTS_DIR}/; skriv teksterne i rapport.yaml")
    data = dict(data)
    origins: dict[tuple, tuple[str, int]] = {}
    problems: list[Problem] = []
    for name in names:
        stem = name[len(TEXTS_DIR) + 1:-3]
        theme = stem != REPORT_TEXTS
        if theme and kind not in THEME_KEYS:
            problems.append(Problem(name, "", f"dokumenttypen {kind} har ingen temaer; dens "
                                    f"tekster står i {TEXTS_DIR}/{REPORT_TEXTS}.md"))
            continue
        keys = THEME_KEYS[kind] if theme else DOCUMENT_KEYS[kind]
        try:
            parsed = parse(read_file(Path(bundle) / name, name, Path(bundle)), name, kind, keys,
                           theme)
        except InputError as exc:
            problems += exc.problems
            continue
        prefix: tuple = ("temaer", stem) if theme else ()
        if theme:
            themes = data.get("temaer")
            if themes is not None and not isinstance(themes, dict):
                continue  # the model tells what temaer: should be
            themes = dict(themes or {})
            target = themes.get(stem)
            target = dict(target) if isinstance(target, dict) else {}
        else:
            target = data
        for key, value in parsed.values.items():
            if _has_text(target.get(key)):
                where = doc.locate((*prefix, key))
                problems.append(Problem(name, "", f"## {HEADINGS.get(key, key)}: teksten står "
                                        f"også i rapport.yaml ({where}, "
                                        f"{'.'.join(map(str, (*prefix, key)))}); skriv den ét "
                                        "sted", f"linje {parsed.lines[(key,)]}"))
                continue
            target[key] = value
        if theme:
            themes[stem] = target
            data["temaer"] = themes
            origins[prefix] = (name, 1)
        for path, line in parsed.lines.items():
            origins[(*prefix, *path)] = (name, line)
    if problems:
        raise InputError(problems)
    return TextsDocument(doc.file, data, doc.root, origins)


def where(doc: YamlDocument | None, path: tuple, file: str = "rapport.yaml") -> tuple[str, str]:
    """The file and line of a key path of rapport.yaml's data, whichever file it came from."""
    return doc.where(path) if doc is not None else (file, "")


# ---- writing: the texts of a bundle from rapport.yaml to Markdown files and back --------------

def markdown_text(title: str, values: dict[str, Any], keys: tuple[str, ...],
                  stubs: bool = False) -> str:
    """A Markdown file of the texts `values` holds, in the order of `keys`; `stubs` writes the
    heading of every key, an empty one too (for `new --tekster markdown`)."""
    out = [f"# {title}\n"] if title else []
    for key in keys:
        value = values.get(key)
        if not stubs and not _has_text(value):
            continue
        out.append(f"\n## {HEADINGS.get(key, key)}\n")
        if isinstance(value, list):
            if value:
                out.append("\n")
            for item in value:
                lines = item.split("\n")
                out.append(f"- {lines[0]}\n")
                out += [f"  {line}\n" if line else "\n" for line in lines[1:]]
        elif value:
            out.append(f"\n{value}\n")
    return "".join(out)


def _checked(display: str, text: str, values: dict[str, Any], kind: str,
             keys: tuple[str, ...], theme: bool) -> str:
    """`text`, once it is certain that reading it back gives exactly `values`."""
    try:
        back = parse(text, display, kind, keys, theme).values
    except InputError:
        back = None
    expected = {k: v for k, v in values.items() if _has_text(v)}
    if back is None or {k: v for k, v in back.items() if _has_text(v)} != expected:
        bad = next((k for k in keys if back is None or back.get(k, values.get(k)) != values.get(k)
                    and _has_text(values.get(k))), keys[0])
        raise input_error("rapport.yaml", bad, "teksten kan ikke skrives som Markdown uden at "
                          "ændre sig (fx en linje, der begynder med ##, en kodeblok, der ikke "
                          "lukkes, eller et tomt listepunkt); ret den i rapport.yaml først")
    return text

"""`tekster BUNDLE --til markdown|yaml` and `new --tekster markdown`: a bundle's texts written in
the other form, tekster/*.md or rapport.yaml keys, so that the document built stays the same.

A tool above loading: it loads the bundle and writes files. Reading and merging tekster/*.md
while a bundle loads is textfiles.py's, which bundle.py imports and which therefore must not
load a bundle itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taskforce_report.core.errors import input_error
from taskforce_report.core.safeio import present, read_input, write_output
from taskforce_report.load.bundle import REPORT_FILE, concept_of, input_files
from taskforce_report.load.course import load_bundle
from taskforce_report.load.textfiles import (
    DOCUMENT_KEYS,
    REPORT_TEXTS,
    TEXTS_DIR,
    THEME_KEYS,
    _checked,
    _has_text,
    markdown_text,
    text_files,
)
from taskforce_report.load.yamlfile import decode, read_yaml
from taskforce_report.tools.scaffold import _scalar, _text


@dataclass(frozen=True)
class Texts:
    """A bundle's texts: the document's own and each theme's, as the model holds them."""

    kind: str
    document: dict[str, Any]
    themes: dict[str, dict[str, Any]]  # theme id → key → value, in the concept's order
    titles: dict[str, str]  # theme id → its heading


def texts_of(bundle) -> Texts:
    report = bundle.report
    kind = bundle.document
    if kind not in DOCUMENT_KEYS:
        raise input_error("rapport.yaml", "dokument", f"dokumenttypen {kind} tager ikke tekster "
                          f"i {TEXTS_DIR}/")
    document = {key: getattr(report, key) for key in DOCUMENT_KEYS[kind]}
    themes: dict[str, dict[str, Any]] = {}
    titles: dict[str, str] = {}
    if kind in THEME_KEYS:
        concept = concept_of(bundle)
        catalogue = concept.themes
        written = getattr(report, "temaer", {})
        order = [t for t in concept.theme_ids if t in written] + [
            t for t in written if t not in concept.theme_ids]
        for theme_id in order:
            entry = written[theme_id]
            themes[theme_id] = {key: getattr(entry, key) for key in THEME_KEYS[kind]}
        titles = {t: catalogue[t].overskrift for t in concept.theme_ids if t in catalogue}
    return Texts(kind, document, themes, titles)


def markdown_files(texts: Texts, stubs: bool = False,
                   theme_ids: list[str] | None = None) -> dict[str, str]:
    """Path in the bundle → the text of each Markdown file the texts make."""
    files: dict[str, str] = {}
    kind = texts.kind
    if stubs or any(_has_text(v) for v in texts.document.values()):
        name = f"{TEXTS_DIR}/{REPORT_TEXTS}.md"
        text = markdown_text("Rapportens egne tekster", texts.document, DOCUMENT_KEYS[kind], stubs)
        files[name] = _checked(name, text, texts.document, kind, DOCUMENT_KEYS[kind], False)
    themes = dict(texts.themes)
    for theme_id in theme_ids or []:
        themes.setdefault(theme_id, {})
    for theme_id, values in themes.items():
        if not stubs and not any(_has_text(v) for v in values.values()):
            continue
        name = f"{TEXTS_DIR}/{theme_id}.md"
        text = markdown_text(texts.titles.get(theme_id, theme_id), values, THEME_KEYS[kind],
                             stubs)
        files[name] = _checked(name, text, values, kind, THEME_KEYS[kind], True)
    return files


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _node_end(node) -> int:
    """Where a value ends: the end of its last item for a block collection (its own end mark
    lies at the next key, past comments that belong to that key)."""
    import yaml

    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style \
            and node.value:
        last = node.value[-1]
        return _node_end(last[1] if isinstance(last, tuple) else last)
    return node.end_mark.index


def without_keys(text: str, root, keys: set[str]) -> str:
    """rapport.yaml's text without the top-level `keys` and their values; every other line,
    comments included, as it was."""
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return text
    cuts = []
    for key, value in root.value:
        if key.value not in keys:
            continue
        start = _line_start(text, key.start_mark.index)
        end = _node_end(value)
        if end > 0 and text[end - 1] != "\n":
            newline = text.find("\n", end)
            end = len(text) if newline < 0 else newline + 1
        cuts.append((start, end))
    for start, end in sorted(cuts, reverse=True):
        text = text[:start] + text[end:]
    return text


def yaml_texts(texts: Texts) -> str:
    """The texts as rapport.yaml keys: the document's own, then `temaer:`."""
    def keyed(values: dict[str, Any], indent: int) -> str:
        out = ""
        pad = " " * indent
        for key, value in values.items():
            if not _has_text(value):
                continue
            if isinstance(value, list):
                out += f"{pad}{key}:\n" + "".join(f"{pad}  - {_scalar(item)}\n" for item in value)
            else:
                out += _text(key, value, indent)
        return out

    out = keyed(texts.document, 0)
    themes = {t: v for t, v in texts.themes.items() if any(_has_text(x) for x in v.values())}
    if themes:
        out += "temaer:\n"
        for theme_id, values in themes.items():
            out += f"  {theme_id}:\n" + keyed(values, 4)
    return out


@dataclass(frozen=True)
class Conversion:
    write: dict[str, str]  # path in the bundle → text
    remove: list[str]  # paths in the bundle


def convert(bundle_path: Path, target: str) -> Conversion:
    """What `tekster BUNDLE --til markdown|yaml` writes and removes: every text of the bundle
    in the one form. The document built is the same (tests/test_textfiles.py builds both)."""
    bundle = load_bundle(bundle_path)
    texts = texts_of(bundle)
    source = read_yaml(Path(bundle_path) / REPORT_FILE, REPORT_FILE)
    raw = decode(read_input(Path(bundle_path) / REPORT_FILE, REPORT_FILE), REPORT_FILE)
    keys = set(DOCUMENT_KEYS[texts.kind]) | ({"temaer"} if texts.kind in THEME_KEYS else set())
    rest = without_keys(raw, source.root, keys)
    existing = text_files(bundle_path)
    if target == "markdown":
        files = markdown_files(texts)
        return Conversion({REPORT_FILE: rest, **files},
                          [name for name in existing if name not in files])
    if not rest.endswith("\n"):
        rest += "\n"
    return Conversion({REPORT_FILE: rest + yaml_texts(texts)}, existing)


def apply(bundle_path: Path, target: str, outdir: Path | None = None) -> list[Path]:
    """Converts the bundle's texts (in place, or into a copy of the bundle in `outdir`); the
    Markdown files are written before rapport.yaml loses its texts, so a stop half-way leaves
    every text somewhere (twice at worst, which loading names)."""
    import shutil

    bundle_path = Path(bundle_path)
    plan = convert(bundle_path, target)
    root = bundle_path
    if outdir is not None:
        root = Path(outdir)
        if present(root / REPORT_FILE):
            raise input_error(str(root / REPORT_FILE), "", "findes allerede; vælg en ny mappe")
        for name in input_files(load_bundle(bundle_path)):
            if name not in plan.write and not name.startswith(f"{TEXTS_DIR}/"):
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(bundle_path / name, root / name)
    written = []
    for name in sorted(plan.write, key=lambda n: n == REPORT_FILE):
        written.append(write_output(root / name, plan.write[name], root))
    if outdir is None:
        for name in plan.remove:
            (root / name).unlink()
        folder = root / TEXTS_DIR
        if plan.remove and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return written


def scaffold_markdown(directory: Path) -> list[Path]:
    """`new --tekster markdown`: the fresh bundle's texts moved to tekster/, with a file per
    theme of the concept and every heading written, ready to fill in."""
    bundle = load_bundle(directory)
    texts = texts_of(bundle)
    theme_ids = list(texts.titles) if texts.kind in THEME_KEYS else []
    files = markdown_files(texts, stubs=True, theme_ids=theme_ids)
    plan = convert(directory, "markdown")
    written = [write_output(Path(directory) / name, text, Path(directory))
               for name, text in sorted(files.items())]
    write_output(Path(directory) / REPORT_FILE, plan.write[REPORT_FILE], Path(directory))
    return written

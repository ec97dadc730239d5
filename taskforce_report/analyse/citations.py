"""Citations: the texts in rapport.yaml may name computed results, so the numbers in the prose
always match the tables. `{sagsgennemgang.bfu_4_mdr.ikke_opfyldt}` becomes `5`.

The syntax is deliberately tiny, and user text never runs code: a placeholder is a dotted name
of lower-case letters, digits and `_`, optionally followed by modifiers (`:ord` writes a count
in words, `:stort` capitalises the first letter): `{interviews.boern.antal:ord}` → `seks`.
There are no attribute lookups, calls, filters or expressions; a name is looked up in a flat
table of values the analysis computed. `{{` and `}}` write a literal brace. An unknown name or
a stray brace is an input error naming the file and the key path. docs/bundle-format.md lists
every name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, TypeAdapter

from taskforce_report import catalogues
from taskforce_report.catalogues import Concept
from taskforce_report.core import language
from taskforce_report.core.errors import InputError, Problem
from taskforce_report.load import bundleconcept
from taskforce_report.load.validation import dotted

_TOKEN = re.compile(r"\{\{|\}\}|\{[^{}\n]*\}|[{}]")
_NAME = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)*$")
_MODIFIERS = ("ord", "stort")
# Where a name's values come from, for the message when the bundle lacks them.
SOURCES = {
    "sagsgennemgang": "sagsgennemgang.csv",
    "selvevaluering": "selvevaluering.csv",
    "interviews": "interviews.yaml",
    "socialfaglig": "socialfaglig.csv",
    "statusmaaling": "sagsgennemgang.csv med runderne baseline og status",
}
# Fields of a report that are identifiers, not prose: left as written.
NOT_PROSE = frozenset({"dokument", "koncept", "kommune", "tema", "titel", "referencegruppe"})


def _format(value: Any, modifiers: list[str]) -> str:
    if "ord" in modifiers:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError("':ord' kan kun bruges på et antal")
        text = language.number_word(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        text = language.number(value)
    else:
        text = str(value)
    if "stort" in modifiers:
        text = language.capitalize_first(text)
    return text


def _starts_sentence(text: str, at: int) -> bool:
    """Whether position `at` of `text` opens a sentence (or the text, or a line)."""
    before = text[:at].rstrip(" ")
    return before == "" or before.endswith((".", "!", "?", "\n")) and not before.endswith("..")


def _unknown(name: str, values: Mapping[str, Any]) -> str:
    prefix = name.split(".", 1)[0]
    if prefix in SOURCES and not any(k.startswith(prefix + ".") for k in values):
        return (f"ukendt henvisning {{{name}}}: bundtet har ingen {SOURCES[prefix]}, så der er "
                "intet at henvise til")
    close = difflib.get_close_matches(name, list(values), n=1, cutoff=0.75)
    hint = f" — mente du {{{close[0]}}}?" if close else ""
    return (f"ukendt henvisning {{{name}}}{hint}; navnene står i docs/bundle-format.md")


def resolve_text(text: str, values: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The text with every placeholder replaced, and the messages for those that could not be."""
    errors: list[str] = []

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if token in ("{", "}"):
            errors.append(f"enlig '{token}'; skriv {{{{ eller }}}} for en krøllet parentes, "
                          "eller {navn} for en henvisning")
            return token
        name, *modifiers = token[1:-1].strip().split(":")
        name = name.strip()
        modifiers = [m.strip() for m in modifiers]
        if not _NAME.match(name):
            errors.append(f"'{token}' er ikke en gyldig henvisning; en henvisning er et navn "
                          "med små bogstaver, tal, _ og punktum, fx "
                          "{sagsgennemgang.bfu_4_mdr.ikke_opfyldt}; skriv {{ og }} for "
                          "krøllede parenteser")
            return token
        bad = [m for m in modifiers if m not in _MODIFIERS]
        if bad:
            errors.append(f"ukendt tilføjelse ':{bad[0]}' i {token}; mulige: "
                          + ", ".join(f":{m}" for m in _MODIFIERS))
            return token
        if name not in values:
            errors.append(_unknown(name, values))
            return token
        try:
            value = values[name]
            if _starts_sentence(text, match.start()) and isinstance(value, int) \
                    and not isinstance(value, bool) and "ord" not in modifiers:
                # Danish does not open a sentence with digits: "Fire ud af de seks …"
                return language.count_phrase(value, start=True)
            return _format(value, modifiers)
        except ValueError as exc:
            errors.append(f"{token}: {exc}")
            return token

    return _TOKEN.sub(replace, text), errors


def _walk(data: Any, path: tuple, values: Mapping[str, Any],
          problems: list[tuple[tuple, str]]) -> Any:
    if isinstance(data, str):
        if "{" not in data and "}" not in data:
            return data
        text, errors = resolve_text(data, values)
        problems.extend((path, e) for e in errors)
        return text
    if isinstance(data, dict):
        return {k: _walk(v, (*path, k), values, problems) for k, v in data.items()}
    if isinstance(data, list):
        return [_walk(v, (*path, i), values, problems) for i, v in enumerate(data)]
    return data


def resolve_report(report: BaseModel, values: Mapping[str, Any], file: str = "rapport.yaml",
                   locate: Callable[[tuple], str] | None = None,
                   where: Callable[[tuple], tuple[str, str]] | None = None) -> BaseModel:
    """A copy of the report with the citations in its texts resolved; every error at once."""
    problems: list[tuple[tuple, str]] = []
    update = {}
    for key in type(report).model_fields:
        if key in NOT_PROSE:
            continue
        raw = getattr(report, key)
        dumped = _dump(raw)
        resolved = _walk(dumped, (key,), values, problems)
        if resolved != dumped:
            annotation = type(report).model_fields[key].annotation
            update[key] = TypeAdapter(annotation).validate_python(resolved)
    if problems:
        if where is None:  # `where` names the file too: a text may come from tekster/*.md
            def where(path: tuple) -> tuple[str, str]:
                return file, locate(path) if locate else ""
        raise InputError([Problem(file, dotted(path), message, line)
                          for path, message in problems
                          for file, line in [where(path)]])
    return report.model_copy(update=update) if update else report


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    return value


def resolve_concept(bundle: Any, values: Mapping[str, Any]) -> Concept | None:
    """The bundle's own concept with the citations in its free texts resolved
    (`{sagsgennemgang.sager}`), as the report's texts are; every unknown name is an error at
    its place. Titles keep the packaged concepts' `{kommune}`, filled by document.py. None
    when the bundle has no concept of its own."""
    entry = getattr(bundle, "concept_entry", None)
    if entry is None:
        return None
    file, prefix = bundle.concept_place
    data = entry.model_dump(exclude_none=True)
    if "kapitler" not in data:
        return bundle.concept
    problems: list[tuple[tuple, str]] = []
    chapters = []
    for c, chapter in enumerate(data["kapitler"]):
        place = (*prefix, "kapitler", c)
        chapter = dict(chapter)
        if "tekst" in chapter:
            chapter["tekst"] = _walk(chapter["tekst"], (*place, "tekst"), values, problems)
        sections = []
        for s, section in enumerate(chapter.get("afsnit", ())):
            section = dict(section)
            if "tekst" in section:
                section["tekst"] = _walk(section["tekst"], (*place, "afsnit", s, "tekst"),
                                         values, problems)
            sections.append(section)
        if "afsnit" in chapter:
            chapter["afsnit"] = sections
        chapters.append(chapter)
    doc = bundle.concept_doc
    if problems:
        raise InputError([Problem(file, dotted(path), message, doc.locate(path))
                          for path, message in problems])
    if chapters == data["kapitler"]:
        return bundle.concept
    resolved = bundleconcept.BundleConcept.model_validate({**data, "kapitler": chapters})
    return bundleconcept.resolve(resolved, catalogues.concepts()[entry.extends], doc,
                                 tuple(prefix))

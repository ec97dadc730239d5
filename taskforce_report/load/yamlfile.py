"""Safe YAML that remembers where every value stood, so errors can name a line.

The document is composed into nodes first (PyYAML's safe loader, no Python tags), checked for
duplicate keys and aliases, then constructed. `locate()` turns a key path back into a line.

Before anything is built, the parser's events are counted: aliases, nesting deeper than any
bundle needs (libyaml composes recursively, so 100.000 levels of `[[[[` would overflow the C
stack) and more values than any bundle has are refused, so a hostile file costs neither the
stack nor the memory.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from taskforce_report.core.errors import input_error
from taskforce_report.core.safeio import CONTROL  # controls a quoted escape still brings in

# libyaml's parser is ten times faster than the pure-Python one and gives the same marks.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Aliases let a few lines expand into gigabytes ("billion laughs"); a report never needs them.
_MAX_BYTES = 5_000_000
# The deepest bundle file nests 7 levels (udviklingspunkter[].maal[].milepaele[]) and the largest
# holds about 1.100 values; these bounds leave room for any real one.
MAX_DEPTH = 50
_TOO_DEEP = (f"for dybt indlejret: mere end {MAX_DEPTH} niveauer af lister og nøgler i "
             "hinanden")
MAX_VALUES = 100_000


def _lenient(construct):
    """A scalar Python cannot hold (`dato: 9999-99-99`, `0000-01-01`, a 5.000-digit number,
    `!!float x`, `!!bool x`) stays text, so the model names the key and says what it expected."""

    def constructor(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, OverflowError, KeyError):
            return loader.construct_scalar(node)

    return constructor


class _Loader(_Base):
    pass


_Loader.add_constructor("tag:yaml.org,2002:timestamp",
                        _lenient(SafeConstructor.construct_yaml_timestamp))
_Loader.add_constructor("tag:yaml.org,2002:int", _lenient(SafeConstructor.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float",
                        _lenient(SafeConstructor.construct_yaml_float))
_Loader.add_constructor("tag:yaml.org,2002:bool", _lenient(SafeConstructor.construct_yaml_bool))


# PyYAML's syntax errors in Danish: what is wrong and what to do. The first rule whose patterns
# all match wins; `problem` and `context` are searched in PyYAML's words (libyaml's and the pure
# Python parser's differ, so a rule matches both), `at` must match the character at the mark
# and `before` the text in front of the mark on its line. In `message`, {tegn} is that character
# and {linje} the line of PyYAML's context mark (where the list, quote or key began).
@dataclass(frozen=True)
class _Rule:
    problem: str
    message: str
    context: str = ""
    at: str = ""
    before: str = ""


_QUOTE_IT = "sæt værdien i anførselstegn"
_INDENT = "<block end>|expected key|'-' indicator"
_INDENTATION = ("indrykningen passer ikke med linjerne over; ryk linjen ind med lige så mange "
                "mellemrum som de andre nøgler eller listepunkter på samme niveau")
_SYNTAX = (
    _Rule(r"tab character|'\\t'", "et tabulatortegn; YAML skal rykkes ind med mellemrum"),
    _Rule("cannot start any token", "et tabulatortegn; YAML skal rykkes ind med mellemrum",
          at="\t"),
    _Rule("cannot start any token", f"en værdi kan ikke begynde med '{{tegn}}'; {_QUOTE_IT}",
          at=r"\S"),
    _Rule("mapping values are not allowed",
          "et kolon efterfulgt af mellemrum (': ') inde i en værdi; sæt hele værdien i "
          "anførselstegn, eller ret indrykningen, hvis linjen skal være en ny nøgle"),
    _Rule("could not find expected ':'",
          "linje {linje} mangler et kolon efter nøglen; skriv 'nøgle: værdi', eller ryk linjen "
          "ind, hvis den fortsætter teksten over den"),
    _Rule("sequence entries are not allowed",
          "et listepunkt ('- ') på samme linje som sin nøgle; skriv listepunkterne på linjerne "
          f"under nøglen, rykket ind, eller {_QUOTE_IT}"),
    _Rule("end of stream|document (separator|indicator)",
          "et anførselstegn er ikke lukket (åbnet i linje {linje}); luk det med samme slags "
          "anførselstegn", context="quoted scalar"),
    _Rule("escape|hexa?decimal",
          "en omvendt skråstreg (\\) i en værdi i dobbelte anførselstegn; skriv den dobbelt "
          "(\\\\), eller brug enkelte anførselstegn", context="quoted scalar"),
    _Rule(r"expected ',' or '\]'",
          "en liste i [ ] er ikke lukket (åbnet i linje {linje}), eller der mangler et komma "
          "mellem dens elementer; luk den med ], eller sæt hele værdien i anførselstegn"),
    _Rule("expected ',' or '}'",
          "en samling i { } er ikke lukket (åbnet i linje {linje}), eller der mangler et komma "
          "mellem dens elementer; luk den med }, eller sæt hele værdien i anførselstegn"),
    _Rule(_INDENT,
          "tekst efter et afsluttende anførselstegn; skal værdien selv rumme anførselstegn, så "
          "sæt den i den anden slags anførselstegn, eller skriv ' dobbelt ('') inde i '…'",
          before=r"['\"]\s*"),
    _Rule(_INDENT, "tekst efter et afsluttende ] eller }; sæt hele værdien i anførselstegn",
          before=r"[\]}]\s*"),
    _Rule(_INDENT, _INDENTATION),
    _Rule("node content|mapping keys are not allowed",
          f"en værdi kan ikke begynde med '{{tegn}}'; {_QUOTE_IT}", at=r"[^\s\w]"),
    _Rule("node content", "en liste i [ ] eller en samling i { } er ikke lukket; luk den med ] "
          "eller }, eller sæt hele værdien i anførselstegn", context="flow"),
    _Rule("node content", _INDENTATION),
    _Rule("unexpected ':'", "et kolon inde i en værdi i [ ] eller { }; sæt værdien i "
          "anførselstegn"),
    _Rule("", "efter | eller > må der kun stå +, - eller et ciffer på linjen; skriv teksten på "
          "linjerne under, rykket ind", context="block scalar"),
    _Rule("", f"en værdi, der begynder med '*', læses som et YAML-alias; {_QUOTE_IT}",
          context="alias"),
    _Rule("undefined alias",
          f"en værdi, der begynder med '*', læses som et YAML-alias; {_QUOTE_IT}"),
    _Rule("", f"en værdi, der begynder med '&', læses som et YAML-anker; {_QUOTE_IT}",
          context="anchor"),
    _Rule("tag handle", f"en værdi, der begynder med '!', læses som et YAML-tag; {_QUOTE_IT}"),
    _Rule("", f"en værdi, der begynder med '!', læses som et YAML-tag; {_QUOTE_IT}",
          context=r"\btag\b"),
    _Rule("", "en linje, der begynder med '%', læses som et YAML-direktiv; slet linjen, eller "
          "sæt værdien i anførselstegn", context="directive"),
    _Rule("incompatible YAML document",
          "en linje, der begynder med '%', læses som et YAML-direktiv; slet linjen, eller sæt "
          "værdien i anførselstegn"),
    _Rule("document start",
          "tekst efter dokumentets slutning (efter en linje med '...' eller en værdi uden nøgle "
          "øverst i filen); slet den linje, eller skriv 'nøgle: værdi'"),
    _Rule("unhashable key",
          "en nøgle er en liste eller en samling af nøgler; en nøgle skal være tekst"),
    _Rule("for merging",
          "nøglen '<<' læses som en YAML-fletning; sæt nøglen i anførselstegn ('<<')"),
    _Rule(r"expected an? (mapping|sequence)",
          "et YAML-tag (!!…) passer ikke til værdien; slet tagget"),
)


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's syntax error as one Danish line, from the table above; a problem the table does
    not know keeps a Danish lead with PyYAML's words in parentheses."""
    problem, context = exc.problem or "", exc.context or ""
    mark, opened = exc.problem_mark or exc.context_mark, exc.context_mark
    index = getattr(mark, "index", None)
    if not isinstance(index, int) or not 0 <= index <= len(text):
        index = None
    char = text[index:index + 1] if index is not None else ""
    before = text[text.rfind("\n", 0, index) + 1:index] if index is not None else ""
    for rule in _SYNTAX:
        if (re.search(rule.problem, problem) and re.search(rule.context, context)
                and (not rule.at or re.fullmatch(rule.at, char))
                and (not rule.before or re.search(rule.before + "$", before))
                and (opened or "{linje}" not in rule.message)):
            message = rule.message.replace("{linje}", str(opened.line + 1) if opened else "")
            return "YAML-syntaksfejl: " + message.replace("{tegn}", char)
    english = ": ".join(part for part in (context, problem) if part) or "ukendt fejl"
    return (f"YAML-syntaksfejl (PyYAML: {english}); se efter indrykning, kolon og "
            "anførselstegn i linjen og linjerne over")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class YamlDocument:
    file: str
    data: Any
    root: yaml.Node | None

    def locate(self, path: tuple[str | int, ...]) -> str:
        """The best line for a key path: the deepest node of the path that exists."""
        node, line = self.root, None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                found = None
                for key, value in node.value:
                    if key.value == str(part):
                        found, line = value, key.start_mark.line + 1
                        break
                if found is None:
                    break
                node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        if line is None and self.root is not None:
            line = self.root.start_mark.line + 1
        return f"linje {line}" if line else ""

    def where(self, path: tuple[str | int, ...]) -> tuple[str, str]:
        """The file and line of a key path (textfiles.TextsDocument: a Markdown file's)."""
        return self.file, self.locate(path)

    def plain_scalar(self, path: tuple[str | int, ...]) -> str | None:
        """The text of the scalar at `path` as written, if it was written without quotes;
        None otherwise. Tells `-5.300` (YAML's -5,3) from `'-5.300'`."""
        node = self.root
        for part in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == str(part)), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                    and part < len(node.value):
                node = node.value[part]
            else:
                return None
        if isinstance(node, yaml.ScalarNode) and not node.style:  # plain: None or ""
            return node.value
        return None


def _check_nodes(node: yaml.Node, file: str, seen: set[int]) -> None:
    if id(node) in seen:
        raise input_error(
            file,
            "",
            line=f"linje {node.start_mark.line + 1}",
            message="YAML-aliaser (&navn og *navn) er ikke tilladt i et rapportbundt; "
            "skriv værdien ud",
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            if name in keys:
                raise input_error(
                    file,
                    "",
                    line=f"linje {key.start_mark.line + 1}",
                    message=f"nøglen '{name}' står to gange (første gang i linje {keys[name]})",
                )
            keys[name] = key.start_mark.line + 1
            _check_nodes(key, file, seen)
            _check_nodes(value, file, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_nodes(item, file, seen)
    elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        control = CONTROL.search(node.value)
        if control is not None:  # written as an escape ("\e", "\x07", "\u202e") in quotes
            raise input_error(
                file, "", line=f"linje {node.start_mark.line + 1}",
                message=f"værdien rummer tegnet U+{ord(control.group()):04X} (et kontroltegn, "
                "skrevet som escape i anførselstegn); det må ikke stå i et rapportbundt: slet det")




def _check_events(text: str, file: str) -> None:
    """Aliases, nesting and size, from the parser's events, before a node is built."""
    loader = _Loader(text)
    depth = values = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = f"linje {event.start_mark.line + 1}" if event.start_mark else ""
            if isinstance(event, yaml.AliasEvent):
                raise input_error(file, "", "YAML-aliaser (&navn og *navn) er ikke tilladt i et "
                                  "rapportbundt; skriv værdien ud", line=line)
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise input_error(file, "", _TOO_DEEP, line=line)
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                values += 1
                if values > MAX_VALUES:
                    raise input_error(file, "", f"for mange værdier: mere end "
                                      f"{_number(MAX_VALUES)}", line=line)
    finally:
        loader.dispose()


def parse_yaml(text: str, file: str) -> YamlDocument:
    if len(text) > _MAX_BYTES:
        raise input_error(file, "", f"filen er for stor ({_number(len(text))} tegn; højst "
                          f"{_number(_MAX_BYTES)})")
    try:
        _check_events(text, file)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return YamlDocument(file, None, None)
            _check_nodes(root, file, set())
            data = loader.construct_document(root)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"linje {mark.line + 1}, kolonne {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or ""
        if "nesting depth" in problem:  # PyYAML ≥ 6.0.4 refuses deep nesting while scanning
            raise input_error(file, "", _TOO_DEEP, line=place) from None
        tag = re.search(r"constructor for the tag (['\"])(?:tag:yaml\.org,2002:)?(.*)\1",
                        problem)
        if tag:
            local = ("; skal teksten begynde med !, så sæt den i anførselstegn"
                     if tag[2].startswith("!") else "")
            raise input_error(file, "", f"YAML-tagget '{tag[2]}' er ikke tilladt; skriv værdien "
                              f"som almindelig tekst, tal eller dato{local}",
                              line=place) from None
        if "but found another document" in problem:
            raise input_error(file, "", "filen rummer flere YAML-dokumenter (adskilt af ---); "
                              "et rapportbundts fil er ét dokument", line=place) from None
        raise input_error(file, "", _syntax_message(exc, text), line=place) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = f"linje {text.count(chr(10), 0, exc.position) + 1}" if exc.position >= 0 else ""
        character = chr(exc.character) if isinstance(exc.character, int) else exc.character
        raise input_error(file, "", f"tegnet U+{ord(character[:1] or ' '):04X} er ikke tilladt "
                          "i en YAML-fil (et kontroltegn); slet det", line=line) from None
    except yaml.YAMLError as exc:
        raise input_error(file, "", f"ugyldig YAML (PyYAML: {exc}); se efter indrykning, kolon "
                          "og anførselstegn") from None
    except RecursionError:  # a safety net: _check_events bounds the nesting
        raise input_error(file, "", _TOO_DEEP) from None
    return YamlDocument(file, data, root)


def read_yaml(path, display: str) -> YamlDocument:
    from taskforce_report.core.safeio import read_input

    # never more than the limit, never a link, a FIFO or a device
    raw = read_input(path, display, limit=4 * _MAX_BYTES)
    return parse_yaml(decode(raw, display), display)


def decode(raw: bytes, display: str) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with its BOM (as Windows' Notepad may save);
    anything else is told with the line where it stops being UTF-8."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise input_error(display, "", "filen begynder som UTF-16, men er ikke gyldig "
                              "UTF-16; gem den som UTF-8") from None
    if b"\x00" in raw:
        raise input_error(display, "", "filen indeholder binære data (NUL-tegn); forventede "
                          "en YAML-tekstfil i UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise input_error(
            display, "", f"filen er ikke UTF-8 (byte 0x{raw[exc.start]:02X} i linje {line} er "
            "ikke gyldig UTF-8, fx æ, ø eller å gemt som Latin-1/Windows-1252); gem den som "
            "UTF-8", line=f"linje {line}") from None

"""Safe YAML that remembers where every value stood, so errors can name a line.

The document is composed into nodes first (PyYAML's safe loader, no Python tags), checked for
duplicate keys and aliases, then constructed. `locate()` turns a key path back into a line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from taskforce_report.errors import input_error

# libyaml's parser is ten times faster than the pure-Python one and gives the same marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Aliases let a few lines expand into gigabytes ("billion laughs"); a report never needs them.
_MAX_BYTES = 5_000_000


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


def parse_yaml(text: str, file: str) -> YamlDocument:
    if len(text) > _MAX_BYTES:
        raise input_error(file, "", f"filen er for stor ({len(text):,} tegn; højst {_MAX_BYTES:,})")
    try:
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
        problem = exc.problem or exc.context or "ugyldig YAML"
        raise input_error(file, "", f"YAML-syntaksfejl: {problem}", line=place) from None
    except yaml.YAMLError as exc:
        raise input_error(file, "", f"YAML-fejl: {exc}") from None
    return YamlDocument(file, data, root)


def read_yaml(path, display: str) -> YamlDocument:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise input_error(display, "", f"kan ikke læses: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise input_error(
            display, f"byte {exc.start}", "filen er ikke UTF-8; gem den som UTF-8"
        ) from None
    return parse_yaml(text, display)

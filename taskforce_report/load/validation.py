"""Pydantic's validation errors, told in Danish with file, key path, line and a suggestion."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from taskforce_report.core.errors import MAX_SHOWN, InputError, Problem, suggest
from taskforce_report.load.yamlfile import YamlDocument

_EXPECTED = {
    "string_type": "forventede tekst",
    "int_type": "forventede et heltal",
    "int_parsing": "forventede et heltal",
    "float_type": "forventede et tal",
    "float_parsing": "forventede et tal",
    "bool_type": "forventede ja/nej (true/false)",
    "bool_parsing": "forventede ja/nej (true/false)",
    "list_type": "forventede en liste (linjer der starter med '- ')",
    "dict_type": "forventede en samling af nøgler",
    "model_type": "forventede en samling af nøgler",
    "date_type": "forventede en dato som ÅÅÅÅ-MM-DD",
    "date_parsing": "forventede en dato som ÅÅÅÅ-MM-DD",
    "date_from_datetime_parsing": "forventede en dato som ÅÅÅÅ-MM-DD",
    "string_too_short": "må ikke være tom",
    "too_short": "må ikke være tom",
    "int_from_float": "forventede et heltal",
    "int_parsing_size": "forventede et heltal af rimelig størrelse",
    "finite_number": "forventede et endeligt tal (ikke .inf eller .nan)",
    "invalid_key": "nøglen skal være tekst",
    "date_from_datetime_inexact": "forventede en dato uden klokkeslæt som ÅÅÅÅ-MM-DD",
    "date_future": "forventede en dato",
    "bytes_type": "forventede tekst",
    "set_type": "forventede en liste",
}

# Bounds (Field(ge=..., le=...)): the message and the ctx key that holds the bound.
_BOUNDS = {
    "greater_than_equal": ("skal være mindst {}", "ge"),
    "greater_than": ("skal være større end {}", "gt"),
    "less_than_equal": ("må højst være {}", "le"),
    "less_than": ("skal være mindre end {}", "lt"),
    "string_too_long": ("er for lang; højst {} tegn", "max_length"),
    "too_long": ("har for mange elementer; højst {}", "max_length"),
}


def _bound(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    """The keys allowed where an unknown key stood, for the suggestion."""
    annotation: Any = model
    for part in path:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin in (dict, list, tuple) and args:
            annotation = args[-1] if origin is dict else args[0]  # a dict key or list index
            continue
        model_here = _model_in(annotation)
        field = getattr(model_here, "model_fields", {}).get(part) if model_here else None
        if field is None:
            return []
        annotation = field.annotation
    found = _model_in(annotation)
    return list(found.model_fields) if found else []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (dict, list, tuple):
        return None
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "en samling af nøgler"
    if isinstance(value, list):
        return "en liste"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def problems_from(exc: ValidationError, model: type[BaseModel], doc: YamlDocument,
                  prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    problems = []
    errors = exc.errors()
    # Only the first are told: locating a key is a walk over its mapping, and 40.000 unknown keys
    # each located would take minutes (O(n²)); nobody reads past the first screen anyway.
    for err in errors[:MAX_SHOWN]:
        path = prefix + tuple(p for p in err["loc"] if not str(p).startswith("function-"))
        place = dotted(path)
        file, line = doc.where(path)  # a text from tekster/*.md: its file and line
        kind = err["type"]
        if kind == "extra_forbidden":
            parent = path[len(prefix):-1]
            message = f"ukendt nøgle{suggest(str(path[-1]), _fields_at(model, parent))}"
        elif kind == "missing":
            message = "mangler (nøglen skal udfyldes)"
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            message = f"forventede {expected}, fandt {_describe(err.get('input'))}"
        elif kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
        elif kind in _BOUNDS:
            text, key = _BOUNDS[kind]
            message = (f"{text.format(_bound(err.get('ctx', {}).get(key)))}, fandt "
                       f"{_describe(err.get('input'))}")
        elif kind in _EXPECTED:
            message = f"{_EXPECTED[kind]}, fandt {_describe(err.get('input'))}"
        else:
            message = err["msg"]
        problems.append(Problem(file, place, message, line))
    if len(errors) > MAX_SHOWN:
        rest = f"{len(errors) - MAX_SHOWN:,}".replace(",", ".")
        problems.append(Problem(doc.file, "", f"… og {rest} fejl mere; ret dem ovenfor først"))
    return problems


def validate(model: type[BaseModel], data: Any, doc: YamlDocument,
             prefix: tuple[str | int, ...] = ()):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, model, doc, prefix)) from None

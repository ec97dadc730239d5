"""The personal-data guard: run before rendering, so a CPR number, an e-mail address, a phone
number or a name the bundle lists under `skjul` never reaches a published document.

It looks at every text of the report (rapport.yaml and the other YAML files) and every cell of
the tables, and names the file and place of each find. `--allow-personal-data` turns the
refusal into a warning, for internal drafts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from taskforce_report.errors import Problem
from taskforce_report.yamlfile import read_yaml

_CPR = re.compile(r"(?<![\d.,])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d.,])")
# The lookbehind starts a match only where a run of address characters starts: without it, a
# long run with no @ (a 100 KB cell of letters) is scanned once from every position, O(n²).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Danish phone numbers: 8 digits, alone or in pairs/fours, optionally after +45 or 0045.
_PHONE = re.compile(r"(?<![\w.,-])(?:(?:\+|00)45 ?)?(?:\d{2} ?){3}\d{2}(?![\w,-]|\.\d)")

# Columns that hold numbers, years or months: a value there is never a phone number.
_NUMERIC_COLUMNS = {"vaerdi", "aar", "runde"}


def _plausible_cpr(match: re.Match) -> bool:
    day, month, year = (int(g) for g in match.groups()[:3])
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def findings(text: str, hidden: list[str]) -> list[str]:
    """What in `text` looks like personal data, described in Danish."""
    found = []
    for match in _CPR.finditer(text):
        if _plausible_cpr(match):
            # the message itself must not spread the number: only its date part is shown
            found.append(f"ligner et CPR-nummer ('{match.group(0)[:6]}-XXXX')")
    cpr_spans = [m.span() for m in _CPR.finditer(text) if _plausible_cpr(m)]
    for match in _EMAIL.finditer(text):
        found.append(f"indeholder en e-mailadresse ('{match.group(0)}')")
    for match in _PHONE.finditer(text):
        inside_cpr = any(a <= match.start() < b for a, b in cpr_spans)
        if not inside_cpr and len(re.sub(r"\D", "", match.group(0))) in (8, 10, 12):
            found.append(f"ligner et telefonnummer ('{match.group(0).strip()}')")
    lowered = text.casefold()
    for name in hidden:
        if name and re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", lowered):
            found.append(f"nævner '{name}', som bundtet har under skjul")
    return found


def _walk(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield path + (str(key),), str(key)
            yield from _walk(item, path + (str(key),))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, path + (index,))


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def check(bundle) -> list[Problem]:
    """Every find in the bundle, as problems naming file and place."""
    report = bundle.report
    hidden = [str(name) for name in getattr(report, "skjul", []) or []]
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for path, text in _walk(report, ()):
        if path and path[0] == "skjul":
            continue
        for finding in findings(text, hidden):
            key = ("rapport.yaml", path, finding)
            if key not in seen:
                seen.add(key)
                problems.append(Problem("rapport.yaml", _dotted(path), finding))
    interviews = getattr(bundle, "interviews", None)
    if interviews is not None:
        for path, text in _walk(interviews, ()):
            for finding in findings(text, hidden):
                problems.append(Problem("interviews.yaml", _dotted(path), finding))
    # the criteria, questions and indicators a bundle adds are printed too (tables, sentences,
    # chart titles)
    for file, key in (("kriterier.yaml", "kriterier"), ("spoergsmaal.yaml", "spoergsmaal")):
        for path, text in _walk(list(getattr(bundle, key, ()) or ()), (key,)):
            for finding in findings(text, hidden):
                problems.append(Problem(file, _dotted(path), finding))
    indicators = Path(getattr(bundle, "path", "")) / "indikatorer.yaml"
    if getattr(bundle, "path", None) is not None and indicators.is_file():
        for path, text in _walk(read_yaml(indicators, "indikatorer.yaml").data, ()):
            for finding in findings(text, hidden):
                problems.append(Problem("indikatorer.yaml", _dotted(path), finding))
    for table in bundle.tables.values():
        frame = table.frame
        for column in frame.columns:
            if column in _NUMERIC_COLUMNS:
                continue
            for row, text in frame[column].items():
                if not text:
                    continue
                for finding in findings(text, hidden):
                    problems.append(table.problem(int(row), column, finding))
    return problems

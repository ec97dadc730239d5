"""Compound words of the domain written as Danish writes them, in every fixed text and every
example bundle: `firemånedersfristen`, `Task Force-forløb`, `børne- og ungeområdet`."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

# wrong form → right form
COMPOUNDS = {
    r"\bfire måneders fristen?\b": "firemånedersfristen",
    r"\b24 timers fristen?\b": "24-timersfristen",
    r"\bTask Force (forløb|forløbet|konsulent|konsulenter|sekretariat)\b": "Task Force-forløb",
    r"\bbørne og unge(område|udvalg)": "børne- og ungeområdet",
    r"\bsags behandling": "sagsbehandling",
    r"\bhandle plan": "handleplan",
    r"\bbørne samtale": "børnesamtale",
    r"\bfirmånedersfrist": "firemånedersfristen",
}


def sources():
    for folder, pattern in ((ROOT / "templates", "*.html"),
                            (ROOT / "taskforce_report" / "catalogues", "*.yaml"),
                            (ROOT / "input", "*.yaml"), (ROOT / "input", "*.md")):
        yield from sorted(folder.rglob(pattern))


@pytest.mark.parametrize(("wrong", "right"), list(COMPOUNDS.items()))
def test_the_domains_compounds_are_written_together(wrong, right):
    found = []
    for path in sources():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(wrong, text, re.IGNORECASE):
            found.append(f"{path.relative_to(ROOT)}: «{match.group(0)}» (skriv {right})")
    assert not found, "\n".join(found)


def test_the_check_sees_a_wrong_compound():
    assert re.search(list(COMPOUNDS)[0], "er fire måneders fristen overskredet")

"""Building the bundle: the recognised report as rapport.yaml (texts as Markdown, long ones
as YAML blocks, cut into paragraphs), the recommendations in the present tense."""

from __future__ import annotations

import re

import yaml

from taskforce_report import catalogues
from taskforce_report.tools.legacy.model import LegacyReport
from taskforce_report.tools.legacy.reading import (
    LOWER,
    PARAGRAPH,
    UPPER,
    count_words,
    plain,
    sentence_ends,
)


class _Block(str):
    """A long text, dumped as a YAML literal block (`|`)."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)  # list items indented under their key


def _represent_block(dumper: yaml.SafeDumper, data: _Block):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style="|")


_Dumper.add_representer(_Block, _represent_block)


def md_escape(text: str, block: bool = False) -> str:
    """Source text as Markdown that prints as written: emphasis markers escaped and, for a
    paragraph field, a leading list or heading marker ("1. ", "- ", "#") made literal."""
    text = re.sub(r"([\\`*_])", r"\\\1", text)
    if block:
        text = re.sub(r"^(\d{1,3})([.)])(?=\s)", r"\1\\\2", text)
        text = re.sub(r"^([-+>#])", r"\\\1", text)
    return text


def _block(text: str) -> str:
    text = "\n\n".join(md_escape(part, block=True) for part in paragraphs(text))
    return _Block(text) if len(text) > 60 else text


# A sentence that opens a new step of an analysis: where the source shows no paragraphs, a
# paragraph of PARAGRAPH_WORDS or more breaks before one of these.
_OPENS = re.compile(
    r"(?:Det fremgår|Det er Task Forcens|Task Forcen|Ankestyrelsens|Sagsgennemgangen|Ifølge|"
    r"I selvevalueringen|Af selvevalueringen|I interview|Af interview|Ved interview|"
    r"Derudover|Herudover|Desuden|Endelig|Samtidig|Dertil|Samlet set|Sammenfattende|"
    r"På baggrund|Socialrådgiverne|Ledelsen|Lederne|Kommunen)\b")
PARAGRAPH_WORDS = 80  # a paragraph this long may break before a sentence that opens a step
PARAGRAPH_MAX = 170  # and breaks at the next sentence end once it is this long


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an imported text. Where the source showed them (blank lines, or short
    lines ending a sentence: PARAGRAPH marks), those; otherwise the text is cut at sentence
    ends: before a sentence that opens a new step (_OPENS) once the paragraph has
    PARAGRAPH_WORDS words, and at any sentence end once it has PARAGRAPH_MAX."""
    if PARAGRAPH in text:
        return [p for p in (plain(part) for part in text.split(PARAGRAPH)) if p]
    text = plain(text)
    if not text:
        return []
    out, start = [], 0
    for end in [*sentence_ends(text), len(text)]:
        words = count_words(text[start:end])
        following = text[end:].lstrip()
        if end == len(text) or (words >= PARAGRAPH_WORDS and _OPENS.match(following)) \
                or words >= PARAGRAPH_MAX:
            out.append(text[start:end].strip())
            start = end
    return [p for p in out if p]


def paragraph_rule(text: str) -> str:
    """How `paragraphs` found the text's paragraphs, for import-rapport.md."""
    return "som i kilden" if PARAGRAPH in text else "delt ved sætninger"


# Danish verbs whose present tense is not the infinitive + r.
_IRREGULAR = {"have": "har", "være": "er", "gøre": "gør", "se": "ser", "gå": "går", "få": "får",
              "vide": "ved", "skulle": "skal", "kunne": "kan", "ville": "vil", "burde": "bør"}
# Words ending in -e that open a recommendation without being a verb.
_NOT_VERBS = {"bedre", "flere", "større", "mindre", "øvrige", "nye", "alle", "hele", "samme",
              "egne", "andre", "fælles", "disse", "denne", "mere", "mange", "gode", "store",
              "lokale", "faglige", "tværfaglige", "både", "hvilke", "nogle", "ene", "eneste"}


def present_tense(item: str) -> str:
    """A recommendation as the tool's lead-in continues it ("Task Forcen anbefaler, at Randers
    Kommune: Sikrer …"): an opening verb in the infinitive ("Sikre", as older reports wrote
    after "anbefaler Randers Kommune at:") in the present tense; anything else unchanged."""
    match = re.match(rf"([{UPPER}][{LOWER}]+)(?=[\s,])", item)
    if match is None:
        return item
    word = match.group(1)
    low = word.lower()
    if low in _IRREGULAR:
        new = _IRREGULAR[low]
    elif low.endswith("e") and len(low) > 2 and low not in _NOT_VERBS:
        new = low + "r"
    else:
        return item
    return new[0].upper() + new[1:] + item[match.end():]


def recommendation_changes(report: LegacyReport) -> list[tuple[str, str, str]]:
    """(where, before, after) for every recommendation `present_tense` changes."""
    themes = catalogues.themes()
    lists = [("De centrale anbefalinger", report.anbefalinger)]
    lists += [(themes[t].overskrift, report.temaer[t].anbefalinger)
              for t in themes if t in report.temaer]
    return [(where, item, present_tense(item)) for where, items in lists for item in items
            if present_tense(item) != item]


def _items(items: list[str]) -> list[str]:
    return [md_escape(item) for item in items]


def _recommendations(items: list[str]) -> list[str]:
    return _items([present_tense(item) for item in items])


def bundle_data(report: LegacyReport) -> dict:
    """The rapport.yaml mapping; keys that could not be found are left out."""
    data: dict = {"dokument": "analyserapport", "koncept": "klassisk"}
    if report.kommune:
        data["kommune"] = report.kommune
    if report.dato:
        data["dato"] = report.dato
    data["referencegruppe"] = list(report.referencegruppe)
    if report.dataindsamling:
        data["dataindsamling"] = {"fra": report.dataindsamling[0],
                                  "til": report.dataindsamling[1]}
    data["resume"] = _block(report.resume)
    data["anbefalinger"] = _recommendations(report.anbefalinger)
    temaer = {}
    for theme_id in [t for t in catalogues.themes() if t in report.temaer]:
        t = report.temaer[theme_id]
        temaer[theme_id] = {
            "praesentation": _block(t.praesentation),
            "analyse": _block(t.analyse),
            "styrker": _items(t.styrker),
            "udfordringer": _items(t.udfordringer),
            "anbefalinger": _recommendations(t.anbefalinger),
        }
    data["temaer"] = temaer
    return data


def bundle_yaml(report: LegacyReport, source_name: str) -> str:
    header = [
        f"# Importeret af `taskforce-report import-legacy` fra {source_name}.",
        "# Se import-rapport.md for hvad der ikke kunne findes eller placeres, og",
        "# docs/bundle-format.md for alle nøgler.",
    ]
    if not report.kommune:
        header.append("# kommune: <Navn> Kommune      (ikke fundet i kilden; udfyld)")
    if not report.dato:
        header.append("# dato: ÅÅÅÅ-MM-DD             (ikke fundet i kilden; udfyld)")
    if not report.dataindsamling:
        header.append("# dataindsamling: {fra: ÅÅÅÅ-MM-DD, til: ÅÅÅÅ-MM-DD}   (ikke fundet)")
    body = yaml.dump(bundle_data(report), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000, default_flow_style=False)
    return "\n".join(header) + "\n" + body

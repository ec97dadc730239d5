"""Templates hold the words; they never compute a plural, a list or a table's number (issue 18).

A plural is `n|flertal("sag", "sager")` (core/language.plural), a list `items|liste`
(language.join, registered in render/render.py), and a table or figure number comes from the
analysis or from render/numbering.py (`numre`). The scan below reads every template of
templates/ and of the themes and fails on the hand-made forms these replaced, so that a
reintroduced `"sag" if n == 1 else "sager"` is caught; the filters themselves are tested on
what they print.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup

from taskforce_report.core import language
from taskforce_report.load.themes import load_theme
from taskforce_report.render import numbering
from taskforce_report.render.render import environment

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "templates", ROOT / "themes")

# what a template must not do, each with the way it is done instead
FORBIDDEN = {
    # a plural or a singular chosen by comparing with one: `"sag" if n == 1 else "sager"`
    "a plural chosen in the template (use n|flertal)": re.compile(r"[!=]=\s*1\b"),
    # "a, b og c" built from the loop's counters
    "a list built from loop counters (use |liste)": re.compile(
        r"loop\.(revindex0?|length)\b"
        r"|loop\.last\s+else\s+[\"']"
        r"|[\"'][^\"']*[,;][^\"']*[\"']\s+if\s+not\s+loop\.last"
        r"|if\s+not\s+loop\.last\s*%\}\s*(,|;|og\b)"),
    # numbers counted up in the template: counters, `… + 1`, a loop's index in a caption
    "a number counted in the template (use the analysis or numre)": re.compile(
        r"namespace\(|\+\s*\d|(Tabel|Figur|Mål)\s[^<]*loop\.index"),
}

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def offences(source: str) -> list[tuple[str, str]]:
    """(what, where) for each forbidden form in a template's source. Comments are not read;
    plurals and lists are sought in the whole text (a separator may follow a tag), numbers in
    the tags and in the captions (a loop index printed after "Tabel" is counted there)."""
    text = _COMMENT.sub("", source)
    found = []
    for what, pattern in FORBIDDEN.items():
        if what.startswith("a number"):
            places = _TAG.findall(text) + re.findall(r"(?:Tabel|Figur|Mål) [^<]*", text)
        else:
            places = [text]
        for place in places:
            for match in pattern.finditer(place):
                found.append((what, place[max(0, match.start() - 40):match.end() + 40].strip()))
    return found


def templates() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in folder.rglob("*.html"))


def test_the_scan_reads_every_template():
    found = templates()
    assert len(found) > 60
    assert ROOT / "templates/statusrapport/afsnit/indledning/ledelsestilsyn.html" in found


@pytest.mark.parametrize("source", [
    '{{ n|tal }} {{ "sag" if n == 1 else "sager" }}',
    '{{ "ét barn" if b.antal == 1 else b.antal_ord }}{% if b.antal != 1 %} børn{% endif %}',
    '{% for t in temaer %}{{ t }}'
    '{{ "" if loop.last else (" og " if loop.revindex == 2 else ", ") }}{% endfor %}',
    '{% for b in bilag %}{{ b }}{{ "." if loop.last else "; " }}{% endfor %}',
    '{% for s in kilder %}{{ s }}{{ "; " if not loop.last }}{% endfor %}',
    '{% for n in numre %}{{ n }}{% if not loop.last %}, {% endif %}{% endfor %}',
    '{% set tabel = (grupper|map(attribute="tabel")|max) + 1 %}',
    '{% set ns = namespace(tabel=0) %}',
    '<caption><span class="tabelnr">Tabel {{ nr }}.{{ loop.index }}</span> Kurser</caption>',
])
def test_the_scan_catches_each_hand_made_form(source):
    assert offences(source), source


@pytest.mark.parametrize("source", [
    '{{ n|tal }} {{ n|flertal("sag", "sager") }}',
    '{{ temaer|map(attribute="overskrift")|liste }}',
    '{% for m in maalte %}{% if not loop.first %}<br>{% endif %}{{ m }}{% endfor %}',
    '{% if g.maalte|length > 1 %}{{ x }}{% endif %}',
    '{# a comment may say "sag" if n == 1 else "sager" #}',
])
def test_the_scan_leaves_the_replacements_alone(source):
    assert offences(source) == []


def test_no_template_computes_plurals_lists_or_numbers():
    found = {str(path.relative_to(ROOT)): offences(path.read_text(encoding="utf-8"))
             for path in templates()}
    assert {name: what for name, what in found.items() if what} == {}


def _render(source: str, **context) -> str:
    env = environment(load_theme("socialstyrelsen"))
    return env.from_string(source).render(**context)


@pytest.mark.parametrize(("count", "expected"), [
    (0, "0 sager"), (1, "1 sag"), (2, "2 sager"), (1500, "1.500 sager")])
def test_flertal_agrees_with_the_count(count, expected):
    assert _render('{{ n|tal }} {{ n|flertal("sag", "sager") }}', n=count) == expected


def test_talord_takes_et_for_a_neuter_noun():
    assert language.number_word(1, neuter=True) == "et"
    assert language.number_word(1) == "en"
    assert _render("{{ 1|talord(neuter=true) }} bilag, {{ 3|talord(neuter=true) }} bilag") == (
        "et bilag, tre bilag")


def test_liste_joins_the_danish_way_and_escapes_once():
    assert _render("{{ x|liste }}", x=["a", "b", "c"]) == "a, b og c"
    assert _render("{{ x|liste }}", x=["a"]) == "a"
    assert _render('{{ x|liste(word="eller") }}', x=["a", "b"]) == "a eller b"
    assert _render('{{ x|liste(sep="; ") }}', x=["a, 1", "b, 2"]) == "a, 1; b, 2"
    # plain text is escaped, a macro's markup is not escaped again
    source = ('{% macro runde(r) %}<b>{{ r }}</b>{% endmacro %}{{ x|liste(runde) }} '
              '{{ y|liste }}')
    assert _render(source, x=["R&D", "2"], y=["a<b", Markup("<i>c</i>")]) == (
        "<b>R&amp;D</b> og <b>2</b> a&lt;b og <i>c</i>")


class _Part:
    def __init__(self, tabel: int, figur: int):
        self.tabel, self.figur = tabel, figur


def test_the_social_work_review_follows_the_legal_reviews_numbers():
    # overview B1.1, three themes B1.2–B1.4, figures 1–2 (the last theme has no chart)
    parts = [_Part(2, 1), _Part(3, 2), _Part(4, 0)]
    assert numbering.following(parts) == numbering.Next(tabel=5, figur=3)
    assert numbering.following([]) == numbering.Next(tabel=1, figur=1)


class _Service:
    def __init__(self, art: str):
        self.art = art


@pytest.mark.parametrize(("arts", "expected"), [
    (["kursus", "andet", "kursus"], {"kurser": 1, "andre": 2}),
    (["andet"], {"andre": 1}),
    (["kursus"], {"kurser": 1}),
    ([], {}),
])
def test_the_service_tables_are_numbered_over_those_printed(arts, expected):
    facts = {"ydelser": tuple(_Service(a) for a in arts)}
    assert numbering.numbers(facts)["ydelser"] == expected

"""Own words: no fixed text of the project shares a run of RUN or more words with any of the
real documents in ../shared/seeds. Facts carry over from the seeds; sentences do not.

Fixed texts are the templates (without their Jinja code and HTML tags), the catalogues and the
string literals of the Python modules. Text is compared as lower-case words (letters and
digits), so case, whitespace, punctuation and line breaks hide nothing. Where the seeds are
missing the test is skipped, but never in CI: there a missing seed fails the run loudly.
"""

from __future__ import annotations

import ast
import os
import re

import pytest
from conftest import ROOT, SEEDS

RUN = 12
_WORD = re.compile(r"[^\W_]+")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^>]+>")
_IDENTIFIER = re.compile(r"\b\w+_\w+\b")  # personrettet_tilsyn: a key, not prose
BREAK = "\x00"  # where a value is filled in: a run may not cross it


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def runs(text: str) -> dict[tuple[str, ...], str]:
    """Every run of RUN words in `text`, within the pieces between breaks."""
    out = {}
    for piece in text.split(BREAK):
        ws = words(piece)
        for i in range(len(ws) - RUN + 1):
            out.setdefault(tuple(ws[i:i + RUN]), " ".join(ws[i:i + RUN]))
    return out


def template_text(source: str) -> str:
    return _TAG.sub(" ", _JINJA.sub(BREAK, source))


def yaml_text(source: str) -> str:
    """A catalogue's text with its identifiers (snake_case keys and ids) taken out: a list of
    theme ids in the seeds' order is data, not a sentence."""
    return _IDENTIFIER.sub(BREAK, source)


def python_strings(source: str) -> str:
    """The string literals of a module (f-strings' fixed parts too), docstrings included."""
    pieces = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            pieces.append(node.value)
    return BREAK.join(pieces)


def fixed_texts() -> dict[str, str]:
    texts = {}
    for path in sorted((ROOT / "templates").rglob("*.html")):
        texts[str(path.relative_to(ROOT))] = template_text(path.read_text(encoding="utf-8"))
    package = ROOT / "taskforce_report"
    for path in sorted(package.rglob("*.yaml")):
        texts[str(path.relative_to(ROOT))] = yaml_text(path.read_text(encoding="utf-8"))
    for path in sorted(package.rglob("*.py")):
        texts[str(path.relative_to(ROOT))] = python_strings(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "themes").rglob("*.yaml")):
        texts[str(path.relative_to(ROOT))] = yaml_text(path.read_text(encoding="utf-8"))
    return texts


def seed_runs() -> dict[tuple[str, ...], str]:
    found = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not found:
        message = f"no seeds in {SEEDS}: the copy check cannot run"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must lay ../shared/seeds beside the repository",
                        pytrace=False)
        pytest.skip(message)
    out: dict[tuple[str, ...], str] = {}
    for path in found:
        for run in runs(path.read_text(encoding="utf-8", errors="replace")):
            out.setdefault(run, path.name)
    return out


def test_the_check_finds_a_copied_sentence():
    seed = ("Frist for indsendelse af ansøgningen er den 22. november, og skemaet sendes pr. "
            "mail til sekretariatet.")
    copy = ("<p>Frist for <em>indsendelse</em> af ansøgningen er den 22. NOVEMBER,\n og "
            "skemaet sendes</p>")
    assert set(runs(template_text(copy))) & set(runs(seed))
    # a value filled in breaks the run: the template's words around it are not one sentence
    assert not set(runs(template_text("Frist for indsendelse af ansøgningen er den "
                                      "{{ dato }} 22. november, og skemaet sendes pr. mail til "
                                      "sekretariatet"))) & set(runs(seed))


def test_no_fixed_text_copies_a_run_of_words_from_the_seeds():
    seeds = seed_runs()
    copied = []
    for name, text in fixed_texts().items():
        for run, words_ in runs(text).items():
            if run in seeds:
                copied.append(f"{name} ← {seeds[run]}: «{words_}»")
    assert not copied, f"{len(copied)} runs of {RUN} words copied:\n" + "\n".join(copied[:80])

"""The chart cache's key covers everything that shapes a chart's bytes, so a cached chart is
always the one a fresh drawing would give."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from taskforce_report.charts import chartcache
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.load.themes import load_theme

SPEC = ChartSpec(id="figur", kind="line", title="T", alt="A", data={"x": [1, 2]})


def test_the_key_covers_every_module_that_draws_or_formats_a_chart():
    found = chartcache.drawing_modules()
    names = {path.name for path in found}
    assert {"draw.py", "spec.py", "style.py", "svg.py", "language.py", "colours.py",
            "themes.py"} <= names
    # every drawer, whichever document's chart it draws
    drawers = Path(chartcache.__file__).parent / "drawers"
    assert set(drawers.glob("*.py")) <= set(found)
    assert len(list(drawers.glob("*.py"))) > 2
    # the cache itself shapes no chart: a change in it keeps the charts drawn
    assert Path(chartcache.__file__) not in found


def test_a_changed_formatting_module_changes_the_key(monkeypatch, tmp_path):
    before = chartcache.key(SPEC, load_theme("socialstyrelsen"))
    language = next(p for p in chartcache.drawing_modules() if p.name == "language.py")
    edited = tmp_path / "language.py"
    edited.write_bytes(language.read_bytes() + b"\n# a changed number format\n")
    modules = [edited if p == language else p for p in chartcache.drawing_modules()]
    monkeypatch.setattr(chartcache, "drawing_modules", lambda: modules)
    chartcache._code_digest.cache_clear()
    try:
        assert chartcache.key(SPEC, load_theme("socialstyrelsen")) != before
    finally:
        monkeypatch.undo()
        chartcache._code_digest.cache_clear()
    assert chartcache.key(SPEC, load_theme("socialstyrelsen")) == before


def test_another_font_file_under_the_same_name_changes_the_key(tmp_path):
    theme = load_theme("socialstyrelsen")
    before = chartcache.key(SPEC, theme)
    face, path = theme.font_faces()[0]
    other = tmp_path / "fonts" / path.name
    other.parent.mkdir()
    other.write_bytes(path.read_bytes() + b"\0")
    moved = dataclasses.replace(theme, folders=(tmp_path, *theme.folders))
    assert moved.font_faces()[0][1] == other
    assert chartcache.key(SPEC, moved) != before

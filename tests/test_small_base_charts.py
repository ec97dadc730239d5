"""Issue 21: the small-base rule in charts. A chart of shares from the case review shows no
percentage for a criterion whose table withholds it (fewer than language.SMALL_BASE relevant
cases): the bar's label is the count ("4 af 10"), and with no bar left there is no percentage
axis either; on a large base the percentages stay. Read from the drawn SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from test_tf_status import tf_bundle

from taskforce_report.analyse import casereview_charts
from taskforce_report.build import prepare
from taskforce_report.charts.draw import draw
from taskforce_report.core import language
from taskforce_report.words.casereview_charts import bar_label


def svg_labels(spec, theme) -> list[str]:
    """The words the chart shows: every <text> of its SVG (tick labels, bar labels, legend)."""
    root = ET.fromstring(draw(spec, theme).encode("utf-8"))
    return [" ".join("".join(e.itertext()).split()) for e in root.iter()
            if e.tag.rsplit("}", 1)[-1] == "text"]


def comparison_chart(tmp_path):
    prepared = prepare(tf_bundle(tmp_path))
    (spec,) = [c for c in prepared.results.charts if c.kind == "round_bars"]
    return spec, prepared.theme


def test_a_chart_on_small_bases_shows_counts_and_no_percentage(tmp_path):
    spec, theme = comparison_chart(tmp_path)
    labels = svg_labels(spec, theme)
    # the sample's udredning area: 4 of 10 cases against 6 of 8, as the table says it
    assert "4 af 10" in labels and "6 af 8" in labels, labels
    assert not [t for t in labels if "%" in t], labels
    # a chart of counts: the bars are the cases met, on an axis of cases
    assert spec.data["procent"] is False
    assert spec.data["rows"][0][1:] == (4, 6) and spec.data["grundlag"] == 10
    assert "Antal sager, hvor kravet er opfyldt, ud af de relevante" in labels
    assert "%" not in spec.alt and "4 af 10" in spec.alt and "antallet af sager" in spec.alt


def test_the_same_chart_on_large_bases_keeps_its_percentages(tmp_path, monkeypatch):
    monkeypatch.setattr(language, "SMALL_BASE", 1)  # every base counts as large
    spec, theme = comparison_chart(tmp_path)
    labels = {t.replace("\u00a0", " ") for t in svg_labels(spec, theme)}
    assert {"40 %", "75 %", "0 %", "50 %", "100 %"} <= labels, labels
    assert "4 af 10" not in labels
    assert spec.data["procent"] is True


def test_the_figure_caption_says_counts_on_small_bases(tmp_path):
    from conftest import pdf_pages

    from taskforce_report.build import build

    text = " ".join(pdf_pages(build(tf_bundle(tmp_path), tmp_path / "ud")))
    assert ("Antal sager, hvor kravet er opfyldt, ud af de relevante, i de to målinger: "
            "faglig udredning") in text
    assert "Andel af sagerne, hvor kravet er opfyldt, i de to målinger" not in text


def test_chart_bar_follows_the_tables_rule():
    small = casereview_charts.chart_bar(0.75, 3, 4, language.is_small_base(4))
    assert (small.andel, bar_label(small), small.opfyldt) == (None, "3 af 4", 3)
    large = casereview_charts.chart_bar(0.75, 30, 40, language.is_small_base(40))
    assert (large.andel, bar_label(large)) == (0.75, "75\u00a0%")
    assert bar_label(casereview_charts.chart_bar(None, 0, 0, True)) == "ikke målt"
    assert language.is_small_base(language.SMALL_BASE - 1)
    assert not language.is_small_base(language.SMALL_BASE)


@pytest.mark.parametrize("small", [True, False])
def test_a_mixed_chart_keeps_shares_and_labels_a_small_base_with_its_count(small):
    rows = [("a", casereview_charts.chart_bar(0.5, 2, 4, small),
             casereview_charts.chart_bar(0.6, 0, 0, False))]
    data = casereview_charts._bars_data(rows, ("Kommunen", "Landsresultat"), bar_label)
    assert data["procent"] is True  # the national share is always a share
    assert data["rows"][0] == ("a", None if small else 0.5, 0.6)
    assert data["etiketter"][0][0] == ("2 af 4" if small else "50\u00a0%")


def test_a_mixed_chart_in_the_example_says_why_some_bars_are_counts(tmp_path):
    from conftest import ROOT, pdf_pages

    from taskforce_report.build import build

    text = " ".join(pdf_pages(build(ROOT / "input" / "eksempel-tf-status", tmp_path)))
    assert ("Anm.: Et krav med færre end 10 relevante sager i en af målingerne står med antal "
            "sager, ikke som andel.") in text
    assert "Andel af sagerne, hvor kravet er opfyldt, i de to målinger" in text

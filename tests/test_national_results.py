"""The national comparator: `landsresultat` per criterion (Ankestyrelsen's Børnesagsbarometer)
beside the municipality's share, and the counting rule "opfyldt eller lovligt undladt"."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, pdf_pages

from taskforce_report.analyse import (
    audit,
    auditgoals,
    casereview,
    casereview_charts,
    casereview_criteria,
    counting,
)
from taskforce_report.build import build, prepare
from taskforce_report.core import language
from taskforce_report.core.errors import InputError
from taskforce_report.load import criteria
from taskforce_report.models import NationalResult
from taskforce_report.words import audit as audit_words
from taskforce_report.words.casereview import WORDING

LILLE = FIXTURES / "lille"
NATIONAL = """landsresultater:
  bfu_4_mdr: {andel: 55, aar: 2020, kilde: "Ankestyrelsen, Børnesagsbarometer 2020"}
"""


def bundle_with_criteria(tmp_path: Path, criteria: str) -> Path:
    target = tmp_path / "bundt"
    shutil.copytree(LILLE, target)
    (target / "kriterier.yaml").write_text(criteria, encoding="utf-8")
    return target


def frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"sag": s, "kriterium": k, "vurdering": v, "runde": "baseline",
                          "kritik": False, "bemaerkning": ""} for s, k, v in rows])


@pytest.fixture
def small_sample(monkeypatch):
    """The sample has a handful of cases per criterion; these tests are about the national
    share and its chart, so shares and charts are allowed on any base here (the reports' rule,
    counts below language.SMALL_BASE and no chart of one or two rows, is tested elsewhere)."""
    monkeypatch.setattr(language, "SMALL_BASE", 1)
    monkeypatch.setattr(casereview_criteria, "MIN_CHART_ROWS", 1)


def test_the_barometer_rule_counts_a_lawful_omission_as_met_and_partly_as_not():
    rows = frame([("S1", "bfu_4_mdr", "ja"), ("S2", "bfu_4_mdr", "delvist"),
                  ("S3", "bfu_4_mdr", "nej"), ("S4", "bfu_4_mdr", "ikke relevant")])
    counted = counting.tally(rows, counting.BAROMETER_RULE).loc["bfu_4_mdr"]
    assert (counted["relevante"], counted["opfyldt"], counted["ikke_opfyldt"]) == (4, 2, 2)
    analysis = counting.tally(rows, counting.ANALYSIS_RULE).loc["bfu_4_mdr"]
    assert (analysis["relevante"], analysis["opfyldt"]) == (3, 1)
    assert audit.RULES["opfyldt_eller_lovligt_undladt"] is counting.BAROMETER_RULE
    measured = auditgoals.Measurement(runde="2024-03", maaned="marts 2024", sager=4, grundlag=4,
                                 opfyldt=2, andel=0.5)
    assert (audit_words.status_text("opfyldt_eller_lovligt_undladt", measured)
            == "50\u00a0% af sagerne er opfyldt eller lovligt undladt (målt på 4 sager)")


def test_review_sets_the_national_share_beside_the_share_counted_the_same_way(small_sample):
    known = criteria.criteria()
    known["bfu_4_mdr"] = known["bfu_4_mdr"].model_copy(update={
        "landsresultat": NationalResult(andel=55, aar=2020, kilde="Ankestyrelsen")})
    rows = frame([("S1", "bfu_4_mdr", "nej"), ("S2", "bfu_4_mdr", "ikke relevant"),
                  ("S3", "bfu_4_mdr", "ja"), ("S1", "underretning_24t", "ja")])
    result = casereview.review(rows, known, dt.date(2021, 5, 1), wording=WORDING)
    bfu = result.criterion("bfu_4_mdr")
    assert bfu.andel == pytest.approx(1 / 2)  # the analysis rule: ikke relevant leaves the base
    assert bfu.andel_som_landet == pytest.approx(2 / 3)  # as the barometer counts
    assert bfu.landsresultat_tekst == "2020: 55\u00a0%"
    theme = result.temaer["boernefaglige_undersoegelser"]
    assert theme.chart_land == "sagsgennemgang-boernefaglige_undersoegelser-land"
    assert "talt på samme måde er andelen i kommunen: afsluttet inden for fire måneder " \
           "67\u00a0%" in theme.land_tekst
    assert not result.temaer["underretninger"].chart_land  # no national result given there
    chart = next(s for s in casereview_charts.charts(result, WORDING.charts)
                 if s.id == theme.chart_land)
    assert chart.data["rows"] == (("Afsluttet inden for fire måneder", pytest.approx(2 / 3),
                                   0.55),)
    assert chart.data["serier"] == ("Kommunen", "Landsresultat 2020")


def test_the_pdf_shows_the_national_result_in_table_note_and_figure(tmp_path, small_sample):
    pdf = build(bundle_with_criteria(tmp_path, NATIONAL), tmp_path / "ud")
    text = " ".join(pdf_pages(pdf))
    assert "Andel opfyldt Landsresultat" in text
    assert "0 % 2020: 55 %" in text  # the municipality's share, then the national one
    assert ("Landsresultat: Ankestyrelsen, Børnesagsbarometer 2020. Landsresultatet tæller "
            "sager, hvor kravet er opfyldt eller lovligt undladt; talt på samme måde er "
            "andelen i kommunen: afsluttet inden for fire måneder 33 %.") in text
    assert ("Figur 5.3 Andelen af sager, hvor kravet er opfyldt eller lovligt undladt, i "
            "kommunen og i landet: børnefaglige undersøgelser") in text
    assert "Landsresultat 2020" in text  # the chart's legend


def test_a_bundle_criterion_may_carry_its_own_national_result(tmp_path):
    bundle = bundle_with_criteria(tmp_path, """kriterier:
  - id: samtale_foer_afgoerelse
    tema: boernefaglige_undersoegelser
    krav: Der er holdt en børnesamtale før afgørelsen
    kort: Børnesamtale før afgørelsen
    mangel: er der ikke holdt en børnesamtale før afgørelsen
    landsresultat: {andel: 61, aar: 2021, kilde: Ankestyrelsen}
""")
    found = {c.id: c for c in prepare(bundle).bundle.kriterier}
    assert found["samtale_foer_afgoerelse"].landsresultat.andel == 61


@pytest.mark.parametrize(("criteria", "expected"), [
    ("landsresultater:\n  bfu_4_md: {andel: 55, aar: 2020, kilde: Ankestyrelsen}\n",
     "kriterier.yaml, linje 2: landsresultater.bfu_4_md: ukendt kriterium 'bfu_4_md' — "
     "mente du 'bfu_4_mdr'?"),
    ("landsresultater:\n  bfu_4_mdr: {andel: 155, aar: 2020, kilde: Ankestyrelsen}\n",
     "landsresultater.bfu_4_mdr.andel: må højst være 100, fandt 155"),
    ("landsresultater:\n  bfu_4_mdr: {andel: 55, kilde: Ankestyrelsen}\n",
     "landsresultater.bfu_4_mdr.aar: mangler"),
])
def test_wrong_national_results_are_named(tmp_path, criteria, expected):
    with pytest.raises(InputError) as caught:
        prepare(bundle_with_criteria(tmp_path, criteria))
    assert expected in str(caught.value)

"""One counting rule per measurement (issue 19): a criterion is counted by the rule it declares,
so the same criterion over the same rows gives the same figure in every document; "ikke
relevant" never counts as met; a second reading is shown beside the first, labelled."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from taskforce_report.analyse import casereview, casereview_rounds, counting
from taskforce_report.build import prepare
from taskforce_report.load import criteria
from taskforce_report.tools.batch import find_bundles
from taskforce_report.words import casereview as casereview_words
from taskforce_report.words.casereview import WORDING

EXAMPLES = ROOT / "input"


def _rows(frame: pd.DataFrame, criterion: str, runde: str) -> frozenset:
    rows = frame[(frame["kriterium"] == criterion) & (frame["runde"] == runde)]
    return frozenset(zip(rows["sag"], rows["vurdering"], strict=True))


def _figures(bundle: Path) -> list[tuple[str, frozenset, str, float | None]]:
    """(criterion, the rows it was counted over, where, the share printed) for every
    case-review figure the bundle's document prints."""
    prepared = prepare(bundle)
    facts = prepared.results.facts
    from taskforce_report.documents import normalise

    # the rows the document counted: inside a course the TF status report's baseline is the
    # analysis bundle's
    frame = normalise(prepared.bundle).get("sagsgennemgang")
    if frame is None:
        return []
    found = []
    review = facts.get("sagsgennemgang")
    if review is not None:
        for theme in review.temaer.values():
            for r in (*theme.kriterier,):
                found.append((r.id, _rows(frame, r.id, counting.BASELINE), bundle.name,
                              r.andel))
    measured = facts.get("statusmaaling")
    if measured is not None:
        compared = measured.sammenligning
        for group in compared.grupper:
            for c in group.kriterier:
                for runde in (counting.BASELINE, counting.STATUS):
                    found.append((c.id, _rows(frame, c.id, runde), f"{bundle.name} ({runde})",
                                  getattr(c, runde).andel))
    return found


def test_the_same_criterion_over_the_same_rows_gives_the_same_figure_in_every_example():
    bundles = find_bundles(EXAMPLES)
    seen: dict[tuple[str, frozenset], tuple[str, float | None]] = {}
    compared = 0
    for bundle in bundles:
        for criterion, rows, where, share in _figures(bundle):
            first = seen.setdefault((criterion, rows), (where, share))
            if first[0] != where:
                compared += 1
                assert first[1] == pytest.approx(share, nan_ok=True), (
                    f"{criterion}: {first[0]} viser {first[1]}, {where} viser {share}")
    # the pejlemærker analysis, the Task Force's status report and the course's documents share
    # their baseline rows: 19 criteria, each seen in at least three documents
    assert compared >= 3 * 19


def test_the_analysis_report_and_the_tf_status_agree_on_the_may_2019_baseline():
    analysis = prepare(EXAMPLES / "eksempel-pejlemaerker").results.facts["sagsgennemgang"]
    status = prepare(EXAMPLES / "eksempel-tf-status").results.facts["statusmaaling"]
    for criterion, share in (("bfu_indhold", 5 / 16), ("handleplan_indhold", 3 / 15),
                             ("underretning_tilbagemelding", 5 / 8)):
        assert analysis.criterion(criterion).andel == pytest.approx(share)
        assert status.sammenligning.criterion(criterion).baseline.andel == pytest.approx(share)
    # the "helt eller delvist" reading is there too, beside it and labelled
    assert status.anden_navn == "helt eller delvist opfyldt"
    assert status.anden_for("handleplan_indhold").baseline.procent == 67


@pytest.mark.parametrize("name", sorted(counting.RULES))
def test_ikke_relevant_never_counts_as_met(name):
    rows = pd.DataFrame([{"sag": f"S{i}", "kriterium": "bfu_4_mdr", "vurdering": v,
                          "runde": "baseline", "kritik": False, "bemaerkning": ""}
                         for i, v in enumerate(["ja", "nej", "ikke relevant", "ikke relevant"])])
    rule = counting.RULES[name]
    counted = counting.tally(rows, rule).loc["bfu_4_mdr"]
    if rule.lovligt_undladt:  # counted beside the met ones only under its own label
        assert counted.opfyldt == 3 and "lovligt undladt" in casereview_words.counted(rule)
        assert "lovligt undladt" in casereview_words.describe(rule)
    else:
        assert counted.opfyldt == 1
        assert "lovligt" not in casereview_words.counted(rule)


def test_a_criterion_declares_its_rule_once_and_every_document_uses_it(tmp_path):
    (tmp_path / "kriterier.yaml").write_text(
        "kriterier:\n  - id: egen_frist\n    tema: underretninger\n    krav: Egen frist holdt\n"
        "    kort: Egen frist\n    mangel: er fristen ikke holdt\n"
        "    optaelling: helt_eller_delvist_hvor_relevant\n", encoding="utf-8")
    from taskforce_report.load.bundle import _optional_yaml
    from taskforce_report.models import CriteriaFile

    file, _ = _optional_yaml(tmp_path, "kriterier.yaml", CriteriaFile)
    known = criteria.criteria(file.kriterier)
    rules = counting.declared_rules(known)
    assert rules["egen_frist"] == counting.STATUS_RULE
    assert rules["bfu_4_mdr"] == counting.ANALYSIS_RULE
    rows = pd.DataFrame([{"sag": f"S{i}", "kriterium": k, "vurdering": v, "runde": r,
                          "kritik": False, "bemaerkning": ""}
                         for i, (k, v, r) in enumerate([
                             ("egen_frist", "delvist", "baseline"),
                             ("egen_frist", "nej", "baseline"),
                             ("bfu_4_mdr", "delvist", "baseline"),
                             ("egen_frist", "ja", "status"), ("bfu_4_mdr", "ja", "status")])])
    import datetime as dt

    review = casereview.review(rows, known, dt.date(2021, 1, 1), wording=WORDING)
    compared = casereview_rounds.compare(rows, known, dt.date(2022, 1, 1), wording=WORDING)
    assert review.criterion("egen_frist").andel == pytest.approx(0.5)  # delvist met
    assert review.criterion("bfu_4_mdr").andel == 0  # delvist not met
    assert compared.criterion("egen_frist").baseline.andel == pytest.approx(0.5)
    assert compared.criterion("bfu_4_mdr").baseline.andel == 0
    # the method text names both rules, each with what it counts
    assert "»helt eller delvist opfyldt«" in review.regel_tekst
    assert "»opfyldt«" in compared.regel_tekst


def test_the_second_reading_fits_the_page_beside_the_first(tmp_path):
    from conftest import pdf_pages, squeeze

    from taskforce_report.build import build

    target = build(EXAMPLES / "eksempel-tf-status", tmp_path)
    text = squeeze(" ".join(pdf_pages(target)))
    # both readings and the change, in one row of the eight-column table (none cut off)
    assert ("(servicelovens § 155, stk. 2) 6 af 13 46 % 46 % 11 af 12 92 % 92 % +46") in text
    assert "Opfyldt Andel Helt eller delvist opfyldt" in text
    # the method text states the rule and the second reading's
    assert "Reglen er den samme som i analyserapporten" in text
    assert "Som en anden læsning viser tabellerne også andelen af sager, hvor kravet er helt " \
           "eller delvist opfyldt" in text

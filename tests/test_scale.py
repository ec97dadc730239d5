"""Scale: a bundle far larger than a real one validates, and in time that grows with it.

The full-size bundle (2.000 cases, 300 indicators over 15 years) is made and timed by
bench/make_scale_bundle.py and bench/scale_timing.py; here a smaller one keeps the suite quick.
"""

from __future__ import annotations

import sys
import time

from click.testing import CliRunner
from conftest import ROOT

from taskforce_report.cli import main
from taskforce_report.load import criteria

sys.path.insert(0, str(ROOT / "bench"))

from make_scale_bundle import make  # noqa: E402


def test_a_bundle_of_400_cases_and_40_indicators_validates(tmp_path):
    rows = make(tmp_path / "skala", cases=400, indicators=40)
    assert rows["sagsgennemgang"] == 400 * len(criteria.catalogue())
    assert rows["noegletal"] == 40 * 15 * 7  # indicators × years × (kommune, 5 others, landet)
    start = time.monotonic()
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "skala")])
    elapsed = time.monotonic() - start
    assert result.exit_code == 0, result.output
    assert "5 Resultat af sagsgennemgang" in result.output
    assert "4 Nøgletalsanalyse" in result.output
    assert "Bilag 1 Selvevaluering" in result.output
    # a generous bound: seconds, not the minutes a quadratic step would take at this size
    assert elapsed < 60, f"validate took {elapsed:.1f} s"

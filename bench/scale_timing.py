"""How load and analyse grow with the size of a bundle: linear, or worse?

    python3 bench/scale_timing.py [--cases 500 1000 2000] [--indicators 75 150 300] [--runs 3]

Generates bundles with bench/make_scale_bundle.py in a temporary folder, then times, in a fresh
process per bundle (median of --runs), each stage `validate` runs: load (files → models),
privacy (the personal-data guard), normalise (tables checked, tidy frames) and analyse (facts,
sentences, chart specs). One series varies the cases at a fixed number of indicators, the other
the indicators at a fixed number of cases. For each step it prints the ratio of the times to
the ratio of the sizes: about 1 is linear, about 2 (when the size doubles) quadratic.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from make_scale_bundle import make  # noqa: E402

PROBE = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from taskforce_report.build import prepare
from taskforce_report.documents import analyse, normalise
from taskforce_report.guard import privacy
from taskforce_report.load.bundle import load

bundle_path = Path(sys.argv[1])
times = {}
start = time.perf_counter()
bundle = load(bundle_path)
times["load"] = time.perf_counter() - start
start = time.perf_counter()
found = privacy.check(bundle)
times["privacy"] = time.perf_counter() - start
assert not found, found[:3]
start = time.perf_counter()
tables = normalise(bundle)
times["normalise"] = time.perf_counter() - start
start = time.perf_counter()
analyse(bundle, tables, prepare)
times["analyse"] = time.perf_counter() - start
print(json.dumps(times))
"""

STAGES = ("load", "privacy", "normalise", "analyse")


def measure(bundle: Path, runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE, str(bundle), str(ROOT)],
                             capture_output=True, text=True, check=True)
        for stage, seconds in json.loads(out.stdout.strip().splitlines()[-1]).items():
            samples.setdefault(stage, []).append(seconds)
    result = {stage: statistics.median(values) for stage, values in samples.items()}
    result["total"] = sum(result[s] for s in STAGES)
    return result


def series(label: str, sizes: list[int], bundle_for, runs: int) -> None:
    print(f"\n{label}")
    print(f"{'size':>8} " + " ".join(f"{s:>10}" for s in (*STAGES, "total")))
    previous = None
    for size in sizes:
        times = measure(bundle_for(size), runs)
        print(f"{size:>8} " + " ".join(f"{times[s]:>9.2f}s" for s in (*STAGES, "total")))
        if previous is not None:
            old_size, old = previous
            growth = size / old_size
            ratios = " ".join(f"{(times[s] / old[s]) / growth if old[s] > 0.005 else 0:>10.2f}"
                              for s in (*STAGES, "total"))
            print(f"{'÷ size':>8} {ratios}   (time ratio ÷ size ratio {growth:g}; ~1 linear)")
        previous = size, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--indicators", type=int, nargs="+", default=[75, 150, 300])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    fixed_indicators, fixed_cases = min(args.indicators), min(args.cases)
    with tempfile.TemporaryDirectory(prefix="skala-") as tmp:
        def by_cases(n: int) -> Path:
            folder = Path(tmp) / f"sager-{n}"
            make(folder, cases=n, indicators=fixed_indicators)
            return folder

        def by_indicators(n: int) -> Path:
            folder = Path(tmp) / f"indikatorer-{n}"
            make(folder, cases=fixed_cases, indicators=n)
            return folder

        series(f"Cases in the case review ({fixed_indicators} indicators)", args.cases,
               by_cases, args.runs)
        series(f"Indicators over 15 years × 7 areas ({fixed_cases} cases)", args.indicators,
               by_indicators, args.runs)


if __name__ == "__main__":
    main()

"""Benchmark: where a build's time goes, and how it compares with WeasyPrint alone.

    python3 bench/run.py [--runs N] [--quick]

Prints per stage (load, normalise, analyse, charts, render HTML, layout, write PDF) the median
of N warm in-process runs, then end-to-end figures measured in fresh processes, each as a ratio
to the *layout floor*: the time WeasyPrint alone takes, in a fresh process, to turn the final
HTML of the same report into PDF. Uses only the project and the standard library; it is not a
test and asserts nothing. Paste its output into docs/performance.md.
"""

from __future__ import annotations

import argparse
import base64
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = {"analyserapport": ROOT / "input" / "eksempel-kommune",
            "statusrapport": ROOT / "input" / "eksempel-status"}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def stage_times(bundle: Path, runs: int) -> tuple[dict[str, float], str]:
    """Warm, in-process: every stage of the pipeline timed on its own (chart cache off)."""
    from taskforce_report import catalogues
    from taskforce_report.build import PDF_VARIANT, TEMPLATES_DIR, prepare
    from taskforce_report.charts.chartcache import draw_many
    from taskforce_report.charts.spec import chart_url
    from taskforce_report.documents import analyse, normalise
    from taskforce_report.guard.privacy import published_files
    from taskforce_report.load.bundle import load
    from taskforce_report.load.themes import load_theme
    from taskforce_report.output import manifest
    from taskforce_report.output.pdf import render_pdf
    from taskforce_report.render.document import structure
    from taskforce_report.render.render import chart_references, render_html

    samples: dict[str, list[float]] = {}
    html = ""

    def timed(name, function, *args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        samples.setdefault(name, []).append(time.perf_counter() - start)
        return result

    for _ in range(runs):
        loaded = timed("load", load, bundle)
        tables = timed("normalise", normalise, loaded)
        results = timed("analyse", analyse, loaded, tables, prepare)
        theme = load_theme(loaded.report.tema)
        specs = list(results.charts)
        svgs = timed("charts", draw_many, specs, theme)
        charts = {spec.id: svg for spec, svg in zip(specs, svgs, strict=True)}
        concept = catalogues.concepts()[getattr(loaded.report, "koncept", "klassisk")]

        def render_step():
            document = structure(concept, results.facts)
            return render_html(document, loaded.report, results.facts, theme, "pdf",
                               chart_references(specs))[0]

        html = timed("render HTML", render_step)
        timings: dict[str, float] = {}
        files = published_files(loaded)
        record = manifest.manifest(files, loaded.document, theme.name, theme.digest(),
                                  PDF_VARIANT)
        options = {"pdf_variant": PDF_VARIANT,
                   "attachments": manifest.attachments(files, record, loaded.report.dato)}
        render_pdf(html, loaded.path.resolve(), [loaded.path, *theme.folders, TEMPLATES_DIR],
                   options=options, timings=timings, charts=charts)
        samples.setdefault("layout", []).append(timings["layout"])
        samples.setdefault("write PDF", []).append(timings["write"])
    # the floor gets the same HTML, its charts as data: URLs, which WeasyPrint reads by itself
    for chart_id, svg in charts.items():
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        html = html.replace(f'src="{chart_url(chart_id)}"',
                            f'src="data:image/svg+xml;base64,{data}"')
    return {name: median(values) for name, values in samples.items()}, html


def _tree_rss(root: int) -> int:
    """Resident kB of `root` and every process under it (a build's layout process and chart
    workers count too), read from /proc."""
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0"))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total = 0
    for pid in rss:
        ancestor = pid
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            total += rss[pid]
    return total


def fresh(args: list[str], env: dict | None = None,
          memory: bool = False) -> tuple[float, float]:
    """Wall seconds and, with `memory`, peak memory (MiB) of a fresh process: the most its
    processes held together, sampled every 20 ms (the sampling costs CPU, so a run that
    measures memory is not one that measures time)."""
    # stderr goes to a file, not a pipe: a pipe that is only read at the end fills up, and the
    # build's chart workers would then block writing to it for ever.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors,
                                   env={**os.environ, **(env or {})})
        peak = 0
        while process.poll() is None:
            if memory:
                peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        if process.returncode:
            errors.seek(0)
            tail = errors.read()[-4000:].decode(errors="replace")
            raise SystemExit(f"{' '.join(args)} failed:\n{tail}")
    return seconds, peak / 1024


def fresh_median(args: list[str], runs: int, env: dict | None = None, before=None) -> float:
    values = []
    for _ in range(runs):
        if before:
            before()
        values.append(fresh(args, env)[0])
    return median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", action="store_true",
                        help="only build the scale bundle of bench/make_scale_bundle.py (2.000 "
                        "cases, 300 indicators, 15 years) once: time, pages, peak memory")
    parser.add_argument("--only", choices=sorted(EXAMPLES),
                        help="only this example's figures (no commands, no batch)")
    options = parser.parse_args()
    runs = options.runs
    cli = [sys.executable, "-m", "taskforce_report"]
    # as scripts/setup.sh does: the package's bytecode, so no command pays for compiling it
    # (PYTHONDONTWRITEBYTECODE on this machine stops Python from keeping it by itself)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "taskforce_report")],
                   check=True)
    if options.scale:
        scale(cli)
        return
    print(f"# taskforce-report benchmark, {time.strftime('%Y-%m-%d')}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.platform()}")
    print(f"runs per figure: {runs} (median; a ratio is the median of the rounds' ratios)\n")
    for name, bundle in EXAMPLES.items():
        if not (bundle / "rapport.yaml").is_file() or options.only not in (None, name):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            stages, html = stage_times(bundle, runs)
            html_file = tmp / "final.html"
            html_file.write_text(html, encoding="utf-8")
            floor_args = [sys.executable, "-c",
                          "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1])"
                          ".write_pdf(sys.argv[2])", str(html_file), str(tmp / "floor.pdf")]
            cache = tmp / "cache"
            env = {"TASKFORCE_REPORT_CACHE": str(cache)}
            work = tmp / name
            shutil.copytree(bundle, work)
            build = [*cli, "build", str(work), "-o", str(tmp / "out"), "-q"]
            report = work / "rapport.yaml"
            counter = iter(range(1000))

            def edit_text() -> None:
                # what a writer does: a sentence more in the first prose field (`resume: |`,
                # `indledning: |`), so the HTML and the pages change but no chart does
                text = report.read_text(encoding="utf-8")
                head, bar, rest = text.partition(": |\n")
                indent = rest[:len(rest) - len(rest.lstrip(" "))]
                sentence = f"{indent}Rettelse nummer {next(counter)} af teksten.\n"
                report.write_text(head + bar + sentence + rest, encoding="utf-8")

            # Rounds of floor, cold build and text-only rebuild back to back, so that each
            # ratio compares runs made under the same conditions (a shared machine drifts by
            # tens of per cent over minutes); the median of the rounds is reported.
            floors, colds, warms = [], [], []
            for _ in range(runs):
                floors.append(fresh(floor_args)[0])
                shutil.rmtree(cache, True)
                colds.append(fresh(build, env)[0])
                edit_text()
                warms.append(fresh(build, env)[0])
            floor, cold, warm = median(floors), median(colds), median(warms)
            cold_ratio = median([c / f for c, f in zip(colds, floors, strict=True)])
            warm_ratio = median([w / f for w, f in zip(warms, floors, strict=True)])
            _, peak = fresh(build, env, memory=True)
            sys.path.insert(0, str(ROOT))
            from taskforce_report.build import prepare, render

            os.environ["TASKFORCE_REPORT_CACHE"] = str(cache)
            prepare(work), render(prepare(work), "html")  # warm, as a running preview is
            html_only = []
            for _ in range(runs):
                edit_text()
                start = time.perf_counter()
                render(prepare(work), "html")
                html_only.append(time.perf_counter() - start)
            os.environ.pop("TASKFORCE_REPORT_CACHE")
            pages = html.count("section class=\"kapitel")
            print(f"## {name} ({bundle.relative_to(ROOT)})\n")
            print("| stage (warm, in-process) | median s |")
            print("|---|---|")
            for stage in ("load", "normalise", "analyse", "charts", "render HTML", "layout",
                          "write PDF"):
                print(f"| {stage} | {stages.get(stage, float('nan')):.3f} |")
            print(f"\nchapters: {pages}\n")
            print("| end to end (fresh process) | s | × layout floor | target |")
            print("|---|---|---|---|")
            print(f"| layout floor: WeasyPrint alone on the final HTML | {floor:.2f} | 1.00 | |")
            print(f"| cold build (empty chart cache) | {cold:.2f} | {cold_ratio:.2f} | ≤ 1.3 |")
            print(f"| rebuild after a text-only edit | {warm:.2f} | {warm_ratio:.2f} | ≤ 1.1 |")
            hot = median(html_only)
            print(f"| HTML-only rebuild (preview, warm) | {hot:.2f} | {hot / floor:.2f} | ≤ 0.15 |")
            print(f"\npeak memory of a build, all its processes together: {peak:.0f} MiB "
                  "(target ≤ 400 MiB)\n")
    if options.only:
        return
    example = EXAMPLES["analyserapport"]
    help_time = fresh_median([*cli, "--help"], runs)
    validate = fresh_median([*cli, "validate", str(example)], runs)
    print("| command | s | target |")
    print("|---|---|---|")
    print(f"| taskforce-report --help | {help_time:.2f} | ≤ 0.3 |")
    print(f"| taskforce-report validate (example) | {validate:.2f} | ≤ 0.6 |")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "samling"
        for i in range(10):
            shutil.copytree(example, root / f"kommune-{i:02d}")
        env = {"TASKFORCE_REPORT_CACHE": str(Path(tmp) / "cache")}
        fresh([*cli, "batch", str(root), "-j", "1", "-q", "-o", str(Path(tmp) / "w")], env)
        one = fresh([*cli, "batch", str(root), "-j", "1", "-q", "-o", str(Path(tmp) / "a")], env)[0]
        two = fresh([*cli, "batch", str(root), "-j", "2", "-q", "-o", str(Path(tmp) / "b")], env)[0]
    print(f"| batch of ten, -j 1 | {one:.1f} | |")
    print(f"| batch of ten, -j 2 | {two:.1f} | throughput × {one / two:.2f} (≥ 1.7) |")


def scale(cli: list[str]) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from make_scale_bundle import make
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "skala"
        rows = make(bundle)
        env = {"TASKFORCE_REPORT_CACHE": "off"}
        validate, validate_peak = fresh([*cli, "validate", str(bundle)], env, memory=True)
        seconds, peak = fresh([*cli, "build", str(bundle), "-o", str(Path(tmp) / "ud"), "-q"],
                              env, memory=True)
        pages = len(PdfReader(Path(tmp) / "ud" / "analyserapport.pdf").pages)
    print("## scale bundle (bench/make_scale_bundle.py)\n")
    print(", ".join(f"{name}: {count:,} rows".replace(",", ".") for name, count in rows.items()))
    print("\n| command | s | peak memory | target |")
    print("|---|---|---|---|")
    print(f"| validate | {validate:.1f} | {validate_peak:.0f} MiB | |")
    print(f"| build (cold, {pages} pages) | {seconds:.1f} | {peak:.0f} MiB | ≤ 1024 MiB |")


if __name__ == "__main__":
    main()

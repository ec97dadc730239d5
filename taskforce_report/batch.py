"""`batch`: every bundle under a folder, built in worker processes, past failures, with a
summary. A failure is one line, the same the user would see from `build`."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True)
class Outcome:
    bundle: str
    document: str
    pages: int
    seconds: float
    ok: bool
    message: str  # the output path, or the error in one line


def find_bundles(root: Path) -> list[Path]:
    return sorted({p.parent for p in Path(root).rglob("rapport.yaml")},
                  key=lambda p: p.as_posix())


def _one(bundle: Path, root: Path, outdir: Path) -> Outcome:
    from pypdf import PdfReader

    from taskforce_report.build import build

    start = time.perf_counter()
    name = bundle.relative_to(root).as_posix() if bundle != root else bundle.name
    try:
        target = build(bundle, outdir / name)
    except click.ClickException as exc:
        message = " / ".join(exc.format_message().splitlines())
        return Outcome(name, "", 0, time.perf_counter() - start, False, message)
    except Exception as exc:  # a bug, but one bundle must not stop the batch
        return Outcome(name, "", 0, time.perf_counter() - start, False,
                       f"intern fejl: {type(exc).__name__}: {exc}")
    pages = len(PdfReader(target).pages)
    return Outcome(name, target.stem, pages, time.perf_counter() - start, True, str(target))


def _one_core_each() -> None:
    from taskforce_report import chartcache

    chartcache.JOBS = 1


def run_batch(bundles: list[Path], root: Path, outdir: Path, jobs: int | None,
              progress: bool = True) -> list[Outcome]:
    jobs = jobs or os.cpu_count() or 1
    results: list[Outcome] = []
    with click.progressbar(length=len(bundles), label="Bygger", file=None,
                           hidden=not progress) as bar:
        if jobs == 1:
            for bundle in bundles:
                results.append(_one(bundle, root, outdir))
                bar.update(1)
        else:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_one_core_each) as pool:
                futures = [pool.submit(_one, b, root, outdir) for b in bundles]
                for future in as_completed(futures):
                    results.append(future.result())
                    bar.update(1)
    return sorted(results, key=lambda r: r.bundle)


def summary_table(results: list[Outcome]) -> str:
    rows = [("bundt", "dokument", "sider", "sekunder", "resultat")]
    for r in results:
        rows.append((r.bundle, r.document or "–", str(r.pages) if r.ok else "–",
                     f"{r.seconds:.1f}".replace(".", ","), "ok" if r.ok else f"FEJL: {r.message}"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(4)] + [row[4]]
        lines.append("  ".join(cells))
    return "\n".join(lines)

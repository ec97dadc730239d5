"""`batch`: every bundle under a folder, built in worker processes, past failures, with a
summary. A failure is one line, the same the user would see from `build`."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from taskforce_report.core.errors import InputError


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
    name = _name(bundle, root)
    try:
        target = build(bundle, outdir / name)
    except InputError as exc:
        message = " / ".join(exc.format_message().splitlines())
        return Outcome(name, "", 0, time.perf_counter() - start, False, message)
    except Exception as exc:  # a bug, but one bundle must not stop the batch
        from taskforce_report.core.errors import one_line
        from taskforce_report.core.redact import mask

        return Outcome(name, "", 0, time.perf_counter() - start, False,
                       one_line(mask(f"intern fejl: {type(exc).__name__}: {exc}")))
    pages = len(PdfReader(target).pages)
    return Outcome(name, target.stem, pages, time.perf_counter() - start, True, str(target))


def _one_core_each() -> None:
    from taskforce_report.charts import chartcache

    chartcache.JOBS = 1


# A bundle's build that takes longer than this is stopped and reported as failed: a bundle that
# hangs (or a machine that swaps) must not stop the batch for good. The examples take 5–15 s.
DEFAULT_TIMEOUT = 600


class Stopped(Exception):
    """The batch was asked to stop (SIGTERM)."""


def _worker(conn, bundle: Path, root: Path, outdir: Path) -> None:
    """One bundle in its own process, in its own process group: stopping it stops the chart
    workers it may have started too."""
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    _one_core_each()
    try:
        outcome = _one(bundle, root, outdir)
    except BaseException as exc:  # noqa: BLE001 (reported as this bundle's failure)
        outcome = Outcome(_name(bundle, root), "", 0, 0.0, False,
                          f"intern fejl: {type(exc).__name__}: {exc}")
    conn.send(outcome)
    conn.close()


def _name(bundle: Path, root: Path) -> str:
    return bundle.relative_to(root).as_posix() if bundle != root else bundle.name


def _stop(process) -> None:
    """Ends a worker and its process group, at once (its output file is written atomically, so
    nothing half-written stays)."""
    import signal

    if process.pid is not None:
        for kill in (os.killpg, os.kill):
            try:
                kill(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError, OSError):
                pass
    process.join(timeout=10)


def _died(name: str, exitcode: int | None, seconds: float) -> Outcome:
    import signal

    if exitcode is not None and exitcode < 0:
        try:
            how = f"signal {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"signal {-exitcode}"
        message = f"byggeprocessen døde ({how}; fx løb maskinen tør for hukommelse)"
    else:
        message = f"byggeprocessen sluttede uden resultat (kode {exitcode})"
    return Outcome(name, "", 0, seconds, False, message)


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def update(self, n: int) -> None:
        pass


def run_batch(bundles: list[Path], root: Path, outdir: Path, jobs: int | None,
              progress=None, timeout: float = DEFAULT_TIMEOUT) -> list[Outcome]:
    """Builds each bundle in a worker process of its own, at most `jobs` at a time. A worker
    that dies (the OOM killer) or runs past `timeout` seconds fails its bundle and the rest go
    on; when the batch is stopped (Ctrl+C, SIGTERM) every worker is ended and the bundles not
    built are reported as such. `progress(length)`, if given, makes the progress bar (a context
    manager with `update(n)`; the CLI's is click's): the library draws nothing itself."""
    import multiprocessing
    import signal
    from multiprocessing.connection import wait

    jobs = jobs or os.cpu_count() or 1
    context = multiprocessing.get_context("fork")
    pending = list(bundles)
    running: dict = {}  # connection → (process, name, start)
    results: list[Outcome] = []

    def on_term(signum, frame):
        raise Stopped

    import threading

    main = threading.current_thread() is threading.main_thread()  # signals: main thread only
    previous = signal.signal(signal.SIGTERM, on_term) if main else None
    try:
        with (progress or (lambda length: _NoBar()))(len(bundles)) as bar:
            try:
                while pending or running:
                    while pending and len(running) < jobs:
                        bundle = pending.pop(0)
                        receive, send = context.Pipe(duplex=False)
                        process = context.Process(target=_worker,
                                                  args=(send, bundle, root, outdir), daemon=True)
                        process.start()
                        send.close()
                        running[receive] = (process, _name(bundle, root), time.monotonic())
                    for conn in wait(list(running), timeout=0.5):
                        process, name, start = running.pop(conn)
                        try:
                            outcome = conn.recv()
                        except (EOFError, OSError):
                            process.join(timeout=10)
                            outcome = _died(name, process.exitcode, time.monotonic() - start)
                        conn.close()
                        _stop(process)
                        results.append(outcome)
                        bar.update(1)
                    now = time.monotonic()
                    for conn, (process, name, start) in list(running.items()):
                        if now - start > timeout:
                            _stop(process)
                            conn.close()
                            del running[conn]
                            results.append(Outcome(name, "", 0, now - start, False,
                                                   f"stoppet efter {timeout:g} sekunder "
                                                   "(tidsgrænsen, --timeout)"))
                            bar.update(1)
            except (KeyboardInterrupt, Stopped):
                for conn, (process, name, start) in running.items():
                    _stop(process)
                    conn.close()
                    results.append(Outcome(name, "", 0, time.monotonic() - start, False,
                                           "ikke bygget: kørslen blev stoppet"))
                running.clear()
                results += [Outcome(_name(b, root), "", 0, 0.0, False,
                                    "ikke bygget: kørslen blev stoppet") for b in pending]
                pending.clear()
    finally:
        for process, _, _ in running.values():
            _stop(process)
        if main:
            signal.signal(signal.SIGTERM, previous)
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

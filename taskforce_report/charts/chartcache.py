"""Charts drawn once: a content-addressed cache (spec + theme + drawing code → SVG file), and the
charts that must be drawn drawn in worker processes when there are enough of them to pay for
the workers. A text-only edit thus draws no chart and never imports Matplotlib.

The cache lives in `$TASKFORCE_REPORT_CACHE` or `~/.cache/taskforce-report/charts`;
`TASKFORCE_REPORT_CACHE=off` turns it off. Entries are written atomically, so two builds can
share it; a damaged entry is just drawn again.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict
from functools import cache
from importlib.metadata import version
from pathlib import Path

from taskforce_report import __version__
from taskforce_report.charts.draw import draw
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.load.themes import Theme

# Below this many charts to draw, starting workers (each imports Matplotlib) costs more than
# it saves on two cores.
PARALLEL_FROM = 6
# How many workers draw the charts of one build; None: one per core. `batch -j N` sets it to 1
# in its workers, which already keep the cores busy with whole builds.
JOBS: int | None = None


def cache_dir() -> Path | None:
    setting = os.environ.get("TASKFORCE_REPORT_CACHE", "")
    if setting.lower() in ("off", "0", "nej", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "taskforce-report" / "charts"


def _module_file(root: Path, dotted: str) -> Path | None:
    """The file of a module of the package (`taskforce_report.core.language` →
    core/language.py, a package → its __init__.py), or None for a name that is no module."""
    parts = dotted.split(".")[1:]
    for path in (root.joinpath(*parts).with_suffix(".py"), root.joinpath(*parts, "__init__.py")):
        if parts and path.is_file():
            return path
    return None


@cache
def drawing_modules() -> list[Path]:
    """Every module of charts/ but this cache (the spec, the style, the SVG, the drawers) and
    every module of the package they import, followed through theirs: all the code that draws or
    formats a chart (the Danish number formats in language.py among them). Starting from the
    whole folder, a drawer module that nothing imports yet is covered too."""
    root = Path(__file__).parent.parent
    found: list[Path] = []
    todo = sorted((path for path in Path(__file__).parent.rglob("*.py")
                   if path != Path(__file__)), reverse=True)
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.append(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level or not (
                    node.module or "").startswith("taskforce_report"):
                continue
            # `from pkg import name`: name is a submodule, or a name defined in pkg itself
            for name in [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]:
                module = _module_file(root, name)
                if module is not None:
                    todo.append(module)
    return sorted(found)


@cache
def _code_digest() -> str:
    """The drawing code and the libraries that shape the SVG: a change draws everything anew."""
    sha = hashlib.sha256()
    for path in drawing_modules():
        sha.update(path.relative_to(path.parent.parent).as_posix().encode() + b"\0"
                   + path.read_bytes())
    sha.update(f"{__version__}|{version('matplotlib')}".encode())
    return sha.hexdigest()


def _theme_digest(theme: Theme) -> str:
    """The theme's colours and fonts, the font files included: the labels are measured in
    them, so another file of the same name gives other boxes."""
    settings = {"farver": theme.colours, "skrifter": theme.fonts,
                "filer": [hashlib.sha256(path.read_bytes()).hexdigest()
                          for _face, path in theme.font_faces()]}
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


def key(spec: ChartSpec, theme: Theme) -> str:
    payload = json.dumps(asdict(spec), sort_keys=True, default=str, ensure_ascii=False)
    sha = hashlib.sha256()
    for part in (_code_digest(), _theme_digest(theme), payload):
        sha.update(part.encode("utf-8"))
        sha.update(b"\0")
    return sha.hexdigest()


def _read(folder: Path, name: str) -> str | None:
    try:
        text = (folder / f"{name}.svg").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text if text.startswith("<svg") and text.rstrip().endswith("</svg>") else None


def _write(folder: Path, name: str, svg: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(folder / f"{name}.svg")
    except OSError:
        pass  # a read-only or full disk only costs the next build a redraw


def _draw_pair(args: tuple[ChartSpec, Theme]) -> str:
    return draw(*args)


def draw_many(specs: list[ChartSpec], theme: Theme, jobs: int | None = None) -> list[str]:
    jobs = jobs or JOBS or os.cpu_count() or 1
    if len(specs) >= PARALLEL_FROM and jobs > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(specs))) as pool:
            return list(pool.map(_draw_pair, [(s, theme) for s in specs], chunksize=1))
    return [draw(spec, theme) for spec in specs]


def lookup(specs: list[ChartSpec],
           theme: Theme) -> tuple[dict[str, str], list[tuple[ChartSpec, str]]]:
    """The charts the cache has (SVG by id), and those it lacks (with their cache keys)."""
    folder = cache_dir()
    found: dict[str, str] = {}
    missing: list[tuple[ChartSpec, str]] = []
    for spec in specs:
        name = key(spec, theme)
        svg = _read(folder, name) if folder else None
        if svg is None:
            missing.append((spec, name))
        else:
            found[spec.id] = svg
    return found, missing


class Drawing:
    """The missing charts being drawn: iterate for (id, SVG) as each is done (in workers from
    PARALLEL_FROM charts up, in no fixed order), each kept in the cache as it comes.

    The workers start when it is made, not when it is first read: a build makes it before it
    renders the HTML, so the charts are being drawn meanwhile. Use it in a `with` block, so a
    build that stops early does not wait for charts nobody will read."""

    def __init__(self, missing: list[tuple[ChartSpec, str]], theme: Theme) -> None:
        self._folder = cache_dir()
        self._missing, self._theme = missing, theme
        self._pool: ProcessPoolExecutor | None = None
        jobs = JOBS or os.cpu_count() or 1
        if len(missing) >= PARALLEL_FROM and jobs > 1:
            self._pool = ProcessPoolExecutor(max_workers=min(jobs, len(missing)))
            self._futures = {self._pool.submit(draw, spec, theme): (spec, name)
                             for spec, name in missing}

    def __iter__(self) -> Iterator[tuple[str, str]]:
        if self._pool is None:
            for spec, name in self._missing:
                yield spec.id, _kept(self._folder, name, draw(spec, self._theme))
            return
        for future in as_completed(self._futures):
            spec, name = self._futures[future]
            yield spec.id, _kept(self._folder, name, future.result())

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> Drawing:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _kept(folder: Path | None, name: str, svg: str) -> str:
    if folder:
        _write(folder, name, svg)
    return svg


def draw_all(specs: list[ChartSpec], theme: Theme) -> dict[str, str]:
    """Every chart as SVG text, by id: from the cache where it can be, drawn where it must."""
    found, missing = lookup(specs, theme)
    with Drawing(missing, theme) as drawing:
        found.update(drawing)
    return {spec.id: found[spec.id] for spec in specs}

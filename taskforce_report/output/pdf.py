"""PDF: HTML → PDF with WeasyPrint, fetching nothing but the bundle's and the theme's files,
and written atomically (a temporary file renamed into place).

`LayoutProcess` runs the same in a second process, started before the bundle is read: it
imports WeasyPrint (most of a second) on the other core while this one reads, analyses and
renders, so a build pays for that import only where the floor does (docs/performance.md).
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlparse

from taskforce_report.charts.spec import CHART_SCHEME
from taskforce_report.core.errors import InputError, Problem, input_error
from taskforce_report.output import pagefill
from taskforce_report.output.tagging import mark_margin_artifacts


class RefusedResource(Exception):
    pass


# The MIME type of each attachment by its ending (WeasyPrint's guess makes YAML and Markdown
# application/octet-stream); PDF/A-3 asks for the real one.
MIME_TYPES = {
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
    ".csv": "text/csv",
    ".json": "application/json",
    ".md": "text/markdown",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


class _Completed(io.RawIOBase):
    """The manifest as WeasyPrint reads it: completed with what the layout knows at the moment
    it is read (manifest.complete), which is after the pages are drawn."""

    def __init__(self, data: bytes, document: list):
        super().__init__()
        self._data, self._document, self._buffer = data, document, None

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._buffer is None:
            from taskforce_report.output import manifest

            self._buffer = io.BytesIO(manifest.complete(self._data, self._document[0]))
        return self._buffer.read(size)


def finish(document, pdf) -> None:
    """WeasyPrint's finisher: /AF lists each attachment once (its PDF/A step adds each file
    specification twice, from the name tree and from the objects), each embedded file has its
    MIME type, and running heads and footers are artifacts (mark_margin_artifacts)."""
    mark_margin_artifacts(document, pdf)
    af = pdf.catalog.get("AF")
    if af is not None:
        unique = list(dict.fromkeys(af))
        af.clear()
        af.extend(unique)
    for item in pdf.objects:
        if not isinstance(item, dict) or item.get("Type") != "/Filespec" or "EF" not in item:
            continue
        name = getattr(item.get("UF") or item.get("F"), "string", "")
        name = (name.decode("latin-1") if isinstance(name, bytes) else str(name)).lower()
        mime = next((m for end, m in MIME_TYPES.items() if name.endswith(end)), None)
        if mime is not None:
            stream = pdf.objects[int(item["EF"]["F"].split()[0])]
            stream.extra["Subtype"] = "/" + mime.replace("/", "#2f")


def _make_fetcher(roots: Iterable[Path], chart: Callable[[str], str | None]):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    allowed = [Path(r).resolve() for r in roots]

    class BundleOnlyFetcher(URLFetcher):
        """Refuses every URL but data:, the build's charts and files inside the allowed
        folders, and stops the render when it does (WeasyPrint would otherwise drop the image
        with a warning)."""

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == CHART_SCHEME:
                svg = chart(url.split(":", 1)[1])
                if svg is None:
                    raise FatalURLFetchingError(f"{url}: ingen sådan figur")
                return URLFetcherResponse(url, svg.encode("utf-8"),
                                          {"Content-Type": "image/svg+xml"})
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlparse(url).path)).resolve()
                if any(path.is_relative_to(root) for root in allowed) and path.is_file():
                    return super().fetch(url, headers)
                raise FatalURLFetchingError(f"filen {path} ligger uden for bundtet og temaet "
                                            "eller findes ikke")
            raise FatalURLFetchingError(f"{url}: kun filer i bundtet og temaet må bruges")

    return BundleOnlyFetcher(fail_on_errors=True), FatalURLFetchingError


class _FailOnError(logging.Handler):
    """WeasyPrint logs a broken image or stylesheet as an error and carries on; we stop."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_pdf(html: str, base_url: Path, roots: Iterable[Path], options: dict | None = None,
               timings: dict[str, float] | None = None,
               charts: Mapping[str, str] | Callable[[str], str | None] | None = None):
    """Lays out the HTML and returns the PDF bytes. `charts`: the SVG of each `figur:<id>`
    the HTML names, as a mapping or a function. `timings`, when given, receives the seconds
    spent on layout and on writing, for the benchmark."""
    import time

    import weasyprint

    chart = charts if callable(charts) else (charts or {}).get
    fetcher, fatal = _make_fetcher(roots, chart)
    handler = _FailOnError()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        options = dict(options or {})
        laid_out_ref: list = []  # the document, for the manifest completed as it is written
        options["attachments"] = [
            weasyprint.Attachment(
                file_obj=_Completed(a.data, laid_out_ref) if a.complete else io.BytesIO(a.data),
                name=a.name, description=a.description, created=a.date, modified=a.date,
                relationship=a.relationship)
            for a in options.get("attachments", ())
        ]
        one_page_each = options.pop("one_page_each", None)
        start = time.perf_counter()
        source = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher)
        # a chapter that ends with a few lines on a page of their own: pull them back
        laid_out = pagefill.pull_back(html, source.render(**options), lambda tightened: (
            weasyprint.HTML(string=tightened, base_url=str(base_url), url_fetcher=fetcher)
            .render(**options)))
        laid_out_ref.append(laid_out)
        if one_page_each:
            check_one_page_each([_page_facts(page) for page in laid_out.pages], one_page_each)
        middle = time.perf_counter()
        data = laid_out.write_pdf(finisher=finish, **options)
        if timings is not None:
            timings["layout"] = middle - start
            timings["write"] = time.perf_counter() - middle
    except fatal as exc:
        raise input_error("rendering", "", f"ressource afvist: {exc}") from None
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise input_error("rendering", "", "; ".join(handler.messages[:3]))
    return data


def _page_facts(page) -> tuple[list[str], bool]:
    """A laid-out page's anchors, and whether anything on it reaches past the right margin (a
    table too wide for it is not broken onto a page more, only drawn over the edge)."""
    root = page._page_box.children[0]  # the html element's box: the page's content area
    limit = root.position_x + root.margin_width() + 1  # a point's tolerance for rounding
    too_wide = any(box.position_x + box.margin_width() > limit for box in root.descendants()
                   if hasattr(box, "margin_width"))
    return list(page.anchors), too_wide


def check_one_page_each(page_facts: list[tuple[list[str], bool]],
                        pages: Mapping[str, tuple[str, str, str, str]]) -> None:
    """Every element named in `pages` (anchor → file, place, line and name, for the error)
    must fit its page: a slide is a page, and text that runs over is an error, not a slide
    more or a table cut at the edge. `page_facts` are each page's anchors (WeasyPrint lists an
    element's anchor on every page it covers) and whether something on it is too wide."""
    count: dict[str, int] = {}
    wide: set[str] = set()
    for anchors, too_wide in page_facts:
        for anchor in dict.fromkeys(anchors):
            if anchor in pages:
                count[anchor] = count.get(anchor, 0) + 1
                if too_wide:
                    wide.add(anchor)
    problems = []
    for anchor, n in count.items():
        file, place, line, name = pages[anchor]
        if n > 1:
            problems.append(Problem(file, place, f"{name} fylder {n} sider, men et dias er én "
                                    "side; forkort teksten eller del indholdet på flere dias",
                                    line))
        elif anchor in wide:
            problems.append(Problem(file, place, f"{name} er bredere end siden; brug færre "
                                    "kolonner eller kortere ord", line))
    if problems:
        raise InputError(problems)


class LayoutProcess:
    """`render_pdf` in a forked child process that imports WeasyPrint as soon as it starts.

    Start it first thing; `render` sends the job and waits for the PDF bytes. An input error in
    the child (a refused resource) is raised here as the same InputError; a bug is raised as a
    RuntimeError with the child's traceback. The child ends when this process closes the pipe
    or dies."""

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._pipe, child_end = context.Pipe()
        self._process = context.Process(target=_serve, args=(child_end, self._pipe), daemon=True,
                                        name="taskforce-report-layout")
        self._process.start()
        child_end.close()

    def render(self, html: str, base_url: Path, roots: Iterable[Path],
               options: dict | None = None, timings: dict[str, float] | None = None,
               charts: Mapping[str, str] | None = None,
               more_charts: Iterable[tuple[str, str]] = ()) -> bytes:
        """`charts` go with the HTML; `more_charts` (id, SVG) are sent as they come, while the
        child lays out, which waits for a chart only when it reaches it."""
        try:
            self._pipe.send(("job", html, base_url, list(roots), options, dict(charts or {})))
            for chart_id, svg in more_charts:
                self._pipe.send(("chart", chart_id, svg))
            self._pipe.send(("done",))
            status, payload, child_timings = self._pipe.recv()
        except (EOFError, OSError) as exc:
            raise RuntimeError(f"layoutprocessen stoppede uventet ({exc!r})") from None
        if timings is not None and child_timings:
            timings.update(child_timings)
        if status == "input":
            raise InputError(payload)
        if status == "error":
            raise RuntimeError(f"fejl i layoutprocessen:\n{payload}")
        return payload

    def close(self) -> None:
        self._pipe.close()
        self._process.join(timeout=5)
        if self._process.is_alive():  # a bug: it should have seen the pipe close
            self._process.kill()
            self._process.join()

    @property
    def exitcode(self) -> int | None:
        """0 once it ended by itself when the pipe closed; negative if it had to be killed."""
        return self._process.exitcode

    def __enter__(self) -> LayoutProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _serve(pipe, parent_end) -> None:
    """The child: import WeasyPrint, then lay out each job the pipe brings, until it closes."""
    import traceback

    parent_end.close()  # the fork's copy of it would keep the pipe open: no EOF, no exit
    try:
        import weasyprint  # noqa: F401  (the point of the process: imported while the parent works)

        while True:
            try:
                message = pipe.recv()
            except EOFError:
                return
            if message[0] != "job":
                continue  # the rest of a job that failed before it needed all its charts
            _, html, base_url, roots, options, charts = message
            complete = [False]

            def chart(chart_id: str, charts=charts, complete=complete) -> str | None:
                while chart_id not in charts and not complete[0]:
                    kind, *rest = pipe.recv()
                    if kind == "chart":
                        charts[rest[0]] = rest[1]
                    else:
                        complete[0] = True
                return charts.get(chart_id)

            timings: dict[str, float] = {}
            try:
                pipe.send(("ok", render_pdf(html, base_url, roots, options, timings, chart),
                           timings))
            except InputError as exc:
                pipe.send(("input", exc.problems, timings))
            except Exception:
                pipe.send(("error", traceback.format_exc(), timings))
    except (KeyboardInterrupt, BrokenPipeError):
        pass  # the parent was stopped; it tells the user
    finally:
        os._exit(0)  # no atexit handlers or buffers inherited from the parent


def write_atomic(path: Path, data: bytes | str, root: Path | None = None) -> Path:
    """Writes next to the target and renames: a reader sees the old file or the new one
    (safeio.write_output, which also refuses a path outside `root`)."""
    from taskforce_report.core.safeio import write_output

    return write_output(path, data, root)

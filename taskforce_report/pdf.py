"""PDF: HTML → PDF with WeasyPrint, fetching nothing but the bundle's and the theme's files,
and written atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlparse

from taskforce_report.errors import input_error


class RefusedResource(Exception):
    pass


def _make_fetcher(roots: Iterable[Path]):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    allowed = [Path(r).resolve() for r in roots]

    class BundleOnlyFetcher(URLFetcher):
        """Refuses every URL but data: and files inside the allowed folders, and stops the
        render when it does (WeasyPrint would otherwise drop the image with a warning)."""

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
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
               timings: dict[str, float] | None = None):
    """Lays out the HTML and returns the PDF bytes. `timings`, when given, receives the
    seconds spent on layout and on writing, for the benchmark."""
    import time

    import weasyprint

    fetcher, fatal = _make_fetcher(roots)
    handler = _FailOnError()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        options = options or {}
        start = time.perf_counter()
        source = weasyprint.HTML(string=html, base_url=str(base_url), url_fetcher=fetcher)
        laid_out = source.render(**options)
        middle = time.perf_counter()
        data = laid_out.write_pdf(**options)
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


def write_atomic(path: Path, data: bytes | str) -> None:
    """Writes next to the target and renames: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

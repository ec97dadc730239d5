"""`preview`: the HTML rendition on localhost, rebuilt when a bundle file changes.

The page asks `/status` twice a second and reloads when a new rendition is ready. When a
change breaks the bundle, the page keeps the last good rendition and shows the error above it,
in plain Danish. Only the standard library: a polling watcher and `http.server`.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from markupsafe import escape

from taskforce_report.core.errors import InputError

_RELOAD_SCRIPT = """
<script>
(function () {
  var seen = %(version)d;
  function poll() {
    fetch('/status', {cache: 'no-store'}).then(function (r) { return r.json(); })
      .then(function (s) { if (s.version !== seen) { location.reload(); } })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 500); });
  }
  setTimeout(poll, 500);
})();
</script>
"""

_ERROR_BANNER = """
<div role="alert" style="position:sticky;top:0;z-index:9;background:#A33A2A;color:#fff;
 padding:.8rem 1rem;font:15px/1.4 sans-serif;white-space:pre-wrap">
<strong>Bundtet kan ikke bygges lige nu.</strong> Siden herunder er den seneste gode udgave.
%s</div>
"""


@dataclass
class State:
    version: int = 0
    html: str = ""
    assets: dict[str, Path] = field(default_factory=dict)
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0  # the port served on: the only one a request's Host header may name


def render_once(bundle: Path) -> tuple[str, dict[str, Path]]:
    from taskforce_report.build import prepare, render

    prepared = prepare(bundle)
    html, assets = render(prepared, flavour="html")
    return html, dict(assets.files)


def rebuild(bundle: Path, state: State) -> None:
    try:
        html, assets = render_once(bundle)
    except InputError as exc:
        _show_error(state, exc.format_message())
        return
    except Exception as exc:  # noqa: BLE001 (a bug must not stop the watcher: it is shown)
        from taskforce_report.core.errors import one_line
        from taskforce_report.core.redact import mask

        _show_error(state, one_line(mask(f"intern fejl i værktøjet ({type(exc).__name__}: "
                                         f"{exc}); siden bygges igen ved næste ændring")))
        return
    with state.lock:
        state.html, state.assets, state.error = html, assets, None
        state.version += 1


def _show_error(state: State, message: str) -> None:
    with state.lock:
        state.error = message
        state.version += 1


def snapshot(bundle: Path) -> tuple:
    """What the watcher compares: the name, size and modification time of every file in the
    bundle but hidden ones (an editor's swap file), since a broken rapport.yaml cannot tell
    which files it uses."""
    out = []
    files = (p for p in bundle.rglob("*") if p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(bundle).parts))
    for path in sorted(files):
        stat = path.lstat()
        out.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def watch(bundle: Path, state: State, stop: threading.Event, interval: float = 0.3) -> None:
    last = snapshot(bundle)
    while not stop.wait(interval):
        try:
            current = snapshot(bundle)
        except Exception:  # noqa: BLE001 (a file being replaced right now, a folder gone: look again)
            continue
        if current != last:
            last = current
            rebuild(bundle, state)


def page(state: State) -> str:
    with state.lock:
        html, error, version = state.html, state.error, state.version
    script = _RELOAD_SCRIPT % {"version": version}
    banner = _ERROR_BANNER % escape(error) if error else ""
    if not html:
        html = "<!DOCTYPE html><html lang='da'><body><p>Ingen udgave endnu.</p></body></html>"
    html = html.replace("<body>", "<body>" + banner, 1)
    return html.replace("</body>", script + "</body>", 1)


IDLE_SECONDS = 10


def make_handler(state: State):
    class Handler(BaseHTTPRequestHandler):
        # an idle connection is closed after this many seconds (socket timeout): a page that
        # never finishes its request cannot hold a thread for ever
        timeout = IDLE_SECONDS

        def _host_ok(self) -> bool:
            """Only a request for 127.0.0.1:PORT or localhost:PORT is answered: a web page
            elsewhere that points its own name at 127.0.0.1 (DNS rebinding) is refused."""
            host = (self.headers.get("Host") or "").strip().lower()
            return host in (f"127.0.0.1:{state.port}", f"localhost:{state.port}")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 (http.server's name)
            if not self._host_ok():
                self._send(HTTPStatus.MISDIRECTED_REQUEST, "forkert Host: forhåndsvisningen "
                           "svarer kun på 127.0.0.1 og localhost".encode(), "text/plain")
                return
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self._send(200, page(state).encode("utf-8"), "text/html; charset=utf-8")
            elif path == "/status":
                with state.lock:
                    body = json.dumps({"version": state.version, "error": state.error})
                self._send(200, body.encode("utf-8"), "application/json")
            elif path.startswith("/assets/"):
                name = path.removeprefix("/assets/")
                with state.lock:
                    source = state.assets.get(name)
                if source is None:
                    self._send(HTTPStatus.NOT_FOUND, b"ikke fundet", "text/plain")
                    return
                kind = {".css": "text/css", ".svg": "image/svg+xml", ".ttf": "font/ttf",
                        ".png": "image/png"}.get(source.suffix, "application/octet-stream")
                self._send(200, source.read_bytes(), kind)
            else:
                self._send(HTTPStatus.NOT_FOUND, b"ikke fundet", "text/plain")

        def log_message(self, format, *args):  # noqa: A002 (http.server's name)
            pass

    return Handler


def serve(bundle: Path, port: int, ready=None) -> None:
    state = State()
    rebuild(bundle, state)
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(state))
    server.daemon_threads = True
    state.port = server.server_address[1]
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(bundle, state, stop), daemon=True)
    watcher.start()
    if ready:
        ready(server.server_address[1], state)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        time.sleep(0)

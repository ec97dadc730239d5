"""Hostile and careless input (issue 17), the companion of test_broken_input.py: paths that
try to leave the bundle or OUTDIR, crafted reports for `regenerate`, files that are no files.

Every case asserts the exit code, one line, no traceback, and that nothing was written outside
the output folder or read outside the bundle. `python3 tests/test_hostile_input.py` counts the
cases for docs/hardening.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from taskforce_report.cli import main
from taskforce_report.core import safeio
from taskforce_report.core.errors import InputError

STATUS = ROOT / "input" / "eksempel-status"
SECRET = "root:$6$hemmelig-linje:19000:0:99999:7:::"


def assert_one_line(result, code: int, says: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert says in result.output, result.output


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def status(tmp_path: Path) -> Path:
    target = tmp_path / "bundt"
    shutil.copytree(STATUS, target)
    return target


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "uden-for" / "shadow"
    path.parent.mkdir()
    path.write_text(SECRET + "\n")
    return path


# ---- reading: only regular files inside the bundle ----------------------------------------

@pytest.mark.parametrize("name", ["rapport.yaml", "ledelsestilsyn.csv", "logo.svg",
                                  "kriterier.yaml", "noegletal.csv", "data.xlsx"])
def test_a_link_out_of_the_bundle_is_refused_and_not_echoed(status, secret, name):
    (status / name).unlink(missing_ok=True)
    (status / name).symlink_to(secret)
    result = run("validate", status)
    assert_one_line(result, 1, "symbolsk link")
    assert name in result.output and "hemmelig" not in result.output


def test_a_link_inside_the_bundle_is_refused_too(status):
    (status / "kopi.csv").write_bytes((status / "ledelsestilsyn.csv").read_bytes())
    (status / "ledelsestilsyn.csv").unlink()
    (status / "ledelsestilsyn.csv").symlink_to("kopi.csv")
    assert_one_line(run("validate", status), 1, "symbolsk link")


def test_a_logo_through_a_linked_folder_is_refused(status, secret):
    (status / "billeder").symlink_to(secret.parent)
    shutil.copy(status / "logo.svg", secret.parent / "logo.svg")
    text = (status / "rapport.yaml").read_text(encoding="utf-8")
    (status / "rapport.yaml").write_text(text.replace("logo: logo.svg",
                                                      "logo: billeder/logo.svg"))
    assert_one_line(run("validate", status), 1, "uden for bundtet")


@pytest.mark.parametrize("name", ["kriterier.yaml", "ledelsestilsyn.csv", "data.xlsx",
                                  "rapport.yaml"])
def test_a_fifo_is_refused_at_once(status, name):
    (status / name).unlink(missing_ok=True)
    os.mkfifo(status / name)
    # a subprocess under a time limit: a FIFO once made validate wait for ever
    result = subprocess.run([sys.executable, "-m", "taskforce_report", "validate", str(status)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr
    assert "FIFO" in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["verify", "{fifo}"], ["regenerate", "{fifo}", "-o", "{out}"],
                                     ["import-dst", "{fifo}", "--indikator", "underretninger"],
                                     ["import-legacy", "{fifo}", "-o", "{out}"]],
                         ids=["verify", "regenerate", "import-dst", "import-legacy"])
def test_a_fifo_named_on_the_command_line_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / "rapport.pdf"
    os.mkfifo(fifo)
    args = [a.format(fifo=fifo, out=tmp_path / "ud") for a in command]
    result = subprocess.run([sys.executable, "-m", "taskforce_report", *args],
                            capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode in (1, 2) and "FIFO" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "ud").exists()


def test_a_folder_where_a_file_belongs_is_refused(status):
    (status / "noegletal.csv").mkdir()
    assert_one_line(run("validate", status), 1, "er en mappe")


def test_a_device_through_a_link_is_refused(status):
    (status / "ledelsestilsyn.csv").unlink()
    (status / "ledelsestilsyn.csv").symlink_to("/dev/zero")
    assert_one_line(run("validate", status), 1, "symbolsk link")


def test_read_input_bounds_the_size(tmp_path):
    big = tmp_path / "stor.csv"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="for stor"):
        safeio.read_input(big, limit=1000)
    assert safeio.read_input(big, limit=2000) == b"x" * 2000


# ---- writing: only inside OUTDIR, atomically, with the usual mode -------------------------

@pytest.mark.parametrize("name", ["../ude.html", "/tmp/../ude.html", "a/../../ude.html", ".."])
def test_write_output_refuses_a_path_outside_its_folder(tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputError, match="uden for outputmappen"):
        safeio.write_output(out / name, b"x", out)
    assert not (tmp_path / "ude.html").exists()


def test_write_output_refuses_a_link_in_the_folder(tmp_path):
    out = tmp_path / "out"
    (tmp_path / "andet").mkdir()
    out.mkdir()
    (out / "sub").symlink_to(tmp_path / "andet")
    with pytest.raises(InputError, match="uden for outputmappen"):
        safeio.write_output(out / "sub" / "x.pdf", b"x", out)
    assert not (tmp_path / "andet" / "x.pdf").exists()


def test_outputs_get_the_usual_mode_and_no_temporary_file_stays(tmp_path):
    old = os.umask(0o022)
    try:
        target = safeio.write_output(tmp_path / "a.pdf", b"data")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_a_stale_temporary_file_of_a_killed_build_is_removed(status, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = [out / f".statusrapport.html.{dead}.k2j4h5g6.tmp",
             out / ".statusrapport.pdf.ab_cd123.tmp"]  # named before the pid was in it
    alive = out / f".statusrapport.html.{os.getppid()}.zzzzzzzz.tmp"  # a running build's
    for path in [*stale, alive]:
        path.write_bytes(b"halvt skrevet")
    result = run("build", status, "-o", out, "--format", "html", "-q")
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in stale)
    assert alive.exists()


# ---- regenerate: a crafted report ---------------------------------------------------------

def crafted_pdf(path: Path, manifest, files: dict[str, bytes] | None = None,
                raw_manifest: bytes | None = None) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    for name, data in (files if files is not None else status_files()).items():
        writer.add_attachment(name, data)
    writer.add_attachment("manifest.json", raw_manifest if raw_manifest is not None
                          else json.dumps(manifest).encode())
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def status_files() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in STATUS.iterdir() if p.is_file()}


GOOD = {"tool": "taskforce-report", "version": "0", "document": "statusrapport",
        "pdf_variant": "pdf/a-3u"}


def regenerate(tmp_path: Path, pdf: Path):
    out = tmp_path / "ud" / "out"
    result = run("regenerate", pdf, "-o", out)
    return result, out


def written_outside(tmp_path: Path, out: Path) -> list[Path]:
    return [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(out)
            and p.suffix != ".pdf" and "uden-for" not in p.parts]


@pytest.mark.parametrize("manifest, says", [
    ({**GOOD, "format": "/../../../../x/y.html"}, "format"),
    ({**GOOD, "format": ["pdf"]}, "format"),
    ({**GOOD, "format": "html"}, "format"),
    ({**GOOD, "pdf_variant": "pdf/a-9z"}, "pdf_variant"),
    ({**GOOD, "pdf_variant": None}, "pdf_variant"),
    ({**GOOD, "tool": "noget-andet"}, "ikke en rapport"),
    ([GOOD], "ikke et JSON-objekt"),
    ("streng", "ikke et JSON-objekt"),
    ({**GOOD, "files": {"../../evil.txt": "0"}}, "ugyldigt filnavn"),
], ids=["format-traversal", "format-list", "format-html", "variant-unknown", "variant-null",
        "tool", "manifest-list", "manifest-string", "files-traversal"])
def test_regenerate_refuses_a_crafted_manifest(tmp_path, manifest, says):
    pdf = crafted_pdf(tmp_path / "r.pdf", manifest)
    result, out = regenerate(tmp_path, pdf)
    assert_one_line(result, 2, says)
    assert not out.exists() and written_outside(tmp_path, out) == []


@pytest.mark.parametrize("name", ["../../evil.txt", "/tmp/evil.svg", "", ".", "..",
                                  "a\x00b.svg", "x" * 5000 + ".svg", "noter.txt", "sub/../x.svg",
                                  "C:\\evil.svg", "a\nb.svg", "\x1b]0;titel\x07.svg"],
                         ids=["traversal", "absolute", "empty", "dot", "dotdot", "nul", "long",
                              "unknown", "inner-dotdot", "windows", "newline", "escape"])
def test_regenerate_refuses_a_crafted_attachment_name(tmp_path, name):
    pdf = crafted_pdf(tmp_path / "r.pdf", GOOD, {**status_files(), name: b"x"})
    result, out = regenerate(tmp_path, pdf)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "\x1b" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists() and written_outside(tmp_path, out) == []


COURSE = {**GOOD, "forloeb": {"mappe": "eksempel-forloeb", "dokument": "status-2021-07"}}


@pytest.mark.parametrize("manifest, name", [
    (COURSE, "forloeb/../../evil.yaml"), (COURSE, "forloeb/../rapport.yaml"),
    (COURSE, "forloeb/analyse/../../rapport.yaml"), (COURSE, "forloeb/./rapport.yaml"),
    (COURSE, "forloeb/analyse/../logo.svg"), (COURSE, "forloeb//rapport.yaml"),
    (COURSE, "forloeb/.skjult/rapport.yaml"), (COURSE, "forloeb/analyse/noter.txt"),
    (COURSE, "forloeb//tmp/evil.yaml"), (COURSE, "forloeb/status-2021-07/rapport.yaml"),
    (GOOD, "forloeb/forloeb.yaml"),
    ({**GOOD, "forloeb": {"mappe": "..", "dokument": "status"}}, "forloeb/forloeb.yaml"),
    ({**GOOD, "forloeb": {"mappe": "x", "dokument": "../../ud"}}, "forloeb/forloeb.yaml"),
], ids=["traversal", "parent", "inner-traversal", "dot", "logo-traversal", "empty-part",
        "hidden-folder", "unknown", "absolute", "own-folder", "no-course", "course-dotdot",
        "member-traversal"])
def test_regenerate_refuses_a_crafted_course_file(tmp_path, manifest, name):
    """A report of a course carries its course under forloeb/ (coursefiles.py): only plain
    names of a course's files, never a way out of the extracted course."""
    pdf = crafted_pdf(tmp_path / "r.pdf", manifest, {**status_files(), name: b"kommune: x\n"})
    result, out = regenerate(tmp_path, pdf)
    assert result.exit_code == 2, result.output
    assert "ugyldig" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists() and written_outside(tmp_path, out) == []


def test_regenerate_refuses_an_unreadable_manifest(tmp_path):
    pdf = crafted_pdf(tmp_path / "r.pdf", None, raw_manifest=b"[" * 100_000)
    assert_one_line(regenerate(tmp_path, pdf)[0], 2, "manifest.json")


def test_regenerate_refuses_a_decompression_bomb(tmp_path):
    """A 2 GiB FlateDecode attachment: refused by the bound on a decompressed stream."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    pack = zlib.compressobj(9)
    zeros = bytes(1 << 24)
    body = b"".join(pack.compress(zeros) for _ in range(128)) + pack.flush()  # 2 GiB unpacked
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("manifest.json", json.dumps(GOOD).encode())
    writer.add_attachment("rapport.yaml", b"x")
    # swap the attachment's stream for the bomb
    for obj in writer._objects:
        if isinstance(obj, DecodedStreamObject) and obj.get_data() == b"x":
            obj.set_data(b"")
            obj._data = body
            obj[NameObject("/Filter")] = NameObject("/FlateDecode")
    pdf = tmp_path / "bombe.pdf"
    with open(pdf, "wb") as handle:
        writer.write(handle)
    assert_one_line(regenerate(tmp_path, pdf)[0], 2, "for meget udpakket")


def test_regenerate_of_an_invalid_bundle_leaves_the_old_one(tmp_path):
    files = status_files()
    files["rapport.yaml"] = b"dokument: statusrapport\nkommune: [\n"
    pdf = crafted_pdf(tmp_path / "r.pdf", GOOD, files)
    out = tmp_path / "ud" / "out"
    (out / "bundt").mkdir(parents=True)
    (out / "bundt" / "rapport.yaml").write_text("den gamle")
    result = run("regenerate", pdf, "-o", out)
    assert result.exit_code == 1 and "rapport.yaml" in result.output, result.output
    assert (out / "bundt" / "rapport.yaml").read_text() == "den gamle"
    assert sorted(p.name for p in out.iterdir()) == ["bundt"]  # no temporary folder left


def test_regenerate_replaces_the_bundle_folder_whole(tmp_path):
    pdf = crafted_pdf(tmp_path / "r.pdf", {**GOOD, "format": "notat"})
    out = tmp_path / "out"
    (out / "bundt").mkdir(parents=True)
    (out / "bundt" / "noegletal.csv").write_text("fra en anden rapport")
    result = run("regenerate", pdf, "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "bundt").iterdir()) == sorted(status_files())
    assert (out / "statusrapport-notat.pdf").is_file()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("name, ok", [
    ("rapport.yaml", True), ("tekster/rapport.md", True), ("billeder/logo.svg", True),
    ("tekster/../x.md", False), ("tekster/a/b.md", False), ("tekster/.md", False),
    ("x/../logo.svg", False), ("logo.svg/", False), ("noter.txt", False),
    ("../rapport.yaml", False), ("forloeb/forloeb.yaml", True),
    ("forloeb/analyse/rapport.yaml", True), ("forloeb/analyse/tekster/rapport.md", True),
    ("forloeb/ledelsestilsyn.csv", True), ("forloeb/../rapport.yaml", False),
    ("forloeb/analyse/../../x.yaml", False), ("forloeb/a/b/rapport.yaml", False),
    ("forloeb/_kladde/rapport.yaml", False), ("forloeb/noter.txt", False),
])
def test_the_names_a_report_may_carry_back(name, ok):
    from taskforce_report.output.archive import plain_name

    assert plain_name(name) is ok


# ---- careless input: a table of another document ------------------------------------------

@pytest.mark.parametrize("example", ["eksempel-status", "eksempel-tf-status"])
def test_key_figures_in_a_status_bundle_are_told_not_crashed(tmp_path, example):
    bundle = tmp_path / "bundt"
    shutil.copytree(ROOT / "input" / example, bundle)
    shutil.copy(ROOT / "input" / "eksempel-kommune" / "noegletal.csv", bundle)
    result = run("validate", bundle)
    assert_one_line(result, 1, "noegletal.csv: tabellen noegletal bruges kun i et "
                    "analyserapport-bundt")


# ---- batch: a worker killed, a bundle that hangs, the batch stopped ------------------------

def gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its parent has ended too)."""
    import time

    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


def _misbehaving(bundle, root, outdir):
    """Stands in for batch._one in the forked workers: 'doer' is killed as the OOM killer
    would, 'haenger' never ends, the rest build."""
    import signal
    import time

    from taskforce_report.tools import batch

    if bundle.name == "doer":
        os.kill(os.getpid(), signal.SIGKILL)
    if bundle.name == "haenger":
        (outdir / "haenger.pid").parent.mkdir(parents=True, exist_ok=True)
        (outdir / "haenger.pid").write_text(str(os.getpid()))
        time.sleep(3600)
    return batch._real_one(bundle, root, outdir)


@pytest.fixture
def three(tmp_path, monkeypatch):
    from conftest import FIXTURES

    from taskforce_report.tools import batch

    root = tmp_path / "samling"
    for name in ("doer", "god", "haenger"):
        shutil.copytree(FIXTURES / "mini", root / name)
    monkeypatch.setattr(batch, "_real_one", batch._one, raising=False)
    monkeypatch.setattr(batch, "_one", _misbehaving)
    return root


def test_batch_survives_a_killed_worker_and_a_hanging_bundle(three, tmp_path):
    out = tmp_path / "ud"
    result = run("batch", three, "-j", "2", "-o", out, "--quiet", "--timeout", "20")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "byggeprocessen døde (signal SIGKILL" in lines["doer"]
    assert "stoppet efter 20 sekunder" in lines["haenger"]
    assert lines["god"].split()[1] == "analyserapport" and "FEJL" not in lines["god"]
    assert "1 bygget, 2 fejlede" in result.output
    assert gone(int((out / "haenger.pid").read_text()))  # the hanging worker was ended


def test_a_stopped_batch_ends_its_workers_and_prints_what_finished(tmp_path):
    """SIGTERM to a running batch: the summary is printed and no worker is left running."""
    import signal
    import time

    from conftest import FIXTURES

    root = tmp_path / "samling"
    shutil.copytree(FIXTURES / "mini", root / "haenger")
    out = tmp_path / "ud"
    script = (
        "import sys; sys.path.insert(0, 'tests'); import test_hostile_input as t;"
        "from taskforce_report.tools import batch; batch._real_one = batch._one;"
        "batch._one = t._misbehaving; from taskforce_report.cli import main;"
        f"main(['batch', {str(root)!r}, '-o', {str(out)!r}, '-q', '-j', '1'])")
    process = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    pid_file = out / "haenger.pid"
    for _ in range(600):  # the worker is running when it has written its pid
        if pid_file.exists() and pid_file.read_text():
            break
        time.sleep(0.1)
    worker = int(pid_file.read_text())
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr
    assert "ikke bygget: kørslen blev stoppet" in stdout and "Traceback" not in stderr
    assert gone(worker)


# ---- preview: only its own host, no idle connection kept, any bundle state ---------------

def _serve(bundle: Path, monkeypatch, idle: float = 1.0) -> int:
    import threading

    from taskforce_report.tools import preview

    monkeypatch.setattr(preview, "IDLE_SECONDS", idle)
    started, box = threading.Event(), {}

    def ready(port, state):
        box["port"] = port
        started.set()

    threading.Thread(target=preview.serve, args=(bundle, 0), kwargs={"ready": ready},
                     daemon=True).start()
    assert started.wait(120)
    return box["port"]


def _get(port: int, path: str = "/", host: str | None = None) -> tuple[int, str]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1",
                                  "localhost", "127.0.0.1.nip.io:{port}", ""])
def test_preview_answers_only_its_own_host(mini, monkeypatch, host):
    port = _serve(mini, monkeypatch)
    status, body = _get(port, host=host.format(port=port) or " ")
    assert status == 421 and "Hurtig" not in body
    assert _get(port, host=f"localhost:{port}")[0] == 200
    assert _get(port)[0] == 200


def test_preview_closes_an_idle_connection(mini, monkeypatch):
    import socket

    port = _serve(mini, monkeypatch, idle=1.0)
    idle = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        assert idle.recv(1) == b""  # closed by the server, not by our own 30 s guard
    finally:
        idle.close()


def test_preview_shows_the_error_of_any_bundle_state_and_recovers(tmp_path, monkeypatch):
    import time

    bundle = tmp_path / "bundt"
    shutil.copytree(STATUS, bundle)
    port = _serve(bundle, monkeypatch)

    def status():
        return json.loads(_get(port, "/status")[1])

    def wait(predicate):
        for _ in range(600):
            if predicate(status()):
                return True
            time.sleep(0.1)
        return False

    assert status()["error"] is None
    shutil.copy(ROOT / "input" / "eksempel-kommune" / "noegletal.csv", bundle)
    assert wait(lambda s: s["error"] and "noegletal" in s["error"])
    (bundle / "noegletal.csv").unlink()
    (bundle / "ledelsestilsyn.csv").rename(bundle / "gemt.csv")
    (bundle / "ledelsestilsyn.csv").symlink_to("/etc/passwd")
    assert wait(lambda s: s["error"] and "symbolsk link" in s["error"])
    (bundle / "ledelsestilsyn.csv").unlink()
    (bundle / "gemt.csv").rename(bundle / "ledelsestilsyn.csv")
    assert wait(lambda s: s["error"] is None)
    assert "Bundtet kan ikke bygges" not in _get(port)[1]


# ---- new, import-legacy: nothing overwritten, values written by a YAML emitter ------------

def test_new_overwrites_no_existing_file(tmp_path):
    target = tmp_path / "ny"
    target.mkdir()
    (target / "data.xlsx").write_bytes(b"brugerens data")
    assert_one_line(run("new", target, "--kommune", "Åby Kommune"), 1, "findes allerede")
    assert (target / "data.xlsx").read_bytes() == b"brugerens data"
    assert not (target / "rapport.yaml").exists()


@pytest.mark.parametrize("args", [
    ["new", "{file}", "--kommune", "Åby Kommune"],
    ["new", "{file}/sub", "--kommune", "Åby Kommune"],
    ["new", "{file}/sub", "--dokument", "statusrapport", "--kommune", "Åby Kommune"],
], ids=["file", "under-a-file", "status-under-a-file"])
def test_new_into_a_file_is_one_line(tmp_path, args):
    file = tmp_path / "fil"
    file.write_text("x")
    result = run(*[a.format(file=file) for a in args])
    assert result.exit_code in (1, 2) and "Traceback" not in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1 and "fil" in result.output
    assert file.read_text() == "x"


def test_import_legacy_into_a_file_is_one_line(tmp_path):
    file = tmp_path / "fil"
    file.write_text("x")
    source = tmp_path / "rapport.txt"
    source.write_text("Analyserapport\nÅby Kommune\n", encoding="utf-8")
    result = run("import-legacy", source, "-o", file / "sub")
    assert result.exit_code in (1, 2) and "Traceback" not in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("dokument", ["analyserapport", "statusrapport"])
@pytest.mark.parametrize("kommune", ["X: y\n  dokument: z", "X\x1b]0;titel\x07 Kommune",
                                     "Åby\u202eenummoK"])
def test_new_refuses_a_name_with_a_line_break_or_control_character(tmp_path, kommune, dokument):
    result = run("new", tmp_path / "ny", "--dokument", dokument, "--kommune", kommune)
    assert_one_line(result, 1, "kontroltegn")
    assert "\x1b" not in result.output.replace("\\x1b", "")
    assert not (tmp_path / "ny").exists()


@pytest.mark.parametrize("dokument", ["analyserapport", "statusrapport"])
@pytest.mark.parametrize("kommune", ["X: y Kommune", "# Kommune", "'Åby' Kommune", "ja",
                                     "2019-11-18", "{Åby} [Kommune]", "Åby Kommune  # note"])
def test_new_writes_any_name_so_it_reads_back_the_same(tmp_path, kommune, dokument):
    from taskforce_report.load.yamlfile import read_yaml

    result = run("new", tmp_path / "ny", "--dokument", dokument, "--kommune", kommune)
    assert result.exit_code == 0, result.output
    data = read_yaml(tmp_path / "ny" / "rapport.yaml", "rapport.yaml").data
    assert data["kommune"] == kommune.strip() and data["dokument"] == dokument


# ---- control characters in input -----------------------------------------------------------

@pytest.mark.parametrize("value", ['"X\\e]0;titel\\a Kommune"', '"Åby\\u202eenummoK"',
                                   '"Åby\\x07 Kommune"'])
def test_a_control_character_written_as_a_yaml_escape_is_refused(status, value):
    path = status / "rapport.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kommune: Fjordlund Kommune", f"kommune: {value}", 1),
                    encoding="utf-8")
    result = run("validate", status)
    assert_one_line(result, 1, "kontroltegn")
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_a_control_character_in_a_table_is_refused(status):
    path = status / "ledelsestilsyn.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2] + "\x1b[2J"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("validate", status)
    assert_one_line(result, 1, "kontroltegnet \\x1b")
    assert "linje 3" in result.output and "\x1b" not in result.output


def test_a_control_character_in_a_markdown_text_is_refused(mini):
    (mini / "tekster").mkdir()
    (mini / "tekster" / "rapport.md").write_text("# Resumé\n\nTekst \x1b]0;titel\x07 her.\n",
                                                 encoding="utf-8")
    result = run("validate", mini)
    assert result.exit_code == 1 and "kontroltegnet" in result.output, result.output
    assert "tekster/rapport.md" in result.output and "\x1b" not in result.output


# ---- validate checks the logo as build does --------------------------------------------------

@pytest.mark.parametrize("logo, says", [
    (b"", "tom fil"),
    (bytes(range(256)) * 4, "gyldig SVG"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
     "henviser til"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     b'<use xlink:href="https://example.org/x.svg#a"/></svg>', "henviser til"),
    (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>', "DOCTYPE"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://x/y.css);</style>'
     b"</svg>", "henter"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/p)"/></svg>',
     "henter"),
    (b"<html><body>ikke svg</body></html>", "rodelementet"),
], ids=["empty", "binary", "image-file", "use-remote", "xxe", "import", "url", "not-svg"])
def test_validate_refuses_a_logo_build_would_refuse(status, logo, says):
    (status / "logo.svg").write_bytes(logo)
    result = run("validate", status)
    assert_one_line(result, 1, says)
    assert "logo.svg" in result.output and "root:" not in result.output


def test_validate_refuses_a_png_logo_that_is_not_one(status):
    (status / "logo.png").write_bytes(b"GIF89a" + bytes(100))
    path = status / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("logo: logo.svg", "logo: logo.png"),
                    encoding="utf-8")
    assert_one_line(run("validate", status), 1, "ikke en PNG-fil")


if __name__ == "__main__":
    import pytest as _pytest

    _pytest.main(["--collect-only", "-q", __file__])

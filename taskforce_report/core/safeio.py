"""Paths by construction: every input file is read through `read_input`, every output is
written through `write_output`.

Reading: a bundle's file is opened without following a symbolic link (O_NOFOLLOW) and without
waiting (O_NONBLOCK, so a FIFO cannot hang the tool), then checked to be a regular file inside
its folder, and read only up to a bound. A link, a FIFO, a device or a folder where a file is
expected is an InputError naming the file: the tool never reads what lies outside the bundle
and the theme, never echoes it and never waits for it.

Writing: the final path is resolved and must lie inside the output folder; the data goes to a
temporary file beside it (`.NAME.<pid>.<random>.tmp`), which is renamed into place, so a reader
sees the old file or the new one. The temporary file is removed on every exit the process
controls; one left by a killed process (its pid no longer runs) is removed by the next write
into the folder. Outputs get the mode an ordinary file gets (0644 under the usual umask).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from taskforce_report.core.errors import input_error

# Bound of a file read whole: far above any real bundle file (the loaders have tighter ones).
MAX_INPUT_BYTES = 64 * 1024 * 1024

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0))


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def present(path: Path) -> bool:
    """Whether anything at all stands at `path`: a file, but also a link (even a dangling one),
    a FIFO or a folder. A loader asks this, not is_file(), so that a link named noegletal.csv is
    refused with a message instead of silently ignored."""
    return os.path.lexists(path)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "en mappe"
    if stat.S_ISFIFO(mode):
        return "en FIFO (navngivet rør)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhed"
    if stat.S_ISSOCK(mode):
        return "en socket"
    return "ikke en almindelig fil"


def _outside(path: Path, root: Path) -> bool:
    """Whether `path` leaves `root` through `..` or through a link in any folder on the way."""
    real_root = Path(os.path.realpath(root))
    real = Path(os.path.realpath(path))
    return not real.is_relative_to(real_root)


def read_input(path: Path, display: str | None = None, root: Path | None = None,
               limit: int = MAX_INPUT_BYTES, follow: bool = False) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them, else an InputError
    naming `display`. `root`: the folder it must lie inside (default: its own folder).
    `follow`: a link is followed (for a file the user names on the command line, never for a
    file of a bundle); the target must still be a regular file."""
    path = Path(path)
    display = display or path.name
    root = Path(root) if root is not None else path.parent
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise input_error(display, "", "findes ikke") from None
    except OSError as exc:
        raise input_error(display, "", f"kan ikke læses: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode) and not follow:
        raise input_error(display, "", "er et symbolsk link; læg selve filen i bundtet (et link "
                          "kan pege uden for det, og det følges ikke)")
    if not follow and _outside(path, root):
        raise input_error(display, "", "ligger uden for bundtet (gennem et link til en mappe); "
                          "læg selve filen i bundtet")
    try:
        fd = os.open(path, _OPEN_FLAGS & ~(0 if not follow else getattr(os, "O_NOFOLLOW", 0)))
    except OSError as exc:
        raise input_error(display, "", f"kan ikke læses: {exc.strerror}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise input_error(display, "", f"er {_kind(mode)}, ikke en almindelig fil; forventede "
                              "en fil")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise input_error(display, "", f"kan ikke læses: {exc.strerror}") from None
    finally:
        os.close(fd)
    if size > limit:
        raise input_error(display, "", f"filen er for stor (over {_number(limit)} byte)")
    return b"".join(chunks)


# Characters no text of a bundle needs and a terminal or a PDF viewer would act on: C0 and C1
# controls but tab and line breaks, and bidi overrides.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def refuse_control(text: str, display: str, what: str = "en tekstfil") -> None:
    """An InputError naming the first control character in `text` and its line."""
    found = CONTROL.search(text)
    if found is None:
        return
    code = ord(found.group())
    shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    raise input_error(display, "", f"filen rummer kontroltegnet {shown} (U+{code:04X}); det "
                      f"hører ikke hjemme i {what}: slet det",
                      line=f"linje {text.count(chr(10), 0, found.start()) + 1}")


# --- writing ---------------------------------------------------------------------------------

_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")
_OLD_TMP = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")  # before the pid was in it


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# read once: os.umask can only be read by setting it, which is not safe while threads write
_UMASK = _umask()


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def clean_stale(folder: Path) -> None:
    """Removes the temporary files a killed write left in `folder`: those whose process no
    longer runs (and those of the old naming, which carried no pid)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TMP.match(entry.name)
        if match is not None:
            if _running(int(match.group("pid"))):
                continue
        elif _OLD_TMP.match(entry.name) is None:
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
        except OSError:
            pass


def checked_target(path: Path, root: Path | None = None) -> Path:
    """`path` resolved, refused unless it lies inside `root` (default: its own folder) and
    names a file: a name made from input can never write elsewhere."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    real_root = Path(os.path.realpath(root))
    folder = Path(os.path.realpath(path.parent))
    target = folder / path.name
    if path.name in ("", ".", "..") or "\x00" in str(path) or not target.is_relative_to(real_root):
        raise input_error(str(path), "", f"ligger uden for outputmappen {root}; skriver intet")
    if os.path.islink(target) or os.path.isdir(target):
        raise input_error(str(path), "", "findes allerede som et link eller en mappe; skriver "
                          "intet")
    return target


def write_output(path: Path, data: bytes | str, root: Path | None = None) -> Path:
    """Writes `data` to `path` inside `root` (default: its own folder) atomically; returns the
    resolved target."""
    root = Path(root) if root is not None else Path(path).parent
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder should be (new FILE/sub)
        raise input_error(str(Path(path).parent), "", f"mappen kan ikke oprettes "
                          f"({exc.strerror}); findes der en fil med det navn?") from None
    target = checked_target(path, root)
    clean_stale(target.parent)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fchmod(handle.fileno(), 0o666 & ~_UMASK)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

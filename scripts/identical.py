"""Are the examples' outputs byte-identical between two versions of the code?

    python3 scripts/identical.py [BASE_REV]        (default BASE_REV: HEAD)
    python3 scripts/identical.py --store

builds every example in every format, once from BASE_REV (checked out into a temporary git
worktree) and once from the working tree, and compares every file written. A reorganisation
of the code (issue 18) must change no byte of any document.

`--store` builds from the working tree only and writes the hashes to `STORED`
(tests/data/example-hashes.json), which tests/test_identical.py compares every run of the
suite against: after an intended change to what the examples print, store again and say so in
the commit. The file records the layout engine beside the hashes (`fingerprint`), because a
PDF's bytes depend on Pango as much as on this code.

The manifest inside every PDF carries a hash of the package's Python code (`kode`), which any
moved line changes, and one of templates/, which a template rewritten to print the same words
changes (a plural through a filter, issue 18), and one of the catalogues, which a new key
changes (issue 21); both builds pin all three to one value, so that the
comparison sees what the reader gets and nothing else. The chart cache is off, so every chart
is drawn by the code under test. Exit 0 when everything is identical, 1 otherwise (each
differing file named).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORED = ROOT / "tests" / "data" / "example-hashes.json"

# (folder under input/, extra build options, subfolder of the output)
BUILDS: list[tuple[str, list[str], str]] = [
    ("eksempel-kommune", [], "kommune"),
    ("eksempel-kommune", ["--pdf-ua"], "kommune-ua"),
    ("eksempel-kommune", ["--udkast"], "kommune-udkast"),
    ("eksempel-kommune", ["--format", "docx"], "kommune-docx"),
    ("eksempel-kommune", ["--format", "html"], "kommune-html"),
    ("eksempel-pejlemaerker", [], "pejlemaerker"),
    ("eksempel-status", [], "status"),
    ("eksempel-status", ["--format", "notat"], "status-notat"),
    ("eksempel-status", ["--format", "slides"], "status-slides"),
    ("eksempel-status", ["--format", "docx"], "status-docx"),
    ("eksempel-tf-status", [], "tf-status"),
    ("eksempel-ansoegning", [], "ansoegning"),
    ("eksempel-forloeb", [], "forloeb"),
]

# Loaded before the package in every process of a build (layout and chart workers included):
# after the module holding `code_digest` is imported, its function is replaced by a constant.
SITECUSTOMIZE = '''
import importlib.abc, importlib.machinery, sys

class _Pin(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        # the module that holds it: output/manifest.py, output/archive.py before issue 18
        if not name.startswith("taskforce_report") or not name.endswith(("manifest", "archive")):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            if hasattr(module, "code_digest"):
                module.code_digest = lambda: "0" * 64
            if hasattr(module, "catalogues_digest"):  # a catalogue key that prints nothing new
                module.catalogues_digest = lambda: "2" * 64
            if hasattr(module, "tree_digest") and hasattr(module, "TEMPLATES_DIR"):
                real, templates = module.tree_digest, module.TEMPLATES_DIR

                def tree_digest(folder, *args, **kwargs):
                    if folder == templates:
                        return "1" * 64
                    return real(folder, *args, **kwargs)
                module.tree_digest = tree_digest
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _Pin())
'''


def build_all(tree: Path, out: Path) -> dict[str, str]:
    """Build every example from the code in `tree` into `out`; the SHA-256 of each file."""
    pin = out / ".pin"
    pin.mkdir(parents=True, exist_ok=True)
    (pin / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{pin}{os.pathsep}{tree}",
           "TASKFORCE_REPORT_CACHE": "off", "SOURCE_DATE_EPOCH": "0"}
    for folder, options, target in BUILDS:
        command = [sys.executable, "-m", "taskforce_report", "build", "-q",
                   str(tree / "input" / folder), "-o", str(out / target), *options]
        done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{tree}: {' '.join(command[3:])} failed:\n{done.stderr}")
    return {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.rglob("*"))
            if path.is_file() and ".pin" not in path.parts and "__pycache__" not in path.parts}


def fingerprint() -> dict[str, str]:
    """What besides this code decides a PDF's bytes: the layout engine and its text shaping."""
    from importlib.metadata import version

    from weasyprint.text.ffi import pango

    packages = ("weasyprint", "pydyf", "fonttools", "pikepdf", "matplotlib")
    return {"pango": str(pango.pango_version()),
            **{name: version(name) for name in packages}}


def store() -> int:
    with tempfile.TemporaryDirectory(prefix="identical-") as temp:
        hashes = build_all(ROOT, Path(temp))
    STORED.parent.mkdir(parents=True, exist_ok=True)
    STORED.write_text(json.dumps({"fingerprint": fingerprint(), "files": hashes},
                                 indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(hashes)} hashes stored in {STORED.relative_to(ROOT)}")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--store"]:
        return store()
    base = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    with tempfile.TemporaryDirectory(prefix="identical-") as temp:
        work = Path(temp)
        checkout = work / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach",
                        str(checkout), base], check=True)
        try:
            before = build_all(checkout, work / "before")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(checkout)], check=False)
        after = build_all(ROOT, work / "after")
    differing = sorted(name for name in before.keys() | after.keys()
                       if before.get(name) != after.get(name))
    for name in differing:
        print(f"differs: {name}")
    pdfs = sum(name.endswith(".pdf") for name in after)
    print(f"{len(after) - len(differing)} of {len(after)} files identical ({pdfs} PDFs) "
          f"between {base} and the working tree")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())

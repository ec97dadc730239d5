"""Every example, in every format, builds to the bytes stored in tests/data/example-hashes.json.

A reorganisation of the code (issue 18) must change no byte of any document, and an archivist
regenerating an old report expects the same file. `scripts/identical.py` builds every example
with the code and templates hashes of the manifest pinned (so that a moved line of code is not
a difference) and the chart cache off; this test compares what it builds against the stored
hashes. After an intended change to the examples' output, run `python3 scripts/identical.py
--store` and say so in the commit.

A PDF's bytes also depend on the layout engine (Pango, WeasyPrint and the font tools): the
stored file records them, and on a machine whose engine differs only the files that do not
pass through the layout (HTML, Word) are compared, and a warning says so.
"""

from __future__ import annotations

import importlib.util
import json
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _identical_script():
    spec = importlib.util.spec_from_file_location("identical", ROOT / "scripts" / "identical.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_example_builds_to_the_stored_bytes(tmp_path):
    identical = _identical_script()
    stored = json.loads(identical.STORED.read_text(encoding="utf-8"))
    built = identical.build_all(ROOT, tmp_path)
    assert sorted(built) == sorted(stored["files"]), "the examples now write other files"
    compared = set(built)
    here = identical.fingerprint()
    if here != stored["fingerprint"]:
        compared = {name for name in built if not name.endswith(".pdf")}
        warnings.warn(f"the layout engine differs from the stored one ({here} against "
                      f"{stored['fingerprint']}): PDFs not compared", stacklevel=1)
    differing = sorted(name for name in compared if built[name] != stored["files"][name])
    assert not differing, (
        f"{len(differing)} of {len(compared)} files differ from the stored bytes: "
        f"{', '.join(differing)}. If the change is intended, run "
        "`python3 scripts/identical.py --store` and say so in the commit.")
    assert compared

"""What keeps the tool quick, checked by what it does rather than by a clock: lazy imports,
the chart cache, and the same output with and without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import EXAMPLE, LILLE, pdf_pages

PROBE = """
import json, sys
from click.testing import CliRunner
from taskforce_report.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
heavy = sorted(m for m in ("weasyprint", "matplotlib") if m in sys.modules)
print(json.dumps({"exit": result.exit_code, "heavy": heavy}))
"""


def probe(*args: str, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                         check=True, env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_help_validate_and_new_import_neither_weasyprint_nor_matplotlib(tmp_path):
    assert probe("--help") == {"exit": 0, "heavy": []}
    assert probe("validate", str(EXAMPLE)) == {"exit": 0, "heavy": []}
    assert probe("new", str(tmp_path / "ny"), "--kommune", "Ærø Kommune") == \
        {"exit": 0, "heavy": []}


def test_text_edit_with_warm_cache_draws_no_chart(tmp_path):
    import shutil

    bundle = tmp_path / "bundt"
    shutil.copytree(LILLE, bundle)
    env = {"TASKFORCE_REPORT_CACHE": str(tmp_path / "cache")}
    first = probe("build", str(bundle), "-o", str(tmp_path / "a"), "-q", env=env)
    assert first["exit"] == 0
    drawn = sorted((tmp_path / "cache").glob("*.svg"))
    # the bundle's charts, drawn and kept (one: its other tables have one or two rows, which
    # get no chart)
    assert len(drawn) >= 1
    report = bundle / "rapport.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "\n# en tekstændring\n",
                      encoding="utf-8")
    second = probe("build", str(bundle), "-o", str(tmp_path / "b"), "-q", env=env)
    # Matplotlib never loads; WeasyPrint loads in the layout process (pdf.LayoutProcess), not here
    assert second == {"exit": 0, "heavy": []}
    assert sorted((tmp_path / "cache").glob("*.svg")) == drawn


def test_same_pdf_text_with_and_without_the_cache(tmp_path):
    env = {"TASKFORCE_REPORT_CACHE": str(tmp_path / "cache")}
    for name, setting in (("med", env), ("uden", {"TASKFORCE_REPORT_CACHE": "off"}),
                          ("med-igen", env)):
        probe("build", str(LILLE), "-o", str(tmp_path / name), "-q", env=setting)
    texts = [pdf_pages(tmp_path / name / "analyserapport.pdf")
             for name in ("med", "uden", "med-igen")]
    assert texts[0] == texts[1] == texts[2]
    assert (tmp_path / "med" / "analyserapport.pdf").read_bytes() == \
        (tmp_path / "uden" / "analyserapport.pdf").read_bytes()


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(tmp_path):
    env = {"TASKFORCE_REPORT_CACHE": str(tmp_path / "cache")}
    assert probe("build", str(LILLE), "-o", str(tmp_path / "a"), "--format", "html", "-q",
                 env=env)["exit"] == 0
    kept = sorted((tmp_path / "cache").glob("skabeloner-*/*.cache"))
    assert len(kept) >= 10  # the document's templates, compiled once and kept
    from jinja2.bccache import bc_magic

    for number, path in enumerate(kept):  # damaged: garbage after a good header, or empty
        path.write_bytes(bc_magic + b"\x80skadet" if number % 2 == 0 else b"")
    for name, setting in (("b", env), ("c", {"TASKFORCE_REPORT_CACHE": "off"})):
        assert probe("build", str(LILLE), "-o", str(tmp_path / name), "--format", "html", "-q",
                     env=setting)["exit"] == 0
    html = [(tmp_path / name / "analyserapport.html").read_text(encoding="utf-8")
            for name in ("a", "b", "c")]
    assert html[0] == html[1] == html[2]

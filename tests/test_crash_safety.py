"""A build killed at any moment leaves the previous complete PDF or nothing, never a torn file,
and the bundle untouched."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import LILLE
from pypdf import PdfReader


def digest_tree(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("stage", ["tegner figurer", "sætter siderne og skriver PDF"])
def test_sigkill_during_a_stage_leaves_old_pdf_or_new_complete_one(tmp_path, stage):
    out = tmp_path / "ud"
    out.mkdir()
    target = out / "analyserapport.pdf"
    previous = b"%PDF-1.7 previous complete report\n%%EOF\n"
    target.write_bytes(previous)
    before = digest_tree(LILLE)
    rng = random.Random(stage)
    for attempt in range(3):
        env = {**os.environ, "TASKFORCE_REPORT_PROGRESS_AFTER": "0",
               "TASKFORCE_REPORT_CACHE": "off"}  # so that charts are really drawn
        process = subprocess.Popen(
            [sys.executable, "-m", "taskforce_report", "build", str(LILLE), "-o", str(out)],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
        for line in process.stderr:
            if stage in line:
                break
        time.sleep(rng.uniform(0.0, 0.4 + attempt))
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stderr.close()
        data = target.read_bytes()
        if data != previous:
            # the build finished before the kill: then the new file is whole
            assert len(PdfReader(target).pages) > 5
            target.write_bytes(previous)
    assert digest_tree(LILLE) == before
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == ["analyserapport.pdf"]

"""`validate` runs exactly the checks `build` runs before the layout (issue 18): of a bundle and
of each document of a course, every format rapport.yaml asks for, with the message `build`
gives. The memo prints texts the document does not (its text goes through the guard as
printed), and a deck is laid out (a slide that runs over its page is an input error only the
layout finds)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from taskforce_report.cli import main

STATUS = ROOT / "input" / "eksempel-status"
COURSE = ROOT / "input" / "eksempel-forloeb"
MEMBER = "status-2022-01"

# A CPR number written with an HTML entity: rapport.yaml's own text does not look like one, the
# memo prints it as one (test_guard_rendered.py's "entity" case).
ECONOMY = "  oekonomi: Ingen bemærkninger.\n"
HIDDEN_CPR = "  oekonomi: Sag &#48;10203-1234 er lukket.\n"
# a slide with more bullets than fit on one 16:9 page
PROUD = "        *Vi er ikke i mål, men vi er på vej i den rigtige retning.*\n"
MANY = "".join(f"        - Punkt {i}, som fylder en hel linje på diasset.\n" for i in range(20))


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def error_of(result) -> str:
    """The message of a failed `build`, without its "Fejl: "."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("Fejl: ")]
    return line.removeprefix("Fejl: ")


@pytest.fixture
def status(tmp_path: Path) -> Path:
    target = tmp_path / "status"
    shutil.copytree(STATUS, target)
    return target


@pytest.fixture
def course(tmp_path: Path) -> Path:
    target = tmp_path / "forloeb"
    shutil.copytree(COURSE, target)
    return target


def test_validate_reads_the_memo_as_printed(status, tmp_path):
    edit(status / "rapport.yaml", ECONOMY, HIDDEN_CPR)
    # the document itself does not print the memo's text: its PDF builds
    assert run("build", str(status), "-o", str(tmp_path / "pdf")).exit_code == 0
    message = error_of(run("build", str(status), "--format", "notat", "-o",
                           str(tmp_path / "notat")))
    assert "ligner et CPR-nummer ('010203-XXXX')" in message
    assert "Økonomiske og personalemæssige konsekvenser" in message
    result = run("validate", str(status))
    assert error_of(result) == message
    assert "1234" not in result.output
    assert not (tmp_path / "notat").exists()


def course_line(result, folder: str) -> str:
    """The line of the course's summary about the document in `folder`."""
    (line,) = [line for line in result.output.splitlines() if f"  {folder}  " in line]
    return line


def test_validate_course_reads_each_memo_as_printed(course, tmp_path):
    edit(course / MEMBER / "rapport.yaml", ECONOMY, HIDDEN_CPR)
    message = error_of(run("build", str(course / MEMBER), "--format", "notat", "-o",
                           str(tmp_path / "ud")))
    assert "ligner et CPR-nummer" in message
    result = run("validate", str(course))
    assert result.exit_code == 1, result.output
    assert course_line(result, MEMBER).endswith(f"FEJL: {message}")
    # the other documents are checked all the same
    assert "FEJL" not in course_line(result, "status-2021-07")
    assert "1234" not in result.output


def test_validate_course_lays_out_each_deck(course, tmp_path):
    edit(course / MEMBER / "rapport.yaml", PROUD, PROUD + MANY)
    message = error_of(run("build", str(course / MEMBER), "--format", "slides", "-o",
                           str(tmp_path / "ud")))
    assert "sider, men et dias er én side" in message
    assert not (tmp_path / "ud").exists()
    result = run("validate", str(course))
    assert result.exit_code == 1, result.output
    assert course_line(result, MEMBER).endswith(f"FEJL: {message}")

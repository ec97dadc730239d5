"""A fresh machine: the lock is the only source of versions, every test import is installed by
the test extra, the package installs from a wheel and builds every example from any folder, and
a report names the packages it was made with."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
import venv
from importlib.metadata import packages_distributions, version
from pathlib import Path

import conftest
import pytest
from click.testing import CliRunner
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from taskforce_report.cli import main
from taskforce_report.output import manifest

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins(lock: Path) -> dict[str, str]:
    """name → version of every `name==version` line of a lock (markers ignored: they choose
    between pins of one name on other Pythons, and this machine runs 3.11)."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        found = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if found and canonicalize_name(found[1]) not in pins:
            pins[canonicalize_name(found[1])] = found[2]
    return pins


def _declared(extra: str | None = None) -> set[str]:
    project = PYPROJECT["project"]
    lines = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return {canonicalize_name(Requirement(line).name) for line in lines}


def test_every_declared_dependency_is_pinned_exactly_in_the_locks():
    runtime, test = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-test.lock")
    assert _declared() <= set(runtime), _declared() - set(runtime)
    assert _declared("test") <= set(test), _declared("test") - set(test)
    for name, pinned in runtime.items():
        assert test.get(name) == pinned, f"{name}: {pinned} in one lock, {test.get(name)} in other"


def test_setup_installs_from_the_lock_and_resolves_nothing_itself():
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    installs = [line for line in setup.splitlines() if "pip install" in line]
    assert any('-r "$LOCK"' in line for line in installs)
    assert all("-r" in line or "--no-deps" in line for line in installs), installs
    assert (ROOT / ".ci" / "run").read_text().strip().endswith(
        "bash scripts/setup.sh --test && python3 -m pytest -q")


def test_the_installed_packages_are_the_locked_ones():
    """The environment the tests run in is the one a user gets: what the report depends on is
    installed at the lock's versions (the manifest records the same list)."""
    pins = _pins(ROOT / "requirements-test.lock")
    installed = manifest.runtime_packages()
    assert "weasyprint" in installed and "fonttools" in installed and "pyyaml" in installed
    wrong = {name: (have, pins.get(name)) for name, have in installed.items()
             if pins.get(name) != have}
    assert not wrong, f"installed ≠ locked (run bash scripts/setup.sh): {wrong}"


# modules that Debian packages installed by scripts/setup.sh bring, not PyPI: LibreOffice's own
# Python bridge, imported by the script LibreOffice runs for tests/test_workbook.py
SYSTEM_MODULES = {"uno", "com"}


def _imported_top_level(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(("folder", "extra"),
                         [("taskforce_report", None), ("scripts", None), ("tests", "test")])
def test_every_import_has_its_package_declared(folder, extra):
    local = {"taskforce_report", "conftest"} | {
        p.stem for place in ("tests", "bench") for p in (ROOT / place).glob("*.py")}
    local |= SYSTEM_MODULES
    distributions = packages_distributions()
    declared = _declared(extra)
    missing = []
    for name in sorted(_imported_top_level(ROOT / folder) - local):
        if name in sys.stdlib_module_names:
            continue
        owners = {canonicalize_name(d) for d in distributions.get(name, [])}
        if not owners & declared:
            missing.append(f"{name} (from {', '.join(sorted(owners)) or 'nothing installed'})")
    assert not missing, f"imported in {folder}/ but not declared in pyproject: {missing}"


def test_every_package_of_the_source_ships_in_the_wheel():
    """pyproject lists the packages by name (templates/ and themes/ are mapped in beside them),
    so a new subpackage left off the list would be missing from the wheel alone."""
    source = {".".join(path.parent.relative_to(ROOT).parts)
              for path in (ROOT / "taskforce_report").rglob("__init__.py")
              if "__pycache__" not in path.parts}
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert sorted(source - listed) == []


def test_a_missing_seed_skips_locally_but_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "SEEDS", tmp_path / "ingen")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        conftest.seed_file("002_*.txt", "seed 002")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have ../shared/seeds"):
        conftest.seed_file("002_*.txt", "seed 002")


def test_the_report_names_its_packages_and_verify_names_those_that_differ(mini, tmp_path,
                                                                           monkeypatch):
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(mini), "-o", str(out)]).exit_code == 0
    pdf = out / "analyserapport.pdf"
    lock = CliRunner().invoke(main, ["lock", str(pdf)])
    assert lock.exit_code == 0, lock.output
    pinned = dict(re.findall(r"^([a-z0-9_.\-]+)==(\S+)$", lock.output, re.MULTILINE))
    assert pinned["weasyprint"] == version("weasyprint")
    assert pinned["matplotlib"] == version("matplotlib")
    assert pinned["fonttools"] == version("fonttools")

    older = {**manifest.runtime_packages(), "weasyprint": "69.0"}
    del older["pyphen"]
    monkeypatch.setattr(manifest, "runtime_packages", lambda: older)
    result = CliRunner().invoke(main, ["verify", str(pdf)])
    assert result.exit_code == 1
    assert (f"pakker med en anden version end da rapporten blev lavet: pyphen mangler "
            f"(rapporten: {version('pyphen')}), weasyprint 69.0 (rapporten: "
            f"{version('weasyprint')})") in result.output


def test_charts_print_no_findfont_line(tmp_path):
    environment = {**os.environ, "TASKFORCE_REPORT_CACHE": "off"}
    done = subprocess.run([sys.executable, "-m", "taskforce_report", "build",
                           str(conftest.LILLE), "-o", str(tmp_path / "ud")],
                          capture_output=True, text=True, env=environment, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "findfont" not in done.stderr
    svg = subprocess.run([sys.executable, "-c", (
        "from taskforce_report.charts.style import register_fonts\n"
        "from taskforce_report.load.themes import load_theme\n"
        "from matplotlib import font_manager\n"
        "register_fonts(load_theme('socialstyrelsen'))\n"
        "print(font_manager.findfont('Carlito', fallback_to_default=False))")],
        capture_output=True, text=True)
    assert svg.stdout.strip().endswith("Carlito-Regular.ttf"), svg.stderr


def test_a_wheel_installed_in_a_fresh_environment_builds_every_example_elsewhere(tmp_path):
    """The user's route: a wheel (templates, themes and catalogues inside), installed with pip
    from the lock into a new virtual environment, run in another folder."""
    # nothing of the checkout may leak in (a PYTHONPATH to it would make pip think the
    # package is installed already)
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    environment["TASKFORCE_REPORT_CACHE"] = str(tmp_path / "cache")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, env=environment)
    wheel = next(dist.glob("taskforce_report-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    quiet = ["-q", "--disable-pip-version-check"]
    subprocess.run([python, "-m", "pip", "install", *quiet, "-r", ROOT / "requirements.lock"],
                   check=True, capture_output=True, env=environment, cwd=tmp_path)
    subprocess.run([python, "-m", "pip", "install", *quiet, "--no-deps", wheel],
                   check=True, capture_output=True, env=environment, cwd=tmp_path)

    work = tmp_path / "arbejde"
    (work / "input").mkdir(parents=True)
    examples = sorted(p for p in (ROOT / "input").iterdir() if (p / "rapport.yaml").is_file())
    for example in examples:
        subprocess.run(["cp", "-r", example, work / "input" / example.name], check=True)
    for example in examples:
        done = subprocess.run([env_dir / "bin" / "taskforce-report", "build", "-q",
                               f"input/{example.name}"], cwd=work, capture_output=True,
                              text=True, env=environment)
        assert done.returncode == 0, (example.name, done.stderr[-3000:])
        assert "findfont" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        written = list((work / "output" / example.name).glob("*.pdf"))
        assert len(written) == 1, (example.name, written)
        assert written[0].read_bytes().startswith(b"%PDF-")
    assert not (ROOT / "output" / "arbejde").exists()
    installed = subprocess.run([python, "-c", "import taskforce_report.core.paths as p; "
                                "print(p.TEMPLATES_DIR); print(p.THEMES_DIR)"],
                               capture_output=True, text=True, check=True, cwd=work,
                               env=environment)
    assert all(str(env_dir) in line for line in installed.stdout.split()), installed.stdout

"""The command line: new → validate → build, HTML output, python -m."""

from __future__ import annotations

import subprocess
import sys

import yaml
from click.testing import CliRunner

from taskforce_report import catalogues
from taskforce_report.cli import main


def test_new_scaffolds_a_valid_bundle_with_every_theme(tmp_path):
    target = tmp_path / "ny"
    result = CliRunner().invoke(main, ["new", str(target), "--kommune", "Ærø Kommune"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((target / "rapport.yaml").read_text(encoding="utf-8"))
    assert data["kommune"] == "Ærø Kommune"
    assert list(data["temaer"]) == catalogues.concepts()["klassisk"].theme_ids
    for theme in data["temaer"].values():
        assert set(theme) == {"praesentation", "analyse", "styrker", "udfordringer",
                              "anbefalinger"}
    result = CliRunner().invoke(main, ["validate", str(target)])
    assert result.exit_code == 0, result.output
    # a second `new` into the same folder refuses instead of overwriting
    again = CliRunner().invoke(main, ["new", str(target), "--kommune", "Ærø Kommune"])
    assert again.exit_code == 1
    assert "findes allerede" in again.output


def test_html_rendition_has_its_assets(mini, tmp_path):
    out = tmp_path / "html"
    result = CliRunner().invoke(main, ["build", str(mini), "-o", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    html = (out / "analyserapport.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in html
    assert "Åby Kommune" in html and "Hurtig vurdering af underretninger." in html
    assert "file://" not in html
    assert (out / "assets" / "rapport.css").is_file()
    assert (out / "assets" / "logo.svg").is_file()


def test_runs_as_module():
    result = subprocess.run([sys.executable, "-m", "taskforce_report", "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "build" in result.stdout and "validate" in result.stdout


def test_new_status_bundle_validates_and_builds(tmp_path):
    target = tmp_path / "status"
    result = CliRunner().invoke(main, ["new", str(target), "--kommune", "Ærø Kommune",
                                       "--dokument", "statusrapport"])
    assert result.exit_code == 0, result.output
    assert (target / "data.xlsx").is_file()
    result = CliRunner().invoke(main, ["validate", str(target)])
    assert result.exit_code == 0, result.output
    assert "dokument: statusrapport" in result.output
    assert "dias: 2, lagt op" in result.output  # the deck starts scaffolded, and is laid out
    result = CliRunner().invoke(main, ["build", str(target), "--format", "notat", "-o",
                                       str(tmp_path / "ud")])
    assert result.exit_code == 0, result.output  # the memo starts scaffolded too


def test_only_the_command_line_knows_click(tmp_path):
    """The library raises InputError and the CLI alone turns it into `Fejl: …` and exit 1
    (cli/__init__.py): no module outside cli/ imports click, so the library can be used, and
    its errors caught, without it."""
    import ast
    from pathlib import Path

    import click

    import taskforce_report
    from taskforce_report.core.errors import InputError

    root = Path(taskforce_report.__file__).parent
    users = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            users += [str(path.relative_to(root)) for n in names if n.split(".")[0] == "click"]
    assert users == []
    assert not issubclass(InputError, click.ClickException)
    (tmp_path / "rapport.yaml").write_text("dokument: analyserapport\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Fejl: 3 fejl i input:\n  - rapport.yaml, linje 1: kommune: "
                                    "mangler")
    assert "Traceback" not in result.output

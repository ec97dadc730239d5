"""Where the project's own files are.

In the repository `templates/` and `themes/` sit beside the package (the project's fixed
shape); a wheel carries them inside the package (pyproject.toml maps them in). Both are found
through `importlib.resources`, so a source checkout, an editable install and `pip install .`
or `pipx install` read the same files. Outputs go to the user's working folder, never beside
the installed package.
"""

from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(str(resources.files("taskforce_report")))
_SOURCE_DIR = PACKAGE_DIR.parent  # the repository, when running from a checkout


def _data_folder(name: str) -> Path:
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else _SOURCE_DIR / name


TEMPLATES_DIR = _data_folder("templates")
THEMES_DIR = _data_folder("themes")


def default_output_root() -> Path:
    """`./output/` in the folder the command runs in."""
    return Path.cwd() / "output"

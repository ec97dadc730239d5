"""Where the project's own files are: templates and themes sit beside the package."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
TEMPLATES_DIR = PROJECT_DIR / "templates"
THEMES_DIR = PROJECT_DIR / "themes"

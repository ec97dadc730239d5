"""The application form's fixed texts as data: catalogues/ansoegningsskema.yaml in the project's
own wording, which a bundle may replace text by text with its own ansoegningsskema.yaml (the
year's official form). The templates print the questions; they hold none of them."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from taskforce_report.catalogues import HERE
from taskforce_report.core.errors import input_error
from taskforce_report.core.safeio import present
from taskforce_report.load.yamlfile import read_yaml

FORM_FILE = "ansoegningsskema.yaml"


@cache
def packaged() -> dict[str, dict[str, Any]]:
    return yaml.safe_load((HERE / FORM_FILE).read_text(encoding="utf-8"))


def form(bundle_path: Path | None) -> dict[str, dict[str, Any]]:
    """The form's texts: the packaged wording with the bundle's own texts laid over it."""
    texts = {section: dict(items) for section, items in packaged().items()}
    file = bundle_path / FORM_FILE if bundle_path is not None else None
    if file is None or not present(file):
        return texts
    doc = read_yaml(file, FORM_FILE)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise input_error(FORM_FILE, "", "skal være sektioner med tekster, fx 'minimum:' med "
                          "'underskrift: …' under", line=doc.locate(()))
    for section, items in data.items():
        if section not in texts:
            raise input_error(FORM_FILE, str(section), f"ukendt sektion; kendte: "
                              f"{', '.join(texts)}", line=doc.locate((section,)))
        if not isinstance(items, dict):
            raise input_error(FORM_FILE, str(section), "skal være tekster under sektionen, "
                              f"fandt {type(items).__name__}", line=doc.locate((section,)))
        for key, value in items.items():
            where = f"{section}.{key}"
            if key not in texts[section]:
                raise input_error(FORM_FILE, where, f"ukendt tekst; kendte i {section}: "
                                  f"{', '.join(texts[section])}", line=doc.locate((section, key)))
            expected = type(texts[section][key])
            if expected is list:
                ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            else:
                ok = isinstance(value, str) and value.strip() != ""
            if not ok:
                wanted = "en liste af tekster" if expected is list else "en tekst"
                raise input_error(FORM_FILE, where, f"skal være {wanted}",
                                  line=doc.locate((section, key)))
            texts[section][key] = value
    return texts

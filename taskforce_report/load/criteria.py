"""The case review's criteria as data: the catalogue shipped with the package
(`catalogues/kriterier.yaml`), read once, plus the criteria a bundle's kriterier.yaml adds.
The loader checks a bundle's additions against it (checks.py); the analysis counts by it
(analyse/casereview.py, analyse/counting.py)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from taskforce_report import catalogues
from taskforce_report.load.yamlfile import read_yaml
from taskforce_report.models import CriteriaFile, CriterionEntry

CATALOGUE = Path(catalogues.__file__).parent / "kriterier.yaml"
RESERVED = ("sager", "kritik", "tema")  # names citations use beside the criterion ids


@cache
def catalogue() -> dict[str, CriterionEntry]:
    """The criteria shipped with the package, in catalogue order."""
    doc = read_yaml(CATALOGUE, "kriterier.yaml")
    entries = CriteriaFile.model_validate(doc.data).kriterier
    return {c.id: c for c in entries}


def criteria(extra: Iterable[CriterionEntry] = ()) -> dict[str, CriterionEntry]:
    """The catalogue plus the criteria a bundle adds (after the catalogue's, in file order)."""
    found = dict(catalogue())
    for entry in extra:
        found[entry.id] = entry
    return found


def with_national_results(file: CriteriaFile) -> tuple[CriterionEntry, ...]:
    """The bundle's criteria, and the catalogue's it gives a national result, with their
    `landsresultater` in place: `criteria()` lets them take the catalogue's place."""
    own = {e.id: e for e in file.kriterier}
    for criterion_id, result in file.landsresultater.items():
        entry = own.get(criterion_id) or catalogue()[criterion_id]
        own[criterion_id] = entry.model_copy(update={"landsresultat": result})
    return tuple(own.values())

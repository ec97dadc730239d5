"""The self-evaluation's questions as data: the catalogue shipped with the package
(`catalogues/spoergsmaal.yaml`), read once, each with its sentence form ("kommunen {grad}
håndterer underretninger hensigtsmæssigt"), plus the questions a bundle's spoergsmaal.yaml adds.
The loader checks a bundle's additions against it (checks.py); the analysis rates by it
(analyse/selfevaluation.py)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from taskforce_report import catalogues
from taskforce_report.load.yamlfile import read_yaml
from taskforce_report.models import QuestionEntry, QuestionsFile

CATALOGUE = Path(catalogues.__file__).parent / "spoergsmaal.yaml"


@cache
def catalogue() -> dict[str, QuestionEntry]:
    doc = read_yaml(CATALOGUE, "spoergsmaal.yaml")
    return {q.id: q for q in QuestionsFile.model_validate(doc.data).spoergsmaal}


def questions(extra: Iterable[QuestionEntry] = ()) -> dict[str, QuestionEntry]:
    found = dict(catalogue())
    for entry in extra:
        found[entry.id] = entry
    return found

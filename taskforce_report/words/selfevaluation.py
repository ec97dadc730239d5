"""The self-evaluation's words: each question's ratings as the report's sentence, fed the
question's sentence form from the catalogue (`catalogues/spoergsmaal.yaml`) and the ratings
that analyse/selfevaluation.py has checked. ANALYSE imports nothing from here: `sentence` is
handed to `selfevaluation.evaluate` by documents/analyserapport.py."""

from __future__ import annotations

import re
from collections import Counter

from taskforce_report.analyse.selfevaluation import GRADER, VED_IKKE
from taskforce_report.core import language
from taskforce_report.models import QuestionEntry


def _without_grade(saetning: str) -> str:
    return re.sub(r"\s+", " ", saetning.replace("{grad}", "")).strip()


def sentence(question: QuestionEntry, grades: list[str], kommune: str) -> str:
    """The finding as the reports write it: "Randers Kommune vurderer i selvevalueringen, at
    kommunen i nogen grad håndterer underretninger hensigtsmæssigt." Where the answers differ,
    each rating with how many gave it, under ten in words ("to svarer i nogen grad")."""
    distinct = [g for g in GRADER if g in grades]
    if len(distinct) == 1 and distinct[0] != VED_IKKE:
        clause = question.saetning.replace("{grad}", distinct[0])
        return f"{kommune} vurderer i selvevalueringen, at {clause}."
    clause = _without_grade(question.saetning)
    if distinct == [VED_IKKE]:
        return f"{kommune} har i selvevalueringen ikke vurderet, om {clause}."
    counts = Counter(grades)
    parts = [f"{language.count_phrase(counts[g])} svarer {g}" for g in distinct]
    return (f"Besvarelserne af {language.genitive(kommune)} selvevaluering er delte i "
            f"spørgsmålet om, hvorvidt {clause}: {language.join(parts)}.")

"""The self-evaluation (selvevaluering): the municipality's own rating of its practice, per
question, turned into the report's sentences.

load/questions.py holds the questions (`catalogues/spoergsmaal.yaml`), each with a sentence form
("kommunen {grad} håndterer underretninger hensigtsmæssigt"); `normalise()` checks the rows of
selvevaluering.csv; `evaluate()` gives each theme its questions, ratings and sentences, the
sentences worded by words/selfevaluation.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from taskforce_report import catalogues
from taskforce_report.core.errors import MAX_ROW_PROBLEMS, Problem, raise_row_problems
from taskforce_report.load import vocabulary
from taskforce_report.load.tables import Table
from taskforce_report.load.vocabulary import Vocabulary
from taskforce_report.models import QuestionEntry

GRADER = ("i høj grad", "i nogen grad", "i mindre grad", "slet ikke", "ved ikke")
VED_IKKE = "ved ikke"


# the ratings are also written without their "i" ("høj grad")
VURDERING = Vocabulary(GRADER, "en gyldig vurdering", listed=True, aliases={
    "høj grad": "i høj grad", "nogen grad": "i nogen grad", "mindre grad": "i mindre grad"})


def normalise(table: Table, known: Mapping[str, QuestionEntry]) -> pd.DataFrame:
    """The rows of selvevaluering.csv checked: columns tema, spoergsmaal, vurdering (one of
    GRADER), respondent, kommentar; index = row number in the file."""
    themes = list(catalogues.themes())
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[tuple[str, str], int] = {}
    question = {
        "tema": Vocabulary(themes, "et kendt tema", empty="intet tema",
                           note=f"; kendte temaer: {', '.join(themes)}"),
        "spoergsmaal": Vocabulary(known, "et kendt spørgsmål", empty="intet spørgsmål",
                                  note="; spørgsmålene står i docs/bundle-format.md"),
    }
    for number, record in table.records():
        values, wrong = vocabulary.read(table, number, record, question)
        tema, qid = values["tema"], values["spoergsmaal"]
        if not wrong and known[qid].tema != tema:
            wrong.append(table.problem(number, "tema", f"spørgsmålet '{qid}' hører til "
                                       f"temaet '{known[qid].tema}', ikke '{tema}'"))
        # read after the question, so a row's problems are told in the order of its columns
        rating, wrong_rating = vocabulary.read(table, number, record, {"vurdering": VURDERING})
        wrong += wrong_rating
        respondent = record.get("respondent", "").strip()
        key = (qid, respondent)
        if wrong:
            problems += wrong
        elif key in first_seen:
            who = f" fra {respondent}" if respondent else ""
            problems.append(table.problem(number, None, f"spørgsmålet '{qid}' er allerede "
                                          f"besvaret{who} i række {first_seen[key]}"))
        else:
            first_seen[key] = number
            rows.append({"række": number, "tema": tema, "spoergsmaal": qid,
                         "vurdering": rating["vurdering"], "respondent": respondent,
                         "kommentar": record.get("kommentar", "").strip()})
        if len(problems) > MAX_ROW_PROBLEMS:
            break
    raise_row_problems(table.source, problems)
    columns = ["række", "tema", "spoergsmaal", "vurdering", "respondent", "kommentar"]
    return pd.DataFrame(rows, columns=columns).set_index("række")


@dataclass(frozen=True)
class Answer:
    vurdering: str
    respondent: str = ""
    kommentar: str = ""


@dataclass(frozen=True)
class QuestionResult:
    id: str
    tema: str
    spoergsmaal: str
    svar: tuple[Answer, ...]
    vurdering: str  # the rating when all answers agree, else "forskellig"
    tekst: str  # the sentence


@dataclass(frozen=True)
class ThemeEvaluation:
    id: str
    overskrift: str
    spoergsmaal: tuple[QuestionResult, ...]

    def is_empty(self) -> bool:
        return not self.spoergsmaal


@dataclass(frozen=True)
class SelfEvaluation:
    temaer: dict[str, ThemeEvaluation] = field(default_factory=dict)
    respondenter: tuple[str, ...] = ()  # named respondents, in file order

    def is_empty(self) -> bool:
        return not self.temaer


# (question, its ratings in file order, the municipality) → the report's sentence
Sentence = Callable[[QuestionEntry, list[str], str], str]


def evaluate(frame: pd.DataFrame, known: Mapping[str, QuestionEntry],
             kommune: str, sentence: Sentence) -> SelfEvaluation:
    """Per theme (catalogue order) the answered questions (catalogue order, then the
    bundle's), each with its answers in file order and its sentence, worded by `sentence`
    (words/selfevaluation.py, handed in by documents/)."""
    by_theme: dict[str, list[QuestionResult]] = {}
    for qid, question in known.items():
        rows = frame[frame["spoergsmaal"] == qid]
        if rows.empty:
            continue
        answers = tuple(Answer(r.vurdering, r.respondent, r.kommentar)
                        for r in rows.itertuples())
        grades = [a.vurdering for a in answers]
        agreed = grades[0] if len(set(grades)) == 1 else "forskellig"
        by_theme.setdefault(question.tema, []).append(QuestionResult(
            id=qid, tema=question.tema, spoergsmaal=question.spoergsmaal, svar=answers,
            vurdering=agreed, tekst=sentence(question, grades, kommune)))
    themes = catalogues.themes()
    temaer = {t: ThemeEvaluation(t, themes[t].overskrift, tuple(by_theme[t]))
              for t in themes if t in by_theme}
    respondents = tuple(dict.fromkeys(r for r in frame["respondent"] if r))
    return SelfEvaluation(temaer=temaer, respondenter=respondents)


def citation_values(result: SelfEvaluation) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for theme in result.temaer.values():
        for q in theme.spoergsmaal:
            values[f"selvevaluering.{q.id}"] = q.vurdering
            values[f"selvevaluering.{q.id}.tekst"] = q.tekst
    return values

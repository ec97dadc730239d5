"""The management audit's words: the status reports' sentences, fed the counted results of
analyse/audit.py.

- `WORDING` and `status_text`: a measurement in the status reports' idiom ("54 % af sagerne,
  hvor det vurderes relevant (målt på 39 sager)"), or in a goal's own wording around the same
  computed figures;
- `finding_forms`, `pick_form` and `finding_text`: the finding that opens a goal's paragraph;
- `rule_note`: how a counting rule counts, for the method section;
- `STATUS_WORDS`: the word printed beside each mark's colour;
- `chart_text`: a goal's chart title and alt text.

ANALYSE imports nothing from here: `WORDS` is handed to `audit.analyse` by the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from taskforce_report.analyse.audit import RULES
from taskforce_report.analyse.auditgoals import (
    CriterionStatus,
    GoalStatus,
    Measurement,
    MilestoneView,
    Wording,
    Yardstick,
    whole_percent,
)
from taskforce_report.core import language

# The status sentence per rule: {andel} is "54 %", {grundlag} is "målt på 39 sager".
WORDING: dict[str, str] = {
    "alle_sager": "{andel} af sagerne ({grundlag})",
    "hvor_relevant": "{andel} af sagerne, hvor det vurderes relevant ({grundlag})",
    "helt_eller_delvist": "{andel} af sagerne er helt eller delvist overholdt ({grundlag})",
    "helt_eller_delvist_hvor_relevant": "{andel} af sagerne, hvor det vurderes relevant, er "
                                        "helt eller delvist overholdt ({grundlag})",
    "opfyldt_eller_lovligt_undladt": "{andel} af sagerne er opfyldt eller lovligt undladt "
                                     "({grundlag})",
}

# Status against the milestone in force: a key (also the theme's colour name) and its word.
# The word is always printed beside the colour, never the colour alone.
STATUS_WORDS: dict[str, str] = {
    "opfyldt": "Opfyldt",
    "naesten": "Tæt på",
    "ikke_opfyldt": "Ikke opfyldt",
    "ikke_maalt": "Ikke målt",
}


def _cases(n: int) -> str:
    return f"{language.number(n)} {language.plural(n, 'sag', 'sager')}"


def status_text(regel: str, measurement: Measurement, wording: str | None = None) -> str:
    """The status as the reports write it: "75 % af sagerne er helt eller delvist overholdt
    (målt på 36 sager)", or in the goal's own `wording` around the same computed figures; a
    round without a measurement says so, never 0 %."""
    if measurement.sager == 0:
        return (f"Ikke målt: kriteriet indgik ikke i ledelsestilsynet i {measurement.maaned}")
    if measurement.andel is None:
        return (f"Ikke målt: kravet blev ikke vurderet relevant i nogen af de "
                f"{_cases(measurement.sager)} i ledelsestilsynet i {measurement.maaned}")
    return (wording or WORDING[regel]).format(
        andel=language.percent(measurement.andel),
        grundlag=f"målt på {_cases(measurement.grundlag)}",
        sager=language.number(measurement.grundlag))


# ---- the finding first --------------------------------------------------------------------
# A goal's paragraph opens with what the reader wants to know (met or not, and by how many
# procentpoint against the milestone in force), then gives the measurement in the status
# reports' idiom. Several forms of each finding take turns down the report (`pick_form`), so
# twenty goals do not read as one template repeated.


def _points_text(difference: Decimal) -> str:
    """A distance in procentpoint: under ten in words (`syv procentpoint`, `et procentpoint`),
    larger as a number (`24 procentpoint`)."""
    whole = difference == difference.to_integral_value()
    if whole and abs(difference) < 10:
        return f"{language.count_phrase(int(abs(difference)), neuter=True)} procentpoint"
    return language.points(float(difference), 0 if whole else 1)


def finding_forms(status: str | None, share: float, yardstick: Yardstick | None) -> list[str]:
    """The ways of stating the finding that opens a goal's paragraph, without the measurement;
    the distance is between the printed whole percent and the yardstick, so it agrees with the
    figures the reader sees (67 % against 60 % is seven procentpoint)."""
    if yardstick is None:
        return ["Målt", "Seneste måling"]
    distance = whole_percent(share) - Decimal(str(yardstick.procent))
    by = _points_text(distance)
    # the table beside names the milestone in force (in bold) or the target, so the finding
    # says only which of the two it is measured against and how far
    name = "milepælen" if yardstick.maaned else "målet"
    Name = language.capitalize_first(name)
    if yardstick.kommende or status is None:
        side = "over" if distance > 0 else "under"
        where = "på niveau med den" if distance == 0 else f"{by} {side} den"
        return [f"Endnu uden vurdering, fordi den første milepæl først gælder fra "
                f"{yardstick.maaned}; målingen ligger {where}",
                f"Vurderes først ved milepælen i {yardstick.maaned}; målingen ligger nu {where}"]
    if status == "opfyldt":
        if distance == 0:
            return [f"{Name} er nået præcis", f"Opfyldt, præcis på {name}", f"Præcis på {name}"]
        return [f"{Name} er nået med {by} til overs",
                f"Opfyldt med {by} over {name}",
                f"Over {name} med {by}",
                f"Mere end nået, {by} over {name}"]
    if status == "naesten":
        return [f"{Name} er ikke helt nået; der mangler {by}",
                f"Tæt på, {by} under {name}",
                f"Kun {by} fra {name}",
                f"Næsten nået, {by} under {name}"]
    return [f"{Name} er ikke nået; der mangler {by}",
            f"Ikke opfyldt, {by} under {name}",
            f"Under {name} med {by}"]


def opening(text: str, words: int = 5) -> tuple[str, ...]:
    """The first words as a reader compares them: case, spaces and punctuation aside."""
    tokens = (w.strip(",;:.") for w in text.replace(language.NBSP, " ").lower().split())
    return tuple(w for w in tokens if w)[:words]


def pick_form(forms: list[str], turn: int, used: set[tuple[str, ...]]) -> str:
    """The form whose turn it is, or the next one whose first five words no paragraph before
    has opened with; the form in turn when every one has been used."""
    order = [forms[(turn + i) % len(forms)] for i in range(len(forms))]
    return next((f for f in order if opening(f) not in used), order[0])


def finding_text(status: str | None, measurement: Measurement, phrase: str,
                 yardstick: Yardstick | None, turn: int,
                 used: set[tuple[str, ...]], navn: str = "") -> str:
    """The sentence for one measurement of a goal: the finding first, then the measurement
    ("Opfyldt med syv procentpoint over milepælen: 67 % af sagerne (målt på 45 sager).").
    `navn` names the criterion when a goal has several. A round without
    a measurement keeps its "Ikke målt: …", which already opens with the finding; `used`
    gathers the openings said so far."""
    if measurement.andel is None:
        text = phrase
    else:
        forms = finding_forms(status, measurement.andel, yardstick)
        if yardstick is None:
            forms = [f"{f} i {measurement.maaned}" for f in forms]
        lead = pick_form([f + (f" ({navn})" if navn else "") for f in forms], turn, used)
        text = f"{lead}: {phrase}"
    text = text if text.endswith(".") else text + "."
    used.add(opening(text))
    return text


def rule_note(regel: str) -> str:
    """How a rule counts, in one sentence, for the method section."""
    rule = RULES[regel]
    met = ("helt eller delvist overholdt krav tæller som overholdt" if rule.delvist_opfyldt
           else "kun helt overholdte krav tæller som overholdt")
    if rule.lovligt_undladt:
        base = ("sager, hvor kravet ikke er relevant, tælles som lovligt undladt og indgår i "
                "grundlaget")
    elif rule.ikke_relevant_i_grundlag:
        base = ("sager, hvor kravet ikke er relevant, indgår i grundlaget, men tæller aldrig "
                "som overholdt")
    else:
        base = "sager, hvor kravet ikke er relevant, indgår ikke i grundlaget"
    return f"{met}; {base}"


def chart_text(goal: GoalStatus, series: CriterionStatus,
               shown: Sequence[MilestoneView]) -> tuple[str, str]:
    """A goal's chart: its title, and its alt text, which says every round's figure, the
    milestones drawn and the target."""
    said = [f"{m.maaned}: {language.percent(m.andel)}" if m.maalt else
            f"{m.maaned}: ikke målt" for m in series.maalinger]
    marks = [f"{m.tekst}" for m in shown]
    several = len(goal.maalte) > 1
    what = f"{goal.kort.lower()}" + (f" ({series.kriterium_navn.lower()})" if several else "")
    alt = (f"Linjediagram over mål {goal.nr}, {what}: andelen af sagerne i "
           f"ledelsestilsynet, der opfylder kravet, pr. runde. {'; '.join(said)}. "
           + (f"Milepæle: {language.join(marks)}. " if marks else "")
           + (f"Målet er {goal.maal_tekst}." if goal.maal_tekst else
              "Målet har ingen procentsats."))
    title = f"Mål {goal.nr}: {goal.kort}" + (f" ({series.kriterium_navn})" if several else "")
    return title, alt


# what analyse/auditgoals.py is given to word the goals
WORDS = Wording(status=status_text, finding=finding_text, rule=rule_note,
                status_words=STATUS_WORDS, chart=chart_text)

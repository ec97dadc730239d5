"""The case review's words in the reports' idiom, fed its typed counts: the finding per
criterion ("I 5 ud af de 12 sager … er firemånedersfristen overskredet."), the criticism, a
theme's criticism in all, the development between two rounds, what the counting rules count
(for the method text and the notes under the tables), the national results' column and note,
and the rounds' titles ("Baselinemåling", "Statusmåling").

ANALYSE imports nothing from here: `WORDING` (with the charts' words, words/casereview_charts.py)
is handed to the review, the round comparison and the social-work review by documents/
(analyse/casereview_wording.py says what each word is fed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from taskforce_report.analyse.casereview import CriterionResult
from taskforce_report.analyse.casereview_wording import Wording
from taskforce_report.analyse.counting import ANALYSIS_RULE, BASELINE, STATUS, RoundCount, Rule
from taskforce_report.core import language
from taskforce_report.models import CriterionEntry, NationalResult
from taskforce_report.words import casereview_charts


def _count(n: int, words: bool) -> str:
    return language.number_word(n) if words else language.number(n)


def _singular(sager: str) -> str:
    """The base for one case: "sager med handleplan" → "sag med handleplan",
    "anbringelsessager" → "anbringelsessag"."""
    return re.sub(r"\b(\w*sag)er\b", r"\1", sager, count=1)


def phrase(criterion: CriterionEntry, failed: int, base: int, words: bool = False) -> str:
    """The finding as the reports write it, failures counted against the relevant cases:
    "I 5 ud af de 12 sager med en børnefaglig undersøgelse er firemånedersfristen
    overskredet." """
    if base == 0:
        return "Kravet har ikke været relevant i nogen af de gennemgåede sager."
    sager = criterion.sager
    if base == 1:
        head, sager = "I den ene", _singular(sager)
    else:
        head = f"I alle {_count(base, words)}"
    if failed and failed < base:
        head = f"I {_count(failed, words)} ud af de {_count(base, words)}"
    comma = "," if "," in sager else ""
    predicate = criterion.mangel if failed else (criterion.opfyldt or "er kravet opfyldt")
    return f"{head} {sager}{comma} {predicate}."


def criticism_phrase(criticised: int, failed: int, words: bool = False) -> str:
    """ "Ankestyrelsen udtaler kritik i alle 3 sager." """
    if criticised == 0:
        return ""
    if criticised == failed:
        if failed == 1:
            return "Ankestyrelsen udtaler kritik i sagen."
        return f"Ankestyrelsen udtaler kritik i alle {_count(criticised, words)} sager."
    if criticised < failed:
        return f"Ankestyrelsen udtaler kritik i {_count(criticised, words)} af disse sager."
    noun = "sag" if criticised == 1 else "sager"
    return f"Ankestyrelsen udtaler kritik i {_count(criticised, words)} {noun}."


def theme_criticism(criticised_criteria: int, criticised: int, relevant: int,
                    words: bool) -> str:
    """A theme's criticism in all: `criticised_criteria` of its criteria drew criticism, in
    `criticised` of its `relevant` cases."""
    if criticised_criteria < 2:
        return ""  # the criterion's own sentence has said it
    if criticised == relevant:
        return (f"Samlet udtaler Ankestyrelsen kritik i alle {_count(relevant, words)} sager "
                "under temaet.")
    return (f"Samlet udtaler Ankestyrelsen kritik i {_count(criticised, words)} af de "
            f"{_count(relevant, words)} sager under temaet.")


_ROUND_NAMES = {BASELINE: "baselinemålingen", STATUS: "statusmålingen"}
# the rounds as the status measurement's column heads and chart legend name them
ROUND_TITLES = {BASELINE: "Baselinemåling", STATUS: "Statusmåling"}


def _measured_in(count: RoundCount, runde: str, words: bool) -> str:
    """ "i statusmålingen er kravet opfyldt i 3 ud af 4 sager (75 %)" """
    share = "" if language.is_small_base(count.relevante) else \
        f" ({language.percent(count.andel)})"  # on a small base the count says it
    return (f"i {_ROUND_NAMES[runde]} er kravet opfyldt i {_count(count.opfyldt, words)} ud af "
            f"{_count(count.relevante, words)} {'sag' if count.relevante == 1 else 'sager'}"
            f"{share}")


def change_phrase(criterion: CriterionEntry, before: RoundCount, after: RoundCount,
                  words: bool = False) -> str:
    """The development as the status reports write it: "Andelen af sager, hvor underretningen
    er vurderet inden for 24 timer, er steget fra 40 % til 75 %.", "I begge målinger …"."""
    clause = criterion.hvor or f"kravet »{criterion.kort}« er opfyldt"
    for count, runde, other, other_runde in ((before, BASELINE, after, STATUS),
                                             (after, STATUS, before, BASELINE)):
        if count.sager == 0:
            tail = (f", og {_measured_in(other, other_runde, words)}"
                    if other.andel is not None else "")
            return f"Kravet indgik ikke i {_ROUND_NAMES[runde]}{tail}."
    for count, runde, other, other_runde in ((before, BASELINE, after, STATUS),
                                             (after, STATUS, before, BASELINE)):
        if count.andel is None:
            tail = (f"; {_measured_in(other, other_runde, words)}"
                    if other.andel is not None else "")
            return (f"Kravet var ikke relevant i nogen af sagerne i {_ROUND_NAMES[runde]}, så "
                    f"udviklingen kan ikke opgøres{tail}.")
    first, last = before.procent, after.procent
    small = language.is_small_base(before.relevante) or language.is_small_base(after.relevante)
    if small and not (first == last and first in (0, 100)):
        # fewer than SMALL_BASE cases: counts, not shares that one case moves ten points
        return (f"Kravet er opfyldt i {_count(before.opfyldt, words)} ud af "
                f"{_count(before.relevante, words)} "
                f"{'sag' if before.relevante == 1 else 'sager'} i baselinemålingen og i "
                f"{_count(after.opfyldt, words)} ud af {_count(after.relevante, words)} i "
                "statusmålingen.")
    if first == last == 100:
        if criterion.opfyldt:
            return f"I begge målinger {criterion.opfyldt} i alle sager."
        return "I begge målinger er kravet opfyldt i alle sager, hvor det er relevant."
    if first == last == 0:
        return f"I ingen af de to målinger er der sager, hvor {clause}."
    if first == last:
        return (f"Andelen af sager, hvor {clause}, er uændret "
                f"{language.percent(after.andel)} i begge målinger.")
    verb = "steget" if last > first else "faldet"
    return (f"Andelen af sager, hvor {clause}, er {verb} fra {language.percent(before.andel)} "
            f"til {language.percent(after.andel)}.")


# ---- the counting rules ------------------------------------------------------------------

def counted(rule: Rule) -> str:
    """What the share counts, for a label: "opfyldt", "helt eller delvist opfyldt"."""
    met = "helt eller delvist opfyldt" if rule.delvist_opfyldt else "opfyldt"
    return f"{met} eller lovligt undladt" if rule.lovligt_undladt else met


def describe(rule: Rule) -> str:
    """The rule in one Danish sentence pair, for the note under a table."""
    met = ("Et krav regnes som opfyldt, når det er vurderet helt eller delvist opfyldt."
           if rule.delvist_opfyldt else
           "Et krav regnes kun som opfyldt, når det er vurderet helt opfyldt; delvist "
           "opfyldte krav tælles med blandt de sager, hvor kravet ikke er opfyldt.")
    if rule.lovligt_undladt:
        base = ("Sager, hvor kravet ikke er relevant, tælles som lovligt undladt og indgår "
                "i grundlaget sammen med de opfyldte.")
    elif rule.ikke_relevant_i_grundlag:
        base = ("Sager, hvor kravet ikke er relevant, indgår i grundlaget, men tælles aldrig "
                "som opfyldt.")
    else:
        base = "Sager, hvor kravet ikke er relevant, indgår ikke i opgørelsen."
    return f"{met} {base}"


def share_note(rule: Rule) -> str:
    """What "Andel opfyldt" in a table means under this rule."""
    counts = "ja og delvist" if rule.delvist_opfyldt else "ja"
    if rule.lovligt_undladt:
        counts += " og ikke relevant (lovligt undladt)"
    base = ("alle vurderede sager, også dem, hvor kravet ikke er relevant"
            if rule.ikke_relevant_i_grundlag else "de sager, hvor kravet er relevant")
    return f"Andel opfyldt er {counts} i procent af {base}."


def describe_rules(rules: Iterable[Rule]) -> str:
    """The method text for the rules a table used: one rule's sentences, or each rule's with
    what it counts."""
    used = list(dict.fromkeys(rules))
    if len(used) <= 1:
        return describe(used[0] if used else ANALYSIS_RULE)
    return " ".join(f"For krav, der tælles som »{counted(r)}«: {describe(r)}" for r in used)


def share_notes(rules: Iterable[Rule]) -> str:
    """What "Andel opfyldt" means under each rule a table used."""
    return " ".join(share_note(r) for r in dict.fromkeys(rules))


# ---- the national results ----------------------------------------------------------------

def national(land: NationalResult | None) -> str:
    """ "2020: 55 %" for the table's column; "" without a national result."""
    return f"{land.aar}: {language.percent(land.andel / 100)}" if land else ""


def national_note(found: Sequence[CriterionResult]) -> str:
    """The note on a theme's national results: their source, how they count, and the
    municipality's shares counted the same way."""
    if not found:
        return ""
    sources = list(dict.fromkeys(f"{r.landsresultat.kilde}" for r in found))
    shares = [f"{r.kort.lower()} {language.percent(r.andel_som_landet, missing='ikke målt')}"
              for r in found]
    return (f"Landsresultat: {'; '.join(sources)}. Landsresultatet tæller sager, hvor kravet "
            "er opfyldt eller lovligt undladt; talt på samme måde er andelen i kommunen: "
            f"{', '.join(shares)}.")


# what the case review, the round comparison and the social-work review are worded by
WORDING = Wording(finding=phrase, criticism=criticism_phrase, theme_criticism=theme_criticism,
                  change=change_phrase, rules=describe_rules, shares=share_notes,
                  counted=counted, describe=describe, national=national,
                  national_note=national_note, round_titles=ROUND_TITLES,
                  charts=casereview_charts.WORDING)

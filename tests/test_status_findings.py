"""Issue 21: a goal's status in the status report leads with the finding (met, close, not met,
or not yet judged, and by how many procentpoint against the milestone), varies its form from
goal to goal, and writes small numbers as words; read from the built PDF."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import ROOT, pdf_pages

from taskforce_report.analyse import auditgoals
from taskforce_report.words import audit as audit_words

EXAMPLE_STATUS = ROOT / "input" / "eksempel-status"

# the words a goal's status paragraph may open with: each states the finding
OPENINGS = ("Milepælen", "Målet", "Opfyldt", "Over", "Præcis", "Mere end nået", "Tæt på",
            "Kun", "Næsten nået", "Under",
            "Ikke opfyldt", "Endnu uden vurdering", "Vurderes først", "Ikke målt")
# a measured goal's paragraph: the finding, a colon, the share and its base
PARAGRAPH = re.compile(r"((?:" + "|".join(OPENINGS) + r")[^:.]*): (\d+ %[^()]*\(målt på "
                       r"[\d.]+ sag(?:er)?\))\.")
# the words that tell each mark, so the opening agrees with the computed status
SAYS = {"opfyldt": ("er nået", "Opfyldt", "Over", "Præcis", "Mere end nået"),
        "naesten": ("ikke helt nået", "Tæt på", "Kun", "Næsten nået"),
        "ikke_opfyldt": ("er ikke nået", "Ikke opfyldt", "Under"),
        None: ("uden vurdering", "Vurderes først")}
WORDS = {w: n for n, w in enumerate(["nul", "et", "to", "tre", "fire", "fem", "seks", "syv",
                                     "otte", "ni"])}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from taskforce_report.build import build, prepare

    out = tmp_path_factory.mktemp("findings")
    text = " ".join(pdf_pages(build(EXAMPLE_STATUS, out)))
    return text, prepare(EXAMPLE_STATUS).results.facts


def _points(lead: str) -> int:
    """The distance the lead states: `syv procentpoint` → 7, `14 procentpoint` → 14."""
    said = re.search(r"(\S+) procentpoint", lead)
    assert said, lead
    word = said.group(1)
    return int(word) if word.isdigit() else WORDS[word]


def test_each_measured_goal_opens_with_its_finding_in_the_pdf(built):
    text, facts = built
    measured = [g for g in facts["maal"] if g.seneste and g.seneste.maalt]
    found = PARAGRAPH.findall(text)
    assert len(found) == len(measured) == 20
    for goal, (lead, figure) in zip(measured, found, strict=True):
        assert any(word in lead for word in SAYS[goal.status]), (goal.nr, lead)
        # the share and its base are still printed as the status reports print them
        assert figure.startswith(f"{round(goal.seneste.andel * 100)} %"), (goal.nr, figure)
        assert f"(målt på {goal.seneste.grundlag} sager)" in figure
        # the distance is the printed share against the milestone, in procentpoint
        printed = auditgoals.whole_percent(goal.seneste.andel)
        assert _points(lead) == abs(printed - Decimal(str(goal.gaeldende.procent))), goal.nr
    assert "Ikke målt: kriteriet indgik ikke i ledelsestilsynet i december 2021." in text


def test_no_two_goal_paragraphs_open_alike_and_the_forms_vary(built):
    text, _ = built
    leads = [lead for lead, _ in PARAGRAPH.findall(text)]
    openings = [tuple(w.strip(",;:.").lower() for w in lead.split()[:5]) for lead in leads]
    assert len(set(openings)) == len(openings), openings
    # the met goals alone take at least three forms, not one template
    met = [lead for lead in leads if any(w in lead for w in SAYS["opfyldt"])
           and "ikke" not in lead]
    assert len({lead.split()[0] for lead in met}) >= 3, met


def test_no_goal_sentence_opens_with_a_digit_and_small_distances_are_words(built):
    text, _ = built
    for lead, figure in PARAGRAPH.findall(text):
        assert not lead[0].isdigit()
        for sentence in re.split(r"(?<=[.;]) ", f"{lead}: {figure}."):
            assert not re.match(r"[1-9]\b", sentence), sentence
        assert not re.search(r"\b[1-9] procentpoint", lead), lead


# ---- the forms, one by one ----------------------------------------------------------------

def test_finding_forms_per_status():
    milestone = auditgoals.Yardstick(60, "september 2021")
    met = audit_words.finding_forms("opfyldt", 0.67, milestone)
    assert met[0] == "Milepælen er nået med syv procentpoint til overs"
    assert all("syv procentpoint" in f and "milepælen" in f.lower() for f in met)
    close = audit_words.finding_forms("naesten", 0.57, milestone)
    assert all("tre procentpoint" in f for f in close) and close[1].startswith("Tæt på")
    far = audit_words.finding_forms("ikke_opfyldt", 0.36, milestone)
    assert all("24\u00a0procentpoint" in f for f in far)
    assert far[0] == "Milepælen er ikke nået; der mangler 24\u00a0procentpoint"
    # the printed whole percent counts: 74,5 % is printed 75 % and meets 75 % exactly
    exact = audit_words.finding_forms("opfyldt", 0.745, auditgoals.Yardstick(75, "august 2021"))
    assert exact[0] == "Milepælen er nået præcis"
    # one procentpoint takes et; a goal without milestones is held against its target
    target = audit_words.finding_forms("opfyldt", 0.91, auditgoals.Yardstick(90, ""))
    assert target[1] == "Opfyldt med et procentpoint over målet"
    coming = audit_words.finding_forms(None, 0.45, auditgoals.Yardstick(50, "marts 2022", True))
    assert coming[0] == ("Endnu uden vurdering, fordi den første milepæl først gælder fra marts "
                         "2022; målingen ligger fem procentpoint under den")
    assert audit_words.finding_forms(None, 0.45, None) == ["Målt", "Seneste måling"]


def test_pick_form_takes_turns_and_avoids_an_opening_already_used():
    forms = ["Milepælen er nået a b c", "Opfyldt med syv procentpoint over", "Over milepælen x y"]
    used: set = set()
    assert audit_words.pick_form(forms, 1, used) == forms[1]
    used.add(audit_words.opening(forms[1]))
    assert audit_words.pick_form(forms, 1, used) == forms[2]
    used |= {audit_words.opening(f) for f in forms}
    assert audit_words.pick_form(forms, 4, used) == forms[1]  # all used: the one in turn


def test_finding_text_keeps_the_measurement_and_records_its_opening():
    measured = auditgoals.Measurement("2021-12", "december 2021", 45, 45, 30, 30 / 45)
    used: set = set()
    text = audit_words.finding_text("opfyldt", measured, "67\u00a0% af sagerne (målt på 45 sager)",
                              auditgoals.Yardstick(60, "september 2021"), 0, used)
    assert text == ("Milepælen er nået med syv procentpoint til overs: 67\u00a0% af sagerne "
                    "(målt på 45 sager).")
    assert used == {audit_words.opening(text)}
    unmeasured = auditgoals.Measurement("2021-12", "december 2021", 0, 0, 0, None)
    said = "Ikke målt: kriteriet indgik ikke i ledelsestilsynet i december 2021"
    assert audit_words.finding_text("ikke_maalt", unmeasured, said, None, 0, used) == said + "."

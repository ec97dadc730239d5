import datetime as dt

from taskforce_report import language


def test_numbers_and_percent_in_danish():
    assert language.number(1500) == "1.500"
    assert language.number(0.98, 2) == "0,98"
    assert language.percent(0.54) == "54\u00a0%"
    # half up, as Excel and the reports round, not Babel's half to even
    assert language.percent(0.545) == "55\u00a0%"
    assert language.number(2.5) == "3"
    assert language.number(None) == "–"


def test_dates_and_words():
    assert language.date(dt.date(2015, 11, 12)) == "12. november 2015"
    assert language.month("2021-08") == "august 2021"
    assert language.number_word(6) == "seks"
    assert language.number_word(25) == "25"


def test_genitive():
    assert language.genitive("Randers Kommune") == "Randers Kommunes"
    assert language.genitive("Vejle Kommunes") == "Vejle Kommunes'"

import datetime as dt

from taskforce_report.core import language


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


NB = "\u00a0"


def test_a_difference_of_shares_is_in_procentpoint():
    assert language.points(2.2, 1) == f"2,2{NB}procentpoint"
    assert language.points(-2, 0) == f"2{NB}procentpoint"  # the sentence says which way
    assert language.points(None) == "–"


def test_small_bases_are_told_as_counts():
    # below SMALL_BASE one case moves a share by ten points or more: the count is said
    assert language.SMALL_BASE == 10
    assert language.share_of(1, 3) == "1 af 3"
    assert language.share_of(2, 4) == "2 af 4"
    assert language.share_of(9, 9) == "9 af 9"
    assert language.share_of(27, 50) == f"54{NB}%"
    assert language.share_of(5, 10) == f"50{NB}%"
    assert language.share_of(0, 0) == "0 af 0"
    assert language.is_small_base(4) and not language.is_small_base(10)
    assert not language.is_small_base(0) and not language.is_small_base(None)


def test_counts_in_words_under_ten_and_at_the_start_of_a_sentence():
    assert language.count_phrase(4) == "fire"
    assert language.count_phrase(12) == "12"
    assert language.count_phrase(4, start=True) == "Fire"
    assert language.count_phrase(12, start=True) == "Tolv"
    assert language.count_phrase(138, start=True) == "138"  # the sentence must be turned
    assert language.count_phrase(1, neuter=True) == "et"  # et mål, not en mål
    assert language.count_phrase(1, start=True, neuter=True) == "Et"
    assert language.count_phrase(1) == "en"  # en sag
    assert language.count_phrase(3, neuter=True) == "tre"


def test_number_and_unit_are_bound_by_a_no_break_space():
    assert language.bind_units("i 100 % af sagerne") == f"i 100{NB}% af sagerne"
    assert language.bind_units("312,0 mio. kr. og 18.750 kr.") == (
        f"312,0{NB}mio. kr. og 18.750{NB}kr.")
    assert language.bind_units("2 procentpoint efter § 50") == f"2{NB}procentpoint efter §{NB}50"
    assert language.bind_units("2014 kravene") == "2014 kravene"  # only units
    assert language.bind_units("senest 22. november 2019") == f"senest 22.{NB}november 2019"
    assert language.bind_units("den 8. oktober") == f"den 8.{NB}oktober"


def test_every_printed_value_is_bound_and_markdown_too():
    from taskforce_report.core import text
    from taskforce_report.render.render import _finalize

    assert _finalize("Mål: 100 %") == f"Mål: 100{NB}%"
    assert f"100{NB}%" in text.block("Børnesamtalen afholdes i 100 % af sagerne.")
    assert _finalize(3) == 3


def test_a_months_name_is_shortened_for_a_narrow_axis():
    assert language.abbreviate_month("september\n2021") == "sep.\n2021"
    assert language.abbreviate_month("maj\n2022") == "maj\n2022"  # no point after maj
    assert language.abbreviate_month("Baseline") == "Baseline"  # not a month: left as it is

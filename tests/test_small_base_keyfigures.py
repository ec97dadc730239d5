"""Issue 21: the small-base rule in the key figures. A share whose catalogue entry names its
base (`grundlag`: omgoerelser is a share of klagesager) is told as a count in a year the
municipality has fewer than language.SMALL_BASE cases of that base: "to af fire klagesager" in
the text, "2 af 4" in the chart, no percentage and no procentpoint for it; the count is derived
from the share and must fit a whole number. Built from a copy of the example bundle whose
Fjordlund Kommune had 4 klagesager in 2014, 2 of them omgjort (50 %)."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import EXAMPLE, pdf_pages, squeeze

from taskforce_report.analyse.keyfigures import arithmetic
from taskforce_report.build import build, prepare
from taskforce_report.core import language
from taskforce_report.core.errors import InputError

OWN_2014 = {"klagesager": "26", "omgoerelser": "23"}  # the example's Fjordlund Kommune, 2014


def small_base_bundle(tmp_path: Path, klagesager: str = "4", omgoerelser: str = "50") -> Path:
    """The example bundle with Fjordlund Kommune's 2014 klagesager and omgørelser replaced."""
    bundle = tmp_path / "eksempel"
    shutil.copytree(EXAMPLE, bundle)
    csv = bundle / "noegletal.csv"
    text = csv.read_text(encoding="utf-8-sig")
    for indicator, value in (("klagesager", klagesager), ("omgoerelser", omgoerelser)):
        row = f"\n{indicator};Fjordlund Kommune;2014;"
        assert row + OWN_2014[indicator] + ";" in text  # the example as this test knows it
        text = text.replace(row + OWN_2014[indicator] + ";", row + value + ";")
    csv.write_text(text, encoding="utf-8-sig")
    return bundle


# Fjordlund Kommune's placements in 2014 by place: the example's 169, and seven for a small base
PLACES_2014 = {"plejefamilie": ("86", "4"), "netvaerkspleje": ("12", "0"),
               "opholdssted": ("34", "2"), "doegninstitution": ("27", "1"),
               "eget_vaerelse": ("10", "0")}


def small_distribution(bundle: Path) -> Path:
    """Fjordlund Kommune's 2014 placements cut to seven: 4, 0, 2, 1 and 0."""
    csv = bundle / "noegletal.csv"
    text = csv.read_text(encoding="utf-8-sig")
    for place, (old, new) in PLACES_2014.items():
        row = f"\nanbringelser_{place};Fjordlund Kommune;2014;"
        assert row + old + ";" in text
        text = text.replace(row + old + ";", row + new + ";")
    csv.write_text(text, encoding="utf-8-sig")
    return bundle


def item_html(page: str, item_id: str) -> str:
    start = page.index(f'id="noegletal-{item_id}"')
    end = page.find('<div class="noegletal', start)
    return page[start:end]


def svg_texts(fragment: str) -> list[str]:
    """Every <text> the chart draws (ticks, labels, legend), read from its SVG."""
    svg = re.search(r"<svg\b.*?</svg>", fragment, flags=re.S).group(0)
    root = ET.fromstring(svg)
    return [" ".join("".join(e.itertext()).split()) for e in root.iter()
            if e.tag.rsplit("}", 1)[-1] == "text"]


def words(fragment: str) -> str:
    """The text a reader sees, without the chart."""
    body = re.sub(r"<svg\b.*?</svg>", " ", fragment, flags=re.S)
    return squeeze(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_the_count_behind_a_share_on_a_small_base():
    assert arithmetic.count_behind(50, 4) == 2
    assert arithmetic.count_behind(33, 3) == 1 and arithmetic.count_behind(66.7, 3) == 2
    assert arithmetic.count_behind(14.3, 7) == 1 and arithmetic.count_behind(0, 9) == 0
    assert arithmetic.count_behind(23, 4) is None  # 1 of 4 is 25 %: no whole count
    assert arithmetic.count_behind(50, 4.5) is None  # a base is a whole number of cases
    # below SMALL_BASE a share in whole percent, or to 0,1 %, names its count exactly
    for base in range(1, language.SMALL_BASE):
        for count in range(base + 1):
            for decimals in (0, 1):
                typed = float(language.number(100 * count / base, decimals).replace(",", "."))
                assert arithmetic.count_behind(typed, base) == count, (count, base, typed)


def test_a_share_on_a_small_base_is_told_as_a_count_in_text_and_chart(tmp_path):
    bundle = small_base_bundle(tmp_path)
    page = build(bundle, tmp_path / "html", fmt="html").read_text(encoding="utf-8")
    fragment = item_html(page, "omgoerelser")
    text = words(fragment)
    assert ("Andelen af klagesager, som Ankestyrelsen har omgjort, i Fjordlund Kommune var to af "
            "fire klagesager i 2014.") in text, text
    # no percentage of the four cases and no difference or change in procentpoint against it
    assert "50 %" not in text and "procentpoint" not in text, text
    # the other areas' shares rest on larger bases and are given beside it, the earlier years'
    # figures (bases of 19 and more) as percentages
    assert "Til sammenligning var andelen 25 % på landsplan" in text, text
    assert "Andelen var 27 % i 2010 og 25 % i 2013." in text, text
    assert ("Anm.: Fjordlund Kommune havde færre end 10 klagesager i 2014, så tallet er givet "
            "som antal og ikke som andel.") in text, text
    # the chart: the year is labelled with the count and no point of 50 % is drawn
    labels = [t.replace("\u00a0", " ") for t in svg_texts(fragment)]
    assert "2 af 4" in labels, labels
    assert "50 %" not in labels and "60 %" not in labels, labels  # the axis ends at 30 %
    alt = html.unescape(re.search(r'aria-label="([^"]*)"', fragment).group(1))
    assert "Fjordlund Kommune: fra 27 % i 2010 til 25 % i 2013; 2 af 4 klagesager i 2014." \
        in alt.replace("\u00a0", " "), alt
    assert "50 %" not in alt.replace("\u00a0", " ")
    # the count behind the klagesager rate, under ten, in words
    assert "Det svarer til fire klagesager i Ankestyrelsen." in words(
        item_html(page, "klagesager")), words(item_html(page, "klagesager"))
    # the PDF says the same
    pdf = squeeze(" ".join(pdf_pages(build(bundle, tmp_path / "pdf"))))
    assert "i Fjordlund Kommune var to af fire klagesager i 2014." in pdf
    start = pdf.index("Andelen af klagesager, som Ankestyrelsen har omgjort")
    assert "50 %" not in pdf[start:pdf.index("4.4 Forebyggelse", start)]


def test_one_case_behind_a_rate_is_told_in_the_singular(tmp_path):
    """A count of one reads "en klagesag", not "en klagesager" (the catalogue's ental)."""
    bundle = small_base_bundle(tmp_path, "1", "100")
    page = build(bundle, tmp_path / "html", fmt="html").read_text(encoding="utf-8")
    said = words(item_html(page, "klagesager"))
    assert "Det svarer til en klagesag i Ankestyrelsen." in said, said
    assert "en klagesager" not in said


def test_a_large_base_keeps_its_percentage(tmp_path):
    """The example's own bases (16–26 klagesager) give percentages and procentpoint."""
    result = prepare(small_base_bundle(tmp_path, "26", "23")).results.facts["noegletal"]
    (item,) = [p for s in result.afsnit for p in s.punkter if p.id == "omgoerelser"]
    assert item.smaa_grundlag == () and item.grundlag.id == "klagesager"
    said = " ".join(item.saetninger).replace("\u00a0", " ")
    assert "23 %" in said and "procentpoint" in said and "af fire" not in said
    assert all("antal" not in serie for serie in item.diagram.data["serier"])


def test_a_share_that_fits_no_whole_count_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        prepare(small_base_bundle(tmp_path, "4", "23"))
    message = caught.value.format_message()
    assert ("noegletal.csv: række 434, kolonne vaerdi: omgoerelser for Fjordlund Kommune i 2014 "
            "er en andel af 4 klagesager (række 394) og skal svare til et helt antal af dem; "
            "forventede 0 %, 25 %, 50 %, 75 % eller 100 %, fandt 23") \
        in message.replace("\u00a0", " "), message


def test_a_base_that_is_no_whole_number_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        prepare(small_base_bundle(tmp_path, "4,5", "50"))
    message = caught.value.format_message()
    assert ("noegletal.csv: række 394, kolonne vaerdi: klagesager for Fjordlund Kommune i 2014: "
            "forventede et helt antal klagesager, fandt 4,5") in message, message


@pytest.mark.parametrize(("entry", "expected"), [
    ("{id: andel_x, titel: X, navn: andelen af x, enhed: antal, afsnit: sagsbehandling, "
     "grundlag: klagesager}", "et grundlag giver kun mening for procent"),
    ("{id: andel_x, titel: X, navn: andelen af x, enhed: procent, afsnit: sagsbehandling, "
     "grundlag: omgoerelser}", "grundlaget 'omgoerelser' skal være et antal"),
    ("{id: andel_x, titel: X, navn: andelen af x, enhed: procent, afsnit: sagsbehandling, "
     "grundlag: klagesag}", "ukendt indikator 'klagesag'"),
])
def test_the_catalogue_checks_a_shares_base(mini, entry, expected):
    (mini / "indikatorer.yaml").write_text(f"indikatorer:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        prepare(mini)
    message = caught.value.format_message()
    assert "indikatorer.yaml" in message and expected in message, message


def test_a_distribution_of_few_persons_is_told_in_counts(tmp_path):
    bundle = small_distribution(small_base_bundle(tmp_path, "26", "23"))
    page = build(bundle, tmp_path / "html", fmt="html").read_text(encoding="utf-8")
    fragment = item_html(page, "anbringelsessted")
    text = words(fragment)
    assert ("I 2014 var fire af de syv anbragte i Fjordlund Kommune anbragt i plejefamilie mod "
            "49 % i referencegruppen og 45 % på landsplan. Af de øvrige var to anbragt på et "
            "opholdssted og en anbragt på en døgninstitution.") in text, text
    assert "57 %" not in text and "29 %" not in text  # 4 of 7 and 2 of 7 as shares
    assert "færre end 10 anbragte i 2014, så kommunens fordeling er givet som antal" in text
    labels = [t.replace("\u00a0", " ") for t in svg_texts(fragment)]
    assert ["4 af 7", "0 af 7", "2 af 7", "1 af 7", "0 af 7"] == \
        [t for t in labels if " af " in t], labels
    assert "57 %" not in labels and "49 %" in labels  # the group's bars keep their shares
    alt = html.unescape(re.search(r'aria-label="([^"]*)"', fragment).group(1))
    assert "Fjordlund Kommune: plejefamilie 4 af 7, netværkspleje 0 af 7, opholdssted 2 af 7" \
        in alt, alt
    # the example's own 169 placements keep their percentages
    example = prepare(EXAMPLE).results.facts["noegletal"]
    (item,) = [p for s in example.afsnit for p in s.punkter if p.id == "anbringelsessted"]
    assert item.smaa_grundlag == () and "%" in " ".join(item.saetninger)

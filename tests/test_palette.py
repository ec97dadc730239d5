"""The charts' palette: every graphic colour at least 3:1 against the white page (WCAG 1.4.11),
every pair that carries meaning apart for normal vision and under simulated protanopia and
deuteranopia (Machado et al. 2009), labels on bars at 4.5:1, and met / not met told by a second
cue besides colour. The figures of the colours are measured, not trusted."""

from __future__ import annotations

import itertools
import re

import pytest

from taskforce_report.charts.draw import draw
from taskforce_report.charts.spec import ChartSpec
from taskforce_report.core import colours
from taskforce_report.load.themes import load_theme

WHITE = "#FFFFFF"
# colours a reader must tell apart from each other, per chart family
GROUPS = {
    "sagsgennemgang": ("opfyldt", "naesten", "ikke_opfyldt"),
    "noegletal": ("kommune", "referencegruppe", "landsgennemsnit"),
}
SIMULATIONS = (None, "protanopi", "deuteranopi")


def test_the_simulation_is_the_published_one():
    # pure red under protanopia loses most of its lightness; white and black stay themselves
    red = colours.simulate(colours.linear("#FF0000"), "protanopi")
    assert colours.luminance(red) < 0.5 * colours.luminance(colours.linear("#FF0000")) + 0.05
    assert colours.difference("#FFFFFF", "#FFFFFF", "deuteranopi") == pytest.approx(0, abs=0.5)
    # the old pair: distinct for normal vision, close to one colour for a protanope
    assert colours.difference("#2F6F4E", "#A33A2A") > 60
    assert colours.difference("#2F6F4E", "#A33A2A", "protanopi") < colours.DISTINCT
    assert colours.contrast("#7FA7C9", WHITE) < 3  # the old reference-group line


@pytest.mark.parametrize("theme_name", ["socialstyrelsen", "kommune"])
def test_every_graphic_colour_stands_3_to_1_against_the_page(theme_name):
    palette = load_theme(theme_name).colours
    for key in {k for group in GROUPS.values() for k in group} | {"accent", "primaer"}:
        ratio = colours.contrast(palette[key], WHITE)
        assert ratio >= colours.GRAPHIC_CONTRAST, (theme_name, key, palette[key], ratio)


@pytest.mark.parametrize("theme_name", ["socialstyrelsen", "kommune"])
@pytest.mark.parametrize("group", list(GROUPS))
@pytest.mark.parametrize("vision", SIMULATIONS)
def test_meaningful_colours_stay_apart_for_colour_blind_readers(theme_name, group, vision):
    palette = load_theme(theme_name).colours
    for a, b in itertools.combinations(GROUPS[group], 2):
        distance = colours.difference(palette[a], palette[b], vision)
        assert distance >= colours.DISTINCT, (theme_name, vision, a, b, round(distance, 1))


def test_labels_on_bars_are_legible():
    palette = load_theme("socialstyrelsen").colours
    for key in GROUPS["sagsgennemgang"]:
        text = colours.text_on(palette[key], palette["tekst"])
        shown = WHITE if text == "white" else text
        assert colours.contrast(shown, palette[key]) >= colours.TEXT_CONTRAST, key


def test_met_and_not_met_have_a_second_cue_beside_colour():
    spec = ChartSpec(id="kriterier", kind="criteria_bars", title="Krav",
                     alt="Søjlediagram", data={"rows": (("Krav 1", 5, 2, 3),
                                                        ("Krav 2", 4, 0, 6)),
                                               "x_label": "Antal sager",
                                               "serier": ("Ja", "Delvist", "Nej")})
    svg = draw(spec, load_theme("socialstyrelsen"))
    # matplotlib writes a hatch as an SVG pattern that the bars are filled with
    patterns = set(re.findall(r'<pattern id="([^"]+)"', svg))
    assert len(patterns) == 2, "delvist and ikke opfyldt are hatched, opfyldt is plain"
    assert all(f"url(#{p})" in svg for p in patterns)  # and the bars are filled with them


@pytest.mark.parametrize("theme_name", ["socialstyrelsen", "kommune"])
def test_text_colours_read_at_4_5_to_1_on_the_page(theme_name):
    palette = load_theme(theme_name).colours
    for key in ("tekst", "daempet", "primaer", "sekundaer"):
        if key in palette:
            ratio = colours.contrast(palette[key], WHITE)
            assert ratio >= colours.TEXT_CONTRAST, (theme_name, key, palette[key], ratio)

"""Makes the theme's hyphen font, TF Bindestreg, from the bundled Carlito files.

Carlito has no U+2010 HYPHEN, the character WeasyPrint sets at a hyphenation break, so the
glyph came from a fallback font (DejaVu Sans) whose taller ascent made every hyphenated line
taller than its neighbours. TF Bindestreg holds only Carlito's own hyphen, mapped to U+2010 and
U+2011, with Carlito's vertical metrics; the CSS names it right after the body font. The break
keeps the body font's shape and line height, and extracted text still shows U+2010 at a break
(so a reader's or a test's text tools can undo it).

Carlito is under the SIL Open Font License with the Reserved Font Name "Carlito": a modified
version must carry another name, hence "TF Bindestreg". Run from the repository's root:
    python3 scripts/bindestreg.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "themes" / "socialstyrelsen" / "fonts"
STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}
FAMILY = "TF Bindestreg"


def make(style: str) -> Path:
    font = TTFont(FONTS / f"Carlito-{style}.ttf")
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = []
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[0x2D])
    subsetter.subset(font)
    glyph = font.getBestCmap()[0x2D]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap = {0x2010: glyph, 0x2011: glyph}
    names = font["name"]
    full = f"{FAMILY} {STYLES[style]}"
    postscript = f"TFBindestreg-{style}"
    notice = ("Derived from Carlito (c) 2010-2013 tyPoland Lukasz Dziedzic, SIL Open Font "
              "License 1.1; only the hyphen, renamed as the licence asks.")
    for name_id, value in ((0, notice), (1, FAMILY), (2, STYLES[style]), (3, postscript),
                           (4, full), (6, postscript)):
        names.setName(value, name_id, 3, 1, 0x409)
    font.recalcTimestamp = False  # Carlito's own dates: the same bytes on every run
    target = FONTS / f"TFBindestreg-{style}.ttf"
    font.save(target)
    return target


if __name__ == "__main__":
    for style in STYLES:
        print(make(style))

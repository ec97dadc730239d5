"""Pages that end a chapter with a few lines only: found in the layout and pulled back.

Chapters begin on a new page, so the last page of a chapter may end early; but a page that
holds only the last three lines of a chapter, or one box, reads as a mistake (issue 21). A
chapter whose last page is filled less than `SHORT_TAIL` is given the class `taet`, which the
theme sets a little tighter (`section.kapitel.taet` in rapport.css), and the document is laid
out once more: the tail moves back onto the page before. A chapter that still ends short is set
as before, which costs a third layout (a tighter chapter with the same tail would be worse
than none); `MAX_GAIN` keeps that rare. Chapters begin on a new page, so tightening one never
moves the pages of another.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

# below this share of the page's body the last page of a chapter is a tail to pull back: about
# six lines of body text, one box or a table's last row. A longer tail before a chapter is an
# ordinary end of chapter, not worth a second layout of the whole document (the main example's
# first chapter ends a fifth down its last page, and is laid out once).
SHORT_TAIL = 0.15
# what `taet` gains at most, as a share of a chapter's height (line height 1,42 → 1,30 and less
# space between paragraphs and around boxes and headings): a longer tail is left, without a
# layout spent on trying
MAX_GAIN = 0.12
_CHAPTER = re.compile(r'<section class="(kapitel\b[^"]*)" id="([^"]+)"')


def chapter_anchors(html: str) -> list[str]:
    """The id of every chapter (`<section class="kapitel …" id="…">`) in document order."""
    return [anchor for _classes, anchor in _CHAPTER.findall(html)]


def body_fill(page) -> float:
    """How far down a laid-out WeasyPrint page its text reaches, as a share of the body's
    height (the running head and foot are in the margin, outside it)."""
    from weasyprint.formatting_structure.boxes import LineBox, ReplacedBox

    page_box = page._page_box
    top, height = page_box.content_box_y(), page_box.height
    root = page_box.children[0]  # the html element's box; the margin boxes are its siblings
    bottoms = [box.position_y + box.margin_height() for box in root.descendants()
               if isinstance(box, (LineBox, ReplacedBox))]
    return max(0.0, (max(bottoms, default=top) - top) / height) if height else 1.0


def short_tails(pages: Sequence, chapters: Sequence[str]) -> list[str]:
    """The chapters that run on to a page of their own, fill less than SHORT_TAIL of it, and
    could be set tight enough to lose it. WeasyPrint lists an element's anchor on every page
    it covers."""
    tails = []
    for anchor in chapters:
        covered = [n for n, page in enumerate(pages) if anchor in page.anchors]
        if len(covered) < 2:
            continue
        tail = body_fill(pages[covered[-1]])
        if tail < SHORT_TAIL and tail / (len(covered) - 1 + tail) <= MAX_GAIN:
            tails.append(anchor)
    return tails


def pull_back(html: str, document: Any, layout: Callable[[str], Any]) -> Any:
    """The laid-out `document` (WeasyPrint's, laid out from `html`), or, where a chapter ends
    with a short tail, the document laid out again with that chapter tightened. `layout` lays
    out an HTML string. The first layout is let go before the next is made: two documents of
    fifty pages held at once would double a build's memory."""
    tails = short_tails(document.pages, chapter_anchors(html))
    if not tails:
        return document
    del document
    tightened = layout(tighten(html, tails))
    still = set(short_tails(tightened.pages, tails))
    if not still:
        return tightened
    del tightened
    return layout(tighten(html, [anchor for anchor in tails if anchor not in still]))


def tighten(html: str, anchors: Sequence[str]) -> str:
    """The HTML with the class `taet` on the chapters named."""
    wanted = set(anchors)

    def mark(match: re.Match) -> str:
        classes, anchor = match.groups()
        if anchor not in wanted:
            return match.group(0)
        return f'<section class="{classes} taet" id="{anchor}"'

    return _CHAPTER.sub(mark, html)

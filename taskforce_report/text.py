"""The Markdown of the bundle's text fields, rendered with markdown-it-py.

Raw HTML in the input is not passed through: markdown-it escapes it, so `<script>` is printed
as text. Links are kept as text only, since a PDF must not point at places we never checked.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "link", "html_block", "html_inline"])
    return md


def block(text: str | None) -> Markup:
    """Paragraphs, lists and emphasis."""
    if not text:
        return Markup("")
    return Markup(_parser().render(text))


def inline(text: str | None) -> Markup:
    """One list item or a title: emphasis, no paragraphs."""
    if not text:
        return Markup("")
    return Markup(_parser().renderInline(text))

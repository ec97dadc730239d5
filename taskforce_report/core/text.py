"""The Markdown of the bundle's text fields, rendered with markdown-it-py: the one helper every
document's templates use (the `md` and `md_inline` filters).

Raw HTML in the input is not passed through: markdown-it escapes it, so `<script>` is printed
as text. Links are kept as text only, since a PDF must not point at places we never checked.
Tables (GitHub's pipe tables) are rendered as tables. Images, `![alt](fil.png "caption")`, are
shown only when the caller gives the file's URL (`images`): the bundle's images are checked
when it is loaded (images.py); an image without a URL prints its alt text, never a broken link.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from taskforce_report.core.language import bind_units


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["link", "html_block", "html_inline"])
    md.enable("table")
    md.add_render_rule("image", _render_image)
    md.add_render_rule("table_open", lambda *_: '<table class="md-tabel">\n')
    return md


def _render_image(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    title = str(token.attrGet("title") or "")
    url = (env.get("images") or {}).get(src.replace("\\", "/"))
    if url is None:
        return str(escape(alt))
    caption = (f'<span class="billedtekst">{escape(title)}</span>' if title else "")
    return (f'<span class="billede"><img src="{escape(url)}" alt="{escape(alt)}">'
            f"{caption}</span>")


def images(text: str) -> list[tuple[str, str, str]]:
    """(src, alt, title) of every image in the Markdown `text`, in order."""
    out = []

    def walk(tokens) -> None:
        for token in tokens:
            if token.type == "image":
                alt = "".join(c.content for c in token.children or [])
                out.append((str(token.attrGet("src") or ""), alt,
                            str(token.attrGet("title") or "")))
            if token.children:
                walk(token.children)

    walk(_parser().parse(text))
    return out


def block(text: str | None, images: Mapping[str, str] | None = None) -> Markup:
    """Paragraphs, lists, emphasis, tables; images whose URL `images` gives by file name."""
    if not text:
        return Markup("")
    return Markup(_parser().render(bind_units(text), {"images": images or {}}))


def inline(text: str | None, images: Mapping[str, str] | None = None) -> Markup:
    """One list item or a title: emphasis, no paragraphs."""
    if not text:
        return Markup("")
    return Markup(_parser().renderInline(bind_units(text), {"images": images or {}}))

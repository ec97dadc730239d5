"""`build … --format docx`: the document as a Word file, for the committee and records systems
that take Word (dagsordenssystem, ESDH), made from the same HTML as the PDF.

The print HTML is walked once (wordwalk.py): headings become Word's heading styles (their
numbers are the report's own, in the text), paragraphs, bullet and numbered lists (each numbered
list starting at 1), tables (header rows repeated, merged cells kept), the charts as PNG images
(charts.draw.draw_png) with their alt text, captions in the Caption style. The theme's fonts
and colours are set on the styles, the language is Danish (da-DK). What Word cannot carry is
left out: the table of contents (its page numbers belong to the PDF), the attachments and the
PDF/A marking.

Same bundle, same bytes: the core properties carry the report's date, the zip entries a fixed
date, the images are numbered in order and drawn without timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import lxml.html

from taskforce_report.output.wordwalk import W_NS, Writer

_PX_PER_CM = 96 / 2.54


@dataclass(frozen=True)
class Image:
    """A picture to place: PNG bytes, its width on the page and its alt text."""

    data: bytes
    width_cm: float
    alt: str


# ---- styles, properties, bytes ---------------------------------------------------------------

def _rgb(colour: str):
    from docx.shared import RGBColor

    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return RGBColor.from_string(colour.upper())


def style_document(document, theme: Any) -> None:
    """The theme's fonts and colours on Word's styles, A4 pages, Danish as the language."""
    from docx.oxml import OxmlElement
    from docx.shared import Cm, Pt

    fonts, colours = theme.fonts, theme.colours
    body_font = fonts.get("broedtekst") or "Carlito"
    heading_font = fonts.get("overskrift") or body_font
    text_colour = colours.get("tekst")
    heading_colour = colours.get("primaer")
    muted = colours.get("daempet")
    normal = document.styles["Normal"]
    normal.font.name = body_font
    normal.font.size = Pt(11)
    if text_colour:
        normal.font.color.rgb = _rgb(text_colour)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        style = document.styles[name]
        style.font.name = heading_font
        if heading_colour and name != "Subtitle":
            style.font.color.rgb = _rgb(heading_colour)
    if muted:
        document.styles["Caption"].font.color.rgb = _rgb(muted)
    # Danish: the language of every style that does not say otherwise, and of Normal itself
    defaults = document.styles.element.find(f"{W_NS}docDefaults/{W_NS}rPrDefault/{W_NS}rPr")
    for holder in [defaults, normal.element.get_or_add_rPr()]:
        if holder is None:
            continue
        for old in holder.findall(W_NS + "lang"):
            holder.remove(old)
        lang = OxmlElement("w:lang")
        lang.set(W_NS + "val", "da-DK")
        lang.set(W_NS + "eastAsia", "da-DK")
        lang.set(W_NS + "bidi", "ar-SA")
        holder.append(lang)
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)


def set_properties(document, title: str, subject: str, author: str, when: dt.date) -> None:
    stamp = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    core = document.core_properties
    core.title = title
    core.subject = subject
    core.author = author
    core.last_modified_by = author
    core.language = "da-DK"
    core.keywords = ""
    core.comments = ""
    core.category = ""
    core.revision = 1
    core.created = stamp
    core.modified = stamp
    core.last_printed = stamp


def fixed_zip(data: bytes, when: dt.date) -> bytes:
    """The docx's zip again, every entry with the report's date instead of the clock's, in
    the same order; the thumbnail of python-docx's template left out."""
    stamp = (max(when.year, 1980), when.month, when.day, 12, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            if info.filename == "_rels/.rels":
                body = re.sub(rb'<Relationship [^>]*thumbnail\.jpeg"/>', b"", body)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()


def docx_bytes(html: str, images: dict[str, Image], theme: Any, title: str, subject: str,
               author: str, when: dt.date) -> bytes:
    """The Word document of the print HTML."""
    import docx

    document = docx.Document()
    style_document(document, theme)
    set_properties(document, title, subject, author, when)
    body = lxml.html.fromstring(html).find("body")
    writer = Writer(document, images, theme)
    if body is not None:
        writer.blocks(document, body)
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), when)


def png_width_cm(data: bytes, limit: float = 16.0) -> float:
    """A PNG's width on the page at 96 pixels per inch, at most `limit` (the text width)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return limit
    return min(int.from_bytes(data[16:20], "big") / _PX_PER_CM, limit)

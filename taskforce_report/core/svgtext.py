"""An SVG read as a reader's program reads it: in the encoding it declares (UTF-8, UTF-16
with its byte order mark, Latin-1 with an XML declaration), entities resolved, the text of
every element, `<tspan>`s joined."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

# Attributes that hold words a reader's program shows, not drawing numbers (path data, sizes)
TEXT_ATTRIBUTES = frozenset({"aria-label", "title", "label", "alt", "description", "docname",
                             "name"})


def svg_root(raw: bytes) -> ET.Element:
    """The root element; ET.ParseError when the bytes are not well-formed XML. A DOCTYPE is
    refused before (themes.check_logo), so no entity is defined, let alone fetched."""
    parser = ET.XMLParser()
    parser.feed(raw)
    return parser.close()


def svg_texts(raw: bytes) -> Iterator[str]:
    """Every text the SVG shows or carries: each <text> (its <tspan>s joined, once without and
    once with a space, as a reader may see either), <title>, <desc>, metadata, and every
    attribute value. Bytes that are not XML are read as text, decoded as well as can be."""
    try:
        if b"<!" in raw.replace(b"\x00", b"") and b"ENTITY" in raw.replace(b"\x00", b"").upper():
            raise ValueError("entities are not expanded")
        root = svg_root(raw)
    except (ET.ParseError, ValueError, LookupError):
        for codec in ("utf-8", "utf-16"):
            try:
                yield raw.decode(codec)
                return
            except UnicodeDecodeError:
                continue
        yield raw.decode("latin-1")
        return
    for element in root.iter():
        parts = list(element.itertext())
        if parts:
            yield "".join(parts)
            yield " ".join(parts)
        yield from (value for key, value in element.attrib.items()
                    if key.rsplit("}", 1)[-1] in TEXT_ATTRIBUTES)

"""Matplotlib's SVG made fit to stand in the document: slimmed of what draws nothing, its ids
made unique per chart, and the chart's alt text as its accessible name."""

from __future__ import annotations

import re

_ID = re.compile(r'id="([^"]+)"')


_SVG = "http://www.w3.org/2000/svg"


def slim_svg(svg: str) -> str:
    """Matplotlib's SVG with what costs WeasyPrint time and memory but draws nothing taken out:
    the metadata, the wrapper groups that carry only an id (most of the elements), and the
    `style` attributes, which WeasyPrint parses as CSS one by one, written as the presentation
    attributes they are. Pages render pixel-identical; a chart costs WeasyPrint about a fifth
    less time (docs/performance.md)."""
    import xml.etree.ElementTree as ET

    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)

    def unwrap(parent) -> None:
        kept = []
        for child in list(parent):
            unwrap(child)
            if child.tag == f"{{{_SVG}}}metadata":
                continue
            if child.tag == f"{{{_SVG}}}g" and set(child.attrib) <= {"id"}:
                kept.extend(child)
            else:
                kept.append(child)
        parent[:] = kept

    unwrap(root)
    for element in root.iter():
        for declaration in element.attrib.pop("style", "").split(";"):
            name, _, value = (part.strip() for part in declaration.partition(":"))
            if name and name not in element.attrib:
                element.set(name, value)
        if element.get("transform", "").startswith("rotate(-0 "):
            del element.attrib["transform"]
    # Matplotlib's one stylesheet rule, `*{stroke-linejoin: round; stroke-linecap: butt}`, as
    # inherited attributes of the root: an element's own attribute still wins, as it did.
    for defs in root.findall(f"{{{_SVG}}}defs"):
        for sheet in defs.findall(f"{{{_SVG}}}style"):
            defs.remove(sheet)
        if not len(defs):
            root.remove(defs)
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    return ET.tostring(root, encoding="unicode")


def clean_svg(svg: str, chart_id: str) -> str:
    """Drops the XML prolog (the SVG is inlined in HTML), slims it, and prefixes ids so several
    charts in one page cannot clash."""
    svg = slim_svg(svg[svg.index("<svg"):])
    svg = _ID.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r'(url\(#|xlink:href="#|href="#)([^")]+)',
                 lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", svg)
    return svg


def with_alt(svg: str, alt: str) -> str:
    """The chart's alt text as the SVG's accessible name (role, aria-label and <title>)."""
    if not alt:
        return svg
    from markupsafe import escape

    text = str(escape(alt))
    head_end = svg.index(">")
    return (f'{svg[:head_end]} role="img" aria-label="{text}">'
            f"<title>{text}</title>{svg[head_end + 1:]}")

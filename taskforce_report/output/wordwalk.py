"""The print HTML walked into a python-docx Document, once: headings become Word's heading
styles (their numbers are the report's own, in the text), paragraphs, bullet and numbered lists
(each numbered list starting at 1), tables (header rows repeated, merged cells kept), the
pictures it is given with their alt text, captions in the Caption style. wordfile.py styles the
document and writes its bytes."""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import lxml.html

_BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "figure",
          "section", "div", "nav", "header", "footer", "blockquote", "figcaption", "dl", "dt",
          "dd", "aside", "article", "main", "thead", "tbody", "tfoot", "tr", "td", "th",
          "caption", "img", "svg"}
_SKIP = {"script", "style", "nav", "svg", "title", "head", "meta", "link"}
# WordprocessingML's namespace, as lxml spells it in a tag's name
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Writer:
    """`images`: each picture (a wordfile.Image) by the `src` that names it in the HTML."""

    def __init__(self, document, images: dict[str, Any], theme: Any):
        self.doc = document
        self.images = images
        self.theme = theme
        self.numbering = document.part.numbering_part.element
        self._abstract_number = self._abstract_for("List Number")

    # -- numbering: a numbered list of its own (restarts at 1) per <ol>
    def _abstract_for(self, style_name: str) -> str | None:
        style = self.doc.styles[style_name].element
        num = style.find(f"{W_NS}pPr/{W_NS}numPr/{W_NS}numId")
        if num is None:
            return None
        for element in self.numbering.iter(W_NS + "num"):
            if element.get(W_NS + "numId") == num.get(W_NS + "val"):
                return element.find(W_NS + "abstractNumId").get(W_NS + "val")
        return None

    def new_numbered_list(self) -> str | None:
        if self._abstract_number is None:
            return None
        from docx.oxml import parse_xml

        ids = [int(n.get(W_NS + "numId")) for n in self.numbering.iter(W_NS + "num")]
        new_id = str(max(ids, default=0) + 1)
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        self.numbering.append(parse_xml(
            f'<w:num {ns} w:numId="{new_id}"><w:abstractNumId w:val="{self._abstract_number}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        return new_id

    # -- inline content
    def inline(self, paragraph, element, skip_first_text: bool = False) -> None:
        segments: list[tuple[str, dict]] = []
        self._collect(element, {}, segments, skip_first_text)
        text_so_far = ""
        for index, (text, fmt) in enumerate(segments):
            if text == "\n":
                paragraph.add_run().add_break()
                text_so_far = ""
                continue
            text = re.sub(r"\s+", " ", text)
            if not text_so_far or text_so_far.endswith(" "):
                text = text.lstrip()
            if index == len(segments) - 1 or all(t.strip() == "" and t != "\n"
                                                 for t, _ in segments[index + 1:]):
                text = text.rstrip()
            if not text:
                continue
            text_so_far += text
            run = paragraph.add_run(text)
            run.bold = fmt.get("bold") or None
            run.italic = fmt.get("italic") or None
            if fmt.get("sup"):
                run.font.superscript = True

    def _collect(self, element, fmt: dict, out: list, skip_text: bool = False) -> None:
        if element.text and not skip_text:
            out.append((element.text, fmt))
        for child in element:
            if not isinstance(child.tag, str):
                if child.tail:
                    out.append((child.tail, fmt))
                continue
            tag = child.tag.lower()
            if tag == "br":
                out.append(("\n", fmt))
            elif tag in _SKIP or tag == "img":
                pass
            else:
                inner = dict(fmt)
                if tag in ("strong", "b", "th"):
                    inner["bold"] = True
                if tag in ("em", "i", "cite"):
                    inner["italic"] = True
                if tag == "sup":
                    inner["sup"] = True
                self._collect(child, inner, out)
            if child.tail:
                out.append((child.tail, fmt))

    # -- blocks
    def blocks(self, container, element, depth: int = 0) -> None:
        """The block content of `element` into `container` (the document or a table cell)."""
        if not _has_blocks(element):
            if _text(element):
                self.paragraph(container, element)
            return
        pending = []  # inline children between blocks: a paragraph of their own
        if element.text and element.text.strip():
            pending.append(element.text)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag.lower()
            if tag not in _BLOCK and tag not in _SKIP:
                pending.append(child)
                continue
            self._flush(container, pending)
            pending = []
            self.block(container, child, depth)
            if child.tail and child.tail.strip():
                pending.append(child.tail)
        self._flush(container, pending)

    def _flush(self, container, pending: list) -> None:
        if not any((p.strip() if isinstance(p, str) else _text(p)) for p in pending):
            return
        wrapper = lxml.html.Element("span")
        for part in pending:
            if isinstance(part, str):
                if len(wrapper):
                    wrapper[-1].tail = (wrapper[-1].tail or "") + part
                else:
                    wrapper.text = (wrapper.text or "") + part
            else:
                wrapper.append(copy.deepcopy(part))
        self.paragraph(container, wrapper)

    def paragraph(self, container, element, style: str | None = None):
        paragraph = _new_paragraph(container, style)
        self.inline(paragraph, element)
        return paragraph

    def block(self, container, element, depth: int) -> None:
        tag = element.tag.lower()
        classes = set((element.get("class") or "").split())
        if tag in _SKIP or "skjult" in classes:
            return
        if "forside" in classes:
            self.front_page(element)
        elif re.fullmatch(r"h[1-6]", tag):
            level = int(tag[1])
            if container is self.doc:
                heading = self.doc.add_heading(level=min(level, 4))
                self.inline(heading, element)
            else:  # a heading inside a table cell: bold text
                for run in self.paragraph(container, element).runs:
                    run.bold = True
        elif tag in ("ul", "ol"):
            self.listing(container, element, tag == "ol", 0)
        elif tag == "table":
            self.table(container, element)
        elif tag == "figure":
            self.figure(container, element)
        elif tag == "img":
            self.image(container, element)
        elif tag in ("figcaption", "caption"):
            self.paragraph(container, element, "Caption")
        else:
            self.blocks(container, element, depth + 1)

    def front_page(self, element) -> None:
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            classes = set((node.get("class") or "").split())
            if node.tag == "h1":
                self.paragraph(self.doc, node, "Title")
            elif node.tag in ("p", "div") and not _has_blocks(node) and _text(node):
                self.paragraph(self.doc, node, "Subtitle" if classes & {"kommune", "serie"}
                               else None)
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def listing(self, container, element, numbered: bool, level: int) -> None:
        num_id = self.new_numbered_list() if numbered else None
        base = "List Number" if numbered else "List Bullet"
        style = base if level == 0 else f"{base} {min(level + 1, 3)}"
        for item in element:
            if not isinstance(item.tag, str) or item.tag.lower() != "li":
                continue
            nested = [c for c in item if isinstance(c.tag, str) and c.tag.lower() in ("ul", "ol")]
            inline = copy.deepcopy(item)
            for child in list(inline):
                if isinstance(child.tag, str) and child.tag.lower() in ("ul", "ol"):
                    _drop(child)
            paragraph = _new_paragraph(container, style)
            if _has_blocks(inline):  # an item of paragraphs: their text in the one item
                for child in inline:
                    if isinstance(child.tag, str) and child.tag.lower() == "p":
                        child.tail = " " + (child.tail or "")
            self.inline(paragraph, inline)
            if num_id is not None and level == 0:
                _set_num(paragraph, num_id, level)
            for child in nested:
                self.listing(container, child, child.tag.lower() == "ol", level + 1)

    def table(self, container, element) -> None:
        rows = [r for r in element.iter("tr")]
        if not rows:
            return
        grid: dict[tuple[int, int], Any] = {}
        spans: list[tuple[int, int, int, int, Any]] = []
        width = 0
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                while (r, c) in grid:
                    c += 1
                colspan = _int(cell.get("colspan"))
                rowspan = min(_int(cell.get("rowspan")), len(rows) - r)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = cell
                spans.append((r, c, rowspan, colspan, cell))
                c += colspan
            width = max(width, c)
        table = container.add_table(rows=len(rows), cols=max(width, 1))
        table.style = self.doc.styles["Table Grid"]
        header_rows = 0
        for r, row in enumerate(rows):
            parent = row.getparent()
            if parent is not None and parent.tag == "thead":
                header_rows = r + 1
        for r, c, rowspan, colspan, cell in spans:
            target = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                target = target.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            self._cell(target, cell)
        for r in range(header_rows):
            _repeat_header(table.rows[r])
        caption = element.find("caption")
        if caption is not None and _text(caption):
            self.paragraph(container, caption, "Caption")
        _new_paragraph(container, None)  # Word joins two tables that touch

    def _cell(self, target, cell) -> None:
        bold = cell.tag.lower() == "th"
        if _has_blocks(cell):
            self.blocks(target, cell)
        elif _text(cell):
            self.paragraph(target, cell)
        if bold:
            for paragraph in target.paragraphs:
                for run in paragraph.runs:
                    run.bold = True

    def figure(self, container, element) -> None:
        for node in element:
            if not isinstance(node.tag, str):
                continue
            tag = node.tag.lower()
            if tag == "img":
                self.image(container, node)
            elif tag == "figcaption":
                self.paragraph(container, node, "Caption")
            elif tag not in _SKIP:
                self.block(container, node, 0)

    def image(self, container, element) -> None:
        if "logo" in (element.get("class") or ""):
            return  # the theme's or the municipality's logo (SVG) is the PDF's, not Word's
        source = element.get("src") or ""
        found = self.images.get(source)
        if found is None:
            alt = element.get("alt") or ""
            if alt:  # an image Word is not given (a logo, an SVG of the bundle): its words
                paragraph = _new_paragraph(container, None)
                paragraph.add_run(f"[{alt}]").italic = True
            return
        from docx.shared import Cm

        paragraph = _new_paragraph(container, None)
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(found.data), width=Cm(found.width_cm))
        properties = shape._inline.docPr
        properties.set("descr", found.alt)
        properties.set("title", found.alt[:250])


def _drop(element) -> None:
    parent = element.getparent()
    tail = element.tail
    parent.remove(element)
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _int(value: Any) -> int:
    try:
        return max(1, min(int(value), 100))
    except (TypeError, ValueError):
        return 1


def _has_blocks(element) -> bool:
    return any(isinstance(c.tag, str) and c.tag.lower() in _BLOCK for c in element)


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content() or "").strip()


def _new_paragraph(container, style: str | None):
    """A paragraph in the document or a cell; a fresh cell's own empty paragraph is used
    first."""
    paragraphs = getattr(container, "paragraphs", None)
    if (container.__class__.__name__ == "_Cell" and len(paragraphs) == 1
            and not paragraphs[0].text and not paragraphs[0].runs):
        paragraph = paragraphs[0]
        if style:
            paragraph.style = style
        return paragraph
    return container.add_paragraph(style=style)


def _set_num(paragraph, num_id: str, level: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = p_pr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = int(num_id)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)

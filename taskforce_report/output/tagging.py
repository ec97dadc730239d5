"""Tagging: the tagged PDF's margins fixed as WeasyPrint writes it. Running heads, footers and
page numbers become pagination artifacts, so that a screen reader reads the page's text and not
the same head on every page (pdf.finish calls it for PDF/A-3a and PDF/UA-1 alike)."""

from __future__ import annotations


def _object(pdf, reference):
    """The pydyf object a reference (b"12 0 R") names."""
    return pdf.objects[int(reference.split()[0])]


def _in_structure(pdf, root) -> set[int]:
    """The numbers of the structure elements reachable from the StructTreeRoot through /K."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        kids = todo.pop().get("K", ())
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, bytes) and kid.endswith(b" R"):
                number = int(kid.split()[0])
                if number not in seen:
                    seen.add(number)
                    todo.append(pdf.objects[number])
    return seen


def _text_y(items: list, start: int) -> float | None:
    """The vertical position (CSS px from the page's top) of the first text matrix after
    `start` in a WeasyPrint page stream: where the marked text is drawn."""
    for item in items[start:]:
        if isinstance(item, bytes) and item.endswith(b" Tm"):
            return float(item.split()[-2])
        if item == b"EMC":
            return None
    return None


def mark_margin_artifacts(document, pdf) -> None:
    """Running heads, footers and page numbers (the @page margin boxes) become pagination
    artifacts, so that a screen reader does not read them on every page.

    WeasyPrint (70) draws a margin box's text as `/Span <</MCID n>> BDC … EMC`, and builds
    structure elements for it that it leaves out of the tree ("only allowed in PDF 2.0",
    weasyprint/pdf/tags.py), though the ParentTree still maps each such MCID to them. Here
    every marked content whose MCID's element is not reachable from the StructTreeRoot is
    rewritten as `/Artifact <</Type /Pagination /Subtype /Header>> BDC` (/Footer below the
    page's middle) without an MCID, and its ParentTree entry becomes null (trailing nulls
    dropped). The tree itself is untouched, so every MCID still on a page is in it. The
    unreachable elements stay in the file unreferenced: pydyf cannot free an object of a
    compressed object stream. Pure rewriting of the objects before they are written: the
    same document gives the same bytes."""
    import pydyf

    root_ref = pdf.catalog.get("StructTreeRoot")
    if root_ref is None:
        return  # an untagged PDF has no marked content to fix
    root = _object(pdf, root_ref)
    reachable = _in_structure(pdf, root)
    nums = _object(pdf, root["ParentTree"])["Nums"]
    pages = pdf.page_references
    for key, value in zip(nums[::2], nums[1::2], strict=True):
        if not isinstance(value, list) or key >= len(pages):
            continue  # a link annotation's entry, not a page's MCIDs
        loose = {mcid for mcid, ref in enumerate(value)
                 if isinstance(ref, bytes) and ref.endswith(b" R")
                 and int(ref.split()[0]) not in reachable}
        if not loose:
            continue
        page = _object(pdf, pages[key])
        items = _object(pdf, page["Contents"]).stream
        middle = document.pages[key].height / 2
        for index in range(1, len(items) - 1):
            properties = items[index]
            if (isinstance(properties, dict) and properties.get("MCID") in loose
                    and items[index + 1] == b"BDC" and isinstance(items[index - 1], str)):
                y = _text_y(items, index + 2)
                artifact = pydyf.Dictionary({"Type": "/Pagination"})
                if y is not None:
                    artifact["Subtype"] = "/Header" if y < middle else "/Footer"
                items[index - 1], items[index] = "/Artifact", artifact
                # only what was rewritten leaves the ParentTree: an MCID drawn elsewhere (a
                # form XObject) keeps its entry, so no MCID is ever left without one
                value[properties["MCID"]] = b"null"
        while value and value[-1] == b"null":
            value.pop()

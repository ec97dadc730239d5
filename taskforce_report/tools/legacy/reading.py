"""Reading the PDF text: the page chunks of a PDF viewer's transcript undone into one
flowing text (`read_pages`), sentence ends, and a run of sentences split back into list
items; with the letters, names and months the parser's patterns are made of."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

UPPER = "A-ZÆØÅÄÖÜÉ"
LOWER = "a-zæøåäöüé"
NAME = rf"[{UPPER}][\w-]*"  # one word of a municipality's name: Randers, Lyngby-Taarbæk
KOMMUNE = rf"{NAME} Kommune"

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}


# --------------------------------------------------------------------------------------------
# Pages


@dataclass(frozen=True)
class Source:
    """The report's pages as one flowing text, with the page each offset came from."""

    text: str
    starts: tuple[tuple[int, int], ...]  # (offset in text, page number), ascending
    total: int | None = None  # the page count the markers name ("14/72" → 72)
    header: str = ""  # what stood before the first page (a web viewer's title lines)
    trailer: str = ""  # what stood after the last page (links to other documents)

    def page(self, offset: int) -> int:
        if not self.starts:
            return 1
        i = bisect.bisect_right([s for s, _ in self.starts], offset) - 1
        return self.starts[max(i, 0)][1]

    @property
    def pages(self) -> list[int]:
        return [n for _, n in self.starts]

    def page_text(self, number: int) -> str:
        for i, (start, n) in enumerate(self.starts):
            if n == number:
                end = self.starts[i + 1][0] if i + 1 < len(self.starts) else len(self.text)
                return self.text[start:end]
        return ""


_MARKER_END = re.compile(r"\s*(?<![\d/])(\d{0,3})/(\d{1,3})\s*$")


def strip_page_marker(chunk: str, number: int | None = None) -> str:
    """One page's text without its leading page number and its trailing "N/72" marker."""
    text = chunk.strip()
    if number is not None:
        text = re.sub(rf"^{number}(?:\s+|$)", "", text)
    match = _MARKER_END.search(text)
    if match and (not match.group(1) or number is None or int(match.group(1)) == number):
        text = text[: match.start()]
    return text.strip()


def read_pages(raw: str) -> Source:
    """The page chunks of a transcript, markers removed, joined into one text.

    A page is a line starting with the next page number; it may run over several lines until
    its "N/total" marker. The first line that does not continue the sequence ends the report:
    what follows is the viewer's list of other documents. Text split by form feeds (pdftotext)
    is read page by page; text with neither is one page.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = raw.split("\n")
    pages: list[tuple[int, str]] = []
    header: list[str] = []
    trailer: list[str] = []
    total: int | None = None
    complete = True  # the current page has reached its marker
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        expected = pages[-1][0] + 1 if pages else 1
        start = re.match(r"(\d{1,3})(?:\s|$)", stripped)
        marker = _MARKER_END.search(stripped)
        if marker and total is None and pages:
            total = int(marker.group(2))
        own_marker = bool(start and marker and marker.group(1) == start.group(1))
        if (start and expected <= int(start.group(1)) <= expected + 2
                and (complete or not pages or own_marker)):
            if not pages and not _looks_like_page(stripped):
                header.append(line)
                continue
            number = int(start.group(1))
            if marker and total is None:
                total = int(marker.group(2))
            pages.append((number, stripped))
            complete = bool(marker)
        elif pages and not complete:
            # a line of the same page: kept as a line, so flatten can see paragraphs
            gap = "\n\n" if index > 0 and not lines[index - 1].strip() else "\n"
            pages[-1] = (pages[-1][0], pages[-1][1] + gap + stripped)
            complete = bool(marker)
        elif pages:
            trailer = lines[index:]
            break
        else:
            header.append(line)
    if not pages:
        chunks = raw.split("\f") if "\f" in raw else [raw]
        pages = [(i + 1, c.strip("\n")) for i, c in enumerate(chunks) if c.strip()]
        return _join([(n, flatten(t)) for n, t in pages], None, "", "")
    cleaned = [(n, strip_page_marker(t, n)) for n, t in pages]
    return _join(cleaned, total, "\n".join(header), "\n".join(trailer))


def _looks_like_page(line: str) -> bool:
    """The first page: "1 Analyserapport …" or any line ending in a page marker."""
    return bool(_MARKER_END.search(line)) or len(line) > 200


# A paragraph break the source shows (a blank line, or a short line that ends a sentence in
# text of full lines) survives flattening as this character, so the writer can keep it.
PARAGRAPH = "\u2029"


def flatten(text: str) -> str:
    """One line of text, whitespace collapsed; a paragraph break of the source kept as
    PARAGRAPH between spaces. Text already flattened loses its marks (a list item has none)."""
    if "\n" not in text:  # one line already: its marks stay
        return re.sub(r"[^\S\u2029]+", " ", text).strip()
    lines = text.split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    # the width of a full line: short lines ending a sentence end a paragraph, when the text
    # has enough lines to tell what full is
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 4 else 0
    out, current = [], []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if current:
                out.append(" ".join(current))
                current = []
            continue
        current.append(stripped)
        if full and len(line.rstrip()) < 0.7 * full and re.search(r"[.!?:][\"»”’)]*$", stripped):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return f" {PARAGRAPH} ".join(re.sub(r"\s+", " ", part).strip() for part in out)


def _join(pages: list[tuple[int, str]], total: int | None, header: str, trailer: str) -> Source:
    text, starts = "", []
    for number, body in pages:
        if text:
            text += " "
        starts.append((len(text), number))
        text += flatten(body)
    return Source(text=text, starts=tuple(starts), total=total, header=header, trailer=trailer)


# --------------------------------------------------------------------------------------------
# Sentences and list items

# Abbreviations that never end a sentence: the next word belongs to the same sentence.
_NEVER_END = {
    "jf", "jvf", "f.eks", "fx", "bl.a", "pkt", "stk", "nr", "ca", "kl", "d", "dvs", "evt",
    "inkl", "ekskl", "ift", "iht", "mht", "pga", "vedr", "hhv", "ang", "tlf", "s", "p.t",
    "f.t", "o.a", "u.å", "ifm", "vha", "mf", "gl",
}
# Abbreviations that end a sentence when the next word is capitalised ("… indsatsområder mv.
# Sikrer en tydelig …"): in Danish their period doubles as the full stop.
_MAY_END = {"mv", "m.v", "mm", "m.m", "m.fl", "osv", "etc", "o.l", "o.lign"}

_BOUNDARY = re.compile(rf"([.!?])([\"»”’')\]]*)\s+(?=[\"»“‘(]?[{UPPER}])")


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end that is followed by a capitalised word."""
    ends = []
    for match in _BOUNDARY.finditer(text):
        before = text[max(0, match.start(1) - 80): match.start(1)]
        token = re.search(r"(\S*)$", before).group(1).lstrip("(\"»“'[")
        after = text[match.end():]
        word = token.lower()
        if match.group(1) == ".":
            if word in _NEVER_END or word.rstrip(".") in _NEVER_END:
                continue
            if before.endswith("§") or re.search(r"§\s*$", before):
                continue
            if re.fullmatch(rf"[{UPPER}]", token):  # an initial: "A. Jensen"
                continue
            if re.match(r"Stk\.", after):  # "§ 50. Stk. 2"
                continue
            if token.isdigit():
                # "kapitler: 1. Præsentation …" / "grundlaget. 2. Resume": a list label, not a
                # sentence ending in a number ("4 ud af 6. Derudover …").
                head = before[: len(before) - len(token)].rstrip()
                if not head or head[-1] in ":;":
                    continue
                if head[-1] == "." and not _is_abbreviation(head[:-1]):
                    continue
            # "mv.", "osv." and the like (_MAY_END) fall through: the capital letter that
            # follows makes it a new sentence.
        ends.append(match.end(2))
    return ends


def _is_abbreviation(before: str) -> bool:
    """Whether the word just before a period ("… stk" of "stk.") is an abbreviation."""
    word = re.search(r"(\S*)$", before).group(1).lstrip("(\"»“'[").lower()
    return word in _NEVER_END or word in _MAY_END


def plain(text: str) -> str:
    """One line, every whitespace (paragraph marks too) a single space."""
    return re.sub(r"\s+", " ", text).strip()


def split_items(text: str) -> list[str]:
    """A run-together bullet list → its items, split where a sentence ends and the next begins
    with a capital letter. Abbreviations (jf., f.eks., bl.a., stk., nr., §) do not split."""
    text = plain(text)
    if not text:
        return []
    items, start = [], 0
    for end in sentence_ends(text):
        items.append(text[start:end].strip())
        start = end
    items.append(text[start:].strip())
    return [item for item in items if item and re.search(r"\w", item)]


def count_words(text: str) -> int:
    return len(re.findall(r"\w+", text))

"""The personal-data patterns and the mask: what a CPR number, an e-mail address, a Danish phone
number or a hidden name looks like in text, and the text with them masked.

A leaf: it imports nothing of the package, so anything may use it, `errors.Problem` among them
(a message quoting a wrong cell must not spread what the cell holds). The guard that walks a
bundle and a rendered document with these patterns is `privacy.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

# ---- what is looked for: on normalised text ------------------------------------------------
#
# Every text is normalised before it is searched, the way a reader sees it: NFKC (full-width
# digits and ＠ become ASCII), invisible characters (zero-width space, soft hyphen, joiners,
# bidi marks) dropped, every dash a hyphen, every kind of space one space, case folded. A line
# break is a space too; only the boundary between two blocks of the rendered document (two
# table cells, two paragraphs) is a newline, which none of the patterns crosses.

# CPR: ddmmyy-nnnn, with a hyphen, a slash, a space or nothing, the date part also in pairs.
_CPR = re.compile(r"(?<!\d)(?<!\d[.,])(\d{2})[ .]?(\d{2})[ .]?(\d{2}) ?[-/.]? ?(\d{4})"
                  r"(?!\d|[.,]\d)")
# The lookbehind starts a match only where a run of address characters starts: without it, a
# long run with no @ (a 100 KB cell of letters) is scanned once from every position, O(n²).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+ ?(?:@|\(at\)|\[at\]) ?[\w-]+(?:\.[\w-]+)+")
# Danish phone numbers: 8 digits, alone, in fours or in pairs (space, hyphen or dot between),
# optionally after +45 or 0045.
_PHONE = re.compile(r"(?<![\w.,+-])(?:(?:\+|00)45 ?)?"
                    r"(?:\d{8}|\d{4}[ .-]\d{4}|\d{2}[ .-]\d{2}[ .-]\d{2}[ .-]\d{2}"
                    r"|\d{2}[ .-]\d{2}[ .-]\d{4}|\d{4}[ .-]\d{2}[ .-]\d{2})"
                    r"(?![\w-]|[.,]\d)")
# What may follow or precede eight digits that are no phone number: an amount, a count, a
# case number (the false positives `12345678 kr.`, `10 12 14 16 sager`, `Sagsnr. 2021 0045`).
_UNIT_AFTER = re.compile(r" ?(?:kr\b|kr\.|kroner|dkk|mio|mia|%|pct|procent|sager|sag\b|børn|"
                         r"unge|familier|personer|borgere|ansatte|timer|dage|uger|måneder|år\b|"
                         r"stk|gange|underretninger|anbringelser|indbyggere)")
_NUMBER_BEFORE = re.compile(r"(?:nr|nummer|sagsnummer|journalnummer|id|kode|version|cvr)\.?:? ?$")

# Columns that hold numbers, years or months: a value there is never a phone number.
NUMERIC_COLUMNS = {"vaerdi", "aar", "runde", "sager", "antal", "maaned"}


@cache
def _tables() -> tuple[dict[int, str | None], re.Pattern]:
    """The translation every text gets after NFKC: invisible characters (Unicode's format
    characters, the soft hyphen among them) dropped, dashes and minus signs made hyphens.
    Scanned once from Unicode's categories (the planes that have such characters)."""
    import unicodedata

    table: dict[int, str | None] = {}
    planes = [*range(0x10000), *range(0x11000, 0x11100), *range(0x1BC00, 0x1BCB0),
              *range(0x1D100, 0x1D200), *range(0xE0000, 0xE0080)]
    for code in planes:
        category = unicodedata.category(chr(code))
        if category in ("Cf", "Mn", "Me"):  # invisible, or a mark over a digit (0̲1̲)
            table[code] = None
        elif category == "Pd" or code in (0x2212, 0x2043, 0xFE63, 0xFF0D):
            table[code] = "-"
    spaces = re.compile(r"[^\S\n]+|[\x00-\x08\x0e-\x1f\x7f-\x9f]+")
    return table, spaces


def normalise(text: str) -> str:
    """`text` as the guard searches it (see above); a newline survives as a block boundary."""
    import unicodedata

    table, spaces = _tables()
    text = unicodedata.normalize("NFKC", text).translate(table)
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    text = spaces.sub(" ", text).casefold()
    # Markdown's marks left standing between digits (`00**-1234**` where they are no
    # emphasis) are printed, but read past
    return _MARKS.sub("", text) if "*" in text or "_" in text or "`" in text or "~" in text \
        else text


_MARKS = re.compile(r"(?<=[\d/ -])[*_~`]+(?=[\d/ -])|(?<=\d)[*_~`]+|[*_~`]+(?=\d)")


def normalise_blocks(text: str) -> str:
    """As `normalise`, but a newline stays: the boundary between two blocks of a document."""
    return "\n".join(normalise(block) for block in text.split("\n"))


def _plausible_cpr(match: re.Match) -> bool:
    day, month, year = (int(g) for g in match.groups()[:3])
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def _is_year(digits: str) -> bool:
    return 1900 <= int(digits) <= 2099


def _is_date(groups: list[str]) -> bool:
    """dd mm yyyy or yyyy mm dd, a real date in 1900–2099."""
    day, month, year = (groups if len(groups[2]) == 4 else groups[::-1])
    if len(year) != 4 or not _is_year(year):
        return False
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _plausible_phone(match: re.Match, text: str) -> bool:
    """Eight digits that are no phone number: two years (`2018 2019`, `2018-2019`), a case
    number (`Sagsnr. 2021 0045`), an amount or a count (`12345678 kr.`, `10 12 14 16 sager`),
    two times of day (`08 00 16 00`)."""
    number = match.group(0)
    digits = re.sub(r"\D", "", number)[-8:]
    groups = re.findall(r"\d+", number.removeprefix("+45").removeprefix("0045"))
    if len(groups) == 2 and _is_year(groups[0]) and _is_year(groups[1]):
        return False
    if len(groups) == 3 and _is_date(groups):  # 12.03.2015, 2015-11-12
        return False
    if _NUMBER_BEFORE.search(text[max(0, match.start() - 20):match.start()]):
        return False
    if _UNIT_AFTER.match(text, match.end()):
        return False
    if len(groups) == 4 and int(groups[0]) <= 23 and int(groups[2]) <= 23 \
            and groups[1] in ("00", "15", "30", "45") and groups[3] in ("00", "15", "30", "45"):
        return False
    return len(digits) == 8


def _cpr_shown(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return f"{digits[:6]}-XXXX"


def _phone_shown(number: str) -> str:
    """The number with its last four digits masked: `12 34 XX XX`."""
    digits = [i for i, c in enumerate(number) if c.isdigit()][-4:]
    return "".join("X" if i in digits else c for i, c in enumerate(number))


def _email_shown(address: str) -> str:
    local, _, domain = re.split(r" ?(@|\(at\)|\[at\]) ?", address, maxsplit=1)
    return f"{local[:1]}…@{domain}"


def _spans(text: str) -> list[tuple[int, int, str]]:
    """What the guard would refuse in normalised `text`: (start, end, masked form)."""
    spans = [(m.start(), m.end(), _cpr_shown(m.group(0)))
             for m in _CPR.finditer(text) if _plausible_cpr(m)]
    spans += [(m.start(), m.end(), _email_shown(m.group(0))) for m in _EMAIL.finditer(text)]
    spans += [(m.start(), m.end(), _phone_shown(m.group(0)))
              for m in _PHONE.finditer(text) if _plausible_phone(m, text)]
    return spans


_EXAMPLES = frozenset({"12 34 56 78", "navn@kommune.dk"})


def mask(text: str) -> str:
    """`text` with everything the guard would refuse masked, however it is written: a CPR
    number as its date part, a phone number without its last four digits, an e-mail address
    without its local part. An error message may quote a wrong cell; it must not spread what
    the cell holds."""
    import unicodedata

    table, _ = _tables()
    # normalised character by character, so that each position maps back to the original
    pieces: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        norm = unicodedata.normalize("NFKC", char).translate(table)
        if not norm or norm in "*_~`":  # read past, as normalise does between digits
            continue
        norm = " " if norm.isspace() else norm.casefold()
        if norm == " " and pieces and pieces[-1][1] == " ":
            continue
        pieces += [(index, c) for c in norm]
    flat = "".join(c for _, c in pieces)
    # the tool's own examples in its messages ("fx 12 34 56 78") are no one's data
    spans = sorted(span for span in _spans(flat) if flat[span[0]:span[1]] not in _EXAMPLES)
    if not spans:
        return text
    out, last = [], 0
    for start, end, shown in spans:
        begin, stop = pieces[start][0], pieces[end - 1][0] + 1
        if begin < last:
            continue  # overlapping finds: the first masked is enough
        out += [text[last:begin], shown]
        last = stop
    out.append(text[last:])
    return "".join(out)


def _phone_key(text: str) -> str:
    """A phone number as compared with an allowed one: its 8 digits, without +45 or 0045."""
    digits = re.sub(r"\D", "", text)
    return digits[-8:] if len(digits) > 8 and digits[:-8] in ("45", "0045") else digits


def allowed_values(report: Any) -> frozenset[str]:
    """The e-mail addresses (lower case) and phone numbers (8 digits) the document may print:
    an application's contacts and CVR number; nothing for any other document."""
    contacts = getattr(report, "published_contacts", None)
    if contacts is None:
        return frozenset()
    return frozenset(normalise(v) if "@" in v else _phone_key(v) for v in contacts())


@cache
def _name_pattern(name: str) -> re.Pattern | None:
    """A hidden name as it may be printed: its parts separated by spaces, hyphens or a line
    break, in its own order or surname first (`Holm, Mikkel`), with a possessive s (`Mikkel
    Holms`, `Jens'`)."""
    parts = [p for p in re.split(r"[ -]+", normalise(name)) if p]
    if not parts:
        return None
    between = r"[ ,-]*"  # nothing too: `Mikkel&shy;Holm` prints as one word
    forward = between.join(re.escape(p) for p in parts)
    options = [forward]
    if len(parts) > 1:
        options.append(re.escape(parts[-1]) + between + between.join(re.escape(p)
                                                                     for p in parts[:-1]))
    return re.compile(rf"(?<!\w)(?:{'|'.join(options)})(?:'s|s|')?(?!\w)")


def findings(text: str, hidden: list[str], allowed: frozenset[str] = frozenset(),
             blocks: bool = False) -> list[str]:
    """What in `text` looks like personal data, described in Danish. `allowed`: the values
    `allowed_values` lets through. `blocks`: a newline in `text` separates two blocks of a
    document, which no find spans."""
    text = normalise_blocks(text) if blocks else normalise(text)
    found = []
    cpr_spans = []
    for match in _CPR.finditer(text):
        if _plausible_cpr(match):
            cpr_spans.append(match.span())
            # the message itself must not spread the number: only its date part is shown
            found.append(f"ligner et CPR-nummer ('{_cpr_shown(match.group(0))}')")
    for match in _EMAIL.finditer(text):
        address = re.sub(r" ?(?:@|\(at\)|\[at\]) ?", "@", match.group(0))
        if address in allowed:
            continue
        found.append(f"indeholder en e-mailadresse ('{match.group(0)}')")
    for match in _PHONE.finditer(text):
        if any(a <= match.start() < b or a < match.end() <= b for a, b in cpr_spans):
            continue
        if _phone_key(match.group(0)) in allowed or not _plausible_phone(match, text):
            continue
        found.append(f"ligner et telefonnummer ('{match.group(0).strip()}')")
    for name in hidden:
        pattern = _name_pattern(name) if name else None
        if pattern is not None and pattern.search(text):
            found.append(f"nævner '{name}', som bundtet har under skjul")
    return found

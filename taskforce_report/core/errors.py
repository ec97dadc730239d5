"""User errors: a mistake in the input, told as file, place, what was expected and what was found.

Everything raised from here is printed by the command line (cli/) as one message and exits 1,
without a traceback. Any other exception is a bug in the tool and may show one. No click here:
the library can be used without the command line, and the CLI maps these errors itself.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from taskforce_report.core.redact import mask

# A message is one line a person can read: a value from the bundle may hold line breaks,
# terminal escapes or ten megabytes, none of which belongs in it.
MAX_LINE = 600  # characters of one problem's line; a longer one keeps its head and its tail
MAX_SHOWN = 50  # problems listed; the rest are counted
MAX_ROW_PROBLEMS = 25  # a table's row errors: more than this are summarised, not listed
_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str, limit: int = MAX_LINE) -> str:
    """`text` as one printable line: a line break shown as ⏎, a control character (a terminal
    escape, a bidi override) as \\xNN, and the middle of an over-long text left out."""
    text = _BREAKS.sub("⏎", text).replace("\t", " ")
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)
    if len(text) > limit:
        head, tail = limit * 2 // 3, limit // 4
        left_out = f"{len(text) - head - tail:,}".replace(",", ".")
        text = f"{text[:head]} … [{left_out} tegn udeladt] … {text[-tail:]}"
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input."""

    file: str
    place: str  # a key path such as "temaer.underretninger.styrker", "række 14", "C14"
    message: str
    line: str = ""  # "linje 12" or "linje 12, kolonne 3", where the file has lines

    def __str__(self) -> str:
        where = f"{self.file}, {self.line}" if self.line else self.file
        if self.place:
            where += f": {self.place}"
        # a message quoting a cell must not spread a CPR number or a phone number it holds
        return one_line(mask(f"{where}: {self.message}"))


class InputError(Exception):
    """The bundle is wrong; nothing is written. The CLI prints `Fejl: ` and `format_message()`
    on stderr and exits with `exit_code`."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.message = "\n".join(str(p) for p in self.problems)
        super().__init__(self.message)

    def format_message(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} fejl i input:"]
        # one more than MAX_SHOWN: the last may be a loader's own "… og N fejl mere"
        if len(self.problems) <= MAX_SHOWN + 1:
            lines += [f"  - {p}" for p in self.problems]
        else:
            lines += [f"  - {p}" for p in self.problems[:MAX_SHOWN]]
            lines.append(f"  … og {len(self.problems) - MAX_SHOWN} fejl mere; ret dem ovenfor "
                         "først")
        return "\n".join(lines)


def suggest(word: str, choices: list[str]) -> str:
    """" — mente du 'x'?" for the choice nearest a misspelt name, or "": every did-you-mean of
    the messages (a key, a theme, a criterion, a document type) is this one."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" — mente du '{close[0]}'?" if close else ""


def input_error(file: str, place: str, message: str, line: str = "") -> InputError:
    return InputError(Problem(file, place, message, line))


def raise_row_problems(source: str, problems: list[Problem]) -> None:
    """Raises what a table's rows were found to have wrong, if anything: the first
    MAX_ROW_PROBLEMS, then one line saying there are more."""
    if not problems:
        return
    if len(problems) > MAX_ROW_PROBLEMS:
        problems = problems[:MAX_ROW_PROBLEMS] + [
            Problem(source, "", "… og flere; ret fejlene ovenfor først")]
    raise InputError(problems)

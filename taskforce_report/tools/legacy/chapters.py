"""Recognising the report's chapters: the summary and the central recommendations
(chapters 1 and 2), the later chapters set aside, and chapter 3's themes with their
presentation, analysis, strengths, challenges and recommendations."""

from __future__ import annotations

import re

from taskforce_report import catalogues
from taskforce_report.tools.legacy.model import LegacyReport, ThemeImport
from taskforce_report.tools.legacy.reading import KOMMUNE, LOWER, NAME, UPPER, plain, split_items

# ---- chapters 1 and 2


def _find(pattern: str, text: str, start: int = 0, end: int | None = None):
    return re.compile(pattern).search(text, start, len(text) if end is None else end)


def read_chapters(report: LegacyReport, body: int) -> None:
    text = report.source.text
    ch1 = _find(r"(?<![\d.])1\.? Indledning\b", text, body)
    ch2 = _find(r"(?<![\d.])2\.? Resume(?:\w*)? og anbefalinger\b", text, body)
    ch3 = _find(r"(?<![\d.])3\.? Afrapportering på de enkelte temaer\b", text, body)
    start3 = ch3.start() if ch3 else None
    ch4 = _find(r"(?<![\d.])4\.? Nøgletalsanalyse\b", text, ch3.end() if ch3 else body)
    end3 = ch4.start() if ch4 else len(text)
    if ch1:
        report.claim(ch1.start(), ch2.start() if ch2 else (start3 or ch1.end()), "udeladt",
                     "kapitel 1 Indledning: fast tekst, som værktøjet selv skriver; tallene for "
                     "analysens grundlag (sager, interviews) hører hjemme i bundtets tabeller")
    if ch2:
        _chapter_two(report, ch2, start3 if start3 is not None else end3)
    else:
        report.note("mangler", "Kapitel 2 (Resume og anbefalinger) er ikke fundet; `resume` og "
                    "`anbefalinger` er tomme.")
    if ch3:
        _themes(report, ch3.end(), end3)
        report.claim(ch3.start(), ch3.end(), "overskrift", "kapitel 3")
    else:
        _themes(report, ch2.end() if ch2 else body, end3)
    if ch4:
        _later_chapters(report, ch4.start())


def _chapter_two(report: LegacyReport, heading: re.Match, end: int) -> None:
    text = report.source.text
    report.claim(heading.start(), heading.end(), "overskrift", "kapitel 2")
    resume = _find(r"(?<![\d.])2\.1\.? Resum[eé]\b", text, heading.end(), end)
    recs = _find(r"(?<![\d.])2\.2\.? (?:Centrale )?[Aa]nbefalinger\b", text, heading.end(), end)
    intro_end = resume.start() if resume else (recs.start() if recs else end)
    report.claim(heading.end(), intro_end, "standard", "kapitel 2's indledning")
    if resume:
        report.claim(resume.start(), resume.end(), "overskrift", "2.1 Resume")
        stop = recs.start() if recs else end
        report.resume = text[resume.end():stop].strip()
        report.claim(resume.end(), stop, "placeret", "resume")
        report.found["resume"] = report.pages(resume.end(), stop)
        report.note("advarsel", "Resumeet er ét afsnit: afsnitsskift kan ikke ses i den udtrukne "
                    "tekst. Del det gerne i afsnit (en tom linje) i `resume`.", resume.end())
    else:
        report.note("mangler", "Afsnit 2.1 Resume er ikke fundet; `resume` er tom.")
    if recs:
        report.claim(recs.start(), recs.end(), "overskrift", "2.2 Anbefalinger")
        lead = _anbefaler(text, recs.end(), end)
        if lead:
            report.claim(recs.end(), lead.end(), "standard", "indledning til anbefalingerne")
            report.anbefalinger = split_items(text[lead.end():end])
            report.claim(lead.end(), end, "placeret", "anbefalinger")
            report.found["anbefalinger"] = report.pages(lead.end(), end)
            if re.search(r"\bat\s*:\s*$", lead.group(0)):
                report.note(
                    "advarsel",
                    f"De centrale anbefalinger står i kilden efter “{plain(lead.group(0))}” "
                    "(navneform: “Sikre …”); de er overtaget ordret. Rapporten indleder dem med "
                    f"“Task Forcen anbefaler, at {report.kommune or '<kommune>'}:”, så overvej "
                    "nutidsform (“Sikrer …”).",
                    lead.start(),
                )
        else:
            report.note("mangler", "Indledningen “Task Forcen anbefaler …:” til de centrale "
                        "anbefalinger er ikke fundet; `anbefalinger` er tom.", recs.start())
    else:
        report.note("mangler", "Afsnit 2.2 Anbefalinger er ikke fundet; `anbefalinger` er tom.")


_ANBEFALER = re.compile(
    rf"Task\s+Forcen\s+anbefaler(?:\s+hermed)?,?\s*(?:at\s+)?(?:{KOMMUNE}|kommunen)?\s*"
    rf"(?:at\s*)?:"
)


def _anbefaler(text: str, start: int, end: int):
    return _ANBEFALER.search(text, start, end)


def _later_chapters(report: LegacyReport, start: int) -> None:
    text = report.source.text
    headings = [
        (r"(?<![\d.])4\.? Nøgletalsanalyse\b",
         "kapitel 4 Nøgletalsanalyse: tekst og figurer importeres ikke; nøgletallene hører "
         "hjemme i noegletal.csv"),
        (r"(?<![\d.])5\.? Resultat af sagsgennemgang\b",
         "kapitel 5 Resultat af sagsgennemgang: importeres ikke; sagerne hører hjemme i "
         "sagsgennemgang.csv"),
        (r"(?<![\d.])6\.? Resultat af interviews\b",
         "kapitel 6 Resultat af interviews med børn: importeres ikke; interviewene hører "
         "hjemme i interviews.yaml"),
    ]
    found = []
    for pattern, label in headings:
        match = _find(pattern, text, start)
        if match:
            found.append((match.start(), label))
    found.sort()
    for i, (offset, label) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(text)
        report.claim(offset, stop, "udeladt", label)


# ---- chapter 3: the themes

_EXTRA_ALIASES = {
    "boernefaglige_undersoegelser": ["Børnefaglig undersøgelse", "Børnefaglige undersøgelser"],
    "handleplan": ["Handleplaner", "Handleplan"],
    "personrettet_tilsyn": ["Det personrettede tilsyn", "Personrettet tilsyn",
                            "Personrettede tilsyn"],
    "afslutning_af_sager": ["Afslutning af sager"],
}


def theme_aliases() -> dict[str, list[str]]:
    """Each theme's headings as old reports write them, longest first."""
    aliases = {}
    for theme_id, theme in catalogues.themes().items():
        names = {theme.overskrift, *_EXTRA_ALIASES.get(theme_id, [])}
        aliases[theme_id] = sorted(names, key=len, reverse=True)
    return aliases


def _theme_headings(report: LegacyReport, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, theme id, heading as written) for each theme found, in source order."""
    text = report.source.text
    aliases = theme_aliases()
    order = list(aliases)
    found: dict[str, tuple[int, int, str]] = {}
    # 1. numbered headings: "3.4 Børnefaglige undersøgelser Temaets fokus …"
    for theme_id, names in aliases.items():
        alt = "|".join(re.escape(n) for n in names)
        match = _find(rf"(?<![\d.])3\.(\d{{1,2}})\.?\s+({alt})(?=\s+[{UPPER}\d])", text, start, end)
        if match:
            found[theme_id] = (match.start(), match.end(), match.group(0))
    # 2. a heading whose number was lost in the extraction: between its neighbours, after the
    #    previous theme's recommendations, the heading followed by a capitalised word.
    for index, theme_id in enumerate(order):
        if theme_id in found:
            continue
        before = [found[t] for t in order[:index] if t in found]
        after = [found[t] for t in order[index + 1:] if t in found]
        lo = before[-1][1] if before else start
        hi = after[0][0] if after else end
        rec = _ANBEFALER.search(text, lo, hi) if before else None
        if rec:
            lo = rec.end()
        alt = "|".join(re.escape(n) for n in aliases[theme_id])
        match = _find(rf"(?<![\w-])({alt})(?=\s+[{UPPER}])", text, lo, hi)
        if match and _find(r"Præsentation af|Task Forcens analyse|Styrker|Udfordringer",
                           text, match.end(), hi):
            found[theme_id] = (match.start(), match.end(), match.group(0))
            report.note(
                "advarsel",
                f"Temaet “{match.group(1)}” står uden afsnitsnummer i kildeteksten; temaets "
                "start er sat ved overskriften. Tjek at det foregående temas sidste punkt "
                "slutter rigtigt.",
                match.start(),
            )
    heads = sorted((s, e, t, h) for t, (s, e, h) in found.items())
    return heads


def _themes(report: LegacyReport, start: int, end: int) -> None:
    heads = _theme_headings(report, start, end)
    themes = catalogues.themes()
    if heads:
        report.claim(start, heads[0][0], "standard", "kapitel 3's indledning")
    for i, (h_start, h_end, theme_id, heading) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else end
        report.claim(h_start, h_end, "overskrift", f"tema {themes[theme_id].overskrift}")
        report.temaer[theme_id] = _theme(report, theme_id, heading, h_end, stop)
    for theme_id, theme in themes.items():
        if theme_id not in report.temaer and theme_id in _classic_ids():
            report.note("mangler", f"Temaet “{theme.overskrift}” er ikke fundet i kildeteksten; "
                        "det er ikke med i bundtet.")


def _classic_ids() -> list[str]:
    concept = catalogues.concepts().get("klassisk")
    return concept.theme_ids if concept else list(catalogues.themes())


def _subheading(text: str, match: re.Match, kommune: str | None) -> int:
    """The end of an inline subheading such as "Præsentation af Randers Kommunes arbejde med
    underretninger": after the lead words, an optional "<Kommune>s", then lowercase words up
    to the first capitalised word, where the body begins."""
    pos = match.end()
    genitive = re.compile(rf"\s*(?:{NAME} Kommunes|kommunens)(?=\s)")
    g = genitive.match(text, pos)
    if g:
        pos = g.end()
    word = re.compile(rf"\s+[{LOWER}][\w/-]*(?=\s|$)")
    while True:
        w = word.match(text, pos)
        if not w:
            break
        pos = w.end()
    return pos


def _theme(report: LegacyReport, theme_id: str, heading: str, start: int, end: int):
    text = report.source.text
    title = catalogues.themes()[theme_id].overskrift
    item = ThemeImport(theme_id, heading, report.source.page(start),
                       report.source.page(max(start, end - 1)))
    pres = _find(r"Præsentation af\b", text, start, end)
    anal = _find(r"Task Forcens analyse af\b", text, pres.end() if pres else start, end)
    rec = _ANBEFALER.search(text, anal.end() if anal else start, end)
    lists_end = rec.start() if rec else end
    lists_from = anal.end() if anal else (pres.end() if pres else start)
    udf = _last(rf"(?<![\w-])Udfordringer(?=\s+[{UPPER}]|\s*$)", text, lists_from, lists_end)
    sty = _last(rf"(?<![\w-])Styrker(?=\s+[{UPPER}]|\s*$)", text, lists_from,
                udf.start() if udf else lists_end)
    # The text before the first subheading is the theme's fixed introduction.
    first = min((m.start() for m in (pres, anal, sty, udf, rec) if m), default=end)
    report.claim(start, first, "standard", f"{title}: fast indledning til temaet (værktøjet "
                 "skriver sin egen)")
    # Each part runs to the next subheading found.
    marks = sorted((m.start(), name, m) for name, m in
                   (("praesentation", pres), ("analyse", anal), ("styrker", sty),
                    ("udfordringer", udf), ("anbefalinger", rec)) if m)
    for j, (_, name, m) in enumerate(marks):
        part_end = marks[j + 1][0] if j + 1 < len(marks) else end
        if name in ("praesentation", "analyse"):
            body = _subheading(text, m, report.kommune)
        else:
            body = m.end()
        report.claim(m.start(), body, "overskrift", f"{title}: {name}")
        content = text[body:part_end].strip()
        report.claim(body, part_end, "placeret", f"{title}: {name}")
        if name in ("praesentation", "analyse"):
            setattr(item, name, content)
        else:
            setattr(item, name, split_items(content))
    labels = {"praesentation": "Præsentation", "analyse": "Task Forcens analyse",
              "styrker": "Styrker", "udfordringer": "Udfordringer",
              "anbefalinger": "Task Forcen anbefaler"}
    present = {name for _, name, _ in marks}
    for name, label in labels.items():
        if name not in present:
            report.note("mangler", f"{title}: overskriften “{label}” er ikke fundet; `{name}` "
                        "er tom.", start)
        elif not getattr(item, name):
            m = next(m for _, n, m in marks if n == name)
            report.note("mangler", f"{title}: overskriften “{label}” står i kilden uden tekst "
                        f"eller punkter under sig; `{name}` er tom.", m.start())
    return item


def _last(pattern: str, text: str, start: int, end: int):
    matches = list(re.compile(pattern).finditer(text, start, end))
    return matches[-1] if matches else None

"""ANALYSE, for the committee slide deck (`--format slides`): rapport.yaml's `dias:` and the
status report's goals → the slides, each with its figures checked and formatted.

A table's sum row is checked against its rows, a headline figure or a chart slide that names a
goal must name one the plan has, and a number that YAML would read wrongly (`-5.300` is -5,3)
is refused. The words stay in templates/statusrapport/dias.html; whether each slide fits its
page is checked by the layout (pdf.render_pdf, `one_page_each`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from taskforce_report.core import language
from taskforce_report.core.errors import InputError, Problem, suggest
from taskforce_report.load.validation import dotted
from taskforce_report.models import HeadlineFigure, SlideDeck, SlideTable

FILE = "rapport.yaml"
# The overview of the goals continues on a further slide after this many rows (a development
# point's heading counts as a row): a 16:9 slide holds about ten at a readable size.
OVERVIEW_ROWS = 10
_MAX_DECIMALS = 2
# "-5.300", "1.234,5", "−250": Danish thousands and decimal comma, any minus sign.
_DANISH_NUMBER = re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
# What YAML reads as a decimal point although a Dane meant thousands: -5.300, 1.000.000
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+$")


@dataclass(frozen=True)
class FigureView:
    tal: str  # "2.756", "54 %"
    tekst: str  # "underretninger i 2022"
    detalje: str  # "målt på 39 sager", or ""
    kilde: str  # "DUBU, 2022", "Ledelsestilsynet, december 2021"


@dataclass(frozen=True)
class TableView:
    overskrift: str
    enhed: str
    kolonner: tuple[str, ...]
    raekker: tuple[tuple[str, tuple[str, ...]], ...]  # (navn, cells)
    i_alt: tuple[str, ...]
    i_alt_angivet: bool  # the bundle gave the sum row (and it added up)


@dataclass(frozen=True)
class SlideView:
    nr: int
    id: str  # "dias-3": its anchor, and how the layout finds it
    kind: str  # titel, skille (a divider: a title alone), tekst, kolonner, noegletal, overblik,
    # maal, tabel
    titel: str
    tekst: str = ""
    figures: tuple[FigureView, ...] = ()
    goals: tuple[Any, ...] = ()  # auditgoals.GoalStatus: the overview's rows
    goal: Any = None  # auditgoals.GoalStatus: a chart slide's goal
    series: Any = None  # auditgoals.CriterionStatus: the measurement of it the slide shows
    columns: tuple[str, ...] = ()  # the Markdown texts of a slide of two or three columns
    table: TableView | None = None
    place: str = ""  # "dias.sider[3]": where the bundle wrote it
    line: str = ""  # "linje 212"
    del_af: str = ""  # "1 af 2" for a continued overview

    @property
    def label(self) -> str:
        """How an error names the slide: `dias 4 ('Budget og forbrug')`."""
        return f"dias {self.nr}" + (f" ('{self.titel}')" if self.titel else "")


@dataclass(frozen=True)
class Deck:
    titel: str
    undertitel: str
    moede: Any  # date or None
    slides: tuple[SlideView, ...]

    def one_page_each(self) -> dict[str, tuple[str, str, str, str]]:
        """For the layout's check (pdf.check_one_page_each): each slide's anchor → file,
        place, line and name, so an overfull slide is named where the bundle wrote it."""
        return {s.id: (FILE, s.place, s.line, s.label) for s in self.slides}


def deck(spec: SlideDeck, report: Any, goals: tuple, doc: Any = None) -> Deck:
    """The slides of `spec` in order, after a title slide. `goals` are the status report's
    (auditgoals.GoalStatus); `doc`, rapport.yaml's nodes, gives errors a line and tells quoted
    numbers from unquoted."""
    problems: list[Problem] = []
    by_criterion = {m.kriterium: g for g in goals for m in g.maalte}
    slides: list[SlideView] = [SlideView(1, "dias-1", "titel", spec.titel or report.titel)]

    def add(**fields: Any) -> None:
        nr = len(slides) + 1
        slides.append(SlideView(nr=nr, id=f"dias-{nr}", **fields))

    for index, slide in enumerate(spec.sider):
        path = ("dias", "sider", index)
        where = {"place": dotted(path), "line": _line(doc, path)}
        if slide.noegletal:
            figures = tuple(_figure(f, (*path, "noegletal", i), by_criterion, doc, problems)
                            for i, f in enumerate(slide.noegletal))
            add(kind="noegletal", titel=slide.titel, tekst=slide.tekst, figures=figures, **where)
        elif slide.overblik:
            chunks = _overview_chunks(goals)
            if not chunks:
                problems.append(_problem((*path, "overblik"), doc, "planen har ingen mål at "
                                         "vise"))
            for n, chunk in enumerate(chunks, start=1):
                add(kind="overblik", titel=slide.titel or "Målene i ledelsestilsynet",
                    tekst=slide.tekst if n == 1 else "", goals=chunk,
                    del_af=f"{n} af {len(chunks)}" if len(chunks) > 1 else "", **where)
        elif slide.maal:
            goal = _goal(slide.maal, (*path, "maal"), by_criterion, doc, problems)
            series = goal.measured_by(slide.maal) if goal is not None else None
            if series is not None and not series.chart:
                problems.append(_problem((*path, "maal"), doc, f"målet '{goal.kort}' er ikke "
                                         "målt i mindst to runder af ledelsestilsynet; der er "
                                         "ingen udvikling at vise i en figur"))
            titel = slide.titel or (f"Mål {goal.nr}: {goal.kort}" if goal else "")
            add(kind="maal", titel=titel, tekst=slide.tekst, goal=goal, series=series,
                **where)
        elif slide.tabel is not None:
            table = _table(slide.tabel, (*path, "tabel"), doc, problems)
            add(kind="tabel", titel=slide.titel, tekst=slide.tekst, table=table, **where)
        elif slide.kolonner:
            add(kind="kolonner", titel=slide.titel, tekst=slide.tekst,
                columns=tuple(slide.kolonner), **where)
        elif slide.tekst:
            add(kind="tekst", titel=slide.titel, tekst=slide.tekst, **where)
        else:  # a title alone divides the deck into parts
            add(kind="skille", titel=slide.titel, **where)
    if problems:
        raise InputError(problems)
    return Deck(spec.titel or report.titel, spec.undertitel, spec.moede, tuple(slides))


def _overview_chunks(goals: tuple) -> list[tuple]:
    """The goals in slides of at most OVERVIEW_ROWS rows, a development point's heading
    counted as a row and never left alone at the foot of a slide."""
    chunks: list[list] = []
    current: list = []
    rows = 0
    point = None
    for goal in goals:
        needed = 1 + (goal.udviklingspunkt != point)
        if current and rows + needed > OVERVIEW_ROWS:
            chunks.append(current)
            current, rows, point = [], 0, None
            needed = 2
        current.append(goal)
        rows += needed
        point = goal.udviklingspunkt
    if current:
        chunks.append(current)
    return [tuple(c) for c in chunks]


def _goal(criterion: str, path: tuple, by_criterion: dict, doc: Any,
          problems: list[Problem]) -> Any:
    goal = by_criterion.get(criterion)
    if goal is None:
        known = list(by_criterion)
        problems.append(_problem(path, doc, f"intet mål i udviklingsplanen måles med "
                                 f"kriteriet '{criterion}'{suggest(criterion, known)} (målenes "
                                 f"kriterier: {', '.join(known) or 'ingen'})"))
    return goal


def _figure(figure: HeadlineFigure, path: tuple, by_criterion: dict, doc: Any,
            problems: list[Problem]) -> FigureView:
    if figure.kriterium is not None:
        goal = _goal(figure.kriterium, (*path, "kriterium"), by_criterion, doc, problems)
        latest = goal.measured_by(figure.kriterium).seneste if goal is not None else None
        if goal is not None and (latest is None or latest.andel is None):
            problems.append(Problem(FILE, dotted((*path, "kriterium")), f"målet '{goal.kort}' "
                                    "er ikke målt i seneste runde af ledelsestilsynet",
                                    _line(doc, path)))
            latest = None
        if latest is None:
            return FigureView("–", figure.tekst, "", figure.kilde)
        return FigureView(language.percent(latest.andel), figure.tekst or goal.kort,
                          f"målt på {language.number(latest.grundlag)} sager",
                          figure.kilde or f"Ledelsestilsynet, {latest.maaned}")
    value = _amount(figure.tal, (*path, "tal"), doc, problems)
    decimals = min(_decimals(value), _MAX_DECIMALS) if value is not None else 0
    source = ", ".join(str(part) for part in (figure.kilde, figure.aar) if part)
    return FigureView(language.amount(value, decimals), figure.tekst, "", source)


def _table(table: SlideTable, path: tuple, doc: Any, problems: list[Problem]) -> TableView:
    columns = tuple(str(c) for c in table.kolonner)
    width = len(columns)
    rows: list[tuple[str, list[Decimal | None]]] = []
    for r, row in enumerate(table.raekker):
        row_path = (*path, "raekker", r, "tal")
        if len(row.tal) != width:
            problems.append(_problem(row_path, doc, f"rækken '{row.navn}' har {len(row.tal)} "
                                     f"tal, men tabellen har {width} kolonner "
                                     f"({', '.join(columns)})"))
        rows.append((row.navn, [_amount(v, (*row_path, c), doc, problems)
                                for c, v in enumerate(row.tal)]))
    sums = [sum((values[c] for _, values in rows
                 if c < len(values) and values[c] is not None), Decimal(0))
            for c in range(width)]
    given = None
    if table.i_alt is not None:
        total_path = (*path, "i_alt")
        if len(table.i_alt) != width:
            problems.append(_problem(total_path, doc, f"i_alt har {len(table.i_alt)} tal, men "
                                     f"tabellen har {width} kolonner ({', '.join(columns)})"))
        given = [_amount(v, (*total_path, c), doc, problems) for c, v in enumerate(table.i_alt)]
        decimals = _table_decimals(rows, given)
        for c, (stated, computed) in enumerate(zip(given, sums, strict=False)):
            if stated is not None and stated != computed:
                problems.append(_problem(
                    (*total_path, c), doc,
                    f"summen af rækkerne i kolonnen {columns[c]} er "
                    f"{language.number(computed, decimals)}, men i_alt siger "
                    f"{language.number(stated, decimals)} (forskel "
                    f"{language.number(stated - computed, decimals)}); ret rækkerne eller "
                    "i_alt, eller udelad i_alt, så beregnes summen"))
    decimals = _table_decimals(rows, given or [])
    return TableView(
        overskrift=table.overskrift, enhed=table.enhed, kolonner=columns,
        raekker=tuple((name, tuple(language.amount(v, decimals) for v in values))
                      for name, values in rows),
        i_alt=tuple(language.amount(v, decimals) for v in sums),
        i_alt_angivet=table.i_alt is not None)


def _line(doc: Any, path: tuple) -> str:
    """rapport.yaml's line for `path` ("linje 212"), when its nodes are known."""
    return doc.locate(path) if doc is not None else ""


def _problem(path: tuple, doc: Any, message: str) -> Problem:
    return Problem(FILE, dotted(path), message, _line(doc, path))


def _amount(value: Any, path: tuple, doc: Any, problems: list[Problem]) -> Decimal | None:
    """A figure as an exact Decimal. Unquoted `-5.300` is refused: YAML has made it -5,3."""
    if isinstance(value, str):
        text = re.sub(r"[\s\u00a0]", "", value).replace("\u2212", "-").replace("\u2013", "-")
        if not _DANISH_NUMBER.match(text):
            problems.append(_problem(path, doc, f"forventede et tal som -5300, '-5.300' eller "
                                     f"'1.234,5'; fandt '{value}'"))
            return None
        return Decimal(text.replace(".", "").replace(",", "."))
    written = doc.plain_scalar(path) if doc is not None else None
    if written is not None and _THOUSANDS.match(written.strip()):
        problems.append(_problem(path, doc, f"'{written}' læses som {str(value).replace('.', ',')}"
                                 f", ikke som tusinder; skriv {written.replace('.', '')} eller "
                                 f"'{written}' i anførselstegn"))
        return None
    return Decimal(str(value))


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _table_decimals(rows: list, more: list) -> int:
    values = [v for _, vs in rows for v in vs if v is not None]
    values += [v for v in more if v is not None]
    return min(max((_decimals(v) for v in values), default=0), _MAX_DECIMALS)


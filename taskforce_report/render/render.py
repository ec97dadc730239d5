"""RENDER: the document structure and results → one HTML string, through Jinja2.

One environment: autoescaping on, undefined names are errors, the Danish formats registered
once as filters. Templates are looked up in the theme (child first), then in `templates/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from taskforce_report import __version__, documents
from taskforce_report.charts.spec import chart_url
from taskforce_report.core import language, text
from taskforce_report.core.errors import input_error
from taskforce_report.core.paths import TEMPLATES_DIR
from taskforce_report.load.themes import Theme
from taskforce_report.models import document_date
from taskforce_report.render import numbering
from taskforce_report.render.document import Document


@dataclass
class Assets:
    """Files the HTML refers to. For the PDF they are file URLs; for the HTML rendition they
    are copied beside the page under `assets/`."""

    flavour: str
    files: dict[str, Path] = field(default_factory=dict)

    def url(self, path: Path, name: str | None = None) -> str:
        path = Path(path).resolve()
        if self.flavour == "pdf":
            return path.as_uri()
        name = name or path.name
        self.files[name] = path
        return f"assets/{name}"


# How the templates are compiled; the compiled templates are kept under a name made from these,
# since Jinja's cache tells a changed template from its source but not a changed setting.
_SETTINGS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True,
             "keep_trailing_newline": False, "finalize": "bind_units"}


def _finalize(value: Any) -> Any:
    """Every printed value passes here: a number and its unit are tied together (`54 %`)
    by a filter, not by each template remembering to. Markup (rendered Markdown, charts) has
    had its text bound already or holds no prose."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return language.bind_units(value)
    return value


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk, beside the chart cache: a build then skips compiling its 40
    templates (about 0,1 s). A damaged file is compiled again, as a damaged chart is drawn."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 (any damage: compile the template instead)
            bucket.reset()


def _template_cache() -> _TemplateCache | None:
    import hashlib

    from taskforce_report.charts.chartcache import cache_dir

    folder = cache_dir()
    if folder is None:  # TASKFORCE_REPORT_CACHE=off
        return None
    setup = repr((__version__, jinja2.__version__, ImmutableSandboxedEnvironment.__name__,
                  sorted(_SETTINGS.items()), sorted(language.FILTERS),
                  # a filter that takes the context is compiled differently: part of the name
                  sorted((name, str(getattr(f, "jinja_pass_arg", None)))
                         for name, f in _TEXT_FILTERS.items())))
    folder = folder / f"skabeloner-{hashlib.sha256(setup.encode()).hexdigest()[:16]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only cache: compile as before
        return None
    return _TemplateCache(str(folder))


def environment(theme: Theme) -> ImmutableSandboxedEnvironment:
    loader = jinja2.FileSystemLoader([*theme.template_dirs(), TEMPLATES_DIR])
    # Sandboxed: a theme's templates may come from elsewhere than this project, and must not
    # reach Python internals (no __class__, no mutating calls) whatever they try.
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_template_cache(),
        **{**_SETTINGS, "finalize": _finalize},
    )
    env.filters.update(language.FILTERS)
    env.filters.update(_TEXT_FILTERS)
    env.tests["lille_grundlag"] = language.is_small_base  # a share of it is told as a count
    env.globals["lille_grundlag"] = language.SMALL_BASE
    return env


# The Markdown filters show the bundle's images by the URLs render_html puts in `billeder`.
@jinja2.pass_context
def _block(context, value: str | None) -> Markup:
    return text.block(value, context.get("billeder"))


@jinja2.pass_context
def _inline(context, value: str | None) -> Markup:
    return text.inline(value, context.get("billeder"))


def _list(items: Any, each: Any = None, word: str = "og", sep: str | None = None) -> str | Markup:
    """`a, b og c` from a template's items (language.join), so that no template builds a list
    with loop counters. `each`, a macro, renders one item (`runder|liste(runde)`); `word`
    joins the last two (`liste(word="eller")`); `sep` joins every item alike instead (`a; b;
    c`, for items that hold commas themselves). Markup items (a macro's output, rendered
    Markdown) stay markup and the plain ones beside them are escaped, never escaped twice."""
    parts = [each(item) for item in items] if each is not None else list(items)
    markup = any(isinstance(part, Markup) for part in parts)
    if markup:
        parts = [escape(part) for part in parts]
    joined = (sep.join(str(part) for part in parts) if sep is not None
              else language.join(parts, word))
    return Markup(joined) if markup else joined


_TEXT_FILTERS = {"md": _block, "md_inline": _inline, "liste": _list}


def theme_variables(theme: Theme) -> str:
    """The theme's colours and fonts as CSS custom properties: the one place they are set."""
    lines = [f"  --farve-{name}: {value};" for name, value in theme.colours.items()]
    lines += [f"  --skrift-{name}: '{value}';" for name, value in theme.fonts.items()
              if isinstance(value, str)]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def font_faces(theme: Theme, assets: Assets) -> str:
    rules = []
    for face, path in theme.font_faces():
        family, url = face["familie"], assets.url(path)
        weight, style = face.get("vaegt", 400), face.get("stil", "normal")
        rules.append(f"@font-face {{ font-family: '{family}'; src: url('{url}'); "
                     f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules) + "\n"


def document_title(report: Any) -> str:
    return f"{report.titel} – {report.kommune}"


def document_subject(report: Any, env: jinja2.Environment) -> str:
    """The PDF's subject, what the document is about in one line: its words are the template
    `<dokument>/emne.txt`, or `faelles/emne.txt` for a document type without its own, found
    by the theme's environment (`environment`)."""
    template = env.select_template([f"{report.dokument}/emne.txt", "faelles/emne.txt"])
    # metadata is plain text: the HTML escaping of the autoescaped environment is undone
    return Markup(template.render(rapport=report, kommune=report.kommune)).unescape().strip()


def document_author(report: Any, theme: Theme) -> str:
    """The municipality writes its own documents; the Task Force's carry the theme's author."""
    if documents.document_type(report.dokument).municipal:
        return report.kommune
    return theme.settings.get("forfatter", theme.publisher)


def _kind_context(report: Any, facts: dict[str, Any]) -> dict[str, Any]:
    """Values only some document types have, formatted once for the templates."""
    context: dict[str, Any] = {"grundlag": facts.get("grundlag"), "undertitel": ""}
    period = getattr(report, "dataindsamling", None)
    if period is not None:
        context["dataindsamling_fra"] = language.date(period.fra)
        context["dataindsamling_til"] = language.date(period.til)
    return context


def template_exists(theme: Theme, name: str) -> bool:
    """Whether the theme or templates/ has the template (e.g. "statusrapport/notat.html")."""
    try:
        environment(theme).get_template(name)
    except jinja2.TemplateNotFound:
        return False
    return True


def chart_references(specs: list) -> dict[str, Markup]:
    """Each chart as the PDF's HTML names it: an image fetched by id (spec.CHART_SCHEME),
    with its alt text; the screen's HTML holds the SVG itself instead."""
    return {spec.id: Markup('<img class="diagram" src="{}" alt="{}">').format(
        chart_url(spec.id), spec.alt) for spec in specs}


def render_html(doc: Document, report: Any, facts: dict[str, Any], theme: Theme,
                flavour: str = "pdf", charts: dict[str, Any] | None = None,
                top: str = "dokument", images: dict[str, Path] | None = None,
                draft: bool = False) -> tuple[str, Assets]:
    """`top` names the top template, `templates/<dokument>/<top>.html`: "dokument", or "notat"
    for the committee memo. `images`: the bundle's images by their name in its Markdown.
    `draft`: the draft for factual hearing (build --udkast, templates/faelles/udkast.html)."""
    assets = Assets(flavour)
    env = environment(theme)
    logo = theme.logo
    context = {
        "doc": doc,
        "rapport": report,
        "facts": facts,
        "charts": charts or {},
        "kommune": report.kommune,
        "dato": language.date(report.dato),
        "stempel": document_date(report).isoformat(),  # the PDF's fixed creation date
        "flavour": flavour,
        "udkast": draft,
        "theme": theme,
        "theme_css": theme_variables(theme) + font_faces(theme, assets),
        "stylesheets": [assets.url(p) for p in theme.stylesheets()],
        "logo": assets.url(logo) if logo else None,
        "logo_alt": theme.settings.get("logo_alt", theme.publisher),
        "udgiver": theme.publisher,
        "temaer": list(doc.themes),
        "dokumenttitel": document_title(report),
        "forfatter": document_author(report, theme),
        "emne": document_subject(report, env),
        "version": __version__,
        "numre": numbering.numbers(facts),  # tables and figures that follow another part's
        "kapitler": [{"nummer": c.label, "titel": c.title, "id": c.id} for c in doc.chapters],
        "billeder": {name: assets.url(path, "billede-" + name.replace("/", "-"))
                     for name, path in (images or {}).items()},
    }
    context.update(_kind_context(report, facts))
    template = env.get_template(f"{doc.kind}/{top}.html")
    try:
        return template.render(context), assets
    except SecurityError as exc:
        raise input_error(f"tema {theme.name}", "skabelon",
                          f"ikke tilladt i en skabelon: {exc}") from None


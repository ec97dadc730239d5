"""Rendering fetches nothing outside the bundle and the theme, and prints user HTML as text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from taskforce_report.core.errors import InputError
from taskforce_report.output.pdf import render_pdf


def page(body: str) -> str:
    return f'<html lang="da"><body><p>Tekst</p>{body}</body></html>'


@pytest.mark.parametrize("src", ["file:///etc/passwd", "http://example.com/logo.png",
                                 "https://example.com/a.css", "../../etc/hostname"])
def test_resources_outside_the_bundle_are_refused(tmp_path, src):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    with pytest.raises(InputError) as caught:
        render_pdf(page(f'<img src="{src}" alt="x">'), base_url=bundle, roots=[bundle])
    assert "ressource afvist" in str(caught.value.format_message())


def test_stylesheet_outside_is_refused(tmp_path):
    with pytest.raises(InputError):
        render_pdf(page('<link rel="stylesheet" href="file:///etc/passwd">'),
                   base_url=tmp_path, roots=[tmp_path])


def test_files_inside_the_bundle_are_allowed(tmp_path):
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<rect width="10" height="10"/></svg>', encoding="utf-8")
    data = render_pdf(page('<img src="logo.svg" alt="logo">'), base_url=tmp_path,
                      roots=[tmp_path])
    assert data.startswith(b"%PDF")


def test_html_in_the_bundle_text_is_printed_as_text(mini, tmp_path):
    from conftest import pdf_pages

    from taskforce_report.build import build

    path = mini / "rapport.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Hurtig vurdering af underretninger.",
                                 "Hurtig <script>alert(1)</script> <b>vurdering</b>."),
                    encoding="utf-8")
    pdf = build(mini, tmp_path / "out")
    joined = " ".join(pdf_pages(pdf))
    assert "Hurtig <script>alert(1)</script> <b>vurdering</b>." in joined


def test_theme_templates_render_in_the_sandbox(mini, tmp_path):
    """A theme whose template reaches for Python internals is refused with an input error."""
    from taskforce_report.build import prepare
    from taskforce_report.core.paths import THEMES_DIR
    from taskforce_report.load.themes import Theme
    from taskforce_report.render.render import render_html

    hostile = tmp_path / "fjendtlig"
    (hostile / "templates" / "faelles").mkdir(parents=True)
    (hostile / "theme.yaml").write_text("extends: socialstyrelsen\n", encoding="utf-8")
    (hostile / "templates" / "faelles" / "forside.html").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    prepared = prepare(mini)
    theme = Theme("fjendtlig", (hostile, THEMES_DIR / "socialstyrelsen"),
                  prepared.theme.settings)
    with pytest.raises(InputError) as caught:
        render_html(prepared.document, prepared.bundle.report, prepared.results.facts, theme)
    assert "ikke tilladt i en skabelon" in caught.value.format_message()


def test_the_layout_process_refuses_alike_and_lays_out_the_same(tmp_path):
    from taskforce_report.output.pdf import LayoutProcess

    with LayoutProcess() as layout:
        with pytest.raises(InputError) as caught:
            layout.render(page('<img src="file:///etc/passwd" alt="x">'), base_url=tmp_path,
                          roots=[tmp_path])
        assert "ressource afvist" in caught.value.format_message()
        # the same process goes on to the next job, and lays it out as this process would
        html = page('<p>Æblegrød og øllebrød på dansk.</p>')
        assert layout.render(html, base_url=tmp_path, roots=[tmp_path]) == \
            render_pdf(html, base_url=tmp_path, roots=[tmp_path])
    # it saw the pipe close and ended by itself, rather than being killed after a wait
    assert layout.exitcode == 0


CHART = ('<svg xmlns="http://www.w3.org/2000/svg" width="40pt" height="20pt">'
         '<rect width="40" height="20" fill="#003366"/><text x="2" y="14">Æblerate</text></svg>')


def test_charts_sent_while_the_layout_runs_give_the_same_pdf(tmp_path):
    from taskforce_report.charts.spec import chart_url
    from taskforce_report.output.pdf import LayoutProcess

    html = page(f'<img src="{chart_url("a")}" alt="Søjlediagram: a">'
                f'<img src="{chart_url("b")}" alt="Søjlediagram: b">')
    expected = render_pdf(html, base_url=tmp_path, roots=[tmp_path],
                          charts={"a": CHART, "b": CHART.replace("Æble", "Pære")})
    with LayoutProcess() as layout:
        # one chart with the HTML, the other after it, as a cold build sends them
        streamed = layout.render(html, base_url=tmp_path, roots=[tmp_path], charts={"a": CHART},
                                 more_charts=iter([("b", CHART.replace("Æble", "Pære"))]))
        assert streamed == expected
        # a chart the build never sends stops the layout with an error, not a wait
        with pytest.raises(InputError) as caught:
            layout.render(page(f'<img src="{chart_url("c")}" alt="x">'), base_url=tmp_path,
                          roots=[tmp_path], charts={"a": CHART})
        assert "ingen sådan figur" in caught.value.format_message()
    assert layout.exitcode == 0
    assert "Pære" in PdfReader(io.BytesIO(expected)).pages[0].extract_text()

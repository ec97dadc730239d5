"""The document-type registry (taskforce_report/documents/): every example's `dokument:` is a
registered type that agrees with the model loading picks, and an unknown one is told in
Danish, naming the file, the line, what is known and what was found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from taskforce_report import documents
from taskforce_report.cli import main
from taskforce_report.models import DOCUMENT_MODELS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "input").glob("*/rapport.yaml")) + sorted(
    (ROOT / "input").glob("*/*/rapport.yaml"))


def test_every_example_names_a_registered_type():
    found = {yaml.safe_load(path.read_text(encoding="utf-8"))["dokument"] for path in EXAMPLES}
    # the examples cover every type: a type without one would go untested here
    assert found == {"analyserapport", "statusrapport", "taskforce-status", "ansoegning",
                     "udviklingsplan"}
    for dokument in found:
        kind = documents.document_type(dokument)
        assert kind.dokument == dokument
        assert kind.model is DOCUMENT_MODELS[dokument]  # what load/bundle.py validates with


def test_the_registry_and_the_loader_know_the_same_types():
    assert sorted(k.dokument for k in documents.document_types()) == sorted(DOCUMENT_MODELS)


def test_a_type_without_a_model_for_loading_is_refused():
    """The id → model table has one home, models.DOCUMENT_MODELS (loading is a stage below the
    registry): a type it does not know could never be loaded, so it is not registered."""
    kind = documents.DocumentType("opfoelgning", lambda bundle, tables, prepare: None)
    with pytest.raises(ValueError, match="'opfoelgning' has no model in models.DOCUMENT_MODELS"):
        documents.register(kind)
    assert "opfoelgning" not in [k.dokument for k in documents.document_types()]


def test_only_the_status_report_offers_the_memo_and_the_slides():
    offers = {k.dokument: k.formats for k in documents.document_types()}
    assert [d for d, formats in offers.items() if "notat" in formats] == ["statusrapport"]
    assert [d for d, formats in offers.items() if "slides" in formats] == ["statusrapport"]
    assert all({"pdf", "html", "docx"} <= set(formats) for formats in offers.values())


def test_an_unregistered_id_is_a_lookup_error_naming_the_known_ones():
    with pytest.raises(LookupError, match="'ukendt'.*analyserapport.*udviklingsplan"):
        documents.document_type("ukendt")


def test_a_type_registered_twice_is_refused():
    kind = documents.document_type("analyserapport")
    with pytest.raises(ValueError, match="registered twice"):
        documents.register(kind)


def test_an_unknown_dokument_is_told_with_file_line_known_and_found(tmp_path):
    bundle = tmp_path / "bundt"
    shutil.copytree(ROOT / "input" / "eksempel-kommune", bundle)
    report = bundle / "rapport.yaml"
    text = report.read_text(encoding="utf-8")
    assert "dokument: analyserapport\n" in text
    report.write_text(text.replace("dokument: analyserapport\n", "dokument: analyserapprot\n"),
                      encoding="utf-8")
    before = report.read_bytes()
    result = CliRunner().invoke(main, ["validate", str(bundle)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = 1 + text.splitlines().index("dokument: analyserapport")
    assert (f"rapport.yaml, linje {line}: dokument: forventede en af analyserapport, "
            "statusrapport, taskforce-status, ansoegning, udviklingsplan; fandt "
            "'analyserapprot' — mente du 'analyserapport'?") in result.output
    assert report.read_bytes() == before


# The format registry (documents/formats.py), filled by the pipeline (build.py).

def test_the_cli_offers_exactly_the_registered_formats():
    from taskforce_report import build  # registers the formats it writes
    from taskforce_report.documents.formats import FORMATS

    option = next(p for p in main.commands["build"].params if p.name == "fmt")
    assert list(option.type.choices) == list(FORMATS) == ["pdf", "html", "notat", "slides",
                                                          "docx"]
    assert build.FORMATS is FORMATS
    offered = {name for kind in documents.document_types() for name in kind.formats}
    assert offered == set(FORMATS)


@pytest.mark.parametrize(("fmt", "stem", "draft", "name"), [
    ("pdf", "analyserapport", False, "analyserapport.pdf"),
    ("pdf", "analyserapport", True, "analyserapport-udkast.pdf"),
    ("html", "ansoegning", False, "ansoegning.html"),
    ("docx", "statusrapport", False, "statusrapport.docx"),
    ("notat", "statusrapport", False, "statusrapport-notat.pdf"),
    ("notat", "statusrapport", True, "statusrapport-notat-udkast.pdf"),
    ("slides", "statusrapport", False, "statusrapport-slides.pdf"),
])
def test_each_format_names_its_file_as_before(fmt, stem, draft, name):
    import taskforce_report.build  # noqa: F401 - registers the formats
    from taskforce_report.documents.formats import format_named

    assert format_named(fmt).file_name(stem, draft) == name


def test_an_unknown_format_is_refused_by_name():
    import taskforce_report.build  # noqa: F401 - registers the formats
    from taskforce_report.documents.formats import format_named

    with pytest.raises(ValueError, match="'pptx'.*pdf, html, notat, slides, docx"):
        format_named("pptx")


@pytest.mark.parametrize(("fmt", "says"), [
    ("notat", "--format: notat: dokumenttypen analyserapport har intet notat; notatet findes "
              "til statusrapport"),
    ("slides", "--format: slides: dokumenttypen analyserapport har ingen dias; dias findes til "
               "statusrapport"),
])
def test_a_format_the_type_does_not_offer_is_told_and_nothing_written(tmp_path, fmt, says):
    out = tmp_path / "ud"
    result = CliRunner().invoke(main, ["build", "-q", str(ROOT / "tests" / "fixtures" / "mini"),
                                       "-o", str(out), "--format", fmt])
    assert result.exit_code == 1
    assert says in result.output, result.output
    assert not out.exists()

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "input" / "eksempel-kommune"
# a small analysis report with a few charts and tables: for tests that need the whole pipeline
# but not 50 pages of it
LILLE = FIXTURES / "lille"
# the real documents of this family, beside the repository as ../shared/seeds (CI lays it there)
SEEDS = ROOT.parent / "shared" / "seeds"


def seed_file(pattern: str, what: str) -> Path:
    """A seed document; skipped where the seeds are not laid out, but never in CI, where a
    missing seed means the run would silently test less than it claims."""
    found = sorted(SEEDS.glob(pattern)) if SEEDS.is_dir() else []
    if not found:
        message = f"{what} ({pattern}) not found in {SEEDS}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}: CI must have ../shared/seeds beside the repository",
                        pytrace=False)
        pytest.skip(message)
    return found[0]


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, with hyphenation breaks and line breaks undone, spaces squeezed."""
    pages = []
    for page in PdfReader(path).pages:
        text = page.extract_text() or ""
        text = re.sub(r"[\u2010\u00ad]\n", "", text)  # a word hyphenated at a line end
        text = text.replace("-\n", "-")  # a compound's own hyphen at a line end: ICS-uddannelsen
        text = text.replace("\u00a0", " ")
        pages.append(re.sub(r"\s+", " ", text))
    return pages


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the small fixture bundle, free to break."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def example_pdf(tmp_path_factory) -> Path:
    from taskforce_report.build import build

    out = tmp_path_factory.mktemp("eksempel")
    return build(EXAMPLE, out)


def embedded_fonts(pdf) -> set[str]:
    """Every font the PDF embeds, from its font dictionaries wherever they are (pages, form
    XObjects, images drawn from SVG)."""
    return {str(obj.BaseFont).split("+", 1)[-1] for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
            and "/BaseFont" in obj}


def tree_elements(pdf) -> set[tuple[int, int]]:
    """The structure elements reachable from the StructTreeRoot."""
    seen: set[tuple[int, int]] = set()

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for item in node:
                walk(item)
        elif isinstance(node, pikepdf.Dictionary):
            if node.is_indirect:
                if node.objgen in seen:
                    return
                seen.add(node.objgen)
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot)
    return seen


def check_marked_content(pdf) -> dict[int, list[str]]:
    """Every MCID on every page maps (ParentTree) to an element of the structure tree; no
    artifact carries an MCID. Returns each page's artifact kinds (/Header, /Footer)."""
    reachable = tree_elements(pdf)
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    kinds: dict[int, list[str]] = {}
    for number, page in enumerate(pdf.pages):
        mapping = parents.get(number)
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) != "BDC":
                continue
            tag, properties = str(operands[0]), operands[1]
            mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
            if tag == "/Artifact":
                assert mcid is None, (number, properties)
                kinds.setdefault(number, []).append(str(properties.get("/Subtype", "")))
            elif mcid is not None:
                assert mapping is not None and int(mcid) < len(mapping), (number, int(mcid))
                parent = mapping[int(mcid)]
                assert isinstance(parent, pikepdf.Dictionary), (number, int(mcid))
                assert parent.objgen in reachable, (number, int(mcid), tag)
    return kinds

"""The HTML rendition (`--format html`, and the preview, which serves the same HTML) checked
with axe-core in headless Chromium: no violation of WCAG 2.0/2.1 at levels A and AA.

axe-core comes from the npm registry, pinned in tests/axe/package-lock.json and installed by
`scripts/setup.sh --test` (npm ci). Without it or without Chromium the test is skipped, but
never in CI, where that would silently test less than it claims."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from taskforce_report.build import build

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
EXAMPLES = ["eksempel-kommune", "eksempel-pejlemaerker", "eksempel-tf-status",
            "eksempel-status", "eksempel-ansoegning"]
LEVELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [what for what, ok in (("axe-core (npm ci in tests/axe)", AXE.is_file()),
                                     ("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER))
               if not ok]
    if missing:
        message = f"missing: {', '.join(missing)}; scripts/setup.sh --test installs them"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 "--allow-file-access-from-files", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def violations(driver, page: Path) -> list[dict]:
    driver.get(page.as_uri())
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        "  .then(r => done(JSON.stringify(r.violations)))"
        "  .catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));",
        LEVELS)
    return json.loads(found)


def describe(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v.get('impact')}): {v['help']} — "
                     f"{[n.get('target') for n in v['nodes'][:3]]}" for v in found)


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_html_rendition_has_no_wcag_a_or_aa_violation(browser, example, tmp_path):
    page = build(ROOT / "input" / example, tmp_path, fmt="html")
    found = violations(browser, page)
    assert not found, describe(found)


def test_axe_sees_a_violation(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><head><title>x</title></head><body>'
                    '<img src="x.png"><p style="color:#bbb;background:#fff">lys tekst</p>'
                    "</body></html>", encoding="utf-8")
    ids = {v["id"] for v in violations(browser, page)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= ids

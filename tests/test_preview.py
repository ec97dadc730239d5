"""`preview`: served on localhost, rebuilt on change, errors shown with the last good page."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from taskforce_report.tools import preview

OLD = "Hurtig vurdering af underretninger."
NEW = "Hurtig og grundig vurdering af underretninger."


def start(bundle: Path):
    started = threading.Event()
    box = {}

    def ready(port, state):
        box["port"] = port
        started.set()

    thread = threading.Thread(target=preview.serve, args=(bundle, 0), kwargs={"ready": ready},
                              daemon=True)
    thread.start()
    assert started.wait(60)
    return f"http://127.0.0.1:{box['port']}/"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout=30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def edit(bundle: Path, old: str, new: str) -> None:
    path = bundle / "rapport.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_rebuilds_on_change_and_keeps_last_good_page_on_error(mini):
    url = start(mini)
    assert OLD in get(url)
    version = json.loads(get(url + "status"))["version"]
    edit(mini, OLD, NEW)
    assert wait_for(lambda: json.loads(get(url + "status"))["version"] > version)
    assert NEW in get(url)
    edit(mini, "    styrker:", "    styker:")
    assert wait_for(lambda: json.loads(get(url + "status"))["error"] is not None)
    body = get(url)
    assert "Bundtet kan ikke bygges lige nu." in body
    assert "mente du &#39;styrker&#39;?" in body or "mente du 'styrker'?" in body
    assert NEW in body  # the last good rendition is still there
    assert "assets/rapport.css" in body
    assert "text/css" in urllib.request.urlopen(url + "assets/rapport.css").headers["Content-Type"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                    reason="chromium and chromium-driver come from scripts/setup.sh")
def test_headless_chromium_sees_an_edited_strength_appear(mini, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    url = start(mini)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(url)
        # read the text by script: the page reloads under us, so held elements go stale
        body = lambda d: d.execute_script(  # noqa: E731
            "return document.body ? document.body.innerText : ''")
        WebDriverWait(driver, 30).until(lambda d: OLD in body(d))
        edit(mini, OLD, NEW)
        WebDriverWait(driver, 30).until(lambda d: NEW in body(d))
        assert driver.execute_script("return document.documentElement.lang") == "da"
    finally:
        driver.quit()

"""The map in a real Streamlit app, in Chromium, with every non-local request blocked."""

from __future__ import annotations

import shutil
import textwrap
import time
from pathlib import Path

import pytest

from geo.app.assets import COMPONENT_RELATIVE_BASE, install_assets
from tests.browser.paths import RESULTS
from tests.geo.app.samples import EVIDENCE, small_layers

pytestmark = pytest.mark.browser


APP = """
    import streamlit as st
    from streamlit_folium import st_folium

    from geo.app.mapview import build_map
    from tests.geo.app.samples import small_layers

    st.set_page_config(page_title="Offline map", layout="wide")
    st.write("Offline map test")
    layers = small_layers()
    {setup}
    st_folium(build_map(layers, {options}), key="map", height=620, width=1100,
              returned_objects=[])
"""
BIG = 600  # above LEAN_ABOVE and CLUSTER_ABOVE: one clustered layer, lean popups


def _map_frame(page, timeout: float = 60.0):
    """The st_folium component's iframe, once Leaflet has drawn the incident markers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "st_folium" in frame.url and frame.query_selector(".incident-marker"):
                return frame
        page.wait_for_timeout(250)
    urls = [f.url for f in page.frames]
    raise AssertionError(f"no map with incident markers appeared; frames: {urls}")


def _write_app(tmp_path: Path, setup: str = "", options: str = "") -> Path:
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(APP).format(setup=setup, options=options), encoding="utf-8")
    install_assets(tmp_path / "static" / "vendor")  # served at /app/static/vendor
    return app


def _screenshot(page, path: Path) -> None:
    """Save to the test's tmp_path and to test-results/ (gitignored) for a human to look at."""
    page.screenshot(path=str(path), full_page=True)
    RESULTS.mkdir(exist_ok=True)
    shutil.copy(path, RESULTS / path.name)


@pytest.fixture
def map_app(tmp_path) -> Path:
    return _write_app(tmp_path, options="cluster=False, show_articles=True")


def test_map_renders_offline_in_streamlit(map_app, streamlit_server, browser_page, tmp_path):
    page = browser_page.page
    page.goto(streamlit_server(map_app), wait_until="domcontentloaded")
    frame = _map_frame(page)
    layers = small_layers()

    container = frame.wait_for_selector(".leaflet-container")
    box = container.bounding_box()
    assert box and box["width"] > 500 and box["height"] > 400

    frame.wait_for_function(
        f"document.querySelectorAll('.incident-marker').length === {len(layers['incidents'])}")
    assert frame.locator(".base-marker").count() == len(layers["bases"])
    assert frame.locator(".article-marker").count() == len(layers["articles"])
    assert frame.locator(".route-arrow").count() == 2
    assert frame.locator(".gov-label").count() == 14
    assert frame.locator(".map-legend").count() == 1
    assert frame.locator(".incident-approximate").count() == 1
    # the marker symbols' web font came from static/vendor
    frame.wait_for_function("[...document.fonts].some(f => f.family.includes('Font Awesome 6 "
                            "Free') && f.status === 'loaded')")

    _screenshot(page, tmp_path / "map-offline.png")

    frame.locator(".incident-patrol").click()
    popup = frame.wait_for_selector(".leaflet-popup-content")
    page.wait_for_timeout(600)  # let the map pan the popup into view
    text = popup.inner_text()
    assert "<script>alert(1)</script>${alert(2)}" in text  # shown as text, not run
    assert EVIDENCE in text
    evidence = frame.locator(".leaflet-popup-content div[dir=rtl]").first
    assert evidence.evaluate("e => getComputedStyle(e).textAlign") == "right"
    assert browser_page.dialogs == []  # nothing from the article text ran

    _screenshot(page, tmp_path / "map-offline-popup.png")

    assert browser_page.external_requests == []
    assert [r for r in browser_page.failed_responses if "/app/static/" in r] == []
    assert browser_page.page_errors == []


def test_measure_and_fullscreen_controls_work(map_app, streamlit_server, browser_page):
    page = browser_page.page
    page.goto(streamlit_server(map_app), wait_until="domcontentloaded")
    frame = _map_frame(page)
    frame.locator(".osint-measure-button").click()
    box = frame.locator(".leaflet-container").bounding_box()
    for dx in (200, 500):
        frame.locator(".leaflet-container").click(position={"x": dx, "y": box["height"] / 2})
        page.wait_for_timeout(150)
    result = frame.wait_for_selector(".osint-measure-result")
    assert " km (" in result.inner_text() and "mi)" in result.inner_text()
    frame.locator(".osint-fullscreen-button").click()
    frame.wait_for_function("document.fullscreenElement !== null || "
                            "document.querySelector('.osint-pseudo-fullscreen') !== null")
    assert browser_page.external_requests == []
    assert browser_page.page_errors == []


def test_large_layer_clusters_in_the_browser(tmp_path, streamlit_server, browser_page):
    setup = (f"layers = {{'incidents': layers['incidents'].sample(n={BIG}, replace=True, "
             "random_state=3)}")
    app = _write_app(tmp_path, setup=setup)
    page = browser_page.page
    page.goto(streamlit_server(app), wait_until="domcontentloaded")
    deadline = time.monotonic() + 60
    frame = None
    while frame is None and time.monotonic() < deadline:
        frame = next((f for f in page.frames if "st_folium" in f.url
                      and f.query_selector(".marker-cluster")), None)
        page.wait_for_timeout(250)
    assert frame is not None, browser_page.page_errors
    in_clusters = sum(int(t) for t in frame.locator(".marker-cluster").all_inner_texts())
    alone = frame.locator(".incident-marker").count()
    assert in_clusters + alone == BIG
    assert browser_page.external_requests == []
    assert browser_page.page_errors == []


def test_map_works_under_a_base_url_path(tmp_path, streamlit_server, browser_page):
    app = _write_app(tmp_path, options=f"cluster=False, asset_base={COMPONENT_RELATIVE_BASE!r}")
    page = browser_page.page
    page.goto(streamlit_server(app, "--server.baseUrlPath=osint") + "/",
              wait_until="domcontentloaded")
    frame = _map_frame(page)
    assert "/osint/component/" in frame.url
    assert frame.locator(".incident-marker").count() == len(small_layers()["incidents"])
    assert browser_page.external_requests == []
    assert browser_page.failed_responses == []

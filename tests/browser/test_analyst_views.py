"""The dashboard an analyst works in (issue 13, phase 2), in Debian's Chromium, offline.

Map and tabs side by side; the map's view in the link (kept across a filter change, a
reload and browser Back); a table row opens its popup; a popup opens the reader; place
search; every download format opens in geopandas with the view's feature count; the
server listens on 127.0.0.1 only. Screenshots go to test-results/ for a person to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pytest

from geo.app.downloads import GPKG_LAYERS
from geo.app.search import resolve_place
from geo.layers import LAYER_NAMES
from tests.browser.conftest import _wait_healthy
from tests.browser.paths import PROJECT, PlaywrightError
from tests.browser.test_dashboard import _map_frame, _map_view, _offline, _params, _shot

pytestmark = pytest.mark.browser

VIEW = [37.05, 41.23, 10]



def _wait_params(page, want: dict[str, str], timeout: float = 60.0) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        params = _params(page)
        if all(params.get(k) == v for k, v in want.items()):
            return params
        page.wait_for_timeout(250)
    return _params(page)


def test_map_and_tabs_side_by_side(dashboard, browser_page, seeds):
    page = browser_page.page
    page.set_viewport_size({"width": 1500, "height": 950})
    page.goto(dashboard, wait_until="domcontentloaded")
    frame = _map_frame(page)
    tabs = page.locator("[data-testid=stTabs]").first
    tabs.wait_for(timeout=60_000)
    map_box = page.locator("iframe[title*=st_folium]").bounding_box()
    tab_box = tabs.bounding_box()
    assert map_box and tab_box
    assert tab_box["x"] >= map_box["x"] + map_box["width"] - 5  # beside, not below
    assert abs(tab_box["y"] - map_box["y"]) < 120
    assert frame.locator(".leaflet-container").bounding_box()["height"] > 500
    page.wait_for_timeout(800)
    _shot(page, "analyst-wide.png", height=950)
    page.set_viewport_size({"width": 600, "height": 900})  # a narrow window: stacked
    page.wait_for_timeout(1200)
    map_box = page.locator("iframe[title*=st_folium]").bounding_box()
    tab_box = tabs.bounding_box()
    assert tab_box["y"] > map_box["y"] + map_box["height"] - 5
    _shot(page, "analyst-narrow.png", height=1800)
    _offline(browser_page)


def test_map_view_survives_filter_change_reload_and_back(dashboard, browser_page, seeds):
    page = browser_page.page
    page.goto(f"{dashboard}/?z={VIEW[2]}&lat={VIEW[0]}&lon={VIEW[1]}",
              wait_until="domcontentloaded")
    _map_frame(page)
    assert _map_view(page, VIEW) == pytest.approx(VIEW, abs=0.01)
    # a filter change: the minimum confidence slider, by keyboard
    slider = page.locator("[data-testid=stSlider]", has_text="Minimum confidence")
    slider.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    params = _wait_params(page, {"conf": "0.05"})
    assert params.get("conf") == "0.05", params
    page.wait_for_timeout(1500)
    assert _map_view(page, VIEW) == pytest.approx(VIEW, abs=0.01)
    assert params["z"] == "10"
    assert [float(params["lat"]), float(params["lon"])] == pytest.approx(VIEW[:2], abs=0.01)
    # the map moved by the analyst goes into the link
    frame = _map_frame(page)
    frame.evaluate("() => { window.map.setView([36.9, 40.8], 9); }")
    params = _wait_params(page, {"z": "9"})
    assert params.get("z") == "9" and float(params["lat"]) == pytest.approx(36.9, abs=0.01)
    # a reload of the link comes back to that view and filter
    page.reload(wait_until="domcontentloaded")
    _map_frame(page)
    assert _map_view(page, [36.9, 40.8, 9]) == pytest.approx([36.9, 40.8, 9], abs=0.01)
    assert _params(page).get("conf") == "0.05"
    # browser Back steps to the view before, once the reloaded page has finished its run (as
    # a person would press it: a Back during the reload's own run raced its link writing)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)
    page.wait_for_timeout(1000)
    page.go_back()
    params = _wait_params(page, {"z": "10"})
    assert params.get("z") == "10", params
    assert _map_view(page, VIEW) == pytest.approx(VIEW, abs=0.01)
    _offline(browser_page)


def test_a_table_row_opens_its_popup(dashboard, browser_page, seeds):
    page = browser_page.page
    page.set_viewport_size({"width": 1500, "height": 950})
    page.goto(f"{dashboard}/?tab=Incidents", wait_until="domcontentloaded")
    frame = _map_frame(page)
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.wait_for(timeout=60_000)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + 35 + 17)  # the first row's selection cell
    deadline = time.monotonic() + 60
    popup = None
    while time.monotonic() < deadline and popup is None:
        try:
            frame = _map_frame(page)
            if frame.locator(".leaflet-popup-content").count():
                popup = frame.locator(".leaflet-popup-content").first
                text = popup.inner_text()
        except PlaywrightError:  # the map is being redrawn
            popup = None
        page.wait_for_timeout(300)
    assert popup is not None, "no popup opened"
    assert text.strip()
    chosen = seeds.layers.incidents.iloc[0]  # the table's first row, in the layer's order
    evidence = [s["evidence"][:30] for s in chosen["sources"] if s.get("evidence")]
    assert any(e in text for e in evidence), text
    page.wait_for_timeout(800)
    _shot(page, "analyst-row-popup.png", height=950)
    _offline(browser_page)


def test_a_popup_opens_the_reader(dashboard, browser_page, seeds):
    page = browser_page.page
    page.set_viewport_size({"width": 1500, "height": 950})
    page.goto(dashboard, wait_until="domcontentloaded")
    frame = _map_frame(page)
    frame.locator(".incident-marker").nth(0).dispatch_event("click")
    link = frame.locator(".leaflet-popup-content a.open-reader").first
    link.wait_for(timeout=30_000)
    title = link.inner_text().split(":", 1)[1].strip()
    assert title in {a.title for a in seeds.articles.values()}
    link.click()
    params = _wait_params(page, {"tab": "Article reader"})
    assert params.get("tab") == "Article reader"
    body = page.locator("div[dir=rtl][lang=ar]").last
    body.wait_for(timeout=60_000)
    page.get_by_text(title[:40]).last.wait_for(timeout=30_000)  # the reader's header
    deadline = time.monotonic() + 30
    while "article" in _params(page) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    assert "article" not in _params(page)  # consumed
    page.wait_for_timeout(800)
    _shot(page, "analyst-popup-reader.png", height=950)
    _offline(browser_page)


def test_place_search_flies_to_qahtaniyah(dashboard, browser_page):
    page = browser_page.page
    page.goto(dashboard, wait_until="domcontentloaded")
    _map_frame(page)
    target = resolve_place("القحطانية")
    box = page.get_by_placeholder("Arabic, English or Kurdish", exact=False)
    box.fill("القحطانية")
    box.press("Enter")
    want = [round(target.lat, 5), round(target.lon, 5), target.zoom]
    assert _map_view(page, want) == pytest.approx(want, abs=0.01)
    assert _wait_params(page, {"z": str(target.zoom)}).get("z") == str(target.zoom)
    page.wait_for_timeout(800)
    _shot(page, "analyst-search.png")
    box.fill("Nowhereville")
    box.press("Enter")
    page.get_by_text("No place called Nowhereville").wait_for(timeout=30_000)
    _offline(browser_page)


def _save(page, name_pattern: str, path: Path) -> Path:
    button = page.get_by_role("button", name=name_pattern)
    button.wait_for(timeout=60_000)
    with page.expect_download() as info:
        button.click()
    info.value.save_as(path)
    return path


def test_every_download_opens_in_geopandas(dashboard, browser_page, seeds, tmp_path):
    import re

    page = browser_page.page
    page.set_viewport_size({"width": 1500, "height": 1100})
    page.goto(f"{dashboard}/?tab=Export", wait_until="domcontentloaded")
    _map_frame(page)
    counts = {name: len(seeds.layers[name]) for name in LAYER_NAMES}
    for fmt, suffix in (("GeoJSON", "geojson"), ("CSV", "csv"), ("KML", "kml")):
        page.locator("[data-testid=stButtonGroup] button", has_text=fmt).first.click()
        page.wait_for_timeout(500)
        for name in LAYER_NAMES:
            path = _save(page, re.compile(rf"^{name}\.{suffix} \("),
                         tmp_path / f"{name}.{suffix}")
            frame = gpd.read_file(path)
            assert len(frame) == counts[name], (fmt, name)
            if name == "incidents" and len(frame):
                text = " ".join(str(v) for v in frame.get("place_name_ar", []))
                assert any("\u0600" <= ch <= "\u06ff" for ch in text), (fmt, text[:80])
    path = _save(page, re.compile(r"^layers\.gpkg"), tmp_path / "layers.gpkg")
    import pyogrio

    assert [n for n, _ in pyogrio.list_layers(path)] == list(GPKG_LAYERS)
    for name in GPKG_LAYERS:
        assert len(gpd.read_file(path, layer=name)) == counts[name], name
    _shot(page, "analyst-export.png", height=1100)
    _offline(browser_page)


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as /proc/net/tcp{,6} write them) listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            address, state = parts[1], parts[3]
            if state == "0A" and int(address.rsplit(":", 1)[1], 16) == port:
                found.append(address.rsplit(":", 1)[0])
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_the_server_listens_on_127_0_0_1_only(tmp_path):
    """Started as the README says (no address given): .streamlit/config.toml binds it to
    the loopback address, so nobody on the same network can upload or remove articles."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "server.log"
    env = {**os.environ, "NES_OSINT_DATA": str(tmp_path / "data"),
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py",
             f"--server.port={port}", "--server.fileWatcherType=none"],
            cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", proc, log)
        addresses = _listening(port)
        assert addresses == ["0100007F"], addresses  # 127.0.0.1, and nothing else
    finally:
        proc.terminate()
        proc.wait(timeout=30)

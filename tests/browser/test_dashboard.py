"""The real dashboard (`streamlit run dashboard.py`) in Debian's Chromium, offline."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from geo.assets import install_assets
from geo.layers import filter_layers

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[2]
RESULTS = PROJECT / "test-results"


@pytest.fixture(scope="module")
def seeds_run():
    from geo.pipeline import run_pipeline

    return run_pipeline(PROJECT / "seeds")


@pytest.fixture
def dashboard(streamlit_server, tmp_path, monkeypatch) -> str:
    install_assets()  # static/vendor, as `make` does at set-up
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path / "data"))
    return streamlit_server(PROJECT / "dashboard.py")


def _map_frame(page, count: int | None = None, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "st_folium" in frame.url and frame.query_selector(".leaflet-container"):
                n = frame.locator(".incident-marker").count()
                if count is None or n == count:
                    return frame
        page.wait_for_timeout(300)
    raise AssertionError(f"no map with {count} incident markers; frames {[f.url for f in page.frames]}")


def _shot(page, name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    RESULTS.mkdir(exist_ok=True)
    shutil.copy(path, RESULTS / name)


def test_dashboard_offline_markers_popup(dashboard, browser_page, seeds_run, tmp_path):
    page = browser_page.page
    page.goto(dashboard, wait_until="domcontentloaded")
    expected = len(seeds_run.layers.incidents)
    frame = _map_frame(page, expected)
    assert frame.locator(".incident-marker").count() == expected
    page.wait_for_timeout(500)
    _shot(page, "dashboard.png", tmp_path)

    row = seeds_run.layers.incidents.iloc[0]
    frame.locator(".incident-marker").first.dispatch_event("click")
    popup = frame.wait_for_selector(".leaflet-popup-content")
    text = popup.inner_text()
    titles = {s["title"] for _, r in seeds_run.layers.incidents.iterrows() for s in r["sources"]}
    evidences = [s["evidence"][:30] for _, r in seeds_run.layers.incidents.iterrows()
                 for s in r["sources"]]
    assert any(t and t[:20] in text for t in titles), text
    assert any(e in text for e in evidences), text
    assert row is not None
    _shot(page, "dashboard-popup.png", tmp_path)
    assert browser_page.external_requests == []
    assert browser_page.dialogs == []


def test_date_range_in_the_link_changes_what_is_drawn(dashboard, browser_page, seeds_run):
    view = filter_layers(seeds_run.layers, date_from="2022-01-01")
    assert 0 < len(view.incidents) < len(seeds_run.layers.incidents)
    page = browser_page.page
    page.goto(dashboard + "/?from=2022-01-01", wait_until="domcontentloaded")
    frame = _map_frame(page, len(view.incidents))
    assert frame.locator(".incident-marker").count() == len(view.incidents)
    assert browser_page.external_requests == []


def test_downloaded_layer_is_valid_geojson(dashboard, browser_page, seeds_run, tmp_path):
    page = browser_page.page
    page.goto(dashboard, wait_until="domcontentloaded")
    _map_frame(page)
    page.get_by_role("tab", name="Export").click()
    button = page.get_by_role("button", name="incidents.geojson")
    button.wait_for(timeout=30_000)
    with page.expect_download() as info:
        button.click()
    path = tmp_path / "incidents.geojson"
    info.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == len(seeds_run.layers.incidents)
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 43 and 32 < lat < 38  # lon, lat order in Syria

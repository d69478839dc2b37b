"""The dashboard's time controls in Debian's Chromium, offline (issue 13, "Time").

Playback switched on from the sidebar steps through periods (the control's label and
the ringed incidents change); brushing the Timeline chart sets the date filter (the
date boxes, the link and the map's count follow). Screenshots go to test-results/.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from geo.layers import filter_layers
from tests.browser.paths import PlaywrightError, incident_count
from tests.browser.test_dashboard import _map_frame, _offline, _params, _shot

pytestmark = pytest.mark.browser

# The playback rings drawn now (Leaflet.timeline adds and removes them per step), as
# "lat,lon" sorted: which incidents the current period shows.
RINGS_JS = """() => Object.values(window.map._layers)
  .filter(l => l.options && l.options.icon && l.options.icon.options
               && l.options.icon.options.className === 'playback-marker')
  .map(l => l.getLatLng().lat.toFixed(4) + ',' + l.getLatLng().lng.toFixed(4))
  .sort().join('|')"""



def _playback_frame(page, timeout: float = 120.0):
    """The map frame once it carries the playback control."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if "st_folium" in frame.url and frame.query_selector(
                        ".leaflet-timeline-control"):
                    return frame
            except PlaywrightError:  # the map is being redrawn
                continue
        page.wait_for_timeout(300)
    raise AssertionError("no playback control appeared on the map")


def test_playback_toggle_steps_through_periods(dashboard, browser_page, seeds):
    page = browser_page.page
    page.set_viewport_size({"width": 1440, "height": 950})
    page.goto(dashboard, wait_until="domcontentloaded")
    frame = _map_frame(page, len(seeds.layers.incidents))
    assert frame.query_selector(".leaflet-timeline-control") is None  # off by default
    page.get_by_text("Play back over time").click()
    frame = _playback_frame(page)
    assert incident_count(frame) == len(seeds.layers.incidents)  # the markers stay
    control = frame.locator(".leaflet-timeline-control")
    labels, shown = [], []
    for _ in range(60):  # the seeds' 46 periods of 30 days, and a few spare clicks
        labels.append(control.inner_text().strip())
        shown.append(frame.evaluate(RINGS_JS))
        if len(set(labels)) >= 3 and len({s for s in shown if s}) >= 2:
            break
        control.locator(".next").click()
        frame.wait_for_timeout(120)
    print(f"\nplayback: {len(set(labels))} periods stepped, ring sets {sorted(set(shown))}")
    assert len(set(labels)) >= 3, labels
    assert len({s for s in shown if s}) >= 2, shown  # different incidents in different periods
    assert {s for s in shown} - {""}, "no period showed an incident"
    _shot(page, "time-playback.png", height=950)
    _offline(browser_page)


def _date_boxes(page) -> tuple[str, str]:
    """The From and To boxes as ISO dates (each is a group of year, month, day fields)."""
    def read(name: str) -> str:
        digits = "".join(ch if ch.isdigit() else " " for ch in
                         page.get_by_role("group", name=name, exact=True).inner_text()).split()
        return "-".join(digits)
    return read("From"), read("To")


def test_brushing_the_timeline_sets_the_date_filter(dashboard, browser_page, seeds):
    page = browser_page.page
    page.set_viewport_size({"width": 1440, "height": 950})
    page.goto(f"{dashboard}/?tab=Timeline", wait_until="domcontentloaded")
    _map_frame(page, len(seeds.layers.incidents))
    before = _date_boxes(page)
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    chart.wait_for(timeout=60_000)
    canvas = chart.locator("canvas, svg").first
    canvas.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    box = canvas.bounding_box()
    # drag from the right part of the plot to its end (its top: the axis and legend are below)
    y = box["y"] + 30
    page.mouse.move(box["x"] + box["width"] * 0.62, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.80, y, steps=8)
    # past the plot's right edge (the drag follows the window): the newest month is in it
    page.mouse.move(box["x"] + box["width"] * 1.08, y, steps=8)
    page.mouse.up()
    deadline = time.monotonic() + 60
    while "from" not in _params(page) and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    params = _params(page)
    assert "from" in params, params
    after = _date_boxes(page)
    while after[0] != params["from"] and time.monotonic() < deadline + 30:
        page.wait_for_timeout(250)  # the link is written before the boxes are drawn
        after = _date_boxes(page)
    assert after != before, (before, after)
    assert after[0] == params["from"], (after, params)
    view = filter_layers(seeds.layers, date_from=dt.date.fromisoformat(params["from"]),
                         date_to=dt.date.fromisoformat(params["to"]) if "to" in params
                         else None)
    assert 0 < len(view.incidents) < len(seeds.layers.incidents)
    _map_frame(page, len(view.incidents))  # the map's count follows
    _shot(page, "time-brush.png", height=950)
    _offline(browser_page)


@pytest.mark.parametrize("width", [1280, 1440])
def test_time_controls_fit_the_sidebar(dashboard, browser_page, seeds, width):
    """At laptop widths the presets sit on one row and the date boxes show whole dates
    (they wrapped and were cut off); screenshots for a person to look at."""
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(dashboard, wait_until="domcontentloaded")
    _map_frame(page, len(seeds.layers.incidents))
    sidebar = page.locator("[data-testid=stSidebar]")
    buttons = [sidebar.get_by_role("button", name=label, exact=True)
               for label in ("7 days", "30 days", "1 year", "All")]
    tops = {round(b.bounding_box()["y"]) for b in buttons}
    assert len(tops) == 1, tops  # one row
    for name in ("From", "To"):
        group = sidebar.get_by_role("group", name=name, exact=True)
        cut = group.evaluate("e => e.scrollWidth > e.clientWidth + 1")
        assert not cut, name
        text = "".join(ch for ch in group.inner_text() if ch.isdigit())
        assert len(text) == 8, text  # YYYYMMDD, nothing hidden
    _shot(page, f"time-controls-{width}.png", height=900)
    _offline(browser_page)


def test_the_incidents_table_has_no_none_cells(dashboard, browser_page, seeds):
    """Undated incidents have an empty date cell (Streamlit draws a missing value as a
    faded "None" unless told otherwise); the grid's accessible cells are read."""
    page = browser_page.page
    page.set_viewport_size({"width": 1440, "height": 950})
    page.goto(f"{dashboard}/?tab=Incidents", wait_until="domcontentloaded")
    _map_frame(page, len(seeds.layers.incidents))
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.wait_for(timeout=60_000)
    cells = grid.locator("[role=gridcell]")
    deadline = time.monotonic() + 30
    while cells.count() == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    texts = [t.strip() for t in cells.all_inner_texts()]
    assert texts and any(t[:4].isdigit() for t in texts)  # the dates are drawn
    assert "None" not in texts and "NaT" not in texts
    _shot(page, "time-table.png", height=950)
    _offline(browser_page)

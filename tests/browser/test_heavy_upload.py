"""Issue 10 item 3 in the browser: a heavy upload does not freeze the other sessions.

A real `streamlit run` server (its own empty per-article cache, so the heavy articles are
really read) and Debian's Chromium. Session A uploads two articles, each a word followed
by 80 KB of one character (U+0640 tatweel; U+064E fatha, a diacritic) — the input that
once froze the whole server for 30 s. While the server processes them, session B moves a
filter: its map must show the new content within 2 s of the change (the server keeps
the last complete run for B and reads the new one in the background:
geo/app/latest_run.py). Then A's uploads are
listed in A's uploads section.
"""

from __future__ import annotations

import re
import time

import pytest

from geo.app.assets import install_assets
from geo.app.dashboard_data import run_folders
from tests.browser.paths import DASHBOARD, SEEDS, PlaywrightError, incident_count

pytestmark = pytest.mark.browser

HEAVY = {"tatweel.txt": "اشتباكات" + "\u0640" * 80_000,
         "diacritics.txt": "اشتباكات" + "\u064e" * 80_000}
REDRAW_LIMIT_S = 2.0  # beyond what the same redraw takes on a quiet server


def _markers(page) -> int | None:
    """Incidents on the completely drawn map (its legend is added last), clustered or
    not, or None while the map is being (re)drawn."""
    for frame in page.frames:
        try:
            if "st_folium" in frame.url and frame.query_selector(".map-legend"):
                return incident_count(frame)
        except PlaywrightError:  # the frame went away mid-redraw
            continue
    return None


def _wait_markers(page, want, timeout: float = 120.0, poll_ms: int = 50,
                  caption: object = None, seen_at: dict | None = None) -> float:
    """Wait until the map shows ``want(count)``; the moment it did (time.monotonic). With
    ``caption``, ``seen_at["caption"]`` is when the page's count line first read so."""
    deadline, seen = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        if caption and seen_at is not None and "caption" not in seen_at:
            if page.get_by_text(caption).count():
                seen_at["caption"] = time.monotonic()
        seen = _markers(page)
        if seen is not None and want(seen):
            return time.monotonic()
        page.wait_for_timeout(poll_ms)
    raise AssertionError(f"the map never showed the expected markers (last seen {seen})")


def test_a_heavy_upload_leaves_another_sessions_map_responsive(streamlit_server,
                                                               browser_pages, tmp_path):
    install_assets()
    data = tmp_path / "data"
    url = streamlit_server(DASHBOARD, env={"NES_OSINT_DATA": str(data),
                                           "NES_OSINT_CACHE": str(tmp_path / "cache")})
    uploader, other = browser_pages(2)
    a, b = uploader.page, other.page
    a.goto(url + "/?tab=Add+articles", wait_until="domcontentloaded")
    b.goto(url, wait_until="domcontentloaded")
    _wait_markers(a, lambda n: n > 0)
    _wait_markers(b, lambda n: n > 0)
    b.wait_for_timeout(1500)  # B settled: nothing of its first run is still in flight
    slider = b.get_by_role("slider", name="Minimum confidence")
    slider.focus()
    changed = time.monotonic()
    b.keyboard.press("End")
    quiet = _wait_markers(b, lambda n: n == 0, timeout=60) - changed
    slider.focus()  # the rerun may have drawn the slider again: Home must reach it
    b.keyboard.press("Home")
    _wait_markers(b, lambda n: n > 0, timeout=60)
    b.wait_for_timeout(1000)

    a.locator("[data-testid=stFileUploader] input[type=file]").set_input_files([
        {"name": name, "mimeType": "text/plain", "buffer": body.encode()}
        for name, body in HEAVY.items()])
    a.get_by_role("button", name="Add to the map").click()
    stored = data / "uploads"
    deadline = time.monotonic() + 30
    while not all((stored / n).exists() for n in HEAVY) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert all((stored / n).exists() for n in HEAVY), "the uploads were not stored"

    # the server now reads the heavy articles; B raises the minimum confidence to 1.00
    slider.focus()
    changed = time.monotonic()
    b.keyboard.press("End")
    seen_at: dict = {}
    total = len(run_folders([SEEDS]).layers.incidents)
    drawn = _wait_markers(b, lambda n: n == 0, timeout=60, seen_at=seen_at,
                          caption=re.compile(rf"^0 of {total} incidents"))
    redraw = drawn - changed
    print(f"\nsession B's map redrew {redraw:.2f} s after its filter changed (its count line "
          f"{seen_at.get('caption', drawn) - changed:.2f} s), "
          f"while session A's 2 x 80 KB upload was processed ({quiet:.2f} s on a quiet "
          "server)")
    # on a loaded machine the browser's own redraw can take over a second (Chromium drawing
    # both pages): the 2 s are what the heavy upload may add to it (it once added 29 s)
    limit = quiet + REDRAW_LIMIT_S
    assert redraw < limit, f"B's map took {redraw:.2f} s to redraw (limit {limit:.2f} s)"

    # A's uploads are listed in A's uploads section
    for name in HEAVY:
        a.get_by_text(re.compile(rf"{re.escape(name)}\W*: stored")).wait_for(timeout=60_000)
    a.get_by_text("Uploaded articles (2)").wait_for(timeout=60_000)
    assert a.locator("[data-testid=stException]").count() == 0
    assert b.locator("[data-testid=stException]").count() == 0
    for handle in (uploader, other):
        assert handle.external_requests == []
        assert handle.page_errors == []


"""Issue 10 item 18: the server's memory does not grow with every session.

A real `streamlit run` server and Debian's Chromium. Sessions are opened one after the
other, each in its own browser context (its own Streamlit session): the map is drawn, a
filter moved (a new view, so per-view caches get an entry), then the context is closed.
The server's resident memory (VmRSS in /proc/<pid>/status) is read after each. The first
sessions warm the caches and the imports; over the last ones the growth per session must
stay small (once ~9 MB a session, never released: 332 -> 469 MB after 16 sessions).

The growth is the Theil-Sen slope (the median of the slopes between every pair of
readings), not first-to-last: a leak raises every step alike, while the allocator taking
one new arena shows as a single jump (275 -> 292 MB once in CI, flat before and after)
that a first-to-last figure spreads over the whole tail.

Streamlit keeps a closed session for `server.disconnectedSessionTTL` seconds (120 by
default) in case its browser reconnects; at 10-20 s a session, the last readings would
count sessions still waiting, not memory kept. The server here keeps them 1 s, so what is
read is what a session leaves behind once it is gone.
"""

from __future__ import annotations

import statistics
import time
from itertools import combinations
from pathlib import Path

import pytest

from geo.app.assets import install_assets
from tests.browser.conftest import open_browser_page
from tests.browser.paths import DASHBOARD, PlaywrightError

pytestmark = pytest.mark.browser

SESSIONS, WARM = 12, 4
PER_SESSION_LIMIT_MB = 4.0  # generous: a noisy machine must not fail it


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def _theil_sen_slope(values: list[float]) -> float:
    """MB per session: the median pairwise slope, robust to one jump in the readings."""
    return statistics.median((b - a) / (j - i)
                             for (i, a), (j, b) in combinations(enumerate(values), 2))


def _map_drawn(page, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if "st_folium" in frame.url and frame.query_selector(".map-legend"):
                    return
            except PlaywrightError:
                continue
        page.wait_for_timeout(200)
    raise AssertionError("no map drawn")


def test_server_memory_stays_flat_over_sessions_opened_and_closed(streamlit_server, browser,
                                                                  tmp_path):
    if not Path("/proc/self/status").is_file():
        pytest.skip("needs /proc to read the server's memory")
    install_assets()
    url = streamlit_server(DASHBOARD, "--server.disconnectedSessionTTL", "1",
                           env={"NES_OSINT_DATA": str(tmp_path / "data")})
    pid = streamlit_server.__self__.procs[-1].pid
    rss = [_rss_mb(pid)]
    for n in range(SESSIONS):
        handle, context = open_browser_page(browser)
        try:
            page = handle.page
            # each session its own view: a different confidence and a panned map
            page.goto(f"{url}/?conf={0.05 * (n % 10):.2f}&tab=Incidents",
                      wait_until="domcontentloaded")
            _map_drawn(page)
            page.get_by_role("slider", name="Minimum confidence").focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(1500)
            _map_drawn(page)
            assert handle.page_errors == []
        finally:
            context.close()
        time.sleep(1.0)  # the server notices the closed socket and drops the session
        rss.append(_rss_mb(pid))
    time.sleep(5.0)
    settled = _rss_mb(pid)
    tail = rss[WARM:]
    per_session = _theil_sen_slope(tail)
    print(f"\nserver RSS (MB): start {rss[0]:.0f}, after each session "
          f"{', '.join(f'{v:.0f}' for v in rss[1:])}; after a pause {settled:.0f}; "
          f"{per_session:.2f} MB per session over the last {len(tail) - 1} (Theil-Sen), "
          f"{(tail[-1] - tail[0]) / (len(tail) - 1):.2f} first to last")
    assert per_session < PER_SESSION_LIMIT_MB, (
        f"the server grew {per_session:.2f} MB per session over the last {len(tail) - 1}")

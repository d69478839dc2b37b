"""Many users: four browser sessions filter and download at once from ONE dashboard server.

Each session is its own browser context (its own Streamlit session). The sessions are
driven from one thread (Playwright's sync API is not thread-safe) with their steps
interleaved: every session is sent on its way (a page load, a click, a key press)
before any of them is awaited, so their script runs overlap on the server. Each
download must be exactly the bytes the CLI's filter gives for THAT session's filter,
and each map must draw that session's incidents, before and after every session
moves a widget.
"""

from __future__ import annotations

import re
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from geo.app.assets import install_assets
from geo.app.dashboard_data import data_choices, layer_geojson, run_folders
from geo.layers import filter_layers
from tests.browser.paths import PROJECT, SEEDS, PlaywrightError, incident_count

pytestmark = pytest.mark.browser

BUDGET_S = 90.0  # the whole test, server start excluded
STEP_TIMEOUT_MS = 45_000


@dataclass
class Session:
    """One user: the link they open, then the widget they move and how the link shows it."""

    name: str
    query: str
    slider: str  # accessible name of the slider thumb moved in the second round
    key: str  # the key pressed on it
    moved: str  # JavaScript: true once the link shows the move
    handle: object = None

    @property
    def page(self):
        return self.handle.page


def link_filter(page) -> dict:
    """The filter the session's link describes, as :func:`geo.layers.filter_layers`
    keyword arguments (the dashboard mirrors its widgets into the link)."""
    params = {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}
    kwargs: dict = {}
    if "from" in params:
        kwargs["date_from"] = params["from"]
    if "to" in params:
        kwargs["date_to"] = params["to"]
    if "types" in params:
        kwargs["types"] = params["types"].split(",")
    if "conf" in params:
        kwargs["min_confidence"] = float(params["conf"])
    return kwargs


def _drawn(page, deadline: float) -> int:
    """The number of incident markers once the session's map is completely drawn (its
    legend, added after every layer, is there)."""
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if "st_folium" in frame.url and frame.query_selector(".map-legend"):
                    return incident_count(frame)
            except PlaywrightError:  # the map is being redrawn: its frame went away
                continue
        page.wait_for_timeout(200)
    raise AssertionError(f"no map drawn in {page.url}")


def _wait_drawn(page, count: int, deadline: float) -> None:
    seen = _drawn(page, deadline)
    while seen != count and time.monotonic() < deadline:
        page.wait_for_timeout(200)
        seen = _drawn(page, deadline)
    assert seen == count, f"{page.url}: {seen} incident markers drawn, expected {count}"


def _button(page, count: int):
    """The incidents download button once it offers ``count`` incidents (the new run's)."""
    button = page.get_by_role("button", name=re.compile(rf"incidents\.geojson \({count}\)"))
    button.wait_for(timeout=STEP_TIMEOUT_MS)
    return button


def _download_all(sessions: list[Session], counts: list[int], tmp_path: Path,
                  round_: int) -> list[bytes]:
    """Click every session's download button, then collect all the files."""
    buttons = [_button(s.page, n) for s, n in zip(sessions, counts, strict=True)]
    with ExitStack() as stack:
        infos = [stack.enter_context(s.page.expect_download(timeout=STEP_TIMEOUT_MS))
                 for s in sessions]
        for button in buttons:
            button.click()
    out = []
    for session, info, count in zip(sessions, infos, counts, strict=True):
        path = tmp_path / f"{session.name}-{round_}.geojson"
        try:
            info.value.save_as(path)
        except PlaywrightError:
            # a rerun that lands between the click and the fetch replaces the button's
            # file and the browser cancels the download (Streamlit's media files): the
            # analyst clicks again, and so does the test, once; the bytes are still checked
            session.page.wait_for_timeout(1000)
            with session.page.expect_download(timeout=STEP_TIMEOUT_MS) as again:
                _button(session.page, count).click()
            again.value.save_as(path)
        out.append(path.read_bytes())
    return out


def _expected(seeds, pages) -> tuple[list[dict], list[bytes], list[int]]:
    kwargs = [link_filter(p) for p in pages]
    views = [filter_layers(seeds.layers, **kw) for kw in kwargs]
    return kwargs, [layer_geojson(v, "incidents") for v in views], [len(v.incidents)
                                                                    for v in views]


def _check_round(sessions, counts, want, tmp_path, round_no: int, deadline: float) -> None:
    """Each session draws its own count, then downloads exactly its own filter's bytes."""
    for session, count in zip(sessions, counts, strict=True):
        _wait_drawn(session.page, count, deadline)
    got = _download_all(sessions, counts, tmp_path, round_no)
    for session, body, expected in zip(sessions, got, want, strict=True):
        assert body == expected, session.name


def test_sessions_filter_and_download_at_once(streamlit_server, browser_pages, tmp_path,
                                              monkeypatch):
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path / "data"))
    seeds = run_folders([SEEDS])
    span = data_choices(seeds).span
    kind = seeds.layers.incidents["type"].value_counts().index[0]
    install_assets()
    url = streamlit_server(PROJECT / "dashboard.py")
    deadline = time.monotonic() + BUDGET_S

    sessions = [
        Session("all", "tab=Export", "Dates — start", "End",
                f"() => new URLSearchParams(location.search).get('from') === '{span[1]}'"),
        Session("recent", "from=2022-01-01&tab=Export", "Minimum confidence", "End",
                "() => new URLSearchParams(location.search).get('conf') === '1.00'"),
        Session("one-type", f"types={kind}&tab=Export", "Dates — end", "Home",
                "() => new URLSearchParams(location.search).has('to')"),
        Session("empty", "conf=1.00&tab=Export", "Minimum confidence", "Home",
                "() => !new URLSearchParams(location.search).has('conf')"),
    ]
    for session, handle in zip(sessions, browser_pages(len(sessions)), strict=True):
        session.handle = handle
        handle.page.set_default_timeout(STEP_TIMEOUT_MS)
    pages = [s.page for s in sessions]

    # round 1: four links opened at once
    for session in sessions:
        session.page.goto(f"{url}/?{session.query}", wait_until="commit")
    for page in pages:
        page.wait_for_load_state("domcontentloaded")
    kwargs, want, counts = _expected(seeds, pages)
    assert kwargs == [{}, {"date_from": "2022-01-01"}, {"types": [kind]},
                      {"min_confidence": 1.0}]
    assert counts[3] == 0 and len(set(want)) == len(want), counts  # four different answers
    _check_round(sessions, counts, want, tmp_path, 1, deadline)

    # round 2: every session moves a widget, all at once
    for session in sessions:
        thumb = session.page.get_by_role("slider", name=session.slider)
        thumb.focus()
        thumb.press(session.key)
    for session in sessions:
        session.page.wait_for_function(session.moved, timeout=STEP_TIMEOUT_MS)
    kwargs2, want2, counts2 = _expected(seeds, pages)
    assert kwargs2 == [{"date_from": str(span[1])},
                       {"date_from": "2022-01-01", "min_confidence": 1.0},
                       {"types": [kind], "date_to": str(span[0])},
                       {}]
    # each session's answer changed, so a stale map or button cannot pass for the new one
    assert all(a != b for a, b in zip(counts, counts2, strict=True)), (counts, counts2)
    _check_round(sessions, counts2, want2, tmp_path, 2, deadline)

    for session in sessions:
        assert session.handle.external_requests == [], session.name
        assert session.handle.page_errors == [], session.name
        assert session.handle.dialogs == [], session.name
    assert time.monotonic() < deadline, f"took more than {BUDGET_S:.0f} s"

"""The map with its text packed (geo.app.packing), in Debian's Chromium, offline.

A large map sends its popup and tooltip text deflated and lets the page unpack it; the
seeds are drawn here with ``pack=True`` so the same page code runs on every seed incident:
every popup shows the text the unpacked map shows, every tooltip has its text, and the
"Open in the reader" links (packed too) are under each incident's popup.
"""

from __future__ import annotations

import textwrap
import time

import pytest

from geo.app.assets import install_assets
from geo.app.dashboard_data import run_folders
from geo.app.mapview import build_map
from tests.browser.paths import SEEDS
from tests.geo.app.samples import specs

pytestmark = pytest.mark.browser

APP = """
    import streamlit as st
    from streamlit_folium import st_folium

    from geo.app.dashboard_data import run_folders
    from geo.app.linked import ReaderLinks, incident_articles
    from geo.app.mapview import build_map

    st.set_page_config(page_title="Packed map", layout="wide")

    @st.cache_resource
    def layers():
        return run_folders(["seeds"]).layers

    L = layers()
    m = build_map({"incidents": L["incidents"], "bases": L["bases"]}, pack=True)
    m.add_child(ReaderLinks(incident_articles(L["incidents"]), pack=True))
    st_folium(m, key="map", height=700, width=1200, returned_objects=[], render=False)
"""

# The popup of incident i as text, once it is no longer "Loading…", without the links.
POPUP_JS = """(i) => {
  const map = OsintMap.maps[0];
  const box = document.querySelector('.leaflet-popup-content');
  if (!box || !map._popup || map._popup._source !== map._osint.layers.incidents.items[i]) {
    return null;
  }
  const copy = box.cloneNode(true);
  const links = copy.querySelector('.reader-links');
  if (links) { links.remove(); }
  return {text: copy.textContent, links: box.querySelectorAll('a.open-reader').length};
}"""
TEXT_OF_JS = "(html) => { const d = document.createElement('div'); d.innerHTML = html; " \
             "return d.textContent; }"


@pytest.fixture
def server(streamlit_server, tmp_path):
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(APP), encoding="utf-8")
    install_assets(tmp_path / "static" / "vendor")
    return streamlit_server(app)


def _frame(page, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "st_folium" in frame.url and frame.evaluate(
                    "() => !!(window.OsintMap && OsintMap.maps.length && "
                    "OsintMap.maps[0]._osint.layers.incidents)"):
                return frame
        page.wait_for_timeout(100)
    raise AssertionError("no map appeared")


def test_packed_popups_tooltips_and_reader_links(server, browser_page):
    seeds = run_folders([SEEDS])
    plain = {s["kind"]: s for s in specs(build_map(
        {"incidents": seeds.layers.incidents, "bases": seeds.layers.bases},
        pack=False).get_root().render())}["incidents"]
    page = browser_page.page
    page.goto(server, wait_until="domcontentloaded")
    frame = _frame(page)
    n = frame.evaluate("OsintMap.maps[0]._osint.layers.incidents.items.length")
    assert n == len(plain["rows"]) >= 7
    frame.wait_for_function("() => OsintMap.maps[0]._osint.layers.incidents.text.loaded",
                            timeout=30_000)
    home = frame.evaluate("() => { const m = OsintMap.maps[0]; "
                          "return [m.getCenter().lat, m.getCenter().lng, m.getZoom()]; }")
    for i in range(n):
        frame.evaluate("([lat, lon, z]) => { const m = OsintMap.maps[0]; m.closePopup(); "
                       "m._osint.cluster.unspiderfy(); m.setView([lat, lon], z, {animate: false}); }",
                       home)
        frame.wait_for_timeout(400)
        want = frame.evaluate(TEXT_OF_JS, "".join(plain["frags"][k] for k in plain["rows"][i][3]))
        frame.evaluate("i => OsintMap.focus('incidents', i)", i)
        deadline = time.monotonic() + 20
        got = None
        while time.monotonic() < deadline:
            got = frame.evaluate(POPUP_JS, i)
            if got and got["links"]:
                break
            frame.wait_for_timeout(150)
        assert got and got["text"] == want, (i, got)
        assert got["links"] >= 1, i
        tip = frame.evaluate("""i => { const m = OsintMap.maps[0]._osint.layers.incidents.items[i];
            const t = m.getTooltip(); t._source = m; t.update && t.update();
            const c = t._content; return typeof c === 'function' ? c(m) : c; }""", i)
        assert tip == plain["frags"][plain["tooltips"][i]], i
    # the heat map (off until chosen) is drawn from those markers
    frame.evaluate("() => { OsintMap.maps[0].closePopup(); }")
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_text("Heat map").click()
    frame.wait_for_selector("canvas.leaflet-heatmap-layer", timeout=10_000)
    assert browser_page.external_requests == []
    assert browser_page.page_errors == []



BIG_APP = """
    import pandas as pd
    import streamlit as st
    from streamlit_folium import st_folium

    from geo.app.dashboard_data import run_folders
    from geo.app.mapview import build_map

    st.set_page_config(page_title="Picked map", layout="wide")

    @st.cache_resource
    def full():
        inc = run_folders(["seeds"]).layers["incidents"]
        big = pd.concat([inc] * 70, ignore_index=True)
        big["id"] = [f"i{n}" for n in range(len(big))]
        return big

    F = full()
    view = F.iloc[::-1][F.index.to_series().iloc[::-1] % 9 != 0]
    st_folium(build_map({"incidents": view}, full={"incidents": F}), key="map",
              height=700, width=1200, returned_objects=[], render=False)
"""


@pytest.fixture
def big_server(streamlit_server, tmp_path):
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(BIG_APP), encoding="utf-8")
    install_assets(tmp_path / "static" / "vendor")
    return streamlit_server(app)


def test_a_view_picked_from_its_full_layer_shows_the_same_popups(big_server, browser_page):
    """More than LEAN_ABOVE incidents filtered from a full layer: the page gets the
    rows' fragment numbers as one flat list and shows the popups of the plain map."""
    import pandas as pd

    inc = run_folders([SEEDS]).layers.incidents
    big = pd.concat([inc] * 70, ignore_index=True)
    big["id"] = [f"i{n}" for n in range(len(big))]
    view = big.iloc[::-1][big.index.to_series().iloc[::-1] % 9 != 0]
    (plain,) = specs(build_map({"incidents": view}, pack=False).get_root().render())
    page = browser_page.page
    page.goto(big_server, wait_until="domcontentloaded")
    frame = _frame(page)
    assert frame.evaluate("OsintMap.maps[0]._osint.layers.incidents.items.length") == len(view)
    frame.wait_for_function("() => OsintMap.maps[0]._osint.layers.incidents.text.loaded",
                            timeout=30_000)
    for i in (0, 1, 7, len(view) // 2, len(view) - 1):
        want = "".join(plain["frags"][k] for k in plain["rows"][i][3])
        got = frame.evaluate("""i => { const m = OsintMap.maps[0]._osint.layers.incidents;
            return m.text.popup(m.items[i].options); }""", i)
        assert got == want, i
        tip = frame.evaluate("""i => { const m = OsintMap.maps[0]._osint.layers.incidents;
            return m.text.tooltip(m.items[i].options); }""", i)
        assert tip == plain["frags"][plain["tooltips"][i]], i
    assert browser_page.external_requests == []
    assert browser_page.page_errors == []

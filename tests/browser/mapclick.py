"""Clicking the dashboard's map where nothing is drawn, and finding markers by position.

The map lives in st_folium's frame; ``OsintMap.maps`` (geo/app/static/osint-map.js) holds
its Leaflet map. :func:`click_empty_map` clicks with the mouse, as an analyst would, at a
pixel where no marker, cluster, control or popup sits, and returns the point Leaflet puts
there: what st_folium reports as ``last_clicked`` (read back from its frame, as the
map may have settled by a few pixels between finding the spot and the click).
"""

from __future__ import annotations

import time

__all__ = ["click_empty_map", "map_frame", "markers_near", "settled_map"]

_READY = ("() => !!(window.OsintMap && OsintMap.maps.length && "
          "OsintMap.maps[OsintMap.maps.length - 1]._osint.layers.incidents)")

#: A pixel of the map (as a fraction of its size, tried in turn) where a click lands on the
#: map itself, inside ``area``; its offset in the map's box and its lat/lon.
_FREE_PIXEL_JS = """([area, avoid]) => {
  const map = OsintMap.maps[OsintMap.maps.length - 1];
  const box = map.getContainer().getBoundingClientRect();
  const stops = [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65];
  for (const fy of stops) {
    for (const fx of stops) {
      const x = fx * box.width, y = fy * box.height;
      const el = document.elementFromPoint(box.left + x, box.top + y);
      if (!el || !map.getContainer().contains(el)) { continue; }
      if (el.closest('.leaflet-marker-icon, .leaflet-control, .leaflet-popup, '
                     + '.leaflet-tooltip, .marker-cluster')) { continue; }
      const ll = map.containerPointToLatLng([x, y]);
      if (ll.lat < area[0] || ll.lat > area[1] || ll.lng < area[2] || ll.lng > area[3]) {
        continue;
      }
      if (avoid.some(p => Math.abs(p[0] - ll.lat) < 0.05 && Math.abs(p[1] - ll.lng) < 0.05)) {
        continue;
      }
      return {x: x, y: y, lat: ll.lat, lng: ll.lng};
    }
  }
  return null;
}"""

_NEAR_JS = """([kind, lat, lon, tol]) => {
  const map = OsintMap.maps[OsintMap.maps.length - 1];
  const layer = map._osint.layers[kind];
  if (!layer) { return 0; }
  return layer.items.filter(m => m.getLatLng && Math.abs(m.getLatLng().lat - lat) <= tol
                                 && Math.abs(m.getLatLng().lng - lon) <= tol).length;
}"""

#: Inside the review store's area (geo.review.AREA), with a margin.
AREA = (32.5, 37.5, 35.5, 42.5)


def map_frame(page, timeout_s: float = 90.0):
    """The frame holding the dashboard's map, once its incidents layer is drawn."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if "st_folium" in frame.url and frame.evaluate(_READY):
                    return frame
            except Exception:  # noqa: BLE001 - a frame replaced while we asked
                continue
        page.wait_for_timeout(200)
    raise AssertionError(f"no map appeared; frames: {[f.url for f in page.frames]}")


def click_empty_map(page, avoid: list[tuple[float, float]] = ()) -> tuple[float, float]:
    """Click the map with the mouse where nothing is drawn (and not within ~5 km of
    ``avoid``); returns the clicked (lat, lon), as Leaflet reports it."""
    for _ in range(3):
        frame = settled_map(page)
        frame.evaluate("window.__GLOBAL_DATA__.lat_lng_clicked = null")
        spot = frame.evaluate(_FREE_PIXEL_JS, [list(AREA), [list(p) for p in avoid]])
        assert spot, "no free spot on the map to click"
        frame.locator(".leaflet-container").first.click(
            position={"x": spot["x"], "y": spot["y"]})
        try:
            frame.wait_for_function("!!window.__GLOBAL_DATA__.lat_lng_clicked", timeout=10_000)
        except Exception:  # noqa: BLE001 - the map moved under the mouse: look again
            continue
        clicked = frame.evaluate("window.__GLOBAL_DATA__.lat_lng_clicked")
        if abs(clicked["lat"] - spot["lat"]) < 0.02 and abs(clicked["lng"] - spot["lng"]) < 0.02:
            return clicked["lat"], clicked["lng"]
    raise AssertionError("the map kept moving: no click landed where it was aimed")


def settled_map(page, timeout_s: float = 30.0):
    """The map's frame once its view has stopped moving (a new map flies to its view)."""
    frame = map_frame(page)
    deadline = time.monotonic() + timeout_s
    view = None
    while time.monotonic() < deadline:
        now = frame.evaluate("(() => { const m = OsintMap.maps[OsintMap.maps.length - 1]; "
                             "const c = m.getCenter(); return [c.lat, c.lng, m.getZoom(), "
                             "!!m._animatingZoom || !!(m._panAnim && m._panAnim._inProgress)]; "
                             "})()")
        if view is not None and now == view and not now[3]:
            return frame
        view = now
        page.wait_for_timeout(400)
        frame = map_frame(page)
    return frame


def markers_near(page, lat: float, lon: float, *, kind: str = "incidents",
                 tol: float = 6e-5) -> int:
    """How many of the map's ``kind`` markers sit within ``tol`` degrees of (lat, lon)
    (the map carries coordinates to 4 decimals, about 10 m)."""
    return int(map_frame(page).evaluate(_NEAR_JS, [kind, lat, lon, tol]))

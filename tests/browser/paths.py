"""What the browser tests share besides fixtures: where things are, Playwright's error."""

from __future__ import annotations

from pathlib import Path

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # pragma: no cover - conftest skips (or fails) without playwright
    PlaywrightError = Exception

__all__ = ["DASHBOARD", "PROJECT", "PlaywrightError", "RESULTS", "SEEDS", "incident_count"]

PROJECT = Path(__file__).resolve().parents[2]
DASHBOARD = PROJECT / "dashboard.py"
SEEDS = PROJECT / "seeds"
RESULTS = PROJECT / "test-results"  # screenshots, for a person to look at


#: How many incidents the map in a frame holds: markers drawn on their own and those
#: gathered in clusters alike (clusters hide their markers from the DOM at any count).
_INCIDENT_COUNT_JS = """() => {
  const maps = window.OsintMap && window.OsintMap.maps;
  if (!maps || !maps.length) return document.querySelectorAll('.incident-marker').length;
  const layer = maps[maps.length - 1]._osint.layers.incidents;
  return layer ? layer.items.length : 0;
}"""


def incident_count(frame) -> int:
    """The incidents the map in ``frame`` holds, clustered or not."""
    return int(frame.evaluate(_INCIDENT_COUNT_JS))

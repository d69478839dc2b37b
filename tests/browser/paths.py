"""What the browser tests share besides fixtures: where things are, Playwright's error."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # pragma: no cover - conftest skips (or fails) without playwright
    PlaywrightError = Exception

__all__ = ["DASHBOARD", "PROJECT", "PlaywrightError", "RESULTS", "SEEDS", "eventually", "incident_count",
           "layer_count"]

PROJECT = Path(__file__).resolve().parents[2]
DASHBOARD = PROJECT / "dashboard.py"
SEEDS = PROJECT / "seeds"
RESULTS = PROJECT / "test-results"  # screenshots, for a person to look at


#: How many incidents the map in a frame holds: markers drawn on their own and those
#: gathered in clusters alike (clusters hide their markers from the DOM at any count).
_LAYER_COUNT_JS = """(kind) => {
  const maps = window.OsintMap && window.OsintMap.maps;
  if (!maps || !maps.length) {
    return document.querySelectorAll('.' + kind.replace(/s$/, '') + '-marker').length;
  }
  const layer = maps[maps.length - 1]._osint.layers[kind];
  return layer ? layer.items.length : 0;
}"""


def layer_count(frame, kind: str) -> int:
    """The features of one layer ('incidents', 'bases', ...) the map in ``frame`` holds."""
    return int(frame.evaluate(_LAYER_COUNT_JS, kind))


def incident_count(frame) -> int:
    """The incidents the map in ``frame`` holds, clustered or not."""
    return layer_count(frame, "incidents")


def eventually(check: Callable[[], object], timeout_s: float = 30.0) -> object:
    """``check()`` until it is truthy or ``timeout_s`` has passed; its last value (a rerun
    reads the store and reruns the pipeline before a page shows a decision)."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.5)

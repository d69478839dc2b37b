"""What the browser tests share besides fixtures: where things are, Playwright's error."""

from __future__ import annotations

from pathlib import Path

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # pragma: no cover - conftest skips (or fails) without playwright
    PlaywrightError = Exception

__all__ = ["DASHBOARD", "PROJECT", "PlaywrightError", "RESULTS", "SEEDS"]

PROJECT = Path(__file__).resolve().parents[2]
DASHBOARD = PROJECT / "dashboard.py"
SEEDS = PROJECT / "seeds"
RESULTS = PROJECT / "test-results"  # screenshots, for a person to look at

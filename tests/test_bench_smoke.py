"""The per-MB benchmark runs and prints a row for every shape and size (no timing asserted).

Why a smoke test: a benchmark nobody runs rots; its figures are read by people, but
that it still runs against today's reader and extractor is checked here. The
machines are shared and noisy, so nothing is said about how long anything took.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench" / "bench_per_mb.py"
SHAPES = ("one-line", "paragraphs", "tatweel", "diacritics", "digits")
QUICK_SIZES = ("0.01", "0.05")


def test_bench_per_mb_quick_prints_every_row() -> None:
    out = subprocess.run([sys.executable, str(BENCH), "--quick"], capture_output=True, text=True,
                         timeout=600, check=True, cwd=ROOT).stdout
    rows = [line for line in out.splitlines() if " MB  read " in line]
    assert [(r.split()[0], r.split()[1]) for r in rows] == [
        (shape, size) for shape in SHAPES for size in QUICK_SIZES]
    for row in rows:
        assert re.search(r"read +\d+\.\d+ s/MB +extract +\d+\.\d+ s/MB", row), row
    assert all(" x" in row for row in rows if row.split()[1] != "0.01"), "ratios to the first size"

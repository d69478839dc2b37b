"""bench/bench_dashboard.py runs end to end at a small size and prints every figure.

A smoke run, not a timing test (the machines are shared and noisy): the first map is
measured on a real server in Chromium on the seeds and on a few synthetic articles
built with ``python -m geo build``, and the filter steps on a few hundred incidents.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.browser.paths import PROJECT

pytestmark = pytest.mark.browser

BENCH = PROJECT / "bench" / "bench_dashboard.py"
NUM = r"\d+\.\d\d"
SECONDS = NUM + " s"


def test_bench_prints_first_map_and_filter_figures(chromium_path, tmp_path):
    out = subprocess.run(
        [sys.executable, str(BENCH), "--part", "first-map", "--part", "steps", "--articles",
         "20", "--incidents", "300", "--repeat", "1", "--workdir", str(tmp_path)],
        capture_output=True, text=True, timeout=900, check=True, cwd=PROJECT).stdout
    assert "the seeds (server up in" in out, out
    assert "20 synthetic articles (server up in" in out, out
    colds = re.findall(rf"cold \(fresh server, first page\): {SECONDS} \(page {NUM}, "
                       rf"map frame {NUM}, Leaflet {NUM}\)", out)
    warms = re.findall(rf"warm \(new session, median of 1\): {SECONDS}; best {SECONDS}", out)
    cached = re.findall(rf"the browser's cache warm too \(the dashboard opened again, median "
                        rf"of 1\): {SECONDS}; best {SECONDS}; (?:within|OVER) target\n", out)
    assert len(colds) == len(warms) == len(cached) == 2, out
    assert len(re.findall(r"; (within|OVER) target", out)) == 4, out
    assert "requests outside 127.0.0.1" not in out, out  # the map is offline
    assert re.search(r"filter 'all': 300 incidents; .*MB as sent", out), out

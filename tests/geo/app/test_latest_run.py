"""geo.app.latest_run: a session that does not wait gets the last run at once; one run per key."""

from __future__ import annotations

import threading
import time

import pytest

from geo.app.latest_run import LatestRuns


def test_a_session_that_does_not_wait_keeps_the_last_run_while_the_new_one_is_read():
    runs, release, calls = LatestRuns(), threading.Event(), []

    def slow():
        calls.append("new")
        release.wait(10)
        return "new run"

    assert runs.get("corpus", "k1", lambda: "old run") == ("old run", "k1", False)
    started = time.monotonic()
    assert runs.get("corpus", "k2", slow, wait=False) == ("old run", "k1", True)
    assert runs.get("corpus", "k2", slow, wait=False) == ("old run", "k1", True)
    assert time.monotonic() - started < 1.0 and runs.pending("corpus")
    release.set()
    assert runs.get("corpus", "k2", slow) == ("new run", "k2", False)  # joins, no new run
    assert calls == ["new"] and not runs.pending("corpus") and runs.newest_key("corpus") == "k2"


def test_the_first_run_and_a_waiting_session_wait_and_a_failure_is_raised_then_retried():
    runs = LatestRuns()
    assert runs.get("c", "k1", lambda: 1, wait=False) == (1, "k1", False)  # nothing to show

    def broken():
        raise OSError("unreadable")

    with pytest.raises(OSError):
        runs.get("c", "k2", broken)
    assert runs.get("c", "k2", lambda: 2) == (2, "k2", False)


def test_a_later_run_is_never_replaced_by_an_earlier_one_finishing_last():
    runs, release = LatestRuns(), threading.Event()
    runs.get("c", "k1", lambda: 1)

    def slow():
        release.wait(10)
        return 2

    runs.get("c", "k2", slow, wait=False)  # started first, finishes last
    assert runs.get("c", "k3", lambda: 3) == (3, "k3", False)
    release.set()
    deadline = time.monotonic() + 10
    while runs.pending("c") and time.monotonic() < deadline:
        time.sleep(0.01)
    assert runs.newest_key("c") == "k3"

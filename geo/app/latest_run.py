"""The newest pipeline run per corpus, shared by every session, read without stalling them.

When an upload changes the corpus, the session that uploaded waits for the new run (it
must see its upload). Every other session keeps the last complete run while the new one
is read in a background thread, so its filters and map still answer at once (issue 10:
80 KB of tatweel uploaded while another session filters); it shows the new run once that
is complete. One run per key at a time, whoever asks; one complete run kept per corpus.
No Streamlit here: the dashboard holds one :class:`LatestRuns` per server process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext
from typing import Any

__all__ = ["LatestRuns"]


class LatestRuns:
    """Per ``base`` (what is read: the folders and options), the newest complete run and
    the runs being computed, each under its ``key`` (the content's stamp)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: dict[Hashable, tuple[Hashable, Any, int]] = {}  # base -> key, value, order
        self._pending: dict[tuple[Hashable, Hashable], tuple[Future, int]] = {}
        self._order = 0

    def get(self, base: Hashable, key: Hashable, compute: Callable[[], Any], *,
            wait: bool = True,
            spinner: Callable[[], AbstractContextManager] = nullcontext,
            ) -> tuple[Any, Hashable, bool]:
        """``(value, key_of_value, newer_pending)``.

        The run for ``key`` if it is complete. Otherwise: with ``wait`` (or when ``base``
        has no complete run yet) it is computed, or joined if another caller computes it,
        inside ``spinner()``; without ``wait`` it is started in a background thread and
        the newest complete run is returned with ``newer_pending=True``. A failed run
        raises in whoever receives it, and is tried again by the next caller.
        """
        with self._lock:
            done = self._done.get(base)
            if done is not None and done[0] == key:
                return done[1], key, False
            entry = self._pending.get((base, key))
            mine = entry is None
            if mine:
                self._order += 1
                entry = (Future(), self._order)
                self._pending[(base, key)] = entry
            future, order = entry
            background = not wait and done is not None
        if mine and background:
            threading.Thread(target=self._run, args=(base, key, compute, future, order),
                             name="latest-run", daemon=True).start()
        if background:
            if future.done() and future.exception() is not None:
                self._forget(base, key, future)
                raise future.exception()
            return done[1], done[0], True
        with spinner():
            if mine:
                self._run(base, key, compute, future, order)
            try:
                return future.result(), key, False
            except BaseException:
                self._forget(base, key, future)
                raise

    def pending(self, base: Hashable) -> bool:
        """Whether a run newer than the complete one is being computed for ``base``."""
        with self._lock:
            return any(b == base and not f.done() for (b, _), (f, _) in self._pending.items())

    def newest_key(self, base: Hashable) -> Hashable | None:
        with self._lock:
            done = self._done.get(base)
            return done[0] if done is not None else None

    def _run(self, base, key, compute, future: Future, order: int) -> None:
        try:
            value = compute()
        except BaseException as exc:  # noqa: BLE001 - handed to whoever receives the run
            future.set_exception(exc)
            return
        with self._lock:
            done = self._done.get(base)
            if done is None or done[2] < order:  # a run started later is never replaced
                self._done[base] = (key, value, order)
            self._pending.pop((base, key), None)
        future.set_result(value)

    def _forget(self, base, key, future: Future) -> None:
        with self._lock:
            if self._pending.get((base, key), (None,))[0] is future:
                del self._pending[(base, key)]

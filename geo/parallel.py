"""Extraction in worker processes, for ``geo build --jobs N``.

Extracting an article depends on that article and the gazetteer alone, so the
articles can be extracted anywhere in any order; what must not change is the
order in which their results reach the merge, because the output is written in
that order. :func:`extract_in_order` therefore sends chunks of articles to a
:class:`concurrent.futures.ProcessPoolExecutor` and hands the results back in
the order the articles came in: ``--jobs 2`` writes the same bytes as
``--jobs 1``.

Why these choices:

* Workers are forked when the platform allows it and this process runs a single
  thread: the gazetteer already loaded here is then shared copy-on-write, with
  nothing pickled. Otherwise (macOS, Windows, a threaded caller) they are
  spawned and each loads the gazetteer once, in its initializer.
* Results come back as the dataclasses, pickled: measured on the seeds, pickling
  :class:`~geo.model.ArticleResult` objects and loading them back takes a seventh
  of the time of the cache's checked JSON form (encode, then decode and check),
  and half the bytes. The gazetteer's places travel by id (:mod:`geo.placeref`), so
  the results this process reads back hold its own place objects, as ``--jobs 1``'s
  do: compared by value instead, copies made the merge and layers of 1,000 real
  articles ~40% slower, in the part of the run that uses one core.
* Chunks of a few dozen articles keep the cost of a round trip small beside the
  work, and only a few chunks per worker are in flight, so memory does not grow
  with the corpus. When the files to read say how many are left (the folder's list
  does), the last chunks are cut small, so that the workers end together instead of
  one idling while the other ends a chunk of two dozen.
* Reading the files (decoding, page furniture, the publication stamp: a quarter of
  the work on real news) happens in the same workers when the pipeline reads its own
  folder: :meth:`Pool.reader` sends chunks of files to the pool, and the parent keeps
  only what needs the whole folder (ids, copies, the analyst's decisions). The worker
  that reads an article extracts it in the same task (its dates are found once, not
  once per process), unless the cache holds its result; the parent takes that result
  when the article it extracts is the very one read (not renamed nor edited by a
  decision), else sends it to be extracted as usual. One pool for both, so it is
  forked once, before any thread starts.
* An exception while extracting one article costs that article (reported like any
  extraction failure). A worker that dies (a crash, the out-of-memory killer)
  breaks the pool: its articles are extracted again one at a time in a fresh
  pool, and only an article that breaks that one too is reported as failed.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import operator
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from . import placeref

__all__ = ["DEFAULT_CHUNK", "Extracted", "Pool", "default_jobs", "extract_cached",
           "extract_in_order", "map_in_order", "open_pool"]

#: Articles per task: large enough that a round trip costs little beside the work.
DEFAULT_CHUNK = 24
#: Chunks in flight per worker: enough to keep every worker busy, few enough to bound memory.
_IN_FLIGHT = 3
#: Near the end a task takes 1/(this x jobs) of the items left to send (see _chunk_size).
_GUIDED = 2

Extract = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class Extracted:
    """One article's outcome: its result, or the reason it has none.

    ``cached`` is True when the result came from ``lookup`` (the cache), not a worker.
    """

    article: Any
    result: Any = None
    error: str = ""
    cached: bool = False


def default_jobs() -> int:
    """The machine's cores (at least 1): what ``geo build`` uses without ``--jobs``."""
    import os

    return max(1, os.cpu_count() or 1)


# --- the worker side ------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(gazetteer: Any, extract: Extract | None,
                 version: tuple[Callable[[Any], str], str] | None) -> None:
    """Load what a worker needs, once: the gazetteer (unless inherited) and the extractor.

    ``version`` is (the function that versions a gazetteer, the run's version): a worker
    that loads the default gazetteer itself checks it is the one the run uses.
    """
    if gazetteer is None:
        from gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        if version is not None:
            versioner, wanted = version
            if versioner(gazetteer) != wanted:
                raise RuntimeError("a worker loaded another gazetteer than the run's "
                                   "(the place files changed during the run?); run again")
    if extract is None:
        from .extract import extract_article

        extract = extract_article
    _WORKER.update(gazetteer=gazetteer, extract=extract)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _extract_chunk(articles: list[Any]) -> tuple[list[tuple[Any, str]], float]:
    """(result or None, error) per article, and the seconds spent extracting."""
    start = time.perf_counter()
    gazetteer, extract = _WORKER["gazetteer"], _WORKER["extract"]
    out: list[tuple[Any, str]] = []
    for article in articles:
        try:
            out.append((extract(article, gazetteer), ""))
        except Exception as exc:  # one bad article must not stop the others
            out.append((None, _describe(exc)))
    return out, time.perf_counter() - start


def _read_extract(read: Callable[..., Any], cache: Any,
                  *item: Any) -> tuple[Any, tuple[Any, str] | None, float]:
    """``read(*item)``, and the article it gives extracted here too: (what was read, its
    (result, error) or None, the seconds spent extracting).

    Why in the same task: the reader's date finding fills this process's memo of the
    text, which extracting the article then reads instead of finding the dates again.
    An article whose result the cache holds is not extracted (the run takes the
    cache's); run in the parent (a dead worker's chunk), nothing is extracted.
    """
    got = read(*item)
    if "gazetteer" not in _WORKER or not (hasattr(got, "body") and hasattr(got, "id")):
        return got, None, 0.0
    if cache is not None and cache.has(cache.key(got)):
        return got, None, 0.0
    (outcome,), seconds = _extract_chunk([got])
    return got, outcome, seconds


def _call_chunk(func: Callable[..., Any], items: list[tuple]) -> bytes:
    """``func(*item)`` for each item of a chunk (a module-level ``func``: sent by name),
    packed (:func:`_pack`)."""
    return _pack([func(*item) for item in items])


def _extract_packed(articles: list[Any]) -> tuple[bytes, float]:
    """:func:`_extract_chunk`, its outcomes packed (:func:`_pack`)."""
    out, seconds = _extract_chunk(articles)
    return _pack(out), seconds


def _pack(value: Any) -> bytes:
    """``value`` pickled with this worker's gazetteer places written by id."""
    return placeref.dumps(value, getattr(_WORKER.get("gazetteer"), "places", None) or {})


# --- the parent side ------------------------------------------------------------------


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """The objects alive now left out of the cyclic collector's walks while workers are
    forked (``gc.freeze``), and given back to this process's collector after.

    Why: a forked worker shares this process's memory until it writes to a page; its
    collector walking the inherited objects (the gazetteer, the run's state: hundreds of
    thousands) writes to every one of them, copying their pages and spending CPU on
    objects that live as long as the worker. Frozen, the worker's collector walks only
    what the worker makes; this process's collector is as before once they are forked.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


#: Threads letting a run's workers go (:meth:`Pool.release`), waited for before a new pool.
_RELEASING: list[threading.Thread] = []


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (one thread, a platform that has it), else spawn."""
    while _RELEASING:  # an earlier run's workers, still being let go: wait for them first
        _RELEASING.pop().join()
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class Pool:
    """A process pool started on first use, and started again if a worker dies.

    One per run: it extracts articles (:func:`extract_in_order`) and may read them too
    (:func:`map_in_order`); :meth:`close` when the run is over.
    """

    def __init__(self, jobs: int, gazetteer: Any, extract: Extract | None,
                 version: tuple[Callable[[Any], str], str] | None) -> None:
        self.jobs = jobs
        self.places = getattr(gazetteer, "places", None) or {}  # what workers' ids name
        self.context = _context()
        forked = self.context.get_start_method() == "fork"
        # Forked workers inherit the parent's objects; spawned ones load the default
        # gazetteer themselves when the run uses it (version given), else get it pickled.
        self.initargs = (gazetteer if forked or version is None else None, extract,
                         None if forked else version)
        self.executor: ProcessPoolExecutor | None = None
        self.generation = 0  # bumped at each restart: a dead pool's futures restart nothing
        self.seconds = 0.0  # worker seconds spent extracting
        # articles extracted where they were read, by id(): (read order, article, outcome)
        self.ahead: OrderedDict[int, tuple[int, Any, tuple[Any, str]]] = OrderedDict()
        self.read_count = 0

    def reader(self, read: Callable[..., Any], cache: Any = None
               ) -> Callable[[Iterable[tuple]], Iterator[Any]]:
        """A ``read_files`` for :func:`geo.read.iter_corpus`: ``read`` (module-level) of
        each item in the workers, which also extract each article the ``cache`` (may be
        None) lacks; :meth:`take` hands those results to :func:`extract_in_order`."""
        work = functools.partial(_read_extract, read, cache)

        def read_files(items: Iterable[tuple]) -> Iterator[Any]:
            for got, outcome, seconds in map_in_order(self, work, items):
                self.read_count += 1
                if outcome is not None:
                    self.ahead[id(got)] = (self.read_count, got, outcome)
                    self.seconds += seconds
                yield got
        return read_files

    def take(self, article: Any) -> tuple[Any, str] | None:
        """The (result, error) of ``article`` if a worker extracted it as it read it.

        Only the very object read counts: one renamed, edited by a review decision or
        given a visible id is another article, extracted as usual. Articles come here in
        reading order, so entries read before the one taken are never asked for again
        (copies, excluded articles): dropped, and memory stays bounded.
        """
        entry = self.ahead.pop(id(article), None)
        if entry is None or entry[1] is not article:
            return None
        while self.ahead and next(iter(self.ahead.values()))[0] < entry[0]:
            self.ahead.popitem(last=False)
        return entry[2]

    def submit(self, articles: list[Any]) -> Future:
        """Extract a chunk of articles in a worker."""
        return self.submit_call(_extract_packed, articles)

    def unpack(self, data: bytes) -> Any:
        """What a worker packed, its places this run's own."""
        return placeref.loads(data, self.places)

    def submit_call(self, func: Callable[..., Any], *args: Any) -> Future:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(self.jobs, mp_context=self.context,
                                                initializer=_init_worker,
                                                initargs=self.initargs)
            if self.context.get_start_method() == "fork":
                with _frozen_heap():  # (a forking pool starts its workers at the first submit)
                    return self._submit(func, *args)
        return self._submit(func, *args)

    def _submit(self, func: Callable[..., Any], *args: Any) -> Future:
        assert self.executor is not None
        future = self.executor.submit(func, *args)
        future.generation = self.generation  # type: ignore[attr-defined]
        return future

    def restart(self, future: Future) -> None:
        """Replace the pool that ran ``future``, unless that was done already."""
        if getattr(future, "generation", None) != self.generation:
            return  # an older pool's future: the pool running now is sound
        self.generation += 1
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def release(self) -> None:
        """Let the workers go without waiting for them to exit (:meth:`close` waits).

        Why: waiting for two workers to end and be joined cost the run 5-15 ms after its
        last article, while nothing else ran; a thread waits instead, while the merge runs.
        """
        if self.executor is not None:
            executor, self.executor = self.executor, None
            waiting = threading.Thread(target=executor.shutdown, daemon=True,
                                       kwargs={"wait": True, "cancel_futures": True})
            waiting.start()
            _RELEASING.append(waiting)

    def close(self) -> None:
        """Stop the workers and wait until they have exited (those :meth:`release` let go too)."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
        while _RELEASING:
            _RELEASING.pop().join()

    def collect(self, future: Future, articles: list[Any]) -> list[tuple[Any, str]]:
        """The chunk's outcomes; a dead worker's articles retried one at a time."""
        try:
            packed, seconds = future.result()
            out = self.unpack(packed)
        except BrokenProcessPool:
            self.restart(future)
            return [self._alone(article) for article in articles]
        except Exception as exc:  # the chunk's results could not come back (pickling)
            return [self._alone(article, exc) for article in articles]
        self.seconds += seconds
        return out

    def _alone(self, article: Any, chunk_error: BaseException | None = None) -> tuple[Any, str]:
        future = self.submit([article])
        try:
            packed, seconds = future.result()
            (outcome,) = self.unpack(packed)
        except BrokenProcessPool:
            self.restart(future)
            return None, ("the worker process extracting it stopped (a crash or the "
                          "out-of-memory killer); run with --jobs 1 to see the error")
        except Exception as exc:
            return None, _describe(chunk_error or exc)
        self.seconds += seconds
        return outcome


def _chunk_size(chunk: int, jobs: int, left: int) -> int:
    """Items in the next task: ``chunk``, or fewer once few are left to send (``left``; -1
    when the items do not say): a share of what is left, so that the last tasks are
    small and no worker idles while another ends a large one (guided scheduling: on 500
    real articles at two jobs, one worker ended 0.07-0.09 s before the other)."""
    if left < 0:
        return chunk
    return max(1, min(chunk, -(-left // (_GUIDED * jobs))))


def map_in_order(pool: Pool, func: Callable[..., Any], items: Iterable[tuple], *,
                 chunk: int = DEFAULT_CHUNK) -> Iterator[Any]:
    """``func(*item)`` for every item, worked out in ``pool``'s workers, yielded in order.

    ``items`` is read lazily, a few chunks ahead, ``chunk`` at a time, fewer near the end
    when it tells how many are left (``operator.length_hint``: an iterator over a list
    does); ``func`` must be a module-level
    function and should not raise (a reader returns a report instead). A chunk whose
    worker died, or whose results could not come back, is worked out here instead.
    """
    window: deque[tuple[list[tuple], Future]] = deque()
    items = iter(items)
    size = _chunk_size(chunk, pool.jobs, operator.length_hint(items, -1))

    def finish() -> list[Any]:
        batch, future = window.popleft()
        try:
            return pool.unpack(future.result())
        except BrokenProcessPool:
            pool.restart(future)
        except Exception:  # the results could not come back (pickling): worked out here
            pass
        return [func(*item) for item in batch]

    batch: list[tuple] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            window.append((batch, pool.submit_call(_call_chunk, func, batch)))
            batch = []
            size = _chunk_size(chunk, pool.jobs, operator.length_hint(items, -1))
            while len(window) > pool.jobs * _IN_FLIGHT:
                yield from finish()
    if batch:
        window.append((batch, pool.submit_call(_call_chunk, func, batch)))
    while window:
        yield from finish()


def extract_in_order(articles: Iterable[Any], *, jobs: int, gazetteer: Any,
                     extract: Extract | None = None,
                     version: tuple[Callable[[Any], str], str] | None = None,
                     lookup: Callable[[Any], Any] | None = None,
                     chunk: int = DEFAULT_CHUNK,
                     timings: dict[str, float] | None = None,
                     pool: Pool | None = None) -> Iterator[Extracted]:
    """Extract ``articles`` in ``jobs`` worker processes; outcomes in the input's order.

    Parameters
    ----------
    articles : iterable
        Read lazily, a few chunks ahead of the results.
    jobs : int
        Worker processes (at least 1).
    gazetteer, extract
        What each article is extracted with: ``extract(article, gazetteer)``
        (default :func:`geo.extract.extract_article`).
    version : (callable, str), optional
        When the gazetteer is the default one: the function that gives a gazetteer's data
        version and the run's; spawned workers then load it themselves and check they
        got the same. None: the gazetteer is sent to them.
    lookup : callable(article) -> result or None, optional
        A result already known (the cache): the article is not sent to a worker.
    timings : dict, optional
        Gets ``extract`` (worker seconds, summed over workers) and ``extract_wait``
        (seconds this process waited for them).
    pool : Pool, optional
        A pool made by the caller with :func:`open_pool` (its workers extract with the
        ``gazetteer``, ``extract`` and ``version`` given there), which the caller closes;
        by default one of ``jobs`` workers is made here and closed at the end.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    owned = pool is None
    if pool is None:
        pool = Pool(jobs, gazetteer, extract, version)
    # (outcome known, or None: the worker's to come), the articles to send, their future
    window: deque[tuple[list[tuple[Extracted | None, Any]], list[Any], Future | None]] = deque()
    waited = 0.0

    def finish() -> Iterator[Extracted]:
        nonlocal waited
        known, misses, future = window.popleft()
        start = time.perf_counter()
        outcomes = iter(pool.collect(future, misses) if future is not None else ())
        waited += time.perf_counter() - start
        for item, article in known:
            if item is None:
                result, error = next(outcomes)
                item = Extracted(article, result, error)
            yield item

    def send(batch: list[tuple[Extracted | None, Any]]) -> None:
        misses = [article for item, article in batch if item is None]
        window.append((batch, misses, pool.submit(misses) if misses else None))

    def known(article: Any) -> Extracted | None:
        found = lookup(article) if lookup is not None else None
        if found is not None:
            return Extracted(article, found, cached=True)
        ahead = pool.take(article)  # extracted by the worker that read it
        return None if ahead is None else Extracted(article, *ahead)

    def ready() -> bool:
        future = window[0][2]
        return future is None or future.done()

    try:
        batch: list[tuple[Extracted | None, Any]] = []
        missed = 0
        for article in articles:
            done = known(article)
            if done is not None and not batch and not window:
                # nothing pending before it: handed on now, so the caller's work on it
                # overlaps the workers' instead of waiting for the end (articles
                # extracted where they were read all come this way)
                yield done
                continue
            batch.append((done, article))
            missed += done is None
            if missed >= chunk or len(batch) >= 8 * chunk:  # hits alone: bounded too
                send(batch)
                batch, missed = [], 0
                while window and (len(window) > jobs * _IN_FLIGHT or ready()):
                    yield from finish()
        if batch:
            send(batch)
        while window:
            yield from finish()
    finally:
        if owned:
            pool.close()
        if timings is not None:
            timings["extract"] = timings.get("extract", 0.0) + pool.seconds
            timings["extract_wait"] = timings.get("extract_wait", 0.0) + waited


def open_pool(jobs: int, *, gazetteer: Any, extract: Extract | None = None,
              version: tuple[Callable[[Any], str], str] | None = None) -> Pool:
    """A pool of ``jobs`` workers for a run (started on first use; the caller closes it)."""
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    return Pool(jobs, gazetteer, extract, version)


def extract_cached(articles: Iterable[Any], *, jobs: int, gazetteer: Any,
                   extract: Extract | None,
                   version: tuple[Callable[[Any], str], str] | None, cache: Any,
                   timer: Any, pool: Pool | None = None) -> Iterator[Extracted]:
    """:func:`extract_in_order` through the pipeline's result cache (``cache`` may be None).

    Hits are looked up and new results stored here, in this process, so that the cache
    has one writer; ``timer`` is the pipeline's (``stage(name)``, ``seconds``).
    """
    def lookup(article: Any) -> Any:
        if cache is None:
            return None
        with timer.stage("cache"):
            return cache.get(cache.key(article), article_id=article.id)

    for done in extract_in_order(articles, jobs=jobs, gazetteer=gazetteer, extract=extract,
                                 version=version, lookup=lookup, timings=timer.seconds,
                                 pool=pool):
        if cache is not None and not done.cached and not done.error:
            with timer.stage("cache"):
                cache.put(cache.key(done.article), done.result, article_id=done.article.id)
        yield done

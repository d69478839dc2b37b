"""Per-article results kept on disk past a size, so they do not grow a run's memory.

Why: a run holds one :class:`~geo.model.ArticleResult` per article (mentions with their
candidates, incidents, bases, routes) until the layers are built. Every later step
reads them one article at a time (merging takes the incidents, the layers and the
report walk the mentions), so past :data:`SPILL_AFTER` articles the results are
pickled to an unnamed temporary file, one record per article, and read back when
asked for. A record is several pickles, each readable alone: the bases and routes, the
incidents of each family (:func:`geo.merge.family_of`), and the rest (mentions, main
place), so the merge reads one family's incidents at a time
(:meth:`ResultShelf.incidents_by_family`: families never merge with each other, and one
family's incidents and clusters are all it holds) and does not unpickle every mention
only to drop it. Where the records lie is kept in arrays, not a tuple per article.
Incidents read back share their repeated words (types, actors, outlets) as incidents
extracted in memory do. The pipeline keeps a large run's articles on a shelf too.

Places are written by reference to the run's gazetteer (its id) and read back as the
gazetteer's own objects: records stay small, and a place read back is the same
object the rest of the run holds. A shelf is a read-only :class:`Mapping` for its
users (the dashboard, the report, the review queue), in the order results were put.
The file is unnamed (unlinked as it is made) and written by this process only, so
what is unpickled is what was pickled here.
"""

from __future__ import annotations

import dataclasses
import io
import os
import tempfile
import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any

from .merge import family_of
from .model import ArticleResult, Base, Incident, Route
from .placeref import PlacePickler as _Pickler
from .placeref import PlaceUnpickler as _Unpickler
from .stored import ColumnStore

__all__ = ["ListShelf", "ResultShelf", "SPILL_AFTER"]

#: Results kept as objects before the shelf starts writing them to disk (the seeds, a
#: dashboard's corpus and the tests never touch the disk). Measured on synthetic articles
#: (issue 14, bench_pipeline.py --memory; before, the review step kept every result's
#: incidents alive, so spilling saved less than it seemed): 10,000 results in memory
#: raise the peak by ~25 MB (265 against 240 MB), and writing and reading them back costs
#: ~10% CPU (23.7 against 21.5 s). Runs up to 10,000 articles stay in memory at full
#: speed; past that every one goes to disk, those held first (issue 14: otherwise the
#: 10,000 held stay objects through every larger run's merge, its peak). A corpus folder of
#: more files than this goes to disk from its first result (geo.pipeline): the heap the
#: first 10,000 grew as objects stayed the process's, a large run's peak.
SPILL_AFTER = 10_000


class ResultShelf(Mapping[str, ArticleResult]):
    """Article id -> result: up to ``spill_after`` in memory, past that all in a temp file.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Its places are written as references (``places`` mapping id -> Place).
    spill_after : int, optional
        How many results may stay in memory (default :data:`SPILL_AFTER`); one more and
        every one is written to disk; 0 writes each as it comes.

    Examples
    --------
    >>> shelf = ResultShelf(spill_after=1)
    >>> shelf.put("a", ArticleResult("a")); shelf.put("b", ArticleResult("b"))
    >>> list(shelf), shelf["b"].article_id, len(shelf)
    (['a', 'b'], 'b', 2)
    """

    def __init__(self, gazetteer: Any = None, *, spill_after: int | None = None) -> None:
        self._places: Mapping[str, Any] = getattr(gazetteer, "places", None) or {}
        self._spill_after = SPILL_AFTER if spill_after is None else spill_after
        self._memory: dict[str, ArticleResult] = {}
        self._index: dict[str, int] = {}  # id -> its record in the file; -1: held in memory
        self._records = _Records()
        self._file: Any = None
        self._size = 0
        self._lock = threading.Lock()

    def put(self, article_id: str, result: ArticleResult) -> None:
        """Keep ``result`` under ``article_id`` (an id put twice keeps the last)."""
        if article_id in self._index:
            self._memory.pop(article_id, None)
            del self._index[article_id]  # its record stays in the file, unread
        if self._file is None and len(self._memory) < self._spill_after:
            self._memory[article_id] = result
            self._index[article_id] = -1
            return
        if self._memory:  # the first to spill: those held go to disk too, in their order
            held, self._memory = self._memory, {}
            for aid, kept in held.items():
                self._write(aid, kept)
        self._write(article_id, result)

    def _write(self, article_id: str, result: ArticleResult) -> None:
        """Append ``result`` to the file (its place in the order is kept: ids put before
        are updated where they stand).

        A result is written as pickles readable alone: its bases, routes and the family
        of each incident; its incidents of each family (:func:`geo.merge.family_of`), in
        the order met; its mentions and main place. The merge reads one family's at a time.
        """
        parts: list[tuple[str, bytes]] = []
        if isinstance(result, ArticleResult):
            families = tuple(family_of(i.type) for i in result.incidents)
            parts.append(("", self._dumps((result.bases, result.routes, families))))
            for family in dict.fromkeys(families):
                own = [i for i, f in zip(result.incidents, families, strict=True) if f == family]
                parts.append((family, self._dumps(own)))
            parts.append(("", self._dumps((result.article_id, result.mentions,
                                           result.main_place))))
        else:
            parts.append(("", self._dumps(result)))
        data = b"".join(part for _, part in parts)
        with self._lock:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="nes-results-")
            os.pwrite(self._file.fileno(), data, self._size)
            self._index[article_id] = self._records.add(
                self._size, [(family, len(part)) for family, part in parts],
                isinstance(result, ArticleResult))
            self._size += len(data)

    @property
    def on_disk(self) -> int:
        """How many results live in the file (the rest are objects in memory)."""
        return len(self._index) - len(self._memory)

    def _read(self, start: int, end: int) -> bytes:
        return os.pread(self._file.fileno(), end - start, start)  # no shared file position

    def __getitem__(self, article_id: str) -> ArticleResult:
        record = self._index[article_id]
        if record < 0:
            return self._memory[article_id]
        start, end = self._records.span(record)
        data = io.BytesIO(self._read(start, end))
        if not self._records.is_result(record):  # not a result: one pickle
            return self._loads(data)
        bases, routes, families = self._loads(data)
        own = {family: iter(self._loads(data)) for family in dict.fromkeys(families)}
        incidents = [next(own[family]) for family in families]
        stored_id, mentions, main_place = self._loads(data)
        if stored_id == article_id:  # the key's string, not a copy: what a layer keeps
            stored_id = article_id
        return ArticleResult(stored_id, mentions, incidents, bases, routes, main_place)

    def alike(self, items: Iterable[Any]) -> Sequence[Any]:
        """``items`` kept as this shelf keeps results: a list while it holds them all (a
        list given: that list), else on disk (a :class:`ListShelf`; one given: as it is):
        a large run's merged incidents."""
        if not self.on_disk:
            return items if isinstance(items, list) else list(items)
        return items if isinstance(items, ListShelf) else ListShelf(items, self._places)

    def column_store(self) -> ColumnStore | None:
        """Where the layers of this run keep their lists and texts (:mod:`geo.stored`): a
        new store when this shelf spilled (a large run), else None (held as objects)."""
        return ColumnStore() if self.on_disk else None

    def merge_parts(self) -> tuple[list[Incident], list[Base], list[Route]]:
        """Every result's incidents, bases and routes, in order."""
        bases, routes = self.bases_and_routes()
        incidents = [i for aid in self._index for i in getattr(self[aid], "incidents", ())]
        return incidents, bases, routes

    def bases_and_routes(self) -> tuple[list[Base], list[Route]]:
        """Every result's bases and routes, in order (from disk, only they are read)."""
        bases: list[Base] = []
        routes: list[Route] = []
        for article_id, record in self._index.items():
            if record < 0 or not self._records.is_result(record):
                result = self[article_id]  # held, or not an ArticleResult
                found = getattr(result, "bases", ()), getattr(result, "routes", ())
            else:
                start, _ = self._records.span(record)
                head = self._read(start, start + self._records.head(record))
                found = self._loads(io.BytesIO(head))
            bases.extend(found[0])
            routes.extend(found[1])
        return bases, routes

    def incidents_by_family(self) -> Iterator[list[Incident]]:
        """Every result's incidents, one family (:func:`geo.merge.family_of`) at a time, in
        order (for :func:`geo.merge.merge_families`): from disk, only that family's are read.
        Incidents read back share their repeated words, as those extracted in memory do."""
        if not self.on_disk:  # every result held: one pass, not one per family
            yield from self._families_held()
            return
        canon: dict[Any, Any] = {}
        others = [aid for aid, record in self._index.items()
                  if record < 0 or not self._records.is_result(record)]
        for family in sorted({*self._records.families(),
                              *(family_of(i.type) for aid in others
                                for i in getattr(self[aid], "incidents", ()))}):
            yield self._family(family, canon)

    def _families_held(self) -> Iterator[list[Incident]]:
        """:meth:`incidents_by_family` of a shelf that holds every result as an object:
        each family's incidents gathered in one walk of the results (a walk per family
        cost a run of 1,000 real articles ~15 ms of its merge), each let go once given."""
        groups: dict[str, list[Incident]] = {}
        for article_id in self._index:
            for incident in getattr(self._memory[article_id], "incidents", ()):
                groups.setdefault(family_of(incident.type), []).append(incident)
        for family in sorted(groups):
            yield groups.pop(family)

    def _family(self, family: str, canon: dict[Any, Any]) -> list[Incident]:
        found: list[Incident] = []
        records, starts, ends = self._records.of(family)
        at = 0  # records ascend in the order of the index: both are walked together
        for article_id, record in self._index.items():
            if record < 0 or not self._records.is_result(record):
                found += [i for i in getattr(self[article_id], "incidents", ())
                          if family_of(i.type) == family]
                continue
            while at < len(records) and records[at] < record:  # put again since: skipped
                at += 1
            if at < len(records) and records[at] == record:
                incidents = self._loads(io.BytesIO(self._read(starts[at], ends[at])))
                _share_strings(incidents, canon)
                found += incidents
        return found

    def _loads(self, data: io.BytesIO) -> Any:
        """The next pickle of ``data`` (a file at the pickle's start)."""
        return _Unpickler(data, self._places).load()

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._index

    def close(self) -> None:
        """Drop the file (results on disk are gone; the ones in memory stay)."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
            for aid in [a for a, record in self._index.items() if record >= 0]:
                del self._index[aid]
            self._records = _Records()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as a plain dict of its results (a file does not travel)."""
        return (dict, (list(self.items()),))

    def _dumps(self, result: Any) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self._places).dump(result)
        return buffer.getvalue()


class _Records:
    """Where each record of a :class:`ResultShelf` lies in its file, kept as arrays (not a
    tuple of ints per article: 8 MB at 30,000 articles), and, per incident family, where
    each record's incidents of that family lie."""

    def __init__(self) -> None:
        self._start = array("q")  # record -> its first byte
        self._end = array("q")  # record -> its byte past the last
        self._head = array("q")  # record -> length of its first pickle; -1: not a result
        #: family -> (records, their first byte, their byte past the last) of its pickles
        self._families: dict[str, tuple[array, array, array]] = {}

    def add(self, start: int, parts: list[tuple[str, int]], result: bool) -> int:
        """A record of ``parts`` (family or '', length) written at ``start``: its number."""
        record = len(self._start)
        self._start.append(start)
        self._head.append(parts[0][1] if result else -1)
        at = start
        for family, length in parts:
            if family:
                records, starts, ends = self._families.setdefault(
                    family, (array("q"), array("q"), array("q")))
                records.append(record)
                starts.append(at)
                ends.append(at + length)
            at += length
        self._end.append(at)
        return record

    def span(self, record: int) -> tuple[int, int]:
        return self._start[record], self._end[record]

    def head(self, record: int) -> int:
        return self._head[record]

    def is_result(self, record: int) -> bool:
        return self._head[record] >= 0

    def families(self) -> list[str]:
        return list(self._families)

    def of(self, family: str) -> tuple[Sequence[int], Sequence[int], Sequence[int]]:
        """The records holding incidents of ``family`` (ascending), where those start and
        end."""
        return self._families.get(family, ((), (), ()))


class ListShelf(Sequence[Any]):
    """A list kept in an unnamed temporary file, each item read back when asked.

    Why: a large run's merged incidents are its largest part after the layers (which hold
    what is drawn of them); once the layers are built the pipeline keeps them here
    (issue 14). Items are written as :class:`ResultShelf` writes results (places by id).

    >>> items = ListShelf([{"id": "a"}, {"id": "b"}])
    >>> len(items), items[-1], items == [{"id": "a"}, {"id": "b"}]
    (2, {'id': 'b'}, True)
    """

    def __init__(self, items: Iterable[Any] = (), places: Mapping[str, Any] | None = None) -> None:
        self._places: Mapping[str, Any] = places or {}
        self._file: Any = tempfile.TemporaryFile(prefix="nes-list-")
        self._offsets = array("q", [0])  # item i: the bytes from offsets[i] to offsets[i + 1]
        self._written, self._buffer = 0, io.BytesIO()  # the bytes in the file, the rest
        for item in items:
            self.append(item)
        self._flush()

    def append(self, item: Any) -> None:
        """Add ``item`` at the end (a list built as it is filled: a large run's report)."""
        _Pickler(self._buffer, self._places).dump(item)  # one pickle per item: read alone
        self._offsets.append(self._written + self._buffer.tell())
        if self._buffer.tell() > 1 << 20:
            self._flush()

    def _flush(self) -> None:
        if self._buffer.tell():
            os.pwrite(self._file.fileno(), self._buffer.getvalue(), self._written)
            self._written += self._buffer.tell()
            self._buffer.seek(0)
            self._buffer.truncate()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __iter__(self) -> Iterator[Any]:
        self._flush()
        for start, end in pairwise(self._offsets):
            yield _Unpickler(io.BytesIO(os.pread(self._file.fileno(), end - start, start)),
                             self._places).load()

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = range(len(self))[index]  # IndexError past the end; negative counted back
        self._flush()
        start, end = self._offsets[i], self._offsets[i + 1]
        data = os.pread(self._file.fileno(), end - start, start)
        return _Unpickler(io.BytesIO(data), self._places).load()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  (a list's equality, a list's unhashability)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as a plain list (a file does not travel)."""
        return (list, (list(self),))


def _share_strings(incidents: list[Incident], canon: dict[Any, Any]) -> None:
    """Make the words incidents read back repeat (types, actors, notes, outlets, days, the
    place names as written) one string each, as they are in results extracted in memory,
    and their dates and confidences one object each: what the merge keeps of a
    100,000-article run shrinks by almost half. Equal values: nothing written changes."""
    one = canon.setdefault
    for inc in incidents:
        inc.type, inc.date_precision = one(inc.type, inc.type), inc.date_precision and \
            one(inc.date_precision, inc.date_precision)
        inc.place_cue, inc.place_text = one(inc.place_cue, inc.place_cue), \
            one(inc.place_text, inc.place_text)
        inc.date_first, inc.date_last, inc.confidence = (
            one((type(v), v), v) for v in (inc.date_first, inc.date_last, inc.confidence))
        for words in (inc.actors, inc.attackers, inc.targets, inc.notes, inc.disagreements):
            words[:] = [one(w, w) for w in words]
        inc.sources = [dataclasses.replace(s, outlet=one(s.outlet, s.outlet),
                                           published=one(s.published, s.published))
                       for s in inc.sources]

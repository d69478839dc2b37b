"""What the review step knows of every article of a run, without holding every article.

Why: a run of 100,000 articles keeps its per-article results on disk (:mod:`geo.shelf`),
but the review step used to hold every article-level incident as reviewed and a JSON
key for every place mention: about 4 KB an article, and the incidents of results already
written to disk stayed alive through it (measured with tracemalloc, issue 14: the largest
part of a large run's peak memory). Once the step is told where the run keeps its results
(:meth:`ArticleIncidents.keep_in`), it holds as objects only the incidents a decision is
about and the rejected ones (which no result holds), and for the others which article
they belong to; a mention is looked up in its article's result when asked about.
Without a place for the results (a step used on its own) everything is held, as before.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from ..model import ArticleResult, Incident
from .decisions import parse_mention_target
from .errors import DecisionError

__all__ = ["ArticleIncidents", "MentionKeys"]

Results = Mapping[str, ArticleResult]


class ArticleIncidents(Mapping[str, Incident]):
    """Article-level incident id -> the incident as reviewed (rejected ones too).

    Examples
    --------
    >>> inc = Incident("inc-1", "raid", None, None, None, None, None)
    >>> held = ArticleIncidents()
    >>> held.keep_in({"a": ArticleResult("a", incidents=[inc])})
    >>> held.put(inc, "a", hold=False)
    >>> held["inc-1"] is inc, "inc-1" in held, len(held)
    (True, True, 1)
    """

    def __init__(self) -> None:
        self._held: dict[str, Incident] = {}
        self._article: dict[str, str] = {}  # incident id -> its article, read when asked
        #: The same for the extractor's ids ('inc-' and 10 hex digits: nearly all), kept
        #: compact: the digits as an int, and the article as its place in ``_owners`` (a
        #: dict entry and an id string per incident were ~100 bytes each, issue 14).
        self._digits = array("q")
        self._owner_of = array("q")
        self._owners: list[str] = []  # article ids, each once (the run's own strings)
        self._results: Results | None = None

    def keep_in(self, results: Results) -> None:
        """Read incidents not held from ``results`` (article id -> result) from now on."""
        self._results = results

    def put(self, inc: Incident, article_id: str, *, hold: bool) -> None:
        """Keep ``inc`` (found in ``article_id``'s result unless ``hold``: then held here)."""
        if hold or self._results is None:
            self._held[inc.id] = inc
            self._article.pop(inc.id, None)
            return
        self._held.pop(inc.id, None)
        digits = _digits(inc.id)
        if digits is None:
            self._article[inc.id] = article_id
            return
        if not self._owners or self._owners[-1] != article_id:
            self._owners.append(article_id)
        self._digits.append(digits)
        self._owner_of.append(len(self._owners) - 1)

    def _article_of(self, incident_id: str) -> str | None:
        """The article an incident not held was found in (the last put), or None."""
        if incident_id in self._article:
            return self._article[incident_id]
        digits = _digits(incident_id)
        if digits is None or not self._digits:
            return None
        found = np.flatnonzero(np.frombuffer(self._digits, dtype=np.int64) == digits)
        return self._owners[self._owner_of[found[-1]]] if len(found) else None

    def __getitem__(self, incident_id: str) -> Incident:
        if incident_id in self._held:
            return self._held[incident_id]
        article_id = self._article_of(incident_id)
        if article_id is None:
            raise KeyError(incident_id)
        result = self._results.get(article_id) if self._results is not None else None
        for inc in getattr(result, "incidents", ()):
            if inc.id == incident_id:
                return inc
        raise KeyError(incident_id)

    def __contains__(self, incident_id: object) -> bool:
        return isinstance(incident_id, str) and (
            incident_id in self._held or self._article_of(incident_id) is not None)

    def __iter__(self) -> Iterator[str]:
        seen = dict.fromkeys(self._held)
        seen.update(dict.fromkeys(self._article))
        seen.update(dict.fromkeys(f"inc-{d:010x}" for d in self._digits))
        return iter(seen)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _digits(incident_id: str) -> int | None:
    """The hex digits of an extractor's incident id ('inc-' and 10 of them) as an int."""
    if len(incident_id) != 14 or not incident_id.startswith("inc-"):
        return None
    tail = incident_id[4:]
    if tail.strip("0123456789abcdef"):
        return None
    return int(tail, 16)


class MentionKeys:
    """The keys (:func:`geo.review.decisions.mention_target`) of a run's place mentions,
    for ``key in keys``: kept as a set, or looked up in the run's results once it has them
    (a review decision changes a mention's place, never its span or text)."""

    def __init__(self) -> None:
        self._keys: set[str] = set()
        self._results: Results | None = None

    @property
    def looked_up(self) -> bool:
        """True when keys are looked up in the results (:meth:`add` keeps nothing then)."""
        return self._results is not None

    def keep_in(self, results: Results) -> None:
        self._results = results

    def add(self, key: str) -> None:
        if self._results is None:
            self._keys.add(key)

    def __contains__(self, key: Any) -> bool:
        if key in self._keys:
            return True
        if self._results is None or not isinstance(key, str):
            return False
        try:
            article, start, end, text = parse_mention_target(key)
        except DecisionError:
            return False
        result = self._results.get(article)
        return any(m.start == start and m.end == end and m.text == text
                   for m in getattr(result, "mentions", ()))

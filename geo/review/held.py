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

from collections.abc import Iterator, Mapping
from typing import Any

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
        self._results: Results | None = None

    def keep_in(self, results: Results) -> None:
        """Read incidents not held from ``results`` (article id -> result) from now on."""
        self._results = results

    def put(self, inc: Incident, article_id: str, *, hold: bool) -> None:
        """Keep ``inc`` (found in ``article_id``'s result unless ``hold``: then held here)."""
        if hold or self._results is None:
            self._held[inc.id] = inc
            self._article.pop(inc.id, None)
        else:
            self._article[inc.id] = article_id
            self._held.pop(inc.id, None)

    def __getitem__(self, incident_id: str) -> Incident:
        if incident_id in self._held:
            return self._held[incident_id]
        article_id = self._article[incident_id]
        result = self._results.get(article_id) if self._results is not None else None
        for inc in getattr(result, "incidents", ()):
            if inc.id == incident_id:
                return inc
        raise KeyError(incident_id)

    def __contains__(self, incident_id: object) -> bool:
        return incident_id in self._held or incident_id in self._article

    def __iter__(self) -> Iterator[str]:
        yield from self._held
        yield from self._article

    def __len__(self) -> int:
        return len(self._held) + len(self._article)


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

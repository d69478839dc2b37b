"""Articles made up for the extraction tests, and running the extraction on them."""

from __future__ import annotations

import datetime as dt

from geo.extract import extract_article
from geo.model import ArticleResult
from geo.read import Article

PUBLISHED = dt.date(2023, 8, 15)  # a Tuesday


def article(body: str, *, published: dt.date | None = PUBLISHED, precision: str | None = "day",
            inferred: bool = False, title: str = "", art_id: str = "t1") -> Article:
    return Article(
        id=art_id, path=f"{art_id}.txt", title=title, outlet="test outlet", url="https://x.test/a",
        published=published, published_at=None,
        published_precision=precision if published else None, published_inferred=inferred,
        published_reason="test", body=body, encoding="utf-8", sha256="",
    )


def run(gaz, body: str, **kw) -> ArticleResult:
    return extract_article(article(body, **kw), gaz)


def one(gaz, body: str, **kw):
    incidents = run(gaz, body, **kw).incidents
    assert len(incidents) == 1, [(i.type, i.sources[0].evidence) for i in incidents]
    return incidents[0]


def placed(gaz, body: str, **kw) -> list[tuple[str, str | None]]:
    """(type, place id) of each incident of ``body``, in order."""
    return [(i.type, i.place.id if i.place else None) for i in run(gaz, body, **kw).incidents]


def types_of(gaz, body: str, **kw) -> list[str]:
    """The type of each incident of ``body``, in order."""
    return [t for t, _ in placed(gaz, body, **kw)]

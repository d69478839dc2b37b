#!/usr/bin/env python3
"""``filter_layers`` on whole columns against the row-by-row loop it replaced.

    python bench/bench_filter.py [--incidents 10000] [--repeat 20]

Prints, per filter, the median time of each and the ratio (old / new), and checks
that both keep the same rows. Asserts nothing about time. The synthetic layers are
those of ``bench/bench_dashboard.py``.

:func:`filter_layers_rowwise` is the previous implementation, kept verbatim as the
reference: ``tests/geo/test_export_filters.py`` checks the two agree on any filter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.layers import (  # noqa: E402
    Layers,
    _any_in,
    _casefold_set,
    _mask,
    _overlaps,
    _period,
    _source_articles,
    filter_layers,
    parse_date_bound,
)

FILTERS: dict[str, dict] = {
    "none": {},
    "one year": {"date_from": "2021", "date_to": "2021"},
    "2 types + conf 0.5": {"types": ["raid", "airstrike"], "min_confidence": 0.5},
    "2 actors": {"actors": ["SDF", "us forces"]},
    "500 articles": {"articles": [f"a{i:05d}" for i in range(0, 2_000, 4)]},
    "everything": {"date_from": "2020-03", "date_to": "2022", "types": ["raid", "patrol"],
                   "actors": ["SDF"], "articles": [f"a{i:05d}" for i in range(1_000)],
                   "min_confidence": 0.2},
}


def filter_layers_rowwise(layers: Layers, *, date_from: str | dt.date | None = None,
                          date_to: str | dt.date | None = None,
                          types: Iterable[str] | None = None,
                          actors: Iterable[str] | None = None,
                          articles: Iterable[str] | None = None,
                          min_confidence: float = 0.0) -> Layers:
    """The row-by-row ``geo.layers.filter_layers`` before it worked on columns."""
    lo_d, hi_d = parse_date_bound(date_from), parse_date_bound(date_to, end=True)
    if lo_d and hi_d and lo_d > hi_d:
        raise ValueError(f"date_from {lo_d} is after date_to {hi_d}")
    lo = lo_d.isoformat() if lo_d else None
    hi = hi_d.isoformat() if hi_d else None
    type_set = _casefold_set(types)
    actor_set = _casefold_set(actors)
    article_set = set(articles) if articles is not None else None

    inc = layers.incidents
    keep_inc = []
    for row in inc.itertuples(index=False):
        period = (row.date_first, row.date_last) if row.date_first else None
        ok = (_overlaps(period, lo, hi, keep_unknown=False)
              and (type_set is None or str(row.type).casefold() in type_set)
              and (actor_set is None or _any_in((row.actors, row.attackers, row.targets),
                                                actor_set))
              and (article_set is None or bool(_source_articles(row.sources) & article_set))
              and float(row.confidence) >= min_confidence)
        keep_inc.append(ok)

    keep_bases = [
        (actor_set is None or _any_in((row.operators,), actor_set))
        and (article_set is None or bool(_source_articles(row.sources) & article_set))
        for row in layers.bases.itertuples(index=False)
    ]
    keep_routes = [
        _overlaps(_period(row.date), lo, hi, keep_unknown=True)
        and (actor_set is None or _any_in((row.actors,), actor_set))
        and (article_set is None or bool(_source_articles(row.sources) & article_set))
        for row in layers.routes.itertuples(index=False)
    ]
    keep_places = [article_set is None or bool(set(row.articles or ()) & article_set)
                   for row in layers.places.itertuples(index=False)]
    keep_articles = [
        _overlaps(_period(row.published), lo, hi, keep_unknown=False)
        and (article_set is None or row.id in article_set)
        for row in layers.articles.itertuples(index=False)
    ]
    return Layers(
        incidents=_mask(inc, keep_inc),
        bases=_mask(layers.bases, keep_bases),
        routes=_mask(layers.routes, keep_routes),
        places=_mask(layers.places, keep_places),
        articles=_mask(layers.articles, keep_articles),
        unlocated=list(layers.unlocated),
        dropped_routes=list(layers.dropped_routes),
    )


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def same_rows(a: Layers, b: Layers) -> bool:
    return all(list(a[n]["id"]) == list(b[n]["id"]) for n in a)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    from bench_dashboard import synthetic_result  # heavy imports: only when run

    layers = synthetic_result(args.incidents).layers
    print(f"filter_layers on {len(layers.incidents)} incidents, {len(layers.articles)} "
          f"articles (median of {args.repeat}):")
    for name, kwargs in FILTERS.items():
        old = _median(lambda kw=kwargs: filter_layers_rowwise(layers, **kw), args.repeat)
        new = _median(lambda kw=kwargs: filter_layers(layers, **kw), args.repeat)
        same = same_rows(filter_layers_rowwise(layers, **kwargs), filter_layers(layers, **kwargs))
        kept = len(filter_layers(layers, **kwargs).incidents)
        print(f"  {name:<20} {kept:>6} kept  row-by-row {old * 1000:7.2f} ms  "
              f"columns {new * 1000:6.2f} ms  x{old / new:5.1f}  same rows: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

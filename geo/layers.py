"""Map layers: the merged incidents, bases, routes, places and articles as GeoDataFrames.

The columns of each layer are a contract that the exports, the map and the
dashboard rely on (see :data:`COLUMNS`). Every layer is EPSG:4326 with lon/lat
points (a LineString for routes); an empty layer still has every column.
:func:`filter_layers` is the one filter the dashboard and the command line share,
so an export made from either with the same filter has the same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import operator
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import LineString, Point

from gazetteer.model import Place

from .merge import is_area, merge_bases, merge_incidents, merge_routes, route_date
from .model import ArticleResult, Base, Incident, Route, Source, iso_cut
from .stored import ColumnStore, StoredArray

__all__ = ["COLUMNS", "EVIDENCE_JOINER", "GEOMETRY_TYPES", "LAYER_NAMES", "Layers", "RowsAhead",
           "build_layers", "empty_layer", "filter_layers", "n_outlets", "parse_date_bound",
           "source_rows", "stored_columns"]

CRS = "EPSG:4326"
LAYER_NAMES: tuple[str, ...] = ("incidents", "bases", "routes", "places", "articles")
#: The layers written to the GeoPackage and as GeoJSON files.
EXPORT_LAYERS: tuple[str, ...] = ("incidents", "bases", "routes", "places")
GEOMETRY_TYPES: dict[str, str] = {
    "incidents": "Point", "bases": "Point", "routes": "LineString", "places": "Point",
    "articles": "Point",
}
#: Layer -> columns in order, each with its kind: str, list, int (may be None),
#: float, bool, count (always an int).
COLUMNS: dict[str, dict[str, str]] = {
    "incidents": {
        "id": "str", "type": "str", "acled_event_type": "str", "acled_sub_event_type": "str",
        "date": "str", "date_first": "str", "date_last": "str", "date_precision": "str",
        "geo_precision": "int", "place_id": "str", "place_name_ar": "str",
        "place_name_en": "str", "actors": "list", "attackers": "list", "targets": "list",
        "fatalities": "int", "injuries": "int", "confidence": "float", "approximate": "bool",
        "location_note": "str", "date_text": "str", "disagreements": "list",
        "n_sources": "count", "sources": "list", "review": "str", "review_changes": "list",
        "n_articles": "count", "n_outlets": "count", "date_from": "str",
    },
    "bases": {
        "id": "str", "place_id": "str", "place_name_ar": "str", "place_name_en": "str",
        "kind": "str", "operators": "list", "sources": "list", "review": "str",
        "review_changes": "list",
    },
    "routes": {
        "id": "str", "waypoints": "list", "waypoint_ids": "list", "actors": "list",
        "sources": "list", "date": "str", "review": "str", "review_changes": "list",
    },
    "places": {
        "id": "str", "name_ar": "str", "name_en": "str", "kind": "str", "governorate": "str",
        "n_mentions": "count", "articles": "list",
    },
    "articles": {
        "id": "str", "title": "str", "outlet": "str", "published": "str", "url": "str",
        "excerpt": "str", "places": "list", "incident_types": "list", "incident_ids": "list",
    },
}
EXCERPT_CHARS = 300
#: Text columns a large run keeps on disk with the list columns (see :func:`stored_columns`).
STORED_TEXT: frozenset[str] = frozenset({"location_note", "date_text", "title", "url", "excerpt"})


def stored_columns(layer: str) -> frozenset[str]:
    """The columns of ``layer`` a large run keeps in a :class:`geo.stored.ColumnStore`: the
    lists (sources and their evidence above all) and the long texts, which no filter reads
    as a whole column (issue 14: about 3 KB an article held as objects otherwise)."""
    return frozenset(name for name, kind in COLUMNS[layer].items()
                     if kind == "list" or name in STORED_TEXT)


@dataclass(eq=False)
class Layers(Mapping):
    """The five layers by name (``layers['incidents']``), plus what could not be mapped.

    ``unlocated`` lists incidents with no place in Syria, or only a region of the
    country too coarse to map (they are in the run report and the review queue, not
    on the map); ``dropped_routes`` routes with fewer than two waypoints in Syria.
    """

    incidents: gpd.GeoDataFrame
    bases: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    articles: gpd.GeoDataFrame
    unlocated: list[dict] = field(default_factory=list)
    dropped_routes: list[dict] = field(default_factory=list)

    def __getitem__(self, name: str) -> gpd.GeoDataFrame:
        if name not in LAYER_NAMES:
            raise KeyError(f"no layer {name!r}; layers are {LAYER_NAMES}")
        return getattr(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(LAYER_NAMES)

    def __len__(self) -> int:
        return len(LAYER_NAMES)


# --- frames ---------------------------------------------------------------------------


def _column(values: list[Any], kind: str) -> pd.Series:
    """A column whose dtype survives empty layers and None (no NaN for missing ints)."""
    if kind == "float":
        return pd.Series(values, dtype="float64")
    if kind == "bool":
        return pd.Series(values, dtype="bool")
    if kind == "count":
        return pd.Series(values, dtype="int64")
    return pd.Series(values, dtype=object)


#: Rows taken into columns at once (a block of tuples, not of row dicts, is what is held).
_BLOCK = 1024


def _frame(layer: str, rows: Iterable[dict], *, sort_by: str | None = None,
           store: ColumnStore | None = None) -> gpd.GeoDataFrame:
    """The layer of ``rows`` (in the order given, or by their ``sort_by`` value).

    Rows are taken into columns a block at a time, so a layer of 100,000 rows is never
    100,000 rows at once (issue 14). With a ``store``, the :func:`stored_columns` go into
    it (the column holds numbers, :class:`geo.stored.StoredArray`): the same values.
    """
    columns = COLUMNS[layer]
    stored = stored_columns(layer) if store is not None else frozenset()
    values: dict[str, Any] = {name: array("q") if name in stored else []  # numbers: no ints
                              for name in (*columns, "geometry")}
    cells, block = operator.itemgetter(*values), []  # a row's values in the columns' order
    for row in rows:
        block.append(cells(row))
        if len(block) >= (_BLOCK if not stored else 1):  # stored: each row's values let go
            block = _take(block, values, stored, store)
    _take(block, values, stored, store)
    if sort_by is not None:
        keys = values[sort_by]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        values = {name: [column[i] for i in order] for name, column in values.items()}
    data = {name: pd.Series(StoredArray(store, np.asarray(values.pop(name), dtype=np.int64)))
            if name in stored else _column(values.pop(name), kind)
            for name, kind in columns.items()}
    geometry = gpd.GeoSeries(values.pop("geometry"), crs=CRS)
    return gpd.GeoDataFrame(data, geometry=geometry, crs=CRS)


def _take(block: list[tuple], values: dict[str, Any], stored: frozenset[str], store: Any) -> list:
    """A block of rows (tuples) into the columns, a column at a time; a new empty block."""
    for (name, column), taken in zip(values.items(), zip(*block, strict=True), strict=False):
        column.extend(map(store.add, taken) if name in stored else taken)  # type: ignore[union-attr]
    return []


def empty_layer(layer: str) -> gpd.GeoDataFrame:
    """A layer with no rows but every column of the contract."""
    return _frame(layer, [])


def _point(place: Place) -> Point:
    return _point_at(place.lon, place.lat)


@functools.lru_cache(maxsize=1 << 16)
def _point_at(lon: float, lat: float) -> Point:
    """One Point per spot, shared by every row drawn there (a geometry never changes): a
    large run's rows stand on a few thousand places, and a Point of its own each was a
    GEOS object and a Python one per row (issue 14)."""
    return Point(lon, lat)


@functools.lru_cache(maxsize=1 << 16)
def _iso_text(value: dt.date, cut: str = "") -> str:
    """``value`` as ISO text (cut to a precision, 'day', 'month' or 'year', when ``cut``),
    one string per value met: days repeat across a large run's rows, and a string each was
    ~50 bytes a row (issue 14)."""
    return iso_cut(value, cut) if cut else value.isoformat()


def _in_syria(place: Place | None) -> bool:
    return place is not None and place.in_area


# --- rows -----------------------------------------------------------------------------


def _location_note(inc: Incident) -> str:
    place = inc.place
    assert place is not None
    name = place.name_en or place.id
    region = inc.geo_precision == 3 or is_area(place)
    if inc.approximate and inc.place_cue:
        return f"{inc.place_cue}; drawn at {name}" + (" (region level)" if region else "")
    if region:
        return f"region level: drawn at the representative point of {name}; not the exact spot"
    if inc.approximate:
        return f"approximate: drawn at {name}"
    return ""


def _incident_row(inc: Incident) -> dict:
    place = inc.place
    n_articles = len({s.article for s in inc.sources})
    assert place is not None
    event, sub = inc.acled
    note = _location_note(inc)
    return {
        "id": inc.id, "type": inc.type, "acled_event_type": event, "acled_sub_event_type": sub,
        "date": _iso_text(inc.date_first, inc.date_precision) if inc.date_first and
        inc.date_precision else "",
        "date_first": _iso_text(inc.date_first) if inc.date_first else "",
        "date_last": _iso_text(inc.date_last or inc.date_first) if inc.date_first else "",
        "date_precision": inc.date_precision or "",
        "geo_precision": inc.geo_precision, "place_id": place.id,
        "place_name_ar": place.name_ar, "place_name_en": place.name_en,
        "actors": list(inc.actors), "attackers": list(inc.attackers),
        "targets": list(inc.targets), "fatalities": inc.fatalities, "injuries": inc.injuries,
        "confidence": float(inc.confidence), "approximate": bool(inc.approximate or note),
        "location_note": note, "date_text": inc.date_text,
        "disagreements": list(inc.disagreements), "n_sources": n_articles,
        "sources": source_rows(inc.sources), "geometry": _point(place),
        "review": "machine", "review_changes": [],  # geo.review writes the analyst's state
        "n_articles": n_articles, "n_outlets": n_outlets(inc.sources), "date_from": inc.date_from,
    }


#: Between the sentences of one article in a source's ``evidence``.
EVIDENCE_JOINER = " … "


def source_rows(sources: Iterable[Source]) -> list[dict]:
    """One entry per article (a source is an article, not a sentence), in first-seen order.

    Each is the article's ``article``, ``title``, ``outlet``, ``published``, ``url``;
    ``evidence`` its sentences joined by :data:`EVIDENCE_JOINER` (so a reader of
    ``evidence`` alone sees them all) and ``evidence_all`` the sentences as a list.
    """
    if isinstance(sources, list) and len(sources) == 1:  # the common case, kept cheap
        row = sources[0].as_dict()
        row["evidence_all"] = [row["evidence"]] if row["evidence"] else []
        return [row]
    by_article: dict[str, tuple[Source, list[str]]] = {}
    for s in sources:
        first, evidence = by_article.setdefault(s.article, (s, []))
        if s.evidence and s.evidence not in evidence:
            evidence.append(s.evidence)
    return [{**first.as_dict(), "evidence": EVIDENCE_JOINER.join(evidence),
             "evidence_all": evidence} for first, evidence in by_article.values()]


def n_outlets(sources: Iterable[Source]) -> int:
    """Distinct outlets reporting (an article with no outlet named counts as its own)."""
    return len({s.outlet.strip().casefold() or f"article:{s.article}" for s in sources})


def _article_ids(sources: Iterable) -> list[str]:
    return sorted({s.article for s in sources})


def _unlocated(inc: Incident) -> dict:
    where = inc.place.name_en if inc.place is not None else ""
    return {
        "id": inc.id, "type": inc.type, "date": inc.date,
        "articles": _article_ids(inc.sources),
        "place": where, "place_text": inc.place_text,
        "why": _why_unlocated(inc),
        "evidence": [s.evidence for s in inc.sources],
    }


def _why_unlocated(inc: Incident) -> str:
    """'place outside Syria', 'no place named', or the extractor's reason for keeping an
    event without a place (a region of the country too coarse to map, named elsewhere)."""
    if inc.place is not None:
        return "place outside Syria"
    if inc.place_text and inc.place_cue:
        return inc.place_cue
    return "no place named"


def _base_row(base: Base) -> dict:
    p = base.place
    return {
        "id": base.id, "place_id": p.id, "place_name_ar": p.name_ar, "place_name_en": p.name_en,
        "kind": p.kind, "operators": list(base.operators),
        "sources": source_rows(base.sources), "geometry": _point(p),
        "review": "machine", "review_changes": [],  # geo.review writes the analyst's state
    }


def _route_row(route: Route, waypoints: list[Place]) -> dict:
    return {
        "id": route.id, "waypoints": [p.name_ar for p in waypoints],
        "waypoint_ids": [p.id for p in waypoints], "actors": list(route.actors),
        "sources": source_rows(route.sources), "date": route_date(route),
        "geometry": LineString([(p.lon, p.lat) for p in waypoints]),
        "review": "machine", "review_changes": [],
    }


class _PlaceTally:
    """The places layer, counted one article at a time (results are not all held at once).

    A place's articles are kept as numbers into the ids met (an array each, not a set of
    strings: a large run's mentions made that ~40 bytes an article a place, issue 14)."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.counts: dict[str, int] = defaultdict(int)
        self.articles: dict[str, array] = {}
        self._ids: list[str] = []  # the articles with a place, in the order met

    def add(self, res: ArticleResult) -> None:
        number = -1
        for m in res.mentions:
            if m.role != "location" or not _in_syria(m.place):
                continue
            assert m.place is not None
            if number < 0:
                self._ids.append(res.article_id)
                number = len(self._ids) - 1
            self.places.setdefault(m.place.id, m.place)
            self.counts[m.place.id] += 1
            seen = self.articles.setdefault(m.place.id, array("q"))
            if not seen or seen[-1] != number:
                seen.append(number)

    def rows(self) -> list[dict]:
        ids = self._ids
        return [{
            "id": p.id, "name_ar": p.name_ar, "name_en": p.name_en, "kind": p.kind,
            "governorate": p.governorate, "n_mentions": self.counts[pid],
            "articles": sorted({ids[k] for k in self.articles[pid]}), "geometry": _point(p),
        } for pid, p in sorted(self.places.items())]


class RowsAhead:
    """The rows one article's result decides alone (its article row but for its merged
    incidents' ids, its places), made as a run keeps each result: while workers extract the
    rest (``--jobs N``), not after the last article, when the layers are all that runs. (Not
    the incidents' rows: a third of the incidents merge, so a third would be made for nothing.)
    """

    def __init__(self) -> None:
        self.tally = _PlaceTally()
        self._articles: dict[str, tuple[ArticleResult, dict | None]] = {}

    def add(self, result: ArticleResult, article: Any) -> None:
        self.tally.add(result)
        row = _article_row(result, article, []) if _in_syria(result.main_place) else None
        self._articles[result.article_id] = (result, row)

    def covers(self, results: Mapping[str, ArticleResult]) -> bool:
        """Whether these rows are those of ``results``: each result, the very one, once."""
        return len(results) == len(self._articles) and \
            all(results.get(aid) is r for aid, (r, _) in self._articles.items())

    def article_row(self, result: ArticleResult) -> dict | None:
        return self._articles[result.article_id][1]

    def clear(self) -> None:
        self.tally, self._articles = _PlaceTally(), {}


def _iso(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return _iso_text(value)
    return str(value)


def article_published(article: Any) -> str:
    """The publication date (or date-time) of an article as ISO text ('' if unknown)."""
    return _iso(getattr(article, "published_at", None)) or _iso(getattr(article, "published", None))


def _article_row(res: ArticleResult, article: Any, incident_ids: list[str]) -> dict:
    main = res.main_place
    assert main is not None
    names = [m.place.name_ar for m in res.mentions
             if m.role == "location" and _in_syria(m.place) and m.place is not None]
    body = getattr(article, "body", "") or ""
    return {
        "id": res.article_id, "title": getattr(article, "title", "") or "",
        "outlet": getattr(article, "outlet", "") or "", "published": article_published(article),
        "url": getattr(article, "url", "") or "",
        "excerpt": " ".join(body[:EXCERPT_CHARS].split()),
        "places": list(dict.fromkeys(names)),
        "incident_types": list(dict.fromkeys(i.type for i in res.incidents)),
        "incident_ids": incident_ids, "geometry": _point(main),
    }


# --- building -------------------------------------------------------------------------


def build_layers(results: Iterable[ArticleResult], articles: Mapping[str, Any], *,
                 incidents: Sequence[Incident] | None = None, bases: list[Base] | None = None,
                 routes: list[Route] | None = None, max_km: float = 60.0,
                 store: ColumnStore | None = None, ahead: RowsAhead | None = None) -> Layers:
    """The map layers of a corpus.

    Parameters
    ----------
    results : iterable of ArticleResult
        One per article, as :func:`geo.extract.extract_article` returns them.
    articles : mapping of article id -> Article
        For titles, outlets, dates, links and excerpts (missing ids get blanks).
    incidents, bases, routes : lists, optional
        Already merged (the pipeline passes them); merged here from ``results``
        when not given. ``incidents`` is read twice, one at a time (a large run's
        are a :class:`geo.shelf.ListShelf`, never all held).
    max_km : float
        Passed to :func:`geo.merge.merge_incidents` when merging here.
    store : ColumnStore, optional
        Where the layers' lists and long texts are kept (a large run's, on disk); None:
        held as objects.
    ahead : RowsAhead, optional
        Rows made as the run kept each of ``results`` (it must cover them all).
    """
    if incidents is None or bases is None or routes is None:
        results = list(results)  # merged here: every result is walked more than once
        if incidents is None:
            incidents = merge_incidents([i for r in results for i in r.incidents],
                                        max_km=max_km)[0]
        if bases is None:
            bases = merge_bases(b for r in results for b in r.bases)
        if routes is None:
            routes = merge_routes(r_ for r in results for r_ in r.routes)
    unlocated: list[dict] = []
    by_article: dict[str, list[str]] = defaultdict(list)
    for inc in incidents:  # read once here, once for the rows (a large run's are on disk)
        if not _in_syria(inc.place):
            unlocated.append(_unlocated(inc))
            continue
        for aid in _article_ids(inc.sources):
            by_article[aid].append(inc.id)
    route_rows, dropped = [], []
    for route in routes:
        waypoints = [p for p in route.waypoints if _in_syria(p)]
        if len(waypoints) >= 2:
            route_rows.append(_route_row(route, waypoints))
        else:
            dropped.append({"id": route.id, "waypoints": [p.name_en for p in route.waypoints],
                            "why": "fewer than two waypoints in Syria"})
    tally = _PlaceTally() if ahead is None else ahead.tally

    def article_rows() -> Iterator[dict]:
        for r in results:  # once, one result at a time (a large run's results are on disk)
            if ahead is None:
                tally.add(r)
                row = _article_row(r, articles.get(r.article_id), []) if _in_syria(r.main_place) else None
            else:
                row = ahead.article_row(r)
            if row is not None:
                yield {**row, "incident_ids": by_article.get(r.article_id, [])}

    article_layer = _frame("articles", article_rows(), sort_by="id", store=store)
    return Layers(
        incidents=_frame("incidents", (_incident_row(i) for i in incidents
                                       if _in_syria(i.place)), store=store),
        bases=_frame("bases", (_base_row(b) for b in bases if _in_syria(b.place)), store=store),
        routes=_frame("routes", route_rows, store=store),
        places=_frame("places", tally.rows(), store=store),
        articles=article_layer,
        unlocated=unlocated,
        dropped_routes=dropped,
    )


# --- filtering ------------------------------------------------------------------------


def parse_date_bound(value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    """'2022', '2022-10' or '2022-10-08' (or a date) -> the first day, or with
    ``end=True`` the last day, of that period.

    Raises
    ------
    ValueError
        If the text is not an ISO year, month or day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return dt.date(parts[0], parts[1], last if end else 1)
        if len(parts) == 3:
            return dt.date(*parts)
    except (ValueError, OverflowError):
        pass
    raise ValueError(f"date {value!r} is not ISO 8601: use YYYY, YYYY-MM or YYYY-MM-DD")


def _period(text: str) -> tuple[str, str] | None:
    """An ISO cut ('2020', '2020-01', '2020-01-05') or '' -> (first day, last day)."""
    text = str(text or "")[:10]
    if not text:
        return None
    first, last = parse_date_bound(text), parse_date_bound(text, end=True)
    assert first is not None and last is not None
    return first.isoformat(), last.isoformat()


def _overlaps(period: tuple[str, str] | None, lo: str | None, hi: str | None,
              *, keep_unknown: bool) -> bool:
    if lo is None and hi is None:
        return True
    if period is None:
        return keep_unknown
    return (lo is None or period[1] >= lo) and (hi is None or period[0] <= hi)


def _casefold_set(values: Iterable[str] | None) -> set[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    out = {v.strip().casefold() for v in values if v and v.strip()}
    return out or None


def _any_in(lists: Iterable[Any], wanted: set[str]) -> bool:
    return any(str(v).casefold() in wanted for values in lists for v in (values or ()))


def _source_articles(sources: Any) -> set[str]:
    return {s.get("article", "") for s in (sources or ()) if isinstance(s, dict)}


def _mask(frame: gpd.GeoDataFrame, keep: np.ndarray) -> gpd.GeoDataFrame:
    return frame.loc[pd.Series(keep, index=frame.index, dtype=bool)].reset_index(drop=True)


@dataclass(frozen=True)
class _Rules:
    """A parsed filter: ISO day bounds, casefolded types and actors, article ids."""

    lo: str | None
    hi: str | None
    types: set[str] | None
    actors: set[str] | None
    articles: set[str] | None
    min_confidence: float


def _narrow(keep: np.ndarray, frame: pd.DataFrame, columns: tuple[str, ...],
            test: Callable[..., bool]) -> np.ndarray:
    """``keep``, with the rows still kept tested on their ``columns`` values.

    The cheap rules run on whole columns first; a Python-level ``test`` then runs
    only on what they left (as ``and`` would), not on every row.
    """
    rows = np.flatnonzero(keep)
    if not len(rows):
        return keep
    values = [frame[c].to_numpy(dtype=object)[rows] for c in columns]
    keep = keep.copy()
    keep[rows] = np.fromiter((test(*v) for v in zip(*values, strict=True)), dtype=bool,
                             count=len(rows))
    return keep


def _spans(first: pd.Series, last: pd.Series, lo: str | None, hi: str | None) -> np.ndarray:
    """[first, last] ISO days overlap [lo, hi]; rows without ``first`` are unknown: out."""
    if lo is None and hi is None:
        return np.ones(len(first), dtype=bool)
    keep = np.array(first.map(bool), dtype=bool)
    if lo is not None:
        keep[keep] = last.to_numpy(dtype=object)[keep] >= lo
    if hi is not None:
        keep[keep] = first.to_numpy(dtype=object)[keep] <= hi
    return keep


def _cuts(cuts: pd.Series, lo: str | None, hi: str | None, *, keep_unknown: bool
          ) -> np.ndarray:
    """ISO cuts ('2020', '2020-01', a date-time) whose period overlaps [lo, hi]; each
    distinct cut is parsed once."""
    if lo is None and hi is None:
        return np.ones(len(cuts), dtype=bool)
    keys = [str(v or "")[:10] for v in cuts]
    overlaps = {k: _overlaps(_period(k), lo, hi, keep_unknown=keep_unknown) for k in set(keys)}
    return np.fromiter((overlaps[k] for k in keys), dtype=bool, count=len(keys))


def _by_actor_and_article(keep: np.ndarray, frame: pd.DataFrame, actor_columns: tuple[str, ...],
                          rules: _Rules) -> np.ndarray:
    if rules.actors is not None:
        wanted = rules.actors
        keep = _narrow(keep, frame, actor_columns, lambda *lists: _any_in(lists, wanted))
    if rules.articles is not None:
        cited = rules.articles
        keep = _narrow(keep, frame, ("sources",),
                       lambda sources: bool(_source_articles(sources) & cited))
    return keep


def _keep_incidents(inc: pd.DataFrame, rules: _Rules) -> np.ndarray:
    keep = _spans(inc["date_first"], inc["date_last"], rules.lo, rules.hi)
    keep &= inc["confidence"].to_numpy(dtype=float) >= rules.min_confidence
    if rules.types is not None:
        keep &= inc["type"].astype(str).str.casefold().isin(rules.types).to_numpy(dtype=bool)
    return _by_actor_and_article(keep, inc, ("actors", "attackers", "targets"), rules)


def _keep_bases(bases: pd.DataFrame, rules: _Rules) -> np.ndarray:
    return _by_actor_and_article(np.ones(len(bases), dtype=bool), bases, ("operators",), rules)


def _keep_routes(routes: pd.DataFrame, rules: _Rules) -> np.ndarray:
    keep = _cuts(routes["date"], rules.lo, rules.hi, keep_unknown=True)
    return _by_actor_and_article(keep, routes, ("actors",), rules)


def _keep_places(places: pd.DataFrame, rules: _Rules) -> np.ndarray:
    keep = np.ones(len(places), dtype=bool)
    if rules.articles is None:
        return keep
    cited = rules.articles
    return _narrow(keep, places, ("articles",), lambda ids: bool(set(ids or ()) & cited))


def _keep_articles(arts: pd.DataFrame, rules: _Rules) -> np.ndarray:
    keep = _cuts(arts["published"], rules.lo, rules.hi, keep_unknown=False)
    if rules.articles is not None:
        keep &= arts["id"].isin(rules.articles).to_numpy(dtype=bool)
    return keep


def filter_layers(layers: Layers, *, date_from: str | dt.date | None = None,
                  date_to: str | dt.date | None = None, types: Iterable[str] | None = None,
                  actors: Iterable[str] | None = None, articles: Iterable[str] | None = None,
                  min_confidence: float = 0.0) -> Layers:
    """The layers restricted to a period, incident types, actors, articles and confidence.

    Rules (the dashboard and ``python -m geo build`` both use this function):

    * **dates** (``date_from``/``date_to``, ISO year, month or day, inclusive): an
      incident shows when its period ``[date_first, date_last]`` overlaps the
      filter, so a month- or year-precision incident shows while that month or
      year overlaps it. Incidents with an unknown date are hidden as soon as a
      date bound is set (an undated event cannot be said to fall in a period).
      Routes follow the same rule when dated; undated routes (a standing road
      pattern) always show. Articles are filtered by publication date with the
      same rule. Bases and places have no date and are not date-filtered.
    * **types**: incident types (other layers are not typed).
    * **actors** (case-insensitive, exact names): incidents naming one among
      actors, attackers or targets; bases by operators; routes by actors.
    * **articles** (article ids): every layer keeps what those articles report.
    * **min_confidence**: incidents only.

    Raises
    ------
    ValueError
        If a date is not ISO 8601 or ``date_from`` is after ``date_to``.
    """
    lo_d, hi_d = parse_date_bound(date_from), parse_date_bound(date_to, end=True)
    if lo_d and hi_d and lo_d > hi_d:
        raise ValueError(f"date_from {lo_d} is after date_to {hi_d}")
    rules = _Rules(lo=lo_d.isoformat() if lo_d else None, hi=hi_d.isoformat() if hi_d else None,
                   types=_casefold_set(types), actors=_casefold_set(actors),
                   articles=set(articles) if articles is not None else None,
                   min_confidence=min_confidence)
    return Layers(
        incidents=_mask(layers.incidents, _keep_incidents(layers.incidents, rules)),
        bases=_mask(layers.bases, _keep_bases(layers.bases, rules)),
        routes=_mask(layers.routes, _keep_routes(layers.routes, rules)),
        places=_mask(layers.places, _keep_places(layers.places, rules)),
        articles=_mask(layers.articles, _keep_articles(layers.articles, rules)),
        unlocated=list(layers.unlocated),
        dropped_routes=list(layers.dropped_routes),
    )

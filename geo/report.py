"""The run report (report.json): files, per-article counts, what needs review, merges, dates.

Split from :mod:`geo.pipeline`, which runs the articles: the report reads what a run
kept (articles, results, merges, layers) and says what happened to every file. Past
10,000 articles (when the run's results wait on disk, :mod:`geo.shelf`) its long lists,
one entry per file or article or place mention, wait on disk too (:class:`ListShelf`,
read back as :func:`geo.export.write_json` writes them): issue 14, memory flat in the
number of articles.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .layers import Layers, article_published
from .merge import MergeRecord
from .model import ArticleResult, plausible_span, published_problem
from .names import visible_deep
from .shelf import ListShelf

__all__ = ["REVIEW_CONFIDENCE", "ReportAhead", "build_report", "file_name", "published_day",
           "relative"]

#: Resolved mentions below this confidence are listed for review.
REVIEW_CONFIDENCE = 0.5


def published_day(article: Any) -> dt.date | None:
    """The article's publication day (a date-time cut to its day), or None."""
    day = getattr(article, "published", None)
    if isinstance(day, dt.datetime):
        return day.date()
    return day if isinstance(day, dt.date) else None


def file_name(item: Any) -> str:
    """A report's ``file`` as given (relative to the corpus), else the article's file name."""
    if getattr(item, "file", None):
        return str(item.file)
    path = getattr(item, "path", None)
    return Path(str(path)).name if path else str(getattr(item, "id", ""))




def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _file_entry(report: Any) -> dict:
    return {
        "file": file_name(report),
        "status": getattr(report, "status", "skipped"),
        "reason": getattr(report, "reason", "") or "",
        "encoding": getattr(report, "encoding", "") or "",
        "warnings": list(getattr(report, "warnings", ()) or ()),
    }


def relative(folder: Path, item: Any) -> str:
    return _relative_path(folder, getattr(item, "path", None)) or file_name(item)


def _relative_path(folder: Path, path: Any) -> str:
    """The path relative to the corpus, with '/' (why: 'a.txt' and 'sub/a.txt' differ)."""
    if not path:
        return ""
    fast = _under(str(folder), path)
    if fast:
        return fast
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return Path(path).name


def _under(root: str, path: Any) -> str:
    """``path`` relative to ``root`` by its text, when that is plainly what
    :meth:`Path.relative_to` gives (a POSIX path below the root, no empty or '.' part),
    else "" (why: a report names every file twice, and pathlib cost a run of 1,000
    articles ~25 ms)."""
    if os.sep != "/" or not isinstance(path, str) or root in ("", ".", "/") or \
            root.endswith("/") or not path.startswith(root) or path[len(root):len(root) + 1] != "/":
        return ""
    rest = path[len(root) + 1:]
    parts = rest.split("/")
    return "" if "" in parts or "." in parts else rest


def _files(folder: Path, articles: Mapping[str, Any], reports: list[Any], failures: list[dict],
           today: dt.date | None = None, new: Callable[..., Any] = list) -> Sequence[dict]:
    entries = {e["file"]: e for e in (_file_entry(r) for r in reports)
               if e["status"] != "metadata"}
    one = {"": ""}.setdefault  # encodings and warnings repeat: one string each
    for aid, article in articles.items():  # aid: the string the mapping holds already
        name, encoding = relative(folder, article), getattr(article, "encoding", "") or ""
        entry = entries.setdefault(name, {"file": name, "status": "read", "reason": "",
                                          "encoding": one(encoding, encoding), "warnings": []})
        entry["warnings"] = [one(w, w) for w in _unique([
            *entry["warnings"], *(getattr(article, "warnings", ()) or ()),
            _date_warning(article, today)])]
        entry["article"] = aid
    for f in failures:
        name = _relative_path(folder, f.get("path")) or f["file"]
        entries[name] = {"file": name, "status": "failed", "reason": f["reason"],
                         "encoding": "", "warnings": [], "article": f["article"]}
    return new(entries.pop(k) for k in sorted(entries))  # each let go once it is kept


def _date_warning(article: Any, today: dt.date | None) -> str:
    problem = published_problem(published_day(article), today=today)
    return (f"{problem}: the article is kept, but its date is left out of the report's date "
            "span") if problem else ""


def _article_entry(article: Any, result: ArticleResult, today: dt.date | None = None) -> dict:
    located = [m for m in result.mentions if m.role == "location"]
    return {
        "id": article.id,
        "title": getattr(article, "title", "") or "",
        "published": article_published(article),
        "published_inferred": bool(getattr(article, "published_inferred", False)),
        "published_plausible": not published_problem(published_day(article), today=today),
        "main_place": result.main_place.name_en if result.main_place else None,
        "counts": {
            "mentions": len(result.mentions),
            "resolved": sum(1 for m in located if m.place is not None),
            "unresolved": sum(1 for m in located if m.place is None),
            "incidents": len(result.incidents),
            "bases": len(result.bases),
            "routes": len(result.routes),
        },
    }


def _review(aid: str, result: ArticleResult, unresolved: list[dict], low: list[dict]) -> None:
    for m in result.mentions:
        if m.role != "location":
            continue
        entry = {"article": aid, "text": m.text, "span": [m.start, m.end], "cue": m.cue,
                 "candidates": [c.as_dict() for c in m.candidates[:5]]}
        if m.place is None:
            unresolved.append(entry)
        elif m.confidence < REVIEW_CONFIDENCE or m.approximate:
            low.append({**entry, "place": m.place.as_dict(),
                        "confidence": round(m.confidence, 3),
                        "approximate": m.approximate})


class ReportAhead:
    """Each article's entry and its place names to review, made as a run keeps its result:
    while worker processes extract the rest (``--jobs N``), not after the last article,
    when the report is all that runs. :func:`build_report` takes those made for the very
    article and result it reports, on the day they were made, and makes any other."""

    def __init__(self) -> None:
        self.day = dt.date.today()
        self._made: dict[str, tuple[Any, ArticleResult, dict, list[dict], list[dict]]] = {}

    def add(self, article: Any, result: ArticleResult) -> None:
        unresolved: list[dict] = []
        low: list[dict] = []
        _review(article.id, result, unresolved, low)
        entry = _article_entry(article, result, self.day)
        self._made[article.id] = (article, result, entry, unresolved, low)

    def get(self, aid: str, article: Any, result: ArticleResult,
            today: dt.date) -> tuple[dict, list[dict], list[dict]] | None:
        made = self._made.get(aid)
        if made is None or made[0] is not article or made[1] is not result or today != self.day:
            return None
        return made[2], made[3], made[4]

    def clear(self) -> None:
        self._made.clear()


def _span(days: Iterable[str], first: dt.date, last: dt.date) -> dict | None:
    """{'first', 'last'} of ISO days, held within [first, last]; None without a day."""
    known = [d[:10] for d in days if d]
    if not known:
        return None
    return {"first": max(min(known), first.isoformat()), "last": min(max(known), last.isoformat())}


def _dates(folder: Path, articles: Mapping[str, Any], layers: Layers,
           today: dt.date | None) -> dict:
    """The plausible span of dates, what of the corpus falls in it, and what does not.

    A date slider takes its bounds from ``published`` / ``incidents`` here, never from
    an article dated 0001 or 9999 (those are listed in ``implausible``).
    """
    first, last = plausible_span(today)
    lo, hi = first.isoformat(), last.isoformat()
    days = {aid: published_day(a) for aid, a in articles.items()}
    implausible = [{"article": aid, "file": relative(folder, articles[aid]),
                    "published": day.isoformat(), "warning": published_problem(day, today=today)}
                   for aid, day in sorted(days.items(), key=lambda kv: kv[0])
                   if published_problem(day, today=today)]
    bad = {i["article"] for i in implausible}
    inc = layers.incidents
    overlapping = [(f, t) for f, t in zip(inc["date_first"], inc["date_last"], strict=True)
                   if f and f <= hi and t >= lo]
    return {
        "plausible": {"first": lo, "last": hi},
        "published": _span((d.isoformat() for a, d in days.items() if d and a not in bad),
                           first, last),
        "incidents": _span([d for pair in overlapping for d in pair], first, last),
        "implausible": implausible,
    }


class _VisibleList(ListShelf):
    """A report's list kept on disk, each entry made visible (:mod:`geo.names`) as it is
    added: what :func:`visible_deep` of the whole report does to a list it holds."""

    def append(self, item: Any) -> None:
        super().append(visible_deep(item))


def build_report(folder: Path, articles: Mapping[str, Any], reports: list[Any],
                 results: Mapping[str, ArticleResult], merges: list[MergeRecord],
                 layers: Layers, failures: list[dict] | None = None, *,
                 today: dt.date | None = None, ahead: ReportAhead | None = None) -> dict:
    """The run report: files, per-article counts, what needs review, merges, totals.

    ``files`` has one entry per file seen, keyed by its path relative to ``folder``,
    with its status ('read', 'skipped', 'duplicate', 'failed'), the reason and the
    warnings; ``metadata`` holds the CSV's warnings (bad or duplicate rows).
    ``totals`` counts both, so a run that lost anything says so. ``dates`` gives
    the plausible span of dates (1900 to tomorrow, ``today`` by default the
    machine's) and the articles dated outside it. Every string is valid UTF-8
    (names that were not are escaped, see :mod:`geo.names`). ``ahead``: entries made as
    the run kept each result (the same report either way).
    """
    failures = failures or []
    new = _VisibleList if getattr(results, "on_disk", 0) else list  # a large run's: on disk
    files = _files(folder, articles, reports, failures, today, new)
    metadata = [_file_entry(r) for r in reports if getattr(r, "status", "") == "metadata"]
    per_article, unresolved, low = new(), new(), new()
    counts: Counter[str] = Counter()
    for aid in sorted(results):  # each result read once (a large run's are on disk)
        article, result = articles[aid], results[aid]
        made = ahead.get(aid, article, result, today or dt.date.today()) if ahead else None
        if made is None:
            per_article.append(entry := _article_entry(article, result, today))
            _review(aid, result, unresolved, low)
        else:
            per_article.append(entry := made[0])
            for kept, more in zip((unresolved, low), made[1:], strict=True):
                for item in more:
                    kept.append(item)
        counts.update(entry["counts"])
    status = Counter(f["status"] for f in files)
    warned = sum(1 for f in files if f["status"] == "read" and f["warnings"])
    totals = {
        "files": len(files),
        "read": status["read"],
        "read_with_warnings": warned,
        "skipped": status["skipped"],
        "duplicates": status["duplicate"],
        "failed": status["failed"],
        "metadata_warnings": sum(len(m["warnings"]) for m in metadata),
        "articles": len(results),
        "mentions": counts["mentions"],
        "resolved": counts["resolved"],
        "unresolved": len(unresolved),
        "low_confidence": len(low),
        "incidents_extracted": counts["incidents"],
        "incidents": len(layers.incidents) + len(layers.unlocated),
        "incidents_mapped": len(layers.incidents),
        "unlocated": len(layers.unlocated),
        "merges": len(merges),
        "bases": len(layers.bases),
        "routes": len(layers.routes),
        "places": len(layers.places),
        "implausible_dates": 0,
    }
    dates = _dates(folder, articles, layers, today)
    totals["implausible_dates"] = len(dates["implausible"])
    return visible_deep({
        "corpus": str(folder),
        "totals": totals,
        "metadata": metadata,
        "files": files,
        "articles": per_article,
        "dates": dates,
        "unresolved": unresolved,
        "low_confidence": low,
        "merges": [m.as_dict() for m in merges],
        "unlocated": list(layers.unlocated),  # entries shared, as filter_layers does
        "dropped_routes": list(layers.dropped_routes),
    })

"""The Review tab's logic: what to show for each queue item, and taking a decision safely.

The dashboard's Review tab is a queue (:func:`geo.review.review_queue`): the item the
machine is least sure of comes first, with its evidence and the decisions one click
away, then the next. The Streamlit widgets live in ``review_tab.py`` beside
``dashboard.py`` (``geo/`` never imports Streamlit); everything they need to compute
lives here, so it is tested without a browser:

* **The run's key**: :func:`run_stamp` changes when a decision is stored (by any
  session or process) or a place is added to the user's gazetteer, so the dashboard's
  cached run is rebuilt and a decision shows at once.
* **Another session's decisions**: :func:`store_news` compares the store with the
  decisions the shown run applied, so the tab (a fragment, which reruns on the run it
  was given) knows to rerun the whole app and show them.
* **Evidence** as HTML: every article-derived string escaped, Arabic right-to-left.
* **Taking a decision**: :func:`take` and :func:`add_missing_place` never raise what the
  analyst can fix; a refusal (:class:`geo.review.ReviewError`, a gazetteer that cannot
  be written) comes back as an :class:`Outcome` whose message says what to do, and
  nothing already stored is touched. An edit of several fields is checked whole before
  any of it is stored, so it is never half taken.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer import GazetteerError, lookup
from gazetteer.home import IMPORTED_FILE, gazetteer_home
from gazetteer.model import GOVERNORATES, KINDS

from ..model import DATE_PRECISIONS, INCIDENT_TYPES
from ..review import (
    ReviewError,
    ReviewStore,
    add_place,
    decide,
    default_review_path,
    incident_members,
    make_decision,
)
from .dashboard_data import type_label

__all__ = ["ARTICLE_ACTIONS", "GOVERNORATE_CHOICES", "INCIDENT_TYPE_CHOICES", "PLACE_KINDS",
           "PRECISIONS", "Outcome", "StoreNews", "add_missing_place", "article_html",
           "clicked_point", "edit_changes", "find_places", "incident_html", "incident_row",
           "item_label", "mention_html", "parse_names", "place_label", "replace_candidates",
           "review_for_run", "run_review", "run_stamp", "store_news", "take", "take_all"]

INCIDENT_TYPE_CHOICES: tuple[str, ...] = tuple(INCIDENT_TYPES)
PLACE_KINDS: tuple[str, ...] = KINDS
GOVERNORATE_CHOICES: tuple[str, ...] = ("", *GOVERNORATES)
PRECISIONS: tuple[str, ...] = DATE_PRECISIONS
#: Article decisions offered, with the field each changes.
ARTICLE_ACTIONS = {"set-published": "publication date", "set-outlet": "outlet",
                   "set-title": "title"}
_RTL = '<div dir="rtl" lang="ar" style="text-align:right">{}</div>'
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_CONTEXT = 160


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a decision: stored (``ok``) or refused, in words for the analyst."""

    ok: bool
    message: str


# --- the run -------------------------------------------------------------------------


def run_review(path: Path | None = None) -> ReviewStore | None:
    """The data folder's store to apply, or None while no decision was ever taken
    (a run never creates the file: ``python -m geo build`` reads the same one)."""
    path = Path(path) if path is not None else default_review_path()
    return ReviewStore(path) if path.is_file() else None


def review_for_run(path: Path | None = None) -> tuple[ReviewStore | None, str]:
    """The store a dashboard run applies, and why not when its file cannot be used.

    An unreadable, foreign or newer-schema file is never written to: the run shows the
    machine's output (every incident ``machine``) and the page says so in the returned
    message, which names the file and what to do; every decision is refused meanwhile
    (:func:`take` opens the same file and gets the same error).
    """
    try:
        return run_review(path), ""
    except ReviewError as exc:
        return None, (f"The review decisions are not applied: {exc}. The map, the tables and "
                      "the downloads show the machine's output, and no decision can be "
                      "stored until that file is replaced or moved away (nothing in it was "
                      "changed).")


def _file_stamp(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return "none"
    return f"{info.st_mtime_ns}:{info.st_size}"


def run_stamp(path: Path | None = None) -> str:
    """A token for the dashboard's cache key: the store's state and the user gazetteer's.

    A decision stored by any session (or ``python -m geo review``) changes the store's
    stamp; an added place changes ``imported.csv``. A store that cannot be read gives
    its error's name, so the run (which will report it) is not served from the cache.
    """
    store_path = Path(path) if path is not None else default_review_path()
    try:
        review = ReviewStore(store_path).stamp() if store_path.is_file() else "none"
    except ReviewError as exc:
        review = f"error:{type(exc).__name__}"
    return f"{review}|{_file_stamp(gazetteer_home() / IMPORTED_FILE)}"


@dataclass(frozen=True, slots=True)
class StoreNews:
    """How the store differs from what the shown run applied.

    ``stored`` is the store's count now: a session reruns once for each value, so a
    run that stays behind (another session's upload still being read) never loops.
    """

    new: int = 0
    stored: int = 0
    changed: bool = False
    who: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """'2 decisions were stored by Huda, another session or the command line …'."""
        if not self.new:
            return "The review store changed since this page was drawn."
        many = self.new > 1
        by = ", ".join(self.who) if self.who else "another session or the command line"
        return (f"{self.new} decision{'s were' if many else ' was'} stored by {by} "
                "since this page was drawn.")


def store_news(result: Any, path: Path | None = None) -> StoreNews:
    """What the review store holds that ``result`` was read without.

    Decisions are only ever added, so the store's count against the number of decisions
    the run applied says whether another session (or ``python -m geo review``) stored
    some since. A store that cannot be read now is no news here: the next full run
    reports it.
    """
    step = getattr(result, "review", None)
    applied = len(step.state) if step is not None else 0
    where = getattr(step, "store", None)
    store_path = Path(where) if where else (Path(path) if path is not None
                                            else default_review_path())
    if not store_path.is_file():
        return StoreNews(stored=0, changed=applied != 0)
    try:
        store = ReviewStore(store_path, create=False)
        now = store.count()
        new = store.last_stored(min(now - applied, 200)) if now > applied else []
    except ReviewError:
        return StoreNews(stored=applied)
    who = tuple(dict.fromkeys(d.who for d in new if d.who))
    return StoreNews(new=max(now - applied, 0), stored=now, changed=now != applied, who=who)


# --- what an item shows ----------------------------------------------------------------


def item_label(item: Any, n: int, total: int) -> str:
    """'3/12 · unresolved place: «…» · not in the gazetteer' (plain text, for a list)."""
    kind = {"unresolved_mention": "unresolved place", "low_confidence_mention": "unsure place",
            "incident": "incident"}.get(item.kind, item.kind)
    text = item.text
    if item.kind == "incident":
        kind_, _, place = text.partition(" at ")
        text = f"{type_label(kind_)} at {place}"
    return f"{n}/{total} · {kind}: {text} · {'; '.join(item.reasons)}"


def _context(body: str, start: int, end: int) -> tuple[str, str, str]:
    """The text before, of and after a span, cut to its sentence (at most _CONTEXT chars)."""
    lo = max(0, start - _CONTEXT)
    before = body[lo:start]
    cut = [m.end() for m in _SENTENCE_END.finditer(before)]
    before = before[cut[-1]:] if cut else before
    after = body[end:end + _CONTEXT]
    stop = _SENTENCE_END.search(after)
    after = after[:stop.end()] if stop else after
    return " ".join(before.split()), body[start:end], " ".join(after.split())


def mention_html(item: Any, articles: Mapping[str, Any]) -> str:
    """The mention in its sentence (highlighted), the article's title, right-to-left."""
    article = articles.get(item.article)
    body = getattr(article, "body", "") or ""
    title = html.escape(getattr(article, "title", "") or item.article)
    if item.span and body:
        before, text, after = _context(body, *item.span)
        sentence = (f"{html.escape(before)} <mark>{html.escape(text)}</mark> "
                    f"{html.escape(after)}")
    else:
        sentence = f"<mark>{html.escape(item.text)}</mark>"
    return (_RTL.format(f"<p>{sentence}</p>")
            + f'<p style="color:#666">Article: <span dir="auto">{title}</span></p>')


def incident_row(result: Any, incident_id: str) -> dict | None:
    """The incident's layer row (a dict) as the run shows it, or None."""
    frame = result.layers.incidents
    rows = frame[frame["id"] == incident_id]
    return rows.iloc[0].to_dict() if len(rows) else None


def _changes_html(changes: Sequence[Mapping]) -> str:
    if not changes:
        return ""
    lines = "".join(
        f"<li>{html.escape(str(c.get('field', '')))}: {html.escape(str(c.get('old')))} → "
        f"{html.escape(str(c.get('new')))}"
        + (f" ({html.escape(str(c.get('note')))})" if c.get("note") else "") + "</li>"
        for c in changes)
    return f"<p>Changed by review:</p><ul>{lines}</ul>"


def incident_html(row: Mapping) -> str:
    """Type, date, place, state, then every source's evidence (escaped, right-to-left)."""
    place = row.get("place_name_en") or row.get("place_name_ar") or "no place"
    head = (f"<p><b>{html.escape(type_label(row.get('type')))}</b> · "
            f"{html.escape(str(row.get('date') or 'undated'))} "
            f"({html.escape(str(row.get('date_precision') or '-'))}) · "
            f"{html.escape(str(place))} "
            f"(<span dir=\"rtl\">{html.escape(str(row.get('place_name_ar') or ''))}</span>, "
            f"geo precision {html.escape(str(row.get('geo_precision')))}) · review: "
            f"<b>{html.escape(str(row.get('review') or 'machine'))}</b></p>")
    actors = ", ".join(str(a) for a in row.get("actors") or [])
    casualties = [f"{n} {w}" for n, w in ((row.get("fatalities"), "killed"),
                                          (row.get("injuries"), "injured"))
                  if n is not None and not (isinstance(n, float) and math.isnan(n))]
    facts = (f"<p>Actors: <span dir=\"auto\">{html.escape(actors or '-')}</span>"
             f"{' · ' + html.escape(', '.join(casualties)) if casualties else ''}</p>")
    disagree = "".join(f"<li>{html.escape(str(d))}</li>" for d in row.get("disagreements") or [])
    disagree = f"<p>The sources disagree:</p><ul>{disagree}</ul>" if disagree else ""
    sources = []
    for s in row.get("sources") or []:
        meta = " · ".join(html.escape(str(v)) for v in (s.get("outlet"), s.get("published"),
                                                         s.get("article")) if v)
        sentences = "".join(f"<p>{html.escape(str(e))}</p>"
                            for e in (s.get("evidence_all") or [s.get("evidence", "")]))
        sources.append('<div style="border-top:1px solid #ddd;margin-top:4px">'
                       + _RTL.format(f"<b>{html.escape(str(s.get('title') or ''))}</b>")
                       + f'<div style="color:#666">{meta}</div>' + _RTL.format(sentences)
                       + "</div>")
    return head + facts + disagree + _changes_html(row.get("review_changes") or []) \
        + "".join(sources)


def article_html(article: Any) -> str:
    """An article's title, outlet and publication date, escaped."""
    title = html.escape(getattr(article, "title", "") or "")
    outlet = html.escape(getattr(article, "outlet", "") or "no outlet")
    published = getattr(article, "published", None)
    published = html.escape(published.isoformat() if hasattr(published, "isoformat")
                            else str(published or "no date"))
    return _RTL.format(f"<b>{title}</b>") + f"<p>{outlet} · {published}</p>"


# --- places to choose from -------------------------------------------------------------


def place_label(place: Mapping) -> str:
    """'Qamishli · القامشلي · city, hasakah' for a candidate or a lookup result."""
    parts = [place.get("name_en") or "", place.get("name_ar") or ""]
    where = ", ".join(str(v) for v in (place.get("kind"), place.get("governorate")) if v)
    return " · ".join(p for p in [*parts, where] if p)


def replace_candidates(result: Any, incident_id: str) -> list[dict]:
    """The candidates of the place mention an incident was placed by (its members' own)."""
    step = result.review
    out: dict[str, dict] = {}
    try:
        members = incident_members(result, incident_id)
    except ReviewError:
        return []
    for member in members:
        inc = step.incidents.get(member)
        if inc is None or not inc.place_text:
            continue
        aid = inc.sources[0].article if inc.sources else ""
        res = result.results.get(aid)
        for m in getattr(res, "mentions", []):
            if m.text == inc.place_text:
                for c in m.candidates[:8]:
                    out.setdefault(c.place.id, c.as_dict())
    return list(out.values())


def find_places(query: str, gazetteer: Any, limit: int = 8) -> tuple[list[dict], str]:
    """Gazetteer places for a typed name: (places, message when there is none)."""
    query = (query or "").strip()
    if not query:
        return [], ""
    try:
        found = lookup(query, gazetteer)
    except (TypeError, ValueError) as exc:
        return [], str(exc)
    places = [c.as_dict() for c in found.candidates[:limit]]
    if found.best is not None and all(p["id"] != found.best.id for p in places):
        places.insert(0, found.best.as_dict())
    return places, "" if places else (f"No place called {query} in the gazetteer: add it "
                                      "(Add the missing place) or type its lat/lon.")


def clicked_point(value: Any) -> tuple[float, float] | None:
    """st_folium's ``last_clicked`` ({'lat':, 'lng':}) as (lat, lon), else None."""
    if not isinstance(value, Mapping):
        return None
    try:
        lat, lon = float(value["lat"]), float(value.get("lng", value.get("lon")))
    except (KeyError, TypeError, ValueError):
        return None
    return (round(lat, 5), round(lon, 5)) if math.isfinite(lat) and math.isfinite(lon) else None


# --- edits -----------------------------------------------------------------------------


def parse_names(text: str) -> list[str]:
    """One name per line (or separated by '؛' / ';'), blanks dropped, order kept."""
    parts = re.split(r"[\n;؛]", text or "")
    return list(dict.fromkeys(" ".join(p.split()) for p in parts if p.strip()))


def _count(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def edit_changes(row: Mapping, *, type_: str, date: str, precision: str,
                 actors: str, attackers: str, targets: str,
                 fatalities: Any, injuries: Any) -> list[tuple[str, Any]]:
    """The decisions (kind, value) an edit form asks for: only the fields that changed."""
    out: list[tuple[str, Any]] = []
    if type_ and type_ != row.get("type"):
        out.append(("set-type", type_))
    date = (date or "").strip()
    if date and (date != (row.get("date") or "") or precision != row.get("date_precision")):
        out.append(("set-date", {"date": date, "precision": precision or None}))
    names = {"actors": parse_names(actors), "attackers": parse_names(attackers),
             "targets": parse_names(targets)}
    if any(names[k] != list(row.get(k) or []) for k in names):
        out.append(("set-actors", names))
    for kind, key, value in (("set-fatalities", "fatalities", fatalities),
                             ("set-injuries", "injuries", injuries)):
        if _count(value) != _count(row.get(key)):
            out.append((kind, _count(value)))
    return out


# --- taking decisions ------------------------------------------------------------------


def _store(path: Path | None) -> ReviewStore:
    return ReviewStore(Path(path) if path is not None else default_review_path())


def _refused(exc: Exception) -> Outcome:
    return Outcome(False, f"Not stored: {exc}. Nothing already stored was changed.")


def take(result: Any, kind: str, target: str, value: Any = None, *, note: str = "",
         who: str = "", path: Path | None = None) -> Outcome:
    """One decision about the run's incident, article or mention, stored or refused."""
    try:
        stored = decide(_store(path), run=result, kind=kind, target=target, value=value,
                        note=note, who=who)
    except ReviewError as exc:
        return _refused(exc)
    n = len(stored)
    return Outcome(True, f"Stored: {kind} on {target}"
                   + (f" ({n} merged reports)" if n > 1 else "") + ".")


def take_all(result: Any, target: str, changes: Sequence[tuple[str, Any]], *, note: str = "",
             who: str = "", path: Path | None = None) -> Outcome:
    """Several decisions on one target (an edit form): all checked first, then stored."""
    if not changes:
        return Outcome(False, "Nothing to store: no field was changed.")
    try:
        for kind, value in changes:  # refuse the whole edit before storing any part of it
            make_decision(kind=kind, target=target, value=value, note=note)
    except ReviewError as exc:
        return _refused(exc)
    done = []
    for kind, value in changes:
        outcome = take(result, kind, target, value, note=note, who=who, path=path)
        if not outcome.ok:
            stored = f" ({', '.join(done)} stored)" if done else ""
            return Outcome(False, outcome.message + stored)
        done.append(kind)
    return Outcome(True, f"Stored: {', '.join(done)} on {target}.")


def add_missing_place(result: Any, *, name_ar: str, lat: Any, lon: Any, kind: str,
                      governorate: str, source: str, alt_names: str = "", name_en: str = "",
                      mention: str | None = None, note: str = "", who: str = "",
                      path: Path | None = None) -> Outcome:
    """Add a place to the user's gazetteer (and resolve ``mention`` to it), or say why not."""
    if lat is None or lon is None:
        return Outcome(False, "Not stored: give the place's latitude and longitude (type "
                       "them, or click the map and use the clicked point).")
    try:
        stored = add_place(_store(path), name_ar=name_ar, lat=lat, lon=lon, kind=kind,
                           governorate=governorate, source=source, name_en=name_en,
                           alt_names=parse_names(alt_names), note=note, who=who, run=result,
                           mention=mention)
    except (ReviewError, GazetteerError) as exc:
        return _refused(exc)
    except OSError as exc:
        return _refused(f"the user gazetteer could not be written ({exc.strerror or exc})")
    return Outcome(True, f"Added {name_ar} ({stored[0].target}) to your gazetteer"
                   + (" and placed the mention there." if mention else "."))

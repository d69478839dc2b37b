"""A review decision: what an analyst decided about which thing, checked before it is kept.

A decision is attached to something that survives re-runs: an **article-level incident
id** (a hash of the article id, the type and the sentence offset, see
:mod:`geo.extract.article`), an **article id**, a **mention** (article id, span and
surface text) or a **place id** the analyst added. Merged ids change when a new
report joins an event, so decisions on a merged incident are taken on its members
(:mod:`geo.review.decide` does that).

Each kind of decision changes one *field* of its target; the latest decision on a
(target, field) wins and the history keeps every one. This module checks a decision
on its own (known kind, known incident type, a date that parses, a coordinate in the
map's area); whether its target exists is :mod:`geo.review.decide`'s job, which has a run.

>>> d = make_decision(kind="set-type", target="inc-1", value="raid")
>>> (d.target_kind, d.field, d.new)
('incident', 'type', 'raid')
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import math
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from gazetteer.model import GOVERNORATES, KINDS

from ..model import DATE_PRECISIONS, INCIDENT_TYPES
from .errors import DecisionError, OutOfAreaError

__all__ = ["AREA", "ARTICLE_KINDS", "Decision", "INCIDENT_KINDS", "KINDS_OF", "MENTION_KINDS",
           "check_point", "date_span", "make_decision", "mention_target", "now_utc",
           "parse_mention_target", "user_place_id"]

#: The map's area: Syria and its neighbourhood (lat, lon bounds). A point outside is a typo.
AREA = {"lat": (32.0, 38.0), "lon": (35.0, 43.0)}

#: kind -> (target kind, field). ``merge`` and casualties name their field below.
INCIDENT_KINDS: dict[str, str] = {
    "confirm": "review", "reject": "review", "set-type": "type", "set-date": "date",
    "set-actors": "actors", "set-fatalities": "fatalities", "set-injuries": "injuries",
    "replace": "place", "split": "split", "merge": "merge",
}
ARTICLE_KINDS: dict[str, str] = {
    "set-published": "published", "set-outlet": "outlet", "set-title": "title",
    "exclude": "excluded", "include": "excluded",
}
MENTION_KINDS: dict[str, str] = {"pick": "resolution", "not-place": "resolution"}
PLACE_KINDS: dict[str, str] = {"add-place": "place"}
KINDS_OF: dict[str, dict[str, str]] = {
    "incident": INCIDENT_KINDS, "article": ARTICLE_KINDS, "mention": MENTION_KINDS,
    "place": PLACE_KINDS,
}
_TARGET_KIND = {kind: target for target, kinds in KINDS_OF.items() for kind in kinds}
MAX_TEXT = 500


def now_utc() -> str:
    """The current time as UTC ISO 8601 with microseconds ('...Z'): sorts as text."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision as stored and exported (one JSON line each)."""

    id: str
    kind: str
    target_kind: str  # 'incident' | 'article' | 'mention' | 'place'
    target: str
    field: str
    old: Any
    new: Any
    at: str  # UTC ISO 8601, see now_utc
    who: str = ""
    note: str = ""
    batch: str = field(default="")  # decisions taken together (e.g. on a merged incident)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Decision:
        """A decision from its exported form, checked like a new one (DecisionError if bad)."""
        if not isinstance(data, dict):
            raise DecisionError("a decision must be a JSON object")
        missing = [k for k in ("id", "kind", "target", "at") if not data.get(k)]
        if missing:
            raise DecisionError(f"a decision lacks {', '.join(missing)}")
        checked = make_decision(kind=str(data["kind"]), target=str(data["target"]),
                                value=data.get("new"), note=str(data.get("note") or ""),
                                who=str(data.get("who") or ""), old=data.get("old"),
                                batch=str(data.get("batch") or ""))
        at = str(data["at"])
        try:
            dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            raise DecisionError(f"decision {data['id']}: 'at' {at!r} is not an ISO 8601 time") \
                from None
        if data.get("field") not in (None, checked.field):
            raise DecisionError(f"decision {data['id']}: field {data.get('field')!r} does not "
                                f"go with kind {checked.kind!r} (expected {checked.field!r})")
        return Decision(**{**checked.as_dict(), "id": str(data["id"]), "at": at})


def mention_target(article: str, start: int, end: int, text: str) -> str:
    """The key of a mention: article id, span and surface text (all must match to apply)."""
    return json.dumps([article, int(start), int(end), text], ensure_ascii=False)


def parse_mention_target(target: str) -> tuple[str, int, int, str]:
    """The (article, start, end, text) of a mention key; DecisionError if it is not one."""
    try:
        article, start, end, text = json.loads(target)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            raise ValueError
        return str(article), start, end, str(text)
    except (ValueError, TypeError):
        raise DecisionError(f"not a mention key: {target!r}; expected "
                            "[article id, start, end, surface text]") from None


def check_point(lat: Any, lon: Any) -> tuple[float, float]:
    """(lat, lon) as floats inside :data:`AREA`, else OutOfAreaError saying the bounds."""
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        raise DecisionError(f"latitude and longitude must be numbers, got {lat!r}, {lon!r}") \
            from None
    (lat0, lat1), (lon0, lon1) = AREA["lat"], AREA["lon"]
    if not (math.isfinite(la) and math.isfinite(lo) and lat0 <= la <= lat1 and lon0 <= lo <= lon1):
        raise OutOfAreaError(
            f"the point lat {la:g}, lon {lo:g} is outside the map's area (lat {lat0:g} to "
            f"{lat1:g}, lon {lon0:g} to {lon1:g}); check the order (latitude first) and the sign")
    return la, lo


def date_span(text: str, precision: str | None = None) -> tuple[dt.date, dt.date, str]:
    """'2022-10-08' / '2022-10' / '2022' -> (first, last, precision); DecisionError if bad."""
    text = str(text).strip()
    forms = {4: "year", 7: "month", 10: "day"}
    form = forms.get(len(text))
    try:
        if form is None:
            raise ValueError
        first = dt.date.fromisoformat(text if form == "day" else
                                      (f"{text}-01" if form == "month" else f"{text}-01-01"))
    except ValueError:
        raise DecisionError(f"not a date: {text!r}; give YYYY-MM-DD, YYYY-MM or YYYY") from None
    precision = precision or form
    if precision not in DATE_PRECISIONS or DATE_PRECISIONS.index(precision) < \
            DATE_PRECISIONS.index(form):
        raise DecisionError(f"precision {precision!r} does not fit the date {text!r} "
                            f"(at most {form!r}; one of {', '.join(DATE_PRECISIONS)})")
    if precision == "day":
        return first, first, precision
    if precision == "month":
        days = calendar.monthrange(first.year, first.month)[1]
        return first.replace(day=1), first.replace(day=days), precision
    return first.replace(month=1, day=1), dt.date(first.year, 12, 31), precision


def user_place_id(name_ar: str, lat: float, lon: float) -> str:
    """A stable id for a place an analyst adds: the same name at the same point, one id."""
    digest = hashlib.sha1(f"{name_ar}|{lat:.5f}|{lon:.5f}".encode()).hexdigest()[:10]
    return f"user-{digest}"


# --- values ---------------------------------------------------------------------------


def _text(value: Any, what: str) -> str:
    text = " ".join(str(value if value is not None else "").split())
    if not text or len(text) > MAX_TEXT:
        raise DecisionError(f"{what} must be 1 to {MAX_TEXT} characters, got {len(text)}")
    return text


def _names(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise DecisionError(f"{what} must be a list of names")
    return list(dict.fromkeys(_text(v, what) for v in value))


def _count(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise DecisionError(f"{what} must be a whole number from 0, got {value!r}")
    try:
        n = int(value)
    except ValueError:
        raise DecisionError(f"{what} must be a whole number from 0, got {value!r}") from None
    if n < 0 or n > 1_000_000:
        raise DecisionError(f"{what} must be a whole number from 0, got {value!r}")
    return n


def _place_value(value: Any) -> dict:
    """A re-placing: {'place_id': id} or {'lat': .., 'lon': ..}."""
    if isinstance(value, dict) and value.get("place_id"):
        return {"place_id": str(value["place_id"])}
    if isinstance(value, dict) and "lat" in value and "lon" in value:
        lat, lon = check_point(value["lat"], value["lon"])
        return {"lat": lat, "lon": lon}
    raise DecisionError("re-place on a gazetteer place (place_id) or a point (lat and lon)")


def _new_place(value: Any) -> dict:
    """A place to add to the user's gazetteer, with every field checked."""
    if not isinstance(value, dict):
        raise DecisionError("a place to add must give name_ar, lat, lon, kind, governorate, source")
    lat, lon = check_point(value.get("lat"), value.get("lon"))
    kind = str(value.get("kind") or "village")
    if kind not in KINDS:
        raise DecisionError(f"unknown place kind {kind!r}; one of {', '.join(KINDS)}")
    gov = str(value.get("governorate") or "")
    if gov and gov not in GOVERNORATES:
        raise DecisionError(f"unknown governorate {gov!r}; one of {', '.join(GOVERNORATES)}")
    name_ar = _text(value.get("name_ar"), "the Arabic name")
    return {"id": str(value.get("id") or user_place_id(name_ar, lat, lon)), "name_ar": name_ar,
            "name_en": " ".join(str(value.get("name_en") or "").split()),
            "alt_names": _names(value.get("alt_names"), "other spellings"),
            "kind": kind, "governorate": gov, "lat": lat, "lon": lon,
            "source": _text(value.get("source"), "the source note")}


def _value(kind: str, target: str, value: Any, note: str) -> tuple[str, Any]:
    """(field, checked new value) of a decision."""
    fieldname = _TARGET_FIELD[kind]
    if kind == "confirm":
        return fieldname, "confirmed"
    if kind == "reject":
        if not note.strip():
            raise DecisionError("a rejection needs a reason (why is it a false alarm?)")
        return fieldname, "rejected"
    if kind == "set-type":
        if value not in INCIDENT_TYPES:
            raise DecisionError(f"unknown incident type {value!r}; one of "
                                f"{', '.join(INCIDENT_TYPES)}")
        return fieldname, value
    if kind == "set-date":
        spec = value if isinstance(value, dict) else {"date": value}
        first, _, precision = date_span(spec.get("date", ""), spec.get("precision"))
        return fieldname, {"date": first.isoformat()[:{"day": 10, "month": 7, "year": 4}[precision]],
                           "precision": precision}
    if kind == "set-actors":
        spec = value if isinstance(value, dict) else {}
        return fieldname, {k: _names(spec.get(k), k) for k in ("actors", "attackers", "targets")}
    if kind in ("set-fatalities", "set-injuries"):
        return fieldname, _count(value, fieldname)
    if kind == "replace":
        return fieldname, _place_value(value)
    if kind == "split":
        return fieldname, True
    if kind == "merge":
        other = _text(value, "the incident to merge with")
        if other == target:
            raise DecisionError(f"cannot merge incident {target} with itself")
        return f"merge:{other}", other
    if kind == "set-published":
        from ..read.metadata import parse_iso

        try:
            parse_iso(str(value))
        except ValueError:
            raise DecisionError(f"not an ISO 8601 publication date: {value!r} (e.g. 2022-10-08 "
                                "or 2022-10-08T17:41:00+03:00)") from None
        return fieldname, str(value).strip()
    if kind in ("set-outlet", "set-title"):
        return fieldname, _text(value, fieldname)
    if kind in ("exclude", "include"):
        return fieldname, kind == "exclude"
    if kind == "pick":
        if not (isinstance(value, dict) and value.get("place_id")):
            raise DecisionError("picking a candidate needs its place id")
        return fieldname, {"place_id": str(value["place_id"])}
    if kind == "not-place":
        return fieldname, {"not_place": True}
    return fieldname, _new_place(value)  # add-place


_TARGET_FIELD = {kind: f for kinds in KINDS_OF.values() for kind, f in kinds.items()}


def make_decision(*, kind: str, target: str, value: Any = None, note: str = "", who: str = "",
                  old: Any = None, batch: str = "", at: str | None = None) -> Decision:
    """A new decision, checked on its own (not yet against a run; see geo.review.decide).

    Raises
    ------
    DecisionError
        Unknown kind, empty target, a value that does not fit the kind.
    OutOfAreaError
        (a DecisionError) for a point outside :data:`AREA`.
    """
    if kind not in _TARGET_KIND:
        raise DecisionError(f"unknown decision {kind!r}; one of {', '.join(_TARGET_KIND)}")
    target_kind = _TARGET_KIND[kind]
    if target_kind == "mention":
        parse_mention_target(target)
    fieldname, new = _value(kind, str(target), value, note or "")
    if target_kind == "place":
        target = new["id"]
    if not str(target).strip():
        raise DecisionError(f"decision {kind!r} needs a target")
    return Decision(id=uuid.uuid4().hex, kind=kind, target_kind=target_kind, target=str(target),
                    field=fieldname, old=old, new=new, at=at or now_utc(),
                    who=" ".join((who or "").split())[:200], note=(note or "").strip()[:2000],
                    batch=batch)

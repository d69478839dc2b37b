"""What the pipeline produces from articles: incidents, bases, routes, and their sources.

Plain dataclasses, no I/O; :mod:`geo.layers` turns them into GeoDataFrames with
the layer contract (see README, 'Layers').
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from gazetteer.model import Mention, Place

#: Incident types (GUIDE.md) -> (ACLED event type, ACLED sub-event type).
INCIDENT_TYPES: dict[str, tuple[str, str]] = {
    "patrol": ("Strategic developments", "Other"),
    "patrol_encounter": ("Strategic developments", "Other"),
    "patrol_obstruction": ("Strategic developments", "Other"),
    "vehicle_collision": ("Strategic developments", "Other"),
    "raid": ("Battles", "Armed clash"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "armed_clash": ("Battles", "Armed clash"),
    "air_incident": ("Strategic developments", "Other"),
    # an aircraft or a drone shot down or intercepted by fire: most the news tells here are
    # drones sent at a base and downed by its air defences, an attempted drone strike
    "shootdown": ("Explosions/Remote violence", "Air/drone strike"),
    "deployment": ("Strategic developments", "Headquarters or base established"),
    "exercise": ("Strategic developments", "Other"),
    "protest": ("Protests", "Peaceful protest"),
    "arrest": ("Strategic developments", "Arrests"),
    # one force holding another's men where the two keep checkpoints side by side without
    # being at war (the regime's and the SDF's in Qamishli): a standoff's move, no fight
    "detention": ("Strategic developments", "Arrests"),
    "statement": ("Strategic developments", "Other"),
    "agreement": ("Strategic developments", "Agreement"),
    "explosion": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "attack": ("Violence against civilians", "Attack"),
    # a town or position taken; ACLED splits it by who takes it (a government regains,
    # a non-state actor overtakes): most captures the news here reports are by non-state forces
    "capture": ("Battles", "Non-state actor overtakes territory"),
    "withdrawal": ("Strategic developments", "Non-violent transfer of territory"),
    "convoy": ("Strategic developments", "Other"),  # a column entering, leaving, crossing
    "confrontation": ("Strategic developments", "Other"),  # a scuffle, no weapons used
    # a force cordoning another's quarter or enclave, no fighting ('تواصل الأسايش حصارها على
    # قوات النظام في المربع الأمني'): what ACLED files among strategic developments
    "blockade": ("Strategic developments", "Other"),
    "assassination": ("Violence against civilians", "Attack"),  # a targeted killing
    "riot": ("Riots", "Mob violence"),  # prisoners rising in a prison ('استعصاء')
    "other": ("Strategic developments", "Other"),
}

DATE_PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class Source:
    """One article's report of a thing, with the Arabic sentence that is the evidence."""

    article: str  # the article file's stem
    title: str
    outlet: str
    published: str  # ISO 8601 date (or date-time) or ''
    url: str
    evidence: str

    def as_dict(self) -> dict:
        return {
            "article": self.article, "title": self.title, "outlet": self.outlet,
            "published": self.published, "url": self.url, "evidence": self.evidence,
        }


#: How ``Incident.date_text`` opens when the day is not one the text gives for the event:
#: the article's publication day, or a day an analyst set (the note a reader sees).
PUBLICATION_NOTE = "publication date"
REVIEW_NOTE = "set by review"


class DateSource(StrEnum):
    """Where an incident's day came from (:attr:`Incident.date_source`).

    Set where the day is found, so later steps ask this field rather than read the words
    of ``date_text``: de-duplication weighs a day borrowed from the sentence before less than
    the event's own, and the map says which days the text gives and which it does not.
    """

    OWN = "own"  # the event's own sentence or clause gives it
    SENTENCE_BEFORE = "sentence before"  # told on from the sentence before ('وفي وقت لاحق')
    TOLD_BEFORE = "told before"  # counted from, or the same as, a day the text told earlier
    PUBLICATION = "publication"  # the publication day: news of that day, with no day word
    REVIEW = "review"  # an analyst set it


@dataclass(slots=True)
class Incident:
    """A dated, located event as one or more articles report it."""

    id: str
    type: str
    date_first: dt.date | None
    date_last: dt.date | None
    date_precision: str | None
    place: Place | None
    geo_precision: int | None
    actors: list[str] = field(default_factory=list)
    fatalities: int | None = None
    injuries: int | None = None
    confidence: float = 0.5
    sources: list[Source] = field(default_factory=list)
    approximate: bool = False
    attackers: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    date_text: str = ""  # the expression the date came from, and why
    date_source: str = ""  # a :class:`DateSource` ('' when undated or not said)
    place_text: str = ""  # the surface text the place came from
    place_cue: str = ""
    disagreements: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # extraction notes: trigger, casualty words

    @property
    def date(self) -> str:
        """ISO 8601 cut to the precision: '2022-10-08', '2020-01', '2020' ('' if unknown)."""
        return iso_cut(self.date_first, self.date_precision)

    @property
    def acled(self) -> tuple[str, str]:
        return INCIDENT_TYPES.get(self.type, INCIDENT_TYPES["other"])

    @property
    def date_from(self) -> str:
        """The layers' 'date_from': 'text' (a day or period the article's text gives),
        'publication' (its publication day: the text gives no day for the event), 'review'
        (set by an analyst), or '' (undated)."""
        if self.date_first is None:
            return ""
        if self.date_source in (DateSource.PUBLICATION, DateSource.REVIEW):
            return str(self.date_source)
        return "text"


@dataclass(slots=True)
class Base:
    """A place the articles say a force holds, with those forces."""

    id: str
    place: Place
    operators: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    place_text: str = ""


@dataclass(slots=True)
class Route:
    """A patrol or convoy path through named waypoints ('من X باتجاه Y', 'بين X و Y')."""

    id: str
    waypoints: list[Place]
    actors: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    date_first: dt.date | None = None
    date_last: dt.date | None = None
    date_precision: str | None = None


@dataclass(slots=True)
class ArticleResult:
    """Everything extracted from one article (before merging across articles)."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    bases: list[Base] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    main_place: Place | None = None  # what the article is mainly about (never its dateline)


#: Publication days before this are taken for mistakes: a warning on the article, never
#: a bound of the map's dates (nor are days after tomorrow).
PLAUSIBLE_FROM = dt.date(1900, 1, 1)


def plausible_span(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The publication days an article can really have: 1900-01-01 to tomorrow."""
    return PLAUSIBLE_FROM, shift_date(today or dt.date.today(), 1)


def published_problem(day: dt.date | None, *, today: dt.date | None = None) -> str:
    """Why an article cannot have been published on ``day`` ('' when it can, or no day).

    >>> published_problem(dt.date(9999, 12, 31), today=dt.date(2024, 5, 1))
    'implausible publication date 9999-12-31 (after tomorrow, 2024-05-02)'
    >>> published_problem(dt.date(2022, 10, 8))
    ''
    """
    if day is None:
        return ""
    first, last = plausible_span(today)
    if day < first:
        return f"implausible publication date {day.isoformat()} (before {first.isoformat()})"
    if day > last:
        return f"implausible publication date {day.isoformat()} (after tomorrow, {last.isoformat()})"
    return ""


def shift_date(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held within year 1..9999.

    Articles can carry either calendar edge (``0001-01-01`` in a CSV), and a
    tolerance of a day or two must not overflow there.

    >>> shift_date(dt.date(9999, 12, 31), 2), shift_date(dt.date(1, 1, 1), -2)
    (datetime.date(9999, 12, 31), datetime.date(1, 1, 1))
    """
    ordinal = min(max(day.toordinal() + days, 1), dt.date.max.toordinal())
    return dt.date.fromordinal(ordinal)


def iso_cut(day: dt.date | None, precision: str | None) -> str:
    """'2022-10-08' cut to 'day' | 'month' | 'year'."""
    if day is None or precision is None:
        return ""
    full = day.isoformat()
    return {"day": full, "month": full[:7], "year": full[:4]}.get(precision, full)

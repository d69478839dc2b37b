"""What the gazetteer knows and answers: places, candidates, mentions.

Kept free of I/O so every other module (and ``geo/``) can share the vocabulary.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: Kinds of place, from most to least specific. Order is used as a weak prior.
KINDS: tuple[str, ...] = (
    "base",
    "airport",
    "oilfield",
    "gasfield",
    "dam",
    "border_crossing",
    "bridge",
    "camp",
    "neighbourhood",
    "village",
    "town",
    "city",
    "capital",
    "region",
    "district",
    "governorate",
    "country",
)

#: Kinds that stand for an area rather than a point on the ground.
AREA_KINDS: frozenset[str] = frozenset({"region", "district", "governorate", "country"})

#: Canonical governorate ids -> (English, Arabic) names.
GOVERNORATES: dict[str, tuple[str, str]] = {
    "damascus": ("Damascus", "دمشق"),
    "rif_dimashq": ("Rif Dimashq", "ريف دمشق"),
    "aleppo": ("Aleppo", "حلب"),
    "homs": ("Homs", "حمص"),
    "hama": ("Hama", "حماة"),
    "latakia": ("Latakia", "اللاذقية"),
    "tartus": ("Tartus", "طرطوس"),
    "idlib": ("Idlib", "إدلب"),
    "raqqa": ("Raqqa", "الرقة"),
    "deir_ez_zor": ("Deir ez-Zor", "دير الزور"),
    "hasakah": ("Al-Hasakah", "الحسكة"),
    "daraa": ("Daraa", "درعا"),
    "suwayda": ("As-Suwayda", "السويداء"),
    "quneitra": ("Quneitra", "القنيطرة"),
}

#: Governorates the corpus is mostly about (north-east Syria): a prior for ties.
FOCUS_GOVERNORATES: frozenset[str] = frozenset({"hasakah", "raqqa", "deir_ez_zor"})


@dataclass(frozen=True, slots=True)
class Place:
    """One entry of the gazetteer.

    ``governorate`` is a key of :data:`GOVERNORATES` ("" outside Syria or for
    country-wide regions). ``in_area`` is False for places outside Syria, which
    are kept so that 'Ukraine' or 'Washington' are recognised and *not* mapped.
    ``parent`` is the id of the place a region is centred on or belongs to.
    """

    id: str
    name_ar: str
    name_en: str
    kind: str
    lat: float
    lon: float
    governorate: str = ""
    alt_names: tuple[str, ...] = ()
    population: int | None = None
    in_area: bool = True
    parent: str = ""
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the place is known by, Arabic first."""
        return (self.name_ar, self.name_en, *self.alt_names)

    def as_dict(self) -> dict:
        """The JSON shape used by the command line and the layers."""
        return {
            "id": self.id,
            "name_ar": self.name_ar,
            "name_en": self.name_en,
            "lat": self.lat,
            "lon": self.lon,
            "kind": self.kind,
            "governorate": self.governorate,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a mention could refer to, with the score and the reasons for it."""

    place: Place
    score: float
    reasons: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {**self.place.as_dict(), "score": round(self.score, 3), "reasons": list(self.reasons)}


@dataclass(slots=True)
class Mention:
    """A place name found in a text, and what it was resolved to.

    ``place`` is None when the mention is unresolved (unknown name, or too
    ambiguous); it is then listed for review, never dropped. ``approximate``
    is True when the point is a parent area standing in for an unknown place.
    ``role`` says why a known name is not a location of the story
    ("dateline", "timezone", "media", "body", "street", "person", "metonymy", "outside") or
    is "location".
    """

    start: int
    end: int
    text: str
    key: str
    place: Place | None = None
    confidence: float = 0.0
    geo_precision: int | None = None
    candidates: list[Candidate] = field(default_factory=list)
    cue: str = ""
    role: str = "location"
    approximate: bool = False
    kind_word: str = ""

    @property
    def resolved(self) -> bool:
        return self.place is not None

    def as_dict(self) -> dict:
        """The JSON shape of ``python -m gazetteer find``."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "place": self.place.as_dict() if self.place else None,
            "confidence": round(self.confidence, 3),
            "geo_precision": self.geo_precision,
            "role": self.role,
            "approximate": self.approximate,
            "cue": self.cue,
            "candidates": [c.as_dict() for c in self.candidates[:5]],
        }


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance in km between two places (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))

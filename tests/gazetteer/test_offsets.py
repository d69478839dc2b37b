"""A place told by distance and bearing from a named one (gazetteer.offsets)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.model import AREA_KINDS
from gazetteer.offsets import MAX_OFFSET_KM
from gazetteer.resolver import resolve_text
from gazetteer.store import Gazetteer, load_gazetteer
from tests.gazetteer.helpers import km as distance_km


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()




def _mention(gaz, text: str, name: str):
    # ('شمال الحسكة' is one name: a side of the province, made a point by the distance before)
    [m] = [m for m in resolve_text(text, gaz) if m.text.endswith(name)]
    return m


@pytest.mark.parametrize(("text", "km", "bearing"), [
    ("انفجرت عبوة ناسفة على بعد 15 كم شمال الحسكة.", 15, 0),
    ("سقطت قذائف على قرية تقع 20 كيلومتراً إلى الشرق من مدينة الحسكة.", 20, 90),
    ("داهمت القوات منطقة تبعد 10 كلم جنوب غرب الحسكة.", 10, 225),
])
def test_the_named_town_gives_way_to_the_point_the_text_gives(gaz, text, km, bearing) -> None:
    town = gaz.get("hasakah")
    m = _mention(gaz, text, "الحسكة")
    assert m.place.id != "hasakah" and m.approximate and m.geo_precision == 2
    assert m.place.kind == "village" and m.place.governorate == "hasakah"
    assert distance_km(town.lat, town.lon, m.place.lat, m.place.lon) == pytest.approx(km, rel=0.02)
    north = (m.place.lat - town.lat) * 111.32
    east = (m.place.lon - town.lon) * 111.32 * math.cos(math.radians(town.lat))
    assert math.degrees(math.atan2(east, north)) % 360 == pytest.approx(bearing, abs=0.5)
    assert "as the text gives it" in m.place.source and "hasakah" in m.place.source


def test_a_village_the_gazetteer_lacks_goes_to_that_point_too(gaz) -> None:
    text = "واستهدفت المروحيات سكاناً من قرية خراب ناس (20 كيلومترًا شرق مدينة عين العرب)."
    village, town = _mention(gaz, text, "خراب ناس"), _mention(gaz, text, "عين العرب")
    assert village.place == town.place and village.place.id == "ain_al_arab__20km_east"
    assert village.place.parent == gaz.countryside_of["ain_al_arab"].id


def test_a_known_village_before_the_phrase_keeps_its_own_point(gaz) -> None:
    m = _mention(gaz, "انفجر لغم في قرية تل شعير 5 كم شمالي بلدة تل تمر.", "تل شعير")
    assert m.place.id == "tal_shaeer" and not m.approximate


@pytest.mark.parametrize("text", [
    "وصل الرتل إلى البوكمال (122 كم جنوب شرق مدينة دير الزور).",  # a far town described
    "انفجرت عبوة على بعد 15 كم من مدينة دير الزور.",  # no bearing: no point to draw
    "قتل 15 شخصاً في مدينة دير الزور.",  # a count, not a distance
])
def test_no_point_without_a_bearing_or_beyond_a_villages_reach(gaz, text) -> None:
    assert _mention(gaz, text, "دير الزور").place.id == "deir_ez_zor"
    assert MAX_OFFSET_KM < 122


def _offset_places_reference(folded, mentions, gaz, spotted=None) -> None:
    """offset_places as first written: every mention read for each phrase's village."""
    from gazetteer import offsets as o
    from gazetteer.unknown import folded_offset

    text = folded.folded
    # a side of a province after a distance ('15 كم شمال الحسكة') first, as offset_places does
    o.sides_at_a_distance(folded, mentions, [folded_offset(folded, m.start) for m in mentions], gaz)
    for m in mentions:
        place = m.place
        if place is None or m.role != "location" or not place.in_area or place.kind in AREA_KINDS:
            continue
        at = folded_offset(folded, m.start)
        found = o._OFFSET_RE.search(text, max(0, at - 60), at)
        if found is None:
            continue
        number = found.group(1)
        km = int(number) if number.isdigit() else o._NUMBER_WORDS[number]
        bearing = o._BEARINGS.get(tuple(w for w in found.group(2, 3) if w))
        if bearing is None or not 0 < km <= MAX_OFFSET_KM:
            continue
        point = o.offset_place(place, km, bearing, gaz)
        area = gaz.countryside_of.get(place.id, place)
        villages = []
        for other in mentions:
            unknown = other.place is None and other.role == "location" and bool(other.kind_word)
            if not unknown and (other.place is None or other.place.id not in (place.id, area.id)
                                or not other.approximate):
                continue
            end = folded_offset(folded, other.end)
            if end <= found.start() and len(text[end:found.start()].strip(" (،,-")) <= 12:
                villages.append(other)
        for target in [m, *villages]:
            target.place, target.approximate, target.geo_precision = point, True, 2
            target.cue = (f"{km} km {o._DIRECTION_NAMES[bearing][1]} of {place.name_ar} as the "
                          "text gives it: approximate")


_BEFORE = ["", "قرية خراب ناس", 'قرية "تل حميدو"', "بلدة تل حميدو", "الحسكة", "مدينة عين العرب"]
_GAP = ["", " ", " (", " التي تقع", " الواقعة على بعد", "، وهي قرية صغيرة تقع", " - "]
_NUMBER = ["20 كيلومترًا", "15 كم", "خمسة كم", "100 كم", "عشرة كيلو", "2"]
_WHERE = ["شرق", "إلى الشمال الشرقي من", "جنوب غرب", "شمالي", "في"]
_TOWN = ["مدينة عين العرب", "الحسكة", "بلدة القحطانية", "دمشق", "ريف الحسكة"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_BEFORE), st.sampled_from(_GAP), st.sampled_from(_NUMBER),
                          st.sampled_from(_WHERE), st.sampled_from(_TOWN)), min_size=1, max_size=4))
def test_offsets_read_as_first_written(gaz, pieces) -> None:
    from gazetteer import resolver

    text = "، ".join(f"{b}{g} {n} {w} {t})" for b, g, n, w, t in pieces)
    fast = [m.as_dict() for m in resolve_text(text, gaz)]
    real = resolver.offset_places
    try:
        resolver.offset_places = _offset_places_reference
        slow = [m.as_dict() for m in resolve_text(text, gaz)]
    finally:
        resolver.offset_places = real
    assert fast == slow


def _directions_before(text: str, starts: list[int]) -> list[int]:
    """The reference: a direction word wholly in the 60 characters before each start."""
    return [i for i, at in enumerate(starts) if any(
        text.find(word, max(0, at - 60), at) >= 0 for word in ("شمال", "جنوب", "شرق", "غرب"))]


_PIECES = st.sampled_from(["شمال", "جنوب", "شرق", "غرب", "الشرقي", "شما", "رق", " ", "قرية ", "x",
                           "15 كم ", "\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=120).map("".join), st.data())
def test_names_after_a_direction_word_are_those_four_searches_find(gaz, text, data) -> None:
    from gazetteer.offsets import after_a_direction

    positions = st.integers(0, len(text))
    few = data.draw(st.lists(positions, max_size=20))
    many = data.draw(st.lists(positions, min_size=256, max_size=300))  # the vectorised path
    spotted = gaz.matcher.scan_spotted(text)[2]  # the direction words as the matcher spots them
    assert after_a_direction(text, few) == _directions_before(text, few)
    assert after_a_direction(text, many) == _directions_before(text, many)
    assert after_a_direction(text, many, spotted) == _directions_before(text, many)

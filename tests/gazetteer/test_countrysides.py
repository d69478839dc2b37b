"""gazetteer.countrysides: a town's countryside told with its direction lies that way from the town."""

from __future__ import annotations

import pytest

from gazetteer import load_gazetteer
from gazetteer.countrysides import (
    REACH_KM,
    direction_key,
    directional_countrysides,
    is_countryside,
    is_directional,
    on_its_side,
)
from gazetteer.model import Place, km_between
from gazetteer.resolver import resolve_text

BASE = Place("rif_x", "ريف الحسكة", "Hasakah countryside", "region", 36.5, 40.75, "hasakah",
             alt_names=("ريف الحسكه", "rural Hasakah"), parent="hasakah", source="test")


def test_every_direction_of_a_countryside_is_a_place_of_its_own():
    made = {p.id: p for p in directional_countrysides([BASE])}
    assert len(made) == 8
    east = made["rif_x_east"]
    assert (east.name_ar, east.alt_names, east.parent, east.governorate) == (
        "ريف الحسكة الشرقي", ("ريف الحسكه الشرقي",), "hasakah", "hasakah")
    assert east.lat == BASE.lat and east.lon > BASE.lon
    assert made["rif_x_north"].lat > BASE.lat and made["rif_x_south_west"].lon < BASE.lon
    for place in made.values():
        assert km_between(place, BASE) == pytest.approx(REACH_KM, rel=0.02)
        assert is_directional(place) and not is_countryside(place)
        assert place.source.startswith("derived:") and "rif_x" in place.source


def test_only_a_towns_countryside_has_directions():
    region = Place("jazira", "الجزيرة", "Jazira", "region", 36.5, 40.5, "hasakah", source="test")
    town = Place("hasakah", "الحسكة", "al-Hasakah", "city", 36.5, 40.75, "hasakah", source="test")
    assert directional_countrysides([region, town]) == []


@pytest.mark.parametrize(("text", "place", "direction"), [
    ("قصفت المدفعية قرى في ريف دير الزور الشرقي.", "rif_deir_ez_zor_east", "east"),
    ("قصفت المدفعية قرى في ريف ديرالزور الجنوبي الشرقي.", "rif_deir_ez_zor_south_east", "south-east"),
    ("داهمت القوات قرية في ريف الحسكة الشمالي.", "rif_hasakah_north", "north"),
])
def test_the_news_directions_resolve_to_their_places(text, place, direction):
    gaz = load_gazetteer()
    [m] = [m for m in resolve_text(text, gaz) if m.place is not None]
    assert m.place.id == place and m.place.name_en.endswith(f"({direction})")


def test_a_seat_named_bare_after_a_bearing_is_that_side_of_its_province():
    seat = Place("hasakah", "الحسكة", "al-Hasakah", "city", 36.5, 40.75, "hasakah",
                 alt_names=("الحسكه", "مدينة الحسكة", "Hesîçe"), parent="gov_hasakah", source="test")
    gov = Place("gov_hasakah", "محافظة الحسكة", "al-Hasakah Governorate", "governorate", 36.5, 40.9,
                "hasakah", source="test")
    made = {p.id: p for p in directional_countrysides([BASE, seat, gov])}
    assert made["rif_x_east"].alt_names == ("ريف الحسكه الشرقي", "شرق الحسكة", "شرق الحسكه",
                                             "شرقي الحسكة", "شرقي الحسكه")
    assert {"شمال شرق الحسكة", "شمال شرقي الحسكة", "شمالي شرقي الحسكة"} <= set(
        made["rif_x_north_east"].alt_names)
    # a town that is no governorate's seat keeps its bearings a town's ('شرق القامشلي')
    town = Place("hasakah", "الحسكة", "al-Hasakah", "city", 36.5, 40.75, "hasakah", parent="somewhere",
                 source="test")
    assert {p.id: p for p in directional_countrysides([BASE, town])}["rif_x_east"].alt_names == (
        "ريف الحسكه الشرقي",)


@pytest.mark.parametrize(("text", "place"), [
    ("قتل شاب برصاص قناص شرقي دير الزور.", "rif_deir_ez_zor_east"),
    ("انفجرت عبوة ناسفة شمال الرقة.", "rif_raqqa_north"),
    ("انفجرت عبوة ناسفة جنوب شرق الحسكة.", "rif_hasakah_south_east"),
    ("انفجرت عبوة ناسفة شرق مدينة دير الزور.", "deir_ez_zor"),  # east of the city itself
    ("انفجرت عبوة ناسفة على بعد 15 كم شمال الحسكة.", "hasakah__15km_north"),  # a point from it
])
def test_the_news_names_a_side_of_a_province_by_its_seat(text, place):
    gaz = load_gazetteer()
    assert [m.place.id for m in resolve_text(text, gaz) if m.place is not None] == [place]


def test_a_towns_countryside_is_still_the_whole_one():
    gaz = load_gazetteer()
    assert gaz.countryside_of["deir_ez_zor"].id == "rif_deir_ez_zor"
    [m] = [m for m in resolve_text("قصفت المدفعية قرى في ريف دير الزور.", gaz) if m.place]
    assert m.place.id == "rif_deir_ez_zor"


def test_a_direction_of_a_countryside_holds_only_its_side_of_the_town():
    """'ريف دير الزور الغربي' holds no place east of Deir ez-Zor: al-Mayadin (east, 45 km down
    the river) is in the eastern countryside, never the western one; the town's own outskirts
    on the other side still count."""
    made = {p.id: p for p in directional_countrysides([BASE])}
    west, east = made["rif_x_west"], made["rif_x_east"]
    downriver = (BASE.lat - 0.3, BASE.lon + 0.3)
    assert on_its_side(east, *downriver) and not on_its_side(west, *downriver)
    assert on_its_side(west, BASE.lat, BASE.lon + 0.05)  # 5 km east of the town: its outskirts
    assert on_its_side(BASE, *downriver)  # a whole countryside has no side


def test_a_countrysides_direction_merges_only_the_places_on_its_side():
    from geo.relate import place_relation

    gaz = load_gazetteer()
    west, east = gaz.places["rif_deir_ez_zor_west"], gaz.places["rif_deir_ez_zor_east"]
    assert place_relation(west, gaz.places["mayadin"]) == "far"
    assert place_relation(east, gaz.places["mayadin"]) == "contains"


@pytest.mark.parametrize(("words", "key"), [("الشرقي", "east"), ("شرقي", "east"),
                                            ("الشمالي الشرقي", "north_east"), ("جنوبي غربي", "south_west"),
                                            ("الشرقي الشمالي", None), ("الأوسط", None)])
def test_a_direction_in_words_has_its_key(words, key):
    assert direction_key(words) == key

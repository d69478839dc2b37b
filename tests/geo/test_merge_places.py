"""Merging across articles: 'near' is not 'same', and a vague report joins only the one
event it can be (hand-built incidents; places with real coordinates, no gazetteer)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.model import Place
from geo.merge import merge_incidents, place_relation
from geo.model import Incident
from geo.relate import km_between
from tests.geo.test_merge import (
    HASAKAH,
    HASAKAH_GOV,
    NE_SYRIA,
    QAHTANIYAH,
    QAMISHLI,
    RIF_QAMISHLI,
    US,
    articles_of,
    make_incident,
    only,
)

HAJIN = Place("hajin", "هجين", "Hajin", "town", 34.69508, 40.83138, "deir_ez_zor")
SUBAYKHAN = Place("subaykhan", "صبيخان", "Subaykhan", "town", 34.85305, 40.59987, "deir_ez_zor")
TELL_TAMER = Place("tal_tamr", "تل تمر", "Tell Tamer", "town", 36.65556, 40.37079, "hasakah")
# a village ~2.5 km from Tell Tamer, and a second record of Tell Tamer 1 km off its point
SHAMIRAM = Place("tell_shamiram", "تل شميرام", "Tell Shamiram", "village", 36.63917, 40.35722,
                 "hasakah", parent="tal_tamr")
TAMER_2 = Place("geonames_tal_tamr", "تل تمر", "Tall Tamr", "town", 36.6620, 40.3790, "hasakah")
# two towns 15 km apart (east-west) in one governorate
TOWN_A = Place("town_a", "البلدة أ", "Town A", "town", 36.80, 40.00, "hasakah")
TOWN_B = Place("town_b", "البلدة ب", "Town B", "town", 36.80, 40.168, "hasakah")
DEIR_GOV = Place("gov_deir_ez_zor", "محافظة دير الزور", "Deir ez-Zor Governorate",
                 "governorate", 35.33, 40.14, "deir_ez_zor")
DRONE = "Turkish drone"


def strike(iid: str, place: Place | None, date: str | None = "2024-01-15", *,
           geo: int = 1, actors: tuple[str, ...] = (DRONE,), **kw) -> Incident:
    return make_incident(iid, "airstrike", date, place, geo=geo, actors=actors, **kw)


def groups(merged: list[Incident]) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(articles_of(i))) for i in merged)


# --- near is not same -------------------------------------------------------------------


def test_two_strikes_on_two_towns_15_km_apart_the_same_day_stay_two():
    assert 14 < km_between(TOWN_A, TOWN_B) < 16
    merged, records = merge_incidents([strike("001-1", TOWN_A), strike("002-1", TOWN_B)])
    assert groups(merged) == [("001",), ("002",)] and records == []


@pytest.mark.parametrize("a,b", [(HAJIN, SUBAYKHAN), (TELL_TAMER, SHAMIRAM),
                                 (QAMISHLI, QAHTANIYAH)])
def test_neighbouring_towns_are_two_places(a, b):
    assert place_relation(a, b) in ("near", "far")
    assert len(merge_incidents([strike("001-1", a), strike("002-1", b)])[0]) == 2


def test_two_records_of_one_town_are_one_place():
    assert place_relation(TELL_TAMER, TAMER_2) == "same"
    inc = only(merge_incidents([strike("001-1", TELL_TAMER), strike("002-1", TAMER_2)])[0])
    assert articles_of(inc) == {"001", "002"}


def test_one_town_and_its_countryside_merge():
    town = strike("001-1", QAMISHLI)
    countryside = strike("002-1", RIF_QAMISHLI, geo=2)
    inc = only(merge_incidents([countryside, town])[0])
    assert inc.place == QAMISHLI and articles_of(inc) == {"001", "002"}


# --- a vague report joins the one event it can be -----------------------------------------


def test_a_report_at_the_governorate_joins_the_one_event_it_can_only_be():
    town = strike("001-1", TOWN_A)
    gov = strike("002-1", HASAKAH_GOV, geo=3)
    inc = only(merge_incidents([gov, town])[0])
    assert inc.place == TOWN_A and inc.geo_precision == 1
    assert articles_of(inc) == {"001", "002"}


def test_two_at_the_governorate_with_two_candidate_events_stay_apart():
    events = [strike("001-1", TOWN_A), strike("002-1", QAHTANIYAH)]
    vague = [strike("003-1", HASAKAH_GOV, geo=3), strike("004-1", NE_SYRIA, geo=3)]
    merged, records = merge_incidents([*vague, *events])
    assert groups(merged) == [("001",), ("002",), ("003",), ("004",)] and records == []


def test_a_governorate_report_never_chains_two_towns():
    # the governorate report is the head of nothing: the towns meet it and not each other
    merged, _ = merge_incidents([strike("003-1", HASAKAH_GOV, geo=3), strike("001-1", TOWN_A),
                                 strike("002-1", TOWN_B)])
    assert [("001",), ("002",)] == [g for g in groups(merged) if g != ("003",)]


def test_a_region_report_of_a_month_does_not_chain_two_towns():
    # a day-precise region report meets month-precise town reports (visited after it)
    merged, _ = merge_incidents([strike("003-1", NE_SYRIA, geo=3),
                                 strike("001-1", TOWN_A, "2024-01"),
                                 strike("002-1", TOWN_B, "2024-01")])
    assert not any(set(g) >= {"001", "002"} for g in groups(merged))


def test_an_unplaced_report_joins_nothing_when_two_events_fit():
    events = [strike("001-1", TOWN_A), strike("002-1", HAJIN)]
    merged, _ = merge_incidents([*events, strike("003-1", None, geo=None)])
    assert groups(merged) == [("001",), ("002",), ("003",)]


def test_the_governorate_is_not_the_other_governorates():
    merged, _ = merge_incidents([strike("001-1", HAJIN), strike("002-1", HASAKAH_GOV, geo=3)])
    assert len(merged) == 2
    inc = only(merge_incidents([strike("001-1", HAJIN), strike("002-1", DEIR_GOV, geo=3)])[0])
    assert inc.place == HAJIN


# --- a seat city may stand for its governorate, only when one event fits -----------------


def test_the_seat_city_stands_for_the_one_event_of_its_governorate():
    meeting = make_incident("002-1", place=QAHTANIYAH, geo=2)
    city = make_incident("003-1", place=HASAKAH)
    inc = only(merge_incidents([city, meeting])[0])
    assert inc.place == QAHTANIYAH
    assert any(d.startswith("place: Al-Qahtaniyah (002) vs Al-Hasakah (003)")
               for d in inc.disagreements)  # the disagreement is kept and shown


def test_the_seat_city_with_two_fitting_events_stays_apart():
    first = make_incident("001-1", place=QAHTANIYAH, geo=2)
    second = make_incident("002-1", place=TELL_TAMER)
    city = make_incident("003-1", place=HASAKAH)
    assert groups(merge_incidents([first, second, city])[0]) == [("001",), ("002",), ("003",)]


def test_two_records_of_one_settlement_share_a_name_two_villages_do_not():
    assert place_relation(TELL_TAMER, TAMER_2) == "same"  # 1 km, one name
    assert place_relation(TELL_TAMER, SHAMIRAM) == "near"  # 2.3 km, two villages


def test_a_town_is_not_the_seat_of_anything():
    assert place_relation(QAMISHLI, QAHTANIYAH) == "near"  # a city, but not the seat
    merged, _ = merge_incidents([make_incident("001-1", place=QAMISHLI),
                                 make_incident("002-1", place=QAHTANIYAH)])
    assert len(merged) == 2


# --- disagreements survive ------------------------------------------------------------------


def test_every_disagreement_is_kept():
    a = strike("001-1", RIF_QAMISHLI, "2024-01-14", geo=2, fatalities=2, injuries=1,
               evidence="استهدفت مسيّرة تركية ليل الأحد الاثنين سيارة")
    b = make_incident("002-1", "raid", "2024-01-15", QAMISHLI, actors=(DRONE,), fatalities=3,
                      evidence="إنزال جوي")
    inc = only(merge_incidents([a, b])[0])
    kinds = {d.split(":")[0] for d in inc.disagreements}
    assert kinds == {"type", "date", "fatalities"}
    assert inc.fatalities == 2 and inc.injuries == 1
    assert US not in inc.actors


# --- a property: no merged incident holds two places that are merely near ----------------

_SPREAD = [QAMISHLI, QAHTANIYAH, HASAKAH, HASAKAH_GOV, NE_SYRIA, RIF_QAMISHLI, TELL_TAMER,
           SHAMIRAM, TAMER_2, TOWN_A, TOWN_B, HAJIN, SUBAYKHAN, DEIR_GOV, None]
_DAYS = ["2024-01-14", "2024-01-15", "2024-01-16", "2024-01", None]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SPREAD), st.sampled_from(_DAYS), st.booleans(),
                          st.sampled_from([(DRONE,), (), (US,)])), max_size=12))
def test_no_merged_incident_joins_two_places_that_are_only_near(specs):
    incidents = [strike(f"{n:03d}-1", place, day, geo=3 if place in (NE_SYRIA, HASAKAH_GOV,
                                                                        DEIR_GOV) else 1,
                        actors=actors, evidence="فجر اليوم" if night else "")
                 for n, (place, day, night, actors) in enumerate(specs)]
    by_id = {i.id: i for i in incidents}
    _, records = merge_incidents(incidents)
    for record in records:
        members = [by_id[m] for m in record.members]
        for a in members:
            for b in members:
                assert place_relation(a.place, b.place) in (
                    "same", "contains", "governorate", "unknown"), (a.place, b.place)
                if a.date_first and b.date_first and a.date_precision == "day" == \
                        b.date_precision:
                    assert abs((a.date_first - b.date_first).days) <= 1

"""The layer contract and the shared filter (hand-built results; no gazetteer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from gazetteer.model import Mention, Place
from geo.layers import (
    COLUMNS,
    GEOMETRY_TYPES,
    LAYER_NAMES,
    Layers,
    build_layers,
    empty_layer,
    filter_layers,
    parse_date_bound,
)
from geo.model import ArticleResult, Base, Route
from tests.geo.test_merge import (
    AIRPORT,
    HASAKAH,
    ISTANBUL,
    NE_SYRIA,
    QAHTANIYAH,
    QAMISHLI,
    RIF_QAMISHLI,
    RU,
    US,
    make_incident,
    source,
)

DAMASCUS = Place("damascus", "دمشق", "Damascus", "capital", 33.5102, 36.2913, "damascus")
UKRAINE = Place("ukraine", "أوكرانيا", "Ukraine", "country", 49.0, 32.0, in_area=False)


@dataclass(frozen=True)
class FakeArticle:
    """The fields of geo.read.Article that layers read."""

    id: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None
    published_at: str = ""
    body: str = ""


def mention(place: Place | None, text: str, role: str = "location", start: int = 0,
            confidence: float = 0.9) -> Mention:
    return Mention(start=start, end=start + len(text), text=text, key=text, place=place,
                   confidence=confidence, geo_precision=1, role=role)


def sample() -> tuple[list[ArticleResult], dict[str, FakeArticle]]:
    meeting = [make_incident("000-1", place=QAHTANIYAH, geo=2),
               make_incident("002-1", place=QAHTANIYAH, geo=2)]
    collision = make_incident("000-2", "vehicle_collision", "2020", NE_SYRIA, geo=3, injuries=4)
    block = make_incident("004-1", "patrol_obstruction", "2020-01", QAMISHLI, geo=2)
    statement = make_incident("004-2", "statement", "2021-01-18", None, geo=None, actors=(RU,))
    abroad = make_incident("002-2", "statement", "2022-10-08", ISTANBUL, geo=1, actors=(RU,))
    raid = make_incident("002-3", "raid", "2022-10-06", RIF_QAMISHLI, geo=2, actors=(US,),
                         approximate=True, place_cue="'ملوك سراي' is not in the gazetteer",
                         fatalities=1)
    results = [
        ArticleResult("000", incidents=[meeting[0], collision], main_place=QAHTANIYAH,
                      mentions=[mention(QAHTANIYAH, "القحطانية", start=10),
                                mention(QAHTANIYAH, "القحطانية", start=90),
                                mention(NE_SYRIA, "شمال شرق سوريا", start=40),
                                mention(UKRAINE, "أوكرانيا", role="outside", start=60)]),
        ArticleResult("002", incidents=[meeting[1], abroad, raid], main_place=QAMISHLI,
                      mentions=[mention(QAMISHLI, "القامشلي", start=5),
                                mention(DAMASCUS, "دمشق", role="timezone", start=1),
                                mention(QAHTANIYAH, "القحطانية", start=30),
                                mention(None, "ملوك سراي", start=50)],
                      bases=[Base("002-b1", AIRPORT, ["Syrian regime forces"],
                                  [source("002", "مطار القامشلي")])],
                      routes=[Route("002-r1", [QAMISHLI, HASAKAH], [US], [source("002")]),
                              Route("002-r2", [QAMISHLI, ISTANBUL], [US], [source("002")])]),
        ArticleResult("004", incidents=[block, statement], main_place=None,
                      mentions=[mention(QAMISHLI, "القامشلي", start=3)],
                      bases=[Base("004-b1", ISTANBUL, ["x"], [source("004")])]),
    ]
    articles = {
        "000": FakeArticle("000", "التقاء الجيشين", body="نص " * 200),
        "002": FakeArticle("002", "جنود أميركيون وروس", "Syria TV", "https://tv.syria/x",
                           dt.date(2022, 10, 8), "2022-10-08T17:41:00+03:00", "بثت وكالة"),
        "004": FakeArticle("004", "روسيا تطالب", published=dt.date(2021, 1, 18)),
    }
    return results, articles


@pytest.fixture()
def layers() -> Layers:
    results, articles = sample()
    return build_layers(results, articles)


# --- the contract ---------------------------------------------------------------------


def test_every_layer_has_the_contract_columns_and_crs(layers):
    assert list(layers) == list(LAYER_NAMES)
    for name in LAYER_NAMES:
        gdf = layers[name]
        assert list(gdf.columns) == [*COLUMNS[name], "geometry"], name
        assert gdf.crs.to_epsg() == 4326
        assert set(gdf.geom_type) <= {GEOMETRY_TYPES[name]}


@pytest.mark.parametrize("name", LAYER_NAMES)
def test_empty_layers_keep_the_columns(name):
    gdf = empty_layer(name)
    assert len(gdf) == 0
    assert list(gdf.columns) == [*COLUMNS[name], "geometry"]
    assert gdf.crs.to_epsg() == 4326


def test_empty_input_gives_empty_layers():
    layers = build_layers([], {})
    assert all(len(layers[n]) == 0 for n in LAYER_NAMES)
    assert list(layers.incidents.columns) == [*COLUMNS["incidents"], "geometry"]


def test_unknown_layer_name_raises(layers):
    with pytest.raises(KeyError, match="no layer 'zones'"):
        layers["zones"]


# --- incidents ------------------------------------------------------------------------


def _row(gdf, **where) -> pd.Series:
    hit = gdf
    for key, value in where.items():
        hit = hit[hit[key] == value]
    assert len(hit) == 1, (where, len(hit))
    return hit.iloc[0]


def test_incidents_are_merged_and_carry_their_sources(layers):
    inc = _row(layers.incidents, type="patrol_encounter")
    assert inc["n_sources"] == 2
    assert [s["article"] for s in inc["sources"]] == ["000", "002"]
    assert set(inc["sources"][0]) == {"article", "title", "outlet", "published", "url",
                                      "evidence", "evidence_all"}
    assert inc["n_articles"] == 2
    assert inc["date"] == "2022-10-08" and inc["date_first"] == inc["date_last"] == "2022-10-08"
    assert (inc["acled_event_type"], inc["acled_sub_event_type"]) == ("Strategic developments",
                                                                      "Other")
    assert inc.geometry == Point(QAHTANIYAH.lon, QAHTANIYAH.lat)
    assert inc["actors"] == [US, RU] and inc["fatalities"] is None


def test_month_and_year_dates_are_cut_with_full_day_bounds(layers):
    block = _row(layers.incidents, type="patrol_obstruction")
    assert (block["date"], block["date_first"], block["date_last"]) == (
        "2020-01", "2020-01-01", "2020-01-31")
    collision = _row(layers.incidents, type="vehicle_collision")
    assert (collision["date"], collision["date_precision"]) == ("2020", "year")
    assert collision["injuries"] == 4


def test_region_level_incidents_are_approximate_with_a_note(layers):
    collision = _row(layers.incidents, type="vehicle_collision")
    assert collision["approximate"] and collision["geo_precision"] == 3
    assert "region level" in collision["location_note"]
    assert collision.geometry == Point(NE_SYRIA.lon, NE_SYRIA.lat)
    raid = _row(layers.incidents, type="raid")
    assert raid["approximate"] and "ملوك سراي" in raid["location_note"]
    meeting = _row(layers.incidents, type="patrol_encounter")
    assert not meeting["approximate"] and meeting["location_note"] == ""


def test_incidents_without_a_place_in_syria_are_reported_not_mapped(layers):
    assert "statement" not in set(layers.incidents["type"])
    unlocated = {u["id"]: u for u in layers.unlocated}
    assert set(unlocated) == {"004-2", "002-2"}
    assert unlocated["002-2"]["why"] == "place outside Syria"
    assert unlocated["004-2"]["why"] == "no place named"


def test_an_incident_kept_without_a_place_says_why_it_is_off_the_map():
    vague = make_incident("004-3", "airstrike", "2021-08", None, geo=None,
                          place_text="شمال شرق سوريا",
                          place_cue="not mapped, for review: only a region of the country")
    layers = build_layers([ArticleResult("004", incidents=[vague])], {})
    assert len(layers.incidents) == 0
    (row,) = layers.unlocated
    assert (row["id"], row["place"], row["place_text"]) == ("004-3", "", "شمال شرق سوريا")
    assert row["why"].startswith("not mapped, for review")


def test_fatalities_stay_int_or_none(layers):
    values = list(layers.incidents["fatalities"])
    assert 1 in values and None in values
    assert all(v is None or type(v) is int for v in values)


# --- bases, routes, places, articles --------------------------------------------------


def test_bases_in_syria_only(layers):
    assert list(layers.bases["place_id"]) == ["qamishli_airport"]
    base = layers.bases.iloc[0]
    assert base["operators"] == ["Syrian regime forces"] and base["kind"] == "airport"
    assert base["sources"][0]["evidence"] == "مطار القامشلي"


def test_routes_are_lines_through_the_waypoints_in_order(layers):
    assert len(layers.routes) == 1
    route = layers.routes.iloc[0]
    assert route["waypoints"] == ["القامشلي", "الحسكة"]
    assert route["waypoint_ids"] == ["qamishli", "hasakah"]
    assert route.geometry == LineString([(QAMISHLI.lon, QAMISHLI.lat),
                                         (HASAKAH.lon, HASAKAH.lat)])
    assert [d["id"] for d in layers.dropped_routes] == ["002-r2"]


def test_places_are_located_mentions_in_syria(layers):
    places = layers.places.set_index("id")
    assert set(places.index) == {"qahtaniyah_hasakah", "ne_syria", "qamishli"}
    assert places.loc["qahtaniyah_hasakah", "n_mentions"] == 3
    assert places.loc["qahtaniyah_hasakah", "articles"] == ["000", "002"]
    assert places.loc["qamishli", "articles"] == ["002", "004"]


def test_articles_sit_at_their_main_place(layers):
    arts = layers.articles.set_index("id")
    assert list(arts.index) == ["000", "002"]  # 004 has no main place
    assert arts.loc["002"].geometry == Point(QAMISHLI.lon, QAMISHLI.lat)
    assert arts.loc["002", "published"] == "2022-10-08T17:41:00+03:00"
    assert arts.loc["002", "outlet"] == "Syria TV"
    assert arts.loc["002", "incident_types"] == ["patrol_encounter", "statement", "raid"]
    assert arts.loc["002", "places"] == ["القامشلي", "القحطانية"]
    assert len(arts.loc["000", "excerpt"]) <= 300
    merged_id = _row(layers.incidents, type="patrol_encounter")["id"]
    assert merged_id in arts.loc["000", "incident_ids"]
    assert merged_id in arts.loc["002", "incident_ids"]


def test_precomputed_merges_are_used_as_given():
    results, articles = sample()
    only_raid = [results[1].incidents[2]]
    layers = build_layers(results, articles, incidents=only_raid, bases=[], routes=[])
    assert list(layers.incidents["id"]) == ["002-3"]
    assert len(layers.bases) == len(layers.routes) == 0


# --- filter ---------------------------------------------------------------------------


def _types(layers: Layers) -> set[str]:
    return set(layers.incidents["type"])


def test_no_filter_keeps_everything(layers):
    out = filter_layers(layers)
    for name in LAYER_NAMES:
        pd.testing.assert_frame_equal(out[name], layers[name])


@pytest.mark.parametrize("date_from,date_to,expected", [
    ("2022-10-06", "2022-10-06", {"raid"}),
    ("2020-01-15", "2020-01-15", {"patrol_obstruction", "vehicle_collision"}),
    ("2020-06", None, {"vehicle_collision", "raid", "patrol_encounter"}),
    (None, "2019", set()),
    ("2020", "2020", {"patrol_obstruction", "vehicle_collision"}),
    (dt.date(2022, 10, 7), dt.date(2022, 10, 31), {"patrol_encounter"}),
])
def test_date_filter_overlaps_periods(layers, date_from, date_to, expected):
    assert _types(filter_layers(layers, date_from=date_from, date_to=date_to)) == expected


def test_unknown_dates_hide_under_a_date_filter():
    results, articles = sample()
    undated = make_incident("005-1", "shelling", None, QAMISHLI)
    layers = build_layers(results, articles,
                          incidents=[*results[0].incidents, undated], bases=[], routes=[])
    assert "shelling" in _types(filter_layers(layers))
    assert "shelling" not in _types(filter_layers(layers, date_from="2000"))


def test_type_actor_article_and_confidence_filters(layers):
    assert _types(filter_layers(layers, types=["raid", "vehicle_collision"])) == {
        "raid", "vehicle_collision"}
    assert _types(filter_layers(layers, types="raid")) == {"raid"}
    only_us = filter_layers(layers, actors=["us forces"])
    assert "raid" in _types(only_us) and len(only_us.bases) == 0
    assert len(only_us.routes) == 1
    regime = filter_layers(layers, actors=["Syrian regime forces"])
    assert len(regime.bases) == 1 and len(regime.incidents) == 0
    by_article = filter_layers(layers, articles=["000"])
    assert _types(by_article) == {"patrol_encounter", "vehicle_collision"}
    assert list(by_article.articles["id"]) == ["000"]
    assert set(by_article.places["id"]) == {"qahtaniyah_hasakah", "ne_syria"}
    assert len(by_article.bases) == len(by_article.routes) == 0
    confident = filter_layers(layers, min_confidence=0.7)
    assert _types(confident) == {"patrol_encounter"}  # two outlets


def test_articles_layer_is_date_filtered_by_publication(layers):
    out = filter_layers(layers, date_from="2022-10")
    assert list(out.articles["id"]) == ["002"]  # 000 has no publication date


def test_filtered_layers_keep_the_contract(layers):
    out = filter_layers(layers, types=["nothing"])
    assert len(out.incidents) == 0
    assert list(out.incidents.columns) == [*COLUMNS["incidents"], "geometry"]
    assert out.incidents.crs.to_epsg() == 4326


@pytest.mark.parametrize("text,end,expected", [
    ("2022", False, dt.date(2022, 1, 1)), ("2022", True, dt.date(2022, 12, 31)),
    ("2024-02", True, dt.date(2024, 2, 29)), ("2022-10-08", True, dt.date(2022, 10, 8)),
    (None, False, None), ("", True, None),
])
def test_parse_date_bound(text, end, expected):
    assert parse_date_bound(text, end=end) == expected


@pytest.mark.parametrize("bad", ["08/10/2022", "2022-13", "yesterday", "2022-02-30"])
def test_bad_dates_raise(layers, bad):
    with pytest.raises(ValueError, match="ISO 8601"):
        filter_layers(layers, date_from=bad)


def test_reversed_period_raises(layers):
    with pytest.raises(ValueError, match="after date_to"):
        filter_layers(layers, date_from="2022-10-09", date_to="2022-10-01")


def test_rows_made_ahead_give_the_very_layers():
    """geo.pipeline makes the article rows and places as it keeps each result (--jobs N):
    the layers are those built from the results alone."""
    from geo.export import to_geojson_bytes
    from geo.layers import RowsAhead, build_layers

    results, articles = sample()
    ahead = RowsAhead()
    for r in results:
        ahead.add(r, articles.get(r.article_id))
    by_id = {r.article_id: r for r in results}
    assert ahead.covers(by_id) and not ahead.covers({**by_id, "x": results[0]})
    assert not ahead.covers({**by_id, results[0].article_id: ArticleResult(results[0].article_id)})
    plain = build_layers(results, articles)
    made = build_layers(results, articles, ahead=ahead)
    for name in ("incidents", "places", "articles"):
        assert to_geojson_bytes(made[name]) == to_geojson_bytes(plain[name])
    assert len(plain["articles"]) and len(plain["places"])

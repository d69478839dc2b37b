from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.app.viewstate import (
    LAYER_TOGGLES,
    PARAM_KEYS,
    Choices,
    ViewState,
    params_from_state,
    same_view,
    state_from_params,
    view_from_map,
)

SPAN = (dt.date(2019, 1, 1), dt.date(2022, 12, 31))
CHOICES = Choices(span=SPAN, types=frozenset({"raid", "patrol"}),
                  actors=frozenset({"US forces", "Russian forces", "a,b"}),
                  outlets=frozenset({"تلفزيون سوريا"}), articles=frozenset({"001_x", "002_y"}))


def test_round_trip() -> None:
    state = ViewState(date_from=dt.date(2020, 1, 1), date_to=dt.date(2022, 10, 8),
                      types=("raid",), actors=("US forces", "a,b"), outlets=("تلفزيون سوريا",),
                      articles=("001_x",), min_confidence=0.55, layers=("bases",),
                      focus=(37.05215, 41.23142, 11))
    params = params_from_state(state)
    assert all(isinstance(v, str) for v in params.values())
    assert state_from_params(params, choices=CHOICES) == state


def test_default_view_has_no_params() -> None:
    assert params_from_state(ViewState()) == {}
    assert state_from_params({}) == ViewState()


def test_no_layers_is_written_and_read() -> None:
    params = params_from_state(ViewState(layers=()))
    assert params == {"layers": "none"}
    assert state_from_params(params).layers == ()


def test_unknown_values_are_dropped_and_dates_clamp() -> None:
    state = state_from_params({"types": "raid,evil", "from": "1900-01-01", "to": "2022-06",
                               "conf": "2", "actors": "US forces,nobody"}, choices=CHOICES)
    assert state.types == ("raid",)
    assert state.actors == ("US forces",)
    assert state.date_from is None  # clamped onto the start of the span: no bound
    assert state.date_to == dt.date(2022, 6, 30)  # a month means its last day as 'to'
    assert state.min_confidence == 0.0


def test_repeated_params_and_commas() -> None:
    state = state_from_params({"types": ["raid", "patrol"], "actors": "a%2Cb"}, choices=CHOICES)
    assert state.types == ("raid", "patrol")
    assert state.actors == ("a,b",)


def test_swapped_dates_are_put_in_order() -> None:
    state = state_from_params({"from": "2022-05-01", "to": "2020-01-01"}, choices=CHOICES)
    assert (state.date_from, state.date_to) == (dt.date(2020, 1, 1), dt.date(2022, 5, 1))


def test_defaults_fill_what_is_missing_or_bad() -> None:
    defaults = ViewState(min_confidence=0.3, layers=("places",), online_tiles=True)
    state = state_from_params({"conf": "zzz", "tiles": "maybe"}, defaults)
    assert state.min_confidence == 0.3 and state.layers == ("places",) and state.online_tiles
    assert params_from_state(defaults, defaults) == {}


@pytest.mark.parametrize(("params", "field", "value"), [
    ({"from": "x"}, "date_from", None),
    ({"from": "2022-02-30"}, "date_from", None),
    ({"from": "20221"}, "date_from", None),
    ({"from": "-5"}, "date_from", None),
    ({"conf": "nan"}, "min_confidence", 0.0),
    ({"conf": "inf"}, "min_confidence", 0.0),
    ({"conf": "-0.5"}, "min_confidence", 0.0),
    ({"conf": "0.333"}, "min_confidence", 0.33),
    ({"layers": ""}, "layers", ()),
    ({"layers": "bogus,,bases"}, "layers", ("bases",)),
    ({"at": "91,40,8"}, "focus", None),
    ({"at": "36,40"}, "focus", None),
    ({"at": "36,40,99"}, "focus", (36.0, 40.0, 16)),
    ({"at": "nan,40,8"}, "focus", None),
])
def test_bad_or_odd_values(params, field, value) -> None:
    assert getattr(state_from_params(params), field) == value


def test_filter_kwargs_match_the_cli_filter() -> None:
    state = ViewState(date_from=dt.date(2022, 1, 1), types=("raid",), min_confidence=0.5)
    assert state.filter_kwargs() == {"date_from": dt.date(2022, 1, 1), "date_to": None,
                                     "types": ["raid"], "actors": None, "articles": None,
                                     "min_confidence": 0.5}


def test_outlets_stand_for_their_articles() -> None:
    outlets = {"A": ["a1", "a2"], "B": ["b1"]}
    assert ViewState(outlets=("A",)).filter_kwargs(outlets)["articles"] == ["a1", "a2"]
    both = ViewState(outlets=("A",), articles=("a2", "b1")).filter_kwargs(outlets)
    assert both["articles"] == ["a2"]
    none = ViewState(outlets=("A",), articles=("b1",)).filter_kwargs(outlets)
    assert none["articles"] == []  # nothing matches both: nothing is shown


KEYS = ["from", "to", "types", "actors", "outlets", "articles", "conf", "layers", "tiles", "at",
        "z", "lat", "lon", "undated"]


@given(st.dictionaries(st.sampled_from(KEYS),
                       st.one_of(st.text(), st.lists(st.text(), max_size=3), st.none())))
def test_any_params_never_raise(params) -> None:
    state = state_from_params(params, choices=CHOICES)
    assert 0.0 <= state.min_confidence <= 1.0
    assert set(state.layers) <= set(LAYER_TOGGLES)
    assert set(state.types) <= CHOICES.types
    if state.date_from and state.date_to:
        assert state.date_from <= state.date_to
    params_from_state(state)  # and it can be written back


@given(st.builds(ViewState,
                 types=st.lists(st.sampled_from(sorted(CHOICES.types)), unique=True).map(tuple),
                 actors=st.lists(st.sampled_from(sorted(CHOICES.actors)), unique=True).map(tuple),
                 min_confidence=st.sampled_from([0.0, 0.05, 0.5, 1.0]),
                 layers=st.lists(st.sampled_from(LAYER_TOGGLES), unique=True)
                 .map(lambda v: tuple(t for t in LAYER_TOGGLES if t in v)),
                 ))
def test_round_trip_property(state) -> None:
    assert state_from_params(params_from_state(state), choices=CHOICES) == state


@pytest.mark.parametrize("value", ["online", "ONLINE", "offline", "1", ["online"]])
def test_a_link_never_turns_online_tiles_on(value) -> None:
    """Issue 10, item 9: online tiles tell a tile server where one looks; a link must not
    switch them on (nor off: only the analyst's toggle decides)."""
    assert state_from_params({"tiles": value}).online_tiles is False
    assert state_from_params({"tiles": value}, ViewState(online_tiles=True)).online_tiles


def test_online_tiles_are_never_written_into_a_link() -> None:
    assert "tiles" not in params_from_state(ViewState(online_tiles=True))
    assert "tiles" in PARAM_KEYS  # owned, so the dashboard removes one it is opened with


# --- the map view in the link (issue 13) ----------------------------------------------


def test_map_view_round_trips_as_z_lat_lon() -> None:
    state = ViewState(focus=(37.05215, 41.23142, 10))
    params = params_from_state(state)
    assert params == {"z": "10", "lat": "37.05215", "lon": "41.23142"}
    assert state_from_params(params).focus == (37.05215, 41.23142, 10)


@pytest.mark.parametrize(("params", "want"), [
    ({"z": "10", "lat": "36.5", "lon": "40.7"}, (36.5, 40.7, 10)),
    ({"z": "10.0", "lat": "36.5", "lon": "40.7"}, (36.5, 40.7, 10)),
    ({"z": "10", "lat": "36.5"}, None),  # all three or nothing
    ({"z": "x", "lat": "36.5", "lon": "40.7"}, None),
    ({"z": "10", "lat": "95", "lon": "40.7"}, None),
    ({"z": "10", "lat": "nan", "lon": "40.7", "at": "36,40,8"}, (36.0, 40.0, 8)),  # old form
])
def test_map_view_from_the_link(params, want) -> None:
    assert state_from_params(params).focus == want


def test_undated_flag() -> None:
    assert state_from_params({"undated": "1"}).undated is True
    assert state_from_params({"undated": "maybe"}).undated is False
    assert params_from_state(ViewState(undated=True)) == {"undated": "1"}


@pytest.mark.parametrize(("returned", "want"), [
    ({"center": {"lat": 36.512345678, "lng": 40.7}, "zoom": 10}, (36.51235, 40.7, 10)),
    ({"center": {"lat": 36.5, "lng": 40.7}, "zoom": None}, None),
    ({"center": None, "zoom": 9}, None),
    (None, None),
    ({"center": {"lat": "x", "lng": 1}, "zoom": 9}, None),
])
def test_view_from_map(returned, want) -> None:
    assert view_from_map(returned) == want


def test_same_view_ignores_wobble_not_zoom() -> None:
    assert same_view((36.5, 40.7, 10), (36.50005, 40.7, 10))
    assert not same_view((36.5, 40.7, 10), (36.6, 40.7, 10))
    assert same_view(None, None)

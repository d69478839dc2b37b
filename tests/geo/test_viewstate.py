from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.viewstate import ViewState, params_from_state, state_from_params


def test_round_trip() -> None:
    state = ViewState(date_from=dt.date(2020, 1, 1), date_to=dt.date(2022, 10, 8),
                      types=("raid",), actors=("US forces",), min_confidence=0.5,
                      layers=("bases",), online_tiles=True)
    back = state_from_params(params_from_state(state))
    assert back.filter_kwargs() == state.filter_kwargs()
    assert back.layers == ("bases",) and back.online_tiles


def test_unknown_values_are_dropped_and_span_clamps() -> None:
    state = state_from_params({"types": "raid,evil", "from": "1900-01-01", "conf": "2"},
                              span=(dt.date(2019, 1, 1), dt.date(2022, 12, 31)), types={"raid"})
    assert state.types == ("raid",)
    assert state.date_from == dt.date(2019, 1, 1)
    assert state.min_confidence == 0.0


@pytest.mark.parametrize("params", [{}, {"from": "x"}, {"conf": "nan"}, {"layers": ""}])
def test_defaults_on_bad_input(params) -> None:
    state_from_params(params)


@given(st.dictionaries(st.sampled_from(["from", "to", "types", "actors", "conf", "layers",
                                        "tiles", "articles"]), st.text()))
def test_any_params_never_raise(params) -> None:
    state = state_from_params(params)
    assert 0.0 <= state.min_confidence <= 1.0

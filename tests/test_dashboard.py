"""The dashboard's logic through Streamlit's AppTest (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")


@pytest.fixture(autouse=True)
def _uploads(tmp_path, monkeypatch):
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path / "data"))


def _run(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _map_args(at: AppTest) -> dict:
    comp = [e for e in at.main if e.type == "component_instance"]
    assert comp, "the map component was not drawn"
    return comp[0].proto.json_args


def test_app_runs_on_the_seeds_and_shows_incidents() -> None:
    at = _run()
    table = at.dataframe[0].value
    assert len(table) >= 7  # the seven incidents of the gold reading at least
    assert {"date", "type", "place", "actors", "sources"} <= set(table.columns)
    assert at.multiselect(key="types").options
    _map_args(at)


def test_type_filter_changes_table_and_url() -> None:
    at = _run()
    before = len(at.dataframe[0].value)
    at.multiselect(key="types").set_value(["raid"]).run()
    table = at.dataframe[0].value
    assert 0 < len(table) < before
    assert set(table["type"]) == {"raid"}
    assert at.query_params["types"] == ["raid"] or at.query_params["types"] == "raid"


def test_min_confidence_filters() -> None:
    at = _run()
    at.slider(key="conf").set_value(1.0).run()
    assert len(at.dataframe[0].value) == 0


def test_query_params_set_the_widgets() -> None:
    at = _run({"types": "patrol_obstruction", "conf": "0.1"})
    assert at.multiselect(key="types").value == ["patrol_obstruction"]
    assert set(at.dataframe[0].value["type"]) == {"patrol_obstruction"}


@pytest.mark.parametrize("params", [{"from": "not-a-date"}, {"conf": "NaN"}, {"conf": "7"},
                                    {"types": "<script>"}, {"layers": "bogus,,"}])
def test_malformed_query_params_do_not_crash(params) -> None:
    _run(params)


def test_date_range_in_url_narrows_the_view() -> None:
    at = _run({"from": "2022-01-01"})
    dates = at.dataframe[0].value["date"]
    assert len(dates) > 0 and all(d >= "2022" for d in dates)

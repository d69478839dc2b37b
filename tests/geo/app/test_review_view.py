"""The Review tab: its logic (geo.app.review_view) and, through AppTest, its decisions.

Each test has its own data folder (review store) and its own user gazetteer, so a
decision or an added place never leaks into another test or a developer's data.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from geo.app.dashboard_data import run_folders
from geo.app.review_view import (
    add_missing_place,
    clicked_point,
    edit_changes,
    incident_html,
    mention_html,
    parse_names,
    run_review,
    run_stamp,
    store_news,
    take,
    take_all,
)
from geo.review import ReviewStore, default_review_path, incident_members, review_queue

PROJECT = Path(__file__).resolve().parents[3]
APP = str(PROJECT / "dashboard.py")
SEEDS = PROJECT / "seeds"
MALUK = "ملوك سراي"  # named in the seeds, not in the gazetteer


@pytest.fixture(autouse=True)
def _own_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path / "gazetteer"))
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])


def _run_seeds():
    return run_folders([SEEDS], review=run_review())


def _decisions() -> list:
    path = default_review_path()
    return ReviewStore(path).decisions() if path.is_file() else []


# --- logic ---------------------------------------------------------------------------


def test_the_stamp_changes_with_a_decision_and_an_added_place() -> None:
    result = _run_seeds()
    first = run_stamp()
    incident = result.layers.incidents["id"].iloc[0]
    assert take(result, "confirm", incident).ok
    second = run_stamp()
    assert second != first
    item = next(i for i in review_queue(result) if i.text == MALUK)
    outcome = add_missing_place(result, name_ar=MALUK, lat=37.1, lon=41.4, kind="village",
                                governorate="hasakah", source="test", mention=item.target)
    assert outcome.ok, outcome.message
    assert run_stamp() != second


def test_store_news_says_what_other_sessions_stored_since_the_run() -> None:
    result = _run_seeds()  # no store yet: the run applied nothing, and nothing is news
    assert store_news(result) == store_news(result) and not store_news(result).changed
    ids = result.layers.incidents["id"].tolist()
    single = [i for i in ids if incident_members(result, i) == [i]]
    assert take(result, "confirm", single[0], who="Huda").ok  # another session, same run
    assert take(result, "reject", single[1], note="false alarm", who="Omar").ok
    news = store_news(result)
    assert (news.changed, news.new, news.stored, news.who) == (True, 2, 2, ("Huda", "Omar"))
    assert news.message == ("2 decisions were stored by Huda, Omar since this page was "
                            "drawn.")
    fresh = _run_seeds()
    assert not store_news(fresh).changed and store_news(fresh).stored == 2
    assert take(fresh, "confirm", single[2]).ok
    news = store_news(fresh)
    assert news.new == 1 and news.who == ()
    assert news.message.startswith("1 decision was stored by another session or the command")


def test_store_news_of_an_unreadable_store_is_no_news() -> None:
    result = _run_seeds()
    assert take(result, "confirm", result.layers.incidents["id"].iloc[0]).ok
    path = default_review_path()
    path.unlink()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"not a database")  # the next full run says so; the tab does not loop
    news = store_news(result)
    assert not news.changed and not news.new


def test_a_refusal_is_a_message_and_stores_nothing() -> None:
    result = _run_seeds()
    incident = result.layers.incidents["id"].iloc[0]
    assert take(result, "confirm", incident).ok
    refused = take(result, "reject", incident)  # no reason
    assert not refused.ok and "reason" in refused.message and "Nothing" in refused.message
    assert not take(result, "confirm", "inc-nope").ok
    far = take(result, "replace", incident, {"lat": 51.5, "lon": -0.1})
    assert not far.ok and "outside the map" in far.message
    assert {d.kind for d in _decisions()} == {"confirm"}  # once per merged report


def test_an_edit_is_checked_whole_before_any_part_is_stored() -> None:
    result = _run_seeds()
    incident = result.layers.incidents["id"].iloc[0]
    outcome = take_all(result, incident, [("set-type", "raid"), ("set-date", "2022-13-40")])
    assert not outcome.ok and "not a date" in outcome.message
    assert _decisions() == []
    assert take_all(result, incident, [("set-type", "raid"), ("set-fatalities", 2)]).ok
    assert {d.kind for d in _decisions()} == {"set-fatalities", "set-type"}


def test_edit_changes_only_the_fields_that_changed() -> None:
    row = {"type": "raid", "date": "2022-10", "date_precision": "month", "actors": ["أ"],
           "attackers": [], "targets": [], "fatalities": None, "injuries": 1.0}
    same = dict(type_="raid", date="2022-10", precision="month", actors="أ", attackers="",
                targets="", fatalities=None, injuries=1)
    assert edit_changes(row, **same) == []
    changed = edit_changes(row, **{**same, "type_": "arrest", "actors": "أ\nب", "fatalities": 3})
    assert changed == [("set-type", "arrest"),
                       ("set-actors", {"actors": ["أ", "ب"], "attackers": [], "targets": []}),
                       ("set-fatalities", 3)]
    assert parse_names(" أ ;ب؛ أ\n\n") == ["أ", "ب"]


def test_evidence_is_escaped_and_right_to_left() -> None:
    bad = '<img src=x onerror=alert(1)>${x}'
    row = {"type": "raid", "date": "", "place_name_en": bad, "review": "machine",
           "sources": [{"title": bad, "outlet": bad, "evidence_all": [bad]}],
           "disagreements": [bad], "review_changes": [{"field": "type", "old": bad, "new": "raid"}]}
    page = incident_html(row)
    assert "<img" not in page and "&lt;img" in page and 'dir="rtl"' in page
    item = SimpleNamespace(article="a", span=(3, 6), text="قرى")
    article = SimpleNamespace(body=f"في {bad}. قرى <b>x</b> أخرى", title=bad)
    page = mention_html(item, {"a": article})
    assert "<img" not in page and "<b>x" not in page and 'dir="rtl"' in page


@pytest.mark.parametrize(("value", "expected"), [
    ({"lat": 36.5, "lng": 40.7}, (36.5, 40.7)), ({"lat": "x", "lng": 1}, None), (None, None),
    ({"lat": float("nan"), "lng": 1}, None)])
def test_clicked_point(value, expected) -> None:
    assert clicked_point(value) == expected


# --- the tab, through AppTest ----------------------------------------------------------


def _app(mode: str = "Queue", **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["tab"] = "Review"
    at.session_state["rv-mode"] = mode
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def _messages(at: AppTest) -> tuple[list[str], list[str]]:
    return [s.value for s in at.success], [e.value for e in at.error]


def test_the_queue_shows_the_first_item_and_moves_on() -> None:
    at = _app()
    first = at.selectbox(key="rv-jump").value
    assert first == 0
    _click(at, "Next")
    assert at.session_state["rv-pos"] == 1
    _click(at, "Previous")
    assert at.session_state["rv-pos"] == 0


def test_add_the_missing_village_from_the_queue() -> None:
    result = _run_seeds()
    pos = next(n for n, i in enumerate(review_queue(result)) if i.text == MALUK)
    at = _app(**{"rv-pos": pos})
    next(t for t in at.text_input if t.label == "Source of the coordinate").set_value("imagery")
    lat = next(n for n in at.number_input if n.label == "Latitude")
    lon = next(n for n in at.number_input if n.label == "Longitude")
    lat.set_value(37.1)
    lon.set_value(41.4)
    at = _click(at, "Add the place and place this mention there")
    ok, errors = _messages(at)
    assert not errors and any("Added" in m for m in ok), (ok, errors)
    kinds = sorted(d.kind for d in _decisions())
    assert kinds == ["add-place", "pick"]
    after = _run_seeds()
    assert all(i.text != MALUK for i in review_queue(after))


def test_confirm_reject_and_the_refusal_in_the_page() -> None:
    result = _run_seeds()
    ids = result.layers.incidents["id"].tolist()
    at = _app("Any incident", **{"rv-any": ids[0]})
    at = _click(at, "Confirm")
    assert _messages(at)[0] and _decisions()[0].kind == "confirm"
    at.session_state["rv-mode"] = "Any incident"
    at.selectbox(key="rv-any").set_value(ids[1]).run()
    _click(at, "Reject")  # no reason: refused, in the page
    ok, errors = _messages(at)
    assert errors and "reason" in errors[0]
    before = len(_decisions())
    reason = next(t for t in at.text_input if t.label == "Reason for rejecting")
    reason.set_value("a false alarm").run()
    _click(at, "Reject")
    assert len(_decisions()) > before and _decisions()[-1].kind == "reject"
    assert ids[1] not in _run_seeds().layers.incidents["id"].tolist()


def test_edit_replace_and_article_date() -> None:
    result = _run_seeds()
    iid = result.layers.incidents["id"].iloc[0]
    at = _app("Any incident", **{"rv-any": iid})
    next(s for s in at.selectbox if s.label == "Type").set_value("arrest")
    at = _click(at, "Store the changes")
    assert {d.kind for d in _decisions()} == {"set-type"}
    row = _run_seeds().layers.incidents.set_index("id").loc[iid]
    assert row["type"] == "arrest" and row["review"] == "edited"
    lat = [n for n in at.number_input if n.label == "Latitude"][-1]
    lon = [n for n in at.number_input if n.label == "Longitude"][-1]
    lat.set_value(36.9)
    lon.set_value(41.0)
    at = _click(at, "Re-place here")
    assert _decisions()[-1].kind == "replace" and _decisions()[-1].new == {"lat": 36.9, "lon": 41.0}
    aid = sorted(result.articles)[0]
    at = _app("Articles", **{"rv-article": aid})
    box = next(t for t in at.text_input if t.label.startswith("Publication date"))
    box.set_value("2022-10-08")
    at = _click(at, "Store the changes")
    assert _decisions()[-1].kind == "set-published" and _decisions()[-1].target == aid


def test_not_a_place_from_the_queue() -> None:
    at = _app()
    at = _click(at, "Not a place")
    assert [d.kind for d in _decisions()] == ["not-place"]


@pytest.mark.parametrize("kind", ["not SQLite", "foreign SQLite", "newer schema"])
def test_an_unusable_store_is_said_the_map_stays_and_nothing_is_written(kind: str) -> None:
    path = default_review_path()
    path.parent.mkdir(parents=True)
    if kind == "not SQLite":
        path.write_bytes(b"my notes, not a database\n")
    else:
        con = sqlite3.connect(path)
        if kind == "foreign SQLite":
            con.execute("CREATE TABLE t (x)")
        else:
            con.execute("CREATE TABLE schema_version (app TEXT, version INTEGER)")
            con.execute("INSERT INTO schema_version VALUES ('nes-osint-review', 99)")
        con.commit()
        con.close()
    before = path.read_bytes()
    at = _app("Any incident")
    problem = [e.value for e in at.error if "not applied" in e.value]
    assert problem and "review\\.sqlite" in problem[0] and "moved away" in problem[0], problem
    n = len(run_folders([SEEDS]).layers.incidents)
    assert any(f"{n} of {n} incidents on the map" in c.value for c in at.caption)
    at = _click(at, "Confirm")
    refused = [e.value for e in at.error if e.value.startswith("Not stored")]
    assert refused and "Nothing already stored was changed" in refused[0].replace("\\", "")
    assert path.read_bytes() == before


def test_the_point_clicked_on_the_map_fills_the_re_place_form() -> None:
    iid = _run_seeds().layers.incidents["id"].iloc[1]
    at = _app("Any incident", **{"rv-any": iid,
                                 "map_clicked": {"lat": 36.123456, "lng": 40.654321}})
    at = _click(at, "Use the point clicked on the map (36.12346, 40.65432)")
    lat = [n for n in at.number_input if n.label == "Latitude"][-1]
    lon = [n for n in at.number_input if n.label == "Longitude"][-1]
    assert (lat.value, lon.value) == (36.12346, 40.65432)
    _click(at, "Re-place here")
    assert [(d.kind, d.target, d.new) for d in _decisions()] == [
        ("replace", iid, {"lat": 36.12346, "lon": 40.65432})]

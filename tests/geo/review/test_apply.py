"""Every decision kind, taken on a run and applied on the next; orphans; refusals."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from gazetteer import load_gazetteer, lookup
from geo.review import (
    DecisionError,
    OutOfAreaError,
    ReviewStore,
    UnknownTargetError,
    add_place,
    decide,
    export_history,
    import_history,
    make_decision,
    mention_target,
)
from geo.review.store import SCHEMA_V1
from tests.geo.review.conftest import run


def _row(result, incident_id: str) -> dict:
    frame = result.layers.incidents
    rows = frame[frame["id"] == incident_id]
    assert len(rows) == 1, (incident_id, list(frame["id"]))
    return rows.iloc[0].to_dict()


def _single(result) -> str:
    """An incident reported by one article, on the map."""
    merged = {m.id for m in result.merges}
    return next(i for i in result.layers.incidents["id"] if i not in merged)


def _singles(result, n: int) -> list[str]:
    merged = {m.id for m in result.merges}
    return [i for i in result.layers.incidents["id"] if i not in merged][:n]


def test_without_decisions_every_feature_is_machine(corpus: Path, store: ReviewStore) -> None:
    result = run(corpus, store)
    for layer in ("incidents", "bases", "routes"):
        assert set(result.layers[layer]["review"]) <= {"machine"}
        assert all(c == [] for c in result.layers[layer]["review_changes"])
    assert result.report["review"]["orphaned"] == []


def test_confirm(corpus: Path, store: ReviewStore) -> None:
    first = run(corpus, store)
    target = _single(first)
    decide(store, run=first, kind="confirm", target=target, who="analyst")
    row = _row(run(corpus, store), target)
    assert row["review"] == "confirmed" and row["review_changes"] == []


def test_reject_and_include_rejected(corpus: Path, store: ReviewStore) -> None:
    first = run(corpus, store)
    target = first.merges[0].id  # a merged incident: stored on each member
    members = list(first.merges[0].members)
    stored = decide(store, run=first, kind="reject", target=target, note="false alarm")
    assert sorted(d.target for d in stored) == sorted(members)
    second = run(corpus, store)
    ids = set(second.layers.incidents["id"])
    assert target not in ids and not ids & set(members)
    assert sorted(second.report["review"]["rejected"]) == sorted(members)
    shown = run(corpus, store, include_rejected=True)
    for m in members:
        assert _row(shown, m)["review"] == "rejected"


@pytest.mark.parametrize(("kind", "value", "column", "expected"), [
    ("set-type", "arrest", "type", "arrest"),
    ("set-date", {"date": "2021-03", "precision": "month"}, "date", "2021-03"),
    ("set-actors", {"actors": [], "attackers": ["القوات الأمريكية"], "targets": ["داعش"]},
     "attackers", ["القوات الأمريكية"]),
    ("set-fatalities", 3, "fatalities", 3),
    ("set-injuries", 0, "injuries", 0),
    ("replace", {"place_id": "qamishli"}, "place_id", "qamishli"),
    ("replace", {"lat": 36.5, "lon": 40.75}, "place_id", "point:36.50000,40.75000"),
])
def test_edits(corpus: Path, store: ReviewStore, kind: str, value: object, column: str,
               expected: object) -> None:
    first = run(corpus, store)
    target = _single(first)
    old = _row(first, target)[column]
    decide(store, run=first, kind=kind, target=target, value=value, note="checked")
    row = _row(run(corpus, store), target)
    assert row[column] == expected
    assert row["review"] == "edited"
    (change,) = row["review_changes"]
    assert change["new"] == value and change["note"] == "checked"
    if kind == "replace" and "lat" in value:
        assert (row["geometry"].x, row["geometry"].y) == (40.75, 36.5)
    if kind in ("set-type", "set-fatalities", "set-injuries"):
        assert change["old"] == old
    if kind == "set-date":  # the map says an analyst set it, not the text
        assert row["date_from"] == "review"


def test_split_a_merged_incident(corpus: Path, store: ReviewStore) -> None:
    first = run(corpus, store)
    record = first.merges[0]
    decide(store, run=first, kind="split", target=record.id)
    second = run(corpus, store)
    ids = set(second.layers.incidents["id"]) | {u["id"] for u in second.layers.unlocated}
    assert record.id not in ids and set(record.members) <= ids
    assert all(_row(second, m)["review"] == "edited" for m in record.members
               if m in set(second.layers.incidents["id"]))
    assert record.id not in {m.id for m in second.merges}


def test_merge_two_incidents(corpus: Path, store: ReviewStore) -> None:
    first = run(corpus, store)
    a, b = _singles(first, 2)
    decide(store, run=first, kind="merge", target=a, value=b)
    second = run(corpus, store)
    ids = set(second.layers.incidents["id"])
    assert a not in ids and b not in ids
    merged = [m for m in second.merges if {a, b} <= set(m.members)]
    assert len(merged) == 1 and merged[0].id in ids
    row = _row(second, merged[0].id)
    assert row["review"] == "edited"
    articles = {s["article"] for s in row["sources"]}
    assert {s["article"] for s in _row(first, a)["sources"]} <= articles
    with pytest.raises(DecisionError, match="already one incident"):
        decide(store, run=second, kind="merge", target=merged[0].id, value=a)


def test_the_later_decision_on_the_same_incident_wins(corpus: Path, store: ReviewStore) -> None:
    first = run(corpus, store)
    target = _single(first)
    decide(store, run=first, kind="set-type", target=target, value="raid")
    second = run(corpus, store)
    decide(store, run=second, kind="set-type", target=target, value="arrest")
    third = run(corpus, store)
    assert _row(third, target)["type"] == "arrest"
    history = store.decisions(target=target)
    assert [d.new for d in history] == ["raid", "arrest"]
    assert history[1].old == "raid"  # the old value is what the run showed


def test_article_publication_date_redates_relative_dates(tmp_path: Path,
                                                         store: ReviewStore) -> None:
    folder = tmp_path / "rel"
    folder.mkdir()
    (folder / "rel.txt").write_text(
        "قصفت طائرة مسيرة تركية أمس موقعا لقوات سوريا الديمقراطية في مدينة القامشلي، ما أدى "
        "إلى مقتل عنصرين.\n", encoding="utf-8")
    first = run(folder, store)
    decide(store, run=first, kind="set-published", target="rel", value="2022-10-08")
    second = run(folder, store)
    assert second.report["articles"][0]["published"] == "2022-10-08"
    assert [i.date for i in second.incidents] == ["2022-10-07"]


def test_article_outlet_title_and_exclusion(corpus: Path, store: ReviewStore) -> None:
    first = run(corpus, store)
    aid = sorted(first.results)[0]
    decide(store, run=first, kind="set-outlet", target=aid, value="عنب بلدي")
    decide(store, run=first, kind="set-title", target=aid, value="عنوان مصحح")
    second = run(corpus, store)
    art = second.layers.articles[second.layers.articles["id"] == aid].iloc[0]
    assert (art["outlet"], art["title"]) == ("عنب بلدي", "عنوان مصحح")
    decide(store, run=second, kind="exclude", target=aid, note="opinion piece")
    third = run(corpus, store)
    assert aid not in third.results and aid in third.report["review"]["excluded_articles"]
    entry = next(f for f in third.report["files"] if f.get("file", "").startswith(aid))
    assert entry["status"] == "skipped" and "opinion piece" in entry["reason"]
    decide(store, run=third, kind="include", target=aid)
    assert aid in run(corpus, store).results


def _mention(result, text: str):
    for aid, res in result.results.items():
        for m in res.mentions:
            if m.text == text:
                return aid, m
    raise AssertionError(text)


def test_pick_a_candidate_and_not_a_place(corpus: Path, store: ReviewStore) -> None:
    first = run(corpus, store)
    aid, m = _mention(first, "ملوك سراي")
    key = mention_target(aid, m.start, m.end, m.text)
    decide(store, run=first, kind="pick", target=key, value={"place_id": "qamishli"})
    _, picked = _mention(run(corpus, store), "ملوك سراي")
    assert picked.place.id == "qamishli" and picked.cue == "picked by review"
    decide(store, run=first, kind="not-place", target=key)
    second = run(corpus, store)
    _, gone = _mention(second, "ملوك سراي")
    assert gone.role == "not_place"
    assert all(e["text"] != "ملوك سراي" for e in second.report["low_confidence"])


def test_add_a_missing_place_resolves_it_on_the_next_run(corpus: Path,
                                                         store: ReviewStore) -> None:
    first = run(corpus, store)
    (added,) = add_place(store, name_ar="ملوك سراي", name_en="Mulk Saray", lat=37.1, lon=41.4,
                         kind="village", governorate="hasakah", source="analyst, satellite")
    place_id = added.target
    assert load_gazetteer().get(place_id).name_en == "Mulk Saray"
    second = run(corpus, store)
    _, m = _mention(second, "ملوك سراي")
    assert m.place is not None and m.place.id == place_id
    assert second.report["review"]["orphaned"] == []
    assert first.report["review"]["orphaned"] == []


def test_orphaned_decisions_are_listed_never_applied(corpus: Path, store: ReviewStore) -> None:
    first = run(corpus, store)
    aid, m = _mention(first, "ملوك سراي")
    ghost = [make_decision(kind="confirm", target="inc-0000000000"),
             make_decision(kind="set-title", target="no_such_article", value="x"),
             make_decision(kind="pick", target=mention_target(aid, m.start, m.end + 1, "ملوك"),
                           value={"place_id": "qamishli"})]
    store.add(ghost)
    second = run(corpus, store)
    orphaned = {o["id"]: o["why"] for o in second.report["review"]["orphaned"]}
    assert set(orphaned) == {d.id for d in ghost}
    assert "no such incident" in orphaned[ghost[0].id]
    assert set(second.layers.incidents["review"]) == {"machine"}


def test_an_edit_whose_article_changed_becomes_an_orphan(corpus: Path,
                                                         store: ReviewStore) -> None:
    first = run(corpus, store)
    target = _single(first)
    aid = first.layers.incidents.set_index("id").loc[target, "sources"][0]["article"]
    decide(store, run=first, kind="set-type", target=target, value="arrest")
    (corpus / f"{aid}.txt").write_text("نص آخر لا علاقة له بالحادث.\n", encoding="utf-8")
    second = run(corpus, store)
    assert [o["target"] for o in second.report["review"]["orphaned"]] == [target]
    assert "arrest" not in set(second.layers.incidents["type"]) or \
        target not in set(second.layers.incidents["id"])


@pytest.mark.parametrize(("kind", "target", "value", "error"), [
    ("confirm", "inc-0000000000", None, UnknownTargetError),
    ("replace", None, {"place_id": "no_such_place"}, UnknownTargetError),
    ("replace", None, {"lat": 48.0, "lon": 2.3}, OutOfAreaError),
    ("set-title", "no_such_article", "x", UnknownTargetError),
    ("split", None, None, DecisionError),
])
def test_refused_decisions_store_nothing(corpus: Path, store: ReviewStore, kind: str,
                                         target: str | None, value: object,
                                         error: type) -> None:
    first = run(corpus, store)
    decide(store, run=first, kind="confirm", target=_single(first))
    with pytest.raises(error):
        decide(store, run=first, kind=kind, target=target or _single(first), value=value)
    assert store.count() == 1


def test_add_place_outside_the_area_writes_nothing(store: ReviewStore) -> None:
    with pytest.raises(OutOfAreaError):
        add_place(store, name_ar="باريس", lat=48.85, lon=2.35, kind="city", governorate="",
                  source="x")
    assert store.count() == 0
    assert all(not p.id.startswith("user-") for p in load_gazetteer().places.values())


def test_the_queue_names_targets_decide_takes_and_drops_what_is_decided(
        corpus: Path, store: ReviewStore) -> None:
    from geo.review import review_queue

    first = run(corpus, store)
    queue = review_queue(first)
    assert queue and queue == review_queue(run(corpus, store))  # the same on every run
    kinds = [i.kind for i in queue]
    assert kinds == sorted(kinds, key=["unresolved_mention", "low_confidence_mention",
                                       "incident"].index)
    mention = next(i for i in queue if i.kind.endswith("mention"))
    incident = next(i for i in queue if i.kind == "incident")
    decide(store, run=first, kind="not-place", target=mention.target)
    decide(store, run=first, kind="confirm", target=incident.target)
    second = run(corpus, store)
    left = {i.target for i in review_queue(second)}
    assert mention.target not in left and incident.target not in left
    decided = {i.target for i in review_queue(second, include_decided=True) if i.decided}
    assert {mention.target, incident.target} <= decided


def test_export_then_import_on_another_machine_gives_the_same_layers(
        corpus: Path, store: ReviewStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run(corpus, store)
    a, b = _singles(first, 2)
    decide(store, run=first, kind="confirm", target=a, who="A")
    decide(store, run=first, kind="replace", target=b, value={"lat": 36.7, "lon": 40.9})
    decide(store, run=first, kind="set-type", target=b, value="arrest")
    # an article other than a's and b's: a new publication date may change its incidents
    # (an event over a year before it is history), which would orphan a or b on both machines
    owners = {aid for aid, r in first.results.items() for i in r.incidents if i.id in (a, b)}
    dated = next(aid for aid in sorted(first.articles) if aid not in owners)
    decide(store, run=first, kind="set-published", target=dated,
           value="2022-10-08")
    aid, m = _mention(first, "ملوك سراي")
    add_place(store, name_ar="ملوك سراي", lat=37.1, lon=41.4, kind="village",
              governorate="hasakah", source="imagery", run=first,
              mention=mention_target(aid, m.start, m.end, m.text))
    here = run(corpus, store)
    history = tmp_path / "history.jsonl"
    n = export_history(store, history)

    # another machine: its own data folder, gazetteer store (without the added village)
    # and cache; the history file is all that travels
    for name, sub in (("NES_OSINT_DATA", "data"), ("GAZETTEER_HOME", "gazetteer"),
                      ("NES_OSINT_CACHE", "cache")):
        (tmp_path / "other" / sub).mkdir(parents=True)
        monkeypatch.setenv(name, str(tmp_path / "other" / sub))
    assert lookup("ملوك سراي", load_gazetteer()).best is None
    fresh = ReviewStore(tmp_path / "other" / "data" / "review.sqlite")
    assert import_history(fresh, history) == (n, 0)
    there = run(corpus, fresh)
    assert there.report["review"]["orphaned"] == []
    assert there.layers.incidents.to_json() == here.layers.incidents.to_json()
    assert lookup("ملوك سراي", load_gazetteer()).best.name_ar == "ملوك سراي"
    assert import_history(fresh, history) == (0, n)  # a second import changes nothing
    assert run(corpus, fresh).layers.incidents.to_json() == here.layers.incidents.to_json()


def test_a_store_of_the_first_schema_is_migrated_and_applied(corpus: Path,
                                                            tmp_path: Path) -> None:
    first = run(corpus)
    a, b = _singles(first, 2)
    path = tmp_path / "data" / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_V1)
    con.execute("INSERT INTO schema_version VALUES ('nes-osint-review', 1)")
    con.executemany("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?)", [
        ("d1", a, "confirm", None, "2024-01-01T00:00:00.000000Z", ""),
        ("d2", b, "set-type", json.dumps("arrest"), "2024-01-02T00:00:00.000000Z", "seen"),
        ("d3", b, "set-type", json.dumps("protest"), "2024-01-03T00:00:00.000000Z", "later")])
    con.commit()
    con.close()
    result = run(corpus, path)  # a build given the old file migrates it, then applies it
    assert _row(result, a)["review"] == "confirmed"
    assert (_row(result, b)["type"], _row(result, b)["review"]) == ("protest", "edited")
    assert result.report["review"]["orphaned"] == []
    assert ReviewStore(path).count() == 3


def test_an_incident_kept_without_a_place_is_queued_and_placed_by_the_analyst(
        corpus: Path, store: ReviewStore) -> None:
    """An interception whose only place is a region of the country named in another
    sentence: not on the map, but in the queue; once re-placed it is drawn like any other."""
    from geo.review import review_queue

    (corpus / "900_region.txt").write_text(
        "توتر متزايد بين القوات الأمريكية والروسية\n\n"
        "تشهد مناطق شمال شرق سوريا توتراً متزايداً بين القوات الأمريكية والقوات الروسية منذ أشهر.\n\n"
        "واعترضت دورية أمريكية أمس رتلاً عسكرياً روسياً ومنعته من مواصلة طريقه.\n",
        encoding="utf-8")
    first = run(corpus, store)
    unplaced = [u for u in first.layers.unlocated if not u["place"]]
    assert unplaced and all("for review" in u["why"] for u in unplaced)
    target = unplaced[0]["id"]
    item = next(i for i in review_queue(first) if i.target == target)
    assert item.kind == "incident" and item.reasons[0].startswith("not on the map")
    # a town no seed incident is at, so the re-placed one stays an incident of its own
    decide(store, run=first, kind="replace", target=target, value={"place_id": "dhiban"})
    second = run(corpus, store)
    assert _row(second, target)["place_id"] == "dhiban"
    assert target not in {u["id"] for u in second.layers.unlocated}
    assert target not in {i.target for i in review_queue(second)}

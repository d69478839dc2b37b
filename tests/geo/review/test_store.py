"""The SQLite store: schema, migration, refusals, history, concurrency, export/import."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from geo.review import (
    DecisionError,
    ForeignStoreError,
    ImportFileError,
    OutOfAreaError,
    ReviewState,
    ReviewStore,
    ReviewStoreError,
    export_history,
    import_history,
    make_decision,
)
from geo.review.store import SCHEMA_V1, SCHEMA_VERSION


def test_created_on_first_use_with_version_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "review.sqlite"
    ReviewStore(path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT app, version FROM schema_version").fetchall() == [
        ("nes-osint-review", SCHEMA_VERSION)]
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_build_never_creates_a_store(tmp_path: Path) -> None:
    with pytest.raises(ReviewStoreError, match="no review store"):
        ReviewStore(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def _v1_store(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(SCHEMA_V1)
    con.execute("INSERT INTO schema_version VALUES ('nes-osint-review', 1)")
    con.executemany("INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?)", [
        ("a1", "inc-1", "confirm", None, "2024-01-01T00:00:00.000000Z", ""),
        ("a2", "inc-2", "set-type", json.dumps("raid"), "2024-01-02T00:00:00.000000Z", "x"),
        ("a3", "inc-2", "reject", None, "2024-01-03T00:00:00.000000Z", "false alarm"),
    ])
    con.commit()
    con.close()


def test_migration_from_v1_keeps_every_decision(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _v1_store(path)
    store = ReviewStore(path)
    got = [(d.id, d.kind, d.target_kind, d.target, d.field, d.new, d.note)
           for d in store.decisions()]
    assert got == [("a1", "confirm", "incident", "inc-1", "review", "confirmed", ""),
                   ("a2", "set-type", "incident", "inc-2", "type", "raid", "x"),
                   ("a3", "reject", "incident", "inc-2", "review", "rejected", "false alarm")]
    version = sqlite3.connect(path).execute("SELECT version FROM schema_version").fetchone()
    assert version == (SCHEMA_VERSION,)
    store.add([make_decision(kind="confirm", target="inc-3")])  # the new schema works
    assert store.count() == 4


def test_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"my notes, not a database\n")
    with pytest.raises(ReviewStoreError, match="not an SQLite database"):
        ReviewStore(path)
    assert path.read_bytes() == b"my notes, not a database\n"


def test_foreign_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(ForeignStoreError, match="not a review store"):
        ReviewStore(path)
    assert path.read_bytes() == before
    assert isinstance(ForeignStoreError("x"), OSError)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    ReviewStore(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE schema_version SET version = 99")
    con.commit()
    con.close()
    with pytest.raises(ForeignStoreError, match="newer"):
        ReviewStore(path)


@pytest.mark.parametrize(("kind", "value", "match"), [
    ("set-type", "picnic", "unknown incident type"),
    ("set-date", "2022-13-01", "not a date"),
    ("set-date", {"date": "2022-10", "precision": "day"}, "precision"),
    ("reject", None, "needs a reason"),
    ("set-fatalities", -1, "whole number"),
    ("dance", None, "unknown decision"),
])
def test_bad_decisions_are_refused(kind: str, value: object, match: str) -> None:
    with pytest.raises(DecisionError, match=match):
        make_decision(kind=kind, target="inc-1", value=value)


@pytest.mark.parametrize(("lat", "lon"), [(40.7, 36.5), (31.9, 40.0), (35.0, 43.5),
                                          (float("nan"), 40.0)])
def test_points_outside_the_map_are_refused(lat: float, lon: float) -> None:
    with pytest.raises(OutOfAreaError, match="outside the map's area"):
        make_decision(kind="replace", target="inc-1", value={"lat": lat, "lon": lon})


def test_history_keeps_both_and_the_later_wins(store: ReviewStore) -> None:
    first = make_decision(kind="set-type", target="inc-1", value="raid",
                          at="2024-01-01T10:00:00.000000Z")
    second = make_decision(kind="set-type", target="inc-1", value="arrest",
                           at="2024-01-01T11:00:00.000000Z")
    other = make_decision(kind="confirm", target="inc-1", at="2024-01-01T09:00:00.000000Z")
    store.add([second, first, other])
    state = ReviewState.of(store.decisions(target="inc-1"))
    assert [d.new for d in state.history] == ["confirmed", "raid", "arrest"]
    assert state.on("incident", "inc-1")["type"].new == "arrest"
    assert state.on("incident", "inc-1")["review"].new == "confirmed"  # other fields stay


def test_export_then_import_on_a_fresh_store_is_the_same(tmp_path: Path,
                                                         store: ReviewStore) -> None:
    store.add([make_decision(kind="confirm", target="inc-1", who="A", note="seen"),
               make_decision(kind="replace", target="inc-2", value={"lat": 36.5, "lon": 40.7}),
               make_decision(kind="set-published", target="art", value="2022-10-08")])
    out = tmp_path / "history.jsonl"
    assert export_history(store, out) == 3
    fresh = ReviewStore(tmp_path / "fresh.sqlite")
    assert import_history(fresh, out) == (3, 0)
    assert import_history(fresh, out) == (0, 3)  # same ids are not duplicated
    again = tmp_path / "again.jsonl"
    export_history(fresh, again)
    assert again.read_bytes() == out.read_bytes()
    assert fresh.decisions() == store.decisions()


def test_import_merges_two_machines_and_the_later_wins(tmp_path: Path) -> None:
    a, b = ReviewStore(tmp_path / "a.sqlite"), ReviewStore(tmp_path / "b.sqlite")
    a.add([make_decision(kind="set-type", target="inc-1", value="raid",
                         at="2024-01-01T10:00:00.000000Z")])
    b.add([make_decision(kind="set-type", target="inc-1", value="arrest",
                         at="2024-01-02T10:00:00.000000Z")])
    export_history(b, tmp_path / "b.jsonl")
    import_history(a, tmp_path / "b.jsonl")
    state = ReviewState.of(a.decisions())
    assert len(state.history) == 2
    assert state.on("incident", "inc-1")["type"].new == "arrest"


@pytest.mark.parametrize(("content", "match"), [
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b'{"id": "x", "kind": "confirm", "target": "inc-1", "at": "2024-01-01T00:00:00Z"}\n'
     b"not json\n", "line 2"),
    (b'{"id": "x", "kind": "set-type", "target": "inc-1", "new": "picnic", '
     b'"at": "2024-01-01T00:00:00Z"}\n', "line 1: unknown incident type"),
])
def test_a_bad_history_file_imports_nothing(tmp_path: Path, store: ReviewStore,
                                            content: bytes, match: str) -> None:
    store.add([make_decision(kind="confirm", target="inc-9")])
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(content)
    with pytest.raises(ImportFileError, match=match):
        import_history(store, bad)
    assert [d.target for d in store.decisions()] == ["inc-9"]


def _decide_many(path: str, prefix: str, n: int) -> None:
    store = ReviewStore(path)
    for i in range(n):
        store.add([make_decision(kind="confirm", target=f"{prefix}-{i}")])


def test_two_processes_deciding_at_once_both_keep_their_decisions(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.sqlite")
    ReviewStore(path)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_decide_many, args=(path, p, 40)) for p in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    targets = {d.target for d in ReviewStore(path).decisions()}
    assert targets == {f"{p}-{i}" for p in ("a", "b") for i in range(40)}


def test_a_second_connection_sees_the_decisions(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    ReviewStore(path).add([make_decision(kind="confirm", target="inc-1")])
    assert [d.target for d in ReviewStore(path, create=False).decisions()] == ["inc-1"]


def test_the_stamp_changes_with_every_decision_from_any_process(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    mine, other = ReviewStore(path), ReviewStore(path)
    before = mine.stamp()
    other.add([make_decision(kind="confirm", target="inc-1")])
    assert mine.stamp() != before
    same = mine.stamp()
    other.add([])  # nothing new: the same stamp
    assert mine.stamp() == same


def test_last_stored_is_what_arrived_last_whatever_its_time(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "r.sqlite")
    store.add([make_decision(kind="confirm", target="inc-1", at="2024-01-02T00:00:00.000000Z")])
    store.add([make_decision(kind="confirm", target="inc-2", at="2024-01-01T00:00:00.000000Z"),
               make_decision(kind="confirm", target="inc-3", at="2024-01-03T00:00:00.000000Z")])
    assert [d.target for d in store.last_stored(2)] == ["inc-2", "inc-3"]  # storage order
    assert [d.target for d in store.decisions()] == ["inc-2", "inc-1", "inc-3"]  # by time
    assert [d.target for d in store.last_stored(10)] == ["inc-1", "inc-2", "inc-3"]
    assert store.last_stored(0) == []

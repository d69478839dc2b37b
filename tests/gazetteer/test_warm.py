"""The built gazetteer kept on disk (gazetteer.warm): read back when nothing it depends
on changed, made again when anything did, never required."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from gazetteer import warm
from gazetteer.resolver import resolve_text
from gazetteer.store import _CACHE, load_gazetteer

TEXT = "قصفت طائرة مسيّرة قرية تل تمر بريف الحسكة، وسيرت دورية في القامشلي ومعبر سيمالكا."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(warm.CACHE_ENV, str(folder))
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path / "home"))
    _CACHE.clear()  # the process's own cache would answer first
    yield folder
    _CACHE.clear()


def test_built_once_then_read_back(cache: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"places": 3}

    assert warm.load_or_build("abc", build, dict) == {"places": 3}
    assert warm.load_or_build("abc", build, dict) == {"places": 3}
    assert len(calls) == 1
    assert [p.name for p in cache.iterdir()] == ["gazetteer-abc.pickle"]


def test_a_damaged_or_foreign_file_is_built_again(cache: Path) -> None:
    cache.mkdir()
    (cache / "gazetteer-abc.pickle").write_bytes(b"not a pickle")
    assert warm.load_or_build("abc", lambda: {"n": 1}, dict) == {"n": 1}
    (cache / "gazetteer-abc.pickle").write_bytes(pickle.dumps(["a list"]))
    assert warm.load_or_build("abc", lambda: {"n": 2}, dict) == {"n": 2}
    assert warm.load_or_build("abc", lambda: {"n": 3}, dict) == {"n": 2}  # the rewritten one


@pytest.mark.parametrize("value", ["off", "0", "No"])
def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(warm.CACHE_ENV, value)
    monkeypatch.chdir(tmp_path)
    assert warm.cache_folder() is None
    assert warm.load_or_build("abc", lambda: {"n": 1}, dict) == {"n": 1}
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_only_costs_the_build(cache: Path) -> None:
    cache.write_text("a file where the folder should be")
    assert warm.load_or_build("abc", lambda: {"n": 1}, dict) == {"n": 1}


def test_keeps_the_newest_few(cache: Path) -> None:
    for i in range(warm.KEEP + 3):
        warm.load_or_build(f"d{i}", lambda: {"n": 1}, dict)
    assert len(list(cache.glob("gazetteer-*.pickle"))) == warm.KEEP


def test_digest_follows_the_files_contents(tmp_path: Path) -> None:
    data = tmp_path / "places.csv"
    data.write_text("one", encoding="utf-8")
    first = warm.digest_of([data, None])
    assert first == warm.digest_of([data, None])
    assert first != warm.digest_of([data, tmp_path / "missing.csv"])
    data.write_text("two", encoding="utf-8")
    assert warm.digest_of([data, None]) != first
    assert warm.digest_of([tmp_path]) is None  # a folder, unreadable as a file: no cache
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    # not read, missing, empty: three stores (an empty store is refused, none is not)
    assert len({warm.digest_of([data, x]) for x in (None, tmp_path / "missing.csv", empty)}) == 3


def test_the_warm_store_finds_what_the_built_one_finds(cache: Path) -> None:
    built = load_gazetteer()
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 1
    _CACHE.clear()
    read_back = load_gazetteer()
    assert read_back is not built
    assert list(read_back.places) == list(built.places)
    assert read_back.matcher.size == built.matcher.size
    assert read_back.keys() == built.keys()
    found = [(m.start, m.end, m.place and m.place.id, m.cue) for m in resolve_text(TEXT, built)]
    assert found == [(m.start, m.end, m.place and m.place.id, m.cue)
                     for m in resolve_text(TEXT, read_back)]
    assert any(pid == "qamishli" for _, _, pid, _ in found)


def test_an_imported_store_makes_another_file(cache: Path, tmp_path: Path) -> None:
    from gazetteer.home import save_imported
    from gazetteer.model import Place

    load_gazetteer()
    save_imported([Place("gn1", "قرية تجريبية", "Test village", "village", 36.0, 40.0)],
                  home=tmp_path / "home")
    _CACHE.clear()
    gaz = load_gazetteer()
    assert "gn1" in gaz
    assert len(list(cache.glob("gazetteer-*.pickle"))) == 2

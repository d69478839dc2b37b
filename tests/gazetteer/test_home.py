"""The local store under $GAZETTEER_HOME: imported places and the cache folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from gazetteer.errors import GazetteerDataError
from gazetteer.home import (
    cache_dir,
    gazetteer_home,
    imported_path,
    imported_places,
    save_imported,
)
from gazetteer.model import Place


def _place(pid: str, name: str = "Place", **kw) -> Place:
    return Place(pid, kw.pop("name_ar", ""), name, kw.pop("kind", "village"),
                 kw.pop("lat", 36.5), kw.pop("lon", 40.7), **kw)


def test_home_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path / "store"))
    assert gazetteer_home() == tmp_path / "store"


def test_home_expands_user(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GAZETTEER_HOME", "~/gaz")
    assert gazetteer_home() == tmp_path / "gaz"


def test_home_defaults_to_user_data_dir(monkeypatch):
    monkeypatch.delenv("GAZETTEER_HOME", raising=False)
    expected = Path(platformdirs.user_data_dir("nes-osint-gazetteer", appauthor=False))
    assert gazetteer_home() == expected


def test_empty_variable_means_default(monkeypatch):
    monkeypatch.setenv("GAZETTEER_HOME", "  ")
    assert gazetteer_home().name == "nes-osint-gazetteer"


def test_no_store_yet_is_empty(tmp_path):
    assert imported_places(tmp_path / "nothing-here") == []


def test_save_creates_home_and_round_trips(tmp_path):
    home = tmp_path / "new" / "home"
    places = [
        _place("gn1", "Tall Tamr", name_ar="تل تمر", alt_names=("Tell Tamer", 'Tal "Tamr", x'),
               governorate="hasakah", population=12000, source="GeoNames 1 (imported from a)"),
        _place("gn2", "Kilis", in_area=False, kind="town"),
    ]
    assert save_imported(places, home=home) == 2
    assert imported_places(home) == places
    assert imported_path(home) == home / "imported.csv"


def test_save_merges_by_id(tmp_path):
    save_imported([_place("gn1", "Old"), _place("gn2", "Two")], home=tmp_path)
    stored = save_imported([_place("gn1", "New"), _place("gn3", "Three")], home=tmp_path)
    assert stored == 3
    by_id = {p.id: p.name_en for p in imported_places(tmp_path)}
    assert by_id == {"gn1": "New", "gn2": "Two", "gn3": "Three"}
    assert [p.id for p in imported_places(tmp_path)] == ["gn1", "gn2", "gn3"]


def test_save_last_duplicate_in_batch_wins(tmp_path):
    assert save_imported([_place("gn1", "A"), _place("gn1", "B")], home=tmp_path) == 1
    assert imported_places(tmp_path)[0].name_en == "B"


def test_save_leaves_no_temporary_files(tmp_path):
    save_imported([_place("gn1")], home=tmp_path)
    save_imported([_place("gn2")], home=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["imported.csv"]


def test_home_keyword_only_for_save(tmp_path):
    with pytest.raises(TypeError):
        save_imported([_place("gn1")], tmp_path)  # type: ignore[misc]


def test_default_home_used_when_none(monkeypatch, tmp_path):
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path))
    save_imported([_place("gn7")])
    assert (tmp_path / "imported.csv").is_file()
    assert [p.id for p in imported_places()] == ["gn7"]


def test_malformed_store_names_file_and_line(tmp_path):
    good = tmp_path / "good"
    save_imported([_place("gn1"), _place("gn2")], home=good)
    lines = (good / "imported.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("36.500000", "north")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "imported.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=r"imported\.csv, line 3: lat 'north'"):
        imported_places(bad)


def test_failed_save_keeps_store(tmp_path):
    save_imported([_place("gn1")], home=tmp_path)

    def broken():
        yield _place("gn2")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        save_imported(broken(), home=tmp_path)
    assert [p.id for p in imported_places(tmp_path)] == ["gn1"]


def test_cache_dir(monkeypatch, tmp_path):
    assert cache_dir(tmp_path) == tmp_path / "cache"
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path / "h"))
    assert cache_dir() == tmp_path / "h" / "cache"
    assert not (tmp_path / "h").exists()  # asking for the path creates nothing


# --- a broken store is one exception with what to do -----------------------------------------

def test_broken_store_raises_the_store_error_callers_can_catch(tmp_path):
    from gazetteer import load_gazetteer
    from gazetteer.errors import GazetteerStoreError

    store = imported_path(tmp_path)
    store.write_text("id,name_ar,name_en,alt_names,kind,governorate,lat,lon,population,in_area,"
                     "parent,source\ngn1,,One," + "N|" * 70_000 + ",village,,1,1,,1,,s\n",
                     encoding="utf-8")
    with pytest.raises(GazetteerStoreError) as info:
        load_gazetteer(home=tmp_path)
    exc = info.value
    assert isinstance(exc, GazetteerDataError) and isinstance(exc, ValueError)
    assert (exc.path, exc.line) == (str(store), 2)
    assert exc.problem == "bad CSV: field larger than field limit (131072)"
    assert "delete that row (line 2)" in exc.hint and "import your GeoNames dumps again" in exc.hint
    assert str(exc) == f"{store}, line 2: {exc.problem}; {exc.hint}"


def test_store_that_is_not_a_file_is_a_store_error(tmp_path):
    from gazetteer.errors import GazetteerStoreError

    imported_path(tmp_path).mkdir()
    with pytest.raises(GazetteerStoreError, match=r"imported\.csv: not a regular file; move it"):
        imported_places(tmp_path)
    with pytest.raises(GazetteerStoreError, match="not a regular file"):
        save_imported([_place("gn1")], home=tmp_path)  # an import says so too, and writes nothing

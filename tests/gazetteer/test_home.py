"""The local store under $GAZETTEER_HOME: imported places and the cache folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import platformdirs
import pytest

from gazetteer.errors import GazetteerDataError, GazetteerError, GazetteerStoreBusy
from gazetteer.home import (
    cache_dir,
    gazetteer_home,
    imported_path,
    imported_places,
    remove_stale_temporaries,
    save_imported,
    store_lock,
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
    assert sorted(p.name for p in tmp_path.iterdir()) == [".imported.csv.lock", "imported.csv"]


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


# --- one writer at a time: the lock, concurrent imports, interrupted imports ----------------

ROOT = Path(__file__).resolve().parents[2]


def _dump(path: Path, first_id: int, rows: int) -> Path:
    """A GeoNames dump of ``rows`` synthetic Syrian villages with ids from ``first_id``."""
    lines = []
    for gid in range(first_id, first_id + rows):
        lines.append("\t".join([
            str(gid), f"Qarya {gid}", f"Qarya {gid}", f"Qarya {gid},قرية {gid}", "36.5", "40.5",
            "P", "PPL", "SY", "", "01", "", "", "", "0", "", "300", "Asia/Damascus",
            "2024-01-01"]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(dump: Path, home: Path) -> subprocess.Popen:
    env = {**os.environ, "GAZETTEER_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "gazetteer", "import", str(dump)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _ids(home: Path) -> set[str]:
    return {p.id for p in imported_places(home)}


def _leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir() if p.name.endswith(".tmp"))


def test_two_imports_at_once_both_land(tmp_path):
    home = tmp_path / "home"
    # A store of some size makes each import's read-merge-write take a while: without the
    # lock, one of two imports at once vanished in 6 of 6 runs like this one.
    save_imported([_place(f"gn{i}") for i in range(30_000)], home=home)
    dumps = [_dump(tmp_path / f"{i}.txt", 1_000_000 * (i + 1), 3000) for i in range(2)]
    procs = [_import(d, home) for d in dumps]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    ids = _ids(home)
    assert len(ids) == 36_000
    assert {"gn0", "gn1000000", "gn1002999", "gn2000000", "gn2002999"} <= ids
    assert _leftovers(home) == []


def test_import_waits_for_the_writer_holding_the_lock(tmp_path):
    home = tmp_path / "home"
    dump = _dump(tmp_path / "a.txt", 5000, 10)
    with store_lock(home):
        proc = _import(dump, home)
        time.sleep(1.0)
        assert proc.poll() is None  # waiting, not failing and not writing
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert len(_ids(home)) == 10


def test_lock_timeout_names_the_holder(tmp_path):
    save_imported([_place("gn1")], home=tmp_path)
    start = time.monotonic()
    with store_lock(tmp_path), pytest.raises(GazetteerStoreBusy) as info:
        save_imported([_place("gn2")], home=tmp_path, lock_timeout=0.3)
    assert 0.3 <= time.monotonic() - start < 2
    message = str(info.value)
    assert f"another process (pid {os.getpid()}) is writing the gazetteer store" in message
    assert str(tmp_path / "imported.csv") in message and "\n" not in message
    assert isinstance(info.value, TimeoutError) and isinstance(info.value, GazetteerError)
    assert _ids(tmp_path) == {"gn1"}  # untouched


def test_lock_is_only_for_writers(tmp_path):
    save_imported([_place("gn1")], home=tmp_path)
    with store_lock(tmp_path):
        assert _ids(tmp_path) == {"gn1"}  # readers never wait


_STOP_BEFORE_RENAME = """
import os, sys, time
from pathlib import Path
from gazetteer.__main__ import main

def stop(src, dst):
    Path(sys.argv[2]).write_text(str(src))
    time.sleep(600)

os.replace = stop
main(["import", sys.argv[1]])
"""


def test_kill_9_mid_write_keeps_the_store_and_the_next_import_cleans_up(tmp_path):
    home = tmp_path / "home"
    save_imported([_place("gn1", "Before")], home=home)
    before = imported_path(home).read_bytes()
    marker = tmp_path / "written"
    env = {**os.environ, "GAZETTEER_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-c", _STOP_BEFORE_RENAME,
                             str(_dump(tmp_path / "a.txt", 7000, 2000)), str(marker)],
                            cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        assert marker.exists(), "the import never reached its rename"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    (tmp,) = _leftovers(home)  # the new store, complete, never renamed
    assert tmp == Path(marker.read_text()).name and f".{proc.pid}." in tmp
    assert imported_path(home).read_bytes() == before  # the store is as it was
    assert _ids(home) == {"gn1"}

    second = _import(_dump(tmp_path / "b.txt", 9000, 5), home)  # the lock died with its holder
    _, err = second.communicate(timeout=60)
    assert second.returncode == 0, err.decode()
    assert _leftovers(home) == []
    assert _ids(home) == {"gn1", "gn9000", "gn9001", "gn9002", "gn9003", "gn9004"}


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4, 0.6])
def test_kill_9_at_any_moment_leaves_a_readable_store(tmp_path, delay):
    home = tmp_path / "home"
    save_imported([_place("gn1")], home=home)
    proc = _import(_dump(tmp_path / "a.txt", 100_000, 20_000), home)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    assert len(_ids(home)) in (1, 20_001)  # the old store or the whole new one
    after = _import(_dump(tmp_path / "b.txt", 500, 3), home)
    _, err = after.communicate(timeout=60)
    assert after.returncode == 0, err.decode()
    assert _leftovers(home) == [] and {"gn1", "gn500", "gn502"} <= _ids(home)


def test_only_temporaries_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    names = {
        "dead": f".imported.csv.{dead.pid}.abc123.tmp",
        "old": ".imported.csv.k2j4h5g6.tmp",  # named by an earlier version: no process id
        "live": f".imported.csv.{os.getppid()}.def456.tmp",
        "mine": f".imported.csv.{os.getpid()}.ghi789.tmp",
        "other": ".other.csv.1.x.tmp",
    }
    for name in names.values():
        (tmp_path / name).write_text("x", encoding="utf-8")
    removed = remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in removed) == sorted([names["dead"], names["old"]])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [names["live"], names["mine"], names["other"]])


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
    assert _leftovers(tmp_path) == []

"""The gazetteer's CSV form: a write is only kept if it reads back; bad files name their line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gazetteer.csvio import read_places_csv, write_places_csv
from gazetteer.errors import GazetteerDataError
from gazetteer.model import Place


def _place(pid: str, **kw) -> Place:
    return Place(pid, kw.pop("name_ar", ""), kw.pop("name_en", "Place"), kw.pop("kind", "village"),
                 36.5, 40.7, **kw)


@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "imported.csv"
    write_places_csv(path, [_place("gn1")])
    return path


def _unchanged(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left


def test_a_place_too_long_for_a_field_is_refused_and_the_file_kept(store):
    before = store.read_bytes()
    huge = _place("gn9", alt_names=tuple(f"Name{i}" for i in range(20_000)))
    with pytest.raises(GazetteerDataError, match=r"imported\.csv: place 'gn9': alt_names has "
                                                 r"[\d,]+ characters, more than a field of the "
                                                 r"store can hold \(131,071\)"):
        write_places_csv(store, [_place("gn1"), huge])
    _unchanged(store, before)


def test_a_nul_in_a_place_is_refused_and_the_file_kept(store):
    before = store.read_bytes()
    with pytest.raises(GazetteerDataError, match="place 'gn2': name_en holds a NUL"):
        write_places_csv(store, [_place("gn2", name_en="a\x00b")])
    _unchanged(store, before)


def test_a_place_the_reader_would_refuse_is_never_written(store):
    before = store.read_bytes()
    with pytest.raises(GazetteerDataError, match=r"would not read back \(line 2: unknown kind "
                                                 r"'spaceport'.*nothing was written"):
        write_places_csv(store, [_place("gn3", kind="spaceport")])
    _unchanged(store, before)


def test_the_longest_field_a_place_may_have_reads_back(tmp_path):
    path = tmp_path / "imported.csv"
    name = "x" * (csv.field_size_limit() - 1)
    write_places_csv(path, [_place("gn1", name_en=name)])
    assert read_places_csv(path)[0].name_en == name


@pytest.mark.parametrize(("content", "line", "problem"), [
    (b"\xff\xfe\x00binary\n", 1, "not UTF-8 text"),
    (b"a" * 140_000 + b"\n", 1, r"bad CSV: field larger than field limit \(131072\)"),
    (b"", 1, "header lacks columns"),
    (b"id,name_ar,name_en,alt_names,kind,governorate,lat,lon,population,in_area,parent,source\n"
     b'gn1,,"One,' + b"a" * 140_000 + b'",,village,,1,1,,1,,s\n', 2,
     r"bad CSV: field larger than field limit"),
    (b"id,name_ar,name_en,alt_names,kind,governorate,lat,lon,population,in_area,parent,source\n"
     b'gn1,,"One,,village,,1,1,,1,,s\n', 2, "expected 12 columns"),  # a quote never closed
    (b"id,name_ar,name_en,alt_names,kind,governorate,lat,lon,population,in_area,parent,source\n"
     b"gn1,,One,,village,,north,1,,1,,s\n", 2, "lat 'north' is not a number"),
])
def test_broken_file_names_its_line(tmp_path, content, line, problem):
    path = tmp_path / "imported.csv"
    path.write_bytes(content)
    with pytest.raises(GazetteerDataError, match=rf"imported\.csv, line {line}: .*{problem}") as info:
        read_places_csv(path)
    assert info.value.line == line and info.value.path == str(path)

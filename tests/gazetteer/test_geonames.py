"""Importing GeoNames dumps: parsing, kinds, names, governorates, errors, the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.errors import GazetteerDataError
from gazetteer.geonames import (
    MAX_ROW_BYTES,
    SY_ADMIN1,
    ImportSummary,
    feature_kind,
    import_dump,
    pick_arabic_name,
    read_geonames,
)
from gazetteer.home import imported_path, imported_places
from gazetteer.model import GOVERNORATES

SHARED = Path("/work/shared/data/geonames")
SY_DUMP = SHARED / "SY.txt"
ADMIN1_TABLE = SHARED / "admin1CodesASCII_SY.txt"


def row(gid: int | str = 1, name: str = "Tall Tamr", *, ascii: str | None = None,
        alt: str = "", lat: str = "36.65556", lon: str = "40.37079", fclass: str = "P",
        fcode: str = "PPL", cc: str = "SY", admin1: str = "01", pop: str = "0") -> str:
    cols = [str(gid), name, name if ascii is None else ascii, alt, lat, lon, fclass, fcode,
            cc, "", admin1, "", "", "", pop, "", "300", "Asia/Damascus", "2024-01-01"]
    return "\t".join(cols)


def write(tmp_path: Path, *rows: str, name: str = "dump.txt") -> Path:
    path = tmp_path / name
    path.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def by_id(places) -> dict:
    return {p.id: p for p in places}


# --- the shared SY extract -----------------------------------------------------------------

@pytest.fixture(scope="module")
def sy_places():
    if not SY_DUMP.is_file():
        pytest.skip(f"{SY_DUMP} not present")
    summary = ImportSummary(SY_DUMP)
    return by_id(read_geonames(SY_DUMP, summary=summary)), summary


def test_sy_dump_reads_every_row(sy_places):
    places, summary = sy_places
    assert summary.read == 181
    assert summary.kept + sum(summary.skipped.values()) == 181
    assert len(places) == summary.kept >= 170
    for p in places.values():
        assert 32.0 < p.lat < 37.5 and 35.5 < p.lon < 42.5, p
        assert p.in_area and p.governorate in GOVERNORATES
        assert p.source.endswith("(imported from SY.txt)")


def test_sy_qamishli(sy_places):
    q = sy_places[0]["gn173377"]
    assert (q.name_en, q.name_ar, q.kind, q.governorate) == (
        "Al Qāmishlī", "القامشلي", "city", "hasakah")
    assert (q.lat, q.lon, q.population) == (37.05215, 41.23142, 184231)
    assert q.source == "GeoNames 173377 (imported from SY.txt)"
    assert {"Qamişlo", "Kamishli", "Al Qamishli", "القامشلو", "قامشلو"} <= set(q.alt_names)
    assert "KAC" not in q.alt_names  # IATA code
    assert "القامشلي" not in q.alt_names and "Al Qāmishlī" not in q.alt_names


@pytest.mark.parametrize(("gid", "name_ar", "governorate"), [
    ("165757", "القحطانية", "hasakah"),       # al-Qahtaniyah, Hasakah
    ("173387", "القحطانية", "quneitra"),      # the other al-Qahtaniyah
    ("172344", "التنف", "rif_dimashq"),       # At Tanf
    ("172256", "عين العرب", "aleppo"),        # Kobani: not 'عرب بينار'
    ("163345", "طرطوس", "tartus"),            # not the misspelt 'ترطوس'
    ("173530", "المالكية", "hasakah"),        # Derik: ديريك stays an alternate
    ("173527", "المعمورة", "rif_dimashq"),
])
def test_sy_key_rows(sy_places, gid, name_ar, governorate):
    p = sy_places[0][f"gn{gid}"]
    assert (p.name_ar, p.governorate) == (name_ar, governorate)


def test_admin1_mapping_matches_geonames_table():
    if not ADMIN1_TABLE.is_file():
        pytest.skip(f"{ADMIN1_TABLE} not present")
    by_table_name = {
        "Al-Hasakah": "hasakah", "Latakia": "latakia", "Quneitra": "quneitra",
        "Ar-Raqqah": "raqqa", "As-Suwayda": "suwayda", "Daraa": "daraa",
        "Deir ez-Zor": "deir_ez_zor", "Rif-dimashq": "rif_dimashq", "Aleppo": "aleppo",
        "Hama": "hama", "Homs": "homs", "Idlib": "idlib", "Dimashq": "damascus",
        "Tartus": "tartus",
    }
    table = {}
    for line in ADMIN1_TABLE.read_text(encoding="utf-8").splitlines():
        code, name, *_ = line.split("\t")
        table[code.removeprefix("SY.")] = by_table_name[name]
    assert table == SY_ADMIN1


def test_admin1_mapping_covers_every_governorate():
    assert len(SY_ADMIN1) == 14
    assert set(SY_ADMIN1.values()) == set(GOVERNORATES)
    assert SY_ADMIN1["01"] == "hasakah"


# --- rows written by the tests ---------------------------------------------------------------

def test_good_rows(tmp_path):
    path = write(tmp_path, row(1, "Tall Tamr", alt="Tell Tamer,تل تمر", pop="12000"),
                 row(2, "Al Mayadin", admin1="07", lat="35.01", lon="40.45", fcode="PPLA2"))
    places = list(read_geonames(path))
    assert [p.id for p in places] == ["gn1", "gn2"]
    one, two = places
    assert (one.name_en, one.name_ar, one.alt_names) == ("Tall Tamr", "تل تمر", ("Tell Tamer",))
    assert (one.kind, one.population, one.governorate, one.in_area) == (
        "town", 12000, "hasakah", True)
    assert (two.kind, two.governorate, two.population) == ("city", "deir_ez_zor", None)
    assert two.source == "GeoNames 2 (imported from dump.txt)"


def test_blank_lines_crlf_and_bom_are_tolerated(tmp_path):
    path = tmp_path / "crlf.txt"
    data = "\ufeff" + row(1) + "\r\n\r\n   \n" + row(2) + "\r\n\n"
    path.write_bytes(data.encode("utf-8"))
    summary = ImportSummary(path)
    assert [p.id for p in read_geonames(path, summary=summary)] == ["gn1", "gn2"]
    assert summary.read == 2


def test_empty_file(tmp_path):
    path = write(tmp_path)
    assert list(read_geonames(path)) == []
    summary = import_dump(path, home=tmp_path / "home")
    assert (summary.read, summary.kept, summary.stored, summary.skipped) == (0, 0, 0, {})


def test_outside_syria(tmp_path):
    path = write(tmp_path, row(1, "Kilis", cc="TR", admin1="01", lat="36.7", lon="37.1"))
    (p,) = read_geonames(path)
    assert (p.in_area, p.governorate) == (False, "")


@pytest.mark.parametrize(("bad", "problem"), [
    (row(3)[: row(3).rindex("\t")], "expected 19 tab-separated columns, found 18"),
    (row(3) + "\textra", "expected 19 tab-separated columns, found 20"),
    ("just some words", "expected 19 tab-separated columns, found 1"),
    (row("abc"), "geonameid 'abc' is not a number"),
    (row(""), "geonameid '' is not a number"),
    (row(3, lat="north"), "latitude 'north' is not a number"),
    (row(3, lat="91"), r"latitude 91.0 outside \[-90, 90\]"),
    (row(3, lon="-180.5"), r"longitude -180.5 outside \[-180, 180\]"),
    (row(3, lat="nan"), "latitude nan outside"),
    (row(3, lon="inf"), "longitude inf outside"),
    (row(3, pop="lots"), "population 'lots' is not a whole number"),
    (row(3, name="  "), "empty name"),
])
def test_malformed_row_names_file_and_line(tmp_path, bad, problem):
    path = write(tmp_path, row(1), row(2), bad, row(4), name="broken.txt")
    with pytest.raises(GazetteerDataError, match=rf"broken\.txt, line 3: {problem}") as info:
        list(read_geonames(path))
    assert isinstance(info.value, ValueError)
    assert info.value.line == 3 and info.value.path == str(path)


def test_bad_row_of_skipped_feature_still_raises(tmp_path):
    path = write(tmp_path, row(1, fclass="T", fcode="MT", lat="95"))
    with pytest.raises(GazetteerDataError, match="line 1: latitude"):
        list(read_geonames(path))


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(row(1).encode() + b"\n" + row(2, "Ra\xefs al \xc9ayn").encode("latin-1")
                     + b"\n")
    with pytest.raises(GazetteerDataError, match=r"latin1\.txt, line 2: not UTF-8 text"):
        list(read_geonames(path))


def test_zip_archive_gets_a_hint(tmp_path):
    path = tmp_path / "SY.zip"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xa0\xff\x00\n")
    with pytest.raises(GazetteerDataError, match="line 1: not UTF-8.*unpack"):
        list(read_geonames(path))


def test_missing_file_raises_at_once(tmp_path):
    with pytest.raises(GazetteerDataError, match=r"absent\.txt: no such file"):
        read_geonames(tmp_path / "absent.txt")
    with pytest.raises(GazetteerDataError, match="not a file"):
        read_geonames(tmp_path)


# --- kinds and skipping -------------------------------------------------------------------

@pytest.mark.parametrize(("fclass", "fcode", "population", "kind"), [
    ("P", "PPLC", None, "capital"),
    ("P", "PPLA", None, "city"),
    ("P", "PPLA2", 20_000, "city"),
    ("P", "PPL", 50_000, "city"),
    ("P", "PPL", 49_999, "town"),
    ("P", "PPLA3", None, "town"),
    ("P", "PPLA4", 100, "town"),
    ("P", "PPL", 5_000, "town"),
    ("P", "PPL", 4_999, "village"),
    ("P", "PPL", None, "village"),
    ("P", "PPLL", None, "village"),
    ("P", "PPLX", 80_000, "neighbourhood"),
    ("P", "PPLH", None, None),
    ("A", "ADM1", None, "governorate"),
    ("A", "ADM2", None, "district"),
    ("A", "ADM3", None, None),
    ("A", "PCLI", None, "country"),
    ("S", "AIRP", None, "airport"),
    ("S", "AIRB", None, "airport"),
    ("S", "AIRF", None, "airport"),
    ("S", "MILB", None, "base"),
    ("S", "INSM", None, "base"),
    ("S", "CMP", None, "camp"),
    ("S", "CMPRF", None, "camp"),
    ("S", "BDG", None, "bridge"),
    ("S", "PSTB", None, "border_crossing"),
    ("S", "OILW", None, None),
    ("S", "SCH", None, None),
    ("H", "DAM", None, "dam"),
    ("H", "STM", None, None),
    ("L", "OILF", None, "oilfield"),
    ("L", "GASF", None, "gasfield"),
    ("T", "MT", None, None),
])
def test_feature_kind(fclass, fcode, population, kind):
    assert feature_kind(fclass, fcode, population=population) == kind


def test_skipped_rows_are_counted_by_reason(tmp_path):
    path = write(tmp_path, row(1), row(2, fclass="H", fcode="STM"), row(3, fclass="H", fcode="STM"),
                 row(4, fclass="S", fcode="OILW"), row(5, fcode="PPLH"),
                 row(6, fclass="S", fcode="AIRP"), row(7, cc="IQ"))
    summary = import_dump(path, home=tmp_path / "home")
    assert (summary.read, summary.kept, summary.stored) == (7, 3, 3)
    assert summary.skipped == {"feature H.STM": 2, "feature S.OILW": 1, "feature P.PPLH": 1}


def test_countries_filter(tmp_path):
    path = write(tmp_path, row(1), row(2, cc="IQ"), row(3, cc="tr"))
    summary = import_dump(path, home=tmp_path / "home", countries={"sy", "TR"})
    assert summary.kept == 2 and summary.skipped == {"country not selected": 1}
    assert sorted(p.id for p in imported_places(tmp_path / "home")) == ["gn1", "gn3"]


def test_governorate_row_maps_its_own_code(tmp_path):
    path = write(tmp_path, row(173813, "Al-Hasakah", fclass="A", fcode="ADM1", admin1="01"),
                 row(170792, "Deir ez-Zor", fclass="A", fcode="ADM1", admin1="07"),
                 row(9, "Unknown", admin1="99"))
    places = by_id(read_geonames(path))
    assert places["gn173813"].kind == "governorate"
    assert places["gn173813"].governorate == "hasakah"
    assert places["gn170792"].governorate == "deir_ez_zor"
    assert places["gn9"].governorate == ""


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("alternates", "name", "expected"), [
    ([], "X", ""),
    (["Qamishli", "Kamishli"], "Qamishli", ""),
    (["Tell Tamer", "تل تمر"], "Tall Tamr", "تل تمر"),
    # several Arabic spellings: the one closest to the romanised name, not the first
    (["القامشلو", "القامشلي", "قامشلو"], "Al Qāmishlī", "القامشلي"),
    (["ترطوس", "طرطوس"], "Ţarţūs", "طرطوس"),
    (["سبع سكور", "سبع شكور"], "Sab‘ Shukūr", "سبع شكور"),
    # a Kurdish spelling (with ۆ / ی) gives way to a plain Arabic one
    (["قامشلۆ", "قامشلی", "القامشلي"], "Al Qāmishlī", "القامشلي"),
    # ... but is taken when it is the only Arabic-script name
    (["Qamişlo", "قامشلۆ"], "Qamişlo", "قامشلۆ"),
    # a transliteration mixing Latin and Arabic letters is not an Arabic name
    (["qamshlۆ", "Kamishli"], "Qamishli", ""),
    # equally close: the first wins
    (["تل أ", "تل ا"], "", "تل أ"),
])
def test_pick_arabic_name(alternates, name, expected):
    assert pick_arabic_name(alternates, name=name) == expected


def test_alternate_names_are_cleaned(tmp_path):
    alt = ("Kamishli,kamishli,KAC,OSKL,SY,12345,1 234,https://en.wikipedia.org/wiki/Qamishli,"
           "www.example.org,Qamişlo,القامشلي,القامشلو,Qa|mishlo,Al Qāmishlī,Amuda Road")
    path = write(tmp_path, row(1, "Al Qāmishlī", ascii="Al Qamishli", alt=alt))
    (p,) = read_geonames(path)
    assert p.name_ar == "القامشلي"
    assert p.alt_names == ("Kamishli", "Qamişlo", "القامشلو", "Qa mishlo", "Amuda Road",
                           "Al Qamishli")


# --- import into the store ---------------------------------------------------------------------

def test_second_import_merges_by_id(tmp_path):
    home = tmp_path / "home"
    first = write(tmp_path, row(1, "One"), row(2, "Two"), name="first.txt")
    second = write(tmp_path, row(2, "Two renamed", pop="60000"), row(3, "Three"),
                   name="second.txt")
    assert import_dump(first, home=home).stored == 2
    summary = import_dump(second, home=home)
    assert (summary.kept, summary.stored) == (2, 3)
    places = by_id(imported_places(home))
    assert sorted(places) == ["gn1", "gn2", "gn3"]
    assert places["gn2"].name_en == "Two renamed" and places["gn2"].kind == "city"
    assert places["gn2"].source == "GeoNames 2 (imported from second.txt)"
    assert places["gn1"].source == "GeoNames 1 (imported from first.txt)"


def test_failed_import_leaves_store_alone(tmp_path):
    home = tmp_path / "home"
    import_dump(write(tmp_path, row(1), name="ok.txt"), home=home)
    bad = write(tmp_path, row(2), row(3, lat="x"), name="bad.txt")
    with pytest.raises(GazetteerDataError, match=r"bad\.txt, line 2"):
        import_dump(bad, home=home)
    assert [p.id for p in imported_places(home)] == ["gn1"]


def test_import_honours_gazetteer_home(monkeypatch, tmp_path):
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path / "envhome"))
    path = write(tmp_path, row(1, "One", alt="واحد"))
    summary = import_dump(path)
    assert summary.stored == 1 and summary.path == path
    assert (tmp_path / "envhome" / "imported.csv").is_file()
    (p,) = imported_places()
    assert (p.id, p.name_ar) == ("gn1", "واحد")


def test_imported_places_read_back_equal(tmp_path):
    if not SY_DUMP.is_file():
        pytest.skip(f"{SY_DUMP} not present")
    home = tmp_path / "home"
    summary = import_dump(SY_DUMP, home=home)
    assert summary.stored == summary.kept
    assert imported_places(home) == list(read_geonames(SY_DUMP))


def test_ten_thousand_rows(tmp_path):
    path = tmp_path / "big.txt"
    codes = ["PPL", "PPLA3", "PPLA2", "STM", "AIRP"]
    classes = ["P", "P", "P", "H", "S"]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(10_000):
            handle.write(row(100_000 + i, f"Place {i}", alt=f"Alt {i},مكان {i},X{i % 7}",
                             lat=f"{32 + (i % 500) / 100:.5f}", lon=f"{36 + (i % 600) / 100:.5f}",
                             fclass=classes[i % 5], fcode=codes[i % 5],
                             admin1=f"{1 + i % 14:02d}", pop=str(i * 10)) + "\n")
    home = tmp_path / "home"
    summary = import_dump(path, home=home)
    assert summary.read == 10_000
    assert summary.kept == 8_000 and summary.skipped == {"feature H.STM": 2_000}
    assert summary.stored == 8_000
    places = by_id(imported_places(home))
    assert len(places) == 8_000
    p = places["gn100001"]
    assert (p.name_ar, p.kind, p.governorate) == ("مكان 1", "town", "latakia")
    assert places["gn100004"].kind == "airport"
    assert "X1" not in p.alt_names  # code-like


# --- property: a well-formed row always reads back ----------------------------------------------

_name_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\t\n\r,"),
    min_size=1, max_size=30,
).filter(lambda s: s.split())


@settings(max_examples=150, deadline=None)
@given(name=_name_text, lat=st.floats(-90, 90), lon=st.floats(-180, 180),
       pop=st.integers(0, 30_000_000), alts=st.lists(_name_text, max_size=5))
def test_well_formed_rows_read_back(tmp_path_factory, name, lat, lon, pop, alts):
    path = tmp_path_factory.mktemp("prop") / "one.txt"
    path.write_text(row(42, name, alt=",".join(alts), lat=repr(lat), lon=repr(lon), pop=str(pop)),
                    encoding="utf-8")
    (p,) = read_geonames(path)
    assert (p.id, p.lat, p.lon) == ("gn42", lat, lon)
    assert p.name_en == " ".join(name.split())
    assert p.population == (pop or None)
    assert all("|" not in a and a == a.strip() and a for a in p.alt_names)
    assert len({a.casefold() for a in p.alt_names}) == len(p.alt_names)


# --- what an import writes, the store reads back ------------------------------------------------

def test_oversized_row_is_refused_with_its_line_and_the_store_stays_readable(tmp_path):
    home = tmp_path / "home"
    import_dump(write(tmp_path, row(1, "One"), name="ok.txt"), home=home)
    before = imported_path(home).read_bytes()
    names = ",".join(f"Name{i}" for i in range(20_000))[:140_000]  # 140,000 characters
    big = write(tmp_path, row(2, "Two"), row(3, "Three", alt=names), name="big.txt")
    with pytest.raises(GazetteerDataError, match=r"big\.txt, line 2: row of 65,538 bytes or "
                                                 r"more, longer than the 65,536 accepted"):
        import_dump(big, home=home)
    assert imported_path(home).read_bytes() == before
    assert [p.id for p in imported_places(home)] == ["gn1"]
    assert import_dump(write(tmp_path, row(4), name="next.txt"), home=home).stored == 2


def test_row_at_the_limit_is_imported_and_reads_back(tmp_path):
    head = row(5, "Five", alt="")
    names = ",".join(f"N{i:06d}" for i in range(8_000))  # 63,999 characters of alternate names
    line = head.replace("\t\t36.65556", f"\t{names}\t36.65556")
    pad = MAX_ROW_BYTES - len(line.encode())
    line = line.replace(f"\t{names}\t", f"\t{names},{'x' * (pad - 1)}\t")
    assert len(line.encode()) == MAX_ROW_BYTES
    home = tmp_path / "home"
    assert import_dump(write(tmp_path, line), home=home).stored == 1
    (p,) = imported_places(home)
    assert len(p.alt_names) == 8_001 and p.alt_names[0] == "N000000"
    with pytest.raises(GazetteerDataError, match="line 1: row of 65,537 bytes"):
        import_dump(write(tmp_path, line + "y", name="over.txt"), home=home)


def test_nul_in_a_row_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, row(1), row(2, "Bad\x00Name"))
    with pytest.raises(GazetteerDataError, match=r"dump\.txt, line 2: NUL character in column 2 \(name\)"):
        import_dump(path, home=tmp_path / "home")
    assert not imported_path(tmp_path / "home").exists()


_any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                           blacklist_characters="\t\n,"),
                    min_size=1, max_size=40)


@settings(max_examples=100, deadline=None)
@given(name=_any_text, alts=st.lists(_any_text, max_size=8))
def test_whatever_an_import_accepts_reads_back(tmp_path_factory, name, alts):
    folder = tmp_path_factory.mktemp("back")
    path = write(folder, row(7, name, alt=",".join(alts)))
    try:
        summary = import_dump(path, home=folder / "home")
    except GazetteerDataError as exc:
        assert exc.line == 1 and "dump.txt" in str(exc)  # refused, with its line
        assert not imported_path(folder / "home").exists()
        return
    assert summary.stored == len(imported_places(folder / "home")) == 1
    assert imported_places(folder / "home") == list(read_geonames(path))

"""Coverage where the news happens: the places of north-east Syria resolve where they are.

``tests/data/gazetteer/coverage.csv`` lists the towns, sub-district centres, bases,
airfields, oil and gas fields, crossings, dams and bridges that Arabic news about
north-east Syria names, each with a coordinate read from the source it cites (the
same sources as ``gazetteer/data/places.csv``) and the governorate it lies in. Every
Arabic name, English name and listed variant must resolve through
:func:`gazetteer.lookup.lookup` to a place within the row's tolerance (5 km for a town,
10 km for a site) and in the row's governorate, and an Arabic name written with or
without the article must resolve alike, by lookup and in running text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gazetteer.model import GOVERNORATES, Place
from gazetteer.normalize import arabic_key
from gazetteer.store import Gazetteer, load_gazetteer
from tests.gazetteer.helpers import best, km, resolved

TABLE = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "coverage.csv"
COLUMNS = ["name_ar", "name_en", "governorate", "lat", "lon", "tol_km", "variants", "source"]


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


ROWS = _rows()


def _variants(row: dict[str, str]) -> list[str]:
    return [v for v in row["variants"].split("|") if v]




def _is_arabic(name: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in name)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The embedded gazetteer only: a user's imports must not decide these answers."""
    return load_gazetteer(include_imported=False)




def _assert_near(place: Place, row: dict[str, str], name: str) -> None:
    d = km(float(row["lat"]), float(row["lon"]), place.lat, place.lon)
    assert d <= float(row["tol_km"]), (name, place.id, round(d, 1), row["source"])
    # Same-named places elsewhere (Qahtaniyah, Tabiyah, Suran ...) must not answer instead.
    assert place.governorate == row["governorate"], (name, place.id, place.governorate)


# ---------------------------------------------------------------- the table


def test_table_is_well_formed():
    assert len(ROWS) >= 94
    for row in ROWS:
        assert _is_arabic(row["name_ar"]) and row["name_en"].strip(), row
        assert row["tol_km"] in ("5", "10"), row
        assert row["governorate"] in GOVERNORATES, row
        assert row["source"].strip(), row
        lat, lon = float(row["lat"]), float(row["lon"])
        assert 32.3 <= lat <= 37.4 and 35.7 <= lon <= 42.4, row
    names = [r["name_ar"] for r in ROWS]
    assert len(names) == len(set(names))


# ---------------------------------------------------------------- lookups


@pytest.mark.parametrize("row", ROWS, ids=[r["name_en"] for r in ROWS])
def test_arabic_name_resolves_within_tolerance(row, gaz):
    place = best(row["name_ar"], gaz)
    _assert_near(place, row, row["name_ar"])
    assert place.in_area and place.source.strip()


@pytest.mark.parametrize("row", ROWS, ids=[r["name_en"] for r in ROWS])
def test_english_name_resolves_within_tolerance(row, gaz):
    _assert_near(best(row["name_en"], gaz), row, row["name_en"])


@pytest.mark.parametrize("row", [r for r in ROWS if r["variants"]],
                         ids=[r["name_en"] for r in ROWS if r["variants"]])
def test_variants_resolve_within_tolerance(row, gaz):
    for name in _variants(row):
        _assert_near(best(name, gaz), row, name)


def _toggle_article(name: str) -> str:
    """'الخفسة' -> 'خفسة' and 'رميلان' -> 'الرميلان' (single-word names only)."""
    return name[2:] if name.startswith("ال") else "ال" + name


SINGLE_WORD = sorted({n for r in ROWS for n in [r["name_ar"], *_variants(r)]
                      if _is_arabic(n) and " " not in n and len(n) > 4})


@pytest.mark.parametrize("name", SINGLE_WORD)
def test_with_and_without_article_look_up_alike(name, gaz):
    assert best(_toggle_article(name), gaz).id == best(name, gaz).id


# ---------------------------------------------------------------- running text

#: Both forms occur in the news ('مطار الرميلان' / 'بلدة رميلان'); each must be found in a
#: sentence and resolve to the same place. Article-less forms of short names ('شحيل') are
#: not indexed on purpose (normalize/matcher: MIN_BARE_CORE), so they are not listed here.
TEXT_PAIRS = [
    ("الرميلان", "رميلان"), ("الخفسة", "خفسة"), ("الغندورة", "غندورة"), ("العريمة", "عريمة"),
    ("اليعربية", "يعربية"), ("المعبدة", "معبدة"), ("القحطانية", "قحطانية"), ("الحسكة", "حسكة"),
    ("الدرباسية", "درباسية"), ("الطيانة", "طياني"), ("الشدادي", "شدادي"), ("الباغوز", "باغوز"),
]




@pytest.mark.parametrize(("with_article", "bare"), TEXT_PAIRS)
def test_with_and_without_article_found_alike_in_text(with_article, bare, gaz):
    ids = []
    for name in (with_article, bare):
        found = resolved(f"دوي انفجار في {name} صباح اليوم", gaz)
        assert [t for t, _ in found] == [name], (name, found)
        ids.append(found[0][1])
    assert ids[0] == ids[1]


def test_text_mentions_of_new_sites_resolve(gaz):
    cases = {
        "هبطت طائرة شحن في مطار الرميلان شرق الحسكة": "abu_hajar_airfield",
        "قصف قاعدة خراب الجير الأمريكية في منطقة الرميلان النفطية": "abu_hajar_airfield",
        "سقطت قذيفتان قرب القرية الخضراء في حقل العمر": "green_village",
        "وصلت تعزيزات إلى قاعدة قسرك قرب تل تمر": "qasrak_base",
        "اشتباكات في بلدة ذبيان بريف دير الزور الشرقي": "dhiban",
        "تفجير جسر قره قوزاق على الفرات": "qara_qozak_bridge",
        "بلدة تل شاميران بريف تل تمر الجنوبي الغربي": "tell_shamiram",
        "وصلت تعزيزات روسية إلى مطار الجراح العسكري شرق حلب": "jirah_airbase",
        "هجوم لخلايا داعش على سجن الصناعة في حي غويران بالحسكة": "ghwayran",
        "اشتباكات في ناحية الجوادية بريف المالكية": "jawadiyah",
        # the second of two fields named after 'حقلي', with its own adjective
        "وصلت إلى القواعد الأمريكية في حقلي كونيكو للغاز والعمر النفطي": "omar_field",
    }
    for text, pid in cases.items():
        assert pid in [i for _, i in resolved(text, gaz)], (text, resolved(text, gaz))


# ---------------------------------------------------------------- Tabqa: the airbase is not the city


def test_tabqa_airbase_is_not_the_city(gaz):
    airbase, city = best("مطار الطبقة", gaz), best("الطبقة", gaz)
    assert airbase.kind == "airport" and airbase.id == "tabqa_airbase"
    assert city.kind == "city" and city.id == "tabqa"
    assert km(airbase.lat, airbase.lon, city.lat, city.lon) > 5
    assert best("مطار الطبقة العسكري", gaz).id == "tabqa_airbase"
    assert best("مدينة الطبقة", gaz).id == "tabqa"


def test_tabqa_airbase_and_city_in_text(gaz):
    assert resolved("استهدفت مسيرة مطار الطبقة العسكري", gaz) == [
        ("مطار الطبقة العسكري", "tabqa_airbase")]
    assert resolved("انتشار أمني في مدينة الطبقة", gaz) == [("الطبقة", "tabqa")]
    assert resolved("من مطار الطبقة إلى الطبقة", gaz) == [
        ("مطار الطبقة", "tabqa_airbase"), ("الطبقة", "tabqa")]


# ---------------------------------------------------------------- ordinary words stay words


@pytest.mark.parametrize("text", [
    "صوت مجلس الشيوخ الأمريكي على القرار",          # الشيوخ: the Senate, not Shuyukh
    "طالب المتظاهرون بالحرية والكرامة في القرية",     # الحرية / الكرامة / القرية: words
    "زار وفد من الصالحية والجلاء المدينة",            # الصالحية / الجلاء without a cue word
    "أصيب ثلاثة مدنيين بجراح خطيرة",                # جراح: wounds, not the Jirah airbase
])
def test_ordinary_words_are_not_new_places(text, gaz):
    assert resolved(text, gaz) == []


def test_new_names_have_distinct_keys(gaz):
    # A short or common key shared with another place would turn into a coin toss.
    for name in ("قسرك", "غرانيج", "حطلة", "الخفسة", "غندورة", "عريمة", "ذبيان", "خراب الجير"):
        ids = {p.id for p in gaz.by_key(arabic_key(name))}
        assert len(ids) == 1, (name, ids)

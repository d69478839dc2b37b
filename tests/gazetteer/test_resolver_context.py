"""gazetteer.resolver: what the text around a name says about it.

A name the text ties to a far place means another place of that name; a place name
inside a unit's, council's or outlet's name is not a place of the story; an unknown
village named again takes the area the text gave it once. The sentences are made up
for these tests in the style of the news, on a small hand-made gazetteer.
"""

from __future__ import annotations

import pytest

from gazetteer.model import Place
from gazetteer.resolver import resolve_text
from gazetteer.store import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer([
        Place("qamishli", "القامشلي", "Qamishli", "city", 37.05215, 41.23142, "hasakah",
              source="test"),
        Place("rif_qamishli", "ريف القامشلي", "Qamishli countryside", "region", 37.05215,
              41.23142, "hasakah", ("ريف القامشلي الشرقي",), parent="qamishli", source="test"),
        Place("yarubiyah", "اليعربية", "al-Yarubiyah", "town", 36.8094, 42.0628, "hasakah",
              source="test"),
        Place("hasakah", "الحسكة", "al-Hasakah", "city", 36.50237, 40.74772, "hasakah",
              source="test"),
        Place("rif_hasakah", "ريف الحسكة", "Hasakah countryside", "region", 36.50237, 40.74772,
              "hasakah", ("ريف الحسكة الشمالي الشرقي",), parent="hasakah", source="test"),
        # a crossing of the same name far away, on the Iraqi border of the south
        Place("nakhil_crossing", "معبر النخيل", "al-Nakhil crossing", "border_crossing", 33.43,
              38.64, "rif_dimashq", source="test"),
        Place("deir_ez_zor", "دير الزور", "Deir ez-Zor", "city", 35.336, 40.141, "deir_ez_zor",
              source="test"),
        Place("busayrah", "البصيرة", "al-Busayrah", "town", 35.156, 40.426, "deir_ez_zor",
              source="test"),
        Place("tal_abyad", "تل أبيض", "Tell Abyad", "town", 36.6975, 38.95667, "raqqa",
              source="test"),
        # a macro-region whose representative point is far from most of what it holds
        Place("east_syria", "شرق سوريا", "eastern Syria", "region", 36.5, 40.5, "",
              source="test"),
    ])


def _at(gaz: Gazetteer, text: str, name: str):
    return [m for m in resolve_text(text, gaz) if m.text == name]


@pytest.mark.parametrize("text", [
    "ودخلت القافلة الأراضي السورية عبر معبر النخيل غير الشرعي قرب بلدة اليعربية.",
    "عبرت الشاحنات معبر النخيل بريف الحسكة الشمالي الشرقي قادمة من العراق.",
    "وصل الرتل إلى معبر النخيل الواقع في ريف الحسكة.",
    # a bearing from a town ties the name to it ('قرية تل شعير غربي كوباني')
    "عبرت الشاحنات معبر النخيل شمال شرق بلدة اليعربية.",
    "عبرت الشاحنات معبر النخيل إلى الغرب من بلدة اليعربية.",
])
def test_a_name_tied_to_a_far_place_is_another_place_of_that_name(gaz, text) -> None:
    [m] = _at(gaz, text, "معبر النخيل")
    assert m.place is not None and m.place.governorate == "hasakah"
    assert m.approximate and m.geo_precision == 2
    assert "another place of that name" in m.cue
    assert "nakhil_crossing" in [c.place.id for c in m.candidates]


@pytest.mark.parametrize("text", [
    "عبرت الشاحنات معبر النخيل على الحدود مع العراق.",
    # named in the same sentence, not tied to it: the known place stands
    "قصفت مسيرة معبر النخيل ثم استهدفت مواقع في ريف الحسكة.",
    # a region of the country lies in no governorate: no other area to tie the crossing to
    "وصلت معدات عسكرية إلى شرق سوريا عبر معبر النخيل الحدودي.",
])
def test_the_known_place_stands_without_a_tie(gaz, text) -> None:
    [m] = _at(gaz, text, "معبر النخيل")
    assert m.place.id == "nakhil_crossing" and not m.approximate


def test_the_province_a_place_belongs_to_is_no_rival_place(gaz) -> None:
    """'منطقة التنف التابعة لحمص': the seat's name for its governorate, which is vast."""
    [m] = _at(gaz, "عبرت الشاحنات معبر النخيل التابع لدير الزور.", "معبر النخيل")
    assert m.place.id == "nakhil_crossing" and not m.approximate


def test_a_region_around_a_place_is_no_rival_place(gaz) -> None:
    """'مدينة دير الزور في شرق سوريا': the region holds the city, however far its point."""
    [m] = _at(gaz, "تقدمت القوات في أحياء مدينة دير الزور في شرق سوريا.", "دير الزور")
    assert m.place.id == "deir_ez_zor" and not m.approximate


@pytest.mark.parametrize("text", [
    "قصفت المدفعية قرى في محيط مدينة تل أبيض بريف الحسكة.",
    "سقطت قذائف على مدينة “تل أبيض” بريف الحسكة الشمالي الشرقي.",
])
def test_a_town_the_text_calls_a_city_is_the_known_one_wherever_it_is_tied(gaz, text) -> None:
    """One town of that name is a city: 'مدينة تل أبيض بريف الحسكة' is the outlet's slip."""
    [m] = _at(gaz, text, "تل أبيض")
    assert m.place.id == "tal_abyad" and not m.approximate


def test_a_village_of_a_towns_name_tied_far_away_is_another_place(gaz) -> None:
    [m] = _at(gaz, "داهمت القوات قرية تل أبيض بريف الحسكة.", "تل أبيض")
    assert m.place.id != "tal_abyad" and m.approximate


@pytest.mark.parametrize("text", [
    "انفجرت عبوة في البصيرة بريف دير الزور الشرقي.",
    "انفجرت عبوة في البصيرة شرقي مدينة دير الزور.",
])
def test_a_close_tie_keeps_the_known_place(gaz, text) -> None:
    [m] = _at(gaz, text, "البصيرة")
    assert m.place.id == "busayrah"


@pytest.mark.parametrize(("text", "name"), [
    ("قتل عنصران من مجلس دير الزور العسكري بهجوم مسلح.", "دير الزور"),
    ("أعلن لواء القامشلي التابع للفصائل عن مقتل قائده.", "القامشلي"),
    ("وقال المكتب الإعلامي لمجلس الحسكة المدني إن الخدمات عادت.", "الحسكة"),
])
def test_a_place_inside_a_body_name_is_not_a_location(gaz, text, name) -> None:
    [m] = _at(gaz, text, name)
    assert m.role == "body" and m.place is None


@pytest.mark.parametrize(("text", "name"), [
    ("اشتباكات تدور في حي الأندلس وشارع تل أبيض شمال المدينة.", "تل أبيض"),
    ("تجمع المحتجون عند دوار الحسكة وسط مدينة القامشلي.", "الحسكة"),
])
def test_a_place_naming_a_street_is_not_a_location(gaz, text, name) -> None:
    [m] = _at(gaz, text, name)
    assert m.role == "street" and m.place is None


def test_a_council_word_alone_keeps_the_place(gaz) -> None:
    [m] = _at(gaz, "عقد اجتماع في مجلس الحسكة بحضور وجهاء العشائر.", "الحسكة")
    assert m.role == "location"


def test_a_place_glued_to_digits_is_an_outlet(gaz) -> None:
    mentions = resolve_text("وأفادت شبكة البصيرة24 بأن دورية مرت في دير الزور.", gaz)
    assert [m.place.id for m in mentions if m.role == "location"] == ["deir_ez_zor"]


def test_an_unknown_village_named_again_takes_its_area(gaz) -> None:
    text = ("داهمت القوات قرية تل الورد بريف القامشلي الشرقي فجراً. "
            "وتجمع أهالي تل الورد أمام الحاجز. "
            "وانسحبت الدورية من قرية تل الورد بعد ساعتين.")
    found = [m for m in resolve_text(text, gaz) if m.key == "تل الورد"]
    assert len(found) == 3
    assert all(m.place is not None and m.place.id == "rif_qamishli" and m.approximate
               for m in found)


def test_unknown_names_recur_as_words_only(gaz) -> None:
    # two names read in one pass: after a clitic ('وبتل الورد') they recur, glued inside a
    # longer word ('كتل الوردية') they do not
    text = ("داهمت القوات قرية تل الورد وقرية عين حمود بريف القامشلي الشرقي. "
            "وتجمع أهالي تل الورد وعين حمود، ثم وبتل الورد وكتل الوردية وعين حمودي.")
    keys = [(m.key, text[m.start:m.end]) for m in resolve_text(text, gaz)
            if m.key in ("تل الورد", "عين حمود")]
    assert keys == [("تل الورد", "تل الورد"), ("عين حمود", "عين حمود"), ("تل الورد", "تل الورد"),
                    ("عين حمود", "عين حمود"), ("تل الورد", "تل الورد")]


@pytest.mark.parametrize("villages", [2, 20])
def test_unknown_names_recur_alike_however_many_a_text_introduces(gaz, villages) -> None:
    # a few names are looked for one by one, many by one automaton: the same recurrences
    names = [f"خربة {w}" for w in ("عمو", "حمو", "سمو", "دلو", "كنو", "رشو", "زبو", "طعو", "غلو",
                                    "فرو", "قصو", "لمو", "نجو", "هدو", "وسو", "يحو", "بكو",
                                    "تمو", "ثلو", "جرو")][:villages]
    text = "".join(f"دخلت الدورية قرية {n} بريف القامشلي. " for n in names)
    text += "".join(f"ثم غادرت {n} ووبخ{n} وب{n}. " for n in names)
    found = [m for m in resolve_text(text, gaz) if m.key.startswith("خربه")]
    assert [text[m.start:m.end] for m in found] == names + [n for n in names for _ in (1, 2)]
    assert all(m.place is not None and m.place.id == "rif_qamishli" for m in found)


def test_an_unknown_name_stays_for_review_when_no_area_is_ever_given(gaz) -> None:
    found = [m for m in resolve_text("وصلت الدورية إلى قرية أم الورود. ثم غادرت أم الورود.", gaz)
             if m.key == "ام الورود"]
    assert len(found) == 2 and all(m.place is None for m in found)


def test_an_ordinary_word_after_an_unknown_name_is_not_part_of_it(gaz) -> None:
    text = ("تظاهر الأهالي قرب بلدة الجرذي شمال دير الزور. "
            "وطالبوا باسترجاع بلدة الجرذي بأسرع وقت.")
    found = [m for m in resolve_text(text, gaz) if "الجرذي" in m.text]
    assert [m.text for m in found] == ["الجرذي", "الجرذي"]
    assert all(m.place is not None and m.place.governorate == "deir_ez_zor" for m in found)


@pytest.mark.parametrize("text", [
    "صرخ أحد سكان ريف القامشلي بوجه الدورية أمس في بلدة تل الورد.",
    "شهد الريف الشرقي لمدينة القامشلي مواجهات عنيفة في قرية تل الورد.",
])
def test_an_unknown_village_set_in_a_countryside_earlier_in_its_sentence(gaz, text) -> None:
    [m] = [m for m in resolve_text(text, gaz) if m.key == "تل الورد"]
    assert m.place is not None and m.place.id == "rif_qamishli" and m.approximate
    assert "earlier in the sentence" in m.cue


def test_a_town_named_earlier_is_not_the_area_of_a_village(gaz) -> None:
    text = "انطلقت الدورية من مدينة الحسكة إلى قرية تل الورد."
    [m] = [m for m in resolve_text(text, gaz) if m.key == "تل الورد"]
    assert m.place is None


# --- quarters, and where an unknown name ends ---------------------------------------------


@pytest.mark.parametrize(("text", "name"), [
    ("انفجرت عبوة في حي الفردوس بمدينة الحسكة.", "الفردوس"),
    ("استهدفت مسيرة سيارة في حي طي بالقامشلي.", "طي"),
])
def test_an_unknown_quarter_is_placed_at_its_town_not_the_countryside(gaz, text, name) -> None:
    quarter = next(m for m in resolve_text(text, gaz) if m.kind_word == "neighbourhood")
    assert quarter.text == name and quarter.place.kind == "city"
    assert (quarter.geo_precision, quarter.approximate) == (1, True)


def test_an_unknown_village_near_a_town_is_its_countryside(gaz) -> None:
    (village, town) = resolve_text("وقعت المواجهة في قرية الفرافرة بالقرب من بلدة القامشلي.", gaz)
    assert (village.text, village.place.id, village.approximate) == ("الفرافرة", "rif_qamishli", True)
    assert town.place.id == "qamishli"


@pytest.mark.parametrize("after", ["على طريق الحسكة", "بمدينة الحسكة", "وبلدة الحسكة"])
def test_a_preposition_or_kind_word_after_an_unknown_name_is_not_part_of_it(gaz, after) -> None:
    village = resolve_text(f"استهدفت مسيرة سيارة قرب قرية دوكركا {after}.", gaz)[0]
    assert village.text == "دوكركا"


@pytest.mark.parametrize("text", ["وصلت تعزيزات إلى الريف الشرقي لمدينة القامشلي.",
                                  "قصفت المدفعية مواقع في الريف الشمالي الشرقي للقامشلي."])
def test_a_direction_then_the_town_after_countryside_is_its_countryside(gaz, text) -> None:
    m = resolve_text(text, gaz)[0]
    assert (m.place.id, m.geo_precision, m.approximate) == ("rif_qamishli", 2, True)


@pytest.mark.parametrize(("text", "side"), [
    ("وصلت تعزيزات إلى الريف الشرقي لمدينة القامشلي.", "rif_qamishli_east"),
    ("قصفت المدفعية مواقع في الريف الشمالي الشرقي للقامشلي.", "rif_qamishli_north_east"),
    # the governorate named: its seat's countryside
    ("اعتقلت قسد عشرة أشخاص بالريف الشرقي لمحافظة ديرالزور.", "rif_deir_ez_zor_east"),
])
def test_the_side_of_a_countryside_named_before_its_town_is_that_side(text, side) -> None:
    """With the store's derived sides ('ريف X الشرقي'), the phrase takes the side it names."""
    from gazetteer import load_gazetteer
    m = resolve_text(text, load_gazetteer())[0]
    assert (m.place.id, m.geo_precision, m.approximate) == (side, 2, True)


def test_a_town_filed_loosely_under_a_countryside_stays_the_town(gaz) -> None:
    first, second = resolve_text("استهدفت مسيرة سيارة في القامشلي بريف مدينة الحسكة.", gaz)
    assert (first.place.id, second.place.id) == ("qamishli", "hasakah")


@pytest.mark.parametrize(("text", "area"), [
    ("قتل مدني برصاص القوات الأمريكية في قرية خربة عمو في الحسكة.", "rif_hasakah"),
    ("اعترض الأهالي رتلاً في قرية الفرافرة بريف القامشلي.", "rif_qamishli"),
])
def test_an_unknown_village_stands_at_the_countryside_of_its_town(gaz, text, area):
    """'ريف الحسكة', never another region centred on the town ('جبل عبد العزيز')."""
    unknown = [m for m in resolve_text(text, gaz) if m.place is not None and m.approximate]
    assert [m.place.id for m in unknown] == [area]


def test_only_a_region_named_rif_is_a_towns_countryside(gaz):
    assert {p.name_ar[:4] for p in gaz.countryside_of.values()} == {"ريف "}
    assert gaz.countryside_of["hasakah"].id == "rif_hasakah"


def test_an_unknown_village_given_two_areas_stands_at_the_finer():
    """'في الحسكة' after a village often means the province (named by its seat); a later
    'إلى الشرق من مدينة القامشلي' is finer, and every mention of the village takes it
    (the bundled gazetteer: it knows which city each governorate is named after)."""
    from gazetteer import load_gazetteer
    gaz = load_gazetteer()
    text = ("قتل مدني برصاص القوات الأمريكية في قرية خربة عمو في الحسكة.\n"
            "وتجمع الأهالي عند حاجز قرب قرية خربة عمو إلى الشرق من مدينة القامشلي.")
    areas = [m.place.id for m in resolve_text(text, gaz) if "خربة" in m.text]
    assert areas == ["rif_qamishli", "rif_qamishli"]


@pytest.mark.parametrize(("text", "name"), [
    ("وقالت الصورة كذا (أ ف ب)الحسكة- قُتل وأُصيب مسلحون في استهداف جوي قرب القامشلي.", "الحسكة"),
    ("الحسكة - وكالات: أعلن قائد عسكري مقتل عنصرين في القامشلي.", "الحسكة"),
])
def test_a_desks_place_opening_the_story_with_a_dash_is_a_dateline(gaz, text, name) -> None:
    [m] = _at(gaz, text, name)
    assert m.role == "dateline" and _at(gaz, text, "القامشلي")[0].role == "location"


def test_a_place_opening_a_line_without_a_dash_stays_a_location(gaz) -> None:
    [m] = _at(gaz, "الحسكة شهدت اليوم انفجاراً قرب دوار الصباغ.", "الحسكة")
    assert m.role == "location"

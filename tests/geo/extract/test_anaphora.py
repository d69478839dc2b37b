"""geo.extract.anaphora: nouns that refer back to a place named before.

Sentences written for these tests; each varies the outlet's phrasing of one reading rule.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.geo.extract.helpers import run


def _placed(gaz, body: str) -> list[tuple[str, str | None, dt.date | None]]:
    return [(i.type, i.place.id if i.place else None, i.date_first) for i in run(gaz, body).incidents]


@pytest.mark.parametrize(("lead", "countryside"), [
    ("قتل مدني بانفجار لغم في قرية نفاشة بريف الحسكة الشرقي اليوم.", "rif_hasakah"),
    ("قتل مدني بانفجار لغم أرضي في بلدة الصور بريف دير الزور اليوم.", "rif_deir_ez_zor"),
    ("قتل راعٍ بانفجار لغم قرب مدينة الطبقة غربي الرقة اليوم.", "rif_raqqa"),
])
def test_the_governorates_countryside_is_that_of_the_province_named_before(gaz, lead, countryside):
    body = (f"{lead}\n\nوأصيب مدني آخر بجروح في الـ 3 من تموز الماضي جراء انفجار لغم أرضي "
            "في قرية الغزيلة بريف المحافظة الشمالي.")
    placed = _placed(gaz, body)
    assert ("explosion", countryside, dt.date(2023, 7, 3)) in placed


def test_the_governorates_countryside_with_no_province_named_before_invents_none(gaz):
    body = "وأصيب مدني بجروح جراء انفجار لغم أرضي في قرية الغزيلة بريف المحافظة الشمالي."
    assert all(place is None for _, place, _ in _placed(gaz, body))


def test_the_camp_is_the_camp_named_before(gaz):
    body = ("قُتل لاجئ عراقي داخل مخيم الهول فجر اليوم الخميس.\n\n"
            "وقتل لاجئ عراقي يوم الأحد الفائت بالتزامن مع اندلاع حريق في خيمتين داخل القطاع الأول "
            "في المخيم.")
    result = run(gaz, body, published=dt.date(2020, 5, 28))
    assert sorted((i.place.id, i.date) for i in result.incidents) == [
        ("hol_camp", "2020-05-24"), ("hol_camp", "2020-05-28")]


def test_the_city_is_the_town_told_not_the_city_that_locates_it(gaz):
    body = ("أطلق مسلحون النار على مسؤول في المجلس المدني بمدينة البصيرة شرقي دير الزور اليوم.\n\n"
            "وعلى إثر الحادثة، داهمت دوريات قسد منازل في المدينة.")
    assert {i.place.id for i in run(gaz, body).incidents} == {"busayrah"}


@pytest.mark.parametrize("same", ["القاعدة ذاتها", "القاعدة نفسها", "ذات القاعدة"])
def test_the_same_base_said_before_the_verb_is_the_base_named_before(gaz, same):
    body = ("هبطت طائرة شحن أمريكية في قاعدة خراب الجير قرب بلدة رميلان بعد منتصف ليل الأحد.\n\n"
            f"وتعد هذه ثاني عملية خلال الشهر، إذ شهدت {same}، بتاريخ 14 تموز 2025، هبوط طائرة شحن "
            "تابعة للقوات الأمريكية، في إطار التعزيزات التي تصل إلى قواعد التحالف في شمال شرق سوريا.")
    result = run(gaz, body, published=dt.date(2025, 7, 21))
    assert ("abu_hajar_airfield", "2025-07-14") in [
        (i.place.id if i.place else None, i.date) for i in result.incidents]


def test_a_region_with_no_same_place_word_keeps_its_reading(gaz):
    body = ("هبطت طائرة شحن أمريكية في قاعدة خراب الجير قرب بلدة رميلان بعد منتصف ليل الأحد.\n\n"
            "وتواصل الولايات المتحدة إرسال التعزيزات إلى قواعدها في شمال شرق سوريا.")
    result = run(gaz, body, published=dt.date(2025, 7, 21))
    assert [i.place.id for i in result.incidents if i.place] == ["abu_hajar_airfield"]


def test_a_district_the_gazetteer_lacks_is_in_the_city_named_before(gaz):
    body = ("نفى التحالف اليوم الثلاثاء توجيه ضربة لمدينة دير الزور في شرق سوريا.\n\n"
            "وكان التلفزيون السوري ذكر أن التحالف ضرب حي القصور الذي تسيطر عليه الحكومة فقتل 14 "
            "مدنياً يوم الاثنين، وقال المرصد إنه ليس من الواضح أي من الطائرات نفذت الضربة.")
    result = run(gaz, body, published=dt.date(2017, 10, 24))
    assert [(i.type, i.place.id, i.geo_precision, i.date) for i in result.incidents if i.place] == [
        ("airstrike", "deir_ez_zor", 2, "2017-10-23")]


def test_a_district_with_no_city_named_before_borrows_no_city(gaz):
    body = ("وذكر التلفزيون أن طائرات التحالف ضربت حي القصور فقتلت 14 مدنياً يوم الاثنين.")
    result = run(gaz, body, published=dt.date(2017, 10, 24))
    assert [i.place for i in result.incidents] == [None]


@pytest.mark.parametrize("subject", ["أن المدينة تشهد", "أن المدينة شهدت", "أن البلدة تشهد"])
def test_the_place_the_clause_refers_back_to_beats_another_clauses_place(gaz, subject):
    body = ("خرج أهالي مدينة الطبقة في مظاهرة ضد التجنيد الإجباري مساء أمس.\n\n"
            f"يذكر {subject} موجة احتجاجات منذ أيام، بعد دعوة الأهالي للوقوف ضد زج أبنائهم "
            "في المعارك ضد تنظيم داعش في دير الزور.")
    assert {place for kind, place, _ in _placed(gaz, body) if kind == "protest"} == {"tabqa"}


def test_a_clause_that_refers_back_after_its_verb_keeps_the_place_it_names(gaz):
    body = ("قصفت القوات التركية قرية زور مغار في ريف مدينة عين العرب اليوم.\n\n"
            "وأصيب مدنيان بجروح جراء قصف تركي على القرية مساء أمس في ريف عين العرب.")
    assert "ain_al_arab" in {place for _, place, _ in _placed(gaz, body)}


def test_a_town_the_text_calls_a_city_is_the_city_it_refers_back_to(gaz):
    body = ("دخل الجيش السوري مدينة السخنة بريف حمص الشرقي بعد معارك مع تنظيم داعش اليوم.\n\n"
            "وقتل مدني بانفجار لغم أرضي زرعه التنظيم في أحد أحياء المدينة مساء أمس.")
    assert {place for _, place, _ in _placed(gaz, body)} == {"sukhnah"}


def test_the_city_after_a_town_named_without_its_kind_is_not_its_far_district_city(gaz):
    """'مشفى "تل أبيض" وسط المدينة': Tell Abyad's centre, not Raqqa's (its district city, 83 km
    away); a suburb's city stays what 'المدينة' means after a suburb."""
    body = ("جرح مدنيون اليوم باشتباكات بين فصيلين في مدينة تل أبيض شمال الرقة.\n\n"
            "وأضافت المصادر أن الجرحى أسعفوا إلى مشفى \"تل أبيض\" وسط المدينة، إثر سقوط قذائف هاون"
            " على الأحياء السكنية.")
    assert "raqqa" not in {place for _, place, _ in _placed(gaz, body)}


@pytest.mark.parametrize("noun", ["المدينتين", "البلدتين"])
def test_a_pair_named_before_is_referred_back_to_by_its_dual(gaz, noun):
    # 'مدينتي العشارة والقورية' then 'للسيطرة على المدينتين': the pair, at the one the
    # gazetteer knows; not the region of another story the article tells
    kind = "مدينتي" if noun == "المدينتين" else "بلدتي"
    body = (f"قتل عشرات العناصر في محيط {kind} العشارة والقورية يوم الأحد.\n\n"
            "وفي سياق منفصل، سيطرت هيئة تحرير الشام على قرية في ريف حماة.\n\n"
            f"وتدور معارك بين الطرفين منذ عدة أيام في محاولة للسيطرة على {noun}.")
    clashes = [p for t, p, _ in _placed(gaz, body) if t == "armed_clash"]
    assert clashes and set(clashes) == {"ashara"}, _placed(gaz, body)


def test_a_base_the_gazetteer_lacks_is_where_its_first_telling_put_it(gaz):
    # no row for the base: 'القاعدة' later is the base told at al-Shaddadi, not the governorate
    body = ("استهدفت قذائف صاروخية ظهر اليوم القاعدة الأمريكية في حقول نفط كبيرة بمدينة الشدادي "
            "جنوبي محافظة الحسكة.\n\n"
            "وأكدت المصادر أن القاعدة تعرضت في الخامس من الشهر الحالي لقصف بقذيفتين.")
    result = run(gaz, body, published=dt.date(2021, 9, 30))
    by_day = {i.date: i for i in result.incidents}
    assert set(by_day) == {"2021-09-30", "2021-09-05"}
    assert by_day["2021-09-05"].place.id == "shaddadi" and by_day["2021-09-05"].approximate


def test_a_site_never_told_with_a_place_borrows_none(gaz):
    body = ("تمهيد في محافظة الحسكة لا حدث فيه.\n\n"
            "وأكدت المصادر أن القاعدة تعرضت في الخامس من الشهر الحالي لقصف بقذيفتين.")
    result = run(gaz, body, published=dt.date(2021, 9, 30))
    assert all(i.place is None or i.place.id != "shaddadi" for i in result.incidents)

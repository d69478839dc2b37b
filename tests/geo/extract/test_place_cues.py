"""geo.extract.place_cues: the words that settle whose a place is. The behaviour in running
text is tested through the extraction (tests/geo/extract/test_places.py); these are the
module's parts, on sentences written for the tests."""

from __future__ import annotations

import pytest

from geo.extract.document import read_article
from geo.extract.folding import fold_letters
from geo.extract.place_cues import PLAN_RE, fired_from, fled_to, in_plan, seat_named_bare
from tests.geo.extract.helpers import article, run


def _doc(gaz, body):
    return read_article(article(body), gaz)


@pytest.mark.parametrize(("text", "plan"), [
    ("وأوضح أن الانسحاب سيشمل قاعدة التنف في مرحلة لاحقة", True),
    ("وستغادر القوات سوريا في الأيام المقبلة", True),
    ("وانسحبت القوات من قاعدة التنف أمس", False),
    ("وقتل ستة أشخاص في سيارة عسكرية", False),  # 'سيارة' is no future verb
])
def test_a_plan(text, plan):
    assert bool(PLAN_RE.search(fold_letters(text))) is plan


def test_where_people_fled_to(gaz):
    doc = _doc(gaz, "شهدت بلدة البصيرة موجة نزوح كبيرة للمدنيين تجاه مدينة الميادين.")
    fled = {m.place.id: fled_to(doc, m) for m in doc.usable}
    assert fled == {"busayrah": False, "mayadin": True}


def test_where_fire_at_a_target_came_from(gaz):
    doc = _doc(gaz, "وكثف التحالف القصف الصاروخي على الحي من قاعدة حقل العمر النفطي، "
                    "وردت المدفعية التركية بقصف على قرية قرب تل تمر من مواقعها في رأس العين، "
                    "وسيطرت القوات على تلال بالقرب من بلدة الشدادي.")
    fired = {m.place.id: fired_from(doc, m) for m in doc.usable if m.place.kind != "region"}
    # near a town ('بالقرب من') is where, not whence
    assert fired == {"omar_field": True, "tal_tamr": False, "ras_al_ayn": True, "shaddadi": False}


def test_fire_is_placed_at_its_target_not_its_launch_point(gaz):
    body = ("تدور معارك في بلدة هجين. وكثف التحالف الدولي أمس القصف الصاروخي على البلدة من قاعدة "
            "حقل العمر النفطي.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [
        ("armed_clash", "hajin"), ("shelling", "hajin")]


def test_the_town_of_the_hospital_the_dead_reached(gaz):
    doc = _doc(gaz, 'وصلت سبع جثث عناصر من "قسد" و 13 جريحاً إلى مشفى "رأس العين" في مدينة تل أبيض، '
                    "إثر المعارك الدائرة في بلدة عين عيسى.\nووصل رتل عسكري إلى مدينة منبج.")
    fled = {m.place.id: fled_to(doc, m) for m in doc.usable if m.place.kind != "region"}
    # a convoy that reached a town named no hospital: its destination, not the hurt's
    assert fled == {"tal_abyad": True, "ayn_issa": False, "manbij": False}


def test_a_governorates_seat_named_bare(gaz):
    doc = _doc(gaz, "قتل عنصر اليوم في دير الزور، ونقل جريح إلى مدينة الحسكة وبلدة الشدادي ثم إلى القامشلي.")
    bare = {m.place.id: seat_named_bare(doc, m) for m in doc.usable}
    # Qamishli hangs under the governorate too, but no governorate is named after it
    assert bare == {"deir_ez_zor": True, "hasakah": False, "shaddadi": False, "qamishli": False}


def test_a_place_named_in_a_plan(gaz):
    doc = _doc(gaz, "انسحبت القوات من بلدة الشدادي.\nوسيشمل الانسحاب قاعدة التنف في مرحلة لاحقة.")
    assert {m.place.id: in_plan(doc, m) for m in doc.usable} == {"shaddadi": False, "tanf_base": True}



def test_a_road_told_by_its_two_towns_joined_by_bi_is_no_place_of_the_event(gaz):
    """'ليقطعوا طريق الرقة بحلب': the road's ends, not where the villages were taken; the
    countryside the capture's own clause names wins over a city outside it."""
    body = ("وتمكنت قوات سوريا الديمقراطية من السيطرة على قرى بريف الطبقة الغربي يوم الأحد، "
            "ليقطعوا طريق الرقة بحلب.")
    assert [i.place.id for i in run(gaz, body).incidents] == ["rif_tabqa_west"]


def test_a_town_faced_across_a_border_or_a_river_is_a_reference(gaz):
    """'مدينة شانلي أورفا المواجهة لمدينة تل أبيض': reinforcements sent to the Turkish side,
    Tal Abyad only says where; the event takes no place from it."""
    from geo.extract.references import facing

    assert facing("الي مدينه شانلي اورفا المواجهه لمدينه ")
    assert facing("وصولا الي قريه زور مغار المقابله ل")
    assert not facing("وصلت تعزيزات الي مدينه ")
    body = ("أرسل الجيش التركي مساء الأحد تعزيزات عسكرية جديدة إلى مدينة شانلي أورفا المواجهة لمدينة "
            "تل أبيض.")
    assert [i.place for i in run(gaz, body).incidents if i.place is not None] == []

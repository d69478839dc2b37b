"""gazetteer.resolver: a place name that is part of a person's name, and names written with
or without their article. Sentences made up in the style of the news, on the shipped
gazetteer (the names are real towns)."""

from __future__ import annotations

import pytest

from gazetteer.resolver import resolve_text
from gazetteer.store import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _mention(gaz, text: str, surface: str):
    return next(m for m in resolve_text(text, gaz) if m.text == surface)


@pytest.mark.parametrize(("text", "surface"), [
    ("وقال المتحدث باسم قوات سوريا الديمقراطية مرفان قامشلو إن الهجوم صُدّ.", "قامشلو"),
    ("وأكد القيادي في المجلس فرهاد الحسكة أن القوات انسحبت.", "الحسكة"),
    ("وقتل أبو بكر الشدادي في الغارة.", "الشدادي"),
])
def test_a_place_name_in_a_persons_name_is_not_a_place(gaz, text, surface):
    m = _mention(gaz, text, surface)
    assert (m.role, m.place) == ("person", None)


@pytest.mark.parametrize(("text", "surface"), [
    ("وقال الناطق باسم قسد إن طائرات قصفت القامشلي.", "القامشلي"),
    ("وقال مسؤول في القامشلي إن الدورية عادت.", "القامشلي"),
    ("وسيطرت القوات على بلدة أبو حمام الشدادي.", "الشدادي"),
    ("وصلت قوات أبو محمد إلى الشدادي.", "الشدادي"),
])
def test_a_place_after_a_title_or_a_kunya_in_other_words_stays_a_place(gaz, text, surface):
    assert _mention(gaz, text, surface).role == "location"


@pytest.mark.parametrize(("with_article", "without"), [
    ("بلدة الرميلان", "بلدة رميلان"),
    ("بلدة الكسرة", "بلدة كسرة"),
    ("مدينة الشحيل", "قرية شحيل"),
])
def test_names_with_and_without_the_article_resolve_alike(gaz, with_article, without):
    a = [m.place.id for m in resolve_text(f"قصفت طائرات مسيرة {with_article} صباحاً.", gaz) if m.place]
    b = [m.place.id for m in resolve_text(f"قصفت طائرات مسيرة {without} صباحاً.", gaz) if m.place]
    assert a == b and len(a) == 1


def test_a_verb_after_a_known_town_without_its_article_is_not_part_of_its_name(gaz):
    first, again = resolve_text("وفي بلدة كسرة قتل شخص برصاص مجهولين. وشهدت كسرة توتراً.", gaz)
    assert (first.text, first.place.id, again.place.id) == ("كسرة", "kisrah", "kisrah")


@pytest.mark.parametrize("text", [
    'وصلت تعزيزات إلى مقرات قسد في مدن "الرقة" و"الطبقة" و"الكرامة".',
    "قصفت المدفعية بلدات الرقة والمنصورة والكرامة ليلاً.",
])
def test_a_town_registered_with_its_kind_word_is_found_in_a_list_of_towns(gaz, text):
    assert _mention(gaz, text, "الكرامة").place.id == "karama_raqqa"


@pytest.mark.parametrize("text", [
    "وطالب أهالي القرى بالكرامة والعدالة.",
    "وقال إن الكرامة لا تباع.",
    'وهتف المحتجون في مدن "الرقة" و"الطبقة" للحرية والكرامة.',
])
def test_dignity_is_no_town(gaz, text):
    assert all(m.place is None or m.place.id != "karama_raqqa" for m in resolve_text(text, gaz))


@pytest.mark.parametrize(("text", "place"), [
    ("قتل لاجئ داخل #مخيم_الهول فجر اليوم", "hol_camp"),
    ("قتل لاجئ داخل #مخيم _الهول فجر اليوم", "hol_camp"),
    ("شهدت بلدة #تل_تمر 40 كم شمالي الحسكة استنفاراً", "tal_tamr"),
])
def test_a_hashtag_names_its_place_as_words(gaz, text, place):
    assert place in {m.place.id for m in resolve_text(text, gaz) if m.place is not None}

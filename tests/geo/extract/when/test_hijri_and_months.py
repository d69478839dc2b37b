"""Hijri dates, feasts, evenings into mornings, and months relative to publication (issue 11).

Sentences invented for these tests, in the style of Arabic news. Hijri days are converted
offline (Umm al-Qura); a Gregorian date beside a Hijri one wins.
"""

from __future__ import annotations

import datetime

import pytest

from geo.extract.when import find_dates, parse_date
from geo.extract.when.hijri import feast_start, hijri_to_date, latest_hijri

D = datetime.date


def spans(text: str, anchor: D | None) -> list[tuple[str, str, str]]:
    return [(e.text, e.iso, e.rule.split(":")[0]) for e in find_dates(text, anchor)]


@pytest.mark.parametrize(("text", "anchor", "iso", "rule"), [
    ("قتل ثلاثة عناصر في 15 رمضان 1445 هـ بهجوم على حاجز", None, "2024-03-25", "hijri_day_year"),
    ("وقع الانفجار يوم 10 ذي الحجة 1441 هجري قرب البلدة", None, "2020-07-31", "hijri_day_year"),
    ("اغتيل الشيخ في 3 شوال الجاري برصاص مجهولين", D(2023, 4, 30), "2023-04-23", "hijri_day"),
    ("داهمت القوات المنطقة في الخامس عشر من رمضان", D(2024, 3, 28), "2024-03-25", "hijri_day"),
])
def test_a_hijri_day_is_converted(text, anchor, iso, rule):
    found = [s for s in spans(text, anchor) if s[2] == rule]
    assert found and found[0][1] == iso


@pytest.mark.parametrize("text", [
    "الاثنين 15 رمضان 1445 هـ الموافق 25 آذار 2024 شنت الطائرات غارات",
    "شنت الطائرات غارات في 25 آذار 2024 الموافق 15 رمضان 1445 هـ",
    "شنت الطائرات غارات في 25 آذار 2024 (15 رمضان 1445 هـ)",
])
def test_the_gregorian_date_beside_a_hijri_one_wins(text):
    found = find_dates(text, D(2024, 3, 27))
    assert len(found) == 1 and found[0].iso == "2024-03-25"
    assert "day_month_year" in found[0].rule


def test_a_hijri_day_that_disagrees_with_its_gregorian_date_loses():
    found = find_dates("في 16 رمضان 1445 هـ الموافق 25 آذار 2024", None)
    assert [e.iso for e in found] == ["2024-03-25"]


def test_a_hijri_day_without_a_year_needs_a_publication_date():
    assert find_dates("اغتيل الشيخ في 3 شوال", None) == []


@pytest.mark.parametrize(("text", "anchor", "iso"), [
    ("اغتيل الشيخ صباح يوم عيد الأضحى في بلدته", D(2020, 8, 2), "2020-07-31"),
    ("قصفت المدفعية القرية في أول أيام عيد الأضحى", D(2020, 8, 5), "2020-07-31"),
    ("انفجرت عبوة ناسفة ثاني أيام عيد الفطر", D(2023, 4, 25), "2023-04-22"),
    ("هاجمت خلية دورية في آخر أيام عيد الأضحى", D(2023, 7, 10), "2023-07-01"),
    ("شنت مسيرة غارة يوم عيد الفطر المبارك", D(2024, 4, 12), "2024-04-10"),
    ("وقعت الاشتباكات يوم عرفة", D(2023, 6, 28), "2023-06-27"),
    ("انفجرت سيارة مفخخة عشية عيد الفطر في الحسكة", D(2016, 7, 6), "2016-07-05"),  # its eve
    ("قصفت المدفعية القرية عشية يوم عيد الأضحى", D(2020, 8, 5), "2020-07-30"),
])
def test_a_feast_day_in_the_year_of_publication(text, anchor, iso):
    found = find_dates(text, anchor)
    assert [e.iso for e in found] == [iso]


def test_a_feast_is_the_one_before_publication_not_the_next():
    # published in March 2021: the last Eid al-Adha was in July 2020
    assert parse_date("صباح يوم عيد الأضحى", D(2021, 3, 1)).iso == "2020-07-31"


def test_a_feast_with_a_year_needs_no_publication_date():
    assert parse_date("صباح يوم عيد الأضحى عام 2019", None).iso == "2019-08-11"


def test_a_feast_without_a_year_or_publication_date_is_unknown():
    assert find_dates("صباح يوم عيد الأضحى", None) == []


def test_a_bare_feast_after_a_preposition_is_all_its_days_and_a_greeting_is_no_date():
    assert parse_date("تصاعدت الهجمات خلال عيد الفطر", D(2023, 4, 30)).iso == "2023-04-21/2023-04-23"
    assert find_dates("وهنأ القائد المقاتلين بعيد الفطر", D(2023, 4, 30)) == []


def test_conversion_helpers():
    assert hijri_to_date(1445, 9, 1) == D(2024, 3, 11)
    assert latest_hijri(9, 1, D(2024, 3, 10)) == D(2023, 3, 23)
    assert feast_start(12, 10, 2020) == D(2020, 7, 31)
    with pytest.raises(OverflowError):
        hijri_to_date(1200, 1, 1)


@pytest.mark.parametrize(("text", "iso", "rule"), [
    ("في ساعات متأخرة من مساء الثلاثاء وصباح الأربعاء", "2024-08-06/2024-08-07", "night_range"),
    ("اندلعت اشتباكات ليل الثلاثاء وفجر الأربعاء", "2024-08-06/2024-08-07", "night_range"),
    ("مساء الثلاثاء، وصباح يوم الأربعاء", "2024-08-06/2024-08-07", "night_range"),
    ("شنت قوات هجوما بعد منتصف ليل الثلاثاء، لكن المهاجمين انسحبوا", "2024-08-06/2024-08-07",
     "night_midnight"),
])
def test_an_evening_into_the_next_morning_is_a_night(text, iso, rule):
    assert [(s[1], s[2]) for s in spans(text, D(2024, 8, 8))] == [(iso, rule)]


def test_an_evening_and_an_unrelated_weekday_are_two_days():
    assert [s[1] for s in spans("مساء الثلاثاء الأربعاء", D(2024, 8, 8))] == ["2024-08-06", "2024-08-07"]


@pytest.mark.parametrize(("text", "anchor", "iso", "precision"), [
    # a month with الماضي/الفائت: the latest such month strictly before publication
    ("كان آخرها في 20 كانون الثاني/ يناير الماضي", D(2023, 10, 19), "2023-01-20", "day"),
    # a day with الماضي: the latest such day before publication (a day of this month
    # when it has passed: Egyptian-style news writes '20 يناير الماضي' on 25 January)
    ("كان آخرها في 20 كانون الثاني الماضي", D(2024, 1, 25), "2024-01-20", "day"),
    ("كان آخرها في 28 كانون الثاني الماضي", D(2024, 1, 25), "2023-01-28", "day"),
    ("شهدت المنطقة في آب الماضي هجوما مماثلا", D(2024, 8, 8), "2023-08", "month"),
    ("شهدت المنطقة في آب الفائت هجوما مماثلا", D(2024, 9, 1), "2024-08", "month"),
    ("في شهر تشرين الثاني الماضي", D(2024, 1, 3), "2023-11", "month"),
    # the month before publication
    ("خلال الشهر الماضي", D(2024, 1, 3), "2023-12", "month"),
    ("خلال الشهر الفائت", D(2024, 3, 31), "2024-02", "month"),
    # the current month, at month precision
    ("مطلع الشهر الجاري", D(2024, 8, 8), "2024-08", "month"),
    ("في مطلع الشهر الحالي", D(2024, 8, 8), "2024-08", "month"),
])
def test_months_relative_to_publication(text, anchor, iso, precision):
    e = parse_date(text, anchor)
    assert (e.iso, e.precision) == (iso, precision)

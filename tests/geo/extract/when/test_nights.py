"""Nights, midnights and 'last night': the periods the finder gives them (issue 11, dates).

A night runs from one day into the next; the extractor dates an event of a night to the
morning it ended (tests/geo/extract/test_dating.py). Sentences invented for these tests.
"""

from __future__ import annotations

import datetime

import pytest

from geo.extract.when import find_dates

D = datetime.date
MON = D(2023, 10, 30)  # a Monday


def spans(text: str, anchor: D | None) -> list[tuple[str, str, str]]:
    return [(e.text, e.iso, e.rule.split(":")[0]) for e in find_dates(text, anchor)]


@pytest.mark.parametrize(("text", "iso", "rule"), [
    ("قصفت طائرات مجهولة ليلة أمس مواقع للميليشيات", "2023-10-29/2023-10-30", "night_last"),
    ("سمع دوي انفجارات ليل البارحة في المدينة", "2023-10-29/2023-10-30", "night_last"),
    ("استهدفت مسيرة الليلة الماضية سيارة عسكرية", "2023-10-29/2023-10-30", "night_last"),
    ("وقعت الاشتباكات ليل أمس قرب الحاجز", "2023-10-29/2023-10-30", "night_last"),
    ("هاجم مسلحون منتصف الليلة الماضية نقطة عسكرية", "2023-10-30", "midnight_last"),
])
def test_last_night_is_the_night_into_the_publication_day(text, iso, rule):
    assert [(e[1], e[2]) for e in spans(text, MON)] == [(iso, rule)]


@pytest.mark.parametrize("text", [
    "وقصفت طائرات مجهولة، قرابة الساعة العاشرة من ليل أمس، مواقع للميليشيات",
    "وقصفت طائرات مجهولة في التاسعة والنصف من ليل أمس مواقع للميليشيات",
    "وهاجم مسلحون عند الساعة 22:30 من ليل أمس نقطة عسكرية",
    "وهاجم مسلحون في الساعة الحادية عشرة من ليلة أمس نقطة عسكرية",
])
def test_an_evening_hour_of_last_night_is_the_day_before_publication(text):
    assert [(e[1], e[2]) for e in spans(text, MON)] == [("2023-10-29", "night_last_evening")]


def test_an_hour_after_midnight_keeps_the_whole_night():
    assert [(e[1], e[2]) for e in spans("وهاجم مسلحون في الساعة الثانية من ليل أمس نقطة عسكرية", MON)] \
        == [("2023-10-29/2023-10-30", "night_last")]


@pytest.mark.parametrize("text", [
    "دخلت القوات البلدة منذ الليلة قبل الماضية بعد معارك",
    "قصفت طائرات مجهولة ليلة أول أمس مواقع للميليشيات",
    "سمع دوي انفجارات ليل أول أمس في المدينة",
])
def test_the_night_before_last_ends_the_day_before_publication(text):
    assert [(e[1], e[2]) for e in spans(text, MON)] == [("2023-10-28/2023-10-29",
                                                          "night_before_last")]


def test_last_night_with_its_two_weekdays():
    found = spans("تعرض محيط المدينة ليلة أمس الأحد/الاثنين لقصف جوي", MON)
    assert [(e[1], e[2]) for e in found] == [("2023-10-29/2023-10-30", "night_range")]


def test_a_night_with_its_two_weekdays_and_its_two_dates_is_one_expression():
    text = "قصفت طائرات حربية ليلة أمس الأحد/الاثنين (29/30 تشرين الأول 2023) مواقع قرب الحدود"
    [(span, iso, rule)] = spans(text, MON)
    assert span == "ليلة أمس الأحد/الاثنين (29/30 تشرين الأول 2023)"
    assert iso == "2023-10-29/2023-10-30" and rule.startswith("night_range+night_pair")


@pytest.mark.parametrize(("text", "anchor", "iso"), [
    ("وقع الهجوم ليلة 29/30 تشرين الأول 2023 قرب الحدود", None, "2023-10-29/2023-10-30"),
    ("وقع الهجوم ليلة 14/15 آب الجاري", D(2023, 8, 20), "2023-08-14/2023-08-15"),
    ("ليلة 31/1 ليست ليلة في شهر واحد", D(2023, 8, 20), None),
    ("بين 12/14 آب", D(2023, 8, 20), None),  # not two days in a row: not a night
])
def test_a_night_written_as_its_two_days(text, anchor, iso):
    nights = [e for e in find_dates(text, anchor) if e.rule.startswith("night_pair")]
    assert [e.iso for e in nights] == ([iso] if iso else [])


@pytest.mark.parametrize(("text", "anchor", "iso"), [
    # the midnight that closes Tuesday: Tuesday..Wednesday
    ("بدأت الاشتباكات بعد منتصف ليل الثلاثاء في القرية", D(2024, 8, 7), "2024-08-06/2024-08-07"),
    ("بدأت الاشتباكات بعد منتصف ليل الثلاثاء في القرية", D(2024, 8, 9), "2024-08-06/2024-08-07"),
    # a named night of two weekdays stays that night
    ("منتصف ليل الثلاثاء - الأربعاء", D(2024, 8, 9), "2024-08-06/2024-08-07"),
    # 'ليلة السبت' is Saturday's eve: its midnight opens Saturday (Friday..Saturday)
    ("شنت طائرات غارات قبل منتصف ليلة السبت", D(2024, 2, 4), "2024-02-02/2024-02-03"),
    ("شنت طائرات غارات بعد منتصف ليل السبت", D(2024, 2, 4), "2024-02-03/2024-02-04"),
])
def test_midnight_of_a_weekday(text, anchor, iso):
    assert [e.iso for e in find_dates(text, anchor)] == [iso]


def test_the_night_of_a_weekday_alone_is_that_weekday():
    """'ليل الخميس' is Thursday's night: Thursday (as news writes it the morning after)."""
    assert spans("قصف الجيش ليل الخميس مواقع قرب الحدود", D(2021, 2, 26)) == [
        ("ليل الخميس", "2021-02-25", "weekday")]


def test_relative_nights_need_an_anchor():
    assert find_dates("قصفت طائرات الليلة الماضية مواقع قرب الحدود", None) == []


def test_a_slipped_bracket_between_day_and_month():
    text = "اندلعت الاشتباكات ظهر يوم الجمعة 27( كانون الأول الجاري) قرب السد"
    [e] = find_dates(text, D(2024, 12, 28))
    assert e.iso == "2024-12-27" and e.rule.startswith("weekday+day_month")


@pytest.mark.parametrize("text", ["استهدفت غارات عند ساعة متأخرة من ليلة “الأحد – الاثنين” القاعدة",
                                  'قصفت طائرات ليلة "الأحد - الاثنين" مواقع للميليشيات',
                                  "قصفت طائرات ليلة «الأحد/الاثنين» مواقع للميليشيات"])
def test_the_two_days_of_a_night_may_stand_in_quotes(text):
    assert [(e[1], e[2]) for e in spans(text, MON)] == [("2023-10-29/2023-10-30", "night_range")]

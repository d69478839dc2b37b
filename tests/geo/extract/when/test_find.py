"""geo.extract.when: Arabic temporal expressions, forms seen in the seeds and their variants."""

from __future__ import annotations

import datetime
import doctest
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.extract import when as dates
from geo.extract.when import DateExpr, find_dates, find_publication_date, parse_date

D = datetime.date
SEEDS = Path(__file__).resolve().parents[4] / "seeds"

OCT8 = D(2022, 10, 8)  # a Saturday: seeds 002/003
JAN18 = D(2021, 1, 18)  # a Monday: seed 004
OCT15 = D(2022, 10, 15)  # a Saturday: seed 000


def only(text: str, anchor: D | None) -> DateExpr:
    """The single expression of a phrase; fails if there are none or several."""
    found = find_dates(text, anchor)
    assert len(found) == 1, [(e.text, e.iso, e.rule) for e in found]
    return found[0]


# --------------------------------------------------------------------------
# Month names and their spellings
# --------------------------------------------------------------------------

MONTH_NAMES = [
    ("كانون الثاني", 1),
    ("كانون ثاني", 1),
    ("كانون 2", 1),
    ("كانون ٢", 1),
    ("شباط", 2),
    ("شُباط", 2),
    ("آذار", 3),
    ("اذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("ايلول", 9),
    ("تشرين الأول", 10),
    ("تشرين اول", 10),
    ("تشرين الأوّل", 10),
    ("تشرين الثاني", 11),
    ("تشرين ثاني", 11),
    ("كانون الأول", 12),
    ("كانون اول", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
]


@pytest.mark.parametrize(("name", "month"), MONTH_NAMES)
def test_every_month_spelling_with_day_and_year(name: str, month: int) -> None:
    e = only(f"في 5 {name} 2020", OCT8)
    assert (e.first, e.precision, e.relative) == (D(2020, month, 5), "day", False)
    assert e.text == f"5 {name} 2020"


@pytest.mark.parametrize(("name", "month"), MONTH_NAMES)
def test_every_month_spelling_with_year_only(name: str, month: int) -> None:
    e = only(f"{name} 2019", OCT8)
    assert (e.iso, e.precision, e.rule) == (f"2019-{month:02d}", "month", "month_year")


@pytest.mark.parametrize(
    "text",
    [
        "تشرين الأول / أكتوبر",
        "تشرين الأول/أكتوبر",
        "تشرين الأول - أكتوبر",
        "تشرين الأول (أكتوبر)",
        "أكتوبر (تشرين الأول)",
        "أكتوبر/تشرين الأول",
    ],
)
def test_paired_month_names_are_one_expression(text: str) -> None:
    e = only(text, OCT8)
    assert (e.text, e.iso, e.precision) == (text, "2022-10", "month")


def test_pair_of_different_months_is_not_merged() -> None:
    assert find_dates("تشرين الأول/نوفمبر", OCT8) == []
    assert [e.iso for e in find_dates("في أيار، وفي حزيران", OCT8)] == ["2022-05", "2022-06"]


# --------------------------------------------------------------------------
# The forms of the brief, with their anchors
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "surface", "iso", "precision", "rule"),
    [
        # seed 003, 002, 000, 001 (anchor 2022-10-08, a Saturday)
        (
            "يوم الخميس الماضي 6 تشرين الأول/أكتوبر",
            OCT8,
            "يوم الخميس الماضي 6 تشرين الأول/أكتوبر",
            "2022-10-06",
            "day",
            "weekday_past+day_month",
        ),
        (
            "في 5 تشرين الأول الجاري",
            OCT8,
            "5 تشرين الأول الجاري",
            "2022-10-05",
            "day",
            "day_month_current",
        ),
        ("قبل عامين", OCT8, "قبل عامين", "2020", "year", "years_ago"),
        (
            "في الأسبوع الماضي",
            OCT8,
            "الأسبوع الماضي",
            "2022-10-01/2022-10-07",
            "day",
            "last_week",
        ),
        (
            "في وقت سابق من هذا العام",
            OCT8,
            "وقت سابق من هذا العام",
            "2022",
            "year",
            "earlier_this_year",
        ),
        (
            "ليل الأربعاء - الخميس",
            OCT8,
            "ليل الأربعاء - الخميس",
            "2022-10-05/2022-10-06",
            "day",
            "night_range",
        ),
        ("قبل يومين", OCT8, "قبل يومين", "2022-10-06", "day", "days_ago"),
        # seed 004 (anchor 2021-01-18, a Monday)
        (
            "نهاية شهر كانون الثاني 2020",
            JAN18,
            "نهاية شهر كانون الثاني 2020",
            "2020-01",
            "month",
            "month_year:end",
        ),
        ("وفي شباط الفائت", JAN18, "شباط الفائت", "2020-02", "month", "month_past"),
        ("وخلال العام الفائت", JAN18, "العام الفائت", "2020", "year", "last_year"),
        (
            "وفي تشرين الأول من العام 2019",
            JAN18,
            "تشرين الأول من العام 2019",
            "2019-10",
            "month",
            "month_year",
        ),
        ("ووقعت في تموز الفائت", JAN18, "تموز الفائت", "2020-07", "month", "month_past"),
        ("اليوم الإثنين،", JAN18, "اليوم الإثنين", "2021-01-18", "day", "today_weekday"),
        # seed 000 (anchor 2022-10-15)
        ("في 8 تشرين الأول / أكتوبر", OCT15, "8 تشرين الأول / أكتوبر", "2022-10-08", "day", "day_month"),
        ("في عام 2020 ،", OCT15, "عام 2020", "2020", "year", "year"),
        ("منذ عام 2014", OCT15, "عام 2014", "2014", "year", "year:since"),
        ("العام 2015", OCT15, "العام 2015", "2015", "year", "year"),
        ("من العام 2019", OCT15, "العام 2019", "2019", "year", "year"),
    ],
)
def test_forms_of_the_brief(text: str, anchor: D, surface: str, iso: str, precision: str, rule: str) -> None:
    e = only(text, anchor)
    assert (e.text, e.iso, e.precision, e.rule) == (surface, iso, precision, rule)


def test_yesterday_weekday_is_the_day_before_the_anchor() -> None:
    friday = D(2022, 10, 7)
    e = only("وقالت أمس الخميس إن", friday)
    assert (e.first, e.rule) == (D(2022, 10, 6), "yesterday_weekday")


def test_yesterday_weekday_when_the_article_came_out_a_day_later() -> None:
    # seed 002: written on Friday, stamped Saturday; the weekday named wins
    e = only("أمس الخميس", OCT8)
    assert (e.first, e.rule) == (D(2022, 10, 6), "yesterday_weekday:weekday_wins")
    assert only("أمس الجمعة", OCT8).first == D(2022, 10, 7)


def test_yesterday_weekday_far_from_the_anchor_is_a_slip() -> None:
    e = only("أمس الأحد", OCT8)  # Sunday is six days before a Saturday: keep yesterday
    assert (e.first, e.rule) == (D(2022, 10, 7), "yesterday_weekday:mismatch")


def test_tomorrow_weekday() -> None:
    assert only("غداً الأحد", OCT8).first == D(2022, 10, 9)
    assert only("يوم غد الأحد", OCT8).first == D(2022, 10, 9)


# --------------------------------------------------------------------------
# Relative expressions
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("اليوم", "2022-10-08", "day"),
        ("صباح اليوم", "2022-10-08", "day"),
        ("أمس", "2022-10-07", "day"),
        ("مساء أمس", "2022-10-07", "day"),
        ("بالأمس", "2022-10-07", "day"),
        ("البارحة", "2022-10-07", "day"),
        ("أول أمس", "2022-10-06", "day"),
        ("أول من أمس", "2022-10-06", "day"),
        ("أمس الأول", "2022-10-06", "day"),
        ("يوم غد", "2022-10-09", "day"),
        ("قبل يوم", "2022-10-07", "day"),
        ("قبل يومين", "2022-10-06", "day"),
        ("منذ يومين", "2022-10-06", "day"),
        ("قبل ثلاثة أيام", "2022-10-05", "day"),
        ("قبل 3 أيام", "2022-10-05", "day"),
        ("قبل ٣ أيام", "2022-10-05", "day"),
        ("قبل خمسة أيام", "2022-10-03", "day"),
        ("قبل عشرة أيام", "2022-09-28", "day"),
        ("قبل 15 يوماً", "2022-09-23", "day"),
        ("قبل أسبوع", "2022-10-01", "day"),
        ("قبل أسبوعين", "2022-09-24", "day"),
        ("قبل ثلاثة أسابيع", "2022-09-17", "day"),
        # about so long ago: the month, not a day the text does not give
        ("قبل نحو أسبوعين", "2022-09", "month"),
        ("منذ حوالي أسبوع", "2022-10", "month"),
        ("قبل قرابة 10 أيام", "2022-09", "month"),
        ("الأسبوع الماضي", "2022-10-01/2022-10-07", "day"),
        ("الأسبوع الفائت", "2022-10-01/2022-10-07", "day"),
        ("الأسبوع المنصرم", "2022-10-01/2022-10-07", "day"),
        ("الأسبوع المقبل", "2022-10-15/2022-10-21", "day"),
        ("الشهر الماضي", "2022-09", "month"),
        ("الشهر الفائت", "2022-09", "month"),
        ("الشهر المنصرم", "2022-09", "month"),
        ("الشهر الجاري", "2022-10", "month"),
        ("الشهر الحالي", "2022-10", "month"),
        ("هذا الشهر", "2022-10", "month"),
        ("قبل شهر", "2022-09", "month"),
        ("قبل شهرين", "2022-08", "month"),
        ("قبل 3 أشهر", "2022-07", "month"),
        ("العام الماضي", "2021", "year"),
        ("العام الفائت", "2021", "year"),
        ("العام المنصرم", "2021", "year"),
        ("السنة الماضية", "2021", "year"),
        ("العام الجاري", "2022", "year"),
        ("العام الحالي", "2022", "year"),
        ("هذا العام", "2022", "year"),
        ("هذه السنة", "2022", "year"),
        ("العام المقبل", "2023", "year"),
        ("العام قبل الماضي", "2020", "year"),
        ("قبل عام", "2021", "year"),
        ("قبل سنة", "2021", "year"),
        ("قبل عامين", "2020", "year"),
        ("قبل سنتين", "2020", "year"),
        ("قبل 3 أعوام", "2019", "year"),
        ("قبل ثلاث سنوات", "2019", "year"),
        ("قبل أربع سنوات", "2018", "year"),
        ("قبل عامين من الآن", "2020", "year"),
        ("مطلع العام الجاري", "2022", "year"),
        ("أواخر الشهر الماضي", "2022-09", "month"),
        ("في 5 من الشهر الجاري", "2022-10-05", "day"),
        ("في الخامس من الشهر الماضي", "2022-09-05", "day"),
        ("تشرين الأول الجاري", "2022-10", "month"),
        ("أيلول الماضي", "2022-09", "month"),
        ("تشرين الأول الماضي", "2021-10", "month"),
        ("أيار المقبل", "2023-05", "month"),
        ("في آب من العام الماضي", "2021-08", "month"),
        ("6 تشرين الأول الماضي", "2022-10-06", "day"),
        ("20 تشرين الأول المقبل", "2022-10-20", "day"),
        ("في شهر تموز", "2022-07", "month"),
        ("في تشرين الثاني", "2021-11", "month"),
    ],
)
def test_relative_to_the_publication_date(text: str, iso: str, precision: str) -> None:
    e = only(text, OCT8)
    assert (e.iso, e.precision, e.relative) == (iso, precision, True)


@pytest.mark.parametrize("text", ["قصف قبل يومين من داخل حدوده", "قتل قبل يومين من قبل مجهولين"])
def test_days_ago_then_where_from_or_by_whom_is_a_date(text: str) -> None:
    [e] = find_dates(text, OCT8)
    assert (e.text, e.iso) == ("قبل يومين", "2022-10-06")


@pytest.mark.parametrize("text", ["ومع دخول الحملة يومها الرابع", "المعارك في يومها الثالث"])
def test_its_nth_day_is_the_report_s_day(text: str) -> None:
    [e] = find_dates(text, OCT8)
    assert (e.iso, e.rule) == ("2022-10-08", "running_day")


def test_month_past_is_strictly_before_the_anchor_month() -> None:
    assert only("شباط الفائت", D(2021, 2, 20)).iso == "2020-02"
    assert only("شباط الفائت", D(2021, 3, 1)).iso == "2021-02"
    assert only("كانون الأول الماضي", JAN18).iso == "2020-12"


def test_day_and_month_without_year_tolerates_a_near_future() -> None:
    assert only("في 12 تشرين الأول", OCT8).first == D(2022, 10, 12)  # 4 days ahead
    assert only("في 20 تشرين الأول", OCT8).first == D(2021, 10, 20)  # too far: last year
    assert only("في 29 شباط", OCT8).first == D(2020, 2, 29)  # the last leap year


def test_weeks_start_on_saturday() -> None:
    wednesday = D(2022, 10, 12)
    e = only("الأسبوع الماضي", wednesday)
    assert (e.first, e.last) == (D(2022, 10, 1), D(2022, 10, 7))
    assert (e.first.weekday(), e.last.weekday()) == (dates.WEEK_START, 4)
    this = only("هذا الأسبوع", wednesday)
    assert (this.first, this.last) == (D(2022, 10, 8), wednesday)  # clipped at the anchor


# --------------------------------------------------------------------------
# Weekdays
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "iso"),
    [
        ("يوم الخميس الماضي", OCT8, "2022-10-06"),
        ("الخميس الماضي", OCT8, "2022-10-06"),
        ("الجمعة الماضية", OCT8, "2022-10-07"),
        ("السبت الماضي", OCT8, "2022-10-01"),  # strictly before a Saturday anchor
        ("يوم السبت", OCT8, "2022-10-08"),  # a bare weekday may be the anchor itself
        ("يوم الخميس", OCT8, "2022-10-06"),
        ("الأحد المقبل", OCT8, "2022-10-09"),
        ("السبت القادم", OCT8, "2022-10-15"),
        ("مساء الثلاثاء", OCT8, "2022-10-04"),
        ("اليوم الإثنين", JAN18, "2021-01-18"),
        ("اليوم الاثنين", JAN18, "2021-01-18"),
        ("اليوم الأحد", JAN18, "2021-01-17"),  # disagrees with the anchor: latest Sunday
        ("ليلة الأربعاء الخميس", OCT8, "2022-10-05/2022-10-06"),
        ("ليلة الأربعاء على الخميس", OCT8, "2022-10-05/2022-10-06"),
        ("ليل الأربعاء/الخميس", OCT8, "2022-10-05/2022-10-06"),
        ("ليل السبت - الأحد", OCT8, "2022-10-01/2022-10-02"),
        ("قالت، الاثنين، إن", OCT8, "2022-10-03"),
        ("الإثنين الماضي", OCT8, "2022-10-03"),
    ],
)
def test_weekdays(text: str, anchor: D, iso: str) -> None:
    e = only(text, anchor)
    assert (e.iso, e.precision, e.relative) == (iso, "day", True)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("الخميس 6 تشرين الأول 2022", "2022-10-06"),
        ("السبت، 8 أكتوبر 2022", "2022-10-08"),
        ("الأحد الموافق 9 تشرين الأول", "2022-10-09"),
        ("الأحد (9 تشرين الأول)", "2022-10-09"),
        ("يوم الخميس الماضي 6 تشرين الأول/أكتوبر", "2022-10-06"),
    ],
)
def test_weekday_and_explicit_date_are_one_expression(text: str, iso: str) -> None:
    e = only(text, D(2022, 10, 20))
    assert (e.text, e.iso) == (text, iso)
    assert "+" in e.rule


@pytest.mark.parametrize("text", [
    'وقال مسؤول الفريق ياسر الخميس في تصريح خاص إن الفريق اكتشف مقبرة',
    "وأكد عبد الله الجمعة، وهو من وجهاء القرية، أن الدورية انسحبت",
    'وأوضح "الخميس" أن الفريق سيبدأ باستخراج الجثث',
])
def test_a_weekday_after_a_given_name_or_quoted_alone_is_a_family_name(text: str) -> None:
    assert dates.find_dates(text, OCT8) == []


def test_monday_closing_a_clause_in_a_report_of_the_days_after_is_the_weekday() -> None:
    """'قتل عشرون مدنيا وجرح آخرون الاثنين، بقصف جوي' in a Tuesday's report: that Monday;
    'الاثنين' is also 'the two', so a week on, or with no comma after it, it is left."""
    text = "قتل عشرون مدنيا وجرح آخرون الاثنين، بقصف جوي استهدف زوارق"
    assert [e.iso for e in dates.find_dates(text, D(2017, 9, 12))] == ["2017-09-11"]
    assert dates.find_dates(text, D(2017, 9, 16)) == []
    assert dates.find_dates("واتفق الاثنين على وقف القتال", D(2017, 9, 12)) == []


@pytest.mark.parametrize(("text", "iso"), [
    # a force or an outlet before the weekday: the day
    ("وقال المرصد السوري الخميس إن", "2022-10-06"),
    # the given name followed by its family name, then the day
    ("وقال محمد العلي الخميس إن", "2022-10-06"),
    # a part of the day before it: the day, whatever stands before
    ("وقال ياسر مساء الخميس إن", "2022-10-06"),
])
def test_a_weekday_after_other_words_is_still_the_day(text: str, iso: str) -> None:
    assert [e.iso for e in dates.find_dates(text, OCT8)] == [iso]


def test_explicit_date_wins_over_a_disagreeing_weekday() -> None:
    e = only("يوم الأحد 6 تشرين الأول 2022", OCT8)  # 6 October 2022 was a Thursday
    assert (e.first, e.relative) == (D(2022, 10, 6), False)


# --------------------------------------------------------------------------
# Absolute forms
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2022.10.08",
        "2022-10-08",
        "2022/10/08",
        "8/10/2022",
        "8-10-2022",
        "08.10.2022",
        "٢٠٢٢.١٠.٠٨",
        "٨/١٠/٢٠٢٢",
        "8 تشرين الأول 2022",
        "8 أكتوبر 2022",
        "8 تشرين الأول/أكتوبر 2022",
        "الثامن من تشرين الأول 2022",
        "الـ8 من شهر تشرين الأول 2022",
        "الـ 8 من الشهر تشرين الأول 2022",
        "8 تشرين الأول، 2022",
        "8 تشرين الأول من عام 2022",
        "٨ تشرين الأول ٢٠٢٢",
    ],
)
def test_absolute_days(text: str) -> None:
    e = only(text, None)
    assert (e.text, e.first, e.last, e.precision, e.relative) == (
        text,
        OCT8,
        OCT8,
        "day",
        False,
    )


@pytest.mark.parametrize(
    ("text", "iso", "precision", "rule"),
    [
        ("عام 2019", "2019", "year", "year"),
        ("سنة 2019", "2019", "year", "year"),
        ("عام 2020م", "2020", "year", "year"),
        ("في 2020", "2020", "year", "year"),
        ("منذ 2014", "2014", "year", "year:since"),
        ("قبل 2011", "2011", "year", "year:before"),
        ("نهاية عام 2019", "2019", "year", "year:end"),
        ("منتصف 2020", "2020", "year", "year:mid"),
        ("أوائل شهر آذار 2020", "2020-03", "month", "month_year:start"),
        ("مطلع كانون الثاني 2021", "2021-01", "month", "month_year:start"),
        ("بين عامي 2018 و2019", "2018/2019", "year", "year_range"),
        ("من 2018 إلى 2020", "2018/2020", "year", "year_range"),
        ("2018-2020", "2018/2020", "year", "year_range"),
        ("بين 5 و8 تشرين الأول 2021", "2021-10-05/2021-10-08", "day", "day_range_year"),
        ("6 و7 تشرين الأول 2022", "2022-10-06/2022-10-07", "day", "day_list_year"),
        ("من 5 إلى 8 تشرين الأول 2021", "2021-10-05/2021-10-08", "day", "day_range_year"),
        ("الحادي والعشرين من أيلول 2019", "2019-09-21", "day", "day_month_year"),
    ],
)
def test_absolute_periods(text: str, iso: str, precision: str, rule: str) -> None:
    e = only(text, None)
    assert (e.iso, e.precision, e.rule, e.relative) == (iso, precision, rule, False)


# --------------------------------------------------------------------------
# What is not a publication-anchored date
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "بعد يوم واحد من تنفيذ العملية",  # anchored on an event
        "بعد يومين من أول إنزال",
        "قبل يومين من الهجوم",
        "في اليوم التالي",
        "في ذلك اليوم",
        "في مثل هذا اليوم",
        "وتواصل القصف طوال اليوم",  # all of a day already told
        "استمرت الاشتباكات طيلة اليوم",
        "على مدار اليوم",
        "وفق ما أفاد تلفزيون «سوريا اليوم»",  # an outlet's name
        "نقلت قناة روسيا اليوم",
        "اليوم الأول للهجوم",
        "قبل أيام",  # too vague
        "منذ سنوات",
        "خلال الأشهر الماضية",
        "أكثر من 20 قرية",
        "الفوج 154",
        "قبل 2000 عام",
        "1441 هـ",
        "مارس الضغط على الحكومة",  # the verb, not March
        "كان أب لثلاثة أطفال",  # father, not August
        "اتفق الاثنين على",  # 'the two', not Monday
        "لامس الجنود",  # 'touched', not yesterday
        "في 17:41",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, OCT8) == []


def test_impossible_day_falls_back_to_the_month() -> None:
    e = only("يوم 31 شباط 2020", OCT8)
    assert (e.text, e.iso, e.precision) == ("شباط 2020", "2020-02", "month")


def test_relative_expressions_are_skipped_without_anchor() -> None:
    text = "قتل شخص أمس، وفي 5 تشرين الأول الجاري، وفي عام 2020، يوم الخميس 6 تشرين الأول 2022"
    found = find_dates(text, None)
    assert [(e.text, e.iso) for e in found] == [
        ("عام 2020", "2020"),
        ("يوم الخميس 6 تشرين الأول 2022", "2022-10-06"),
    ]
    assert not any(e.relative for e in found)


# --------------------------------------------------------------------------
# Spans, folding, order
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "قبلَ يومَيْن",
        "في الـ8 من تشرين الأوّل",
        "الأسبوعَ الماضيَ",
        "نهايـــة شهر كانون الثاني 2020",
        "قبل \u200fيومين",
        "في ٥ تِشرين الأول الجاري",
    ],
)
def test_spans_point_into_the_original_text(text: str) -> None:
    (e,) = find_dates(text, OCT8)
    assert text[e.start : e.end] == e.text
    assert e.text.strip() == e.text


def test_span_keeps_trailing_diacritics_and_drops_prepositions() -> None:
    text = "وقعت الحادثة في عامِ 2019، وأمسِ"
    found = find_dates(text, OCT8)
    assert [e.text for e in found] == ["عامِ 2019", "أمسِ"]


def test_order_non_overlap_and_longest_first() -> None:
    text = (
        "قبل عامين، في الأسبوع الماضي، وأمس الخميس، ونهاية شهر كانون الثاني 2020، "
        "وفي تشرين الأول من العام 2019، و8/10/2022."
    )
    found = find_dates(text, OCT8)
    assert [e.text for e in found] == [
        "قبل عامين",
        "الأسبوع الماضي",
        "أمس الخميس",
        "نهاية شهر كانون الثاني 2020",
        "تشرين الأول من العام 2019",
        "8/10/2022",
    ]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_parse_date_returns_the_first_or_none() -> None:
    e = parse_date("وقعت في 8 تشرين الأول 2022 ثم قبل عامين", OCT8)
    assert e is not None and e.iso == "2022-10-08"
    assert parse_date("لا تاريخ هنا", OCT8) is None
    assert parse_date("أمس") is None  # relative, no anchor


def test_datetime_anchor_is_cut_to_its_date() -> None:
    stamp = datetime.datetime(2022, 10, 8, 17, 41, tzinfo=dates.DAMASCUS)
    assert only("أمس", stamp).first == D(2022, 10, 7)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# The value type and errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "precision", "iso"),
    [
        (D(2022, 10, 8), D(2022, 10, 8), "day", "2022-10-08"),
        (D(2022, 10, 5), D(2022, 10, 6), "day", "2022-10-05/2022-10-06"),
        (D(2020, 1, 1), D(2020, 1, 31), "month", "2020-01"),
        (D(2020, 1, 1), D(2020, 12, 31), "year", "2020"),
        (D(2018, 1, 1), D(2019, 12, 31), "year", "2018/2019"),
    ],
)
def test_iso(first: D, last: D, precision: str, iso: str) -> None:
    assert DateExpr(0, 1, "x", first, last, precision, False, "t").iso == iso


def test_date_expr_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="precision"):
        DateExpr(0, 1, "x", OCT8, OCT8, "week", False, "t")
    with pytest.raises(ValueError, match="after last"):
        DateExpr(0, 1, "x", OCT8, D(2022, 1, 1), "day", False, "t")


@pytest.mark.parametrize("bad", [None, b"2022.10.08", 2022, ["أمس"]])
def test_text_must_be_str(bad: object) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        find_dates(bad, OCT8)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str"):
        parse_date(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str"):
        find_publication_date(bad)  # type: ignore[arg-type]


def test_anchor_must_be_a_date() -> None:
    with pytest.raises(TypeError, match="anchor must be a datetime.date"):
        find_dates("أمس", "2022-10-08")  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Whole seed articles
# --------------------------------------------------------------------------

SEED_EXPECTATIONS = [
    (
        "000_c290c274965af00c.txt",
        OCT15,
        [
            ("عام 2020", "2020"),
            ("قبل عامين", "2020"),
            ("الأسبوع الماضي", "2022-10-08/2022-10-14"),
            ("عام 2015", "2015"),
            ("عام 2014", "2014"),
            ("8 تشرين الأول / أكتوبر", "2022-10-08"),
        ],
    ),
    ("001_e4efeb52b2e78e52.txt", OCT8, [("وقتٍ سابقٍ من هذا العام", "2022")]),
    (
        "002_032df531970bae2f.txt",
        OCT8,
        [
            ("2022.10.08", "2022-10-08"),
            ("عام 2019", "2019"),
            ("ليل الأربعاء - الخميس", "2022-10-05/2022-10-06"),
            ("أمس الخميس", "2022-10-06"),
            ("أمس الجمعة", "2022-10-07"),
        ],
    ),
    (
        "003_91d580d13336e84c.txt",
        D(2022, 10, 9),
        [
            ("يوم الخميس الماضي 6 تشرين الأول/أكتوبر", "2022-10-06"),
            ("5 تشرين الأول الجاري", "2022-10-05"),
            ("قبل يومين", "2022-10-07"),
        ],
    ),
    (
        "004_9bf56aee027dd3f2.txt",
        JAN18,
        [
            ("2021.01.18", "2021-01-18"),
            ("اليوم الإثنين", "2021-01-18"),
            ("نهاية شهر كانون الثاني 2020", "2020-01"),
            ("العام الفائت", "2020"),
            ("شباط الفائت", "2020-02"),
            ("تشرين الأول من العام 2019", "2019-10"),
            ("تموز الفائت", "2020-07"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "anchor", "expected"), SEED_EXPECTATIONS)
def test_seed_articles(name: str, anchor: D, expected: list[tuple[str, str]]) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    found = find_dates(text, anchor)
    pairs = [(e.text, e.iso) for e in found]
    for item in expected:
        assert item in pairs
    for e in found:
        assert text[e.start : e.end] == e.text


def test_seed_004_has_nothing_else() -> None:
    text = (SEEDS / "004_9bf56aee027dd3f2.txt").read_text(encoding="utf-8")
    assert len(find_dates(text, JAN18)) == 7


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------

_PIECES = [
    "في", "عام", "العام", "2020", "٢٠٢٢", "8", "31", "29", "تشرين الأول", "أكتوبر", "/", "(",
    ")", "-", "،", "شباط", "آب", "مارس", "الماضي", "الفائت", "الجاري", "المقبل", "أمس",
    "اليوم", "الخميس", "الاثنين", "ليل", "الأربعاء", "قبل", "يومين", "ثلاثة", "أيام",
    "أسبوع", "الأسبوع", "الشهر", "نهاية", "شهر", "من", "بين", "و", "الـ", "2022.10.08",
    "1/2/2020", "هذا", "وقت سابق", "منذ", "يوم", "\u064e", "\u0640", "\u200f", "\n", " ",
    "كانون 2", "الحادي والعشرين",
]  # fmt: skip


def _check_invariants(text: str, found: list[DateExpr]) -> None:
    previous_end = 0
    for e in found:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.start >= previous_end
        previous_end = e.end
        assert e.first <= e.last
        assert e.precision in dates.PRECISIONS
        width = {"day": 10, "month": 7, "year": 4}[e.precision]
        parts = e.iso.split("/")
        assert 1 <= len(parts) <= 2
        assert all(len(p) == width for p in parts)
        assert parts[0] == e.first.isoformat()[:width]
        assert parts[-1] == e.last.isoformat()[:width]
        if e.precision == "month":
            assert e.first.day == 1
        if e.precision == "year":
            assert (e.first.month, e.first.day, e.last.month, e.last.day) == (1, 1, 12, 31)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_any_text_any_anchor(text: str, anchor: D | None) -> None:
    _check_invariants(text, find_dates(text, anchor))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_PIECES), max_size=14).map(" ".join)
    | st.lists(st.sampled_from(_PIECES), max_size=14).map("".join),
    st.one_of(st.none(), st.dates(), st.sampled_from([D.min, D.max, D(1, 1, 2), D(9999, 12, 30)])),
)
# a weekday beside a date, at the calendar's ends (CI's Hypothesis run found the first)
@example("الأربعاء 29 شباط الماضي", D.max)
@example("أمس الأحد 31 كانون الأول", D.min)
def test_date_like_text_any_anchor(text: str, anchor: D | None) -> None:
    found = find_dates(text, anchor)
    _check_invariants(text, found)
    if anchor is None:
        assert not any(e.relative for e in found)


# --------------------------------------------------------------------------
# Docstring examples
# --------------------------------------------------------------------------


def test_docstring_examples() -> None:
    failures, tried = doctest.testmod(dates, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failures == 0


@pytest.mark.parametrize(("text", "iso"), [
    ("وتموز 2020 شهد قصفا", "2020-07"),  # after a proclitic و
    ("قتل في الـ5تموز 2020", "2020-07-05"),  # glued to its day
    ("فأيار الماضي شهد هجمات", "2023-05"),
])
def test_the_month_gate_lets_every_month_the_rules_read_through(text, iso):
    """The month rules run only on a text naming a month (a speed-up): a month after a
    clitic or glued to its day still counts as named."""
    assert [e.iso for e in find_dates(text, D(2023, 8, 15))] == [iso]


def test_a_text_naming_no_month_skips_the_month_rules():
    from geo.extract.when.patterns import MONTH_GATE

    assert MONTH_GATE.search("حدث ذلك في كتاب عن الانسحاب") is None
    assert [e.iso for e in find_dates("حدث ذلك في كتاب عن الانسحاب", D(2023, 8, 15))] == []


# --- rules scanned only on the lines holding their keywords --------------------------------

def _whole_text_matches(norm: str) -> list[tuple[int, tuple[tuple[int, int], ...]]]:
    """Each rule scanned over the whole text when every gate passes: what the finder did
    before it read only the lines holding a rule's keywords."""
    from geo.extract.when import find

    out = []
    for order, (pattern, _, needs, _) in enumerate(find._ALL_RULES):
        if all(gate.search(norm) for gate in needs):
            spans = tuple(m.span() for m in find._scan(pattern, norm))
            if spans:
                out.append((order, spans))
    return out


def _line_matches(norm: str) -> list[tuple[int, tuple[tuple[int, int], ...]]]:
    from geo.extract.when import find

    find._rule_matches.cache_clear()
    return [(order, tuple(m.span() for m in ms)) for order, _, _, ms in find._rule_matches(norm)]


def _real_texts() -> list[str]:
    import json

    from geo.extract.when.text import fold_with_map

    news = SEEDS.parent / "tests" / "data" / "news"
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [item["text"] for p in sorted(news.glob("*.json"))
              if isinstance(item := json.loads(p.read_text("utf-8")), dict)
              and isinstance(item.get("text"), str)]
    return [fold_with_map(t)[0] for t in texts]


def test_every_rule_keeps_to_its_line() -> None:
    from geo.extract.when import find

    assert all(in_line for *_, in_line in find._ALL_RULES)


def test_the_lines_holding_keywords_give_the_whole_texts_matches() -> None:
    texts = _real_texts()
    assert len(texts) > 100
    for norm in texts:
        assert _line_matches(norm) == _whole_text_matches(norm)


_PIECES = ["امس", "الاحد", "يوم", "5", "2022", "تشرين الاول", "/", "10", "\n", " ", "، ",
           "منذ", "العام الماضي", "ليل", "الجاري", "عام", "قبل", "ساعات", "x", "بال", "و"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_line_scans_match_whole_text_scans_on_mixed_lines(pieces: list[str]) -> None:
    norm = "".join(pieces)
    assert _line_matches(norm) == _whole_text_matches(norm)


def test_the_keyword_automaton_finds_the_lines_each_gates_search_finds() -> None:
    from geo.extract.when import find

    gates = {gate for *_, needs, _ in find._ALL_RULES for gate in needs}
    assert find._KEYWORD_GATES and set(find._KEYWORD_GATES) < gates  # a month gate is a pattern
    for norm in [*_real_texts()[:60], "امس\n\nالعام 2020/\nالثالث من\nx"]:
        lines = find._GateLines(norm)
        for gate in gates:
            assert lines.holding(gate) == lines.searched(gate), gate.pattern


def test_a_day_of_the_same_month_takes_the_month_told_before_it():
    text = ("في الـ20 من يوليو/ تموز الحالي اعتقلت قسد 32 شاباً، كما اعتقلت، في الـ18 من الشهر "
            "ذاته، 5 شبان")
    found = [(e.text, e.iso) for e in find_dates(text, datetime.date(2020, 7, 24))]
    assert found[-1] == ("الـ18 من الشهر ذاته", "2020-07-18")


@pytest.mark.parametrize("same", ["ذات الشهر", "نفس الشهر", "الشهر نفسه"])
def test_a_day_of_the_same_month_with_the_demonstrative_before_it(same: str):
    text = f"اتفقوا في منتصف حزيران الماضي على خطة، وبدأ الجيشان في الـ 18 من {same}، بتسيير دوريات"
    found = [(e.text, e.iso) for e in find_dates(text, datetime.date(2018, 7, 16))]
    assert found[-1] == (f"الـ 18 من {same}", "2018-06-18")


def test_the_same_month_with_no_month_told_before_dates_nothing():
    assert find_dates("اعتقلت قسد في الـ18 من الشهر ذاته خمسة شبان", datetime.date(2020, 7, 24)) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["شهر", "ذاته", "نفسه", "عينه", "ذات", "نفس", "ال", "من", " ", "18", "3",
                                  "تموز"]),
                max_size=12).map("".join))
def test_the_same_month_words_gate_its_pattern(norm: str) -> None:
    """'في الـ18 من الشهر ذاته' is looked for only in a text holding its words: without them
    the pattern finds nothing (the gate changes no answer)."""
    from geo.extract.when.find import _SAME_MONTH_RE, _may_name_same_month

    if not _may_name_same_month(norm):
        assert _SAME_MONTH_RE.search(norm) is None


def test_a_text_asked_again_gets_the_same_answer_in_a_list_of_its_own() -> None:
    """The reader and the extraction ask the same body with no anchor: the second answer is
    remembered, equal to the first, and a caller that changes its list changes no other's."""
    text = "قصفت طائرات البلدة أمس الأحد 9 تشرين الأول 2022، وفي عام 2020 أيضاً"
    first = find_dates(text, None)
    again = find_dates(text, None)
    assert again == first and again is not first
    first.clear()
    assert find_dates(text, None) == again
    assert [e.iso for e in find_dates(text, datetime.date(2022, 10, 10))] == ["2022-10-09", "2020"]


@pytest.mark.parametrize(("text", "iso"), [
    # a statement of the day before quoted: its 'today' is the date it gives
    ("قد أكملت انسحابها اليوم 15 تموز 2018", "2018-07-15"),
    ("اليوم، 16 تموز 2018، قصفت الطائرات القرية", "2018-07-16"),
])
def test_today_with_the_date_beside_it_is_that_date(text: str, iso: str):
    found = find_dates(text, datetime.date(2018, 7, 16))
    assert [e.iso for e in found] == [iso]

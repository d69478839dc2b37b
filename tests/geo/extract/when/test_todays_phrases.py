"""The last hours and a running day: phrases that date a report to its publication day.

'خلال الـ24 ساعة الماضية' and 'لليوم الثالث على التوالي' give no date of their own; a
careful reader takes them as the news of the day the article was published (issue 11,
dates). Weekdays, 'الماضي' and day+month with a weekday are checked here too, as the
issue lists them. Sentences invented for these tests.
"""

from __future__ import annotations

import datetime

import pytest

from geo.extract.when import find_dates
from geo.extract.when.offsets import offset_before

D = datetime.date
THU = D(2024, 11, 7)  # a Thursday


def spans(text: str, anchor: D | None = THU) -> list[tuple[str, str, str]]:
    return [(e.text, e.iso, e.rule.split(":")[0]) for e in find_dates(text, anchor)]


@pytest.mark.parametrize("phrase", [
    "خلال 24 ساعة الماضية", "خلال الـ24 ساعة الماضية", "خلال الـ 24 ساعة الأخيرة",
    "خلال الساعات الماضية", "في الساعات الأخيرة", "خلال الساعات الـ24 الماضية",
    "خلال الساعات الأربع والعشرين الماضية", "منذ الساعات الأولى", "خلال الساعات القليلة الماضية",
])
def test_the_last_hours_are_the_publication_day(phrase):
    found = spans(f"قتل خمسة عناصر {phrase} في هجمات متفرقة")
    if phrase == "منذ الساعات الأولى":  # not a period before the report: nothing
        assert found == []
        return
    assert found == [(phrase, "2024-11-07", "last_hours")]


@pytest.mark.parametrize("phrase", ["منذ ساعات", "قبل ساعتين", "منذ بضع ساعات", "قبل ساعات"])
def test_hours_before_the_report_are_its_day(phrase):
    assert spans(f"تحاول القوات اقتحام البلدة {phrase} بعد معارك عنيفة") == [
        (phrase, "2024-11-07", "last_hours")]


def test_hours_before_another_event_are_not_the_reports_day():
    assert spans("انسحبت القوات قبل ساعات من الهجوم") == []


def test_a_deadline_of_24_hours_is_no_date():
    assert spans("أمهلت القوات المسلحين للخروج خلال 24 ساعة") == []
    assert spans("قتل خمسة خلال الساعات الماضية", None) == []  # relative: needs the anchor


@pytest.mark.parametrize("phrase", [
    "لليوم الثالث على التوالي", "لليوم الخامس عشر على التوالي", "لليوم الـ12 على التوالي",
    "لليوم الثاني",
])
def test_a_running_day_is_the_publication_day(phrase):
    assert spans(f"تتواصل الاشتباكات {phrase} في ريف دير الزور") == [
        (phrase, "2024-11-07", "running_day")]


@pytest.mark.parametrize(("phrase", "rule"), [("لليوم الرابع على التوالي", "running_day"),
                                            ("خلال الساعات الماضية", "last_hours")])
def test_a_weekday_beside_a_running_day_names_that_day(phrase, rule):
    """'تواصل قسد، الثلاثاء، لليوم الرابع على التوالي': the fourth day is Tuesday, not the
    publication day (a Thursday)."""
    assert spans(f"تواصل قسد، الثلاثاء، {phrase}، حملة أمنية") == [
        (f"الثلاثاء، {phrase}", "2024-11-05", f"weekday+{rule}")]


@pytest.mark.parametrize(("day", "iso", "rule"), [("أمس الأربعاء", "2024-11-06", "yesterday_weekday"),
                                                 ("اليوم الخميس", "2024-11-07", "today_weekday"),
                                                 ("في 5 تشرين الثاني", "2024-11-05", "day_month")])
def test_a_day_named_after_a_running_day_is_that_day(day, iso, rule):
    """'واصلت قصف البلدة لليوم الثاني على التوالي أمس الأربعاء': the second day was
    Wednesday, not the publication day."""
    phrase = "لليوم الثاني على التوالي"
    found = spans(f"واصلت المدفعية قصف البلدة {phrase} {day}.")
    assert [(text, day_iso) for text, day_iso, _ in found] == [(f"{phrase} {day}", iso)]
    assert found[0][2].startswith("running_day+") and found[0][2].endswith(rule)


def test_the_next_day_is_not_a_running_day():
    assert spans("وتجددت الاشتباكات لليوم التالي") == []


@pytest.mark.parametrize(("text", "iso"), [
    ("قصفت الطائرات الثلاثاء مواقع", "2024-11-05"),  # latest Tuesday on or before
    ("قصفت الطائرات يوم الخميس مواقع", "2024-11-07"),  # the publication weekday: that day
    ("قصفت الطائرات الخميس الماضي مواقع", "2024-10-31"),  # الماضي: strictly before
    ("قتل عنصر يوم الجُمعة قرب الحاجز", "2024-11-01"),  # with a diacritic
    ("ويوم الجمعة الماضي، هاجم التنظيم البلدة", "2024-11-01"),
    ("قتل عنصر يوم أمس الأربعاء", "2024-11-06"),
    ("أعلنت اليوم، الخميس 7 من تشرين الثاني، القوات", "2024-11-07"),
    ("أعلنت اليوم الخميس 5 أكتوبر/تشرين الأول القوات", "2024-10-05"),  # the explicit date wins
    ("قتل عنصر فجر اليوم", "2024-11-07"),
    ("قتل عنصر في 20 كانون الثاني/ يناير الماضي", "2024-01-20"),
    ("قتل عنصر قبل 4 أيام", "2024-11-03"),
    ("هاجم مسلحون يوم أمس الإثنين مبنى البلدية", "2024-11-04"),  # two days before أمس: the weekday wins
    ("هاجم مسلحون يوم أمس الأربعاء مبنى البلدية", "2024-11-06"),
    ("غارات ليل الثلاثاء الأربعاء على البادية", "2024-11-05/2024-11-06"),  # two weekdays, no joiner
    ("التي كانت قد دخلتها قبل 25 يوماً", "2024-10-13"),  # a count inside a pluperfect clause
    ("خرجت المحطات عن الخدمة خلال 24 ساعة الماضية", "2024-11-07"),  # no article on 24
])
def test_the_day_a_careful_reader_gives(text, iso):
    assert [e[1] for e in spans(text)] == [iso]


@pytest.mark.parametrize(("before", "days"), [
    ("وخرجت الدوريه في 18 يونيو قبل 5 ايام من ", 5),
    ("اعلنت السيطره عليها بعد يومين من اطلاق ", -2),
    ("وذلك بعد يوم واحد من ", -1),
    ("جاء الهجوم بعد اسبوع من ", -7),
    ("قبل ثلاثه ايام من ", 3),
    ("بعد ايام من ", None),  # vague
    ("بعد شهرين من ", None),  # too loose to move a day
    ("قصفت القوات قبل ", None),
    ("قبل 5 ايام من استهداف طايرات ", None),  # the count hangs off another word
    ("ارسلت تركيا دبابات اليوم غداه ", -1),  # the morrow of the event named next
    ("وصلت التعزيزات عشيه ", 1),  # its eve
])
def test_days_counted_from_another_event(before, days):
    assert offset_before(before) == days


@pytest.mark.parametrize(("text", "iso", "rule"), [
    ("اشتباكات منذ مساء أمس وحتى فجر اليوم", "2024-11-06/2024-11-07", "night_span"),
    ("اشتباكات منذ مساء أمس وحتى فجر اليوم الخميس", "2024-11-06/2024-11-07", "night_span"),
    ("اشتباكات من ليل الاثنين إلى صباح الأربعاء", "2024-11-04/2024-11-06", "day_span"),
])
def test_from_one_day_until_another_is_one_expression(text, iso, rule):
    assert [(e[1], e[2]) for e in spans(text)] == [(iso, rule)]


def test_days_far_apart_or_backwards_are_not_one_span():
    assert [e[1] for e in spans("قتل عنصر أمس، وحتى قبل أسبوعين")] == ["2024-11-06", "2024-10-24"]
    assert len(spans("قصف من 3 آب إلى 20 آب")) == 2


def test_a_weekday_that_disagrees_with_its_date_is_noted_and_the_date_wins():
    e = find_dates("أعلنت اليوم الخميس 5 أكتوبر/تشرين الأول القوات", THU)[0]
    assert (e.iso, e.rule) == ("2024-10-05", "today_weekday+day_month:weekday_mismatch")
    e = find_dates("قتل يوم الخميس الماضي 31 تشرين الأول", THU)[0]
    assert (e.iso, e.rule) == ("2024-10-31", "weekday_past+day_month")


@pytest.mark.parametrize(("text", "iso"), [
    # the weekday is today's and the day of the month agrees: the month slipped
    ("بيان صادر اليوم الخميس (7 تشرين الأول 2024) ذكر", "2024-11-07"),
    ("أعلنت أمس الأربعاء 6 كانون الأول 2024 القوات", "2024-11-06"),
    # a weekday before the publication, its date in the future by a slipped year
    ("استهدفت القاعدة يوم الاثنين 4 تشرين الثاني 2025", "2024-11-04"),
])
def test_a_date_whose_month_or_year_slipped_gives_way_to_its_weekday(text, iso):
    e = find_dates(text, THU)[0]
    assert (e.iso, e.rule.endswith(":date_slip")) == (iso, True)


def test_a_pair_naming_two_months_is_one_expression_dated_by_its_weekday():
    # 'تشرين الأول/ تشرين الثاني': the writer's second name is another month
    found = find_dates("قتل أمس الأربعاء 6 تشرين الأول/ نوفمبر 2024 عنصران", THU)
    assert [(e.iso, e.text) for e in found] == [("2024-11-06", "أمس الأربعاء 6 تشرين الأول/ نوفمبر 2024")]


def test_a_pair_naming_two_months_with_no_weekday_stays_two_expressions():
    found = find_dates("قتل في 6 تشرين الأول/ نوفمبر 2024 عنصران", THU)
    assert [e.iso for e in found] == ["2024-10-06", "2024-11"]


def test_a_weekday_of_another_day_than_the_publication_leaves_its_date_alone():
    # 'اليوم الخميس' read on a Saturday: the date is right and the stamp late
    e = find_dates("أعلنت اليوم الخميس 7 تشرين الأول 2024 القوات", D(2024, 11, 9))[0]
    assert e.iso == "2024-10-07"


@pytest.mark.parametrize(("text", "iso"), [
    ("قتل عنصر يوم 18/10 قرب الحاجز", "2024-10-18"),
    ("قتل عنصر بتاريخ 18-10 قرب الحاجز", "2024-10-18"),
    ("قتل عنصر يوم 10/11 قرب الحاجز", "2024-11-10"),  # three days ahead: still this year's
    ("قتل عنصر الأحد قبل الماضي", "2024-10-27"),
    ("قتل عنصر يوم الجمعة ما قبل الماضية", "2024-10-25"),
    ("قصفت الطائرات يوم الأحد 3/11 مواقع", "2024-11-03"),  # a weekday says a date follows
    ("قتل عنصر في 5 الجاري قرب الحاجز", "2024-11-05"),  # the month left out: the current one
    ("قتل عنصر يوم الثلاثاء 5 من الجاري", "2024-11-05"),
    ("قتل عنصر في الـ5 من الشهر الجاري", "2024-11-05"),
])
def test_a_numeric_day_and_month_and_a_weekday_before_last(text, iso):
    assert [e[1] for e in spans(text)] == [iso]


def test_numbers_without_a_date_word_are_no_date():
    assert spans("فاز الفريق 3/1 في المباراة") == []
    assert spans("قتل في 31/2 عنصر") == []
    assert spans("قتل 3 الجاري") == []  # no word saying a day follows
    assert spans("قتل عنصر في 40 الجاري") == []


def test_monday_with_a_hamza_is_the_weekday_and_the_two_is_not():
    assert [e[1] for e in spans("قتل ثلاثة عناصر الإثنين في هجوم")] == ["2024-11-04"]
    assert spans("قتل ثلاثة عناصر الاثنين في هجوم") == []  # without it: perhaps 'the two'
    assert spans("اتفق الاثنين على وقف القتال") == []


def test_a_weekday_then_its_date_in_brackets_after_a_comma_is_one_day():
    assert spans("أعلن التنظيم، الخميس، (7 تشرين الثاني 2024)، مسؤوليته") == [
        ("الخميس، (7 تشرين الثاني 2024)", "2024-11-07", "weekday+day_month_year")]


def test_a_weekday_naming_the_day_of_a_date_just_told_is_that_date():
    text = "ففي 15 آب 2016 وفي تمام الساعة 12:00 من يوم الاثنين أعلن المجلس تحرير المدينة"
    assert [(e.iso, e.rule) for e in find_dates(text, THU)] == [
        ("2016-08-15", "day_month_year"), ("2016-08-15", "weekday+weekday_of_date")]
    # another weekday than the date's, or one in the next sentence, is counted from the publication
    assert find_dates("في 16 آب 2016 وفي يوم الاثنين", THU)[1].iso == "2024-11-04"
    assert find_dates("في 15 آب 2016 قتل شخص. وفي يوم الاثنين قتل آخر", THU)[1].iso == "2024-11-04"

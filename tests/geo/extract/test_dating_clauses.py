"""geo.extract.dating: the date of a clause, background events, a lead event told again (issue 11).

Sentences invented for these tests, in the style of Arabic news; the publication day is
2023-08-15 (a Tuesday, tests/geo/extract/helpers.py).
"""

from __future__ import annotations

import pytest

from tests.geo.extract.helpers import one, run

INTRO = "تمهيد لا حدث فيه.\n\n"


def _dates(gaz, body: str) -> list[tuple[str, str]]:
    return [(i.type, i.date) for i in run(gaz, body).incidents]


# --- 1. the clause's date, not the nearest one ------------------------------------------


def test_the_date_of_the_reporting_verb_dates_the_statement_not_the_event(gaz):
    body = INTRO + "وأعلنت قسد مساء الأحد أن طائرة مسيرة تركية قصفت في 10 آب الجاري قرية قرب عامودا."
    assert one(gaz, body).date == "2023-08-10"


def test_the_reporting_verbs_date_is_used_when_nothing_else_dates_the_event(gaz):
    body = INTRO + "وقال المرصد يوم الأحد إن طائرة مسيرة تركية قصفت قرية قرب عامودا."
    assert one(gaz, body).date == "2023-08-13"


def test_a_date_across_a_clause_break_comes_after_the_triggers_own(gaz):
    body = INTRO + ("قصفت طائرات تركية أمس قرية قرب عامودا، وكانت القرية قد شهدت في 3 آب الجاري "
                    "نزوحا للأهالي.")
    assert one(gaz, body).date == "2023-08-14"


def test_a_day_in_another_nouns_relative_clause_yields_to_the_day_before_the_event(gaz):
    body = INTRO + ("شهدت بلدة عامودا صباح اليوم توافد مئات المدنيين من مختلف مناطق ريف الحسكة "
                    "حيث تجمعوا بتظاهرة غاضبة من التحرك الخطير الذي شهدته المنطقة أمس الاثنين.")
    assert one(gaz, body).date == "2023-08-15"
    # with no day before the event, the relative clause's day still dates it
    body = INTRO + "خرجت تظاهرة في بلدة عامودا ضد التحرك الخطير الذي شهدته المنطقة أمس الاثنين."
    assert one(gaz, body).date == "2023-08-14"


# --- 2. background events ---------------------------------------------------------------


def test_a_background_event_keeps_its_own_month(gaz):
    body = INTRO + "وكانت المنطقة قد شهدت في آب الماضي هجوما مماثلا استهدف قاعدة الشدادي."
    inc = one(gaz, body)
    assert (inc.date, inc.date_precision) == ("2022-08", "month")


def test_a_pluperfect_lead_does_not_take_the_publication_day(gaz):
    assert one(gaz, "وكانت طائرات تركية قد قصفت قرية قرب عامودا.").date == ""
    assert one(gaz, "وسبق أن قصفت طائرات تركية قرية قرب عامودا.").date == ""
    assert one(gaz, "قصفت طائرات تركية قرية قرب عامودا.").date == "2023-08-15"


def test_a_pluperfect_sentence_does_not_borrow_the_previous_sentences_date(gaz):
    body = ("في 12 آب 2023 قصفت طائرات تركية قرية قرب عامودا. "
            "وكانت دورية أمريكية قد انطلقت من قاعدة رميلان باتجاه القحطانية.")
    dates = dict(_dates(gaz, body))
    assert dates.get("patrol", "") == ""


def test_background_a_few_days_back_is_an_earlier_event_kept_undated(gaz):
    """'وسبق أن اعتقلت قسد، قبل أيام، ...' beside the news is an earlier event of its own
    (kept, with no day invented); background with no time at all is left out."""
    news = "نفذت قسد اليوم حملة اعتقالات واسعة في مدينة الرقة.\n\n"
    recent = "وسبق أن اعتقلت قسد، قبل أيام، أكثر من 50 شخصاً في بلدة الجرنية غربي الرقة."
    incidents = {i.place.id: i.date for i in run(gaz, news + recent).incidents}
    assert incidents == {"raqqa": "2023-08-15", "jurniyah": ""}
    timeless = "وسبق أن اعتقلت قسد أكثر من 50 شخصاً في بلدة الجرنية غربي الرقة."
    assert [i.place.id for i in run(gaz, news + timeless).incidents] == ["raqqa"]


def test_how_long_a_state_has_lasted_lends_no_year(gaz):
    """'يفرض حصاراً منذ ثلاثة أعوام' says how long the siege lasted: a sentence after it
    borrows no year from it."""
    body = ("وتقاتل القوات في مدينة دير الزور بعد أن كسرت حصاراً يفرضه التنظيم منذ ثلاثة أعوام. "
            "وقال مصدر إن الجيش يبدأ اقتحام أحياء مدينة دير الزور.")
    assert all(i.date != "2020" for i in run(gaz, body).incidents)


def test_the_next_day_is_the_day_after_the_last_day_given(gaz):
    body = ("شهدت بلدة الكسرة مساء الأحد 13 آب 2023 اشتباكات مسلحة بين قسد وأبناء العشائر.\n\n"
            "وفي اليوم التالي، خرجت مظاهرة في بلدة الكسرة قطع خلالها المحتجون الطرقات.")
    dates = {i.type: i.date for i in run(gaz, body).incidents}
    assert dates == {"armed_clash": "2023-08-13", "protest": "2023-08-14"}


@pytest.mark.parametrize(("opening", "day"), [
    ("وسبق ذلك بيومين،", "2023-08-11"), ("وقبل ذلك بأسبوع،", "2023-08-06"),
    ("وبعد ذلك بثلاثة أيام،", "2023-08-16"),
])
def test_days_before_or_after_the_event_told_count_from_its_day(gaz, opening, day):
    body = ("شهدت بلدة الكسرة مساء الأحد 13 آب 2023 اشتباكات مسلحة بين قسد وأبناء العشائر.\n\n"
            f"{opening} قتل عنصر من قسد إثر تعرضه لطلق ناري في مدينة الشدادي، كما قتل آخر "
            "بانفجار عبوة ناسفة قرب بلدة مركدة.")
    dates = sorted((i.type, i.date) for i in run(gaz, body).incidents)
    assert dates == [("armed_clash", "2023-08-13"), ("attack", day), ("explosion", day)]


def test_days_counted_vaguely_from_the_event_told_give_no_day(gaz):
    body = ("شهدت بلدة الكسرة مساء الأحد 13 آب 2023 اشتباكات مسلحة بين قسد وأبناء العشائر.\n\n"
            "وسبق ذلك بأيام، قتل عنصر من قسد بانفجار عبوة ناسفة قرب بلدة مركدة.")
    assert {i.type: i.date for i in run(gaz, body).incidents}["explosion"] != "2023-08-13"


# --- 3. a later paragraph telling the lead event again ----------------------------------


def test_a_paragraph_retelling_the_lead_takes_its_date(gaz):
    body = ("قصفت طائرات أمريكية ليل الأحد مواقع لميليشيات موالية لإيران قرب البوكمال.\n\n"
            "وأوضح المتحدث أن الغارات استهدفت مستودعات للأسلحة.\n\n"
            "ودمرت الضربات ثلاث شاحنات ذخيرة قرب البوكمال.")
    assert {d for _, d in _dates(gaz, body)} == {"2023-08-13"}


def test_an_indefinite_event_in_a_later_paragraph_stays_undated(gaz):
    body = ("قصفت طائرات أمريكية ليل الأحد مواقع لميليشيات موالية لإيران قرب البوكمال.\n\n"
            "واعتقلت قسد خمسة أشخاص في بلدة الشحيل.")
    dates = dict(_dates(gaz, body))
    assert dates.get("arrest", "") == ""


def test_a_retelling_after_another_date_stays_undated(gaz):
    body = ("قصفت طائرات أمريكية ليل الأحد مواقع لميليشيات موالية لإيران قرب البوكمال.\n\n"
            "وفي 3 آب الجاري قصفت طائرات مجهولة مواقع في الميادين.\n\n"
            "ودمرت الضربات ثلاث شاحنات ذخيرة قرب البوكمال.")
    dates = [d for t, d in _dates(gaz, body) if t == "airstrike"]
    assert "2023-08-13" in dates and "2023-08-03" in dates and dates.count("2023-08-13") == 1


def test_a_retelling_at_another_governorates_place_stays_undated(gaz):
    body = ("قصفت طائرات أمريكية ليل الأحد مواقع لميليشيات موالية لإيران قرب البوكمال.\n\n"
            "ودمرت الضربات مستودعا قرب عامودا.")
    dates = {i.place.name_en: i.date for i in run(gaz, body).incidents if i.place}
    assert all(d == "" for name, d in dates.items() if "Amuda" in name)


def test_a_lead_without_a_place_still_dates_the_paragraph_that_places_it(gaz):
    """'تفجير سيارة مفخخة الجمعة في محافظة ...' names no place of the map; the next paragraph
    ('السيارة المفخخة استهدفت مدخل مدينة البصيرة') places the same event: it is Friday's."""
    body = ("قُتل 18 شخصاً بتفجير سيارة مفخخة، الجُمعة، أمام أحد مقرات قسد.\n\n"
            "وذكرت مصادر محلية أن السيارة المفخخة استهدفت مدخل مدينة البصيرة.")
    assert {d for _, d in _dates(gaz, body)} == {"2023-08-11"}


def test_the_leads_day_told_again_does_not_stop_a_retelling(gaz):
    body = ("قُتل 18 شخصاً بتفجير سيارة مفخخة، الجُمعة، أمام أحد مقرات قسد.\n\n"
            "وقالت قسد في بيان الجمعة إن التفجير أوقع قتلى من عناصرها.\n\n"
            "وذكرت مصادر محلية أن السيارة المفخخة استهدفت مدخل مدينة البصيرة.")
    assert {d for _, d in _dates(gaz, body)} == {"2023-08-11"}


@pytest.mark.parametrize("opening", ["وفي وقت لاحق،", "في هذه الأثناء،", "ولاحقاً", "وفي الأثناء"])
def test_a_sentence_going_on_from_the_event_before_takes_its_date(gaz, opening):
    """'وفي وقت لاحق' in a new paragraph: later that day, the date told before carries."""
    body = ("تمهيد لا حدث فيه.\n\nقصفت المدفعية التركية قرية تل جمعة بريف تل تمر مساء الأحد.\n\n"
            f"{opening} اعتقلت قسد خمسة أشخاص في بلدة الشحيل.")
    assert dict(_dates(gaz, body)).get("arrest") == "2023-08-13"


def test_an_earlier_time_does_not_carry(gaz):
    body = ("تمهيد لا حدث فيه.\n\nقصفت المدفعية التركية قرية تل جمعة بريف تل تمر مساء الأحد.\n\n"
            "وفي وقت سابق اعتقلت قسد خمسة أشخاص في بلدة الشحيل.")
    assert dict(_dates(gaz, body)).get("arrest", "") == ""


def test_a_text_written_the_day_before_its_stamp_counts_its_today_from_its_own_day(gaz):
    """'اليوم الاثنين' on a page stamped Tuesday (15 August 2023): the text was written on
    Monday, and its later bare 'اليوم' is Monday too."""
    body = ("قتل مدنيون اليوم الاثنين بقصف مدفعي على قرية في ريف دير الزور الشرقي.\n\n"
            "وفي سياق متصل شنت قسد اليوم هجوماً عنيفاً على بلدة الشحيل.")
    assert {i.date for i in run(gaz, body).incidents} == {"2023-08-14"}


@pytest.mark.parametrize("body", [
    "أعلن تنظيم داعش، الخميس، (10 آب 2023)، مسؤوليته عن الهجوم على حافلة قرب مدينة الميادين يوم الأربعاء.",
    "تبنى تنظيم داعش الخميس الهجوم الذي استهدف حافلة قرب مدينة الميادين الأربعاء.",
])
def test_the_day_of_a_claim_is_not_the_day_of_the_attack_claimed(gaz, body):
    """The claim was made on Thursday (its date in brackets or bare); the attack it claims
    was on the Wednesday the sentence gives it."""
    assert [i.date for i in run(gaz, body).incidents] == ["2023-08-09"]


@pytest.mark.parametrize(("body", "expected"), [
    # the day told is the announcement's; the attacks' own time is left unstated
    ("أعلنت قوات سوريا الديمقراطية (قسد)، اليوم الثلاثاء، مقتل خمسة من عناصرها في هجومين نفذهما "
     "تنظيم داعش في بلدة ذيبان خلال اليومين الماضيين.", ""),
    # the unstated time is another clause's: the attack keeps its day
    ("قتل جندي من قسد اليوم الثلاثاء في هجوم على حاجز في بلدة ذيبان، وهو الهجوم الثالث خلال "
     "الأيام الماضية.", "2023-08-15"),
])
def test_an_unstated_time_in_the_events_clause_leaves_it_undated(gaz, body, expected):
    assert [i.date for i in run(gaz, body).incidents] == [expected]

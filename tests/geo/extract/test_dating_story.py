"""geo.extract.dating: the day a story has told holds for what it goes on to tell (issue 11).

A reader takes an article to stay on the day it named until it names another: the
source's account in the next paragraph ('وأفادت مصادر بأن ...'), an event of the kind
already told that day, a sentence opening with 'كما' or 'وفي التفاصيل'. Not an event
of another kind told on its own, not one placed at an unstated time ('مؤخراً'), not
after a second day was named, and a page's stamp ('الأربعاء, 9 آب - 2023') tells no day
of the story. Sentences invented for these tests; published 2023-08-15, a Tuesday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.geo.extract.helpers import run

LEAD = "قصفت المدفعية التركية أمس قرية تل جمعة بريف تل تمر.\n\n"  # 2023-08-14


def _dates(gaz, body: str) -> dict[str, str]:
    return {i.type: i.date for i in run(gaz, body).incidents}


@pytest.mark.parametrize("source", ["وأفادت مصادر محلية بأن", "وقال مراسلنا: إن", "وبحسب مصادر محلية،",
                                    "وذكر المرصد السوري في تقرير له أن"])
def test_a_sources_account_of_the_story_takes_the_day_told(gaz, source):
    body = LEAD + f"{source} دورية روسية انطلقت من مدينة عامودا باتجاه القحطانية."
    assert _dates(gaz, body).get("patrol") == "2023-08-14"


def test_an_event_of_the_kind_told_that_day_takes_it(gaz):
    body = LEAD + "وفي بلدة الشحيل قصفت طائرات مسيرة منزلاً لأحد القياديين."
    dated = {i.place.name_en: i.date for i in run(gaz, body).incidents if i.place}
    assert [d for name, d in dated.items() if "Shuhayl" in name] == ["2023-08-14"]


@pytest.mark.parametrize("opening", ["كما", "وفي التفاصيل،", "وتفصيلاً،", "وفي سياق متصل،", "إلى ذلك،",
                                     "وفي تطور آخر،", "من جانبها،"])
def test_a_sentence_adding_to_the_story_takes_the_day_told(gaz, opening):
    body = LEAD + f"{opening} اعتقلت قسد خمسة أشخاص في بلدة الشحيل."
    assert _dates(gaz, body).get("arrest") == "2023-08-14"


@pytest.mark.parametrize("opening", ["و", "وفي سياق آخر، "])
def test_another_kind_of_event_told_on_its_own_stays_undated(gaz, opening):
    body = LEAD + f"{opening}اعتقلت قسد خمسة أشخاص في بلدة الشحيل."
    assert _dates(gaz, body).get("arrest", "") == ""


@pytest.mark.parametrize("vague", ["مؤخراً", "في الأيام الماضية", "مراراً", "خلال اليومين الماضيين"])
def test_an_event_at_an_unstated_time_stays_undated(gaz, vague):
    body = LEAD + f"وأفادت مصادر محلية بأن دوريات روسية انطلقت {vague} من مدينة عامودا باتجاه القحطانية."
    assert _dates(gaz, body).get("patrol", "") == ""


def test_a_second_day_named_before_ends_the_day_told(gaz):
    body = (LEAD + "وفي 3 آب الجاري قصفت طائرات مجهولة مواقع في الميادين.\n\n"
            "وأفادت مصادر محلية بأن دورية روسية انطلقت من مدينة عامودا باتجاه القحطانية.")
    assert _dates(gaz, body).get("patrol", "") == ""


def test_a_day_named_after_does_not_undo_the_day_told(gaz):
    body = (LEAD + "وأفادت مصادر محلية بأن دورية روسية انطلقت من مدينة عامودا باتجاه القحطانية.\n\n"
            "وكانت طائرات مجهولة قد قصفت في 3 آب الجاري مواقع في الميادين.")
    assert _dates(gaz, body).get("patrol") == "2023-08-14"


def test_a_pages_stamp_tells_no_day_of_the_story(gaz):
    body = ("الأربعاء, 9 آب - 2023\n\nقصفت المدفعية التركية قرية تل جمعة بريف تل تمر.\n\n"
            "وأفادت مصادر محلية بأن دورية روسية انطلقت من مدينة عامودا باتجاه القحطانية.")
    assert _dates(gaz, body).get("patrol", "") == ""


def test_a_night_told_is_the_morning_it_ended(gaz):
    body = ("قصفت طائرات مجهولة ليل الأحد - الاثنين مواقع قرب البوكمال.\n\n"
            "وأفادت مصادر محلية بأن دورية روسية انطلقت من مدينة عامودا باتجاه القحطانية.")
    assert _dates(gaz, body).get("patrol") == "2023-08-14"


def test_an_event_at_an_unstated_time_borrows_no_date(gaz):
    """'مؤخراً' says the day is not given: neither the sentence before's, nor the publication's."""
    before = "في 12 آب 2023 قصفت طائرات تركية قرية قرب عامودا. "
    body = before + "واعتقلت قسد مؤخراً خمسة أشخاص في بلدة الشحيل."
    assert _dates(gaz, body).get("arrest", "") == ""
    assert _dates(gaz, before + "واعتقلت قسد خمسة أشخاص في بلدة الشحيل.").get("arrest") == "2023-08-12"
    assert _dates(gaz, "اعتقلت قسد مؤخراً خمسة أشخاص في بلدة الشحيل.").get("arrest", "") == ""
    assert _dates(gaz, "اعتقلت قسد خمسة أشخاص في بلدة الشحيل.").get("arrest") == "2023-08-15"


def test_a_sentence_after_background_does_not_take_the_background_day(gaz):
    """'وكان قد خرج المدنيون مساء الاثنين الفائت بمظاهرات' is background: the next sentence
    of the paragraph is back to the news, not on that Monday."""
    body = ("داهمت قسد أمس مخيماً على أطراف بلدة الشحيل.\n\n"
            "وكان قد خرج المدنيون مساء الخميس الفائت بمظاهرات في بلدة ذيبان. "
            "واستقدمت قسد أرتالاً عسكرية إلى بلدة البصيرة مع فرض حظر تجوال.")
    dated = {i.type: i.date for i in run(gaz, body).incidents}
    assert dated.get("protest") == "2023-08-10"
    assert dated.get("deployment", "") != "2023-08-10"


def test_an_unstated_time_in_a_relative_clause_about_another_noun_leaves_the_lead_its_day(gaz):
    """'في الأيام الماضية' tells the town's tension, not when the post was set up."""
    body = ("أنشأت أمريكا أول نقطة مراقبة لها في مدينة تل أبيض الحدودية، والتي شهدت توتراً بين "
            "تركيا وقسد في الأيام الماضية.")
    assert _dates(gaz, body).get("deployment") == "2023-08-15"


def test_a_lead_event_with_no_place_to_map_is_still_the_days_news(gaz):
    """'قتل نحو 18 مقاتلاً نتيجة للعملية الأمريكية ضد معاقل ميليشيات في العراق وسوريا' (no
    place to map) then 'قتلوا في ضربات جوية بشرق سوريا، خمسة منهم في دير الزور': the strikes
    the lead tells, the publication day's news."""
    body = ("نتيجة للعملية الأمريكية ضد معاقل ميليشيات تابعة لإيران في العراق وسوريا فقد قتل نحو 18 "
            "مقاتلاً على الأقل، وفق حصيلة جديدة أوردها المرصد.\n"
            "وأفاد المرصد بأن 18 مقاتلاً موالين لإيران قتلوا في ضربات جوية بشرق سوريا، خمسة منهم في "
            "دير الزور.")
    assert _dates(gaz, body).get("airstrike") == "2023-08-15"


def test_forces_sent_for_the_event_told_came_on_its_day(gaz):
    """'استقدمت قسد تعزيزات عسكرية كبيرة لوقف الاشتباكات' after the clashes told: the same day."""
    body = ("قتل 5 أشخاص وجرح 5 آخرون أمس باشتباكات عشائرية في بلدة ذيبان بريف دير الزور.\n\n"
            "ووفق المصادر استقدمت قسد تعزيزات عسكرية كبيرة لوقف الاشتباكات في البلدة.")
    assert _dates(gaz, body).get("deployment") == "2023-08-14"


def test_a_paragraph_whose_subject_points_back_takes_the_day_of_the_sentence_before(gaz):
    """'وتمركزت تلك القوات داخل مطار ...' opening a paragraph: the forces told just before, on
    their day (yesterday), not the lead's."""
    body = ("وصلت تعزيزات لقوات النظام اليوم الاثنين إلى مدينة منبج.\n\n"
            "ويوم أمس، انتشرت قوات النظام في محيط بلدة العريمة.\n\n"
            "وتمركزت تلك القوات داخل مطار الطبقة العسكري.")
    dated = {i.place.id: i.date for i in run(gaz, body, published=dt.date(2023, 8, 14)).incidents}
    assert dated == {"manbij": "2023-08-14", "arima": "2023-08-13", "tabqa_airbase": "2023-08-13"}


@pytest.mark.parametrize(("said", "day"), [
    # a paper of Tuesday retells Monday's statement: its 'today' is Monday
    ("أمس الاثنين", dt.date(2023, 8, 14)),
    # a statement of today: today
    ("اليوم الثلاثاء", dt.date(2023, 8, 15)),
])
def test_today_in_a_statement_quoted_is_the_statements_day(gaz, said, day):
    body = (f"أفاد المرصد السوري لحقوق الإنسان {said} بأن قتالاً عنيفاً يدور بين قسد ومسلحي داعش "
            "قرب بلدة مركدة. وأوضح المرصد في بيان أن القتال يدور منذ فجر اليوم عند مشارف بلدة مركدة.")
    incs = run(gaz, body).incidents
    assert [(i.type, i.place.id, i.date_first) for i in incs] == [("armed_clash", "markada", day)]


@pytest.mark.parametrize(("source", "day"), [
    # the agency the lead cites for its Sunday: its 'today' is that Sunday
    ("وكالة الأنباء الألمانية", dt.date(2025, 8, 10)),
    # another source, quoted in a paragraph of its own: its 'today' is the page's
    ("شبكة فرات بوست", dt.date(2025, 8, 11)),
])
def test_today_quoted_from_the_agency_the_lead_cites_is_the_leads_day(gaz, source, day):
    body = ("دفعت الحكومة السورية، يوم الأحد، بتعزيزات عسكرية إلى ريف الرقة، على ما أفادت "
            "وكالة الأنباء الألمانية.\n\n"
            f"ونقلت {source} عن مصادر مطلعة إن \"وزارة الدفاع أرسلت اليوم تعزيزات عسكرية كبيرة "
            "إلى منطقة دير حافر في ريف حلب الشرقي\".")
    incs = run(gaz, body, published=dt.date(2025, 8, 11)).incidents
    assert {i.place.id: i.date_first for i in incs if i.place}.get("dayr_hafir") == day

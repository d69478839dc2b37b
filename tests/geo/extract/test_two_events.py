"""One clause, two events: an event named after 'بعد/عقب/إثر' beside the clause's main
event keeps its own place and date. Sentences written for these tests in the style of
the news."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.geo.extract.helpers import run


@pytest.mark.parametrize(("body", "expected"), [
    ("وصلت تعزيزات عسكرية أمريكية إلى قاعدة الشدادي بعد قصف استهدف حقل كونيكو يوم السبت.",
     {("deployment", "shaddadi"), ("shelling", "conoco_field")}),
    ("استقدمت القوات الأمريكية تعزيزات جديدة إلى حقل العمر إثر هجوم صاروخي على حقل كونيكو.",
     {("deployment", "omar_field"), ("shelling", "conoco_field")}),
    ("عقب هجوم صاروخي استهدف حقل كونيكو، استقدمت القوات الأمريكية تعزيزات إلى قاعدة الشدادي.",
     {("deployment", "shaddadi"), ("shelling", "conoco_field")}),
])
def test_the_move_at_its_destination_the_strike_at_its_target(gaz, body, expected):
    assert {(i.type, i.place.id) for i in run(gaz, body).incidents} == expected


def test_a_subordinate_event_names_no_place_of_its_own(gaz):
    body = "انسحبت قوات سوريا الديمقراطية من بلدة ذيبان بعد اشتباكات مع مسلحي العشائر يوم الأحد."
    assert {i.place.id for i in run(gaz, body).incidents} == {"dhiban"}


@pytest.mark.parametrize("body", [
    "وصلت تعزيزات عسكرية أمريكية إلى قاعدة الشدادي يوم الأحد بعد قصف استهدف حقل كونيكو.",
    "وصلت تعزيزات عسكرية أمريكية إلى حقل العمر يوم الأحد، عقب هجوم بطائرات مسيرة استهدف قاعدة التنف.",
])
def test_the_event_after_aqib_takes_no_date_from_the_main_clause(gaz, body):
    incs = {i.type: i for i in run(gaz, body).incidents}
    assert incs["deployment"].date_first is not None
    strike = next(i for t, i in incs.items() if t != "deployment")
    assert strike.date_first is None


def test_the_event_after_baad_with_its_own_date(gaz):
    body = "استقدمت القوات الأمريكية تعزيزات إلى قاعدة الشدادي بعد قصف استهدف حقل كونيكو يوم السبت."
    strike = next(i for i in run(gaz, body).incidents if i.type == "shelling")
    assert strike.date_first.isoformat() == "2023-08-12"


@pytest.mark.parametrize("body", [
    "قصفت القوات التركية قرية تل جمعة بريف تل تمر يوم الأحد، ثم قصفت القرية ذاتها مجدداً مساءً.",
    "استهدفت مسيرة تركية قرية تل جمعة بريف تل تمر يوم الأحد، قبل أن تعود لتستهدف البلدة نفسها.",
])
def test_the_same_village_again_is_no_place_of_its_own(gaz, body):
    assert {i.place.id for i in run(gaz, body).incidents} == {"tal_jumaa"}


def test_a_count_of_attacks_retells_the_news_but_not_the_one_it_came_after(gaz):
    body = ("انفجرت سيارة مفخخة بحاجز للأسايش قرب الشدادي صباح اليوم.\n\n"
            "ويعد هذا ثاني تفجير من نوعه خلال خمسة أيام، بعد التفجير الذي وقع في منبج "
            "الأسبوع الماضي وأسفر عن مقتل جنود أمريكيين.")
    places = sorted((i.place.id, i.date) for i in run(gaz, body).incidents)
    assert places == [("manbij", "2023-08-05"), ("shaddadi", "2023-08-15")]


def test_the_second_such_incident_retells_the_first_it_counts(gaz):
    """'الحادثة تعد الثانية التي يقتل فيها مدني خلال تظاهر ...': a count that sums up."""
    body = ("قتل مدني بنيران القوات التركية خلال احتجاجات في ريف مدينة كوباني.\n\n"
            "وأعلنت قوى الأمن الداخلي أن الحادثة تعد الثانية التي يقتل فيها مدني خلال تظاهر "
            "مواطنين ضد الدوريات التركية في المناطق الكردية في شمال سوريا.")
    assert [i.type for i in run(gaz, body).incidents] == ["attack"]


def test_a_series_the_news_comes_after_and_a_subject_first_context_sentence(gaz):
    """'العملية – التي نُفذت بدقة عالية – تأتي بعد سلسلة من الإنزالات نفذها التحالف خلال
    الأسابيع الماضية في ريف دمشق وحماة': the operation is the news told before, the series
    sums up others; neither adds an incident."""
    body = ("نفذت قوات التحالف الدولي فجر اليوم إنزالاً جوياً في بلدة الشحيل بمشاركة مروحيات.\n\n"
            "العملية – التي نُفذت بدقة عالية – تأتي بعد سلسلة من الإنزالات نفذها التحالف خلال "
            "الأسابيع الماضية في ريف دمشق وحماة، وأسفرت عن اعتقال قيادات في داعش.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("raid", "shuhayl")]


def test_a_page_named_after_its_town_is_no_place(gaz):
    body = ("نفذت قسد حملة مداهمات في بلدة ذيبان صباح اليوم.\n\n"
            "وقالت شبكة “أخبار دير الزور” إن عملية المداهمة شاركت فيها ثلاث مروحيات.")
    assert {i.place.id for i in run(gaz, body).incidents} == {"dhiban"}


def test_background_with_its_own_day_is_an_earlier_event_of_the_articles_kind(gaz):
    """'وكانت القوات التركية قد استهدفت أول أمس الإثنين القرية': an earlier strike, dated, at
    the same village; it names no weapon, the article's shelling tells what it was."""
    body = ("قصفت القوات التركية بالقذائف الصاروخية قرية عين عيسى.\n\n"
            "وكانت القوات التركية قد استهدفت أول أمس الأحد قرية عين عيسى ما تسبب بأضرار مادية.")
    assert sorted((i.type, i.date) for i in run(gaz, body).incidents) == [
        ("shelling", "2023-08-13"), ("shelling", "2023-08-15")]


@pytest.mark.parametrize("body", [
    # days of fighting summed up
    "ويأتي ذلك في ظل هدوء تعيشه جبهات تل تمر عقب أيام من الاشتباكات والقصف المتبادل.",
    # a habit, also past its commas
    "واعتادت القوات الأميركية خلال الفترة الماضية على اعتراض الدوريات الروسية قرب تل تمر.",
    "واعتادت القوات الأميركية، خلال الفترة الماضية، على اعتراض الدوريات الروسية قرب تل تمر.",
    # the state of things now
    "وتقتصر العمليات العسكرية راهناً على قصف مدفعي وغارات على بلدة هجين.",
])
def test_a_summary_a_habit_and_the_state_of_things_are_no_events(gaz, body):
    news = "انفجرت عبوة ناسفة بسيارة عسكرية في مدينة الحسكة صباح اليوم.\n\n"
    assert [i.type for i in run(gaz, news + body).incidents] == ["explosion"]


def test_a_protest_and_the_raid_that_set_it_off_are_two_events(gaz):
    body = ("وخرج العشرات من أهالي بلدة ذيبان أمس بمظاهرة ضد قسد بعد مقتل امرأة خلال مداهمة "
            "مجموعات مسلحة القرية.")
    assert {(i.type, i.place.id) for i in run(gaz, body).incidents} == {
        ("protest", "dhiban"), ("raid", "dhiban")}


def test_what_a_protest_is_against_is_no_event_of_its_own(gaz):
    body = ("خرج أهالي بلدة ذيبان اليوم بمظاهرة احتجاجية على ممارسات قسد وحالات الخطف والقتل "
            "وسرقة النفط.")
    assert [i.type for i in run(gaz, body).incidents] == ["protest"]


def test_a_relative_clause_with_a_day_of_its_own_tells_an_earlier_event(gaz):
    body = ("نشر الجيش السوري، اليوم الخميس، وحدات عسكرية جديدة في منطقة عين العرب التي دخلتها "
            "قواته، أمس الأربعاء، على الحدود مع تركيا.")
    result = run(gaz, body, published=dt.date(2019, 10, 17))
    assert sorted((i.type, i.place.id, i.date) for i in result.incidents) == [
        ("deployment", "ain_al_arab", "2019-10-16"), ("deployment", "ain_al_arab", "2019-10-17")]


def test_a_relative_clause_on_the_same_day_is_the_same_event(gaz):
    body = ("نشر الجيش السوري، اليوم الخميس، وحدات عسكرية في منطقة عين العرب التي دخلتها قواته "
            "بعد ظهر اليوم.")
    result = run(gaz, body, published=dt.date(2019, 10, 17))
    assert [(i.type, i.date) for i in result.incidents] == [("deployment", "2019-10-17")]


def test_a_place_taken_on_a_day_of_its_own_in_a_relative_clause(gaz):
    # the day in 'التي سيطرت عليها ... يوم أمس' is the taking's, an event of its own beside
    # the sentence's others, even when it is the only day the sentence tells
    body = ("وأشارت إلى أن اشتباكات دارت بين العشائر وقسد في بلدة الطيانة، كما تعرضت البلدة لقصف "
            "بقذائف الهاون، وهاجم مقاتلو العشائر حاجزاً لقوات قسد على أطراف مدينة ذيبان التي سيطرت "
            "عليها قسد يوم أمس.")
    incs = run(gaz, body, published=dt.date(2023, 9, 7)).incidents
    assert ("capture", "dhiban", dt.date(2023, 9, 6)) in {(i.type, i.place.id, i.date_first) for i in incs}


def test_a_withdrawal_from_places_taken_the_day_before(gaz):
    # the force of the relative clause is the sentence's, named far before; its day is the
    # taking's, and the withdrawal told 'in detail' keeps the lead's day
    body = ("انسحبت فصائل المعارضة، صباح اليوم الأحد، من المواقع التي سيطرت عليها يوم أمس الأحد.\n"
            "وفي التفاصيل، قال مراسل الوكالة في المنطقة إن قوات المعارضة إلى جانب القوات التركية، "
            "انسحبت من مخيم بلدة عين عيسى وقريتي صيدا والمعلك، التي سيطرت عليهما يوم أمس.")
    incs = run(gaz, body, published=dt.date(2019, 11, 24)).incidents
    at = {(i.type, i.date_first) for i in incs if i.place is not None and i.place.id == "ayn_issa"}
    assert ("withdrawal", dt.date(2019, 11, 24)) in at and ("capture", dt.date(2019, 11, 23)) in at
    assert ("withdrawal", dt.date(2019, 11, 23)) not in at


def test_a_while_clause_with_a_day_of_its_own_tells_another_event_of_the_kind(gaz):
    body = ("قُتل شخص اليوم بانفجار لغم زرعه التنظيم في مدينة الرقة، فيما لقي ثلاثة أشخاص مصرعهم "
            "يوم أمس بانفجارات مماثلة في حي الرميلة بالمدينة.")
    days = sorted(i.date for i in run(gaz, body, published=dt.date(2017, 11, 10)).incidents
                  if i.type == "explosion")
    assert days == ["2017-11-09", "2017-11-10"]


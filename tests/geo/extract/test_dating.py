"""geo.extract.dating: an incident's date from its sentence, its paragraph or the publication.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.geo.extract.helpers import one, run

# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "date", "precision"), [
    ("في 12 آب 2023 اعترضت دورية أمريكية رتلاً روسياً قرب رميلان.", "2023-08-12", "day"),
    ("وفي 3 آذار الماضي قصفت طائرات إسرائيلية مواقع قرب مطار دير الزور.", "2023-03-03", "day"),
    ("وفي شباط الفائت اعترضت دورية روسية دورية أميركية في ريف المالكية.", "2023-02", "month"),
    ("قبل عامين اصطدمت مدرعتان روسية وأمريكية في ريف القامشلي.", "2021", "year"),
    ("قصفت المدفعية التركية أمس قرى ريف تل تمر.", "2023-08-14", "day"),
    # the date of the reporting verb is not the date of the event
    ("قالت مصادر أمس إن طائرات تركية قصفت في 10 آب الجاري قرية قرب عامودا.", "2023-08-10", "day"),
    # 'منذ 2015' is not the date of the deployment
    ("انتشر الجنود الروس، الذين يدعمون النظام منذ عام 2015، في ريف الحسكة عام 2019.",
     "2019", "year"),
    # an overnight operation is dated to the morning it ended
    ("نفذت القوات الأمريكية ليل الأحد - الاثنين إنزالاً جوياً قرب الشدادي.", "2023-08-14", "day"),
])
def test_date_in_the_sentence(gaz, body, date, precision):
    inc = one(gaz, f"تمهيد لا حدث فيه.\n\n{body}")
    assert (inc.date, inc.date_precision) == (date, precision)
    assert inc.date_text


def test_date_from_the_previous_sentence_of_the_paragraph(gaz):
    body = ("في 12 آب 2023 دخلت دورية أمريكية بلدة رميلان. "
            "وأجبرت ميليشيات محلية الدورية على التراجع قرب رميلان.")
    # the patrol's entry and its turning back are two incidents, as readers map them
    by_type = {i.type: i for i in run(gaz, body).incidents}
    assert set(by_type) == {"patrol", "patrol_obstruction"}
    inc = by_type["patrol_obstruction"]
    assert inc.date == "2023-08-12" and "previous sentence" in inc.date_text
    assert (by_type["patrol"].date_source, inc.date_source) == ("own", "sentence before")
    assert inc.date_from == "text"  # the article's text gives it, though not the event's sentence


def test_publication_date_only_for_the_lead(gaz):
    lead = "قصفت طائرات تركية قرية قرب عامودا."
    later = "تمهيد لا حدث فيه.\n\n" + lead
    assert one(gaz, lead).date == "2023-08-15"
    assert "publication" in one(gaz, lead).date_text
    assert one(gaz, later).date == ""
    # a lead dated from another event ('بعد أسبوع من') is not dated by the publication
    assert one(gaz, "ويأتي ذلك بعد أسبوع من اشتباكات بين قسد والعشائر قرب الشحيل.").date == ""


@pytest.mark.parametrize(("body", "date_from"), [
    ("قصفت طائرات تركية قرية قرب عامودا.", "publication"),  # no day word: the report's day
    ("قصفت طائرات تركية اليوم قرية قرب عامودا.", "text"),
    ("قصفت طائرات تركية قبل ساعات قرية قرب عامودا.", "text"),  # 'hours ago' tells the day
    ("قصفت طائرات تركية يوم الأحد قرية قرب عامودا.", "text"),
])
def test_the_incident_says_whether_its_text_gives_the_day(gaz, body, date_from):
    inc = one(gaz, body)
    assert inc.date_precision == "day" and inc.date_from == date_from, inc.date_text


@pytest.mark.parametrize(("body", "date_source"), [
    ("قصفت طائرات تركية قرية قرب عامودا.", "publication"),
    ("قصفت طائرات تركية يوم الأحد قرية قرب عامودا.", "own"),
    # told on from the sentence before: 'وفي وقت لاحق' carries its day
    ("قصفت طائرات تركية يوم الأحد قرية قرب عامودا. وفي وقت لاحق اعتقلت قسد شخصين في الدرباسية.",
     "sentence before"),
    # counted from a day told before: 'وفي اليوم التالي'
    ("قصفت طائرات تركية يوم الأحد قرية قرب عامودا.\n\nوفي اليوم التالي اعتقلت قسد شخصين في الدرباسية.",
     "told before"),
])
def test_the_day_keeps_where_it_came_from(gaz, body, date_source):
    """The source is a field set where the day is found, not read back from the note's words."""
    inc = run(gaz, body).incidents[-1]
    assert inc.date_source == date_source, inc.date_text


def test_an_undated_incident_has_no_date_source(gaz):
    inc = one(gaz, "تمهيد لا حدث فيه.\n\nقصفت طائرات تركية قرية قرب عامودا.")
    assert (inc.date, inc.date_from) == ("", "")


def test_relative_dates_need_a_publication_day(gaz):
    body = "تمهيد.\n\nقبل عامين اصطدمت مدرعتان روسية وأمريكية في ريف القامشلي."
    assert one(gaz, body, published=None).date == ""
    # an inferred year is a lower bound, not an anchor
    assert one(gaz, body, published=dt.date(2020, 1, 1), precision="year", inferred=True).date == ""
    # absolute dates need no anchor
    body = "تمهيد.\n\nفي عام 2020 اصطدمت مدرعتان روسية وأمريكية في ريف القامشلي."
    assert one(gaz, body, published=None).date == "2020"


def test_an_inferred_publication_day_anchors_only_what_it_cannot_move(gaz):
    kw = {"published": dt.date(2023, 8, 15), "inferred": True}
    body = "تمهيد.\n\nقبل يومين قصفت طائرات تركية قرية قرب عامودا."
    inc = one(gaz, body, **kw)  # the day depends on a guessed anchor: a range, not a day
    assert inc.date_first <= dt.date(2023, 8, 13) <= inc.date_last
    assert (inc.date_last - inc.date_first).days == 6
    body = "تمهيد.\n\nفي 5 آب الجاري قصفت طائرات تركية قرية قرب عامودا."
    inc = one(gaz, body, **kw)
    assert inc.date == "2023-08-05" and "inferred" in inc.date_text


# --- nights, 'since', days running (issue 11) -------------------------------------------
# PUBLISHED is Tuesday 15 August 2023.


@pytest.mark.parametrize(("body", "date"), [
    ("استهدفت مسيّرة تركية الليلة الماضية سيارة لقسد قرب عامودا.", "2023-08-15"),
    ("قصفت المدفعية التركية ليلة أمس قرى ريف تل تمر.", "2023-08-15"),
    ("هاجم مسلحون منتصف الليلة الماضية حاجزا لقسد في بلدة الشحيل.", "2023-08-15"),
    ("قصفت طائرات مجهولة ليلة 12/13 آب الجاري مواقع قرب البوكمال.", "2023-08-13"),
    ("قصفت طائرات مجهولة بعد منتصف ليل السبت مواقع قرب البوكمال.", "2023-08-13"),
])
def test_a_night_is_dated_to_the_morning_it_ended(gaz, body, date):
    inc = one(gaz, f"تمهيد لا حدث فيه.\n\n{body}")
    assert (inc.date, inc.date_precision) == (date, "day")


def test_since_a_recent_day_is_when_the_event_began(gaz):
    inc = one(gaz, "تمهيد لا حدث فيه.\n\nاندلعت اشتباكات عنيفة بين قسد ومقاتلي العشائر منذ ليل "
                   "الأحد في بلدة الشحيل.")
    assert inc.date == "2023-08-13"


def test_since_a_weekday_named_is_when_the_event_began_even_days_before(gaz):
    """A weekday after 'منذ' is of the week before the report: the event began that day, even
    four to six days before ('تشهد المنطقة قصفاً منذ ليل الخميس' in a Tuesday's paper)."""
    inc = one(gaz, "تمهيد لا حدث فيه.\n\nتشهد مناطق سيطرة قسد في ريف دير الزور الشرقي قصفاً "
                   "متقطعاً من قبل قوات النظام، منذ ليل الخميس.")
    assert (inc.date, inc.date_precision) == ("2023-08-10", "day")


def test_since_a_date_days_before_that_is_no_weekday_stays_a_start_not_the_day(gaz):
    inc = one(gaz, "تمهيد لا حدث فيه.\n\nتشهد مناطق سيطرة قسد في ريف دير الزور الشرقي قصفاً "
                   "متقطعاً من قبل قوات النظام، منذ 10 آب.")
    assert inc.date != "2023-08-10"


def test_since_a_day_weeks_ago_does_not_date_the_event(gaz):
    """A tally since a date long past ('منذ 2 تموز') is not an event of that day."""
    body = ("تمهيد لا حدث فيه.\n\nاستهدفت هجمات صاروخية القاعدة الأمريكية في حقل العمر منذ "
            "2 تموز الماضي.")
    incidents = run(gaz, body).incidents
    assert incidents and "2023-07-02" not in {i.date for i in incidents}


def test_the_year_since_forces_reached_a_town_is_not_the_shelling_told_beside_it(gaz):
    body = ("قصفت القوات التركية مساء الخميس حي الحمرة في بلدة تل تمر، للمرة الأولى منذ وصولها إلى "
            "مشارفها أواخر عام 2019.\n"
            "وهذه هي المرة الأولى التي تستهدف فيها القوات التركية مركز البلدة منذ وصولها إلى مشارفها "
            "أواخر عام 2019.\n"
            "وتزامن ذلك مع قصف القوات التركية لقرية أم الكيف شمالي بلدة تل تمر.")
    assert "2019" not in {(i.date or "")[:4] for i in run(gaz, body).incidents}


@pytest.mark.parametrize("deal", [
    "في إطار الدوريات المشتركة التي اتفقت عليها تركيا وروسيا في 22 من تموز الماضي",
    "طبقاً لاتفاق تم التوصل إليه بين الرئيسين في 22 تموز الماضي",
])
def test_the_day_a_deal_was_reached_is_not_the_events(gaz, deal):
    body = f"ورشق سكان رتلاً عسكرياً تركياً وروسياً في مدينة المالكية، {deal}."
    assert "2023-07-22" not in {i.date for i in run(gaz, body).incidents}


def test_the_day_of_an_act_since_which_something_is_told_is_not_the_events(gaz):
    """'لتكون القافلة الأولى التي تدخل سوريا منذ إغلاق المعبر قبل أسبوع': the closure's day."""
    body = ("دخلت قافلة عسكرية للتحالف الدولي عبر معبر الوليد، لتكون القافلة الأولى التي تدخل "
            "سوريا منذ إغلاق المعبر من قبل إقليم شمال العراق قبل أسبوع.")
    assert [i.date for i in run(gaz, body).incidents] == ["2023-08-15"]


@pytest.mark.parametrize("running", ["لليوم الثالث على التوالي", "لليوم الخامس على التوالي"])
def test_an_event_going_on_for_days_is_news_of_the_publication_day(gaz, running):
    body = (f"تمهيد لا حدث فيه.\n\nاندلعت اشتباكات عنيفة بين قسد ومقاتلي العشائر {running} في "
            "بلدة ذيبان.")
    inc = one(gaz, body)
    # the phrase itself dates it (rule 'running_day'): the publication day
    assert inc.date == "2023-08-15" and running in inc.date_text


# --- days counted from another event; a round-up of the day -------------------------------


def test_an_event_counted_from_the_clause_date(gaz):
    """'في 3 آب، قبل 5 أيام من قصف ...': the strike came five days after 3 August, not on it."""
    body = ("تمهيد لا حدث فيه.\n\nوكانت آخر دورية قد خرجت في 3 آب الجاري قبل 5 أيام من قصف "
            "طائرات تركية قرية قرب عامودا.")
    dated = {i.type: i.date for i in run(gaz, body).incidents}
    assert dated.get("airstrike") == "2023-08-08"


def test_an_event_counted_back_from_today(gaz):
    body = ("أعلنت قوات سوريا الديمقراطية، اليوم الثلاثاء، سيطرتها على بلدة الشحيل بعد يومين من "
            "اندلاع اشتباكات عنيفة مع مقاتلي العشائر.")
    dated = {i.type: i.date for i in run(gaz, body).incidents}
    assert dated.get("armed_clash") == "2023-08-13"


def test_the_morrow_of_an_event_dates_it_the_day_before(gaz):
    body = ("أرسلت تركيا دبابات إضافية إلى المنطقة اليوم الخميس غداة هجوم خاطف شنته الفصائل على "
            "بلدة تل أبيض.")
    at_tal_abyad = [i.date for i in run(gaz, body).incidents if i.place and i.place.id == "tal_abyad"]
    assert at_tal_abyad == ["2023-08-09"]  # the day before Thursday 10 August


def test_an_event_counted_from_the_day_of_the_event_its_clause_tells(gaz):
    """'ويأتي هذا الهجوم بعد يومين فقط من هجوم آخر': the other attack came two days before the
    day this one was told; 'عقب يوم من انفجار آخر' the day before."""
    body = ("شن عناصر داعش هجوماً جديداً الأحد على حواجز للنظام في بلدة معدان.\n\n"
            "ويأتي هذا الهجوم بعد يومين فقط من هجوم آخر نفذه التنظيم على مواقع في مدينة الطبقة.")
    dated = {i.place.id: i.date for i in run(gaz, body).incidents}
    assert dated == {"maadan": "2023-08-13", "tabqa": "2023-08-11"}
    body = ("انفجرت عبوة ناسفة الأحد في مدينة رأس العين.\n\n"
            "ويأتي ذلك عقب يوم من انفجار آخر في مدينة تل أبيض.")
    dated = {i.place.id: i.date for i in run(gaz, body).incidents}
    assert dated == {"ras_al_ayn": "2023-08-13", "tal_abyad": "2023-08-12"}


def test_the_news_comes_a_day_after_the_events_a_sentence_then_tells(gaz):
    """'يأتي هذا بعد يوم من ارتكاب الطيران الروسي مجزرة ... جراء قصف طال مدينة الميادين':
    the shelling came the day before the news told, here the lead's publication day; far
    from the count, as the sentence opens on it."""
    body = ("سيطرت قوات النظام على بلدة معدان بعد مواجهات مع تنظيم الدولة.\n\n"
            "يأتي هذا بعد يوم من ارتكاب الطيران الروسي مجزرة بحق المدنيين في ريف دير الزور الشرقي "
            "راح ضحيتها عشرة مدنيين جراء قصف طال مدينة الميادين.")
    dated = {i.place.id: i.date for i in run(gaz, body).incidents if i.place}
    assert dated.get("mayadin") == "2023-08-14"
    # no news before with a day: the count moves nothing
    vague = "يأتي هذا بعد يوم من قصف طال مدينة الميادين."
    assert [i.date for i in run(gaz, vague).incidents] == [""]


@pytest.mark.parametrize("opening", ["في غضون ذلك، ", "في غضون ذلك .. "])
def test_meanwhile_after_a_lead_dated_by_its_publication_is_that_day(gaz, opening):
    """'في غضون ذلك .. قصف التنظيم ...' after a lead with no date of its own: the same day,
    whatever kind of event it tells (the dots cut the opening off as a sentence of its own)."""
    body = ("سيطرت قوات النظام على بلدة معدان بعد مواجهات مع تنظيم الدولة.\n\n"
            f"{opening}قصف تنظيم الدولة بالمدفعية مواقع قوات النظام في مدينة الطبقة.")
    dated = {i.place.id: i.date for i in run(gaz, body).incidents if i.place}
    assert dated.get("tabqa") == "2023-08-15"


def test_a_count_from_a_clause_without_a_day_leaves_the_event_undated(gaz):
    body = "تمهيد لا حدث فيه.\n\nوجاء ذلك بعد يومين من قصف طائرات تركية قرية قرب عامودا."
    assert one(gaz, body).date == ""


def test_a_round_up_of_the_day_dates_every_event_to_it(gaz):
    """No date but the day's in the text, the lead is today's news: each event is that day's."""
    body = ("اندلعت اشتباكات عنيفة لليوم السابع على التوالي على محور رأس العين.\n\n"
            "وذكرت مصادر أن قصفاً تركياً استهدف قرية قرب عين عيسى.\n\n"
            "وأفادت مصادر أخرى بأن الفصائل سيطرت على عدة قرى في ريف تل أبيض.")
    incidents = run(gaz, body).incidents
    assert len(incidents) >= 3
    assert {i.date for i in incidents} == {"2023-08-15"}
    assert any("that day's news" in i.date_text for i in incidents)


def test_one_date_of_another_day_ends_the_round_up(gaz):
    body = ("اندلعت اشتباكات عنيفة لليوم السابع على التوالي على محور رأس العين.\n\n"
            "وكانت الفصائل سيطرت في 3 آب الجاري على قرى في ريف تل أبيض.\n\n"
            "وذكرت مصادر أن قصفاً تركياً استهدف قرية قرب عين عيسى.")
    dated = {i.sources[0].evidence[:12]: i.date for i in run(gaz, body).incidents}
    assert dated.get("وذكرت مصادر ") == ""


def test_a_round_up_needs_an_event_in_the_lead(gaz):
    body = "تمهيد لا حدث فيه.\n\nوذكرت مصادر أن قصفاً تركياً استهدف قرية قرب عين عيسى."
    assert one(gaz, body).date == ""


def test_without_a_publication_day_a_round_up_invents_none(gaz):
    body = ("اندلعت اشتباكات عنيفة لليوم السابع على التوالي على محور رأس العين.\n\n"
            "وذكرت مصادر أن قصفاً تركياً استهدف قرية قرب عين عيسى.")
    assert {i.date for i in run(gaz, body, published=None).incidents} == {""}
    inferred = run(gaz, body, published=dt.date(2023, 8, 15), inferred=True).incidents
    assert all(i.date_precision in (None, "day") for i in inferred)
    assert "that day's news" not in " ".join(i.date_text for i in inferred)


def test_an_article_that_gives_no_date_is_no_round_up(gaz):
    """The lead's event is the publication day's news; later events of an article whose
    text gives no date at all keep no day (the text never said they were today's)."""
    body = ("اندلعت اشتباكات عنيفة على محور رأس العين.\n\n"
            "وذكرت مصادر أن قصفاً تركياً استهدف قرية قرب عين عيسى.")
    dated = {i.sources[0].evidence[:12]: i.date for i in run(gaz, body).incidents}
    assert dated.get("وذكرت مصادر ") == ""


def test_the_day_a_deal_was_signed_does_not_date_the_strike(gaz):
    body = ("تمهيد لا حدث فيه.\n\nوقصفت طائرات روسية ريف مدينة عين العرب، حيث خرقت الهدنة الموقعة "
            "في 5 آذار الماضي.")
    assert "2023-03-05" not in [i.date for i in run(gaz, body).incidents]


def test_the_day_a_deal_was_signed_by_named_parties_dates_no_event(gaz):
    body = ("تمهيد لا حدث فيه.\n\nرشق أهالي قرية في ريف عين العرب دورية روسية بالحجارة، وذلك ضمن "
            "الاتفاق الموقع بين الرئيسين التركي، رجب طيب أردوغان، ونظيره الروسي، فلاديمير بوتين، في "
            "22 من تشرين الأول الماضي.")
    assert "2022-10-22" not in [i.date for i in run(gaz, body).incidents]


def test_a_night_told_in_the_sentence_before_dates_the_next_to_the_morning_it_ended(gaz):
    """'ليلة الأحد/الاثنين' in the sentence before: the next event of the paragraph with no
    day of its own is Monday's, as the night's own event is (not a span of both days)."""
    body = "تعرض محيط مدينة البوكمال ليلة الأحد/الاثنين لقصف جوي. وقصفت المدفعية مدينة الميادين."
    dated = {i.place.id: (i.date_first, i.date_last) for i in run(gaz, body).incidents}
    assert dated["mayadin"] == dated["abu_kamal"] == (dt.date(2023, 8, 14), dt.date(2023, 8, 14))


@pytest.mark.parametrize(("body", "date"), [
    # the saying's day set off by commas before 'أن'; the strike's own day right after it
    ("وذكر مصدران من فصيل عراقي، الاثنين، أن ضربات جوية نفذتها طائرة مجهولة أمس الأحد أصابت "
     "مبنى قرب البوكمال.", "2023-10-29"),
    # 'إنه' for 'أن', and the event's own day set off by commas further on
    ("وقال مصدر خاص لموقع محلي، اليوم الاثنين، إنه دخلت 5 شاحنات مخصصة لنقل الخضار إلى سوق الهال "
     "في الميادين، أمس الأحد، قادمة من العراق محملة بالأسلحة.", "2023-10-29"),
])
def test_the_day_before_that_is_the_sayings_when_what_was_said_has_its_own(gaz, body, date):
    incs = run(gaz, f"تمهيد لا حدث فيه.\n\n{body}", published=dt.date(2023, 10, 30)).incidents
    days = {i.date for i in incs}
    assert date in days

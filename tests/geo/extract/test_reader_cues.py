"""Cues a careful reader of Arabic news uses to keep places and days to their own event:
a verdict of falsehood after a report, a source's home town, a city meant by 'المدينة',
what went on at the same time, a photo's caption, a span told of another noun. Sentences
written for these tests in the style of the news (not taken from the development set).
"""

from __future__ import annotations

import datetime as dt

from tests.geo.extract.helpers import PUBLISHED, placed, run

# --- a report judged false after it is no event -----------------------------------------------

def test_a_report_judged_false_after_it_is_no_event(gaz):
    body = ("وأوضح البيان أن ما نشرته الوكالة عن هجوم نفذته خلايا على حاجز لقسد قرب بلدة الشحيل "
            "هو عار عن الصحة.")
    assert run(gaz, body).incidents == []


def test_a_report_without_a_verdict_stays_an_event(gaz):
    body = "وأوضح البيان أن خلايا نفذت أمس هجوماً على حاجز لقسد قرب بلدة الشحيل."
    assert [i.place.id for i in run(gaz, body).incidents] == ["shuhayl"]


# --- a source's home town does not locate the event -------------------------------------------

def test_a_sources_town_does_not_refine_the_leads_region(gaz):
    body = ("قتل عنصران من قسد، اليوم الثلاثاء، بانفجار لغم في ريف دير الزور الشرقي.\n\n"
            "وقال مصدر عسكري من مدينة البصيرة، رفض الكشف عن اسمه، إن الانفجار وقع في قرية صغيرة.")
    places = [p for t, p in placed(gaz, body) if t == "explosion"]
    assert places and "busayrah" not in places


def test_a_local_source_from_the_town_of_the_event_still_places_it(gaz):
    body = "قالت مصادر محلية من الميادين، اليوم الثلاثاء، إن مسلحين اغتالوا قيادياً في قسد."
    assert ("assassination", "mayadin") in placed(gaz, body)


# --- 'المدينة' is a city named before, never a countryside's -----------------------------------

def test_the_city_after_a_countryside_is_the_city_named_before(gaz):
    body = ("انفجرت سيارة مفخخة في مدينة تل أبيض بريف الرقة الشمالي، اليوم الثلاثاء.\n\n"
            "وقال ناشطون إن السيارة انفجرت في المنطقة الصناعية بالمدينة، ما أسفر عن مقتل خمسة.")
    places = {p for t, p in placed(gaz, body) if t == "explosion"}
    assert places == {"tal_abyad"}


# --- what went on at the same time keeps its place --------------------------------------------

def test_a_patrol_told_at_the_same_time_lends_its_place_to_no_strike(gaz):
    body = ("شنت طائرات حربية روسية، اليوم الثلاثاء، غارات على ريف إدلب الجنوبي، تزامناً مع تسيير "
            "دورية مشتركة روسية تركية في ريف القامشلي.")
    strikes = [p for t, p in placed(gaz, body) if t == "airstrike"]
    assert "rif_qamishli" not in strikes and "qamishli" not in strikes


def test_a_region_after_while_is_not_the_strikes_place(gaz):
    body = ("قتل 20 مقاتلاً من قسد بغارات تركية استهدفت قرى صغيرة، في حين أعلن الجيش التركي أنه "
            "استهدف 18 هدفاً في شمال سوريا.")
    assert all(p != "north_syria" for _t, p in placed(gaz, body))


# --- targets listed with their places: one strike at each ------------------------------------

def test_targets_listed_each_with_its_place(gaz):
    body = ("استهدفت طائرات مجهولة، ليل أمس، مزارع في منطقة الميادين، ومقرين للمجموعات الإيرانية "
            "في مدينة البوكمال.")
    places = {p for t, p in placed(gaz, body) if t == "airstrike"}
    assert {"abu_kamal"} < places and places & {"mayadin", "district_mayadin"}


# --- movements: trucks then their verb, a river crossed, falling back toward a town ----------

def test_trucks_then_their_verb_are_a_convoy(gaz):
    body = ("عشرات الشاحنات المحملة بالمعدات العسكرية الأمريكية غادرت، اليوم الثلاثاء، "
            "باتجاه معبر سيمالكا الحدودي.")
    assert ("convoy", "semalka_crossing") in placed(gaz, body)


def test_an_army_crossing_the_river_is_a_deployment(gaz):
    body = "عبرت وحدات من الجيش السوري نهر الفرات قرب مدينة الميادين، اليوم الثلاثاء."
    assert ("deployment", "mayadin") in placed(gaz, body)


def test_across_the_river_as_a_preposition_is_no_crossing(gaz):
    body = "تنشط عمليات تهريب المحروقات عبر نهر الفرات بين ضفتيه قرب مدينة الميادين."
    assert all(t != "deployment" for t, _p in placed(gaz, body))


def test_fighters_falling_back_toward_a_town_withdrew(gaz):
    body = ("وانسحب قسم من مقاتلي العشائر باتجاه بلدة الطيانة، اليوم الثلاثاء، بعد معارك مع قسد "
            "داخل بلدة ذيبان.")
    assert any(t == "withdrawal" for t, _p in placed(gaz, body))


# --- days: a photo caption is not the lead; a span of another noun is not the event's --------

def test_a_photo_caption_is_not_the_lead(gaz):
    body = ("أطفال يلعبون قرب آلية مدمرة في بلدة ذيبان - 1 من آب 2023 (عنب بلدي/ مراسل)\n\n"
            "سيطرت قوات سوريا الديمقراطية على بلدة ذيبان شرقي دير الزور بعد مواجهات عنيفة.")
    captures = [i for i in run(gaz, body).incidents if i.type == "capture"]
    assert [i.date_first for i in captures] == [PUBLISHED]


def test_a_span_told_of_another_noun_does_not_date_the_event(gaz):
    body = ("سيطرت قوات سوريا الديمقراطية على بلدة ذيبان بعد مواجهات مع مقاتلي العشائر الذين "
            "تمركزوا فيها طوال الأسبوع الماضي.")
    captures = [i for i in run(gaz, body).incidents if i.type == "capture"]
    assert captures and all(i.date_first == PUBLISHED for i in captures)


def test_a_day_told_of_the_scene_still_dates_the_event(gaz):
    body = ("رشق أهالي قرية في ريف القامشلي بالحجارة العربات العسكرية التركية التي سيرت "
            "أمس الاثنين دورية مع الشرطة الروسية.")
    days = {i.date_first for i in run(gaz, body).incidents if i.type == "patrol_obstruction"}
    assert days == {PUBLISHED - dt.timedelta(days=1)}


# --- a page's furniture and spacing -------------------------------------------------------------

def test_a_most_read_box_above_the_story_cuts_nothing(gaz):
    body = ("الأكثر قراءة هذا الأسبوع\n\nكل العرب\n\n"
            "أعلنت قوات سوريا الديمقراطية اليوم سيطرتها الكاملة على بلدة الشحيل بعد معارك مع التنظيم.")
    assert ("capture", "shuhayl") in placed(gaz, body)


def test_a_most_read_box_after_the_story_still_ends_it(gaz):
    body = ("قال مسؤول إن العلاقات متوترة.\n\nالأكثر قراءة\n\n"
            "قصفت المدفعية التركية قرى في ريف القامشلي اليوم.")
    assert run(gaz, body).incidents == []


def test_two_spaces_between_words_read_as_one(gaz):
    one = "وردت الدورية على احتجاجات الأهالي بإطلاق النار في قرية قرب مدينة عين العرب، اليوم الثلاثاء."
    two = one.replace(" ", "  ")
    assert placed(gaz, two) == placed(gaz, one) != []


# --- people after 'القرية', residents in a force's way, goals --------------------------------

def test_forces_after_the_word_village_are_no_village(gaz):
    body = ("تجمع أهالي قرية صغيرة قرب مدينة القامشلي اليوم. واتهم أهالي القرية القوات الروسية "
            "بعدم حماية مناطق عفرين.")
    mentions = run(gaz, body).mentions
    assert all("القوات" not in m.text for m in mentions)


def test_residents_gathered_in_front_of_troops_block_them(gaz):
    body = ("تجمع العشرات من أهالي قرية قصر ديب التابعة لمدينة ديريك اليوم الثلاثاء أمام جنود "
            "ومدرعات للقوات الروسية، وطالبوا بعودتها.")
    assert [t for t, _p in placed(gaz, body)] == ["patrol_obstruction"]


def test_a_goal_is_no_event(gaz):
    body = ("وقال المبعوث الأمريكي اليوم إن سياستنا الهادفة إلى ضمان دحر داعش في شمال شرق سوريا "
            "لم تتغير.")
    assert run(gaz, body).incidents == []


# --- 'في المنطقة', road ends, one side shadowing the other -------------------------------------

def test_the_area_is_not_a_town_in_a_road_name(gaz):
    body = ("منع عناصر حاجز للجيش السوري قرب بلدة تل تمر على الطريق الدولي الحسكة- الرقة- حلب دورية "
            "أمريكية من العبور اليوم. وسادت حالة من التوتر أثناء محاولة الدورية الأمريكية المرور في "
            "المنطقة.")
    assert all(p != "aleppo" for _t, p in placed(gaz, body))


def test_the_area_is_not_the_base_a_force_came_from(gaz):
    body = ("وصلت تعزيزات أمريكية إلى مدينة منبج اليوم قادمة من القاعدة العسكرية الأمريكية في بلدة "
            "صرين. وبدأ الجيش الأمريكي انتشاره في المنطقة وتسيير دوريات على طول الحدود.")
    assert all(p != "sarrin" for _t, p in placed(gaz, body))


def test_the_towns_a_road_joins_do_not_place_an_event_at_a_village_on_it(gaz):
    body = ("وتمركزت مدرعات أمريكية اليوم عند مفرق قرية تل بيدر الواصل بين مدينتي الدرباسية "
            "والحسكة.")
    assert [p for _t, p in placed(gaz, body)] == ["tal_baydar"]


def test_the_town_a_road_leads_to_is_not_where_a_point_on_it_was_hit(gaz):
    body = ("استهدفت طائرة مسيرة تركية اليوم نقطة على بعد كيلومتر جنوب بلدة الدرباسية، على الطريق "
            "المؤدي لمدينة الحسكة.")
    assert [p for _t, p in placed(gaz, body)] == ["darbasiyah"]


def test_the_ends_of_a_road_stay_when_nothing_finer_is_named(gaz):
    body = ("استهدفت مسيرة تركية اليوم سيارة لقسد على الطريق الواصل بين مدينتي عامودا والدرباسية "
            "شمالي محافظة الحسكة.")
    assert [p for _t, p in placed(gaz, body)] in (["amuda"], ["darbasiyah"])


def test_shadowing_the_other_sides_patrol_is_an_encounter(gaz):
    body = "تتبعت مدرعات أمريكية اليوم دورية للقوات الروسية على الطريق الدولي قرب بلدة تل تمر."
    assert [t for t, _p in placed(gaz, body)] == ["patrol_encounter"]


# --- a stopped movement, a convoy across a region, a sentence opening on yesterday ------------

def test_a_stopped_convoy_is_not_placed_where_it_was_heading(gaz):
    body = ("منعت دورية أمريكية اليوم رتلاً عسكرياً روسياً من المرور على الطريق الدولي باتجاه مدينة "
            "القامشلي، قرب بلدة تل تمر.")
    assert [p for _t, p in placed(gaz, body)] == ["tal_tamr"]


def test_armour_returning_to_bases_across_a_region_has_no_point(gaz):
    body = "وعادت المدرعات الروسية اليوم إلى قواعدها في شمال شرقي سوريا."
    incs = run(gaz, body).incidents
    assert incs and all(i.place is None for i in incs)


def test_a_sentence_opening_on_yesterday_tells_another_event_than_the_lead(gaz):
    body = ("منعت دورية أمريكية رتلاً روسياً من المرور قرب بلدة تل تمر.\n\n"
            "ويوم أمس، اعترض عناصر من قوات النظام رتلاً أمريكياً في قرية قرب بلدة تل تمر.")
    days = sorted(i.date_first for i in run(gaz, body).incidents)
    assert days == [PUBLISHED - dt.timedelta(days=1), PUBLISHED]


def test_a_stopped_patrol_is_not_placed_where_it_came_from(gaz):
    body = ("منعت مدرعات أمريكية اليوم دورية روسية قادمة من مدينة عامودا من المرور عبر الطريق "
            "الدولي.")
    assert all(p != "amuda" for _t, p in placed(gaz, body))


def test_a_countryside_after_a_comma_places_a_mine(gaz):
    body = "انفجر لغم أرضي من مخلفات التنظيم اليوم، بريف مدينة البوكمال في محافظة دير الزور."
    assert [p for _t, p in placed(gaz, body)] == ["abu_kamal"]


def test_the_palmyra_desert_is_palmyras_countryside_not_the_whole_badia(gaz):
    mentions = run(gaz, "هاجمت خلايا التنظيم اليوم موقعاً عسكرياً في بادية تدمر.").mentions
    assert [m.place.id for m in mentions if m.place] == ["rif_palmyra"]


def test_a_leads_time_frame_dates_the_attacks_told_after_it(gaz):
    body = ("كثفت خلايا التنظيم خلال الـ24 ساعة الفائتة من هجماتها في البادية.\n\n"
            "ونفذ التنظيم 3 هجمات استهدفت موقعاً عسكرياً في بادية تدمر.")
    days = {i.date_first for i in run(gaz, body).incidents}
    assert days == {PUBLISHED}


def test_a_long_force_name_before_the_town_taken(gaz):
    body = ("سيطر الجيش العربي السوري بالتعاون مع القوات الرديفة بالكامل اليوم على مدينة البوكمال في "
            "ريف دير الزور الشرقي.")
    assert ("capture", "abu_kamal") in placed(gaz, body)


def test_fire_that_met_a_crowd_is_placed_where_the_crowd_was(gaz):
    body = ("خرج أهالي مدينة منبج اليوم إلى ساحة الشهداء وسط المدينة ابتهاجاً.\n\n"
            "قوبلت هذه الاحتفالات بإطلاق نار كثيف من قبل مسلحين.")
    assert ("attack", "manbij") in placed(gaz, body)


def test_a_demonstration_to_condemn_attacks_reports_no_attack(gaz):
    body = "خرج أهالي القامشلي اليوم في تظاهرة حاشدة للتنديد بهجمات الجيش التركي على المنطقة."
    assert all(t != "armed_clash" and t != "attack" for t, _p in placed(gaz, body))


def test_a_post_taken_down_is_a_withdrawal(gaz):
    body = "أنهى الجيش التركي اليوم تفكيك نقطته العسكرية في بلدة تل تمر."
    assert [t for t, _p in placed(gaz, body)] == ["withdrawal"]


def test_a_denial_opening_the_sentence_governs_it_past_its_commas(gaz):
    body = ("روسيا – نفت وزارة الدفاع الروسية، اليوم الخميس، صحة ما تداولته وسائل إعلام حول مقتل 4 "
            "جنود روس جراء قصف للمسلحين قرب مدينة القامشلي.")
    assert run(gaz, body).incidents == []


def test_a_province_named_by_its_seat_yields_to_the_town_told_next(gaz):
    body = ("قتل جندي وأصيب ثلاثة اليوم في انفجار آلية عسكرية في الحسكة.\n\n"
            "وكانت الآلية تسير على طريق قرب بلدة تل تمر.")
    assert [p for _t, p in placed(gaz, body)] == ["tal_tamr"]


# --- batch 1401-1425: operations named, topics, deployments told with their force first ------

def test_an_operation_named_in_quotes_is_no_event(gaz):
    body = "أطلقت قسد عملية “ردع الإرهاب” ضد خلايا التنظيم في وقت سابق، وتستمر الاستعدادات."
    assert all(t != "capture" for t, _p in placed(gaz, body))


def test_a_topic_opened_on_a_battle_tells_no_battle(gaz):
    body = ("وفيما يتعلق بمعركة “دحر الإرهاب” التي أطلقتها قسد في 11 آب الجاري شرقي دير الزور، قال "
            "مسؤول إنها مستمرة.")
    assert run(gaz, body).incidents == []


def test_a_deployment_with_its_force_and_day_before_what_it_deployed(gaz):
    body = ("نشر الجيش السوري، اليوم الثلاثاء، وحدات عسكرية جديدة في منطقة عين العرب التي دخلتها "
            "قواته، أمس الاثنين.")
    incs = [i for i in run(gaz, body).incidents if i.type == "deployment"]
    # the lead's deployment today; the entry its relative clause dates yesterday is one more
    assert sorted((i.place.id, i.date_first) for i in incs) == [
        ("ain_al_arab", PUBLISHED - dt.timedelta(days=1)), ("ain_al_arab", PUBLISHED)]


def test_publishing_a_video_deploys_nothing(gaz):
    body = "نشرت الوكالة اليوم شريطي فيديو قالت إنهما يوثقان انتشار قوات أمريكية في بلدة تل تمر."
    assert all(t != "deployment" or p == "tal_tamr" for t, p in placed(gaz, body))


def test_fighters_who_entered_an_airbase_captured_it(gaz):
    body = "أعلنت قسد اليوم أن مقاتليها دخلوا مطار الطبقة العسكري بعد معارك عنيفة."
    assert any(t == "capture" for t, _p in placed(gaz, body))


def test_two_armies_running_a_patrol(gaz):
    body = "سيّر الجيشان التركي والأميركي، اليوم الثلاثاء، الدورية المستقلة الثامنة عشرة قرب مدينة منبج."
    assert ("patrol", "manbij") in placed(gaz, body)


def test_no_break_spaces_between_words_read_as_spaces(gaz):
    one = "قصفت المدفعية التركية اليوم قرى في ريف دير الزور الشرقي."
    assert placed(gaz, one.replace(" ", "\xa0")) == placed(gaz, one) != []


# --- where the guns stand is not what they hit; 'في كلٍ من' lists the places hit ----------------

_CAMPAIGN = ("نفذ سلاح الجو التركي، ليل الأربعاء وفجر اليوم الخميس، حملة قصف على مواقع قسد.\n"
             "وقالت مصادر محلية إن طائرات حربية تركية استهدفت بالاشتراك مع المدفعية المنتشرة ضمن "
             "مناطق «نبع السلام» بريف محافظتي الحسكة والرقة، مواقع عسكرية تسيطر عليها «قسد» في كلٍ "
             "من حي «الهلالية» ضمن مدينة القامشلي، وناحية “عامودا”، وناحية”تل تمر” وقرى في محيط "
             "مدينة “تل أبيض” بريف محافظة الحسكة، وبلدة “تل رفعت” ومدينتي “منبج” و”عين العرب”.")


def test_each_place_of_a_list_led_by_each_of_is_struck(gaz):
    struck = {p for t, p in placed(gaz, _CAMPAIGN) if t == "airstrike"}
    assert {"qamishli", "amuda", "tal_tamr", "tal_abyad", "tal_rifaat", "manbij", "ain_al_arab"} <= struck


def test_where_the_guns_are_stationed_is_not_struck(gaz):
    struck = {p for t, p in placed(gaz, _CAMPAIGN) if t == "airstrike"}
    assert "hasakah" not in struck and "raqqa" not in struck


def test_the_base_the_guns_fire_from_is_not_struck(gaz):
    body = ("قصفت المدفعية التركية المتمركزة في مدينة رأس العين، اليوم الخميس، قرية أم الكيف قرب "
            "بلدة تل تمر.")
    assert {p for t, p in placed(gaz, body) if t == "shelling"} == {"tal_tamr"}


def test_where_forces_are_still_stationed_is_not_where_they_withdrew_from(gaz):
    body = ("وأفاد مراسلنا بأن القوات الروسية ما تزال متمركزة داخل مطار القامشلي، بعد أن قامت "
            "القوات بإخلاء عدد من النقاط والمواقع العسكرية في ريف الحسكة الشمالي.")
    assert [p for t, p in placed(gaz, body) if t == "withdrawal"] == ["rif_hasakah_north"]


# --- an army entering towns unopposed is a deployment at each -----------------------------------

def test_an_army_entering_towns_is_deployed_at_each(gaz):
    body = "دخل الجيش السوري اليوم مدينة الطبقة وبلدة عين عيسى بريف الرقة."
    assert {p for t, p in placed(gaz, body) if t == "deployment"} >= {"tabqa", "ayn_issa"}


def test_units_then_their_entering_is_a_deployment(gaz):
    body = "وذكرت الوكالة أن وحدات من الجيش السوري دخلت صباح اليوم بلدة تل تمر بريف الحسكة."
    assert ("deployment", "tal_tamr") in placed(gaz, body)


def test_an_army_entering_a_war_is_no_deployment(gaz):
    body = "وقال المحلل إن الجيش التركي دخل في مرحلة جديدة من الحرب شمال سوريا."
    assert [t for t, _ in placed(gaz, body) if t == "deployment"] == []


def test_trucks_counted_in_the_singular_are_a_convoy(gaz):
    body = ("قالت مصادر محلية إن القوات الأمريكية أدخلت اليوم 40 شاحنة تحمل مولدات عبر معبر الوليد "
            "وتوجهت إلى قاعدتها في الرميلان.")
    assert "convoy" in {t for t, _ in placed(gaz, body)}


# --- a capital named as its government is no place --------------------------------------------

def test_damascus_as_the_government_is_not_where_a_strike_was(gaz):
    body = ("ويأتي هذا بعد ساعات من إعلان دمشق استهداف التحالف الدولي أحد مواقعها العسكرية، "
            "الأمر الذي نفاه التحالف.")
    assert "damascus" not in {p for _, p in placed(gaz, body)}


def test_a_strike_in_damascus_stays_there(gaz):
    body = "استهدفت غارة إسرائيلية، اليوم الثلاثاء، مبنى في حي المزة بدمشق."
    assert "damascus" in {p for _, p in placed(gaz, body)}


def test_a_relative_clause_opening_on_wa_dates_its_own_noun(gaz):
    body = ("وأعلنت قسد يوم الثلاثاء 8 آب 2023 عن بدء عملية اقتحام بلدة الشحيل ضمن عمليات "
            "غضب الفرات والتي انطلقت قبل 7 أشهر.")
    days = {i.date_first for i in run(gaz, body).incidents}
    assert days == {dt.date(2023, 8, 8)}


# --- an offensive launched is a battle; an arrest or media campaign is not ---------------------

def test_an_offensive_launched_to_take_ground_is_a_clash(gaz):
    body = ("أعلن مجلس دير الزور العسكري أمس عن بدء حملة عاصفة الجزيرة لتحرير الريف الشرقي من "
            "محافظة دير الزور من مسلحي تنظيم داعش.")
    found = [i for i in run(gaz, body).incidents if i.type == "armed_clash"]
    assert found and found[0].date_first == PUBLISHED - dt.timedelta(days=1)


def test_a_vaccination_or_media_campaign_is_no_clash(gaz):
    body = "أعلنت الإدارة الذاتية بدء حملة تلقيح ضد شلل الأطفال في ريف دير الزور الشرقي."
    assert [i for i in run(gaz, body).incidents if i.type == "armed_clash"] == []


def test_a_military_operation_begun_is_a_clash(gaz):
    body = "بدأت قوات سوريا الديمقراطية اليوم عملية عسكرية ضد خلايا داعش في بلدة الشحيل."
    assert ("armed_clash", "shuhayl") in placed(gaz, body)


def test_an_operation_a_leader_is_resolved_to_launch_has_not_begun(gaz):
    body = ("تأتي التعزيزات بالتزامن مع إعلان الرئيس التركي عزم بلاده إطلاق عملية عسكرية شرق "
            "الفرات خلال أيام.")
    assert [t for t, _ in placed(gaz, body) if t == "armed_clash"] == []


def test_an_offensive_begun_to_expel_a_side_is_a_battle_not_a_capture(gaz):
    body = "أعلنت قسد بدء حملة عسكرية لطرد التنظيم من شرق محافظة دير الزور."
    assert {t for t, _ in placed(gaz, body)} == {"armed_clash"}


def test_words_dotted_to_slip_past_filters_read_whole(gaz):
    body = "قام أهالي بلدة المالكية اليوم بصد وطـ.ـرد دورية تابعة للاحتـ.ـلال الروسي."
    assert ("patrol_obstruction", "malikiyah") in placed(gaz, body)


# --- a family's farewell is no call; where the hurt were taken is not where they were hit -------

def test_a_family_bidding_farewell_is_not_a_call_for_something(gaz):
    body = ("ودعت عائلة خمسة أشخاص من أبنائها إثر سقوط قذيفة على منزلهم في بلدة الشحيل، فجر أمس "
            "الاثنين.")
    assert ("shelling", "shuhayl") in placed(gaz, body)


def test_a_call_to_act_stays_hypothetical(gaz):
    body = "ودعت الإدارة الذاتية التحالف إلى قصف مواقع التنظيم في بلدة الشحيل."
    assert placed(gaz, body) == []


def test_where_the_wounded_were_taken_is_not_where_the_shell_fell(gaz):
    body = ("سقطت القذيفة على سطح منزلهم في بلدة الشحيل، وتوفي الزوج أثناء محاولة إسعافه إلى أحد "
            "مستشفيات مدينة الحسكة.")
    places = {p for t, p in placed(gaz, body) if t == "shelling"}
    assert places == {"shuhayl"}


def test_the_first_time_in_months_is_news_not_history(gaz):
    body = ("وقالت مصادر إن قوات النظام سيطرت على قرية في ريف حلب.\n\n"
            "ولأول مرة منذ 17 شهراً، دوى انفجار عنيف في بلدة عين عيسى شمالي الرقة، نتيجة استهداف "
            "طائرة مسيرة لموقع عسكري.")
    assert "ayn_issa" in {p for _, p in placed(gaz, body)}


def test_a_strike_on_a_road_named_by_its_towns_joins_the_village_on_it(gaz):
    body = ("قتل ثلاثة أشخاص باستهداف مسيرة تركية سيارة على الطريق العام القامشلي – عامودا.\n"
            "وقالت المصادر إن مسيرة تركية استهدفت، عصر اليوم، سيارة بالقرب من مفرق قرية تل شعير "
            "على طريق القامشلي- عامودا.")
    assert [p for t, p in placed(gaz, body) if t == "airstrike"] == ["tal_shaeer"]


def test_a_verb_joined_by_wa_keeps_the_military_subject_before_it(gaz):
    body = ("وقال الضابط إن 3 مدرعات تابعة للجيش الأمريكي خرجت من قاعدة قسرك بمحيط بلدة تل تمر "
            "مساء أمس، وتمركزت بالقرب من جسر في قرية الدردارة بريف تل تمر.")
    # the positioning is told (its trigger found), one movement with the vehicles' departure
    [movement] = run(gaz, body).incidents
    assert "trigger: تمركزت" in movement.notes


def test_residents_confronting_armoured_vehicles_obstruct_them(gaz):
    body = ("وأشارت الوكالة إلى أن أهالي قرية تل شعير تصدوا أمس بمساندة حاجز للجيش السوري لـ 4 "
            "مدرعات لقوات الاحتلال الأمريكي وطردوها خارج المنطقة.")
    found = [i for i in run(gaz, body).incidents if i.type == "patrol_obstruction"]
    assert found and found[0].date_first == PUBLISHED - dt.timedelta(days=1)


def test_repelling_an_attack_is_no_obstruction(gaz):
    body = "وتمكنت القوات من التصدي لهجوم شنته خلايا داعش على حاجز في بلدة الشحيل."
    assert "patrol_obstruction" not in {t for t, _ in placed(gaz, body)}


def test_an_event_at_a_village_the_gazetteer_lacks_is_kept_for_review(gaz):
    body = "رشق أهالي قرية فرفرة، اليوم، دورية أمريكية بالحجارة ومنعوها من العبور."
    [inc] = run(gaz, body).incidents
    assert inc.type == "patrol_obstruction" and inc.place is None and "فرفرة" in inc.place_text


def test_gunmen_who_went_on_to_kill_made_an_attack(gaz):
    body = "أقدم مسلحان يستقلان دراجة نارية، اليوم، على قتل عنصر من الأسايش في بلدة الشحيل."
    assert ("attack", "shuhayl") in placed(gaz, body)


def test_aircraft_thought_to_be_israeli_struck_not_a_forecast(gaz):
    body = "شنت طائرات مجهولة يرجح أنها إسرائيلية، فجر اليوم، غارات على مواقع في البوكمال."
    assert ("airstrike", "abu_kamal") in placed(gaz, body)


def test_a_likely_strike_to_come_stays_a_forecast(gaz):
    body = "ويرجح أن تشن طائرات التحالف غارات على مواقع في البوكمال خلال الأيام المقبلة."
    assert placed(gaz, body) == []


def test_vehicles_brought_in_are_a_convoy(gaz):
    body = "أدخل التحالف الدولي، اليوم، أكثر من 50 آلية عسكرية إلى قواعده في الحسكة عبر معبر الوليد."
    assert "convoy" in {t for t, _ in placed(gaz, body)}


def test_a_force_seizing_villages_captures_them(gaz):
    body = "استولى تحالف قوات سوريا الديمقراطية، اليوم، على عشرات القرى والمزارع حول منبج."
    assert "capture" in {t for t, _ in placed(gaz, body)}


def test_a_force_making_its_way_into_a_town_fights_there(gaz):
    body = "قال مصدر اليوم إن القوات شقت طريقها إلى المدخل الغربي لمدينة منبج للمرة الأولى."
    assert ("capture", "manbij") in placed(gaz, body)


def test_a_checkpoint_targeted_with_machine_guns_is_fighting_not_shelling(gaz):
    body = ("وقالت الوكالة إن مسلحي التنظيم استهدفوا، أمس، بالأسلحة الرشاشة والقنابل اليدوية حاجزاً "
            "لقسد في بلدة الشحيل.")
    assert ("armed_clash", "shuhayl") in placed(gaz, body)  # gunmen on a checkpoint: ACLED's clash
    body = "وقالت الوكالة إن القوات استهدفت، أمس، بالأسلحة الرشاشة سيارة مدنية في بلدة الشحيل."
    assert ("attack", "shuhayl") in placed(gaz, body)


def test_a_strike_told_again_after_kama_with_no_comma_has_its_own_place(gaz):
    body = ("استهدفت القوات التركية، اليوم، قرية تل شعير بأكثر من 30 قذيفة مدفعية كما استهدفت بلدة "
            "عين عيسى شمال الرقة بعدة قذائف.")
    assert {p for t, p in placed(gaz, body) if t == "shelling"} == {"tal_shaeer", "ayn_issa"}


def test_the_article_of_al_qabd_ala_is_the_idiom_not_a_reference(gaz):
    body = ("أعلنت قوى الأمن الداخلي، اليوم، القبض على 16 شخصاً من خلايا داعش خلال حملة أمنية في "
            "مخيم الهول.")
    assert "arrest" in {t for t, _ in placed(gaz, body)}


def test_forces_pushing_into_a_town_fight_there(gaz):
    body = "قال متحدث، اليوم، إن القوات توغلت أكثر في مدينة الرقة من الشرق ووصلت إلى أسوار المدينة القديمة."
    assert ("armed_clash", "raqqa") in placed(gaz, body)


def test_heavy_weapons_fire_is_shelling(gaz):
    body = "قصفت فصائل المعارضة الليلة الماضية بالأسلحة الثقيلة موقعاً للقوات الحكومية في بلدة الشحيل."
    assert ("shelling", "shuhayl") in placed(gaz, body)


def test_an_aid_convoy_is_no_forces_movement(gaz):
    body = "وصلت اليوم قافلة مساعدات إنسانية من إقليم كردستان العراق إلى بلدة تل تمر."
    assert "convoy" not in {t for t, _ in placed(gaz, body)}
    body = "وصلت قافلة عسكرية أمريكية اليوم من إقليم كردستان العراق إلى بلدة تل تمر."
    assert "convoy" in {t for t, _ in placed(gaz, body)}


# --- a page's outlet line is no lead; the lead's news told on keeps its day ---------------------

def test_an_outlet_line_with_its_domain_is_no_lead(gaz):
    body = ("وكالة أوقات الشام الاخبارية / shaamtimes.com\n\n"
            "تصدى أهالي قرية تل شعير بريف القامشلي لرتل عسكري أمريكي حاول دخول قريتهم.")
    [inc] = [i for i in run(gaz, body).incidents if i.type == "patrol_obstruction"]
    assert inc.date_first == PUBLISHED


def test_the_leads_news_told_on_keeps_the_publication_day(gaz):
    body = ("مقاتلو العشائر شنوا هجوماً واسعاً على مواقع قسد في ريف دير الزور الشرقي.\n\n"
            "مصادر ميدانية أكدت أن مقاتلي العشائر هاجموا حواجز قسد في بلدة الشحيل.")
    days = {i.place.id: i.date_first for i in run(gaz, body).incidents if i.place}
    assert days.get("shuhayl") == PUBLISHED


def test_a_later_story_of_another_kind_told_without_a_source_stays_undated(gaz):
    body = ("مقاتلو العشائر شنوا هجوماً واسعاً على مواقع قسد في ريف دير الزور الشرقي.\n\n"
            "وسيرت القوات الروسية دورية في ريف القامشلي.")
    [patrol] = [i for i in run(gaz, body).incidents if i.type == "patrol"]
    assert patrol.date_first is None


def test_a_place_after_a_day_set_off_by_commas_locates_a_blast(gaz):
    body = ("قتل مدنيان بانفجار عبوة ناسفة استهدفت سيارتهم على الطريق العام، منتصف ليلة الأمس، في "
            "بلدة الشحيل.")
    assert ("explosion", "shuhayl") in placed(gaz, body)


def test_a_blast_on_a_road_in_an_area_is_there(gaz):
    body = ("وقال مصدر إن عبوة ناسفة انفجرت عند مرور سيارة منتصف ليلة الأحد، على الطريق العام في "
            "منطقة الكرامة شرق الرقة.")
    assert ("explosion", "karama_raqqa") in placed(gaz, body)


def test_a_capture_with_an_aside_between_dashes(gaz):
    body = ("سيطرت قوات سوريا الديمقراطية -التي تشكل وحدات حماية الشعب الكردية الثقل الأساسي فيها- "
            "اليوم على مدينة منبج بعد أكثر من شهرين من المعارك.")
    assert ("capture", "manbij") in placed(gaz, body)


def test_an_entry_under_a_deal_is_a_deployment_not_a_capture(gaz):
    body = ("وأمس الأربعاء، دخلت قوات الحكومة السورية مدينة كوباني بموجب اتفاق مع الإدارة الذاتية؛ "
            "لمواجهة الهجوم التركي.")
    types = {t for t, p in placed(gaz, body) if p == "ain_al_arab"}
    assert "deployment" in types and "capture" not in types


def test_a_list_of_towns_each_with_its_surroundings_and_province_in_brackets(gaz):
    body = ("وانتشرت القوات السورية اليوم في مدينة منبج ومحيطها (شمال شرق حلب) وبلدة تل تمر (شمال غرب "
            "الحسكة) ومحيط بلدة عين عيسى (شمال الرقة).")
    places = {p for t, p in placed(gaz, body) if t == "deployment"}
    assert {"manbij", "tal_tamr", "ayn_issa"} <= places and "aleppo" not in places


def test_a_sentence_summing_up_the_news_is_no_new_event(gaz):
    body = ("وصلت تعزيزات عسكرية أمريكية، اليوم، إلى قاعدة الشدادي.\n\n"
            "وبذلك يكون الجيش الأميركي أرسل أولى التعزيزات لقواته في منبج في عام 2024.")
    assert "manbij" not in {p for _, p in placed(gaz, body)}


def test_the_strike_named_again_with_its_clause_is_the_same_strike(gaz):
    body = ("نفذت طائرات إسرائيلية، اليوم، ضربات جوية على مطار التيفور العسكري في ريف حمص الشرقي.\n\n"
            "ونقلت الوكالة عن الجيش قوله إن 6 جنود أصيبوا جراء الهجوم الإسرائيلي الذي استهدف ريف حمص.")
    # the noun names the strikes again (no clash of its own); the verb of its clause is still
    # read as an attack at the region it names (a gap: it should join the strikes too)
    assert "armed_clash" not in {t for t, _ in placed(gaz, body)}


def test_an_event_noun_whose_clause_gives_its_own_town_and_day_is_another_event(gaz):
    body = ("انفجرت سيارة مفخخة بحاجز للأسايش قرب الشدادي صباح اليوم.\n\n"
            "وجاء ذلك بعد التفجير الذي وقع في منبج الأسبوع الماضي وأسفر عن مقتل جنود.")
    assert "manbij" in {p for _, p in placed(gaz, body)}


def test_the_patrol_run_again_as_the_patrol_is_the_one_told(gaz):
    body = ("نفذ الجيشان التركي والأميركي، اليوم، الدورية الخامسة قرب مدينة منبج.\n\n"
            "وقال الأناضول إن عربات تابعة للجيش التركي سيرت الدورية الخامسة على أطراف نهر ساجور "
            "الفاصل بين منطقة جرابلس ومنطقة منبج.")
    assert [p for t, p in placed(gaz, body) if t == "patrol"] == ["manbij"]


def test_a_list_opening_on_villages_the_gazetteer_lacks_keeps_its_known_ones(gaz):
    body = ("وأكدت مصادر أن مقاتلي العشائر هاجموا اليوم حواجز قسد في القرى المحيطة بمناطق الحوايج، "
            "والصعوة، والطيانة، والجاسمي، وشنان، وأبو حردوب، والكشكية.")
    places = {p for t, p in placed(gaz, body)}
    assert {"tayyani", "kishkiyah"} <= places


def test_a_long_headline_line_over_the_lead_is_no_lead(gaz):
    body = ("الهجوم نفذه تنظيم داعش على حافلة لقوات النظام في بادية تدمر بريف حمص الشرقي وقتل فيه 14 عنصرا\n"
            "قتل 14 عنصراً من قوات النظام السوري في هجوم نفذه عناصر تنظيم داعش على حافلة في بلدة "
            "الشحيل، بحسب ما ذكر المرصد.")
    days = {i.date_first for i in run(gaz, body).incidents}
    assert days == {PUBLISHED}

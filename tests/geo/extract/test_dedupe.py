"""geo.extract.dedupe: one event told in several sentences is one incident.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.geo.extract.helpers import one, run

# --- de-duplication -------------------------------------------------------------------------


def test_one_event_told_in_several_sentences(gaz):
    body = ("نفذت قوات التحالف فجر الأحد إنزالاً جوياً قرب بلدة الشحيل.\n\n"
            "واعتقلت القوات خلال العملية قيادياً في داعش.\n\n"
            "وقال مصدر إن العملية التي نفذت قرب الشحيل أسفرت عن مقتل شخص.\n\n"
            "ولم تبلغ القوات الأمريكية الجانب الروسي بالإنزال.")
    inc = one(gaz, body)
    assert (inc.type, inc.date, inc.place.id, inc.fatalities) == (
        "raid", "2023-08-13", "shuhayl", 1)
    assert "International coalition" in inc.attackers
    assert "فجر الأحد" in inc.sources[0].evidence  # the lead first
    assert len({s.article for s in inc.sources}) == 1  # one article: one source ...
    evidence = [s.evidence for s in inc.sources]  # ... with each telling as evidence
    assert len(evidence) == len(set(evidence)) >= 2
    assert any("أسفرت" in e for e in evidence)


def test_two_events_of_a_type_stay_apart(gaz):
    body = ("في كانون الثاني 2023 اعترضت دورية أمريكية رتلاً روسياً قرب رميلان.\n\n"
            "وفي شباط 2023 اعترضت دورية روسية رتلاً أمريكياً قرب عامودا.")
    incs = run(gaz, body).incidents
    assert sorted((i.date, i.place.id) for i in incs) == [("2023-01", "rmelan"), ("2023-02", "amuda")]


def test_forced_off_the_road_then_crash_is_one_collision(gaz):
    body = ("في عام 2020 أجبرت مدرعات روسية دورية أمريكية على الخروج من الطريق.\n\n"
            "وعندما اصطدمت المركبات في ريف المالكية أصيب سبعة جنود أمريكيين.")
    inc = one(gaz, body)
    assert (inc.type, inc.date, inc.place.id, inc.injuries) == (
        "vehicle_collision", "2020", "rif_malikiyah", 7)


@pytest.mark.parametrize("second", [
    "وقصفت المدفعية التركية قرية تل جمعة مجدداً ظهر الاثنين.",  # the same village, the next day
    "وعادت القوات التركية لتقصف محيط بلدة تل تمر ظهر الاثنين.",  # nearby, the next day
])
def test_two_days_each_told_with_its_own_day_stay_two_events(gaz, second):
    body = "قصفت المدفعية التركية قرية تل جمعة بريف تل تمر مساء الأحد.\n" + second
    incs = [i for i in run(gaz, body).incidents if i.type == "shelling"]
    assert sorted(i.date for i in incs) == ["2023-08-13", "2023-08-14"]


def test_an_overnight_operation_told_by_its_evening_and_its_dawn_is_one(gaz):
    body = ("بدأت قوات التحالف عملية إنزال جوي في بلدة الشحيل مساء الأحد.\n"
            "ونفذت القوات إنزالاً ثانياً قرب الشحيل فجر الاثنين واعتقلت قيادياً في داعش.")
    incs = [i for i in run(gaz, body).incidents if i.type == "raid"]
    assert len(incs) == 1


def test_a_background_event_with_its_own_day_is_not_the_news_of_the_day_before(gaz):
    body = ("انسحب رتل أمريكي مدرع، يضم عشرات الآليات، بعد ظهر اليوم الثلاثاء من ريف الرقة الشمالي.\n"
            "وكان رتل عسكري أمريكي ضخم قد انسحب ليل أمس من مقره في مدينة الطبقة.")
    incs = [(i.place.id, i.date) for i in run(gaz, body).incidents if i.type == "withdrawal"]
    assert sorted(incs) == [("rif_raqqa_north", "2023-08-15"), ("tabqa", "2023-08-15")]


def test_an_event_referred_back_to_on_a_new_day_is_that_days_event(gaz):
    """'ارتفعت حدة المواجهات فجر اليوم': the clashes of last evening went on into today,
    an event of today as ACLED counts them, though the evening and the dawn are one night."""
    body = ("تشهد مدينة القامشلي منذ مساء أمس الاثنين اشتباكات عنيفة بين الدفاع الوطني وقسد.\n\n"
            "وبعد هدوء حذر ارتفعت حدة المواجهات فجر اليوم في حي طي بالقامشلي.")
    incs = [i for i in run(gaz, body).incidents if i.type == "armed_clash"]
    assert sorted(i.date for i in incs) == ["2023-08-14", "2023-08-15"]


def test_an_event_referred_back_to_in_a_statement_of_another_day_stays_one(gaz):
    """'وكشف مسؤول أمس ... أن القوات لم تبلغ روسيا بالغارة': the day is the statement's."""
    body = ("نفذت القوات الأمريكية ليل السبت - الأحد إنزالاً جوياً قرب القامشلي.\n\n"
            "وكشف مسؤول أمريكي لشبكة إخبارية أمس الاثنين أن القوات لم تبلغ روسيا بالإنزال في القامشلي.")
    incs = run(gaz, body).incidents
    assert [(i.type, i.date) for i in incs] == [("raid", "2023-08-13")]


def test_a_separate_incident_nearby_stays_apart(gaz):
    body = ("استهدفت خلية مسلحة سيارة عسكرية لقسد في بلدة البصيرة شرق دير الزور.\n"
            "وفي حادث منفصل، استهدفت خلية أخرى نقطة عسكرية لقسد في بلدة ذيبان.")
    assert sorted(i.place.id for i in run(gaz, body).incidents) == ["busayrah", "dhiban"]


def test_an_event_at_a_village_the_gazetteer_lacks_stays_apart_for_review(gaz):
    # the village is named and the gazetteer has no point of it: kept for review under its
    # name, never folded into the strike told before at a known town
    body = ("قصفت القوات التركية بلدة عين عيسى مساء أمس بعشرات القذائف.\n\n"
            "وفي سياق متصل، دمرت مدفعية جيش الاحتلال التركي نقطة لقوات النظام في قرية بسيس.\n\n"
            "وقصفت القوات التركية أيضاً قرية بسيس بقذائف الهاون.")
    incs = run(gaz, body).incidents
    assert [(i.place.id if i.place else None, i.place_text) for i in incs] == [
        ("ayn_issa", "عين عيسى"), (None, "بسيس")]
    # the two tellings at the village are one event, by its name
    assert sorted(s.evidence[:10] for s in incs[1].sources) == ["وفي سياق م", "وقصفت القو"]


# --- places of one event (issue 11, round 2) -------------------------------------------------


def test_a_back_reference_at_another_town_neither_joins_nor_moves_the_event(gaz):
    # two strikes, the second referred to by a definite noun but placed in its own words
    body = ("استهدفت مسيرة تركية صباح اليوم سيارة في مدينة عامودا.\n\n"
            "وطال القصف أيضاً محطة كهرباء في ريف المالكية.")
    incs = run(gaz, body).incidents
    assert {i.place.id for i in incs if i.place is not None} >= {"amuda", "rif_malikiyah"}
    assert next(i for i in incs if "عامودا" in i.sources[0].evidence).place.id == "amuda"


def test_two_villages_apart_are_two_events_a_village_in_a_countryside_is_one(gaz):
    body = ("قصفت القوات التركية قرية في ريف القامشلي صباح اليوم.\n\n"
            "وتركز القصف التركي على مدينة القامشلي وأطرافها.")
    incs = run(gaz, body).incidents
    assert len(incs) == 1  # the town and its countryside: one place


def test_a_correspondents_town_is_not_where_it_happened(gaz):
    inc = one(gaz, "اعترضت القوات الأمريكية دورية روسية في محيط مدينة المالكية وفق ما أكدت "
                   "مراسلة الموقع في الحسكة.")
    assert (inc.place.id, inc.geo_precision) == ("malikiyah", 2)


def test_earlier_news_told_as_a_period_is_not_the_lead_retold(gaz):
    """'وضربت الأسبوع الماضي ثلاثة تفجيرات المدينة' after the day's lead is earlier news: a
    retelling of the lead would give its day, not a week; the lead is the day's news."""
    body = ("تاريخ النشر: 15.08.2023 | 12:07\n\n"
            "أصيب ثلاثة أشخاص إثر انفجار سيارة مفخخة بحاجز للأسايش في مدينة الحسكة.\n\n"
            "وضربت الأسبوع الماضي ثلاثة تفجيرات مدينة الحسكة إثر تفجير دراجات نارية.\n\n"
            "ولم تتبن أي جهة الانفجار الذي ضرب المدينة اليوم.")
    incidents = sorted(run(gaz, body).incidents, key=lambda i: i.date or "")
    assert [(i.type, i.date) for i in incidents] == [
        ("explosion", "2023-08-05"), ("explosion", "2023-08-15")]
    assert any("أصيب ثلاثة" in s.evidence for s in incidents[1].sources)


def test_an_undated_telling_does_not_join_a_month_told_before(gaz):
    body = ("انفجرت عبوة ناسفة بدورية لقسد في مدينة الحسكة.\n\n"
            "وفي حزيران الماضي انفجرت دراجة نارية مفخخة في مدينة الحسكة.")
    assert len(run(gaz, body).incidents) == 2


def test_a_lead_without_a_place_takes_the_next_paragraphs_and_its_details(gaz):
    """'اغتال مسلحون أمس مسؤولين في مجلس الرقة المدني' names Raqqa only inside a council's
    name; the paragraph after it tells where, and the shooting it tells is the killing."""
    body = ("اغتال مسلّحون مجهولون، أمس الاثنين، مسؤولين اثنين في \"مجلس الرقة المدني\".\n\n"
            "وقالت مصادر محلية إن المسلحين أطلقوا الرصاص على مختار حي النهضة في مدينة الرقة.\n\n"
            "ولفتت المصادر إلى أنه قبل ثلاثة أيام أطلق مجهولون أيضاً الرصاص على مختار حي "
            "الرومانية في مدينة الرقة.")
    incidents = sorted(run(gaz, body).incidents, key=lambda i: i.date)
    assert [(i.type, i.date, i.place.id) for i in incidents] == [
        ("attack", "2023-08-12", "raqqa"), ("assassination", "2023-08-14", "raqqa")]
    assert len(incidents[1].sources[0].evidence) and any(
        "حي النهضة" in e.evidence for e in incidents[1].sources)


def test_a_day_the_text_gives_beats_the_publication_day_of_a_lead_with_none(gaz):
    """The lead tells the strikes with no day (so the publication day, a Tuesday); the
    statement told next dates them to Sunday: the story's day is Sunday."""
    body = ("قتل ثمانية مسلحين في ضربات جوية شنتها القوات الأمريكية على موقعين قرب مدينة الميادين.\n\n"
            "وقال وزير الدفاع في بيان الأحد إن القوات نفذت ضربات ضد منشآت قرب الميادين.\n\n"
            "وتابع أن غارة واحدة على الأقل طاولت منصة لإطلاق الصواريخ قرب الميادين.")
    incs = [i for i in run(gaz, body).incidents if i.type == "airstrike"]
    assert [(i.place.id, i.date) for i in incs] == [("mayadin", "2023-08-13")]


def test_a_month_told_by_its_start_with_a_hamza_on_ya(gaz):
    """'أوائل حزيران' folds to 'اوايل': the part of the month it names is still read (a
    crash here once failed a whole article)."""
    body = ("قصفت المدفعية التركية في أوائل حزيران الماضي قرى في ريف عين العرب.\n\n"
            "وكانت المدفعية قد قصفت في أواخر حزيران الماضي قرى في ريف عين العرب أيضاً.")
    incs = run(gaz, body).incidents
    assert incs and all(i.date_precision == "month" for i in incs)


def test_a_leads_fighting_over_a_province_joins_the_towns_told_after_it(gaz):
    """'أسفرت اشتباكات بين قسد ومسلحين عن مقتل 22 عنصراً في دير الزور' then the shelling of
    Dhiban that morning: the lead sums up the fighting the article places; one point at the
    province's seat would be an event no one reported."""
    body = ("أسفرت اشتباكات بين قوات سوريا الديمقراطية ومسلحين تابعين للحكومة عن مقتل 22 عنصراً "
            "من الطرفين في دير الزور.\n\n"
            "وصباح اليوم، شن مسلحون هجوماً بالمدفعية الثقيلة على بلدة ذيبان، بحسب بيان لقسد.")
    incs = run(gaz, body).incidents
    assert [i.place.id for i in incs] == ["dhiban"]
    assert any("22 عنصراً" in s.evidence for s in incs[0].sources)


def test_a_leads_fighting_in_a_city_stays_beside_a_village_of_another_day(gaz):
    body = ("أسفرت اشتباكات بين قسد ومسلحين عن مقتل 22 عنصراً في دير الزور اليوم.\n\n"
            "وكان مسلحون قد شنوا أمس هجوماً بالمدفعية على بلدة ذيبان.")
    assert sorted(i.place.id for i in run(gaz, body).incidents) == ["deir_ez_zor", "dhiban"]


def test_a_town_countryside_told_beside_a_town_is_no_summary(gaz):
    """'سيطرت الفصائل على قرى في ريف تل أبيض' beside a strike near Ain Issa: a town's
    countryside is a place of its own, not the province told over."""
    body = ("وذكرت مصادر أن قصفاً تركياً استهدف اليوم قرية قرب عين عيسى.\n\n"
            "وأفادت مصادر أخرى بأن الفصائل سيطرت اليوم على عدة قرى في ريف تل أبيض.")
    assert len(run(gaz, body).incidents) == 2


def test_a_raid_met_by_fire_is_one_event(gaz):
    body = ("نفذت قوات التحالف الدولي اليوم عملية إنزال جوي في بلدة محيميدة بريف دير الزور الغربي، "
            "حيث داهمت منزلاً يستأجره قيادي في التنظيم.\n\n"
            "ووفقاً للمرصد، فقد هبطت مروحيتان وانتشر الجنود واعتقلوا القيادي بعد أن اشتبكوا معه نحو "
            "40 دقيقة.")
    assert [i.type for i in run(gaz, body).incidents] == ["raid"]


def test_one_event_told_over_a_countryside_and_a_narrower_one_takes_the_narrower(gaz):
    body = ("قصفت طائرة حربية تركية اليوم مواقع في ريف الرقة. وقصفت الطائرة موقعاً عسكرياً في "
            "ريف تل أبيض شمالي الرقة.")
    [inc] = [i for i in run(gaz, body).incidents if i.type == "airstrike"]
    assert inc.place.id == "rif_tal_abyad"


def test_a_campaign_like_another_told_on_its_own_day_is_one_event_with_its_arrests(gaz):
    """'شنت قسد حملة اعتقالات مماثلة، صباح اليوم الأحد، ... واعتقلت نحو 10 أشخاص': 'like
    the one told' with its own day is news, not told as before the news; one raid with its
    arrests. With no day of its own it recalls other news and adds none."""
    body = ("ذكرت المصادر أن قسد شنت حملة اعتقالات مماثلة، صباح اليوم الأحد، في ريف دير الزور "
            "الشرقي، واعتقلت نحو 10 أشخاص.")
    assert [i.type for i in run(gaz, body).incidents] == ["raid"]
    undated = "داهمت قسد بلدة الشحيل يوم الأحد.\nوكانت بلدة ذيبان قد شهدت حملة اعتقالات مماثلة."
    assert [i.place.id for i in run(gaz, undated).incidents] == ["shuhayl"]


def test_a_witness_telling_of_the_target_hit_is_the_strike_told(gaz):
    """'وقال شهود عيان إن السيارة التي كانت تقل العناصر استهدفت بصاروخ' after a drone's strike
    on that car: the same strike, not a shelling of its own (whatever weapon it names)."""
    body = ("قتل عنصر من قسد اليوم السبت إثر استهداف مسيرة تركية لسيارة كانت تقلهم في ريف القامشلي.\n\n"
            "وقال شهود عيان إن السيارة التي كانت تقل العناصر استهدفت بصاروخ أدى إلى احتراقها.\n\n"
            "وأضاف المصدر أن سيارات الإسعاف نقلت الضحايا إلى مشفى عسكري في المالكية.")
    assert [i.type for i in run(gaz, body).incidents] == ["airstrike"]


def test_a_telling_with_its_day_and_no_place_dates_the_telling_that_places_it(gaz):
    """'وفي العاشر من حزيران الجاري دخلت قافلة ضخمة ... قادمة من إقليم كردستان' then 'وكانت
    تحمل ...، واتجهت القافلة إلى قاعدة قسرك': one convoy, at the base, on the 10th."""
    body = ("استقدمت قوات التحالف الدولي رتلاً عسكرياً عبر معبر الوليد يوم الأحد.\n\n"
            "وفي العاشر من آب الجاري دخلت قافلة ضخمة تضم 35 من الشاحنات المتعاقدة مع القوات "
            "الأميركية قادمة من إقليم كردستان.\n\n"
            "وكانت تحمل معدات لوجستية واسمنتية وشاحنات مغلقة محملة بمواد عسكرية، واتجهت القافلة "
            "إلى قاعدة قسرك العسكرية.")
    convoys = [(i.place.id, i.date) for i in run(gaz, body).incidents if i.type == "convoy"]
    assert convoys == [("qasrak_base", "2023-08-10")]
    # alone, a telling with no place is no incident: nothing to map
    alone = "وفي العاشر من آب الجاري دخلت قافلة ضخمة تضم 35 من الشاحنات المتعاقدة مع القوات الأميركية."
    assert run(gaz, alone).incidents == []


def test_a_noun_referring_back_to_an_event_told_with_no_place_finds_no_place_in_it(gaz):
    body = ("أعلن البيت الأبيض، اليوم الأربعاء، بدء انسحاب القوات الأمريكية من سوريا، وذلك بعد "
            "إعلان الرئيس أن الولايات المتحدة نجحت في دحر داعش في سوريا.\n\n"
            "وصرح مسؤول في البنتاجون بأن 2130 عنصراً من القوات الخاصة ستغادر سوريا في الأيام المقبلة "
            "وستنتشر في أربيل العراقية.\n\n"
            "وأوضح المسؤول أن الانسحاب من سوريا سيشمل قاعدة التنف ومنطقة الـ55 في مرحلة لاحقة.")
    assert run(gaz, body).incidents == []


def test_reinforcements_told_as_the_convoy_that_brought_them_are_one_movement(gaz):
    body = ("واستقدم التحالف الدولي تعزيزات عسكرية يوم الأحد، تضمنت قافلة أسلحة مكونة من 60 شاحنة "
            "ودخلت سوريا من معبر الوليد قرب بلدة اليعربية قادمة من العراق.")
    assert len(run(gaz, body).incidents) == 1


def test_a_targeting_told_without_its_weapon_then_with_it_is_one_incident(gaz):
    body = ("ويوم الأربعاء الفائت أعلن الجيش الإسرائيلي استهداف مواقع تتبع لقوات النظام في دمشق، "
            "في حين أقر النظام بمقتل 3 من قواته في الضربات.\n\n"
            "وقال المتحدث باسم الجيش إن الطائرات الإسرائيلية استهدفت مواقع تابعة لقوات النظام في دمشق.")
    incidents = run(gaz, body, published=dt.date(2020, 11, 22)).incidents
    assert [(i.type, i.place.id, i.date) for i in incidents] == [("airstrike", "damascus", "2020-11-18")]


@pytest.mark.parametrize("opener", ["إلى ذلك", "من جانبٍ آخر", "من جهة أخرى", "على صعيد آخر", "وفي سياق آخر"])
def test_a_sentence_turning_to_something_else_tells_another_event(gaz, opener):
    body = ("دارت اشتباكات اليوم بين عناصر قسد وأبناء العشائر في مدينة الشحيل بالريف الشرقي.\n"
            f"{opener}، شنت قسد حملة مداهمات داخل قرية أبو النيتل التابعة لناحية الصور بالريف الشمالي.")
    assert sorted((i.type, i.place.id) for i in run(gaz, body).incidents) == [
        ("armed_clash", "shuhayl"), ("raid", "suwar")]


@pytest.mark.parametrize(("body", "published", "expected"), [
    # 'صوامع تل علو' is put at al-Yaarubiyah, approximate; the Semalka crossing, 40 km away,
    # is another named place: two convoys, not one told loosely
    ("أخرجت القوات الأمريكية 38 شاحنة محملة بالقمح من صوامع تل علو بريف الحسكة الشمالي الشرقي "
     "إلى شمال العراق.\n\nوقالت مصادر أهلية إن الشاحنات خرجت من صوامع قرية تل علو في ناحية "
     "اليعربية.\n\nوأخرجت القوات الأمريكية أمس الأول 18 شاحنة إلى العراق عبر معبر سيمالكا الحدودي.",
     dt.date(2021, 3, 27),
     [("convoy", "semalka_crossing", "2021-03-25"), ("convoy", "yarubiyah", "2021-03-27")]),
    # 'شرقي دير الزور' in the headline is the province's east, where Gharanij lies (80 km
    # from the city): the accounts after it tell the same killing
    ("مقتل شاب برصاص قناص تابع لقسد شرقي دير الزور\n\nقتل شاب برصاص قناص تابع لقسد يوم أمس "
     "الجمعة في أثناء السباحة في نهر الفرات.\n\nوذكرت شبكة محلية أن الشاب تعرض لإطلاق نار من عناصر "
     "قسد في أثناء عبوره النهر باتجاه بلدة غرانيج.",
     dt.date(2024, 9, 21), [("attack", "gharanij", "2024-09-20")]),
])
def test_named_places_tell_one_event_or_two(gaz, body, published, expected):
    incs = run(gaz, body, published=published).incidents
    assert sorted((i.type, i.place.id, i.date) for i in incs) == expected


def test_the_earlier_convoy_of_a_counted_series_is_its_own_event(gaz):
    # 'وهي القافلة الثانية ...، حيث أدخلت ... في 2 أيلول رتلاً': the dated convoy is the first
    body = ("أرسلت قوات التحالف الدولي تعزيزات عسكرية إلى مناطق شمال شرق سوريا قادمة من معبر الوليد "
            "الحدودي مع إقليم كردستان العراق.\n\n"
            "وهي القافلة الثانية للتحالف الدولي التي تدخل مناطق شمال وشرق سوريا خلال أيلول الجاري، "
            "حيث أدخلت قوات التحالف في 2 أيلول رتلاً عسكرياً عبر معبر الوليد الحدودي.")
    days = sorted(i.date for i in run(gaz, body, published=dt.date(2023, 9, 12)).incidents)
    assert days == ["2023-09-02", "2023-09-12"]


def test_a_count_without_a_day_of_its_own_stays_with_the_news(gaz):
    body = ("دخلت قافلة للتحالف الدولي اليوم الثلاثاء عبر معبر الوليد الحدودي.\n\n"
            "وهي القافلة الثانية للتحالف التي تدخل عبر المعبر خلال الشهر الجاري، حيث دخلت محملة بمعدات.")
    assert len(run(gaz, body, published=dt.date(2023, 9, 12)).incidents) == 1


def test_a_day_taken_from_another_sentences_words_is_not_a_retelling_of_an_earlier_day(gaz):
    """The sources going on ('وأوضحت المصادر أن') tell the protest's morning; the clash it led
    to is not the shooting of two days before, though the same kind of event in the same place."""
    body = ("ويوم الأحد الفائت استهدف مسلحون مجهولون سيارة قرب بلدة ذيبان بريف دير الزور الشرقي.\n\n"
            "وقالت مصادر محلية، إن العشرات من أهالي بلدة ذيبان تظاهروا صباح اليوم الثلاثاء "
            "احتجاجا على الفلتان الأمني.\n\n"
            "وأوضحت المصادر أن المتظاهرين اقتحموا مقرات قسد في البلدة، ما أدى إلى اندلاع "
            "مواجهات بين أبناء البلدة وعناصر قسد.")
    assert sorted((i.type, i.date) for i in run(gaz, body).incidents) == [
        ("armed_clash", "2023-08-13"), ("armed_clash", "2023-08-15"), ("protest", "2023-08-15")]

"""One event sentence naming several places, and sites named through their towns.

Every sentence here is invented, in the style of the news the tool reads.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.geo.extract.helpers import one, placed, run


def _places(result, kind: str | None = None) -> list[str]:
    return [i.place.id for i in result.incidents if kind is None or i.type == kind]


@pytest.mark.parametrize("places", ["في الرقة ودير الزور والحسكة", "في ريف الرقة ودير الزور والحسكة",
                                    "في محافظات الرقة ودير الزور والحسكة"])
def test_an_event_spread_over_provinces_is_kept_for_review(gaz, places):
    # a campaign over three provinces named by their seats has no point of its own: kept for
    # review at the names, never three points at the seats
    body = f"ونفذت القوات المشتركة سلسلة عمليات أمنية ضد خلايا داعش {places} أسفرت عن اعتقالات."
    incs = run(gaz, body).incidents
    assert incs and all(i.place is None for i in incs), [(i.type, i.place and i.place.id) for i in incs]
    assert "provinces" in incs[0].place_cue


@pytest.mark.parametrize("body", [
    "قصفت طائرات مسيرة تركية مواقع في مدينة الرقة ودير الزور والحسكة مساء أمس.",  # a city named as such
    "داهمت القوات منازل في الرقة ودير الزور مساء أمس.",  # two provinces
])
def test_an_event_at_cities_or_at_two_seats_is_placed(gaz, body):
    assert all(i.place is not None for i in run(gaz, body).incidents)


def test_a_strike_on_a_list_of_towns_is_one_incident_per_town(gaz):
    body = "قصفت طائرات مسيرة تركية مواقع في الدرباسية وعامودا وتل تمر مساء أمس."
    result = run(gaz, body)
    assert _places(result, "airstrike") == ["darbasiyah", "amuda", "tal_tamr"]
    first, *others = result.incidents
    assert len({i.id for i in result.incidents}) == 3
    for inc in others:
        assert (inc.type, inc.date_first, inc.actors) == (first.type, first.date_first, first.actors)
        assert inc.sources[0].evidence == body


def test_split_ids_are_stable(gaz):
    body = "قصفت المدفعية التركية بلدة عين عيسى، والقامشلي، وعامودا يوم الأحد."
    ids = [i.id for i in run(gaz, body).incidents]
    assert len(ids) == 3 and ids == [i.id for i in run(gaz, body).incidents]


@pytest.mark.parametrize("body, places", [
    ("شنت قوات سوريا الديمقراطية حملة مداهمات في كل من الشحيل وذيبان والبصيرة بريف دير الزور الشرقي.",
     ["shuhayl", "dhiban", "busayrah"]),
    ("نفذت مسيرة تركية غارة في القامشلي وأخرى في عامودا.", ["qamishli", "amuda"]),
    ("اندلعت اشتباكات عنيفة بين قوات النظام وقسد في مدينة الحسكة وفي القامشلي.",
     ["hasakah", "qamishli"]),
    # a member after the qualifier of the one before: 'بريف حلب الشمالي' is no bearing of it
    ("قصفت المسيرات التركية مواقع في تل رفعت بريف حلب الشمالي، وعين عيسى شمال الرقة، يوم الأحد.",
     ["tal_rifaat", "ayn_issa"]),
    # a member described by a participle phrase, then the next: still one list
    ("شن مسلحو داعش هجوماً على بلدة تل أبيض الخاضعة لسيطرة الوحدات على الحدود مع تركيا "
     "وبلدة سلوك القريبة منها.", ["tal_abyad", "suluk"]),
    # air defences firing over two cities
    ("الدفاعات الجوية تتصدى لعدوان في أجواء مدينتي الحسكة ودير الزور اليوم.", ["hasakah", "deir_ez_zor"]),
    # the shells told first, then where they fell
    ("وأفادت المصادر أن عدداً من القذائف وقعت يوم الأحد في محيط مدينتي الدرباسية وعامودا.",
     ["darbasiyah", "amuda"]),
])
def test_the_forms_of_a_list(gaz, body, places):
    assert _places(run(gaz, body)) == places


@pytest.mark.parametrize("body", [
    "غادرت قوات أميركية، يوم الجمعة، حقلي العمر وكونيكو في محافظة دير الزور شرقي سورية.",
    "غادرت القوات الأمريكية صباح اليوم حقلي العمر وكونيكو بريف دير الزور.",
])
def test_forces_leaving_two_oil_fields_withdraw_from_each(gaz, body):
    # the verb's object names the list ('حقلي' is the dual of the kind word): both fields
    assert placed(gaz, body) == [("withdrawal", "omar_field"), ("withdrawal", "conoco_field")]


@pytest.mark.parametrize("body", [
    "وقع انفجار على الطريق بين الحسكة والقامشلي صباح اليوم.",  # a road's ends
    "قصفت القوات التركية مناطق سيطرة قسد في منبج وعين العرب.",  # a side's area
    "سيرت القوات الروسية دورية عسكرية في الدرباسية وعامودا.",  # a patrol's way: one patrol
    "استهدفت مسيرة تركية سيارة في مدينة القامشلي انطلقت من عامودا والدرباسية.",  # origins
    "شنت طائرات التحالف غارات على مواقع لتنظيم داعش في هجين، الحسكة.",  # a bare comma qualifies
])
def test_not_a_list_of_places_hit(gaz, body):
    assert len(run(gaz, body).incidents) == 1


def test_casualties_stay_with_the_first_place(gaz):
    body = "قصفت القوات التركية قرى الدرباسية وعامودا أمس ما أدى إلى مقتل ثلاثة مدنيين."
    first, second = run(gaz, body).incidents
    assert first.fatalities == 3 and second.fatalities is None


@pytest.mark.parametrize("body", [
    "شنت طائرات حربية غارات جوية على مطار مدينة القامشلي أمس.",
    "شنت طائرات حربية غارات جوية على مطار القامشلي أمس.",
    "استهدفت طائرة مسيرة مطار مدينة القامشلي فجر اليوم.",
])
def test_an_airport_named_through_its_town(gaz, body):
    assert one(gaz, body).place.id == "qamishli_airport"


@pytest.mark.parametrize("body, place", [
    ("سقطت قذائف صاروخية على قاعدة حقل العمر شرقي دير الزور.", "omar_field"),
    ("قصفت القوات التركية محيط سد تشرين بريف منبج.", "tishreen_dam"),
    ("استهدفت مسيرة قاعدة التنف قرب المثلث الحدودي.", "tanf_base"),
    ("تعرض معمل غاز كونيكو لهجوم بطائرات مسيرة مساء الأحد.", "conoco_field"),
    ("انفجرت عبوة ناسفة قرب معبر مدينة البوكمال.", "bukamal_crossing"),
    ("انفجرت عبوة ناسفة في سوق مدينة البوكمال.", "abu_kamal"),  # a market is no site we hold
])
def test_sites(gaz, body, place):
    assert one(gaz, body).place.id == place


@pytest.mark.parametrize("body, kind, places", [
    # al-Waleed is the Hasakah crossing coalition convoys use, not al-Tanf's (450 km away);
    # a convoy is placed where it crossed
    ("دخلت قافلة أمريكية تضم 30 آلية عبر معبر الوليد غير الشرعي إلى الحسكة.", "convoy",
     ["waleed_crossing"]),
    ("دخل رتل للتحالف الدولي إلى ريف الحسكة عبر معبر الوليد الحدودي مع العراق.", "convoy",
     ["waleed_crossing"]),
    ("عبرت شاحنات تابعة للتحالف معبر الوليد باتجاه قواعدها في الحسكة.", "convoy",
     ["waleed_crossing"]),
    # where they arrived, and the crossing they used (a reader maps both)
    ("وصلت تعزيزات أمريكية إلى قاعدة حقل العمر عبر معبر الوليد.", "deployment",
     ["omar_field", "waleed_crossing"]),
    ("انسحبت القوات الأمريكية من قاعدتي الشدادي وتل بيدر.", "withdrawal",
     ["shaddadi", "tal_baydar"]),
    ("أرسلت القوات الأمريكية تعزيزات عسكرية إلى قاعدتي حقل العمر وحقل كونيكو.", "deployment",
     ["omar_field", "conoco_field"]),
    ("استقدمت القوات الروسية مروحيات إلى مطار مدينة القامشلي.", "deployment", ["qamishli_airport"]),
    # 'one base in X and another near Y': two bases left, each a place of the withdrawal
    ("انسحبت القوات الأميركية من قاعدتين، بينها قاعدة في مدينة منبج وأخرى بالقرب من كوباني.",
     "withdrawal", ["manbij", "ain_al_arab"]),
    ("انسحبت القوات الأميركية من قاعدة في الشدادي وقرب تل بيدر.", "withdrawal",
     ["shaddadi", "tal_baydar"]),
    # 'in addition to' the next places of the list, after 'the city itself'
    ("نفذت الميليشيات الإيرانية إعادة انتشار ضمن مدينة دير الزور نفسها، بالإضافة إلى مدينتي "
     "البوكمال والميادين.", "deployment", ["deir_ez_zor", "abu_kamal", "mayadin"]),
])
def test_movements(gaz, body, kind, places):
    result = run(gaz, body)
    assert _places(result, kind) == places, [(i.type, i.place.id) for i in result.incidents]


def test_a_field_named_with_its_kind_word_is_the_field_itself(gaz):
    body = "أرسلت القوات الأمريكية تعزيزات عسكرية إلى قاعدتي حقل العمر وحقل كونيكو."
    assert {i.geo_precision for i in run(gaz, body).incidents} == {1}
    assert one(gaz, "قصفت المدفعية محيط حقل كونيكو أمس.").geo_precision == 2


def test_a_clause_that_tells_the_action_again_adds_its_places(gaz):
    body = ("استهدفت مسيرات تركية موقعاً عسكرياً وسط مدينة القامشلي، كما استهدفت محطتي كهرباء "
            "في الدرباسية وعامودا.")
    assert _places(run(gaz, body)) == ["qamishli", "darbasiyah", "amuda"]
    body = "قصفت المدفعية التركية قرية تل جمعة، كما قصفت بلدة عين عيسى."
    assert _places(run(gaz, body)) == ["tal_jumaa", "ayn_issa"]


def test_another_action_in_another_clause_is_its_own(gaz):
    body = "قصفت المدفعية التركية قرية تل جمعة، فيما استهدفت طائرة مسيرة سيارة في القامشلي."
    result = run(gaz, body)
    assert [(i.type, i.place.id) for i in result.incidents] == [
        ("shelling", "tal_jumaa"), ("airstrike", "qamishli")]


# --- a list after 'ريف' ----------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "قصفت القوات التركية قرى بريف تل تمر وأبو راسين والدرباسية.",  # a member the gazetteer lacks
    "قصفت المدفعية التركية مواقع في ريف تل تمر والدرباسية.",
])
def test_a_countryside_list_keeps_its_later_places_as_countrysides(gaz, body):
    places = {(i.place.id, i.geo_precision, i.approximate) for i in run(gaz, body).incidents}
    assert places == {("rif_tal_tamr", 2, True), ("rif_darbasiyah", 2, True)}


def test_a_list_goes_on_past_unknown_members_to_a_town_with_its_kind_word(gaz):
    body = ("هاجم مقاتلو العشائر اليوم نقاطا لقسد داخل بلدات ذيبان والطيانة والصبحة وأبو حردوب "
            "ومدينة البصيرة في ريف دير الزور الشرقي.")
    # (al-Subha is unknown; Abu Hardub has had its row since session 20)
    assert {i.place.id for i in run(gaz, body).incidents} == {"dhiban", "tayyani", "abu_hardub", "busayrah"}


def test_a_clause_between_two_places_is_no_list_member(gaz):
    body = "قصفت الطائرات القامشلي وأصابت منازل والحسكة."
    assert [i.place.id for i in run(gaz, body).incidents] == ["qamishli"]


def test_dead_or_wounded_told_at_another_place_is_the_violence_there_too(gaz):
    body = "قصفت المدفعية بلدة ذيبان وأصيب خمسة مدنيين، كما أُصيب اثنان آخران في مدينة الشحيل."
    assert _places(run(gaz, body), "shelling") == ["dhiban", "shuhayl"]


def test_a_later_clause_saying_something_else_somewhere_else_adds_no_place(gaz):
    body = "قصفت المدفعية بلدة ذيبان، فيما قال مسؤول في البصيرة إن الوضع هادئ."
    assert _places(run(gaz, body)) == ["dhiban"]


def test_the_wounded_told_in_the_next_sentence_at_another_place(gaz):
    body = ("اندلعت اشتباكات عنيفة بين قسد ومسلحين في محيط بلدة ذيبان.\n"
            "وأسفرت عن إصابة خمسة مدنيين، كما أُصيب اثنان آخران في مدينة الشحيل.")
    assert _places(run(gaz, body), "armed_clash") == ["dhiban", "shuhayl"]


def test_a_next_sentence_about_something_else_adds_no_place(gaz):
    body = ("اندلعت اشتباكات عنيفة بين قسد ومسلحين في محيط بلدة ذيبان.\n"
            "وفي سياق آخر، كما أُصيب مدني في مدينة الشحيل بانفجار لغم.")
    assert _places(run(gaz, body), "armed_clash") == ["dhiban"]


# --- lists the grammar of news writes in other shapes (issue 11, round 2) ----------------------


def test_a_member_after_the_qualifier_of_the_one_before(gaz):
    body = "قصفت المدفعية التركية مساء أمس محطات المياه في عين عيسى في ريف الرقة والدرباسية شمالي الحسكة."
    assert _places(run(gaz, body), "shelling") == ["ayn_issa", "darbasiyah"]


def test_a_list_in_the_locative_clause_after_a_comma(gaz):
    body = "استهدفت مسيرات تركية صباح اليوم صوامع الحبوب، في مدينة عامودا وبلدة تل تمر."
    assert _places(run(gaz, body), "airstrike") == ["amuda", "tal_tamr"]


def test_a_list_of_places_opening_the_sentence(gaz):
    body = "وفي الدرباسية وعامودا، تسبب القصف التركي صباح اليوم بأضرار في المنازل."
    assert sorted(_places(run(gaz, body), "shelling")) == ["amuda", "darbasiyah"]


def test_a_list_of_sites_each_named_through_its_town(gaz):
    body = ("قصفت مسيرة تركية أمس محطة ضخ مياه بلدة تل تمر 3 مضخات ومحطة تحويل كهرباء مدينة "
            "الدرباسية الشرقية.")
    assert _places(run(gaz, body), "airstrike") == ["tal_tamr", "darbasiyah"]


def test_a_verb_after_and_is_no_list_of_sites(gaz):
    body = "قصفت مسيرة تركية أمس محطة كهرباء بلدة تل تمر وقتلت مدنياً في مدينة الدرباسية."
    assert _places(run(gaz, body), "airstrike")[:1] == ["tal_tamr"]
    assert "darbasiyah" not in _places(run(gaz, body), "airstrike")


def test_a_town_subjected_to_the_strike_in_a_later_clause(gaz):
    body = ("قصفت مسيرة تركية صباح اليوم منزلاً في مدينة عامودا، وقبلها تعرضت الدرباسية "
            "لقصف مماثل.")
    assert _places(run(gaz, body), "airstrike") == ["amuda", "darbasiyah"]


def test_a_later_clause_with_another_weapon_named_is_not_the_same_strike(gaz):
    body = ("قصفت مسيرة تركية صباح اليوم منزلاً في مدينة عامودا، فيما قصفت المدفعية "
            "التركية قرية في ريف الدرباسية.")
    assert _places(run(gaz, body), "airstrike") == ["amuda"]


def test_a_dual_kind_word_after_the_comma_leads_a_list(gaz):
    body = "قصفت طائرات حربية مجهولة مساء أمس، على مدينتي الميادين والبوكمال."
    assert _places(run(gaz, body), "airstrike") == ["mayadin", "abu_kamal"]


@pytest.mark.parametrize("body", [
    # the places a strike hit told as its objects, with no preposition before them
    "قصفت المدفعية التركية كوباني وعامودا والدرباسية.",
    # 'ومناطق أخرى في' joins the list
    "قصفت الطائرات المسيرة التركية مناطق كوباني ومناطق أخرى في عامودا والدرباسية.",
])
def test_a_strike_at_a_list_of_places_told_as_its_objects(gaz, body):
    assert sorted(i.place.id for i in run(gaz, body).incidents) == ["ain_al_arab", "amuda", "darbasiyah"]


def test_a_dated_present_tense_strike_at_a_list_gets_each_place_a_habit_does_not(gaz):
    dated = ("منذ ليلة أمس والمدفعية التركية تقصف مناطق كوباني ومناطق أخرى في عامودا "
             "والدرباسية.")
    assert sorted(i.place.id for i in run(gaz, dated).incidents) == [
        "ain_al_arab", "amuda", "darbasiyah"]
    habit = "والمدفعية التركية تقصف مناطق كوباني وعامودا والدرباسية."
    assert len(run(gaz, habit).incidents) <= 1


def test_a_list_near_which_a_second_object_was_hit_is_the_strikes_places_too(gaz):
    """'استهدفت الضربات منشأة قرب مدينة البوكمال، ومخبأ بالقرب من مدينتي البوكمال والميادين':
    the second object, near two towns, is hit at both ('بالقرب من' is near, not from)."""
    body = ("استهدفت غارات جوية أمريكية فجر اليوم منشأة تدريب بالقرب من مدينة البوكمال، ومخبأ "
            "بالقرب من مدينتي البوكمال والميادين شرق سوريا.")
    assert sorted(i.place.id for i in run(gaz, body).incidents) == ["abu_kamal", "mayadin"]


def test_a_list_named_as_where_they_came_from_is_not_hit(gaz):
    body = "قصفت الطائرات مواقع في مدينة البوكمال انطلاقاً من مدينتي الميادين والعشارة."
    assert [i.place.id for i in run(gaz, body).incidents] == ["abu_kamal"]


@pytest.mark.parametrize("area", ["في ريف دير الزور الغربي", "بريف دير الزور"])
def test_the_countryside_holding_the_raids_own_town_is_no_second_place(gaz, area):
    """'نفذت قوات التحالف عملية أمنية في ريف دير الزور الغربي، حيث داهمت منزلاً ... في بلدة
    محيميدة، وشاركت في العملية أربع مروحيات': one raid, at the town."""
    body = (f"نفذت قوات التحالف الدولي، اليوم السبت، عملية أمنية منفردة {area}، حيث داهمت منزلاً "
            "يستأجره أمير في التنظيم، في بلدة محيميدة، وشاركت في العملية أربع مروحيات.")
    assert [i.place.id for i in run(gaz, body).incidents] == ["muhaymidah"]


def test_a_city_beside_another_towns_area_is_still_hit_too(gaz):
    body = ("استهدفت الطائرات المجهولة مزارع في منطقة الميادين، ومقراً في حي الفيلات جنوبي مدينة "
            "دير الزور، الليلة الماضية.")
    assert {"deir_ez_zor"} <= {i.place.id for i in run(gaz, body).incidents}


def test_the_targets_a_strike_is_said_to_include_are_places_of_their_own(gaz):
    body = ("قصفت طائرات حربية تركية اليوم مناطق في مدينة عين العرب وريفها، من بينها نقاط لقوات "
            "النظام في ناحية تل رفعت.")
    assert {i.place.id for i in run(gaz, body).incidents} == {"ain_al_arab", "tal_rifaat"}


def test_among_them_after_another_event_is_that_events_business(gaz):
    body = ("قصفت طائرات حربية تركية اليوم مناطق في مدينة عين العرب، واعتقلت قسد عشرة أشخاص "
            "من بينهم اثنان من تل رفعت.")
    assert "tal_rifaat" not in {i.place.id for i in run(gaz, body).incidents if i.type == "airstrike"}


def test_the_towns_a_campaign_covered_are_its_places(gaz):
    body = ("صعّدت قوات سوريا الديمقراطية اليوم من حملتها الأمنية على قرى ريف دير الزور.\n\n"
            "وقال مراسلون إن الحملة شملت مدن الشحيل والبصيرة بلدات الدحلة وجديد عكيدات والطيانة "
            "والباغوز وغرانيج بريف دير الزور الشرقي.")
    places = {i.place.id for i in run(gaz, body).incidents if i.type == "raid"}
    assert {"shuhayl", "busayrah", "tayyani", "baghuz", "gharanij"} <= places


def test_those_clashes_named_again_add_no_place(gaz):
    body = ("الجدير بالذكر أن قسد سيطرت على مدينة ذيبان في السادس من الشهر الجاري، بعد اشتباكات مع "
            "مقاتلين عشائريين في المدينة، وبدأت تلك الاشتباكات بعد اعتقال قسد لقائد مجلسها في "
            "دير الزور.")
    incs = run(gaz, body, published=dt.date(2023, 9, 25)).incidents
    assert {i.place.id for i in incs if i.type == "armed_clash"} == {"dhiban"}


def test_the_dual_countryside_is_each_towns_countryside(gaz):
    body = "أرسل الجيش السوري اليوم تعزيزات عسكرية إلى ريفي الرقة والحسكة شمال سوريا."
    places = {i.place.id for i in run(gaz, body).incidents if i.type == "deployment"}
    assert places == {"rif_raqqa", "rif_hasakah"}


def test_bases_named_in_apposition_to_what_was_attacked_are_each_a_place(gaz):
    body = ("وقالت الفصائل في بيان: هاجم مقاتلونا فجر اليوم، بواسطة الطائرات المسيرة، ثلاث قواعد للأعداء، "
            "وهي (قاعدة الشدادي، قاعدة الخضراء، وقاعدة التنف).")
    assert sorted(i.place.id for i in run(gaz, body).incidents) == ["shaddadi", "tanf_base"]


def test_a_dropped_retelling_that_lists_places_breaks_nothing(gaz):
    """'وقالت الفصائل إن الهجمات شملت قاعدتي ...': a retelling naming several bases, which
    de-duplication drops, once stopped the whole article's extraction (StopIteration)."""
    body = ("استهدفت فصائل عراقية اليوم قاعدة حقل كونيكو بالصواريخ.\n\n"
            "وقالت الفصائل في بيان إن الهجمات شملت قاعدتي خراب الجير والشدادي في سوريا، "
            "وقاعدة عين الأسد في العراق.")
    assert ("shelling", "conoco_field") in placed(gaz, body)


def test_a_listed_place_told_again_without_its_day_takes_the_listings_day(gaz):
    body = ("غادرت قوات أميركية، يوم الجمعة، حقلي العمر وكونيكو في محافظة دير الزور. وكانت الشاحنات "
            "قد وصلت من إقليم كردستان العراق في 28 نيسان.\n\n"
            "وسحبت القوات الأميركية كامل جنودها من حقل كونيكو، وأبقت على خمسين جندياً في حقل العمر.")
    result = run(gaz, body, published=dt.date(2025, 5, 3))
    withdrawals = {i.place.id: i for i in result.incidents if i.type == "withdrawal"}
    assert set(withdrawals) == {"omar_field", "conoco_field"}
    conoco = withdrawals["conoco_field"]
    assert (conoco.date_first, conoco.date_precision) == (dt.date(2025, 5, 2), "day")
    assert len(conoco.sources) == 2  # the retelling and the listing: one article, two pieces


@pytest.mark.parametrize("body", [
    "قال مصدر إن قافلة للقوات الأميركية غادرت -مساء أمس الجمعة- قاعدتي حقلي العمر وكونيكو "
    "للنفط والغاز في ريف دير الزور نحو قاعدتين بريف الحسكة.",
    "وأظهرت مشاهد مصورة اليوم تحرك آليات ثقيلة وكتل إسمنتية من قاعدتي العمر وكونيكو نحو الحدود.",
])
def test_a_column_that_left_two_bases_named_together_was_at_each(gaz, body):
    assert sorted(placed(gaz, body)) == [("convoy", "conoco_field"), ("convoy", "omar_field")]


@pytest.mark.parametrize("body", [
    # the towns a column passed through are its way, not two columns
    "مر رتل عسكري أمريكي اليوم عبر بلدتي تل تمر والدرباسية.",
    # bases it came from, when it arrived elsewhere
    "وصل رتل أمريكي اليوم إلى مدينة القامشلي قادماً من قاعدتي العمر وكونيكو.",
])
def test_a_column_is_one_move_along_its_way(gaz, body):
    assert len([p for p in placed(gaz, body) if p[0] == "convoy"]) == 1


def test_a_town_between_commas_in_a_list_closed_by_and_is_a_member_not_an_address(gaz):
    # a town after a village and a comma would say where the village lies, but here 'و' goes on
    body = ('وصباح اليوم الأحد، شن مسلحون هجوماً بالمدفعية الثقيلة على قرى وبلدات "أبو حردوب، '
            'ذيبان وأبو حمام".')
    assert sorted(p for t, p in placed(gaz, body)) == ["abu_hammam", "abu_hardub", "dhiban"]


def test_a_move_bound_for_a_region_is_placed_at_the_crossing_it_entered_by(gaz):
    body = ("استقدمت قوات التحالف الدولي اليوم تعزيزات عسكرية جديدة إلى مناطق شمال وشرق سوريا، "
            "قادمة من معبر الوليد الحدودي مع إقليم كردستان العراق.")
    assert placed(gaz, body) == [("deployment", "waleed_crossing")]


def test_a_listed_place_dated_by_one_listing_keeps_its_own_further_places(gaz):
    """The lead lists Mayadin among the day's strikes, and a later paragraph (no day of its own)
    tells strikes on Mayadin and the airport: the listing gives Mayadin's incident its day, and
    that incident's own further place is still drawn (once this raised and lost the article)."""
    body = ("قتل مدنيان بقصف جوي على بلدة الشعفة بريف دير الزور، صباح اليوم الأحد، فيما تواصلت "
            "الاشتباكات والقصف المتبادل بين مقاتلي تنظيم داعش وقوات النظام في مدينة الميادين والقرى "
            "المجاورة، كما انفجرت عبوة ناسفة بسيارة في مدينة القامشلي لم تسفر عن ضحايا، وعم هدوء حذر "
            "في مدينة البوكمال عقب توقف مؤقت لقصف طيران التحالف لمواقع داعش في المدينة يوم أمس السبت."
            "\n\nحيث استهدف الطيران الحربي أحياء داخل مدينة الميادين بعدة غارات كما استهدف محيط مطار "
            "دير الزور العسكري بعدة غارات بالتزامن مع اشتباكات بين مقاتلي داعش وقوات النظام، فيما قتل "
            "مدني نتيجة قصف التنظيم لحي الجورة.")
    strikes = {(i.place.id, i.date) for i in run(gaz, body, published=dt.date(2016, 9, 4)).incidents
               if i.type == "airstrike" and i.place is not None}
    assert {("mayadin", "2016-09-04"), ("deir_ez_zor_airport", "2016-09-04")} <= strikes

"""Moves placed at the right end, and airlifts as deployments. Sentences written for
these tests in the style of the news."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.geo.extract.helpers import placed, run, types_of


@pytest.mark.parametrize(("body", "place"), [
    # a withdrawal is where it left, not where it went
    ("أخلت القوات الروسية مطار القامشلي ونقلت معداتها إلى قاعدة حميميم يوم الأحد.", "qamishli_airport"),
    ("انسحبت القوات الروسية من مطار القامشلي باتجاه حميميم يوم الأحد.", "qamishli_airport"),
    # the forces named first, then the verb
    ("أعلن التحالف الدولي أن قواته غادرت مدينة منبج يوم الأحد.", "manbij"),
    # a camp left, the force's short name in brackets between
    ("أخلت قوات الأمن الداخلي (الأسايش) معسكر تل بيدر تماماً يوم الأحد.", "tal_baydar"),
    # told by its verbal noun, the force's words long before the base
    ("وأكد مراسل، أمس الأربعاء، مغادرة القوات الأمريكية ضمن التحالف الدولي قاعدة قرب مدينة "
     "الطبقة نحو بلدة الشدادي.", "tabqa"),
    # a base named first, then evacuated in the passive
    ("وقاعدة تل أبيض على الحدود السورية مع تركيا، وقد تم إخلاؤها بالكامل في الأسبوع الجاري.",
     "tal_abyad"),
])
def test_a_withdrawal_is_placed_where_it_left(gaz, body, place):
    incs = [i for i in run(gaz, body).incidents if i.type == "withdrawal"]
    assert [i.place.id for i in incs] == [place]


@pytest.mark.parametrize("body", [
    "وكانت المدرسة في بلدة عامودا قد تم إخلاؤها من الطلاب.",
    "سقطت قذيفة على مبنى في عامودا وتم إخلاؤه من السكان.",
])
def test_a_building_evacuated_of_people_is_no_withdrawal(gaz, body):
    assert "withdrawal" not in [i.type for i in run(gaz, body).incidents]


@pytest.mark.parametrize(("body", "place"), [
    ("وصلت تعزيزات عسكرية أمريكية إلى حقل العمر يوم الأحد، عقب هجوم بطائرات مسيرة استهدف قاعدة التنف.",
     "omar_field"),
    ("أرسلت القوات الأمريكية تعزيزات إلى ريف دير الزور الشرقي، بعد الهجوم الذي استهدف حقل كونيكو يوم الأحد.",
     "rif_deir_ez_zor_east"),
])
def test_reinforcements_are_not_placed_at_the_target_of_an_attack(gaz, body, place):
    incs = [i for i in run(gaz, body).incidents if i.type == "deployment"]
    assert [i.place.id for i in incs] == [place]


@pytest.mark.parametrize(("body", "place"), [
    ("وصلت طائرة شحن أمريكية محملة بمعدات عسكرية إلى مطار القامشلي يوم الأحد.", "qamishli_airport"),
    ("هبطت طائرة شحن عسكرية روسية في مطار القامشلي مساء الأحد.", "qamishli_airport"),
    ("أنزلت مروحيات أمريكية جنوداً في قاعدة الشدادي يوم الأحد.", "shaddadi"),
    ("نقلت القوات الأمريكية عشرات الجنود جواً إلى قاعدة الشدادي يوم الأحد.", "shaddadi"),
])
def test_an_airlift_is_a_deployment(gaz, body, place):
    incs = run(gaz, body).incidents
    assert [(i.type, i.place.id) for i in incs] == [("deployment", place)]


@pytest.mark.parametrize("body", [
    "هبطت طائرة ركاب قادمة من بيروت في مطار القامشلي مساء الأحد.",  # an airliner
    "هبطت طائرة مسيرة مجهولة قرب مطار القامشلي بعد أن أسقطتها الدفاعات الجوية.",  # downed
])
def test_a_landing_without_cargo_or_troops_is_no_airlift(gaz, body):
    assert [i.type for i in run(gaz, body).incidents if i.type == "deployment"] == []


@pytest.mark.parametrize(("body", "place"), [
    # entering the country through a crossing: the crossing is the news
    ("دخل رتل أمريكي من معبر سيمالكا إلى قاعدة الشدادي يوم الأحد.", "semalka_crossing"),
    ("دخلت شاحنات تابعة للتحالف الدولي من معبر سيمالكا ووصلت إلى قاعدة قسرك يوم الأحد.",
     "semalka_crossing"),
    # arriving from a crossing: the arrival is the news
    ("وصل رتل أمريكي قادم من معبر سيمالكا إلى قاعدة الشدادي يوم الأحد.", "shaddadi"),
])
def test_a_convoy_at_the_crossing_it_entered_or_the_base_it_reached(gaz, body, place):
    incs = [i for i in run(gaz, body).incidents if i.type == "convoy"]
    assert [i.place.id for i in incs] == [place]


def test_a_forces_trucks_by_their_nationality_are_its_convoy(gaz):
    body = "وأشارت إلى أن الشاحنات الأمريكية دخلت عبر معبر الوليد الحدودي بين العراق وسوريا يوم الأحد."
    incs = run(gaz, body).incidents
    assert [(i.type, i.place.id, i.actors) for i in incs] == [("convoy", "waleed_crossing", ["US forces"])]
    # a country's trade is no force's convoy
    assert not run(gaz, "دخلت الشاحنات التركية التجارية عبر معبر باب السلامة يوم الأحد.").incidents


@pytest.mark.parametrize("body", [
    "دخل رتل أمريكي من معبر الوليد إلى قاعدة الشدادي يوم الأحد.",
    "دخل رتل للتحالف الدولي من معبر الوليد غير الشرعي إلى ريف الحسكة يوم الأحد.",
    "دخل رتل أمريكي عبر معبر الوليد الحدودي مع العراق قرب اليعربية بريف الحسكة يوم الأحد.",
])
def test_al_waleed_in_the_hasakah_countryside_is_not_al_tanf(gaz, body):
    incs = run(gaz, body).incidents
    assert incs and all(i.place.governorate == "hasakah" for i in incs)


@pytest.mark.parametrize(("body", "place"), [
    # helicopters of a named force landing at an airport are a deployment, cargo or not
    ("هبطت مروحيات روسية في مطار القامشلي يوم الأحد.", "qamishli_airport"),
    ("وقالت القناة إن مروحيات تابعة لسلاح الجو الروسي وصلت إلى مطار القامشلي يوم الأحد.",
     "qamishli_airport"),
    ("جرى يوم الأحد نقل منظومة دفاع جوي روسية إلى مطار القامشلي.", "qamishli_airport"),
    # forces starting to deploy in, or to enter, a town handed over without a fight
    ("بدأت القوات الروسية الانتشار في مدينة عين العرب يوم الأحد.", "ain_al_arab"),
    ("وباشرت وحدات من الجيش السوري دخول مدينة منبج يوم الأحد بموجب الاتفاق.", "manbij"),
    ("تمركزت قوات روسية في مطار القامشلي يوم الأحد.", "qamishli_airport"),
    ("أنشأت القوات الروسية نقطة عسكرية جديدة في بلدة عين عيسى يوم الأحد.", "ayn_issa"),
    # forces arriving, the place told before the force; a part of a force moved on
    ("وصلت إلى مطار القامشلي يوم الأحد، قوة من الجنود الأمريكيين على متن طائرات شحن.", "qamishli_airport"),
    ("وكشفت وسائل إعلام أمريكية عن وصول نحو 100 جندي أمريكي إلى قاعدة الشدادي يوم الأحد.", "shaddadi"),
    ("دخلت قوات روسية إلى بلدة عين عيسى يوم الأحد.", "ayn_issa"),
    ("دخلت ميليشيا جديدة تتبع لإيران يوم الأحد إلى بلدة معدان شرق الرقة.", "maadan"),
    ("وأشار ناشطون إلى نقل جزء من تلك القوة الأمريكية إلى قاعدة الشدادي يوم الأحد.", "shaddadi"),
    # helicopters of a force arriving in the air over a place
    ("وأشار المرصد إلى وصول مروحيات روسية إلى أجواء مطار القامشلي يوم الأحد.", "qamishli_airport"),
    # readiness raised, forces redeployed, a base built or widened
    ("رفعت القوات الأمريكية جاهزيتها في قاعدة الشدادي يوم الأحد.", "shaddadi"),
    ("أعادت القوات الأمريكية انتشارها في حقل العمر يوم الأحد.", "omar_field"),
    ("شيدت القوات الأمريكية مهبطاً للطائرات في حقل العمر يوم الأحد.", "omar_field"),
    ("وعملت آليات التحالف يوم الأحد على توسيع مدرج مطار الطبقة.", "tabqa_airbase"),
    # the force named between the verb and the base; a base built, in the passive
    ("أقامت قوات التحالف الدولي بقيادة الولايات المتحدة يوم الأحد قاعدة عسكرية جديدة في بلدة عين عيسى.",
     "ayn_issa"),
    ("وذكرت مصادر أن آليات تحفر خندقاً في بلدة عين عيسى يوم الأحد، حيث تقام قاعدة عسكرية للقوات الفرنسية.",
     "ayn_issa"),
    # an airfield taken into use by a force's aircraft
    ("بدأت الطائرات المروحية الأمريكية يوم الأحد استخدام مطار الطبقة.", "tabqa_airbase"),
])
def test_forces_arriving_and_taking_up_positions_are_deployments(gaz, body, place):
    incs = run(gaz, body).incidents
    assert [(i.type, i.place.id) for i in incs] == [("deployment", place)]


@pytest.mark.parametrize(("body", "place"), [
    # the convoy named first, its verb after a comma or after 'و'
    ("وقالت مصادر إن القافلة، اتجهت يوم الأحد نحو قاعدة الشدادي.", "shaddadi"),
    ("وتتألف القافلة من 50 شاحنة، ودخلت يوم الأحد مدينة الشدادي.", "shaddadi"),
])
def test_a_convoy_told_before_its_verb(gaz, body, place):
    incs = run(gaz, body).incidents
    assert [(i.type, i.place.id) for i in incs] == [("convoy", place)]


def test_a_sweep_is_a_patrol_unless_its_sentence_tells_the_battle_it_ends(gaz):
    alone = "وتقوم قسد حالياً بعمليات بحث وتمشيط واسعة في بلدة ذيبان للعثور على أعضاء الخلية."
    assert [i.type for i in run(gaz, alone).incidents] == ["patrol"]
    after = "سيطرت قسد على بلدة ذيبان بعد اشتباكات مع داعش، وبدأت بتمشيط أحيائها."
    assert "patrol" not in [i.type for i in run(gaz, after).incidents]


@pytest.mark.parametrize(("body", "kind", "place"), [
    ("غادرت القوات الأمريكية قاعدة صرين يوم الأحد.", "withdrawal", "sarrin"),
    ("سلّمت قسد نقاطها في بلدة عين عيسى للجيش السوري يوم الأحد.", "withdrawal", "ayn_issa"),
    ("وخرجت القوات الأمريكية من قاعدتها في مدينة الشدادي يوم الأحد باتجاه العراق.", "withdrawal", "shaddadi"),
    # a convoy seen on its way
    ("رصد ناشطون رتلاً عسكرياً أمريكياً في بلدة تل تمر يوم الأحد.", "convoy", "tal_tamr"),
    ("شوهدت عربات عسكرية أمريكية تتجول في مدينة القامشلي يوم الأحد.", "convoy", "qamishli"),
    # military trucks leaving a base
    ("غادرت مئات الشاحنات العسكرية التابعة للتحالف الدولي قاعدة الشدادي يوم الأحد.", "convoy", "shaddadi"),
    # told by verbal nouns: pulling out part of the forces at a place, forces leaving a base
    ("وقامت طائرتان بسحب جزء من القوات الأمريكية المتواجدة بقاعدة صرين يوم الأحد.", "withdrawal", "sarrin"),
    ('وتحدثت مصادر عن مغادرة قوات التحالف الدولي لـ "قاعدة صرين" يوم الأحد.', "withdrawal", "sarrin"),
    # falling back toward a base
    ("وآليات تابعة للقوات الأمريكية انسحبت متجهة إلى القاعدة الأمريكية في مدينة الشدادي يوم الأحد.",
     "withdrawal", "shaddadi"),
    # military cars on the move, told as news that came
    ("ووردت أنباء عن أن سيارات عسكرية تحمل عشرات العناصر توجهت يوم الأحد نحو مدينة الشدادي.",
     "convoy", "shaddadi"),
])
def test_leaving_handing_over_and_convoys_seen(gaz, body, kind, place):
    incs = run(gaz, body).incidents
    assert [(i.type, i.place.id) for i in incs] == [(kind, place)]


def test_trucks_that_took_it_out_are_a_convoy(gaz):
    # the verb's object a pronoun (the wheat), the trucks after it
    body = "وسرقت القوات الأمريكية أمس الأول كمية من القمح وأخرجتها عبر 18 شاحنة عبر معبر سيمالكا."
    incs = run(gaz, body, published=dt.date(2021, 3, 27)).incidents
    assert [(i.type, i.place.id, i.date) for i in incs] == [("convoy", "semalka_crossing", "2021-03-25")]


def test_military_cars_as_the_means_are_no_convoy(gaz):
    # 'عبر' before the cars is the means; the cars cross with 'عبرت'
    means = ("استهدف مسلحون حاجزاً لقسد في مدينة الرقة يوم الأحد، وتم نقل المصاب إلى المشفى عبر "
             "سيارات عسكرية.")
    assert "convoy" not in types_of(gaz, means)
    crossed = "وعبرت سيارات عسكرية أمريكية الحدود إلى بلدة اليعربية يوم الأحد."
    assert [(i.type, i.place.id) for i in run(gaz, crossed).incidents] == [("convoy", "yarubiyah")]


def test_armoured_vehicles_on_the_move_without_a_convoy_word(gaz):
    body = ("وجابت الدورية القرى الغربية لناحية الدرباسية يوم الأحد، في حين توجهت المدرعات الروسية "
            "إلى قاعدتها في مدينة القامشلي.")
    incs = run(gaz, body).incidents
    assert ("convoy", "qamishli") in [(i.type, i.place.id) for i in incs]


def test_the_movement_an_obstruction_stopped_is_that_obstruction(gaz):
    body = ("توجهت 5 آليات أميركية باتجاه حاجز الجيش السوري في قرية تل شعير يوم الأحد، فتم منعها "
            "من الدخول من قبل الحاجز.")
    assert [i.type for i in run(gaz, body).incidents] == ["patrol_obstruction"]
    stoned = ("وأثناء إلقاء المدنيين الحجارة على المدرعات في قرية تل شعير، تعبيراً عن رفضهم دخول "
              "مدرعات تركية إلى أراضيهم.")
    assert "convoy" not in [i.type for i in run(gaz, stoned).incidents]


@pytest.mark.parametrize("body", [
    # a count that reached a figure, a delegation's words: no forces arriving
    "وصل عدد القتلى في صفوف قوات النظام إلى 10 جنود في ريف دير الزور.",
    "وصلت حصيلة الهجوم على مدينة القامشلي إلى 5 قتلى من قوات الأسايش.",
])
def test_a_figure_that_reached_a_count_is_no_arrival(gaz, body):
    assert [i.type for i in run(gaz, body).incidents if i.type == "deployment"] == []


def test_an_alert_while_the_shelling_told_before_has_stopped(gaz):
    body = ("تبادلت قوات النظام وقسد القصف المدفعي في ريف دير الزور الشرقي يوم الأحد.\n"
            "وشهدت بلدة الشحيل استنفاراً كبيراً من الطرفين، رغم توقف القصف المتبادل بينهما.")
    assert ("deployment", "shuhayl") in [(i.type, i.place.id) for i in run(gaz, body).incidents]


def test_helicopters_flying_over_a_place_are_an_air_patrol_unless_an_attack_is_told(gaz):
    incs = run(gaz, "حلقت مروحيات أمريكية في أجواء مدينة القامشلي يوم الأحد.").incidents
    assert [(i.type, i.place.id) for i in incs] == [("patrol", "qamishli")]
    body = "قصفت القوات التركية مدينة القامشلي يوم الأحد، وسط تحليق مروحيات في أجوائها."
    assert "patrol" not in [i.type for i in run(gaz, body).incidents]


def test_helicopters_named_before_their_flight_are_an_air_patrol(gaz):
    body = "وقالت شبكة محلية إن مروحيتين حربيتين روسيتين حلقتا صباح اليوم فوق مدينة عامودا."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("patrol", "amuda")]


def test_the_flights_of_a_drill_are_the_drill(gaz):
    body = "وحلقت مروحيات روسية فوق مدينة عين عيسى يوم الأحد ضمن المناورات العسكرية المشتركة."
    assert "patrol" not in [i.type for i in run(gaz, body).incidents]


def test_trucks_of_no_force_are_no_convoy(gaz):
    assert run(gaz, "وصلت شاحنات محملة بالقمح إلى مدينة القامشلي يوم الأحد.").incidents == []


def test_trucks_said_to_carry_arms_further_on_are_a_forces_convoy(gaz):
    """Trucks fitted for vegetables that come loaded with weapons are a force's shipment."""
    body = ("دخلت 5 شاحنات مخصصة لنقل الخضار والقمح إلى سوق الهال في مدينة الميادين يوم الأحد، "
            "قادمة من العراق محملة بالأسلحة.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("convoy", "mayadin")]


def test_trucks_with_the_time_and_a_count_between_verb_and_noun_are_a_convoy(gaz):
    body = ("ودخلت صباح اليوم قرابة 100 شاحنة برفقة 6 عربات عسكرية أمريكية قادمة من إقليم كردستان "
            "العراق عبر معبر سيمالكا.")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("convoy", "2023-08-15", "semalka_crossing")]


def test_a_sweep_after_the_attack_told_before_is_its_aftermath(gaz):
    """'استهدفت خلية سيارة عسكرية ...' then 'وتقوم قسد حالياً بعمليات بحث وتمشيط للعثور على
    أعضاء الخلية': the hunt for the attackers is the attack's aftermath, no patrol of its own."""
    body = ("استهدفت خلية تابعة للتنظيم سيارة عسكرية لقسد في بلدة ذيبان صباح اليوم، ما أدى إلى مقتل "
            "مقاتل.\n\n"
            "وبدأت القوات عمليات تمشيط واسعة في المنطقة بحثاً عن أعضاء الخلية.")
    assert "patrol" not in {i.type for i in run(gaz, body).incidents}


def test_a_sweep_told_alone_is_still_a_patrol(gaz):
    body = "بدأت قوات قسد اليوم عمليات تمشيط واسعة في محيط بلدة ذيبان بريف دير الزور الشرقي."
    assert "patrol" in {i.type for i in run(gaz, body).incidents}


@pytest.mark.parametrize("body", [
    "وقالت مصادر محلية إن طائرات مروحية أميركية هبطت في الملعب البلدي وسط منبج وساهمت بإخلاء الجرحى.",
    "هبطت مروحيتان روسيتان في بلدة عين عيسى ظهر اليوم.",
])
def test_helicopters_of_a_force_setting_down_in_a_town(gaz, body):
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents][0][0] == "deployment"


def test_a_helicopter_landing_with_no_force_named_is_no_movement(gaz):
    assert run(gaz, "هبطت مروحية في الملعب البلدي وسط منبج.").incidents == []


def test_forces_brought_in_are_a_deployment(gaz):
    body = "واستجلبت قوات سوريا الديمقراطية تعزيزات عسكرية إلى محيط مدينة الرقة اليوم."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "raqqa")]


def test_a_convoy_that_split_is_a_movement_at_each_destination(gaz):
    body = ("دخل رتل للتحالف الدولي اليوم من معبر الوليد، وعقب دخوله انقسم إلى عدة أرتال توزعت "
            "باتجاه قواعد التحالف في بلدة رميلان، وقسم اتجه إلى مدينة الحسكة، بينما اتجه قسم آخر "
            "إلى منطقة الشدادي.")
    places = {i.place.id for i in run(gaz, body).incidents if i.type == "convoy"}
    assert {"rmelan", "hasakah", "shaddadi"} <= places


def test_a_convoy_through_several_towns_without_splitting_is_one_move(gaz):
    body = "وصل رتل أمريكي اليوم إلى قاعدة الشدادي قادماً من رميلان عبر مدينة الحسكة."
    assert len([i for i in run(gaz, body).incidents if i.type == "convoy"]) == 1


@pytest.mark.parametrize(("body", "kind", "place"), [
    # the vehicles first, then their verb
    ("وقال المراسل إن عشر دبابات تركية وسيارات إسعاف دخلت مدينة منبج صباح اليوم.", "convoy", "manbij"),
    ("وشوهدت مدرعات أمريكية عدة وصلت إلى بلدة الشدادي يوم الأحد.", "convoy", "shaddadi"),
    # military cars counted after the verb
    ("شهد ريف الرقة توغلاً جديداً، حيث دخلت ثلاثون سيارة عسكرية تركية إلى بلدة عين عيسى اليوم.",
     "convoy", "ayn_issa"),
    # equipment arriving in a batch
    ("وصلت شحنة جديدة من المعدات العسكرية الأمريكية إلى قاعدة الشدادي اليوم.", "convoy", "shaddadi"),
    # the sender between the verb and what it sent
    ("أرسلت تركيا اليوم عشر دبابات إضافية إلى مدينة تل أبيض.", "deployment", "tal_abyad"),
    ("ودفع الجيش السوري بأرتال عسكرية تضم دبابات إلى مدينة الطبقة اليوم.", "deployment", "tabqa"),
    # an invasion of a town
    ("غزت قوات تركية خاصة صباح اليوم مدينة تل أبيض.", "deployment", "tal_abyad"),
    # a patrol arriving, or told with its make-up
    ("بث ناشطون صوراً لوصول دورية للشرطة العسكرية الروسية إلى مدينة عامودا اليوم.", "patrol", "amuda"),
    ("وشاهد المراسل في بلدة الدرباسية دورية أمريكية مؤلفة من ثلاث مركبات مدرعة اليوم.", "patrol",
     "darbasiyah"),
    # a flight carrying troops
    ("ووصلت أمس رحلة من الطيران العسكري الروسي تقل جنوداً إلى مطار القامشلي.", "deployment",
     "qamishli_airport"),
    # a part of the reinforcements told before
    ("أرسلت روسيا تعزيزات إلى المنطقة. ووصلت المجموعة الأولى من هذه التعزيزات إلى بلدة عامودا اليوم.",
     "deployment", "amuda"),
])
def test_movements_told_without_a_convoy_word(gaz, body, kind, place):
    incs = run(gaz, body).incidents
    assert (kind, place) in [(i.type, i.place.id if i.place else None) for i in incs]


def test_an_arrival_is_not_placed_where_it_came_from(gaz):
    body = "ووصلت دورية روسية مؤلفة من أربع مدرعات إلى مفرق قرية الحطينية، قادمة من مدينة عامودا."
    places = [i.place.id for i in run(gaz, body).incidents if i.type == "patrol" and i.place]
    assert "amuda" not in places


def test_reinforcements_pointed_at_by_a_demonstrative_are_those_told_before(gaz):
    body = ("وصلت معدات عسكرية أمريكية إلى قاعدة الشدادي اليوم. وقالت مصادر إن هذه التعزيزات تأتي "
            "استعداداً لمعركة الرقة المرتقبة.")
    assert "raqqa" not in [i.place.id for i in run(gaz, body).incidents if i.place]


def test_a_video_showing_forces_entering_is_the_entry(gaz):
    body = "أظهر شريط فيديو اليوم دخول وحدات الجيش السوري إلى مطار الطبقة العسكري في ريف الرقة."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "tabqa_airbase")]
    spread = "انتشرت صور اليوم لوحدات الجيش السوري في مدينة الطبقة."
    assert run(gaz, spread).incidents == []


def test_cargo_planes_landing_at_several_bases_told_first(gaz):
    body = ("ووصلت اليوم إلى قواعد خراب الجير والشدادي وقسرك طائرات شحن محملة بمعدات عسكرية "
            "وذخائر.")
    places = {i.place.id for i in run(gaz, body).incidents if i.type == "deployment"}
    assert {"abu_hajar_airfield", "qasrak_base"} <= places and len(places) == 3


def test_forces_moved_to_an_airport_are_placed_there_not_taken_to_it_like_the_hurt(gaz):
    body = "وتواصل طائرات تابعة لسلاح الجو الروسي اليوم نقل قوات روسية إلى مطار القامشلي."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "qamishli_airport")]
    hurt = "قتل عنصر وأصيب آخر بانفجار لغم قرب بلدة تل تمر اليوم، ونقل الجرحى إلى مشفى الحسكة."
    assert "hasakah" not in [i.place.id for i in run(gaz, hurt).incidents if i.place]


def test_forces_entering_a_dam_or_a_crossing_deploy_there(gaz):
    body = "وقالت الوكالة إن قوات الأمن السوري دخلت فعلاً سد تشرين اليوم تنفيذاً للاتفاق."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "tishreen_dam")]


def test_a_convoy_arriving_is_also_mapped_at_the_crossing_it_used(gaz):
    body = ("وصلت اليوم قافلة من الشاحنات التابعة للتحالف الدولي مدينة القامشلي، قادمة من إقليم "
            "كردستان العراق عبر معبر الوليد الحدودي.")
    places = {i.place.id for i in run(gaz, body).incidents if i.type == "convoy"}
    assert "qamishli" in places and any("waleed" in p for p in places)
    alone = "دخل اليوم رتل للتحالف الدولي عبر معبر الوليد الحدودي."
    assert len([i for i in run(gaz, alone).incidents if i.type == "convoy"]) == 1


def test_fighters_massed_in_a_town_to_storm_another_are_a_deployment_not_a_storming(gaz):
    body = ("وحشدت قسد اليوم عدداً كبيراً من المقاتلين في بلدة البصيرة، في محاولة لاقتحام الريف "
            "الشرقي لدير الزور واستعادة السيطرة عليه.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "busayrah")]


def test_the_crossing_joins_every_other_place_of_the_move(gaz):
    body = "انسحبت القوات الأمريكية اليوم من قاعدتي الشدادي وتل بيدر باتجاه العراق عبر معبر الوليد."
    places = {i.place.id for i in run(gaz, body).incidents if i.type == "withdrawal"}
    assert {"shaddadi", "tal_baydar"} <= places and any("waleed" in p for p in places)


def test_vehicles_pulled_out_with_the_force_and_time_between_are_a_withdrawal(gaz):
    body = ("سحبت قوات التحالف الدولي بقيادة الولايات المتحدة، اليوم السبت، دفعة جديدة من الآليات "
            "العسكرية من قاعدتها في بلدة الشدادي.")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("withdrawal", "2023-08-12", "shaddadi")]


def test_two_cargo_planes_in_the_construct_dual_landing_are_a_deployment(gaz):
    body = ("وفي تاريخ 10 آب الجاري، هبطت طائرتي شحن عسكرية لقوات التحالف الدولي في قاعدة حقل "
            "العمر النفطي.")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("deployment", "2023-08-10", "omar_field")]


def test_residents_protesting_forces_stationing_is_a_protest(gaz):
    body = ("احتج عشرات السكان من قرية عين ديوار بريف مدينة المالكية، الأحد، على محاولة الشرطة "
            "العسكرية الروسية التمركز في قريتهم.")
    assert [(i.type, i.date) for i in run(gaz, body).incidents] == [("protest", "2023-08-13")]


def test_a_patrol_prevented_from_entering_a_town_is_stopped_there_not_where_it_was_going_back(gaz):
    body = ("وأضافت أن الدورية الروسية حاولت الدخول إلى مدينة المالكية للعودة إلى القامشلي، لكن "
            "قوى الأمن الداخلي منعوهم.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents
            if i.type == "patrol_obstruction"] == [("patrol_obstruction", "malikiyah")]


def test_residents_objecting_to_the_russians_named_further_on_is_an_obstruction(gaz):
    body = ("وسبق أن اعترض سكان قرية قصر ديب بريف المالكية في الـ18 من حزيران الماضي، والتي حاول "
            "الروس التمركز فيها.")
    assert [(i.type, i.date) for i in run(gaz, body).incidents] == [
        ("patrol_obstruction", "2023-06-18")]
    assert run(gaz, "اعترض سكان قرية قصر ديب بريف المالكية على قرار البلدية.").incidents == []


def test_residents_driving_forces_out_of_their_village_is_an_obstruction_not_a_capture(gaz):
    body = ("وكان أهالي قرية كاسان المحاذية لقرية قصر ديب قد قاموا أول أمس بطرد القوات الروسية من "
            "قريتهم الواقعة بريف المالكية.")
    assert [i.type for i in run(gaz, body).incidents] == ["patrol_obstruction"]
    # forces driving out fighters, told as what residents welcomed: still a capture
    body = "وتنفس أهالي مدينة منبج الحرية بعد طرد قوات سوريا الديمقراطية فلول داعش من المدينة اليوم."
    assert "patrol_obstruction" not in [i.type for i in run(gaz, body).incidents]


def test_vehicles_withdrawn_in_the_passive_from_a_town_far_from_a_reference_point(gaz):
    body = ("كما تم سحب العشرات من وحدات المركبات المدرعة الأمريكية يوم الثلاثاء من ضواحي مدينة "
            "القامشلي (680 كم من دمشق).")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("withdrawal", "2023-08-15", "qamishli")]


def test_a_plane_taking_off_with_troops_on_board_is_a_withdrawal(gaz):
    body = ("وأقلعت يوم الثلاثاء الطائرة التي على متنها جنود وضباط من التحالف من مطار القامشلي "
            "باتجاه العراق.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("withdrawal", "qamishli_airport")]


@pytest.mark.parametrize("body", [
    "دخل الجيش السوري اليوم الجمعة أربع قرى جديدة غربي بلدة تل تمر موسعاً نطاق سيطرته على الطريق الدولي.",
    "وقال المراسل إن قوات من الفوج الخامس في الجيش العربي السوري دخلت اليوم الجمعة قرى غربي بلدة تل تمر.",
])
def test_an_army_entering_villages_unopposed_is_a_deployment_not_a_capture(gaz, body):
    # (its area of control widened is no fight)
    assert [(i.type, i.date) for i in run(gaz, body).incidents] == [("deployment", "2023-08-11")]


@pytest.mark.parametrize("body", [
    "وصلت قافلة للتحالف الدولي أمس واتجهت نحو قواعد التحالف في رميلان والشدادي وتل بيدر.",
    "دخلت قافلة للتحالف الدولي أمس وتوزعت على قواعده في رميلان والشدادي وتل بيدر.",
])
def test_a_convoy_sent_to_several_bases_is_at_each(gaz, body):
    assert [i.place.id for i in run(gaz, body).incidents if i.type == "convoy"] == [
        "rmelan", "shaddadi", "tal_baydar"]


def test_bases_in_a_province_are_no_base_of_a_convoy(gaz):
    body = "دخلت قافلة أمريكية أمس عبر معبر الوليد إلى القواعد الأمريكية في محافظة الحسكة."
    assert "gov_hasakah" not in [i.place.id for i in run(gaz, body).incidents if i.type == "convoy"]


def test_a_withdrawal_with_its_time_set_off_by_commas(gaz):
    body = "ذكر موقع أن رتلاً عسكرياً أمريكياً انسحب، أمس الجمعة، من قاعدة في بلدة عين عيسى."
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("withdrawal", "2023-08-14", "ayn_issa")]


def test_a_protest_after_its_cause_clause_is_one_and_not_where_the_patrols_were_heading(gaz):
    body = ("رفضاً لمرور الدوريات الروسية من مناطقهم باتجاه الرقة، خرج أهالي بلدة الشحيل الجمعة "
            "بتظاهرات حاشدة.")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("protest", "2023-08-11", "shuhayl")]


def test_the_cause_of_a_protest_still_tells_no_event_in_its_own_clause(gaz):
    body = "خرجت مظاهرات في بلدة الشحيل احتجاجاً على قصف قوات النظام بلدة البصيرة."
    assert [i.type for i in run(gaz, body).incidents] == ["protest"]


@pytest.mark.parametrize("body", [
    "وصل قادة عسكريون روس اليوم الخميس إلى مطار دير الزور العسكري قادمين من روسيا.",
    "أكد مصدر أن المئات من قوات مشاة البحرية الأمريكية (المارينز) وصلوا اليوم إلى مطار دير الزور العسكري.",
])
def test_officers_or_troops_told_before_their_arrival_are_a_deployment(gaz, body):
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "deir_ez_zor_airport")]


def test_tank_transporters_arriving_are_a_convoy(gaz):
    body = "وصلت 43 حاملة دبابات ومدرعات أمريكية أمس إلى مشارف مدينة منبج."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("convoy", "manbij")]


def test_the_army_named_before_it_entered_a_town_deployed_there(gaz):
    body = "ذكرت وسائل إعلام سورية أن الجيش السوري دخل مدينة منبج يوم الأحد."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "manbij")]


def test_checkpoints_stepped_up_are_a_deployment(gaz):
    body = "كثفت قوات الأسايش أمس عدد حواجزها الأمنية في مدينة القامشلي."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "qamishli")]


def test_a_verb_after_a_demonstrative_that_ends_a_phrase_tells_its_own_event(gaz):
    body = ("أطلق مسلحون النار على عناصر الأسايش أمس في مدينة الحسكة.\n"
            "وعلى إثر ذلك كثفت قوات الأسايش عدد حواجزها الأمنية في مدينة القامشلي.")
    assert ("deployment", "qamishli") in [(i.type, i.place.id) for i in run(gaz, body).incidents]


def test_a_patrols_route_and_its_way_back_are_that_patrol(gaz):
    """'وأضافت أن الدورية المؤلفة من ثماني عربات ... انطلقت من قرية آشمة وجابت قرى ...' and
    'عادت العربات الروسية إلى مركزها قرب بلدة صرين' after a joint patrol was told: its route
    and its way back, one patrol, not a patrol at the route's last landmark and a convoy."""
    body = ("سيرت الشرطة العسكرية الروسية دورية مشتركة مع الجانب التركي في ريف عين العرب يوم الأحد.\n"
            "وأضافت أن الدورية المؤلفة من ثماني عربات عسكرية انطلقت من قرية آشمة، وجابت قرى عدة "
            "وصولاً إلى قرية زور مغار المقابلة لمدينة جرابلس.\n"
            "وعادت العربات العسكرية الروسية إلى مركزها قرب بلدة صرين.")
    assert [i.type for i in run(gaz, body).incidents] == ["patrol"]


def test_a_trigger_read_inside_a_word_hides_no_trigger_after_it(gaz):
    """'المرصد السوري، فقد توجه الرتل': 'رصد' inside 'المرصد' opens no convoy pattern, so
    the convoy's own words after it are read."""
    body = "وبحسب مصادر المرصد السوري، فقد توجه الرتل نحو قاعدة قسرك العسكرية شمال الحسكة يوم الأحد."
    assert [i.type for i in run(gaz, body).incidents] == ["convoy"]


def test_reinforcements_named_again_are_the_ones_told(gaz):
    """'وبحسب المصادر فإن التعزيزات ضمت 10 شاحنات' after their arrival was told: those
    reinforcements, not a deployment of their own."""
    body = ("وصلت صباح الأحد قافلة من التعزيزات العسكرية لقوات التحالف الدولي إلى قاعدة حقل العمر "
            "النفطي في ريف دير الزور.\n"
            "وبحسب المصادر فإن التعزيزات ضمت 10 شاحنات محملة بالذخائر.")
    assert [i.type for i in run(gaz, body).incidents] == ["deployment"]


def test_a_convoy_defined_by_its_arrival_and_its_escort_are_the_convoy_told(gaz):
    """'إن القافلة التي وصلت من قاعدة تل بيدر ضمت نحو 20 شاحنة وسط تحليق مروحيات أميركية'
    after the convoy's arrival at al-Omar was told: the same convoy (its origin is no place of
    its own) and its escort, not a convoy at Tal Baydar and an air patrol."""
    body = ("وصلت صباح الأحد قافلة من التعزيزات العسكرية لقوات التحالف الدولي إلى قاعدة حقل العمر "
            "النفطي في ريف دير الزور.\n"
            "وقالت مصادر محلية إن القافلة التي وصلت من قاعدة تل بيدر شمال الحسكة، ضمت نحو 20 شاحنة "
            "وسط تحليق مروحيات أميركية.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "omar_field")]


def test_a_deployment_completed_the_next_day_in_a_sentence_going_on_is_its_own(gaz):
    """'وانتشرت قسد في ريف دير الزور مساء أمس. بينما أكملت انتشارها اليوم في المدينة': the
    sentence going on has no subject of its own (the forces are the sentence before's) and
    another day: two deployments, yesterday's in the countryside and today's in the city."""
    body = ("وانتشرت قوات سوريا الديمقراطية في ريف دير الزور مساء أمس وكذلك بالمطار. بينما أكملت "
            "انتشارها اليوم في المدينة وتمركزت في الشوارع.")
    assert sorted(str(i.date) for i in run(gaz, body).incidents if i.type == "deployment") == [
        "2023-08-14", "2023-08-15"]


def test_forces_sent_somewhere_are_not_placed_where_they_came_from(gaz):
    """'إرسال تعزيزات إلى المدينة قادمة من عين العرب/ كوباني': neither of the town's names is
    where the forces went."""
    body = ("خرجت مظاهرات اليوم في مدينة منبج ضد قوات سوريا الديمقراطية.\n\n"
            "وأفادت مصادر محلية بإرسال قسد تعزيزات عسكرية إلى المدينة قادمة من منطقة عين العرب/ كوباني.")
    moves = [p for t, p in placed(gaz, body) if t == "deployment"]
    assert moves and "ain_al_arab" not in moves


def test_a_convoy_leaving_by_a_crossing_is_at_the_crossing(gaz):
    body = "قالت مصادر أهلية إن رتلاً أمريكياً خرج اليوم من معبر الوليد الحدودي باتجاه الأراضي العراقية."
    assert ("convoy", "waleed_crossing") in placed(gaz, body)


@pytest.mark.parametrize(("body", "expected"), [
    ('بدأ الجيش الأمريكي، اليوم الإثنين، بإخلاء معسكر "خراب عشق" بالقرب من مدينة كوباني.',
     [("withdrawal", "ain_al_arab")]),
    # a camp of the displaced emptied is no force's withdrawal
    ("بدأت الإدارة الذاتية اليوم بإخلاء مخيم للنازحين قرب مدينة كوباني.", []),
])
def test_a_military_camp_evacuated_is_a_withdrawal(gaz, body, expected):
    assert placed(gaz, body) == expected


def test_a_withdrawal_told_as_a_force_completing_its_own_is_one(gaz):
    """'قوات النظام التي انتشرت ...، على خطوط التماس ...، استكملت انسحابها من المحاور': the
    force named far before its pronoun is the one withdrawing."""
    body = ("قال المرصد اليوم إن قوات النظام التي انتشرت قبل أيام، على خطوط التماس في ريف منبج الشمالي، "
            "استكملت انسحابها من المحاور الشمالية من ريف مدينة منبج.")
    assert "withdrawal" in types_of(gaz, body)


def test_a_delegation_come_for_talks_is_no_deployment(gaz):
    body = ("وتحدثت وسائل إعلام محلية اليوم عن وصول وفد من قوات سوريا الديمقراطية، برئاسة مظلوم عبدي، "
            "إلى دمشق لإجراء مباحثات.")
    assert placed(gaz, body) == []
    assert placed(gaz, "وصلت قوات أمريكية اليوم إلى مدينة القامشلي.") == [("deployment", "qamishli")]


@pytest.mark.parametrize(("body", "expected"), [
    ("قال المتحدث باسم التحالف إن قرابة 100 مسلح من التنظيم استسلموا اليوم في مدينة الرقة، وتم "
     "إجلاؤهم من المدينة.", [("withdrawal", "raqqa")]),
    ("وبدأ اليوم إجلاء مقاتلي التنظيم من أحياء مدينة الرقة بموجب اتفاق.", [("withdrawal", "raqqa")]),
    # civilians and the wounded evacuated are no force's withdrawal
    ("وتم اليوم إجلاء المدنيين والجرحى من مدينة الرقة.", []),
])
def test_fighters_evacuated_from_a_town_are_a_withdrawal(gaz, body, expected):
    assert [p for p in placed(gaz, body) if p[0] == "withdrawal"] == expected


def test_a_convoy_told_with_what_it_is_made_of_at_length_dates_the_lead(gaz):
    """'أن رتلا مؤلفا من 50 آلية من شاحنات وبرادات وناقلات تحمل عربات مدرعة وعتادا عسكريا
    متنوعا دخل الأراضي السورية مساء أمس الأحد': the convoy the lead told, on its own day."""
    body = ("أفادت وكالة سانا بأن القوات الأمريكية أدخلت رتلا محملا بمعدات عسكرية قادما من العراق عبر "
            "معبر الوليد.\n\nونقلت الوكالة عن مصادر محلية أن رتلا مؤلفا من 50 آلية من شاحنات وبرادات "
            "وناقلات تحمل عربات مدرعة أمريكية وعتادا عسكريا متنوعا دخل الأراضي السورية مساء أمس الأحد.")
    convoys = [(i.place.id, i.date) for i in run(gaz, body, published=dt.date(2023, 5, 15)).incidents
               if i.type == "convoy"]
    assert convoys == [("waleed_crossing", "2023-05-14")]


@pytest.mark.parametrize(("body", "place"), [
    ("عملت ميليشيا حزب الله العراقية، فجر اليوم السبت، على نقل شحنات من الأسلحة والذخائر من مربعها "
     "الأمني بمدينة البوكمال نحو الأراضي العراقية.", "abu_kamal"),
    ("وصلت إلى مدينة الميادين صباح اليوم الإثنين، شحنة يرجح أنها تحمل أسلحة داخل 3 برادات قادمة "
     "من العراق.", "mayadin"),
    ("واستقدمت الميليشيات الإيرانية اليوم شحنة صواريخ إلى مدينة البوكمال.", "abu_kamal"),
])
def test_a_shipment_of_weapons_moved_is_a_convoy(gaz, body, place):
    assert ("convoy", place) in placed(gaz, body, published=dt.date(2021, 1, 16))


def test_a_shipment_of_weapons_seized_is_no_convoy(gaz):
    body = "وضبطت قوى الأمن الداخلي اليوم شحنة أسلحة وذخائر في مدينة الحسكة."
    assert "convoy" not in types_of(gaz, body)


def test_two_trucks_that_set_off_are_a_convoy(gaz):
    body = ("وقال المراسل إن شاحنتين لميليشيا حزب الله العراقي تحملان ذخائر تحركتا اليوم من مدينة "
            "البوكمال نحو معبر القائم.")
    assert "convoy" in types_of(gaz, body)


@pytest.mark.parametrize("body", [
    "تنفذ القوات الروسية دوريات منفردة، وأخرى مشتركة في محيط منبج.",
    "وتسير الدوريات الروسية في منطقة العريمة بريف مدينة منبج الغربي منذ 9 يناير الجاري.",
])
def test_patrols_told_in_the_present_are_patrols(gaz, body):
    """'تنفذ القوات الروسية دوريات', 'وتسير الدوريات في منطقة العريمة': patrols going on now."""
    assert [i.type for i in run(gaz, body).incidents] == ["patrol"]


def test_the_army_entering_a_town_after_years_of_others_control_is_a_deployment(gaz):
    """'كما دخلت وحدات الجيش السوري، الأمس، إلى مدينة الدرباسية ...، وذلك بعد 7 سنوات من سيطرة
    "الوحدات الكردية" على المدينة': years of someone's control are no fight."""
    body = ('كما دخلت وحدات الجيش السوري، الأمس، إلى مدينة الدرباسية على الحدود السورية التركية والواقعة '
            'إلى الشرق من مدينة رأس العين شمال محافظة الحسكة، وذلك بعد 7 سنوات من سيطرة "الوحدات '
            'الكردية" على المدينة.')
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("deployment", "darbasiyah")]

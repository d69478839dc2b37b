"""A definite event noun that opens a report ('الغارة الإسرائيلية على مواقع في البوكمال')
tells an event of its own; one that recalls an event ('عقب الغارة', 'هذه الغارة', a kind
already told) does not. Sentences written for these tests in the style of the news.
"""

from __future__ import annotations

import pytest

from tests.geo.extract.helpers import run


@pytest.mark.parametrize(("body", "kind", "place"), [
    ("أسفرت الغارة الإسرائيلية على مواقع في البوكمال عن مقتل 7 عناصر من الميليشيات الإيرانية فجر اليوم.",
     "airstrike", "abu_kamal"),
    ("تسبب القصف المدفعي التركي على بلدة عين عيسى في نزوح عشرات العائلات.", "shelling", "ayn_issa"),
    ("لم يسفر الهجوم بالطائرات المسيرة على قاعدة التنف عن إصابات، وفق ما قال مسؤول أمريكي.",
     "airstrike", "tanf_base"),
    ("خلّف الهجوم الصاروخي على حقل العمر أضراراً مادية، حسب مصادر محلية.", "shelling", "omar_field"),
    # the lead may name only the attacker; the place is elsewhere in the sentence
    ("أسفرت الغارة الإسرائيلية عن مقتل 7 عناصر من الميليشيات الإيرانية في البوكمال.",
     "airstrike", "abu_kamal"),
    # the lead may name only its sides ('مع', 'بين')
    ("قتل ثلاثة مدنيين نتيجة الاشتباك مع مجموعة من داعش حاولت سرقة مواشٍ قرب بلدة الشدادي "
     "عصر يوم أمس.", "armed_clash", "shaddadi"),
])
def test_a_definite_noun_opening_a_report_is_an_event(gaz, body, kind, place):
    incs = run(gaz, body).incidents
    assert [(i.type, i.place.id) for i in incs] == [(kind, place)]


@pytest.mark.parametrize("body", [
    # a word of sequence: the event was told before, or is only recalled
    "شنت طائرات أمريكية غارات على مواقع في البوكمال ليل الثلاثاء.\n"
    "وعقب الغارة الإسرائيلية على الميادين الشهر الماضي، نقلت الميليشيات عناصرها.",
    "استهدفت طائرة مسيرة تركية سيارة في القامشلي يوم الأحد.\n"
    "وجاءت الغارة بعد أسبوع من الهجوم الصاروخي على حقل العمر.",
    # an event of its kind already told: the noun retells it
    "استهدفت طائرة مسيرة تركية سيارة في القامشلي يوم الأحد.\n"
    "وأدت الغارة التركية على القامشلي إلى مقتل شخصين.",
    # a demonstrative
    "استهدفت طائرة مسيرة تركية سيارة في القامشلي يوم الأحد.\n"
    "وتعد هذه الغارة على عامودا الثالثة خلال الشهر.",
])
def test_a_definite_noun_recalling_an_event_adds_none(gaz, body):
    incs = run(gaz, body).incidents
    assert len(incs) == 1, [(i.type, i.sources[0].evidence) for i in incs]


def test_a_bare_noun_with_where_it_was_recalls_the_event(gaz):
    """'لإبلاغهم بالغارة في جنوبي القامشلي': no attacker, only 'في': a reference."""
    body = ("قال مسؤول أمريكي إن القوات الأمريكية أبلغت الروس مسبقاً بالغارة في جنوبي القامشلي، "
            "وبرر ذلك بالأمن التشغيلي.")
    assert run(gaz, body).incidents == []


def test_a_denied_outcome_does_not_deny_the_attack(gaz):
    """'لم يسفر الهجوم عن إصابات' denies the harm; 'لم تقع اشتباكات' denies the event."""
    kept = run(gaz, "لم تسفر الغارة الأمريكية على مواقع قرب البوكمال عن قتلى يوم الأحد.").incidents
    assert [i.type for i in kept] == ["airstrike"]
    assert run(gaz, "لم تقع اشتباكات في بلدة ذيبان يوم الأحد.").incidents == []


def test_returning_to_do_it_again_is_no_aim(gaz):
    """'عادت القوات لتقصف': done again; 'توجهت الدورية لتلتقي': only meant."""
    body = "وعادت القوات التركية لتقصف محيط بلدة تل تمر ظهر الاثنين."
    assert [i.type for i in run(gaz, body).incidents] == ["shelling"]


def test_a_verb_whose_subject_is_the_event_told_before_tells_no_new_one(gaz):
    body = ("أحبطت قوات التحالف هجوماً كبيراً لقوات موالية للنظام في بلدة خشام فجر اليوم.\n"
            "لكن بعض القوات الأميركية كانت متمركزة مع قسد التي كان الهجوم يستهدف مقر قيادتها "
            "في محافظة دير الزور.")
    incs = run(gaz, body).incidents
    assert [i.place.id for i in incs] == ["khasham"], [(i.type, i.place.id) for i in incs]


@pytest.mark.parametrize("body", [
    "تجددت الاشتباكات بين قسد ومقاتلي العشائر في بلدة ذيبان.",
    "اندلعت المواجهات بين الطرفين في بلدة ذيبان فجر اليوم.",
    "تستمر الاشتباكات بين قسد ومقاتلي العشائر في بلدة ذيبان لليوم الثالث على التوالي.",
])
def test_a_fight_said_to_break_out_or_go_on_today_is_news(gaz, body):
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("armed_clash", "dhiban")]


@pytest.mark.parametrize("verb", ["ارتفعت وتيرة", "تصاعدت حدة", "تصاعدت"])
def test_a_fight_said_to_flare_up_is_the_leads_news(gaz, verb):
    """'ارتفعت وتيرة المعارك ... يوم الأحد في محيط مدينة العشارة': the lead's own fight, not
    one recalled, so a later clause's fight elsewhere does not take its place."""
    body = (f"{verb} المعارك بين قوات النظام وتنظيم داعش يوم الأحد في محيط مدينة العشارة، "
            "فيما قتلت هيئة تحرير الشام عناصر من التنظيم بمعارك شمال شرقي حماة.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents][:1] == [("armed_clash", "ashara")]


def test_a_toll_that_rose_recalls_the_fight(gaz):
    body = ("اندلعت اشتباكات بين قسد ومقاتلي العشائر في بلدة ذيبان فجر اليوم.\n"
            "وارتفعت حصيلة الاشتباكات إلى خمسة قتلى.")
    assert len(run(gaz, body).incidents) == 1


def test_a_fight_said_to_go_on_with_no_day_is_a_habit(gaz):
    assert run(gaz, "وتستمر الاشتباكات بين الطرفين في بلدة ذيبان بين الحين والآخر.").incidents == []


def test_a_fight_told_again_with_renewal_words_is_the_same_one(gaz):
    body = ("اندلعت اشتباكات عنيفة بين قسد ومقاتلي العشائر في بلدة ذيبان فجر اليوم.\n"
            "وتجددت الاشتباكات في البلدة بعد الظهر.")
    assert len(run(gaz, body).incidents) == 1

"""geo.extract.roles: an incident's actors, attackers and targets.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import pytest

from tests.geo.extract.helpers import one, run

# --- actors, attackers, targets ---------------------------------------------------------------


@pytest.mark.parametrize(("body", "attackers", "targets"), [
    ("اعترضت دورية روسية رتلاً أمريكياً قرب تل تمر.", ["Russian forces"], ["US forces"]),
    ("أوقفت ميليشيا الدفاع الوطني رتلاً أمريكياً قرب القامشلي.",
     ["Regime-linked militias"], ["US forces"]),
    ("القوات الأمريكية اعتقلت عناصر من قوات النظام في ريف القامشلي.",
     ["US forces"], ["Syrian regime forces"]),
    ("تعرضت قاعدة حقل العمر لقصف بواسطة طائرات مسيرة إيرانية.", ["IRGC"], []),
    ("أعلنت القيادة المركزية الأمريكية مقتل قيادي في داعش بغارة جوية في ريف دير الزور.",
     ["US forces"], ["ISIS"]),
    ("قتل ثلاثة جنود أتراك بهجوم صاروخي على قاعدة قرب منبج.", [], ["Turkey"]),
    ("بقصف النظام وروسيا على ريف إدلب.", ["Syrian regime forces", "Russian forces"], []),
    ("اعتقلت قوات الأسايش ثلاثة أشخاص في مدينة عامودا.", ["Asayish"], []),
    ("نفذت طائرات مسيرة تابعة للتحالف ضربة استهدفت سيارة تقل قياديين في داعش قرب البوكمال.",
     ["International coalition"], ["ISIS"]),
    ("قُتل طفل برصاص قناص في بلدة الشحيل.", [], ["Civilians"]),
])
def test_attackers_and_targets(gaz, body, attackers, targets):
    inc = one(gaz, body)
    assert (inc.attackers, inc.targets) == (attackers, targets)
    assert set(attackers + targets) <= set(inc.actors)


def test_actors_of_a_friendly_meeting(gaz):
    inc = one(gaz, "تصافح الجنود الروس والأمريكيون عندما التقت دورياتهم قرب بلدة القحطانية.")
    assert inc.actors == ["Russian forces", "US forces"] and inc.attackers == []


def test_sub_actor_replaces_its_parent(gaz):
    inc = one(gaz, "تعرضت قاعدة التنف لقصف روسي بواسطة الطائرات الحربية الروسية.")
    assert inc.actors == ["Russian air force"] and "Russian forces" not in inc.attackers


@pytest.mark.parametrize(("body", "attackers", "targets"), [
    # an armed clash told as one side's act has an attacker and a target
    ("هاجم مقاتلو العشائر نقطة عسكرية لقسد في بلدة الطيانة فجر اليوم.",
     ["Arab tribal forces"], ["SDF"]),
    ("ولقي 3 عناصر من قسد مصرعهم في هجوم لخلايا داعش على حاجز في بلدة ذيبان.",
     ["ISIS"], ["SDF"]),
    ("نصب عناصر داعش كميناً لدورية من قوات النظام في بادية الميادين.",
     ["ISIS"], ["Syrian regime forces"]),
    # a drone strike on a car: the drone's nation attacks, the car's owner is hit
    ("مسيّرة تركية تستهدف سيارة لقسد قرب مدينة عامودا.", ["Turkey"], ["SDF"]),
    # a town taken: the taker and the force driven out
    ("سيطرت فصائل الجيش الوطني على قرية في ريف تل تمر بعد معارك مع قسد.", ["SNA"], ["SDF"]),
])
def test_roles_of_the_new_types(gaz, body, attackers, targets):
    inc = one(gaz, body)
    assert (inc.attackers, inc.targets) == (attackers, targets)


def test_a_clash_between_two_sides_has_no_attacker(gaz):
    inc = one(gaz, "اندلعت اشتباكات عنيفة بين قسد والعشائر في بلدة ذيبان.")
    assert (inc.attackers, inc.targets) == ([], [])
    assert set(inc.actors) == {"SDF", "Arab tribal forces"}


def test_the_withdrawing_force_is_the_only_party(gaz):
    body = "انسحبت قوات قسد من بلدة ذيبان بعد اشتباكات مع مقاتلي العشائر."
    incidents = {i.type: i for i in run(gaz, body).incidents}
    assert incidents["withdrawal"].actors == ["SDF"]
    assert set(incidents["armed_clash"].actors) == {"SDF", "Arab tribal forces"}


@pytest.mark.parametrize(("body", "attackers", "targets"), [
    # the killed named before the attack: victims, not attackers
    ("قتل عنصران من قسد بهجوم لخلايا داعش في بلدة ذيبان يوم الأحد.", ["ISIS"], ["SDF"]),
    ("قتل عنصر من قسد برصاص مسلحين مجهولين في بلدة الشحيل يوم الأحد.", [], ["SDF"]),
    # unknown gunmen are the subject: the force after them is the target
    ("اغتال مسلحون مجهولون قيادياً في قسد في بلدة الشحيل يوم الأحد.", [], ["SDF"]),
    ("استهدف مجهولون دورية لقوات الأسايش في بلدة عامودا يوم الأحد.", [], ["Asayish"]),
    # a cell or gunmen of a named force: that force attacks
    ("استهدفت خلية تابعة لتنظيم داعش سيارة لقسد في بلدة ذيبان يوم الأحد.", ["ISIS"], ["SDF"]),
    ("هاجم مسلحون من العشائر حاجزاً لقسد في بلدة ذيبان يوم الأحد.", ["Arab tribal forces"], ["SDF"]),
    ("مسيّرة تركية تستهدف سيارة لقسد في ريف القامشلي.", ["Turkey"], ["SDF"]),
])
def test_attacker_and_target_from_the_clause(gaz, body, attackers, targets):
    inc = one(gaz, body)
    assert (inc.attackers, inc.targets) == (attackers, targets)


@pytest.mark.parametrize(("body", "attackers", "targets"), [
    # the shooter after 'برصاص', the shot after 'على' or 'باتجاه'
    ("قتل شاب برصاص الجندرمة التركية قرب بلدة الدرباسية يوم الأحد.", ["Turkey"], []),
    ("قتل 3 مدنيين برصاص الجندرمة التركية قرب بلدة الدرباسية يوم الأحد.", ["Turkey"], ["Civilians"]),
    ("أطلقت القوات التركية النار على مدنيين قرب بلدة الدرباسية يوم الأحد.", ["Turkey"], ["Civilians"]),
    # a body found: the dead are the target
    ("عثر على جثة عنصر من قسد مقتولاً بالرصاص في بلدة البصيرة يوم الأحد.", [], ["SDF"]),
])
def test_shootings_and_bodies_found(gaz, body, attackers, targets):
    inc = one(gaz, body)
    assert (inc.type, inc.attackers, inc.targets) == ("attack", attackers, targets)

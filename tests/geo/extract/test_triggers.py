"""geo.extract.triggers and .rejections: which sentences report which event type.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import re

import pytest

from geo.extract import TRIGGERS
from geo.model import INCIDENT_TYPES
from tests.geo.extract.helpers import one, run

# --- types -------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "kind", "place", "gp"), [
    ("اعترضت دورية روسية رتلاً أمريكياً قرب بلدة تل تمر بريف الحسكة يوم الاثنين.",
     "patrol_obstruction", "tal_tamr", 2),
    ("وتعترض ميليشيات موالية للنظام الأرتال الأميركية على طريق الحسكة - القامشلي منذ ساعات.",
     "patrol_obstruction", "hasakah", 2),
    ("أفادت مصادر بأن عناصر من الدفاع الوطني عرقلوا مرور دورية أمريكية في حي طي بالقامشلي.",
     "patrol_obstruction", "qamishli", 1),
    ("رشق أهالي بلدة الدرباسية دورية روسية بالحجارة وأجبروها على التراجع.",
     "patrol_obstruction", "darbasiyah", 1),
    ("قصفت طائرات مسيرة تركية قرية في ريف القامشلي، ما أسفر عن مقتل 3 مدنيين.",
     "airstrike", "rif_qamishli", 2),
    ("شنّ الطيران الروسي غارات جوية على مواقع لتنظيم داعش في البادية السورية.",
     "airstrike", "badia", 3),
    ("تعرضت قاعدة حقل العمر لهجوم بطائرات مسيرة مساء الأحد.", "airstrike", "omar_field", 1),
    ("قصفت المدفعية التركية محيط بلدة عين عيسى بريف الرقة الشمالي.", "shelling", "ayn_issa", 2),
    ("سقطت قذيفتان صاروخيتان في محيط حقل كونيكو للغاز.", "shelling", "conoco_field", 2),
    ("اندلعت اشتباكات عنيفة بين قسد وفصائل الجيش الوطني في محيط مدينة منبج.",
     "armed_clash", "manbij", 2),
    ("نفذت قوات التحالف الدولي عملية إنزال جوي في بلدة الشحيل فجر اليوم.",
     "raid", "shuhayl", 1),
    ("داهمت قوات الأسايش منازل في بلدة ذيبان واعتقلت خمسة شبان.", "raid", "dhiban", 1),
    ("اصطدمت مدرعة روسية بعربة أمريكية قرب بلدة رميلان.", "vehicle_collision", "rmelan", 2),
    ("أسقطت الدفاعات الجوية طائرة مسيرة مجهولة فوق مدينة القامشلي.",
     "shootdown", "qamishli", 1),
    ("وصلت تعزيزات عسكرية أمريكية إلى حقل العمر النفطي.", "deployment", "omar_field", 1),
    ("تظاهر العشرات من أهالي بلدة ذيبان احتجاجاً على تردي الخدمات.", "protest", "dhiban", 1),
    ("اعتقلت قوات الأسايش ثلاثة أشخاص في مدينة عامودا.", "arrest", "amuda", 1),
    ("التقت دوريتان روسية وأمريكية على الطريق قرب بلدة القحطانية دون أي احتكاك.",
     "patrol_encounter", "qahtaniyah_hasakah", 2),
    ("أجرت القوات الأمريكية مناورات عسكرية بالذخيرة الحية في محيط حقل العمر.",
     "exercise", "omar_field", 2),
    ("سيّرت الشرطة العسكرية الروسية دورية في ريف الدرباسية.", "patrol", "rif_darbasiyah", 2),
    ("مقتل 5 عناصر من قوات النظام بانفجار لغم أرضي في بادية الميادين.",
     "explosion", "mayadin", 2),
])
def test_type_and_place(gaz, body, kind, place, gp):
    inc = one(gaz, body)
    assert (inc.type, inc.place.id, inc.geo_precision) == (kind, place, gp)
    assert kind in INCIDENT_TYPES
    assert inc.sources[0].evidence == body.strip()
    assert re.fullmatch(r"inc-[0-9a-f]{10}", inc.id)


@pytest.mark.parametrize("body", [
    "أكد الوزير أن بلاده لن تخوض أي اشتباكات مع القوات الأمريكية في ريف دير الزور.",
    "لم تقع أي اشتباكات بين الطرفين في ريف منبج.",
    "وتم الاتفاق على آلية تنسيق لتجنب أي اصطدام بين الدوريات في ريف الحسكة.",
    "تعمل القوات في المنطقة لمنع التصادم بين دوريات البلدين قرب القامشلي.",
    "ستجري القوات الروسية والتركية دورية مشتركة غداً في ريف الدرباسية.",
    "هددت أنقرة بشن عملية عسكرية وقصف مواقع قسد في ريف منبج.",
    "نفى التحالف الدولي تنفيذ أي غارة جوية على مدينة البوكمال.",
    "دعت الإدارة الذاتية إلى وقف القصف التركي على ريف عين عيسى.",
    "تتكرر حوادث اعتراض الدوريات الروسية في ريف القامشلي.",
    "وخلال العام الماضي اعترضت دوريات أمريكية عدة مرات دوريات روسية قرب رميلان.",
    "ومنذ ذلك الحين تسيّر القوات الأمريكية دوريات منفصلة في ريف المالكية.",
    "وهذه هي المرة الأولى التي تلتقي فيها دوريات روسية وتركية في ريف الدرباسية.",
    "وأشار التقرير إلى أن الغارة أسفرت عن مقتل 7 أشخاص في القامشلي.",  # refers back only
    "نشرت الوكالة صوراً لجنود أمريكيين في مدينة الحسكة.",  # 'نشرت' a photo, not troops
    "قصفت طائرات روسية مواقع في أوكرانيا.",  # outside Syria
])
def test_no_incident(gaz, body):
    assert run(gaz, body).incidents == []


def test_strike_type_follows_the_instrument(gaz):
    assert one(gaz, "استهدفت القوات التركية بالمدفعية قرى ريف تل تمر.").type == "shelling"
    assert one(gaz, "استهدفت مسيّرة تركية سيارة قرب القامشلي.").type == "airstrike"
    # 'غارة' used for a heliborne landing: the sentence says إنزال
    assert one(gaz, "قتل قيادي في غارة نادرة وعملية إنزال جوي قرب الشدادي.").type == "raid"


def test_triggers_map_to_known_types():
    assert {t.type for t in TRIGGERS} - {"strike"} <= set(INCIDENT_TYPES)


def test_every_trigger_is_looked_for_at_its_literal_openings() -> None:
    """A look-behind before a trigger's first word ('(?<!له )عملية') reads no character of the
    match: the trigger still has openings, so no trigger scans the whole article with its regex."""
    from geo.extract import triggers

    assert all(needles for _, _, needles in triggers._COMPILED)  # noqa: SLF001


@pytest.mark.parametrize(("body", "types"), [
    ("ذكر التلفزيون الرسمي أن التحالف ضرب حي الجبيلة في مدينة دير الزور أمس فقتل ستة مدنيين، ولم يعرف أي من "
     "الطائرات نفذ ذلك.",
     ["airstrike"]),
    ("ضرب المسؤول مثلاً بما جرى في مدينة دير الزور حين حلقت الطائرات فوقها.", []),
])
def test_the_masculine_verb_strikes_only_with_a_target_after_it(gaz, body, types):
    assert [i.type for i in run(gaz, body).incidents] == types


def test_subjected_to_gunfire_with_the_pronoun_is_an_attack(gaz):
    # 'تعرّضه لإطلاق نار': the verbal noun with its pronoun, as the verb 'تعرض لإطلاق نار'
    body = ("لقي شخص، مساء أمس الجمعة، حتفه جراء تعرّضه لإطلاق نار من قبل مجهولين كانوا يستقلون دراجة "
            "نارية في بلدة الشحيل بريف دير الزور الشرقي.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("attack", "shuhayl")]


def test_residents_stopping_forces_is_an_obstruction(gaz):
    body = ("منع أهالي قرية قصر الديب بريف المالكية شمالي الحسكة، للمرة الثالثة الدوريات الروسية إقامة "
            "قاعدة عسكرية في قريتهم.")
    assert "patrol_obstruction" in [i.type for i in run(gaz, body).incidents]


def test_forces_keeping_residents_off_is_no_obstruction_by_residents(gaz):
    body = ("وشرعت القوات التركية في حفر خندق عبر أراضي قرية الدرباسية ومنعت الأهالي من الوصول إليها.")
    assert "patrol_obstruction" not in [i.type for i in run(gaz, body).incidents]

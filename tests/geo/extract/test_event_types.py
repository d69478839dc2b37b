"""The event types of issue 11: captures, withdrawals, convoys, scuffles, assassinations,
cell attacks, stone-throwing; and what talks about events without reporting one.

The sentences are written for these tests in the style of Arabic news (not copied from
the development items) and vary the wording: verb or verbal noun, subject before or after.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from geo.app.symbols import INCIDENT_STYLES
from geo.extract import TRIGGERS
from geo.extract.folding import fold_letters
from geo.extract.rejections import rejected
from geo.extract.triggers import HOSTILE, PRIORITY
from geo.model import INCIDENT_TYPES
from tests.geo.extract.helpers import one, placed, run, types_of

ROOT = Path(__file__).resolve().parents[3]


def _families() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("eval_news", ROOT / "bench" / "eval_news.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_news", module)
    spec.loader.exec_module(module)
    return module.FAMILIES


@pytest.mark.parametrize(("body", "kind", "place"), [
    # a town or a position taken
    ("سيطرت فصائل الجيش الوطني على قرية الدردارة قرب تل تمر بعد اشتباكات مع قسد.",
     "capture", "Tell Tamer"),
    ("وأحكمت القوات الحكومية سيطرتها على مدينة الميادين صباح اليوم.", "capture", "Al-Mayadin"),
    ("استعادت قوات سوريا الديمقراطية السيطرة على بلدة ذيبان إثر معارك استمرت يومين.",
     "capture", "Dhiban"),
    ("دخلت قوات النظام مدينة البوكمال بعد قتال عنيف مع عناصر داعش.", "capture", "Abu Kamal"),
    # withdrawals
    ("انسحبت قوات التحالف الدولي من قاعدة صرين جنوب مدينة عين العرب.", "withdrawal", "Sarrin"),
    ("وأعلنت مصادر محلية انسحاب عناصر الأسايش من حواجزهم في بلدة الهول.", "withdrawal",
     "Al-Hawl"),
    ("أخلت القوات الروسية نقطتها العسكرية في بلدة عين عيسى مساء الأحد.", "withdrawal",
     "Ayn Issa"),
    # convoys: entering, crossing, leaving
    ("دخل رتل أمريكي مؤلف من 25 شاحنة إلى مدينة الشدادي قادماً من العراق.", "convoy",
     "Al-Shaddadi"),
    ("وذكرت المصادر أن القافلة المؤلفة من عشرات الآليات عبرت بلدة تل تمر باتجاه الحسكة.",
     "convoy", "Tell Tamer"),
    ("أدخل التحالف الدولي قافلة جديدة محملة بالذخائر إلى قاعدة الشدادي.", "convoy",
     "Al-Shaddadi"),
    # scuffles are confrontations, not armed clashes
    ("وقعت مشادة كلامية بين جنود أتراك وآخرين روس خلال دورية قرب الدرباسية.",
     "confrontation", "Al-Darbasiyah"),
    ("اشتبك جنود روس وأمريكيون بالأيدي على طريق قرب بلدة رميلان.", "confrontation",
     "Rmelan"),
    # targeted killings and cell attacks
    ("اغتال مسلحون مجهولون قيادياً في مجلس دير الزور العسكري في بلدة الشحيل.",
     "assassination", "Al-Shuhayl"),
    ("نجا مسؤول محلي من محاولة اغتيال في مدينة الطبقة.", "assassination", "Al-Tabqah"),
    ("استهدفت خلية تابعة لتنظيم داعش حاجزاً لقسد في بلدة الصور شمال دير الزور.",
     "armed_clash", "Al-Suwar"),
    # stones and blocked roads
    ("رشق شبان من بلدة القحطانية رتلاً أمريكياً بالحجارة.", "patrol_obstruction",
     "Al-Qahtaniyah"),
    # deployments and sweeps
    ("شهدت مدينة البصيرة استنفاراً عسكرياً لقوات قسد.", "deployment", "Al-Busayrah"),
    # ('عقب المداهمة' refers back: it does not hide the clause's own event)
    ("وصلت تعزيزات عسكرية لقسد إلى مدينة البصيرة عقب المداهمة.", "deployment", "Al-Busayrah"),
    ("حشدت القوات التركية قوات وآليات على أطراف بلدة عين عيسى.", "deployment", "Ayn Issa"),
    # a siege broken reaches the besieged place; forces advancing into quarters fight there
    ("تمكن الجيش السوري اليوم من كسر حصار يفرضه داعش على مطار دير الزور العسكري.", "capture",
     "Deir ez-Zor"),
    ("تقدمت القوات الحكومية في الأحياء المتبقية التي يسيطر عليها التنظيم في مدينة دير الزور "
     "في شرق سوريا اليوم.", "armed_clash", "Deir ez-Zor"),
    # a grenade thrown at a house, its place told after names and commas
    ("ألقى مسلحون مجهولون يستقلون دراجة نارية، قنبلة يدوية على منزل مسؤول محلي، فلان "
     "الفلاني، في بلدة ذيبان شرقي دير الزور.", "explosion", "Dhiban"),
    ("ألقى مجهولون قنبلة يدوية على منزل قيادي في قسد بمدينة الطبقة.", "explosion", "Al-Tabqah"),
    # killed by a force's fire; a strike with no weapon named that killed people
    ("قتل مدني بنيران القوات التركية خلال احتجاجات في ريف مدينة كوباني.", "attack", "Kobani"),
    ("استهدفت العربات التركية المدنيين قرب بلدة الدرباسية ما أدى إلى مقتل مدني.", "attack",
     "Al-Darbasiyah"),
    # shootings told with a pronoun, as exposure, as a bullet wound
    ("تعرض الشابان إلى إطلاق نار من قبل مسلحين على دراجة نارية في بلدة الشحيل.", "attack",
     "Al-Shuhayl"),
    ("قتل مدني في بلدة الشحيل من جراء إصابته بطلق ناري على يد مجهولين.", "attack", "Al-Shuhayl"),
    ("قال المرصد إن لاجئة عراقية قتلت بطلق في بلدة الشحيل يوم الأحد.", "attack", "Al-Shuhayl"),
    # gunmen opening fire, however many words name them
    ("فتح مسلحان من خلايا تنظيم داعش من على دراجة نارية كانا يستقلانها، النار على سيارة "
     "عسكرية لقسد في بلدة الشحيل.", "attack", "Al-Shuhayl"),
    # forces advancing from an axis; a massacre committed by aircraft
    ("وذكرت وسائل إعلام أن قسد بدأت بالتقدم من محور بلدة عين عيسى بغطاء جوي من التحالف.",
     "armed_clash", "Ayn Issa"),
    ("ارتكبت طائرات التحالف مجزرة مروعة بحق المدنيين في مدينة البوكمال.", "airstrike",
     "Abu Kamal"),
    # a convoy told subject first, with a masculine verb, as headlines do
    ("ونقلت وكالة سانا عن مصادر أهلية أن رتلاً أمريكياً دخل من معبر الوليد اليوم.", "convoy",
     "al-Waleed"),
    ("رتل أمريكي يدخل الحسكة قادماً من العراق.", "convoy", "Al-Hasakah"),
    # arrests told with the verb far from 'القبض', or as 'توقيف'
    ("ألقت قوى الأمن الداخلي بمخيم الهول شمال شرقي سوريا القبض على عشرات المشتبهين.",
     "arrest", "al-Hol"),
    ("وقبضت دورية لقسد على ثلاثة مطلوبين في مدينة الرقة.", "arrest", "Raqqa"),
    ("وأعلنت الأسايش توقيف خمسة مشتبهين في مدينة الرقة صباح اليوم.", "arrest", "Raqqa"),
    # a vehicle of the forces running people over; forces or gunmen storming a house
    ("دهست مدرعة أمريكية طفلاً في بلدة تل تمر.", "vehicle_collision", "Tell Tamer"),
    ("اقتحمت دورية للأسايش منزلاً في مدينة الحسكة.", "raid", "Al-Hasakah"),
    ("اقتحم مسلحون مجهولون منزل مختار في بلدة الشحيل.", "raid", "Al-Shuhayl"),
    # the fire aimed at people named by a pronoun
    ("قتل مدنيان، مساء أمس الأربعاء، إثر إطلاق النار عليهما من قبل مجهولين في محيط بلدة الشحيل.",
     "attack", "Al-Shuhayl"),
    # the gunmen told between the verb and the fire
    ("أطلق مسلحان مجهولان، كانا يستقلان دراجة نارية، النار على مسؤول في مدينة البصيرة.", "attack",
     "Al-Busayrah"),
    # strikes counted in the dual
    ("أكد وزير الدفاع تنفيذ ضربتين جويتين على منشأة تدريب قرب مدينة البوكمال.", "airstrike",
     "Abu Kamal"),
    ("وضربتان جويتان استهدفتا مواقع للميليشيات في البوكمال فجر اليوم.", "airstrike", "Abu Kamal"),
    # homes or shops set on fire by people: an attack on their owners
    ("أقدم مسلحون من إحدى العشائر فجر اليوم على حرق 4 منازل لعائلة في بلدة الكسرة.", "attack",
     "Al-Kasrah"),
    ("وأضرم مجهولون النار في محلات تجارية وسط مدينة الطبقة.", "attack", "Al-Tabqah"),
    # people cutting the roads of their town against forces: a protest at them
    ("وقطع أهالي بلدة الشحيل الطرق الرئيسية في البلدة بعد اعتقال قسد شاباً من أبنائها.", "protest",
     "Al-Shuhayl"),
    # tyres burnt on a road, or a road cut with them: people's protest, not a patrol stopped
    ("وتوسعت الاشتباكات وسط قطع الطريق العام بالإطارات المشتعلة في بلدة الشحيل.", "protest",
     "Al-Shuhayl"),
    ("وعمد شبان إلى حرق الإطارات في بلدة الشحيل احتجاجاً على مقتل أحد أبنائها.", "protest",
     "Al-Shuhayl"),
    # a crowd gathered before a force's centre to press a demand
    ("يشهد محيط مركز قوات الأسايش في مدينة الرقة تجمهراً كبيراً للأهالي للمطالبة بالإفراج عن"
     " أبنائهم.", "protest", "Raqqa"),
    # an arrest told with its object a pronoun, in a relative clause with its own day
    ("وطالب الأهالي بالإفراج عن أبنائهم الذين اعتقلتهم الشرطة العسكرية عصر اليوم في بلدة الكرامة.",
     "arrest", "Al-Karamah (Raqqa)"),
    # a general strike: shops shut against a force's acts
    ("شهدت مدينة منبج صباح اليوم إضراباً عاماً من خلال إغلاق المحال التجارية والأسواق.", "protest",
     "Manbij"),
    # the verb: protesters set tyres alight and cut the roads of their towns
    ("وأفادت مصادر أن المتظاهرين أحرقوا الإطارات المطاطية وقطعوا الطرقات في بلدة الشحيل.",
     "protest", "Al-Shuhayl"),
    # the convoy as a pronoun, stopped and driven out; 'طرد مجموعة من أرتال' expels convoys,
    # it takes no place from anyone
    ("حاول الرتل الأمريكي الدخول إلى قرية تل بيدر، لكن عناصر حاجز للجيش السوري عند مدخل القرية "
     "اعترضوه وطردوه خارج المنطقة.", "patrol_obstruction", "Tell Beydar"),
    ("تمكن أبناء القبائل من التصدي وطرد مجموعة من أرتال الجيش الأميركي في قرية تل بيدر.",
     "patrol_obstruction", "Tell Beydar"),
    # friction between two forces' vehicles on a road
    ("أظهر مقطع فيديو احتكاكاً عنيفاً بين عربة أمريكية وعربة عسكرية روسية في طريق عام في القامشلي.",
     "patrol_obstruction", "Qamishli"),
    # a withdrawal begun, told by its verbal noun
    ("بدأت قوات سوريا الديمقراطية بالانسحاب من بلدة تل تمر إلى جنوب الطريق الدولي.", "withdrawal",
     "Tell Tamer"),
    # a patrol carried out, told by its verbal noun
    ("قال الضابط الروسي إنه تم بنجاح تنفيذ عملية دورية عسكرية روسية تركية مشتركة في منطقة مدينة "
     "القامشلي.", "patrol", "Qamishli"),
    # fighting told going on or fierce
    ("يدور القتال منذ فجر اليوم بين قسد ومسلحي داعش عند مشارف بلدة مركدة.", "armed_clash", "Markada"),
    ("يدور قتال عنيف بين قسد ومسلحي التنظيم في محيط بلدة الشدادي.", "armed_clash", "Al-Shaddadi"),
])
def test_new_types(gaz, body, kind, place):
    incidents = run(gaz, body).incidents
    assert any(i.type == kind and i.place.name_en.startswith(place) for i in incidents), [
        (i.type, i.place.name_en) for i in incidents]


@pytest.mark.parametrize("body", [
    # forecasts and preparations
    "تستعد قوات النظام لشن هجوم واسع على بلدة حطلة.",
    "ومن المتوقع أن تشتبك فصائل الجيش الوطني مع قسد في محيط منبج.",
    # anniversaries, opinions, condemnations
    "وفي الذكرى الخامسة لتحرير مدينة الرقة من داعش، نظمت الإدارة الذاتية احتفالاً.",
    "واعتبر وزير الخارجية أن الغارات الأمريكية على البوكمال انتهاك للسيادة السورية.",
    "وأدانت الخارجية السورية القصف التركي على مدينة القامشلي.",
    # 'expected', 'alleged' after the trigger; expected in the first person
    "وتحدثت مصادر عن هجوم مرتقب على مدينة منبج.",
    "وقال القائد: نتوقع هجوماً تركياً على مدينة عين العرب في شباط.",
    # withdrawing from an agreement is politics, not a movement
    "أعلنت واشنطن انسحابها من الاتفاق مع أنقرة بشأن منبج.",
    # hands are not weapons: a scuffle among civilians is no event of ours
    "وقعت مشاجرة بين تجار في سوق مدينة الحسكة.",
    "وقال إن الخلاف العشائري في بلدة الشحيل انتهى بصلح بين الطرفين.",
    # an aim ('لفك الحصار') is not a capture (an offensive begun 'لطرد' is a battle: test_reader_cues)
    "واستدعى ذلك تدخل العشائر لفك الحصار عن المنازل في بلدة ذيبان.",
    # surgery on a wounded officer flown out by helicopter is no heliborne operation
    "ونُقل العقيد بمروحية إلى دمشق عبر مطار القامشلي بعد أن أجريت له عملية في مشفى خاص.",
    "وأجريت لها عملية جراحية بعد نقلها بمروحية إلى مشفى في القامشلي.",
    # a road accident of civilians, a tanker that ran into a tent: not news of the forces
    "توفيت سيدتان جراء حادثة دهس داخل مخيم الهول بريف الحسكة الشرقي.",
    "وقال مصدر إن صهريجاً لمنظمة إغاثية اقتحم إحدى الخيام في مخيم الهول ودهس سيدتين.",
    "قتل ثلاثة أشخاص في حادث سير على طريق الحسكة القامشلي.",
    # a fire no one is said to have set, and tyres burnt in a protest
    "اندلع حريق في أحد المنازل بمدينة الحسكة بسبب ماس كهربائي.",
    # 'عبّروا عن رفضهم' expressed, not crossed (the same letters)
    "وتجمع أهالي بلدة الشحيل وعبروا خلالها عن رفضهم مرور الأرتال العسكرية.",
    # attempts stepped up, no checkpoint or patrol added
    "وقالت الوكالة إن الجيش الأمريكي كثف من محاولاته اختراق حواجز الجيش السوري في ريف الحسكة.",
    # friction of words; a vehicle's make ('لنقل الجنود'), no troops moved
    "وحذر المسؤول من احتكاك سياسي بين أنقرة وواشنطن في القامشلي.",
    "ظهرت في الصور عربة أمريكية لنقل الجنود من طراز برادلي في مدينة القامشلي.",
    # fierce fighting expected, by them or by us; fighting as an aim
    "وأضاف المتحدث أنهم يتوقعون قتالاً شرساً في مدينة الرقة في الأيام المقبلة.",
    "وتعهد القائد بمواصلة قتال داعش في ريف دير الزور.",
    # forces cutting an enemy's supply routes are no protest (nor an event of ours by itself)
    "وتمكنت القوات من قطع اثنين من طرق الإمداد الرئيسية للتنظيم قرب الرقة.",
])
def test_not_an_event(gaz, body):
    assert run(gaz, body).incidents == [], [(i.type, i.sources[0].evidence)
                                            for i in run(gaz, body).incidents]


@pytest.mark.parametrize("body", [
    ("فقد ثلاثة أشخاص حياتهم يوم أمس في شجار بين عائلتين استخدمت فيه الأسلحة الخفيفة "
     "في حي غويران بمدينة الحسكة."),
    "قتل شاب وأصيب آخران في شجار مسلح بين عائلتين في مدينة الحسكة.",
    "أصيب أربعة أشخاص في مشاجرة بالأسلحة بين أبناء عشيرتين في مدينة الحسكة.",
    # a quarrel or feud that killed, its weapons untold
    "قتل 11 شخصا السبت وجرح آخرون، إثر خلاف عشائري في قرية قرب مدينة البصيرة.",
    "خلاف عشائري يسفر عن قتلى في بلدة الشحيل.",
])
def test_a_quarrel_fought_with_weapons_is_an_armed_clash(gaz, body):
    assert [i.type for i in run(gaz, body).incidents] == ["armed_clash"]


def test_what_followed_an_event_in_its_clause_is_an_event_of_its_own(gaz):
    body = ("قتل عنصران من قسد جراء قصف جوي للطائرات المسيرة التركية، مساء اليوم، تبعه قصف بري "
            "على مواقع في بلدة تل تمر.")
    assert sorted(i.type for i in run(gaz, body).incidents) == ["airstrike", "shelling"]


def test_a_scuffle_is_never_an_armed_clash(gaz):
    inc = one(gaz, "جرى اشتباك بالأيادي بين عناصر دورية روسية وأخرى أمريكية قرب القحطانية.")
    assert inc.type == "confrontation"
    assert INCIDENT_TYPES[inc.type] == ("Strategic developments", "Other")


def test_a_demonstrative_after_the_noun_refers_back(gaz):
    body = ("قصفت طائرات أمريكية مواقع لفصائل موالية لإيران في مدينة البوكمال. "
            "ووصف المتحدث عملية القصف هذه بالدفاعية.")
    assert [i.type for i in run(gaz, body).incidents] == ["airstrike"]
    # 'قصف هذه المواقع': the demonstrative is the next noun's
    assert one(gaz, "وأسفر قصف هذه المواقع بالمدفعية في مدينة الميادين عن مقتل 3 عناصر.").type == (
        "shelling")


def test_air_defence_in_an_attack_is_the_attack(gaz):
    body = ("تعرضت قاعدة التنف لهجوم بطائرات مسيرة، وأسقطت الدفاعات الجوية في القاعدة "
            "مسيرتين قبل وصولهما.")
    assert [i.type for i in run(gaz, body).incidents] == ["airstrike"]
    assert one(gaz, "أسقطت الدفاعات الجوية طائرة مسيرة مجهولة فوق مدينة القامشلي.").type == (
        "shootdown")


@pytest.mark.parametrize(("body", "kind"), [
    # a drone shot down near a base: hostile fire at an aircraft, violence
    ("أعلن الجيش الأميركي أنه أسقط الثلاثاء طائرة مسيرة بالقرب من قاعدة التنف.", "shootdown"),
    ("وتمكنت الدفاعات الجوية من اعتراض طائرتين مسيرتين فوق حقل العمر النفطي اليوم.", "shootdown"),
    # air defences firing at an attack, the attack not told otherwise
    ("الدفاعات الجوية السورية تتصدى لعدوان في أجواء مدينة دير الزور اليوم.", "shootdown"),
    ("وكانت الدفاعات الجوية قد تصدت أمس الاثنين لطائرات مسيرة معادية في أجواء مدينة دير الزور.",
     "shootdown"),
    # a plane turned away, no fire told: an air incident
    ("اعترضت مقاتلات أمريكية طائرة روسية فوق مدينة القامشلي اليوم.", "air_incident"),
])
def test_an_aircraft_shot_down_is_violence_an_interception_of_a_plane_is_not(gaz, body, kind):
    assert one(gaz, body).type == kind


def test_capture_has_a_taker_and_a_loser(gaz):
    inc = one(gaz, "سيطرت قوات النظام على بلدة حطلة بعد معارك مع قسد.")
    assert (inc.type, inc.attackers, inc.targets) == ("capture", ["Syrian regime forces"], ["SDF"])


def test_stones_at_a_patrol_the_patrol_is_the_target(gaz):
    inc = one(gaz, "رشق أهالي قرية في ريف القامشلي دورية أمريكية بالحجارة وقطعوا الطريق أمامها.")
    assert inc.type == "patrol_obstruction"
    assert "US forces" in inc.targets and "US forces" not in inc.attackers


def test_every_type_has_an_acled_code_a_style_and_a_family():
    families = _families()
    types = {t.type for t in TRIGGERS} - {"strike"}
    for kind in types:
        assert kind in INCIDENT_TYPES and kind in INCIDENT_STYLES and kind in PRIORITY, kind
    new = {"capture": "violence", "withdrawal": "movement", "convoy": "movement",
           "confrontation": "obstruction", "assassination": "violence", "blockade": "obstruction"}
    assert set(new) <= types
    assert {kind: families[kind] for kind in new} == new
    assert {"capture", "assassination"} <= HOSTILE


def test_a_negation_cut_off_by_punctuation_is_not_the_triggers():
    text = fold_letters("ونقلت الوكالة عن مصادر، لم تسمها، قولها إن تعزيزات وصلت")
    start = text.index("تعزيزات")
    assert not rejected(text, start, start + len("تعزيزات"))
    text = fold_letters("ولم تصل تعزيزات إلى المنطقة")
    start = text.index("تعزيزات")
    assert rejected(text, start, start + len("تعزيزات"))


def test_a_strike_by_an_explosive_device_is_an_explosion(gaz):
    inc = one(gaz, "وذكرت المصادر أن السيارة المفخخة استهدفت مدخل بلدة ذيبان بريف دير الزور.")
    assert inc.type == "explosion"
    # a drone carrying a bomb is still an air strike
    assert one(gaz, "استهدفت مسيرة مفخخة سيارة عسكرية قرب مدينة عامودا.").type == "airstrike"


def test_explosions_in_the_accusative(gaz):
    assert one(gaz, "أفادت مصادر أن انفجاراً عنيفاً هز مدينة الحسكة مساء اليوم.").type == "explosion"


@pytest.mark.parametrize(("body", "kind"), [
    ("قتل ثلاثة مدنيين اليوم جراء انفجارين في حي المفتي بمدينة الحسكة.", "explosion"),
    ("أصيب عنصران من قسد بانفجار لغمين أرضيين قرب بلدة الشدادي اليوم.", "explosion"),
    ("أصيب عنصران من قسد بانفجار عبوتين ناسفتين قرب بلدة الشدادي اليوم.", "explosion"),
    ("نفذ مسلحون هجومين على حاجزين لقسد في بلدة الصور اليوم.", "armed_clash"),
])
def test_two_of_an_event_told_in_the_dual(gaz, body, kind):
    assert kind in {i.type for i in run(gaz, body).incidents}


def test_a_strike_told_as_what_ended_a_drive_is_an_event(gaz):
    """'كانت سيارة لقسد تسير قرب عامودا قبل أن تستهدفها مسيرة تركية': the imperfect after
    'قبل أن' tells what happened, its object an attached pronoun."""
    body = "كانت سيارة لقسد تسير قرب مدينة عامودا اليوم قبل أن تستهدفها طائرة مسيرة تركية."
    assert placed(gaz, body) == [("airstrike", "amuda")]


@pytest.mark.parametrize(("body", "place"), [
    ("أعلن الجيش أنه تصدى لمحاولة تسلل نفذتها عناصر من قسد عبر نهر الفرات قرب بلدة معدان.", "maadan"),
    ("أحبطت وحدات الجيش اليوم محاولة تسلل لمجموعة مسلحة باتجاه نقاطها قرب بلدة معدان.", "maadan"),
    ("وأعلنت قسد تنفيذ عملية تسلل استهدفت نقطة للفصائل قرب بلدة معدان.", "maadan"),
])
def test_an_infiltration_met_or_foiled_is_a_clash(gaz, body, place):
    assert ("armed_clash", place) in {(i.type, i.place.id) for i in run(gaz, body).incidents}


@pytest.mark.parametrize("body", [
    "أحبط الجيش التركي محاولة تسلل 50 شخصاً إلى أراضيه قرب مدينة رأس العين.",
    "أحبطت قوات حرس الحدود محاولة تسلل إلى تركيا قرب مدينة تل أبيض.",
])
def test_people_crossing_a_border_are_no_clash(gaz, body):
    assert "armed_clash" not in {i.type for i in run(gaz, body).incidents}


@pytest.mark.parametrize("body", [
    "لكن ذلك يصطدم بطموح قسد إلى استمرار الإدارة الذاتية في شمال وشرق سوريا.",
    "واصطدمت المفاوضات في القامشلي برفض الحكومة شروط الإدارة الذاتية.",
])
def test_running_up_against_an_ambition_is_no_collision(gaz, body):
    assert "vehicle_collision" not in {i.type for i in run(gaz, body).incidents}


@pytest.mark.parametrize("body", [
    "لكن عناصر التنظيم المتوارين لا يزالون قادرين على شن هجمات في ريف دير الزور الشرقي.",
    "وأكد القائد أن قسد قادرة على صد أي هجوم تركي على مدينة منبج.",
    "وقال إن بإمكانهم استهداف القواعد الأمريكية في حقل العمر متى شاؤوا.",
])
def test_what_a_force_is_able_to_do_is_no_event(gaz, body):
    assert run(gaz, body).incidents == []


def test_an_attack_a_force_is_on_its_way_to_launch_is_no_event(gaz):
    body = "أعلنت قسد أنها سيطرت اليوم على بلدة الكرامة، في طريقها لشن هجوم واسع على مدينة الرقة."
    assert placed(gaz, body) == [("capture", "karama_raqqa")]


@pytest.mark.parametrize("body", [
    "استهدف تنظيم داعش نقطة تفتيش لقسد في بلدة ذيبان اليوم.",
    "تبنى تنظيم داعش استهداف نقطة تفتيش لقسد في بلدة ذيبان اليوم.",
    "استهدف مقاتلو العشائر حاجزاً لقسد في بلدة ذيبان اليوم.",
])
def test_the_organisation_or_tribal_fighters_targeting_a_post_is_an_attack(gaz, body):
    assert placed(gaz, body) == [("armed_clash", "dhiban")]


def test_a_withdrawal_after_a_clash_is_kept_beside_it(gaz):
    types = {i.type for i in run(gaz, "انسحبت قوات قسد من بلدة ذيبان بعد اشتباكات مع مقاتلي العشائر.")
             .incidents}
    assert types == {"withdrawal", "armed_clash"}


def test_an_alert_is_an_event_unless_it_follows_the_attack_told_with_it(gaz):
    assert one(gaz, "شهدت بلدة الصور استنفاراً عسكرياً لقوات النظام.").type == "deployment"
    body = "وقع انفجار في مدينة القامشلي أسفر عن مقتل شخصين، وسط استنفار أمني لقوات الأسايش."
    assert [i.type for i in run(gaz, body).incidents] == ["explosion"]


@pytest.mark.parametrize("body", [
    "وتشارك مروحيات روسية في تسيير الدوريات المنتظمة في ريف الدرباسية.",
    "وأعرب المبعوث الأمريكي عن قلقه من القصف التركي على مدينة عين العرب.",
    "تستعد قوات سوريا الديمقراطية المدعومة من التحالف لشن هجوم على بلدة هجين.",
])
def test_regular_habits_views_and_long_subjects_of_preparations(gaz, body):
    assert run(gaz, body).incidents == []


def test_a_present_verb_after_purposive_lam_is_an_aim_not_an_event(gaz):
    body = ("وتوجهت الدورية التركية من قرية حدودية باتجاه الأراضي السورية لتلتقي بالدورية "
            "الروسية قرب الدرباسية.")
    assert all(i.type != "patrol_encounter" for i in run(gaz, body).incidents)
    # 'لقصف' (a noun after ل) is still an event: 'تعرضت لقصف'
    assert one(gaz, "تعرضت بلدة عين عيسى لقصف مدفعي تركي.").type == "shelling"


def test_an_operation_that_is_the_strike_of_its_clause_is_not_a_landing(gaz):
    body = ("قصف الجيش الأمريكي مواقع لفصائل موالية لإيران قرب البوكمال في عملية عسكرية "
            "أسفرت عن مقتل 17 شخصاً.")
    assert [i.type for i in run(gaz, body).incidents] == ["shelling"]
    body = "نفذت قوات التحالف عملية أمنية في بلدة الشحيل أسفرت عن مقتل قيادي في داعش."
    assert one(gaz, body).type == "raid"


def test_a_relative_clause_that_reports_speech_does_not_define_a_new_event(gaz):
    body = ("وتشير ضخامة عدد القتلى إلى كبر حجم الهجوم الذي قال المسؤول الأميركي إن المشاركين "
            "فيه قدموا من مدينة الميادين.")
    assert run(gaz, body).incidents == []
    body = "وأسفر الهجوم الذي استهدف حاجزاً لقسد في بلدة ذيبان عن مقتل عنصرين."
    assert one(gaz, body).type == "armed_clash"


@pytest.mark.parametrize(("body", "kind"), [
    ("اعتصم العشرات من أهالي بلدة ذيبان أمام مقر المجلس المدني.", "protest"),
    ("وقطع الأهالي الطريق أمام الرتل الأمريكي وأشعلوا الإطارات قرب بلدة القحطانية.",
     "patrol_obstruction"),
])
def test_sit_ins_and_roads_cut_before_a_convoy(gaz, body, kind):
    assert one(gaz, body).type == kind


@pytest.mark.parametrize("body", [
    # the obstructed patrol several words after the verb
    "منع أهالي قرية تل شعير دورية أمريكية من المرور يوم الأحد.",
    "منعت دورية للجيش السوري دورية أمريكية من المرور قرب القامشلي يوم الأحد.",
    # stones thrown rather than 'رشق'
    "ألقى أهالي قرية تل شعير الحجارة على رتل أمريكي يوم الأحد.",
    "وقال المرصد إن قرويين من تل شعير رموا الحجارة على القافلة الأمريكية يوم الأحد.",
    # gathered in front of it, drove it away, forced it back (an object pronoun on the verb)
    "تجمهر أهالي قرية تل شعير أمام دورية أمريكية يوم الأحد.",
    "طرد أهالي قرية تل شعير دورية أمريكية يوم الأحد.",
    "وقف أهالي قرية تل شعير في طريق رتل أمريكي وأجبروه على العودة يوم الأحد.",
    # the road cut with the force, the day or an adverb between, 'عليها'; forced to stop
    "قطعت قوات أمريكية الأحد، الطريق مجدداً أمام دورية روسية قرب قرية تل شعير.",
    "ولدى وصول الدورية الروسية إلى قرية تل شعير قطعت مدرعتان أمريكيتان الطريق عليها يوم الأحد.",
    "اعترض أهالي قرية تل شعير رتلاً أمريكياً وأجبروه على التوقف يوم الأحد.",
])
def test_residents_blocking_or_stoning_a_patrol(gaz, body):
    assert [i.type for i in run(gaz, body).incidents] == ["patrol_obstruction"]


def test_an_attack_with_an_object_pronoun_is_still_an_attack(gaz):
    body = ("وقتل عنصران من قسد يوم الإثنين إثر استهدافهم من قبل مسلحين مجهولين على حاجز في "
            "بلدة الشحيل.")
    inc = one(gaz, body)
    assert (inc.type, inc.place.name_en) == ("armed_clash", "Al-Shuhayl")


def test_a_bare_strike_takes_the_weapon_the_article_names(gaz):
    body = ("قصف الجيش الأميركي ليل الخميس مواقع لميليشيات موالية لإيران قرب مدينة البوكمال.\n"
            "وقال البنتاغون إن طيراناً حربياً نفذ العملية.")
    assert [i.type for i in run(gaz, body).incidents] == ["airstrike"]
    with_guns = ("قصف الجيش التركي ليل الخميس قرية قرب عامودا.\n"
                 "وحلقت طائرات مسيرة في سماء المنطقة بينما سقطت قذائف المدفعية على المنازل.")
    assert "airstrike" not in [i.type for i in run(gaz, with_guns).incidents]


def test_fighters_scrambled_to_shield_forces_are_an_air_incident(gaz):
    body = ("أعلن البنتاغون أن قوات التحالف أرسلت مقاتلات لحماية القوات الكردية في مدينة الحسكة "
            "بينما كانت تستهدفهم طائرات النظام.")
    assert "air_incident" in [i.type for i in run(gaz, body).incidents]


def test_an_alert_after_an_attack_told_before_is_its_own_event(gaz):
    body = ("قتل عنصران من قسد بهجوم لمسلحين على حاجز في بلدة الصور.\n"
            "وتابع أن البلدة شهدت عقب الاستهداف استنفاراً عسكرياً مكثفاً لقوات قسد.")
    assert sorted(i.type for i in run(gaz, body).incidents) == ["armed_clash", "deployment"]


def test_what_is_unclear_is_not_reported(gaz):
    body = "ولكن لم يتضح على الفور سبب وصول القافلة إلى مدينة القامشلي."
    assert run(gaz, body).incidents == []


def test_the_bullets_that_hurt_the_side_of_a_clash_told_before_are_that_clash(gaz):
    body = ("اندلع اشتباك بين الجيش السوري ومدرعات أمريكية في قرية تل الذهب قرب القامشلي.\n"
            "وأكدت مصادر أن عدداً من الجنود الأمريكيين أصيبوا بجروح بليغة برصاص عناصر الحاجز في ريف الحسكة.")
    assert [i.type for i in run(gaz, body).incidents] == ["armed_clash"]


@pytest.mark.parametrize(("body", "kind"), [
    ("قتلت القوات التركية 3 عناصر من قسد قرب بلدة عين عيسى يوم الأحد.", "attack"),
    ("أعلنت وزارة الدفاع التركية تحييد 5 عناصر من وحدات حماية الشعب قرب تل أبيض يوم الأحد.",
     "armed_clash"),
    ("خطف مسلحون مجهولون مدنياً في بلدة ذيبان يوم الأحد.", "arrest"),
])
def test_killings_by_a_named_force_neutralisations_and_abductions(gaz, body, kind):
    assert [i.type for i in run(gaz, body).incidents] == [kind]


def test_an_embedded_post_repeats_the_news_it_shows(gaz):
    body = ("انفجرت سيارة مفخخة بحاجز للأسايش قرب الشدادي صباح اليوم.\n\n"
            "بالفيديو ـ #انفجار سيارة مفخخة تستهدف قوات أميركية في ريف #الحسكة الجنوبيhttps://t.co/AbC123\n"
            "pic.twitter.com/XyZ — someoutlet (@someoutlet) August 15, 2023")
    inc = one(gaz, body)
    # its hashtags read as words, the post is evidence of the news it shows, one article
    assert inc.place.id == "shaddadi" and {s.article for s in inc.sources} == {"t1"}


def test_a_convoy_passing_when_a_bomb_went_off_is_the_bombs_moment(gaz):
    inc = one(gaz, "انفجرت سيارة مفخخة بحاجز للأسايش قرب الشدادي صباح اليوم.\n\n"
                   "وذكر أن التفجير وقع خلال مرور رتل لقوات أمريكية على طريق الحسكة قرب الشدادي.")
    assert inc.type == "explosion"
    # 'في حين' is 'whereas': the movement after it is news of its own
    body = ("سيرت القوات الروسية والتركية دورية مشتركة في ريف الدرباسية، في حين توجهت "
            "المدرعات الروسية إلى قاعدتها في مدينة القامشلي.")
    assert len(run(gaz, body).incidents) == 2


def test_a_convoy_turned_away_is_an_obstruction_not_a_town_taken(gaz):
    body = "تمكن سكان بلدة القحطانية من طرد رتل للجيش الأمريكي ومنعوه من دخول بلدتهم."
    assert [i.type for i in run(gaz, body).incidents] == ["patrol_obstruction"]


def test_an_explosion_in_the_city_told_before_is_placed_there(gaz):
    body = ("وقعت اشتباكات في مدينة الرقة أمس.\n\n"
            "وقالت مصادر محلية إن سيارة عسكرية لقسد تعرضت لانفجار عبوة ناسفة، وسط المدينة.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents if i.type == "explosion"] == [
        ("explosion", "raqqa")]


def test_a_blast_that_hit_a_vehicle_is_an_explosion_whatever_aircraft_the_article_names(gaz):
    body = ("وأفاد المرصد بمقتل عنصر روسي جراء الانفجار الذي استهدف عربة عسكرية روسية قرب قرية "
            "الأسدية.\nووصلت مروحيات روسية إلى أجواء المنطقة لإسعاف المصابين.")
    assert "explosion" in {i.type for i in run(gaz, body).incidents}
    assert "airstrike" not in {i.type for i in run(gaz, body).incidents}


@pytest.mark.parametrize("body", [
    "أطلقت قوات سوريا الديمقراطية اليوم حملة أمنية في مخيم الهول بريف الحسكة.",
    "صعّدت قوات سوريا الديمقراطية اليوم من حملتها الأمنية على قرى ريف دير الزور.",
    "شنت قوى الأمن الداخلي اليوم حملة مداهمات في حي غويران بمدينة الحسكة.",
])
def test_a_security_campaign_is_a_raid(gaz, body):
    assert [i.type for i in run(gaz, body).incidents] == ["raid"]


@pytest.mark.parametrize("body", [
    "تمكنت قوى الأمن الداخلي اليوم من ضبط مستودع يحتوي على كميات ضخمة من الذخائر والأسلحة في "
    "أحد المنازل المهجورة بمدينة موحسن.",
    "ضبطت قوى الأمن الداخلي اليوم في مدينة موحسن مستودعاً للأسلحة يعود لفلول النظام.",
    "عثرت قوات سوريا الديمقراطية اليوم على مخبأ للأسلحة والذخائر في مدينة موحسن.",
])
def test_a_cache_of_arms_seized_is_the_raid_that_found_it(gaz, body):
    assert placed(gaz, body) == [("raid", "muhasan")]


@pytest.mark.parametrize("body", [
    # a campaign told as the frame of a seizure, the article in the way of the guard
    "وقالت مصادر رسمية إن ضبط المستودع يأتي ضمن الحملة الأمنية التي أطلقتها قوى الأمن في مدينة "
    "موحسن.",
    # a seizure that is an aim
    "وتشهد مدينة موحسن حملات تهدف إلى ضبط السلاح غير الشرعي.",
])
def test_a_seizure_or_campaign_told_as_a_frame_or_an_aim_is_no_raid(gaz, body):
    assert run(gaz, body).incidents == []


@pytest.mark.parametrize("body", [
    "قُتل لاجئ عراقي داخل مخيم الهول فجر اليوم، فيما توفي أربعة أشخاص جراء حريق.",
    "وقتل شاب في بلدة الشحيل بريف دير الزور الشرقي اليوم.",
])
def test_a_person_killed_with_no_cause_told_is_a_killing(gaz, body):
    assert [i.type for i in run(gaz, body).incidents] == ["attack"]


@pytest.mark.parametrize("body", [
    "قتل شاب جراء قصف تركي على قرية في ريف تل تمر اليوم.",  # the shelling is the event
    "وقالت المصادر إن الغارة أسفرت عن مقتل شاب في ريف دير الزور اليوم.",  # its casualty
])
def test_a_death_with_its_cause_is_that_causes_casualty(gaz, body):
    assert "attack" not in [i.type for i in run(gaz, body).incidents]


def test_people_hurt_by_gunfire_is_an_attack(gaz):
    body = ("وجرح خمسة مدنيين بينهم امرأة بإطلاق نار من الجيش التركي يوم الثلاثاء، على محتجين "
            "حاولوا اعتراض الدورية قرب مدينة عين العرب.")
    assert "attack" in [i.type for i in run(gaz, body).incidents]
    assert [i.type for i in run(gaz, "احتفل الأهالي في مدينة الحسكة بإطلاق النار ابتهاجاً بالفوز.").incidents
            if i.type == "attack"] == []


def test_a_campaigns_aim_is_no_capture(gaz):
    body = "تستمر المعارك الدائرة اليوم في مدينة الرقة، في إطار تحرير المدينة من تنظيم داعش."
    assert [i.type for i in run(gaz, body).incidents] == ["armed_clash"]


def test_a_capture_with_its_force_and_time_between_verb_and_noun(gaz):
    body = "فرضت قوات سوريا الديمقراطية، مساء الأحد، سيطرتها على مطار الطبقة العسكري."
    assert placed(gaz, body) == [("capture", "tabqa_airbase")]


@pytest.mark.parametrize("body", [
    "وكانت استردت قوات سوريا الديمقراطية، مساء الأربعاء الماضي، مدينة الطبقة من تنظيم داعش.",
    "وتمكنت قوات سوريا الديمقراطية من استعادة مدينة الطبقة من يد تنظيم داعش يوم الأربعاء الماضي.",
])
def test_a_town_taken_back_is_a_capture(gaz, body):
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("capture", "2023-08-09", "tabqa")]


def test_a_town_to_be_taken_back_is_no_capture(gaz):
    assert run(gaz, "وتسعى قوات سوريا الديمقراطية لاستعادة مدينة الطبقة من تنظيم داعش.").incidents == []


def test_a_phase_of_military_operations_launched_is_an_offensive(gaz):
    body = ("وأطلقت قسد المرحلة الثالثة من العمليات العسكرية البرية ضد داعش، في 11 أيلول الماضي، "
            "لتحرير منطقة هجين في ريف دير الزور.")
    assert [(i.type, i.date) for i in run(gaz, body).incidents] == [("armed_clash", "2022-09-11")]


@pytest.mark.parametrize("body", [
    "سقطت 5 قذائف على الأقل، الإثنين، في محيط حقل العمر النفطي.",
    "سقطت عدد من القذائف، الإثنين، في محيط حقل العمر النفطي.",
])
def test_shells_that_fell_counted_are_shelling_on_their_day(gaz, body):
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("shelling", "2023-08-14", "omar_field")]


@pytest.mark.parametrize("body", [
    "وأعلنت القيادة المركزية الأمريكية فجر الأربعاء أن الجيش الأمريكي، شن ضربات على مدينة دير الزور.",
    "شن الجيش الأمريكي الأربعاء ضربة على مواقع في مدينة دير الزور.",
])
def test_strikes_launched_are_a_strike_whatever_the_weapon(gaz, body):
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("shelling", "2023-08-09", "deir_ez_zor")]


def test_a_blow_dealt_in_words_is_no_strike(gaz):
    body = "وجهت قوات سوريا الديمقراطية ضربة قوية لخلايا داعش في مدينة دير الزور."
    assert [i.type for i in run(gaz, body).incidents] == []


def test_control_announced_after_a_fight_is_a_capture(gaz):
    body = ("وأعلنت قوات سوريا الديمقراطية سيطرتها رسمياً على مدينة الرقة يوم 20 تشرين الأول الفائت، "
            "بعد معارك مع تنظيم الدولة.")
    assert ("capture", "2022-10-20", "raqqa") in [
        (i.type, i.date, i.place.id) for i in run(gaz, body).incidents]


@pytest.mark.parametrize("body", [
    "أعلنت قوات سوريا الديمقراطية السيطرة على مدينة الرقة.",  # control, no fight told
    "أعلنت وزارة الدفاع الروسية، سيطرة قوات الحكومة، على مدينة منبج، بعد اتفاق بين الإدارة الذاتية والحكومة.",
])
def test_control_announced_with_no_fight_or_after_a_deal_is_no_capture(gaz, body):
    assert "capture" not in [i.type for i in run(gaz, body).incidents]


def test_talk_of_an_operation_near_is_no_launch(gaz):
    body = "وبدأ الحديث عن قرب بدء عملية عسكرية في مدينة منبج منذ إعلان الرئيس التركي."
    assert run(gaz, body).incidents == []
    launched = "وأعلنت قسد بدء عملية عسكرية في مدينة منبج ضد خلايا داعش."
    assert [i.type for i in run(gaz, launched).incidents] == ["armed_clash"]


@pytest.mark.parametrize("body", [
    "فهناك مثلاً حديث عن هجوم على دفعات، الأول سيكون على مدينة منبج.",  # talk of an attack
    "وتؤكد التصريحات التركية قرب شن هجوم على مدينة منبج.",  # an attack said to be near
    "وقال الرئيس التركي اليوم إن الهجوم على مدينة منبج أمر محتوم.",  # judged inevitable after it
    "وقال الرئيس التركي اليوم إن الهجوم على مدينة منبج بات وشيكاً.",
])
def test_an_attack_talked_of_near_or_inevitable_is_a_forecast(gaz, body):
    assert run(gaz, body).incidents == []


def test_a_massacre_caused_by_aircraft_is_an_airstrike(gaz):
    body = ("قالت مصادر محلية إن الطيران الحربي الروسي تسبب يوم الخميس بوقوع مجزرة مروعة بحق "
            "المدنيين في مدينة الميادين.")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("airstrike", "2023-08-10", "mayadin")]


@pytest.mark.parametrize("body", [
    "فيوم الجمعة الماضي، قتل داعش شاباً أمام أنظار المارة في وسط مدينة الرقة.",
    "وقتل تنظيم الدولة يوم الجمعة الماضي شاباً في وسط مدينة الرقة.",
])
def test_a_killing_by_isis_named_after_the_verb_is_an_attack(gaz, body):
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("attack", "2023-08-11", "raqqa")]


def test_an_attack_noun_with_its_owner_is_an_attack_on_its_day(gaz):
    body = ("وقالت الوحدات أمس إن الجيش التركي قام في الـ10 من آب باستخدام الأسلحة الثقيلة في "
            "هجومه على مدينة عين العرب.")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("shelling", "2023-08-10", "ain_al_arab")]


@pytest.mark.parametrize("body", [
    'تعرض مقر لـ "المجلس الوطني الكردي" للحرق في مدينة عامودا، أمس الإثنين.',
    "أقدم مسلحون مجهولون أمس الإثنين على حرق مقر حزب في مدينة عامودا.",
])
def test_an_office_set_on_fire_is_an_attack(gaz, body):
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("attack", "2023-08-14", "amuda")]


def test_what_went_on_over_months_gone_by_is_no_event(gaz):
    body = "واتهمت عشرات العوائل في الأشهر القليلة الماضية المجموعة بخطف أطفالهم في مدينة عامودا."
    assert run(gaz, body).incidents == []


def test_an_advance_taking_ground_on_the_campaigns_nth_day_is_a_capture_today(gaz):
    body = ("ومع دخول الحملة يومها الرابع تستمر قوات سوريا الديمقراطية بالتقدم والسيطرة على عدة قرى "
            "في محيط بلدة عين عيسى.")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("capture", "2023-08-15", "ayn_issa")]


def test_a_car_subjected_to_an_aggression_by_drone_is_a_strike(gaz):
    body = ("أعلنت قوات سوريا الديمقراطية أن سيارة كانت تقل اثنين من مقاتليها تعرضت، صباح أمس الإثنين، "
            "لعدوان بالطيران المسير قرب مدينة عامودا.")
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("airstrike", "2023-08-14", "amuda")]


def test_the_aggression_as_a_whole_is_no_strike(gaz):
    body = "وقال البيان إن المنطقة تتعرض لعدوان تركي مستمر منذ سنوات بالطائرات المسيرة في ريف عامودا."
    assert run(gaz, body).incidents == []


def test_a_force_entering_villages_beside_the_terms_of_a_deal_is_a_deployment(gaz):
    body = ("أبرم أمس اتفاق بين الجيش السوري وقسد يقضي بانسحاب القوات السورية من ريف الرقة، "
            'بينما دخلت "قسد" عدة قرى في ريف الرقة الشرقي.')
    assert ("deployment", "2023-08-14") in [(i.type, i.date) for i in run(gaz, body).incidents]


def test_what_the_terms_of_a_deal_provide_for_is_no_event(gaz):
    body = ("أبرم أمس اتفاق بين الجيش السوري وقسد يقضي بانسحاب القوات السورية من ريف الرقة "
            "ودخول قسد إلى القرى.")
    assert [i.type for i in run(gaz, body).incidents] == ["agreement"]


@pytest.mark.parametrize("body", [
    "اعتدت القوات التركية أمس بالمدفعية على أطراف بلدة عين عيسى.",
    "جددت القوات التركية أمس اعتداءاتها بالمدفعية على محيط بلدة عين عيسى.",
    # the force and its allies between the verb and the weapon, a count before the weapon
    "اعتدت قوات الاحتلال التركي ومرتزقته من التنظيمات الإرهابية أمس بالقذائف على أطراف بلدة عين عيسى.",
    "اعتدى مرتزقة الاحتلال التركي أمس بعدد من قذائف الهاون على أطراف بلدة عين عيسى.",
])
def test_an_assault_told_by_its_weapon_is_a_strike(gaz, body):
    assert [(i.type, i.date, i.place.id) for i in run(gaz, body).incidents] == [
        ("shelling", "2023-08-14", "ayn_issa")]


@pytest.mark.parametrize(("body", "kind"), [
    ("دمرت مدفعية جيش الاحتلال التركي أمس نقطة لقوات النظام في بلدة عين عيسى.", "shelling"),
    ("دمرت طائرات التحالف أمس مقراً لداعش في بلدة عين عيسى.", "airstrike"),
])
def test_a_forces_weapon_destroying_a_target_is_a_strike(gaz, body, kind):
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [(kind, "ayn_issa")]


def test_a_weapon_destroyed_is_no_strike_by_it(gaz):
    assert run(gaz, "دمرت قسد أمس مدفعية للنظام في بلدة عين عيسى.").incidents == []


def test_the_assaults_as_a_whole_are_no_strike(gaz):
    body = "وتستمر الاعتداءات التركية على مناطق عين عيسى منذ سنوات."
    assert run(gaz, body).incidents == []


def test_an_attack_does_not_take_the_weapon_of_the_shelling_told_after_it(gaz):
    """'هاجم مسلحون مجهولون مقاراً ...، بعد قصف حكومي بقذائف الهاون': the mortars are the
    shelling's (its own clause, after the attack); the attack named no weapon: an armed
    clash beside the shelling, not one shelling."""
    body = ('هاجم مسلحون مجهولون، يوم الأحد، مقاراً لقوات سوريا الديمقراطية في بلدة الشحيل، '
            'بعد قصف حكومي من غربي الفرات بقذائف الهاون.')
    assert sorted(i.type for i in run(gaz, body).incidents) == ["armed_clash", "shelling"]
    # the weapon in the attack's own clause still types it
    body = "هاجم مسلحون مجهولون بقذائف الهاون مقاراً لقوات سوريا الديمقراطية في بلدة الشحيل يوم الأحد."
    assert [i.type for i in run(gaz, body).incidents] == ["shelling"]


def test_a_strike_named_again_takes_the_kind_of_the_strike_told(gaz):
    """'وقالت مصادر إن الاستهداف أسفر عن مقتل ثلاثة عناصر' after aircraft struck: the air
    strike again, not an attack of its own."""
    body = ("قصفت طائرات حربية أمريكية محيط مدينة البوكمال يوم الأحد. "
            "وقالت مصادر محلية إن الاستهداف أسفر عن مقتل ثلاثة عناصر.")
    assert [(i.type, i.fatalities) for i in run(gaz, body).incidents] == [("airstrike", 3)]



@pytest.mark.parametrize(("body", "kind", "place"), [
    # who found the body and when between the verb and 'على جثة'
    ('وعثرت "الأسايش"، يوم الأحد، على جثة نازح مقتولاً ضمن مخيم الهول.', "attack", "hol_camp"),
    # ... the force with its Kurdish name and whose it is between
    ('عثرت قوى الأمن الداخلي التي تعرف بالكردية بـ"الآسايش" التابعة للإدارة الذاتية، على جثة امرأة '
     "مقطوعة الرأس داخل مخيم الهول.", "attack", "hol_camp"),
    # his body ('على جثته')
    ("وعثر الأهالي صباح اليوم على جثته في مدينة تل أبيض.", "attack", "tal_abyad"),
    # killed in his home, no other event told
    ("قتل القيادي عمر علوش فجر اليوم الخميس في منزله في مدينة تل أبيض.", "attack", "tal_abyad"),
    # ... the town and the day both between
    ("عثر الأهالي في مدينة دير الزور، يوم الأحد، على جثة عنصر من الدفاع الوطني وعليها آثار تعذيب.",
     "attack", "deir_ez_zor"),
    # a mass grave found, or bodies taken out of a grave: the killings it reveals
    ('عثر "فريق الاستجابة الأولية" على مقبرة جماعية تضم عشرات الجثث في مدينة الطبقة.', "attack", "tabqa"),
    ("وكان الفريق قد انتشل في 10 حزيران 2020، ست جثث لمدنيين من مقبرة في مدينة الطبقة.",
     "attack", "tabqa"),
    # the force and the day between 'استعاد' and the towns retaken
    ('واستعاد "داعش" الإرهابي، يوم الأحد، كامل البلدات التي خسرها في ريف هجين.', "capture", "hajin"),
    # what a force managed to take
    ("وتمكنت القوات الأمريكية مع قوات سوريا الديمقراطية من السيطرة على قرى بريف الطبقة الغربي يوم الأحد.",
     "capture", "rif_tabqa_west"),
    # whom a force managed to kill, its day between
    ("وكانت فصائل المعارضة قد تمكنت، أمس السبت، من قتل عنصر للنظام قرب مدينة تل تمر.",
     "attack", "tal_tamr"),
])
def test_events_told_with_words_between_their_verb_and_object(gaz, body, kind, place):
    incs = run(gaz, body).incidents
    assert [(i.type, i.place.id if i.place else None) for i in incs] == [(kind, place)]


@pytest.mark.parametrize("spread", [
    "وقالت مصادر إن الاشتباكات امتدت إلى مدينة العشارة، واستخدمت فيها الأسلحة الرشاشة.",
    "وامتدت المواجهات لاحقاً إلى مدينة العشارة.",
])
def test_a_fight_that_spread_to_another_place_is_an_event_there(gaz, spread):
    body = "اندلعت ليلة أمس اشتباكات عشائرية في قرية عين البيضا بريف جرابلس شرقي حلب.\n" + spread
    incs = run(gaz, body).incidents
    assert sorted((i.type, i.place.id) for i in incs) == [("armed_clash", "ashara"),
                                                          ("armed_clash", "rif_jarabulus")]
    # the fight named again where it was, or without a place it reached, is the one told
    again = body.split("\n")[0] + "\nوقالت مصادر إن الاشتباكات امتدت لساعات في القرية."
    assert [i.place.id for i in run(gaz, again).incidents] == ["rif_jarabulus"]


@pytest.mark.parametrize(("body", "events"), [
    ("وحاصرت قوات سوريا الديمقراطية مدينة منبج بشكل كامل يوم الأحد.", [("armed_clash", "manbij")]),
    ('كما حاصرت العشائر مقار "قسد" في بلدة الشحيل اليوم.', [("armed_clash", "shuhayl")]),
    ('وتمكنت "قسد" من محاصرة التنظيم في بلدة الكرامة يوم الأحد.', [("armed_clash", "karama_raqqa")]),
    # a figure of speech: nothing laid siege to a town
    ("وشهدت مدينة منبج تطورات أمنية وعسكرية حاصرت خيارات الإدارة الذاتية.", []),
    # residents closing round forces obstruct them, they lay no siege
    ("وحاصر أهالي بلدة الشحيل قوات روسية يوم الأحد.", []),
])
def test_a_siege_laid_on_a_town_or_its_fighters_is_a_fight(gaz, body, events):
    assert placed(gaz, body) == events


@pytest.mark.parametrize("body", [
    "أغارت طائرات مجهولة بعد منتصف الليل على موقع لميليشيا الحشد الشعبي في مدينة البوكمال.",
    "وقال المرصد إن طائرات إسرائيلية أطلقت 6 صواريخ على مواقع الميليشيات في مدينة البوكمال.",
])
def test_aircraft_that_raided_or_fired_missiles_struck_from_the_air(gaz, body):
    assert placed(gaz, body) == [("airstrike", "abu_kamal")]


def test_missiles_fired_from_the_ground_are_shelling(gaz):
    body = "وأطلقت الميليشيات 6 صواريخ على قاعدة حقل العمر يوم الأحد."
    assert [i.type for i in run(gaz, body).incidents] == ["shelling"]


def test_a_bare_strike_takes_the_aircraft_whose_missiles_the_article_tells(gaz):
    """'قتل 10 عناصر في قصف إسرائيلي بمدينة البوكمال' then 'طائرات إسرائيلية أطلقت 6 صواريخ':
    the missiles are the aircraft's, no artillery of the article."""
    body = ("قتل 10 من عناصر الميليشيات في قصف إسرائيلي بمدينة البوكمال أمس.\n"
            "وقال المرصد إن طائرات إسرائيلية أطلقت 6 صواريخ على مواقع الميليشيات في المدينة.")
    assert [i.type for i in run(gaz, body).incidents] == ["airstrike"]


@pytest.mark.parametrize("body", [
    "اغتيل رئيس بلدية تابعة للإدارة الذاتية في بلدة الطيانة، ظهر اليوم الاثنين.",
    # gunmen who stormed a building to kill: the killing, not a raid of forces
    "وقال مراسل إن مجهولين ملثمين اغتالوا رئيس بلدية الطيانة بعد اقتحام مبنى البلدية اليوم.",
    "قتل مسؤول محلي في بلدة الطيانة بعد عملية اغتيال شنها مسلحون مجهولون مساء السبت.",
])
def test_a_killing_told_as_an_assassination_is_one(gaz, body):
    assert placed(gaz, body) == [("assassination", "tayyani")]


@pytest.mark.parametrize("body", [
    "حاول مسلحون اغتيال قيادي في بلدة الطيانة أمس. وبحسب مصادر فإن عملية الاغتيال أسفرت عن مقتل مدني.",
    "انفجرت عبوة في بلدة الطيانة أمس. وقالت مصادر إن عملية التفجير أسفرت عن مقتل مدني.",
])
def test_an_operation_named_by_another_events_noun_is_that_event_not_a_raid(gaz, body):
    assert "raid" not in [i.type for i in run(gaz, body).incidents]


def test_a_landing_that_killed_stays_a_raid(gaz):
    body = "نفذت قوات التحالف عملية إنزال جوي في بلدة الطيانة أسفرت عن اغتيال قيادي في التنظيم اليوم."
    assert [i.type for i in run(gaz, body).incidents] == ["raid"]


def test_residents_stoning_a_convoy_in_the_present_obstruct_it(gaz):
    body = "تداول ناشطون تسجيلاً مصوراً لسكان يرشقون رتلاً عسكرياً تركياً وروسياً في مدينة المالكية."
    assert placed(gaz, body) == [("patrol_obstruction", "malikiyah")]


def test_a_joint_patrol_named_with_its_owners_is_a_patrol(gaz):
    body = "أنهت روسيا وتركيا، اليوم الإثنين، تسيير دوريتهما المشتركة الرابعة في ريف الدرباسية."
    assert [(i.type, i.date) for i in run(gaz, body).incidents] == [("patrol", "2023-08-14")]


def test_forces_taking_positions_told_as_a_noun_are_deployed(gaz):
    body = ("ونشر صحفيون اليوم، الثلاثاء، صوراً أظهرت تمركز قوات أمريكية في نقطة عسكرية في "
            "مدينة تل أبيض.")
    assert placed(gaz, body) == [("deployment", "tal_abyad")]


@pytest.mark.parametrize("body", [
    # where forces are found is a target, not a deployment
    "وقصفت المدفعية التركية أماكن تمركز قوات النظام في محيط مدينة تل أبيض يوم الأحد.",
])
def test_where_forces_are_is_no_deployment(gaz, body):
    assert "deployment" not in [i.type for i in run(gaz, body).incidents]


def test_a_security_operation_of_a_force_named_is_a_raid(gaz):
    body = ("أغلقت قسد بعد منتصف الليل طريقاً في مدينة الحسكة، إثر تنفيذها عملية أمنية في الحي الذي "
            "يوجد فيه سجن الصناعة.")
    assert placed(gaz, body) == [("raid", "hasakah")]


def test_an_advance_repelled_is_a_fight_on_that_front(gaz):
    body = ("من جهة أخرى، أعلنت الجبهة السورية للتحرير (تجمع فصائل معارضة)، ليل أمس، صد محاولة تقدم "
            "لقوات حزب الاتحاد الديمقراطي وقوات النظام السوري على جبهة مدينة مارع شمالي محافظة حلب.")
    assert placed(gaz, body) == [("armed_clash", "marea")]


def test_protesters_storming_a_forces_offices_make_no_raid(gaz):
    body = ("ويوم الأحد الفائت استهدف مسلحون مجهولون سيارة تقل وجهاء من عشيرة العكيدات قرب بلدة "
            "الحوايج بريف دير الزور الشرقي.\n\n"
            "وقالت مصادر محلية، إن العشرات من أهالي قرية الحوايج تظاهروا صباح اليوم الثلاثاء احتجاجاً "
            "على الفلتان الأمني بالمنطقة.\n\n"
            "وأوضحت المصادر أن المتظاهرين اقتحموا مقرات مليشيات \"قسد\" في القرية وأحرقوها، ما أدى إلى "
            "اندلاع مواجهات بين أبناء القرية وعناصر \"قسد\" أسفرت عن سقوط 3 جرحى.")
    assert "raid" not in [i.type for i in run(gaz, body).incidents]


def test_shells_falling_counted_loosely_are_shelling(gaz):
    body = ("اندلعت يوم الأحد اشتباكات عشائرية في بلدة ذيبان.\n"
            "وتسببت الاشتباكات، حسب المصادر، بسقوط عدة قذائف في مدينة العشارة المجاورة.")
    assert ("shelling", "ashara") in placed(gaz, body)


def test_the_attacker_killed_is_the_attack_told_not_another(gaz):
    body = ("هاجم عنصران من داعش حاجزاً لقوات الأمن في مدينة الميادين اليوم الجمعة.\n"
            "وأضافت الوكالة أن أحدهما فجر نفسه عند الحاجز، بينما تمكن أفراد الأمن من قتل مهاجم آخر.")
    incs = run(gaz, body).incidents
    assert [i.place.id for i in incs] == ["mayadin"]


def test_gunfire_named_makes_a_strike_an_attack(gaz):
    """'قضى رئيس الكومين جراء استهدافه بإطلاق نار من قبل مجهولين': gunfire, not shelling,
    though the article tells an RPG elsewhere."""
    body = ("قضى رئيس كومين بلدة أبو حردوب، يوم الأحد، جراء استهدافه بإطلاق نار من قبل مجهولين "
            "أثناء مروره بالطريق العام ببلدة الشحيل.\n"
            "وأصيب عنصران، الجمعة الماضي، ببلدة البصيرة إثر إطلاق مجهولين قذيفة أر بي جي على حاجز لهم.")
    types = {i.place.id: i.type for i in run(gaz, body).incidents if i.place}
    assert types["shuhayl"] != "shelling"


def test_killings_summed_up_over_a_countryside_then_told_town_by_town(gaz):
    """'شهد ريف دير الزور هجومين منفصلين أسفرا عن مقتل شخص ونجاة مسؤول من محاولة اغتيال'
    then each town's attack: the towns are mapped, no one more point at the countryside."""
    body = ("شهد ريف دير الزور، مساء أمس السبت، هجومين منفصلين أسفرا عن مقتل شخص ونجاة مسؤول من "
            "محاولة اغتيال.\n"
            "وذكر مصدر محلي أن مسلحين مجهولين استهدفوا الشاب نور الفيصل أمام منزله في بلدة العشارة، "
            "مستخدمين أسلحة رشاشة.\n"
            "وفي بلدة الباغوز، استهدف مسلحون مجهولون سيارة الرئيس المشارك لبلدية الباغوز بأسلحة رشاشة.")
    assert sorted(i.place.id for i in run(gaz, body).incidents) == ["ashara", "baghuz"]


def test_blasts_caused_by_the_attack_told_are_part_of_it(gaz):
    """'استهدفت طائرة مسيرة القاعدة الأميركية في مدينة الشدادي، ودوت انفجارات في المنطقة ناجمة
    عن محاولة إسقاطها': one drone attack, the blasts its interception's."""
    body = ("استهدفت طائرة مسيرة انتحارية القاعدة العسكرية الأميركية في مدينة الشدادي يوم الأحد، ودوت "
            "انفجارات في المنطقة ناجمة عن محاولة إسقاطها.")
    assert [i.type for i in run(gaz, body).incidents] == ["airstrike"]


def test_a_blast_from_a_device_is_the_event_itself(gaz):
    """'قتل شخصان بانفجار ناجم عن عبوة ناسفة في بلدة الشحيل': the device is the blast's own,
    the explosion is the news."""
    body = "دوى انفجار ناجم عن عبوة ناسفة في بلدة الشحيل يوم الأحد، ما أدى إلى مقتل شخصين."
    assert [i.type for i in run(gaz, body).incidents] == ["explosion"]


def test_what_a_blast_came_from_is_an_act_not_a_device():
    from geo.extract.folding import fold_letters
    from geo.extract.triggers import _RESULTING_RE

    assert _RESULTING_RE.search(fold_letters("ودوت انفجارات ناجمة عن محاولة إسقاطها"))
    assert _RESULTING_RE.search(fold_letters("انفجارات ناتجة من القصف"))
    assert not _RESULTING_RE.search(fold_letters("انفجار ناجم عن عبوة ناسفة"))


def test_targetings_in_the_plural_with_their_weapon_are_an_attack(gaz):
    body = ("وجاءت عملية الانسحاب اليوم بالتزامن مع استهدافات بالرشاشات الثقيلة نفذتها فصائل مدعومة من "
            "تركيا على مواقع مجلس منبج العسكري قرب مدينة منبج.")
    assert [t for t in (i.type for i in run(gaz, body).incidents) if t != "withdrawal"] == ["attack"]


@pytest.mark.parametrize(("body", "types"), [
    # fire bombs thrown with stones at a patrol by residents: an obstruction, not an explosion
    ("وقال مصدر محلي إن مجموعة من الشبان في ريف مدينة الدرباسية ألقوا ظهر اليوم قنابل حارقة وحجارة "
     "على مدرعة روسية أثناء قيامها بدورية في المنطقة.", ["patrol_obstruction"]),
    # killed as the result of gunfire: an attack
    ("قتل مدنيان وأصيب أكثر من 10، نتيجة إطلاق نار من قبل قوات النظام على متظاهرين قرب معبر "
     "الصالحية شمالي مدينة دير الزور.", ["attack"]),
])
def test_the_type_of_what_residents_and_protesters_met(gaz, body, types):
    assert [i.type for i in run(gaz, body).incidents] == types


@pytest.mark.parametrize(("body", "place"), [
    ("تواصل قوى الأمن الداخلي (الأسايش) منذ أيام حصارها على قوات النظام في المربع الأمني بمدينة "
     "الحسكة.", "hasakah"),
    ("فرضت الأسايش اليوم طوقاً على المربع الأمني في مدينة القامشلي ومنعت دخول الطحين.", "qamishli"),
    ("وتطوق قوات الأسايش مربع النظام الأمني في مدينة القامشلي منذ صباح اليوم.", "qamishli"),
])
def test_a_cordon_of_a_security_quarter_is_a_blockade_not_a_battle(gaz, body, place):
    assert ("blockade", place) in placed(gaz, body)


@pytest.mark.parametrize(("body", "place"), [
    ("وقالت المصادر إن قسد فرضت، يوم الثلاثاء، حصاراً على محيط مطار القامشلي، مانعةً عناصر النظام "
     "من الخروج أو الدخول إلى المطار.", "qamishli_airport"),
    ("وأشار المصدر إلى أن الأسايش تفرض حصاراً، منذ أيام، على أحياء يسيطر عليها النظام في مدينة "
     "القامشلي.", "qamishli"),
])
def test_a_siege_imposed_on_a_site_or_quarters_is_a_blockade(gaz, body, place):
    assert ("blockade", place) in placed(gaz, body)


def test_an_economic_siege_is_no_blockade_on_the_map(gaz):
    body = "وتفرض تركيا حصاراً اقتصادياً على مناطق الإدارة الذاتية في مدينة القامشلي منذ سنوات."
    assert "blockade" not in types_of(gaz, body)


@pytest.mark.parametrize("body", [
    "وقالت المصادر إن قسد استقدمت مدرعات عسكرية أميركية إلى الشارع المؤدي إلى مطار القامشلي.",
    "وأفادت مصادر بأن قسد استقدمت، يوم الثلاثاء، مدرعات همر إلى محيط مطار القامشلي.",
])
def test_armour_brought_in_is_a_deployment(gaz, body):
    assert "deployment" in types_of(gaz, body)


def test_a_siege_of_a_town_by_fighters_stays_a_clash(gaz):
    assert placed(gaz, "حاصرت قوات سوريا الديمقراطية اليوم مدينة منبج بشكل كامل.") == [
        ("armed_clash", "manbij")]


@pytest.mark.parametrize("body", [
    "وقال شاهد إن قوات الأسايش الموجودة بالقرب من الثكنة أغلقت الطريق المؤدي إلى مركز مدينة الحسكة.",
    "وأغلقت قوات النظام، صباح اليوم، الطريق الواصل بين حي الطي ومركز مدينة القامشلي.",
    # the verbal noun, and the main road named by its adjective before where it leads
    "وعاد التوتر في مدينة القامشلي، ما أدى لإغلاق الأسايش للطريق العام المؤدي للمربع الأمني.",
])
def test_a_force_closing_a_road_into_a_town_is_a_blockade(gaz, body):
    assert "blockade" in types_of(gaz, body)


@pytest.mark.parametrize("body", [
    "أغلقت الميليشيات الموالية لإيران معبر البوكمال الحدودي مع العراق صباح اليوم.",
    "وأمر قائد الحرس الثوري في المنطقة بإغلاق المعابر غير الشرعية شرقي مدينة البوكمال.",
    # a state named by its name: closing a crossing is a state's act, whoever carries it out
    "أغلق النظام اليوم معبر الطبقة الذي يربط مناطق سيطرته بمناطق سيطرة قسد.",
])
def test_a_force_closing_a_crossing_is_a_blockade(gaz, body):
    assert "blockade" in types_of(gaz, body)


@pytest.mark.parametrize("body", [
    "أغلقت دائرة الجمارك معبر البوكمال أمام المسافرين بسبب عطل في نظام الحواسيب.",
    # a health measure, by a government named by its name
    "أغلقت الحكومة السورية معبر البوكمال أمام المسافرين للحد من انتشار فيروس كورونا.",
])
def test_a_crossing_closed_by_a_civil_office_is_no_blockade(gaz, body):
    assert "blockade" not in types_of(gaz, body)


def test_a_lead_without_a_place_is_not_put_at_the_correspondents_town(gaz):
    """'أغلق النظام معابر ...' then 'وأفادت مراسلة عنب بلدي في الحسكة أن معبر الطبقة أغلق': the
    correspondent is in al-Hasakah; the crossing is al-Tabqa's."""
    body = ("أغلق النظام معابر تربط مناطق سيطرته بمناطق سيطرة الإدارة الذاتية.\n\n"
            "وأفادت مراسلة عنب بلدي في الحسكة أن معبر الطبقة الذي تسيطر عليه الفرقة الرابعة أغلق اليوم.")
    assert ("blockade", "tabqa") in placed(gaz, body)


@pytest.mark.parametrize("body", [
    "توجهت فرق عسكرية من الفرقة الرابعة، التي يقودها ضابط من حمص، إلى ريف دير الزور الشرقي.",
    "واتجهت وحدات من الجيش السوري صباح اليوم نحو مدينة الميادين.",
])
def test_forces_heading_for_a_place_are_a_deployment(gaz, body):
    assert "deployment" in types_of(gaz, body)


@pytest.mark.parametrize(("body", "place"), [
    ("نفذ معتقلون من تنظيم داعش في سجن غويران بمدينة الحسكة، مساء اليوم، استعصاءً جديداً.", "ghwayran"),
    ("واندلعت أعمال شغب داخل سجن الرقة المركزي مساء الثلاثاء.", "raqqa"),
    ("وأحبطت قوى الأمن محاولة هروب جماعية لسجناء في سجن مدينة القامشلي.", "qamishli"),
])
def test_prisoners_rising_in_a_prison_are_a_riot(gaz, body, place):
    assert ("riot", place) in placed(gaz, body)
    assert INCIDENT_TYPES["riot"] == ("Riots", "Mob violence")


def test_a_call_for_civil_disobedience_is_no_riot(gaz):
    body = "ودعا ناشطون إلى عصيان مدني في سجن الأحلام الكبير، مدينة القامشلي، احتجاجاً على التجنيد."
    assert "riot" not in types_of(gaz, body)


def test_a_road_closed_for_no_force_is_no_blockade(gaz):
    body = "وأغلقت البلدية الطريق المؤدي إلى مركز مدينة الحسكة بسبب أعمال الصيانة."
    assert "blockade" not in types_of(gaz, body)


def test_mass_graves_said_to_be_uncovered_in_general_are_no_event(gaz):
    """A report's word on graves 'beginning to be uncovered' across a province names no grave,
    place or day: a careful reader maps none (unlike one grave found at a named place)."""
    body = ("وأشار التقرير إلى وجود مقابر جماعية منتشرة في مناطق عدة بالرقة بدأت تتكشف عقب عودة "
            "بعض الأسر إلى المحافظة.")
    assert run(gaz, body).incidents == []


def test_protests_during_which_people_were_killed_are_force_used_on_them(gaz):
    """'بعد احتجاجات ومظاهرات سقط خلالها قتلى وجرحى': force met the protest (an attack, the
    violence a reader maps); a fight's dead stay the fight's own."""
    body = ("تراجعت الإدارة الذاتية في مدينة منبج عن قانون التجنيد الذي فرضته، وذلك بعد احتجاجات "
            "ومظاهرات سقط خلالها قتلى وجرحى.")
    assert "attack" in [i.type for i in run(gaz, body).incidents]
    fight = "اندلعت اشتباكات في مدينة منبج اليوم سقط خلالها قتلى وجرحى."
    assert [i.type for i in run(gaz, fight).incidents] == ["armed_clash"]


@pytest.mark.parametrize("body", [
    "أضرم جنود جيش الاحتلال التركي النيران في المحاصيل الزراعية العائدة لفلاحي مدينة الدرباسية.",
    "كما أحرق مناصرو التنظيم نحو خمسة آلاف دونم من القمح قرب مدينة الدرباسية.",
    "اندلع حريق مفتعل من قبل جنود أتراك في الأراضي الزراعية القريبة من مدينة الدرباسية.",
])
def test_crops_set_on_fire_by_people_are_an_attack(gaz, body):
    """Crops burned by someone named ('أضرم جنود ... النيران في المحاصيل', 'أحرق مناصرو التنظيم
    ... دونم من القمح'): an attack on their owners, as homes set on fire are."""
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("attack", "darbasiyah")]


def test_a_fire_in_the_fields_with_no_one_who_set_it_is_no_attack(gaz):
    body = "اندلع حريق في محاصيل القمح قرب مدينة الدرباسية والتهم 130 دونماً."
    assert run(gaz, body).incidents == []


def test_control_wrested_is_a_capture(gaz):
    """'انتزعت، في وقت سابق هذا الأسبوع، السيطرة على مدينة منبج': the town taken."""
    body = "وذكرت رويترز أن فصائل موالية لتركيا انتزعت، في وقت سابق هذا الأسبوع، السيطرة على مدينة منبج."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("capture", "manbij")]


@pytest.mark.parametrize("body", [
    'أكد مصدر أمني أن خمسة أشخاص من "داعش" تمكنوا من الهروب من مخيم الهول ليلة الخميس – الجمعة.',
    "بينما أوقفت قوى الأمن الداخلي محاولة هروب لعائلات من مخيم الهول قبل وصولهم إلى السور.",
])
def test_an_escape_from_a_camp_or_a_prison_is_a_riot(gaz, body):
    """Escapes from a camp or a prison, done or tried, are mapped as prison breaks are."""
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("riot", "hol_camp")]


def test_people_fleeing_shelling_are_no_escape(gaz):
    body = "وفر المدنيون من القصف إلى أطراف مدينة الحسكة."
    assert [i.type for i in run(gaz, body).incidents] != ["riot"]


@pytest.mark.parametrize("body", [
    "وأكد البرنامج أن 93 ألف شخص سيستفيد من عمليات إنزال المساعدات جواً على مدينة دير الزور.",
    "واستأنفت الطائرات إنزال المساعدات الغذائية على الأحياء المحاصرة في مدينة دير الزور.",
])
def test_aid_dropped_from_the_air_is_no_raid(gaz, body):
    """'عمليات إنزال المساعدات جواً': aid dropped on a besieged city, not a heliborne raid."""
    assert "raid" not in [i.type for i in run(gaz, body).incidents]


def test_an_attempt_to_wrest_control_is_no_capture(gaz):
    """'ستتصدى لأي محاولة لانتزاع السيطرة على حقول النفط': wresting as a purpose, nothing taken."""
    body = "وأكدت وزارة الدفاع الأمريكية أن قواتها ستتصدى لأي محاولة لانتزاع السيطرة على مدينة الحسكة."
    assert "capture" not in [i.type for i in run(gaz, body).incidents]

"""What talks about events without reporting a new one: background retold around the news,
summaries in bullets, tallies, a speaker's view in quotes, a truce said to hold, intentions and
threats. Sentences written for these tests in the style of Arabic news."""

from __future__ import annotations

import re

import pytest

from geo.extract.folding import fold_letters
from geo.extract.rejections import background, opens_view_quote, tally
from tests.geo.extract.helpers import run


def _at(text: str, word: str) -> tuple[str, int]:
    folded = fold_letters(text)
    return folded, folded.index(fold_letters(word))


@pytest.mark.parametrize(("before", "no_event"), [
    # the negation among the last four words, after a long sentence (only its end is read)
    ("قالت مصادر محلية " * 20 + "إن القوات لم تشن ", True),
    ("قالت مصادر محلية لم تسمها " * 20 + "إن القوات شنت ", False),
    # 'أي' with a long run of spaces after it, and without the spaces
    ("سترد على أي" + " " * 300, True),
    ("سترد على أي" + "\n", True),
    ("سترد على الأيام ", False),
])
def test_a_long_sentence_is_read_at_its_end_for_negation_and_any(before: str, no_event: bool) -> None:
    from geo.extract.rejections import rejected

    text = fold_letters(before + "هجوما على القاعدة")
    start = len(fold_letters(before))
    assert rejected(text, start, start + len("هجوما")) is no_event


@pytest.mark.parametrize(("text", "word", "no_event"), [
    # the harm denied: the attack stands
    ("قصفت طائرات التحالف مواقع في هجين ولم تسجل إصابات", "قصفت", False),
    # the trigger itself is what was not recorded
    ("في وقت لم تسجل فيه أية غارات ليلية لسلاح الطيران", "غارات", True),
    ("ولم يسجل أي قصف على المدينة", "قصف", True),
])
def test_what_was_not_recorded(text: str, word: str, no_event: bool) -> None:
    from geo.extract.rejections import rejected

    folded, start = _at(text, word)
    assert rejected(folded, start, start + len(fold_letters(word))) is no_event


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("وكان مطار الرميلان قد عاد إلى الخدمة قبل أيام", "عاد", True),
    ("وسبق لنقاط الجيش المنتشرة بريف تل تمر، ومحاذاة الطريق، أن منعت دوريات أمريكية", "منعت", True),
    ("وفي وقت سابق، قصفت القوات التركية قرية تل جمعة", "قصفت", True),
    ("قصفت القوات التركية قرية تل جمعة، وكانت قد قصفت قرية أخرى", "قصفت قرية أخرى", True),
    # the news after 'قبل أن', a source that had reported, a time placed by the text
    ("وكانت القوات قد انسحبت من البلدة قبل أن تعود اليوم وتسيطر عليها", "تسيطر", False),
    ("وكان المرصد قد أفاد بأن رتلاً وصل إلى الحسكة", "وصل", False),
    ("وتعرضت القاعدة في وقت سابق من هذا العام لقصف روسي", "قصف", False),
    # an aside the outlet adds is background, unless it places its event in time
    ("يذكر أن صحيفة بريطانية قالت مؤخراً إن القوات الأمريكية أنشأت قاعدة", "أنشأت", True),
    ("يذكر أن القاعدة تعرضت في وقت سابق من هذا العام لقصف روسي", "قصف", False),
    ("قصفت القوات التركية قرية تل جمعة", "قصفت", False),
])
def test_background(text, word, expected):
    assert background(*_at(text, word)) is expected


def test_a_quotation_opened_after_a_view():
    said = "وأعرب الوزير عن تفاؤله وقال: «هناك معارك قليلة نسبياً."
    assert opens_view_quote(said, lambda k: fold_letters(said[:k]))
    closed = "وأعرب الوزير عن تفاؤله وقال: «هناك معارك قليلة»."
    assert not opens_view_quote(closed, lambda k: fold_letters(closed[:k]))
    reported = "وقال المرصد: «قصفت القوات التركية قرية تل جمعة."
    assert not opens_view_quote(reported, lambda k: fold_letters(reported[:k]))


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("وتعرضت القواعد الأمريكية لـ 135 هجوماً منذ 19 أكتوبر", "هجوما", True),
    ("وخرجت 7 محطات عن الخدمة جراء القصف خلال 24 ساعة", "القصف", True),
    ("وشنت الطائرات سبع غارات خلال الأسبوع الماضي على المنطقة", "غارات", True),
    ("وشنت الطائرات سبع غارات على قرية تل جمعة", "غارات", False),
    # counted over the whole country: a tally with no one place
    ("اشتملت العملية على 61 عملية دهم في مختلف المحافظات السورية", "دهم", True),
    ("نفذت قوات الأمن 61 مداهمة على مستوى البلاد", "مداهمه", True),
    ("نفذت قوات الأمن 20 مداهمة في بلدة الشحيل", "مداهمه", False),
])
def test_tally(text, word, expected):
    folded, start = _at(text, word)
    assert tally(folded, start, start + len(fold_letters(word))) is expected


def _types(gaz, body: str) -> list[tuple[str, str]]:
    return [(i.type, i.place.id) for i in run(gaz, body).incidents]


def test_undated_background_beside_the_news_is_no_new_incident(gaz):
    body = ("أوقف حاجز للجيش السوري رتلاً أمريكياً في بلدة تل تمر يوم الأحد.\n"
            "وسبق لحواجز الجيش السوري أن منعت دوريات أمريكية من عبور قرية تل شعير.")
    assert _types(gaz, body) == [("patrol_obstruction", "tal_tamr")]


def test_the_pluperfect_without_qad_is_background_too(gaz):
    body = ("أوقف حاجز للجيش السوري رتلاً أمريكياً في بلدة تل تمر يوم الأحد.\n"
            "وكانت قوات سوريا الديمقراطية فرضت سيطرتها على بلدة الدشيشة بريف الحسكة.")
    assert _types(gaz, body) == [("patrol_obstruction", "tal_tamr")]


def test_dated_background_is_an_earlier_incident_of_its_own(gaz):
    body = ("هبطت طائرة شحن أمريكية في مطار القامشلي يوم الأحد.\n"
            "وكانت القوات الأمريكية قد انسحبت من قاعدة صرين قبل أربعة أيام.")
    incs = run(gaz, body).incidents
    assert sorted(i.type for i in incs) == ["deployment", "withdrawal"]
    withdrawal = next(i for i in incs if i.type == "withdrawal")
    assert str(withdrawal.date_first) == "2023-08-11"


def test_background_alone_is_its_articles_news(gaz):
    assert [i.type for i in run(gaz, "وكانت طائرات تركية قد قصفت قرية تل جمعة.").incidents] == [
        "airstrike"]


def test_a_bullet_repeating_the_body_is_no_second_incident(gaz):
    body = ("ملخص:\n"
            "• طيران التحالف رد بغارة جوية استهدفت موقع إطلاق القذائف شمالي المدينة.\n\n"
            "شن طيران التحالف الدولي يوم الأحد غارة جوية استهدفت موقعاً شمالي مدينة الشدادي.")
    assert [i.type for i in run(gaz, body).incidents] == ["airstrike"]


def test_a_bullet_the_body_does_not_tell_stays_an_event(gaz):
    body = ("ملخص:\n"
            "• قصفت القوات التركية قرية تل جمعة يوم الأحد.\n\n"
            "وسيرت القوات الروسية دورية في ريف الدرباسية يوم الأحد.")
    assert sorted(i.type for i in run(gaz, body).incidents) == ["patrol", "shelling"]


def test_a_tally_beside_the_attack_it_counts(gaz):
    body = ("استهدفت الميليشيات الإيرانية قاعدة الشدادي بقذائف صاروخية يوم الأحد.\n"
            "وتعرضت القواعد الأمريكية في سوريا لـ 135 هجوماً منذ 19 تشرين الأول الماضي.")
    assert [i.type for i in run(gaz, body).incidents] == ["shelling"]


@pytest.mark.parametrize("body", [
    # a speaker's view in a quotation cut into sentences
    ("وأعرب وزير الخارجية عن تفاؤله بالوضع في مدينة تل تمر، وقال: «هناك معارك قليلة نسبياً. "
     "بعض القصف المتقطع بالأسلحة الخفيفة وبعض قذائف الهاون»."),
    # a truce said to hold: the violations it admits are no event
    "وكتب الرئيس في تغريدة أن وقف إطلاق النار صامد، موضحاً أن مواجهات محدودة وقعت قرب تل تمر.",
    # an intention, a threat
    "وسط معلومات حول نية الولايات المتحدة، إقامة قاعدة ثانية قرب مدينة عين العرب.",
    "وسط تهديدات وزير الخارجية التركي بشن هجوم بالمسيرات على مدينة عين العرب.",
    # threatening, an order to arrest: the order given, the act not told
    "وأصدرت قوات الأسايش تعميماً باعتقال عناصر الدفاع الوطني في مدينة الحسكة.",
    "وأصدرت النيابة مذكرة اعتقال بحق القيادي في مدينة القامشلي.",
    "وقالت الأسايش إن صبرها نفد، مهددةً بإطلاق حملة أمنية في مدينة القامشلي.",
    # a demand, a tally over a span the sentence opens with
    "وطالبت الإدارة الذاتية المجتمع الدولي بوقف الهجمات التركية على مدينة القامشلي.",
    "ومنذ بداية العام الجاري، نفذت المسيرات التركية أكثر من 50 غارة على مناطق ريف القامشلي.",
    # the cause of a protest is not told as an event
    "تظاهر أهالي مدينة القامشلي احتجاجاً على القصف التركي يوم الأحد.",
    # a trend, a habit 'from time to time'
    "وتأتي هذه التطورات في ظل تصاعد الهجمات التركية على قرى ريف القامشلي.",
    # unable to do it (a name in quotes does not end what the negation governs)
    "ويأتي ذلك وسط عجز \"قسد\" عن إلقاء القبض على منفذي الهجمات في مدينة الرقة.",
    "وتبدو قوات الأمن عاجزة عن وقف القصف على مدينة القامشلي.",
    # a rise in events, none of them told
    "وتشهد مناطق ريف دير الزور تصاعداً في الهجمات ضد قوات سوريا الديمقراطية.",
    "وشهدت مدينة القامشلي تزايداً في التحركات العسكرية الروسية خلال الأسابيع الأخيرة.",
    "وسقط جرحى مدنيون في ظل تجدد الاشتباكات بين مقاتلي العشائر وقسد في ريف دير الزور.",
    # the toll of many attacks, published as such
    "ونشرت مجلة النبأ اليوم الجمعة حصيلة هجمات التنظيم وعملياته في محافظة دير الزور.",
    # the future tense of sending or pulling out
    "وقال مسؤول إن واشنطن سترسل تعزيزات إلى قاعدة الشدادي خلال الأسابيع المقبلة.",
    "وأكدت المصادر أن القوات الأمريكية ستنسحب من قاعدة الشدادي.",
    # what is expected or scheduled, and what a force's aircraft are to do from there
    "ومن المنتظر أن يكون المطار منطلقاً للطائرات الأمريكية التي تقصف مواقع داعش في ريف دير الزور.",
    "ومن المقرر أن تصل تعزيزات أمريكية إلى قاعدة الشدادي.",
    "وتشهد المنطقة بين الحين والآخر اشتباكات بين قسد والعشائر في ريف دير الزور.",
    # a fear, a precaution, a habit
    "وتخشى قسد من هجوم تركي على مدينة عين العرب.",
    "وعبّر أهالي مدينة عامودا عن تخوفهم من اتفاق تركي روسي يشبه الاتفاق الذي وقع في تشرين الأول.",
    "وأبدى سكان مدينة عين العرب مخاوفهم من هجوم تركي على المدينة.",
    "ورفعت قسد جاهزيتها تحسباً لهجوم تركي على مدينة عين العرب.",
    "واعتادت القوات الروسية تسيير دوريات في ريف الدرباسية.",
    # 'any' attack, an accusation or a claim kept up over time
    "وأكد المتحدث أن القوات الأمريكية سترد على أي هجوم يستهدف قاعدة الشدادي.",
    "وتتهم تركيا قسد بشن هجمات على قواتها في ريف تل أبيض.",
    "وتزعم أنقرة أن قواتها ترد على هجمات قسد في ريف تل أبيض.",
    # one described as accused of it
    "وأثار افتتاح المعبر ردود أفعال في إسرائيل المتهمة بشن هجمات مؤخراً في منطقة البوكمال.",
    # a tally since a date
    "وأشار المرصد إلى تعرض القواعد الأمريكية في ريف دير الزور منذ تاريخ 19 أكتوبر لـ 124 هجوما.",
    # what a number counts
    "وارتفع عدد عناصر قسد الذين قتلوا في ريف دير الزور إلى 40 عنصرا.",
    "وبلغ إجمالي المواقع التي قصفتها الطائرات التركية في ريف القامشلي 50 موقعا.",
    # where a place lies, told after the news: geography
    "وتقع مدينة جرابلس في شمال شرق حلب وتتمركز على الضفة الغربية لنهر الفرات.",
    "ويبعد مطار القامشلي نحو 5 كم عن مركز المدينة حيث تنتشر قوات روسية.",
    # an aim, strengthening what is no force
    "وتأتي هذه الخطوة ضمن إجراءات واشنطن لتعزيز وجودها العسكري في مدينة تل أبيض.",
    "وتضمنت التدريبات في مدينة الحسكة تعزيز التنسيق بين القوات.",
    # a force's merit told in a relative clause
    "وأشاد البيان بدور قوات سوريا الديمقراطية التي حررت مدينة منبج من خطر تنظيم داعش.",
    # an interview, a meeting of people, a battleground feared
    "في لقاء مع موقع المونيتور الأمريكي، قال قائد قسد إن القوات الأمريكية لن تنسحب من مدينة الحسكة.",
    "وفي لقاء تلفزيوني، قال قائد قسد إن القوات الروسية والأمريكية في مدينة القامشلي لن تنسحب.",
    "وقال إنهم لا يرغبون أن تصبح مدينة القامشلي ساحة معركة بين القوات الأمريكية وإيران.",
    # an event as the point the news is measured from
    "وشهدت مدينة الحسكة مؤخراً أكبر عملية لتنظيم الدولة بعد معارك الباغوز.",
    "وهذه أول مرة تدخل فيها قوات النظام إلى مدينة منبج منذ معركة الباغوز.",
    "ولم تشهد مدينة الرقة هدوءاً مماثلاً منذ بدء الهجوم التركي على مدينة رأس العين.",
    # areas in general exposed to it
    "وتتعرض عدد من المناطق الخاضعة لسيطرة النظام لاسيما دمشق وحمص ودير الزور لسقوط قذائف هاون.",
])
def test_talk_about_events_is_no_event(gaz, body):
    assert [i.type for i in run(gaz, body).incidents if i.type != "protest"] == []


def test_the_fire_that_met_a_protest_is_news_not_its_cause(gaz):
    # 'احتجاجاً على ممارسات قسد' governs what was protested, not how the protest was met
    body = ("خرج عدد من الأهالي بمظاهرة في مدينة الشدادي يوم الأحد احتجاجاً على ممارسات قسد فقوبلت "
            "بعنف شديد من عناصر قسد الذين أطلقوا النار على الأهالي ما أدى إلى مقتل مدنيين اثنين.")
    assert sorted(i.type for i in run(gaz, body).incidents) == ["attack", "protest"]


def test_the_news_measured_against_an_earlier_event_stays(gaz):
    # the fiercest attack since the battle: the attack is news, the battle its yardstick
    body = "وقتل 5 عناصر من قسد في هجوم على حاجز في بلدة ذيبان يوم الأحد، في أعنف هجوم منذ معارك الباغوز."
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("armed_clash", "dhiban")]
    # an attack after another, with no measure between, is two events
    after = "قصفت القوات التركية بلدة عين عيسى يوم الأحد بعد هجوم على نقطة لها في بلدة تل أبيض."
    assert {i.place.id for i in run(gaz, after).incidents} == {"ayn_issa", "tal_abyad"}


def test_a_village_that_lies_somewhere_still_has_its_event(gaz):
    body = "استهدفت مسيرة تركية سيارة في قرية تقع جنوب مدينة القامشلي، ما أدى لمقتل شخصين."
    assert [i.type for i in run(gaz, body).incidents] == ["airstrike"]


def test_a_first_time_statement_does_not_hide_the_instance_it_gives(gaz):
    body = ("ويُشار إلى أنها ليست المرة الأولى التي تستهدف فيها المسيّرات التركية سيارات مدنية، "
            "ففي شهر تشرين الأول استهدفت طائرات مسيرة تركية سيارتين مدنيتين في مدينة كوباني.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("airstrike", "ain_al_arab")]
    first = "هذه هي المرة الأولى التي تقصف فيها القوات التركية، منذ شهر، قرية تل جمعة."
    assert run(gaz, first).incidents == []


def test_the_background_grammar_and_the_event_kinds_have_one_home():
    """Rejections (no news) and dating (no borrowed date) read one background grammar, from
    cues.toml; dating groups events by the kinds the triggers define."""
    from geo.extract import dating, rejections, triggers
    from geo.extract.cues import BACKGROUND_RE

    for text in ("وكانت القوات قد انسحبت", "وسبق لنقاط الجيش أن منعت", "في وقت سابق، قصفت"):
        assert BACKGROUND_RE.search(fold_letters(text))
    assert not BACKGROUND_RE.search(fold_letters("في وقت سابق من هذا العام"))
    assert dating.EVENT_KINDS is triggers.EVENT_KINDS
    assert dating.BACKGROUND_RE is rejections.BACKGROUND_RE
    assert not hasattr(dating, "_KINDS") and not hasattr(rejections, "_BACKGROUND_RE")


@pytest.mark.parametrize("aside", [
    "وتجدر الإشارة إلى أن صحيفة بريطانية قالت مؤخراً إن القوات الأمريكية أنشأت قاعدة في مطار القامشلي.",
    "يذكر أن القوات الأمريكية كانت أنشأت قاعدة عسكرية في مطار القامشلي.",
    "والجدير بالذكر أن القوات الأمريكية أنشأت قاعدة عسكرية قرب مطار القامشلي.",
])
def test_an_aside_beside_the_news_is_background(gaz, aside):
    body = "أوقف حاجز للجيش السوري رتلاً أمريكياً في بلدة تل تمر يوم الأحد.\n" + aside
    assert _types(gaz, body) == [("patrol_obstruction", "tal_tamr")]


def test_a_summary_of_months_beside_the_news_is_no_event(gaz):
    body = ("سيرت الشرطة العسكرية الروسية دورية في ريف الدرباسية يوم الأحد.\n"
            "وخلال الأشهر الثلاثة الماضية، تمركزت الشرطة العسكرية الروسية في 10 نقاط قرب مدينة القامشلي.")
    assert [i.type for i in run(gaz, body).incidents] == ["patrol"]
    # a day's span dates the event it tells: 'خلال 24 ساعة' is no summary
    incs = run(gaz, "قصفت المدفعية التركية قرية تل جمعة خلال الساعات الـ24 الماضية.").incidents
    assert [i.type for i in incs] == ["shelling"]


def test_summed_up_spans():
    from geo.extract.rejections import summed_up

    for text, word in (("وخلال الأشهر الثلاثة الماضية، تمركزت الشرطة", "تمركزت"),
                       ("ومنذ بداية العام نفذت المسيرات غارات", "نفذت"),
                       ("وعلى مدى سنوات عدة انتشرت القوات", "انتشرت")):
        assert summed_up(*_at(text, word)), text
    assert not summed_up(*_at("وخلال 24 ساعة الماضية قصفت المدفعية", "قصفت"))


def test_a_deed_summed_up_over_a_span_told_after_it(gaz):
    from geo.extract.rejections import summed_up_after

    for text, word in (("اعتقلت قسد نحو 4 آلاف شاب في كل من الحسكة وحلب والرقة منذ بداية الشهر الجاري",
                        "اعتقلت"),
                       ("وطردت داعش من مساحة شاسعة في شمال سوريا على مدى السنوات الأربع الماضية", "وطردت")):
        assert summed_up_after(*_at(text, word)), text
    # what came before it is no span it sums up: the capture is an event of its own
    assert not summed_up_after(*_at("وسيطرت القوات على حي المشلب بعد أيام من إعلان بدء المعركة", "وسيطرت"))
    # a span in another clause sums up nothing of this one
    other_clause = "اعتقلت قسد 5 شبان في الحسكة, وكانت قد بدأت حملتها منذ بداية الشهر"
    assert not summed_up_after(*_at(other_clause, "اعتقلت"))
    body = ("شنت قسد حملة دهم في بلدة الشحيل يوم الأحد.\n"
            "واعتقلت قسد نحو 4 آلاف شاب في كل من الحسكة والرقة ودير الزور منذ بداية الشهر الجاري.")
    assert _types(gaz, body) == [("raid", "shuhayl")]


def test_a_tally_written_with_the_verb_pattern_is_still_a_tally(gaz):
    """'القصف' after the article is a noun even where the lexicon's row is the verb's."""
    body = ("خرجت 5 محطات كهربائية عن الخدمة جراء القصف التركي خلال 24 ساعة الماضية.\n"
            "وقصفت المدفعية التركية محطة الكهرباء في قرية تل جمعة يوم الأحد.")
    assert _types(gaz, body) == [("shelling", "tal_jumaa")]


def test_a_sentence_of_context_names_the_news_told_before(gaz):
    body = ("قصفت المدفعية التركية قرية تل جمعة يوم الأحد.\n"
            "ويأتي التصعيد في عمليات القصف على ريف تل تمر بعد ساعات من تهديدات وزير الخارجية التركي.")
    assert _types(gaz, body) == [("shelling", "tal_jumaa")]
    # what the news came after may be an event of its own
    body = ("قصفت المدفعية التركية قرية تل جمعة يوم الأحد.\n"
            "ويأتي هذا القصف بعد ساعة من استهداف مسيرة تركية سيارة في مدينة القامشلي.")
    assert sorted(t for t, _ in _types(gaz, body)) == ["airstrike", "shelling"]


@pytest.mark.parametrize("second", [
    # a count of times that includes the news, a count of attacks over a span
    "وتعد هذه المرة الثانية خلال أسبوع التي تتعرض فيها قرية تل جمعة لقصف تركي.",
    "وتعرضت قرية تل جمعة لعدة هجمات منذ بداية العام.",
    # a bare 'الهجوم' recalls the violent event told before, whatever its type
    "ولم تعلق القوات التركية على الهجوم على قرية تل جمعة حتى الآن.",
    # an ordinal before the noun, an earlier attack or one like it, with no day of its own
    "وهذا ثاني هجوم يستهدف قرية تل جمعة خلال أسبوع.",
    "وأسفر هجوم سابق على قرية تل جمعة عن إصابة مدنيين.",
    "وشهدت المنطقة هجمات مماثلة في الأشهر الماضية على قرية تل جمعة.",
])
def test_counts_and_a_bare_attack_noun_retell_the_news(gaz, second):
    body = "قصفت المدفعية التركية قرية تل جمعة يوم الأحد.\n" + second
    assert _types(gaz, body) == [("shelling", "tal_jumaa")]


def test_history_beside_the_news_is_background_alone_it_is_the_news(gaz):
    old = "وسيطرت القوات التركية على مدينة تل أبيض في تشرين الأول 2019."
    body = "قصفت المدفعية التركية قرية تل جمعة يوم الأحد.\n" + old
    assert _types(gaz, body) == [("shelling", "tal_jumaa")]
    # a date within the year before the publication is an earlier event of its own
    recent = ("قصفت المدفعية التركية قرية تل جمعة يوم الأحد.\n"
              "وسيطرت القوات التركية على مدينة تل أبيض في آذار 2023.")
    assert sorted(t for t, _ in _types(gaz, recent)) == ["capture", "shelling"]
    assert [t for t, _ in _types(gaz, old)] == ["capture"]


def test_the_latest_of_habitual_attacks_is_an_event_of_its_own(gaz):
    """'تتعرض القاعدة باستمرار لهجمات ... كان آخرها في 20 كانون الثاني': the latest is told."""
    habit = "تتعرض قاعدة التنف باستمرار لهجمات بطائرات مسيرة"
    assert run(gaz, habit + ".").incidents == []
    incs = run(gaz, habit + "، والتي كان آخرها في 20 كانون الثاني الماضي.").incidents
    assert [(i.type, i.place.id, i.date) for i in incs] == [("airstrike", "tanf_base", "2023-01-20")]


def test_the_latest_act_after_a_condemnation_of_the_practice_is_told(gaz):
    """'رغم الإدانات الواسعة لعمليات خطف القاصرين ... لا يزال مسلحو pyd يواصلون ...، كان آخرها
    خطف القاصرة سيلفا ... في حي الشيخ مقصود': the practice is talk, its latest act is news."""
    talk = ("رغم الادانات الواسعة لعمليات خطف القاصرين والقاصرات وتجريمها وفق القانون الدولي وحقوق "
            "الانسان لايزال مسلحي pyd وبمختلف تسمياتهم تواصل القيام بهذا العمل الترهيبي بحق الأطفال")
    assert run(gaz, talk + ".").incidents == []
    latest = talk + " كان آخرها خطف القاصرة سيلفا التي تم اختطافها في حي الشيخ مقصود."
    assert [(i.type, i.place.id) for i in run(gaz, latest).incidents] == [("arrest", "sheikh_maqsoud")]


@pytest.mark.parametrize("times", ["مرات عدة", "عدة مرات", "مرات متعددة"])
def test_a_strike_told_as_repeated_is_a_habit(gaz, times):
    body = f"ويذكر أن القوات التركية قصفت قرى ريف تل تمر {times} خلال الشهر الماضي."
    assert run(gaz, body).incidents == []



@pytest.mark.parametrize("often", ["بشكل شبه يومي", "بصورة شبه يومية", "بشكل يومي"])
def test_clashes_almost_every_day_are_a_state_of_things(gaz, often):
    body = f"وتشهد خطوط التماس في ريف تل تمر اشتباكات بالأسلحة الخفيفة {often}."
    assert run(gaz, body).incidents == []


@pytest.mark.parametrize(("body", "events"), [
    # one act told done, repeated within itself: the town was shelled again and again
    ("وقالت الوكالة إن بلدة تل تمر، شمال الحسكة، تعرضت لقصف متكرر.", 1),
    # repeatedly, on a day the sentence tells: the day's news
    ("ومنذ فجر اليوم، حاولت قوات سوريا الديمقراطية بشكل متكرر اقتحام بلدة ذيبان.", 1),
    # the present tense, or over years: a habit
    ("وتتعرض بلدة تل تمر لقصف متكرر.", 0),
    ("وتعرضت بلدة تل تمر لقصف متكرر منذ سنوات.", 0),
    # the plural: many attacks, summed up
    ("وتعرضت بلدة تل تمر لهجمات متكررة.", 0),
])
def test_repeated_within_one_act_or_one_day_is_news(gaz, body, events):
    assert len(run(gaz, body).incidents) == events


def test_the_pluperfect_may_name_its_actors_at_length_before_the_verb(gaz):
    """'وكان أهالي قرية حامو في ريف القامشلي الشرقي اعترضوا، يوم 19 الشهر الحالي': the
    background event's own day sets it apart from the news told today."""
    body = ("منعت قوات الجيش السوري رتلاً أمريكياً من العبور إلى مدينة القامشلي.\n"
            "وكان أهالي قرية حامو في ريف القامشلي الشرقي اعترضوا، عصر يوم 10 الشهر الحالي، رتلاً أمريكياً.")
    incs = run(gaz, body).incidents
    assert sorted(str(i.date) for i in incs if i.type == "patrol_obstruction") == ["2023-08-10", "2023-08-15"]


@pytest.mark.parametrize(("body", "events"), [
    # what a demand answers is told as fact
    ("طالبت قسد التحالف بتشكيل منطقة حظر للطيران بعد قصف الطيران التركي نقطة لها في بلدة عين عيسى.",
     1),
    ("هددت قسد بالرد على خلفية هجوم استهدف حاجزاً لها في بلدة عين عيسى أمس.", 1),
    # what a threat or a demand speaks of is not
    ("هددت تركيا بقصف مواقع قسد في بلدة عين عيسى.", 0),
    ("طالبت قسد بوقف القصف على بلدة عين عيسى.", 0),
    # nor what a 'whether' asks about, 'بعد' or not
    ("ولا يعلم ما إذا كانت السيطرة على بلدة عين عيسى جاءت بعد اشتباكات.", 0),
])
def test_a_demand_or_a_threat_and_what_it_answers(gaz, body, events):
    assert len(run(gaz, body).incidents) == events


def test_reported_continuing_clashes_are_todays_news(gaz):
    body = ("أفادت مصادر باستمرار الاشتباكات داخل بلدة ذيبان بين مقاتلي العشائر وقوات قسد التي "
            "تحاول اقتحام البلدة منذ ساعات.")
    incs = run(gaz, body).incidents
    assert incs and {i.place.id for i in incs} == {"dhiban"}
    assert all(i.date == "2023-08-15" for i in incs)


@pytest.mark.parametrize("body", [
    "سمعت اليوم أصوات انفجارات قوية داخل مدينة الحسكة، تبين أنها ناجمة عن تدريبات عسكرية بالذخيرة الحية.",
    "وسمعت أصوات انفجارات في أرجاء مدينة دير الزور اليوم، حيث قال مصدر عسكري إن ما جرى ناجم عن "
    "تدريبات عسكرية في معسكر الطلائع.",
])
def test_blasts_heard_that_were_a_drill_are_no_explosion(gaz, body):
    assert "explosion" not in [i.type for i in run(gaz, body).incidents]


def test_a_blast_that_hurt_people_is_still_one(gaz):
    body = "انفجرت عبوة ناسفة اليوم في مدينة الحسكة ما أدى لإصابة شخصين."
    assert "explosion" in [i.type for i in run(gaz, body).incidents]


@pytest.mark.parametrize("body", [
    "ويسود ترقب في مدينة القامشلي اليوم في ظل التهديدات التركية المتواصلة بشن هجوم ضد قسد.",
    "ويأتي ذلك وسط توتر متصاعد في ريف منبج اليوم، في ظل المخاوف من اندلاع مواجهات.",
    "وينص الاتفاق على انسحاب الفصائل الموالية لتركيا من محيط سد تشرين.",
    "وأعلن الطرفان اليوم عن اتفاق يقضي بانسحاب قسد من مدينة منبج.",
])
def test_threats_fears_and_the_terms_of_a_deal_tell_no_event(gaz, body):
    assert [i.type for i in run(gaz, body).incidents if i.type != "agreement"] == []


def test_a_withdrawal_under_a_deal_is_still_one(gaz):
    body = "وانسحبت الفصائل الموالية لتركيا من محيط سد تشرين اليوم، تنفيذاً لاتفاق يقضي بذلك."
    assert [i.type for i in run(gaz, body).incidents] == ["withdrawal"]


def test_a_question_tells_no_event(gaz):
    body = "إلى متى ستستمر خلايا تنظيم داعش بتنفيذ الهجمات ضد قوات النظام في ريف الرقة؟"
    assert run(gaz, body).incidents == []


def test_a_stray_question_mark_is_no_question(gaz):
    body = "سيّرت القوات الروسية أمس دورية عسكرية قرب بلدة القحطانية بريف القامشلي?"
    assert [i.type for i in run(gaz, body).incidents] == ["patrol"]


@pytest.mark.parametrize("body", [
    "قال الوزير إن البلدين سيجريان محادثات تتناول خارطة طريق لانسحاب المسلحين الأكراد من منبج.",
    "واتفقت تركيا والولايات المتحدة على خارطة طريق بشأن انسحاب وحدات حماية الشعب من منبج.",
    "وبحث الطرفان جدولاً زمنياً لانسحاب القوات الأمريكية من قاعدة التنف.",
    # a decision to pull out, the pulling out right after it
    "وجاء ذلك بعد قرار الرئيس الأمريكي سحب بعض القوات الأمريكية من قاعدة التنف.",
])
def test_a_roadmap_a_timetable_or_a_decision_is_for_what_is_yet_to_be_done(gaz, body):
    assert run(gaz, body).incidents == []


def test_a_withdrawal_done_to_carry_out_a_decision_is_done(gaz):
    body = "وتنفيذاً لقرار الرئيس، انسحبت القوات الأمريكية من قاعدة التنف."
    assert [i.type for i in run(gaz, body).incidents] == ["withdrawal"]


def test_a_part_of_a_kind_is_told_new_though_its_noun_is_definite(gaz):
    """'وصلت قافلة من التعزيزات العسكرية إلى قاعدة حقل العمر': a convoy of reinforcements, new
    news; 'هذه الدفعة من التعزيزات' points back."""
    from geo.extract.rejections import is_anaphoric

    folded, start = _at("وصلت قافلة من التعزيزات العسكرية إلى قاعدة حقل العمر", "تعزيزات")
    m = re.compile("تعزيزات").match(folded, start)
    assert not is_anaphoric(folded, m)
    folded, start = _at("ووصلت هذه الدفعة من التعزيزات إلى القاعدة", "تعزيزات")
    assert is_anaphoric(folded, re.compile("تعزيزات").match(folded, start))


@pytest.mark.parametrize(("body", "expected"), [
    # an intention, then what was done beside it, after ', كما': the done one is news
    ("وكان التحالف الدولي أبلغ قسد عن نيته الانسحاب من قاعدته قرب منبج، كما أنهم انسحبوا بالفعل "
     "من مواقعهم في بلدة عين عيسى بريف الرقة الشمالي.", ["ayn_issa"]),
    # both told as intended: nothing done
    ("أبلغ التحالف الدولي قسد عن نيته الانسحاب من قاعدته قرب منبج، كما ينوي الانسحاب من بلدة عين عيسى.",
     []),
])
def test_a_deed_told_beside_an_intention_after_kama_is_done(gaz, body, expected):
    assert [i.place.id for i in run(gaz, body).incidents if i.type == "withdrawal" and i.place] == expected


@pytest.mark.parametrize(("text", "anaphoric"), [
    # one of the events a summary counted, told in detail: new
    ("وأوضح البيان أن الهجوم الأول استهدف نقطة عسكرية في بلدة الجزرات", False),
    ("في حين وقع الهجوم الثاني عبر تفجير سيارة عسكرية في بلدة ذيبان", False),
    # the event told counted among others: it refers back
    ("وهو الهجوم الثاني على القاعدة خلال أسبوع", True),
    ("ويعد الهجوم الثالث من نوعه خلال الشهر الجاري", True),
])
def test_an_ordinal_after_an_event_noun_tells_one_of_the_events_counted(text, anaphoric):
    from geo.extract.rejections import is_anaphoric

    folded, start = _at(text, "الهجوم")
    assert is_anaphoric(folded, re.compile("الهجوم").match(folded, start)) is anaphoric


def test_the_toll_of_one_attack_is_still_that_attack(gaz):
    """'حصيلة الهجوم' (singular) is the toll of one attack, which may be the news itself."""
    body = "ارتفعت حصيلة الهجوم الانتحاري على حاجز لقسد في مدينة الشدادي اليوم إلى 10 قتلى."
    assert [i.place.id for i in run(gaz, body).incidents] == ["shaddadi"]


def test_the_events_told_after_a_trend_stand(gaz):
    """'تشهد المنطقة تصاعداً في الهجمات، فقد قالت مصادر إن مسلحين قتلا بهجوم ...': the trend is
    no event, the attack it is shown by is one."""
    body = ("تشهد مناطق ريف الرقة تصاعداً في الهجمات ضد قسد، فقد قالت مصادر محلية إن عنصرين من قسد"
            " قتلا بهجوم شنه مجهولون استهدف سيارة عسكرية قرب مدينة الطبقة.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("armed_clash", "tabqa")]


def test_who_probably_did_it_is_no_forecast(gaz):
    """'مجهولين يرجح أنهم تابعون لتنظيم داعش هاجموا مدنياً': the attackers' likely side, not an
    attack expected."""
    body = ("قالت مصادر إن مجهولين يرجح أنهم تابعون لتنظيم داعش هاجموا مدنياً في بلدة ذيبان شرق"
            " دير الزور، ما أدى إلى مقتله.")
    assert [i.place.id for i in run(gaz, body).incidents if i.place] == ["dhiban"]


def test_what_todays_news_came_in_is_its_setting(gaz):
    """'وجاءت تظاهرات اليوم، على خلفية فرض التجنيد، حيث عمدت قسد على احتجاز الشباب': the
    protests told before, and why they came; the arrests of the week are their setting."""
    body = ("خرج أهالي بلدة الشحيل اليوم في تظاهرات ضد قسد. "
            "وجاءت تظاهرات اليوم، على خلفية فرض قسد التجنيد الإجباري، حيث عمدت قسد منذ أسبوع على"
            " احتجاز الشباب على حواجزها في بلدة البصيرة.")
    kinds = [(i.type, i.place.id if i.place else None) for i in run(gaz, body).incidents]
    assert ("protest", "shuhayl") in kinds and "arrest" not in [k for k, _ in kinds], kinds


def test_what_a_week_saw_is_a_summary_beside_the_news(gaz):
    """'شهد الأسبوع الفائت تصعيداً لهجمات ... بحيث شملت مناطق منبج وعين عيسى، قصف مكثف': a
    week summed up (its escalation a trend) beside the attack the article reports."""
    body = ("تصدت قوات سوريا الديمقراطية فجر اليوم لهجوم على قرية الدبس قرب مدينة عين عيسى. "
            "وقال المتحدث: شهد الأسبوع الفائت تصعيداً لهجمات القوات التركية باتجاه مناطقنا، بحيث"
            " شملت مناطق منبج وعين عيسى، قصف مكثف استهدف القرى المأهولة بالسكان.")
    places = [i.place.id for i in run(gaz, body).incidents if i.place is not None]
    assert "manbij" not in places, places


def test_what_a_meeting_discussed_is_no_event(gaz):
    """'عقد قائد قسد اجتماعاً مع قيادات دير الزور، ناقش خلاله العمليات ضد خلايا داعش، وهجمات
    المليشيات، وتعزيز الأمن': the meeting's topics."""
    body = ('وعقد قائد "قسد" مظلوم عبدي اليوم اجتماعاً مع قيادات دير الزور، ناقش خلاله العمليات ضد خلايا '
            'تنظيم "داعش"، وهجمات المليشيات التابعة للنظام، وتعزيز الأمن في المنطقة.')
    assert run(gaz, body).incidents == []


def test_an_instance_a_source_tells_after_the_setting_is_news(gaz):
    """'تأتي هذه التطورات في ظل تصاعد تضييق تمارسه قسد على المدنيين، حيث أكد ناشطون أن أحد حواجز
    الميليشيات أطلق الرصاص، أمس، على أحد المدنيين في مدينة الطبقة': the setting is talk, the
    shooting the activists tell is an event (with its comma-wrapped day)."""
    setting = "تأتي هذه التطورات في ظل تصاعد تضييق تمارسه قسد على المدنيين"
    assert run(gaz, setting + " في مدينة الطبقة.").incidents == []
    body = setting + ("، حيث أكد ناشطون أن أحد حواجز الميليشيات أطلق الرصاص، أمس، على أحد المدنيين "
                      "في مدينة الطبقة.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("attack", "tabqa")]

"""geo.extract.casualties: killed and injured stated in a sentence.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import pytest

from tests.geo.extract.helpers import one

# --- casualties --------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "killed", "injured"), [
    ("قصفت طائرات تركية قرية قرب عامودا، ما أسفر عن مقتل 3 مدنيين وإصابة خمسة آخرين.", 3, 5),
    ("قتل شخص خلال مداهمة في بلدة الشحيل.", 1, None),
    ("أسفر هجوم صاروخي على حقل العمر عن إصابة أربعة جنود أمريكيين.", None, 4),
    ("قتل ثلاثة جنود أتراك وأصيب اثنان آخران بهجوم صاروخي قرب منبج.", 3, 2),
    ("هاجمت خلايا داعش حاجزاً في بلدة الشحيل، ما أدى لمقتل عنصرين.", 2, None),
    ("نحو 20 قتيلا وعشرات الجرحى بقصف النظام على ريف إدلب.", 20, None),
    ("وأضاف أن القيادي قتل خلال مداهمة في ذيبان وأصيب أحد مرافقيه.", 1, 1),
    ("أودت الغارة الجوية التي استهدفت سيارة قرب القامشلي بحياة قيادي.", 1, None),
    ("قصفت مسيّرة تركية موقعاً قرب عامودا دون وقوع إصابات.", None, None),
    ("وبحسب البيان لم يقتل أو يصب أي مدني خلال مداهمة في ذيبان.", None, None),
])
def test_casualties(gaz, body, killed, injured):
    inc = one(gaz, body)
    assert (inc.fatalities, inc.injuries) == (killed, injured)


def test_vague_numbers_are_noted_not_counted(gaz):
    inc = one(gaz, "عشرات الجرحى بقصف مدفعي على ريف عين عيسى.")
    assert inc.injuries is None and any("no number" in n for n in inc.notes)


@pytest.mark.parametrize(("sentence", "killed", "injured"), [
    # 'one more': an ordinal or 'آخر' after the verb counts one person
    ("انفجرت عبوة ناسفة بسيارة لقسد قرب بلدة ذيبان، ما أدى إلى مقتل عنصرين وأصيب ثالث بجروح.", 2, 1),
    ("قتل عنصر من الأسايش وجرح آخر بهجوم مسلح في مدينة الحسكة.", 1, 1),
    ("قتل جنديان وأصيب اثنان آخران برصاص قناص قرب دير حافر.", 2, 2),
    # 'met their death'
    ("ولقي 4 عناصر من قوات النظام مصرعهم بانفجار لغم في بادية البوكمال.", 4, None),
    ("لقي مدني حتفه بقصف مدفعي على قرية قرب عين عيسى.", 1, None),
    # 'سقوط' counts what follows it: the dead, or the wounded
    ("أسفر القصف التركي عن سقوط ثلاثة قتلى في ريف الدرباسية.", 3, None),
    ("أسفر القصف عن سقوط 6 جرحى من المدنيين في بلدة تل تمر.", None, 6),
])
def test_common_casualty_forms(gaz, sentence, killed, injured):
    inc = one(gaz, sentence)
    assert (inc.fatalities, inc.injuries) == (killed, injured)


@pytest.mark.parametrize("sentence", [
    "أسفر انفجار السيارة المفخخة عن مقتل وجرح 9 أشخاص في مدينة منبج.",
    "سقط 12 قتيلاً وجريحاً بقصف على بلدة هجين.",
])
def test_killed_and_injured_together_are_noted_not_split(gaz, sentence):
    inc = one(gaz, sentence)
    assert (inc.fatalities, inc.injuries) == (None, None)
    assert any("together" in n for n in inc.notes)


@pytest.mark.parametrize(("sentence", "killed", "injured"), [
    # the verb of martyrdom, duals with no number, a count after 'و', the number after its noun
    ("استشهد 3 مدنيين بقصف تركي على قرية قرب عامودا.", 3, None),
    ("سقوط قتيلين وجريحين بقصف تركي على قرية قرب عامودا.", 2, 2),
    ("قتيلان و3 جرحى بقصف تركي على قرية قرب عامودا.", 2, 3),
    ("لقي عنصران من قسد مصرعهما بانفجار لغم قرب بلدة ذيبان.", 2, None),
    ("أسفرت الغارة التركية قرب عامودا عن مقتل مدنيين اثنين.", 2, None),
    ("قتلت القوات التركية 3 عناصر من قسد قرب بلدة عين عيسى.", 3, None),
])
def test_more_casualty_forms(sentence, killed, injured):
    from geo.extract.casualties import casualties
    from geo.extract.folding import fold_letters

    found = casualties(fold_letters(sentence))
    assert found[:2] == (killed, injured)


def test_a_sentence_counted_again_gives_the_same_counts_and_a_fresh_list_of_notes() -> None:
    from geo.extract.casualties import casualties
    from geo.extract.folding import fold_letters

    text = fold_letters("أسفر القصف عن مقتل وجرح 7 عناصر وسقوط قتيلين")
    first = casualties(text)
    first[2].insert(0, "trigger: قصف")  # the caller adds its own note
    again = casualties(text)
    assert again[:2] == first[:2] == (2, None)
    assert again[2] == first[2][1:] and again[2] is not first[2]
